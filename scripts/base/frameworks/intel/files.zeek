##! Intelligence about files: file hashes and names as indicators, and
##! the file a sighting came from in intel.log.

@load ./main

module Intel;

export {
	redef enum Type += {
		## A file hash, of any hash function (sightings say which
		## they look up).
		FILE_HASH,
		## A file name, where a protocol names its files.
		FILE_NAME,
	};

	redef record Seen += {
		## The file the sighting came from, if any.
		f:              fa_file  &optional;
		## That file's id (taken from *f* when that is given).
		fuid:           string   &optional;
	};

	redef record Info += {
		## The id of the file the match came from.
		fuid:           string   &log &optional;
		## That file's MIME type (from *f* when it is known).
		file_mime_type: string   &log &optional;
		## A short description of that file (from *f*).
		file_desc:      string   &log &optional;
	};
}

# Before the defaults (priority 5): a file carried by a single
# connection gives the sighting that connection too.
hook extend_match(info: Info, s: Seen, items: set[Item]) &priority=6
	{
	if ( s?$f )
		{
		local f = s$f;
		s$fuid = f$id;

		if ( f?$conns && |f$conns| == 1 )
			for ( _, c in f$conns )
				s$conn = c;

		if ( ! info?$file_mime_type && f?$info && f$info?$mime_type )
			info$file_mime_type = f$info$mime_type;
		if ( ! info?$file_desc )
			info$file_desc = Files::describe(f);
		}

	if ( s?$fuid )
		info$fuid = s$fuid;
	}
