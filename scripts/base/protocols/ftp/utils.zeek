##! FTP URLs: the file a command names, resolved against the session's
##! working directory, as ftp://server/path.

@load ./info
@load base/utils/addrs
@load base/utils/paths

module FTP;

export {
	## The server and path of the command's argument (no scheme); empty
	## without an argument.
	global build_url: function(rec: Info): string;

	## The same with the ftp:// scheme.
	global build_url_ftp: function(rec: Info): string;

	## The URL, as a description of the session's current file.
	global describe: function(rec: Info): string;
}

function build_url(rec: Info): string
	{
	if ( ! rec?$arg )
		return "";

	local path = build_path_compressed(rec$cwd, rec$arg);
	if ( ! starts_with(path, "/") )
		path = "/" + path;
	return addr_to_uri(rec$id$resp_h) + path;
	}

function build_url_ftp(rec: Info): string
	{
	return "ftp://" + build_url(rec);
	}

function describe(rec: Info): string
	{
	return build_url_ftp(rec);
	}
