##! A file's name, where the protocol gave one, is a sighting: when the
##! file turns up over a connection (by then the name is known), or, for a
##! file with no connection, when it is first seen.

@load base/frameworks/intel
@load base/frameworks/files
@load ./where-locations

module Intel;

function report_file_name(f: fa_file)
	{
	if ( f?$info && f$info?$filename )
		Intel::seen([$indicator=f$info$filename, $indicator_type=Intel::FILE_NAME,
		             $f=f, $where=Files::IN_NAME]);
	}

event file_new(f: fa_file)
	{
	if ( ! f?$conns || |f$conns| == 0 )
		report_file_name(f);
	}

event file_over_new_connection(f: fa_file, c: connection, is_orig: bool) &priority=-5
	{
	# SMB files have a script of their own in Zeek.
	if ( f$source != "SMB" )
		report_file_name(f);
	}
