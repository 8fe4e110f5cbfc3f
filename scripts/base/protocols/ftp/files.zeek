##! The files of FTP data connections: their handles, and the type and
##! id of each on the line of the command that moved it.

@load base/frameworks/files
@load ./main

module FTP;

export {
	## A file's handle: the data connection and its direction; none for
	## a connection that was not announced.
	global get_file_handle: function(c: connection, is_orig: bool): string;

	## The URL of the file the control session was moving.
	global describe_file: function(f: fa_file): string;

	redef record fa_file += {
		## The control session the file belongs to.
		ftp: FTP::Info &optional;
	};
}

function get_file_handle(c: connection, is_orig: bool): string
	{
	if ( [c$id$resp_h, c$id$resp_p] in ftp_data_expected )
		return cat(Analyzer::ANALYZER_FTP_DATA, c$start_time, c$id, is_orig);
	return "";
	}

function describe_file(f: fa_file): string
	{
	if ( f$source != "FTP" )
		return "";
	for ( _, conn in f$conns )
		if ( conn?$ftp )
			return describe(conn$ftp);
	return "";
	}

event zeek_init() &priority=5
	{
	local reg = Files::ProtoRegistration($get_file_handle=FTP::get_file_handle,
	                                     $describe=FTP::describe_file);
	Files::register_protocol(Analyzer::ANALYZER_FTP_DATA, reg);
	}

event file_over_new_connection(f: fa_file, c: connection, is_orig: bool) &priority=5
	{
	if ( [c$id$resp_h, c$id$resp_p] !in ftp_data_expected )
		return;
	local session = ftp_data_expected[c$id$resp_h, c$id$resp_p];
	session$fuid = f$id;
	f$ftp = session;
	}

event file_sniff(f: fa_file, meta: fa_metadata) &priority=5
	{
	if ( f?$ftp && meta?$mime_type )
		f$ftp$mime_type = meta$mime_type;
	}
