##! The version of Zeek that is running, so that scripts can depend on
##! it: :zeek:see:`Version::info` and :zeek:see:`Version::number`.
##!
##! rzeek reports the Zeek version whose behaviour it implements (see
##! :zeek:see:`zeek_version`), 9.1.0, not its own version number.

module Version;

export {
	## A Zeek version, taken apart.
	type VersionDescription: record {
		## The version as one comparable number, ABBCC: major, then two
		## digits of minor, two of patch level (2.4.1 is 20401).
		version_number: count;
		## The major version (2 of 2.5).
		major: count;
		## The minor version (5 of 2.5).
		minor: count;
		## The patch level (1 of 2.4.1; 0 when not given).
		patch: count;
		## For development versions, the commit number: before 3.0 the
		## commits after a release ("2.4-12"), from 3.0 on the commits into
		## the next one ("3.1.0-dev.37"); 0 otherwise.
		commit: count;
		## Whether it is a beta or release candidate ("-beta", "-rc").
		beta: bool;
		## Whether it is a debug build ("-debug").
		debug: bool;
		## A local suffix ("-foo" at the end), without its dash.
		localversion: string;
		## The text it was parsed from.
		version_string: string;
	};

	## Takes a version string apart.
	##
	## version_string: such as "4.2.1" or "3.1.0-dev.37".
	##
	## Returns: its parts; all zero (and an error reported) if it is not a
	##          version string.
	global parse: function(version_string: string): VersionDescription;

	## Whether the running version is the given one or later.
	##
	## version_string: the version to compare with.
	##
	## Returns: T if the running version's number is at least its number.
	global at_least: function(version_string: string): bool;
}

# What a version string may look like, as a whole.
const version_shape = /[0-9]+\.[0-9]+(\.[0-9]+)?(-(beta|rc|dev)[0-9]*)?(\.[0-9]+)?(-[a-zA-Z0-9_\.]+)?(-debug)?/;

function parse(version_string: string): VersionDescription
	{
	if ( version_shape != version_string )
		{
		Reporter::error(fmt("Version string %s cannot be parsed", version_string));
		return VersionDescription($version_number=0, $major=0, $minor=0, $patch=0,
		                          $commit=0, $beta=F, $debug=F, $localversion="",
		                          $version_string=version_string);
		}

	local rest = version_string;

	# Major and minor: the digits before and after the first dot.
	local major = to_count(split_string1(rest, /\./)[0]);
	rest = lstrip(lstrip(rest, "0123456789"), ".");
	local minor = to_count(split_string1(rest, /[-.]/)[0]);
	rest = lstrip(rest, "0123456789");

	local patch = 0;
	local commit = 0;
	local local_part = "";

	if ( rest != "" )
		{
		if ( rest[0] == "." )
			{
			rest = lstrip(rest, ".");
			patch = to_count(split_string1(rest, /[-.]/)[0]);
			rest = lstrip(rest, "0123456789");
			}

		# Drop the markers already accounted for.
		rest = gsub(rest, /-debug$/, "");
		rest = gsub(rest, /-(beta|rc|dev)[0-9]*/, "");

		local suffix = find_last(rest, /-[a-zA-Z0-9_\.]+$/);
		if ( suffix != "" )
			{
			local_part = lstrip(suffix, "-");
			rest = gsub(rest, /-[a-zA-Z0-9_\.]+$/, "");
			}

		# What may remain is ".N", the commit.
		rest = lstrip(rest, ".");
		if ( rest != "" )
			commit = to_count(rest);
		}

	return VersionDescription($version_number=major * 10000 + minor * 100 + patch,
	                          $major=major, $minor=minor, $patch=patch,
	                          $commit=commit,
	                          $beta=/-(beta|rc)/ in version_string,
	                          $debug=/-debug/ in version_string,
	                          $localversion=local_part,
	                          $version_string=version_string);
	}

export {
	## The running version of Zeek, taken apart.
	const info = Version::parse(zeek_version());

	## The running version as one number, ABBCC (see
	## :zeek:see:`Version::VersionDescription`).
	const number = info$version_number;
}

function at_least(version_string: string): bool
	{
	return number >= parse(version_string)$version_number;
	}
