##! The file behind a sighting, in intel.log: its id, MIME type and
##! description, and the connection that carried it when there was only
##! one.

@load ./main

module Intel;

# Copies what the file tells about itself into the log line; this runs
# before the connection is looked at, so the connection found here is
# logged as well.
function add_file_context(line: Info, s: Seen)
	{
	local f = s$f;
	s$fuid = f$id;

	if ( f?$conns && |f$conns| == 1 )
		for ( _, carrier in f$conns )
			s$conn = carrier;

	if ( f?$info && f$info?$mime_type && ! line?$file_mime_type )
		line$file_mime_type = f$info$mime_type;
	if ( ! line?$file_desc )
		line$file_desc = Files::describe(f);
	}

hook extend_match(info: Info, s: Seen, items: set[Item]) &priority=6
	{
	if ( s?$f )
		add_file_context(info, s);
	if ( s?$fuid )
		info$fuid = s$fuid;
	}
