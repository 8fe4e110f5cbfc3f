##! Files as intelligence: file hashes and names as indicator kinds, and
##! the file's details in intel.log.

@load ./main

module Intel;

export {
	redef enum Type += {
		## A file's hash (MD5, SHA-1 or SHA-256).
		FILE_HASH,
		## A file's name.
		FILE_NAME,
	};

	redef record Seen += {
		## The file the value was seen in.
		f:              fa_file  &optional;
		## The id of that file; filled in from *f* when that is given.
		fuid:           string   &optional;
	};

	redef record Info += {
		## The id of the file the match was in.
		fuid:           string   &log &optional;
		## The file's MIME type, when known.
		file_mime_type: string   &log &optional;
		## What the file is, e.g. where it was transferred from.
		file_desc:      string   &log &optional;
	};
}

# Before the framework's own handler, so a connection taken from the
# file is logged with the match.
hook extend_match(info: Info, s: Seen, items: set[Item]) &priority=6
	{
	if ( s?$f )
		{
		local f = s$f;
		s$fuid = f$id;

		# A file seen in exactly one connection: that connection.
		if ( f?$conns && |f$conns| == 1 )
			for ( _, c in f$conns )
				s$conn = c;

		if ( ! info?$file_mime_type && f?$info && f$info?$mime_type )
			info$file_mime_type = f$info$mime_type;

@ifdef ( Files::describe )
		if ( ! info?$file_desc )
			info$file_desc = Files::describe(f);
@endif
		}

	if ( s?$fuid )
		info$fuid = s$fuid;
	}
