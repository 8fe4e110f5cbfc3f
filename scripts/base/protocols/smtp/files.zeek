##! The files of a mail (its MIME parts, and with
##! SMTP::enable_rfc822_msg_file_analysis the whole message first): their
##! handles, and their ids in smtp.log's fuids.

@load base/frameworks/files
@load ./entities

module SMTP;

export {
	redef record Info += {
		## The ids of the transaction's files, in order.
		fuids: vector of string &log &default=string_vec();
		## The id of the file that is the whole message, when messages
		## are analyzed as files.
		rfc822_msg_fuid: string &optional;
	};

	## A file's handle: the connection's start, the transaction and the
	## MIME part (and the message's own file id, so that the message and
	## its first part differ).
	global get_file_handle: function(c: connection, is_orig: bool): string;

	## The describe of the transaction a file belongs to.
	global describe_file: function(f: fa_file): string;
}

function get_file_handle(c: connection, is_orig: bool): string
	{
	local msg_fuid = c$smtp?$rfc822_msg_fuid ? c$smtp$rfc822_msg_fuid : "";
	return cat(Analyzer::ANALYZER_SMTP, c$start_time, c$smtp$trans_depth, msg_fuid,
	           c$smtp_state$mime_depth);
	}

function describe_file(f: fa_file): string
	{
	if ( f$source != "SMTP" )
		return "";
	# The file's (one) connection.
	for ( _, conn in f$conns )
		if ( conn?$smtp )
			return describe(conn$smtp);
	return "";
	}

event zeek_init() &priority=5
	{
	local reg = Files::ProtoRegistration($get_file_handle=SMTP::get_file_handle,
	                                     $describe=SMTP::describe_file);
	Files::register_protocol(Analyzer::ANALYZER_SMTP, reg);
	}

event file_over_new_connection(f: fa_file, c: connection, is_orig: bool) &priority=5
	{
	# After STARTTLS, nothing is readable.
	if ( ! c?$smtp || c$smtp$tls )
		return;
	local rec = c$smtp;
	rec$fuids[|rec$fuids|] = f$id;

	if ( ! enable_rfc822_msg_file_analysis )
		return;
	# The first file of a transaction is then the message itself; the
	# later ones are its parts, and its children.
	if ( rec?$rfc822_msg_fuid )
		{
		if ( ! f?$parent_id )
			f$parent_id = rec$rfc822_msg_fuid;
		}
	else
		rec$rfc822_msg_fuid = f$id;
	}
