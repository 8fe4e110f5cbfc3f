##! weird.log: what Zeek's engine finds unusual (malformed packets,
##! protocol violations, odd TCP behaviour), reported through the
##! ``*_weird`` events. Each kind of weird has an action
##! (:zeek:see:`Weird::actions`): ignore it, log it every time or only
##! once (per connection, originator, or at all), or also raise a
##! :zeek:see:`Weird::Activity` notice. Repeats of the same weird for the
##! same connection or flow are left out for a while.

@load base/utils/conn-ids
@load base/utils/site
@load ./main

module Weird;

export {
	## The weird.log stream.
	redef enum Log::ID += { LOG };

	## The policy hook of weird.log's default filter.
	global log_policy: Log::PolicyHook;

	redef enum Notice::Type += {
		## A weird that its action turned into a notice.
		Activity,
	};

	## A weird, and what weird.log records of it.
	type Info: record {
		## When it was seen.
		ts: time &log;
		## The uid of its connection, if it has one.
		uid: string &log &optional;
		## The endpoints of its connection or flow.
		id: conn_id &log &optional;
		## Its connection: gives ``uid`` and ``id``.
		conn: connection &optional;
		## What was seen.
		name: string &log;
		## More about it, if anything.
		addl: string &log &optional;
		## Whether it was also raised as a notice.
		notice: bool &log &default=F;
		## The node that saw it.
		peer: string &log &default=peer_description;
		## What reported it, such as the analyzer's name.
		source: string &log &optional;
		## What makes two weirds of one name the same, for leaving out
		## repeats (by default the connection's or flow's endpoints).
		identifier: string &optional;
	};

	## What may be done with a weird.
	type Action: enum {
		## No preference: whatever the framework decides.
		ACTION_UNSPECIFIED,
		## Nothing: the weird is dropped.
		ACTION_IGNORE,
		## Logged each time.
		ACTION_LOG,
		## Logged the first time only.
		ACTION_LOG_ONCE,
		## Logged once per connection.
		ACTION_LOG_PER_CONN,
		## Logged once per originator.
		ACTION_LOG_PER_ORIG,
		## Logged and raised as a notice each time.
		ACTION_NOTICE,
		## Logged and raised as a notice the first time only.
		ACTION_NOTICE_ONCE,
		## Logged and raised as a notice once per connection.
		ACTION_NOTICE_PER_CONN,
		## Logged and raised as a notice once per originator.
		ACTION_NOTICE_PER_ORIG,
	};

	## The action for each kind of weird, by name; names not listed are
	## logged.
	const actions: table[string] of Action = {
		# Not worth reporting at all.
		["FIN_after_reset"] = ACTION_IGNORE, ["spontaneous_FIN"] = ACTION_IGNORE,
		["spontaneous_RST"] = ACTION_IGNORE, ["unsolicited_SYN_response"] = ACTION_IGNORE,
		# Logged once per connection.
		["FTP_arg_too_long"] = ACTION_LOG_PER_CONN,
		["FTP_max_command_length_exceeded"] = ACTION_LOG_PER_CONN,
		["FTP_password_too_long"] = ACTION_LOG_PER_CONN,
		["FTP_reply_msg_too_long"] = ACTION_LOG_PER_CONN,
		["FTP_too_many_pending_commands"] = ACTION_LOG_PER_CONN,
		["FTP_user_too_long"] = ACTION_LOG_PER_CONN, ["simultaneous_open"] = ACTION_LOG_PER_CONN,
		["smb_tree_connect_andx_response_without_tree"] = ACTION_LOG_PER_CONN,
		["smtp_excessive_invalid_mail_transactions"] = ACTION_LOG_PER_CONN,
		["smtp_mail_transaction_invalid"] = ACTION_LOG_PER_CONN,
		# Logged once per originator.
		["bad_ICMP_checksum"] = ACTION_LOG_PER_ORIG, ["bad_IP_checksum"] = ACTION_LOG_PER_ORIG,
		["bad_RPC"] = ACTION_LOG_PER_ORIG, ["bad_TCP_checksum"] = ACTION_LOG_PER_ORIG,
		["bad_UDP_checksum"] = ACTION_LOG_PER_ORIG,
		["connection_originator_SYN_ack"] = ACTION_LOG_PER_ORIG,
		["DNS_label_forward_compress_offset"] = ACTION_LOG_PER_ORIG,
		["DNS_label_len_gt_name_len"] = ACTION_LOG_PER_ORIG,
		["DNS_label_len_gt_pkt"] = ACTION_LOG_PER_ORIG, ["DNS_label_too_long"] = ACTION_LOG_PER_ORIG,
		["excess_RPC"] = ACTION_LOG_PER_ORIG, ["excessively_small_fragment"] = ACTION_LOG_PER_ORIG,
		["fragment_inconsistency"] = ACTION_LOG_PER_ORIG, ["fragment_overlap"] = ACTION_LOG_PER_ORIG,
		["fragment_size_inconsistency"] = ACTION_LOG_PER_ORIG,
		["originator_RPC_reply"] = ACTION_LOG_PER_ORIG, ["partial_RPC"] = ACTION_LOG_PER_ORIG,
		["responder_RPC_call"] = ACTION_LOG_PER_ORIG,
		["SSH_max_packet_length_exceeded"] = ACTION_LOG_PER_ORIG,
		["SSH_max_string_length_exceeded"] = ACTION_LOG_PER_ORIG,
		["SYN_with_data"] = ACTION_LOG_PER_ORIG, ["UDP_datagram_length_mismatch"] = ACTION_LOG_PER_ORIG,
		# Raised as a notice once per originator.
		["FIN_storm"] = ACTION_NOTICE_PER_ORIG,
		["successful_RPC_reply_to_invalid_request"] = ACTION_NOTICE_PER_ORIG,
		["SYN_after_partial"] = ACTION_NOTICE_PER_ORIG,
		# Logged every time (the default).
		["above_hole_data_without_any_acks"] = ACTION_LOG, ["active_connection_reuse"] = ACTION_LOG,
		["bad_HTTP_reply"] = ACTION_LOG, ["bad_HTTP_version"] = ACTION_LOG,
		["bad_ident_port"] = ACTION_LOG, ["bad_ident_reply"] = ACTION_LOG,
		["bad_ident_request"] = ACTION_LOG, ["bad_rlogin_prolog"] = ACTION_LOG,
		["bad_RPC_program"] = ACTION_LOG, ["bad_rsh_prolog"] = ACTION_LOG, ["bad_SYN_ack"] = ACTION_LOG,
		["bad_TCP_header_len"] = ACTION_LOG, ["baroque_SYN"] = ACTION_LOG,
		["base64_illegal_encoding"] = ACTION_LOG, ["contentline_size_exceeded"] = ACTION_LOG,
		["crud_trailing_HTTP_request"] = ACTION_LOG, ["data_after_reset"] = ACTION_LOG,
		["data_before_established"] = ACTION_LOG, ["deficit_netbios_hdr_len"] = ACTION_LOG,
		["DNS_AAAA_neg_length"] = ACTION_LOG, ["DNS_Conn_count_too_large"] = ACTION_LOG,
		["DNS_NAME_too_long"] = ACTION_LOG, ["DNS_RR_bad_length"] = ACTION_LOG,
		["DNS_RR_length_mismatch"] = ACTION_LOG, ["DNS_RR_unknown_type"] = ACTION_LOG,
		["DNS_truncated_ans_too_short"] = ACTION_LOG, ["DNS_truncated_len_lt_hdr_len"] = ACTION_LOG,
		["DNS_truncated_quest_too_short"] = ACTION_LOG,
		["DNS_truncated_RR_rdlength_lt_len"] = ACTION_LOG, ["double_%_in_URI"] = ACTION_LOG,
		["excess_netbios_hdr_len"] = ACTION_LOG, ["excessive_data_without_further_acks"] = ACTION_LOG,
		["excessively_large_fragment"] = ACTION_LOG, ["FIN_advanced_last_seq"] = ACTION_LOG,
		["fragment_protocol_inconsistency"] = ACTION_LOG, ["fragment_with_DF"] = ACTION_LOG,
		["HTTP_bad_chunk_size"] = ACTION_LOG,
		["HTTP_chunked_transfer_for_multipart_message"] = ACTION_LOG,
		["HTTP_excessive_pipelining"] = ACTION_LOG, ["HTTP_overlapping_messages"] = ACTION_LOG,
		["HTTP_response_before_request"] = ACTION_LOG, ["HTTP_version_mismatch"] = ACTION_LOG,
		["ident_request_addendum"] = ACTION_LOG, ["illegal_%_at_end_of_URI"] = ACTION_LOG,
		["inappropriate_FIN"] = ACTION_LOG, ["incompletely_captured_fragment"] = ACTION_LOG,
		["inflate_failed"] = ACTION_LOG, ["internally_truncated_header"] = ACTION_LOG,
		["invalid_irc_global_users_reply"] = ACTION_LOG, ["irc_invalid_command"] = ACTION_LOG,
		["irc_invalid_dcc_message_format"] = ACTION_LOG,
		["irc_invalid_invite_message_format"] = ACTION_LOG, ["irc_invalid_join_line"] = ACTION_LOG,
		["irc_invalid_kick_message_format"] = ACTION_LOG, ["irc_invalid_line"] = ACTION_LOG,
		["irc_invalid_mode_message_format"] = ACTION_LOG, ["irc_invalid_names_line"] = ACTION_LOG,
		["irc_invalid_njoin_line"] = ACTION_LOG, ["irc_invalid_notice_message_format"] = ACTION_LOG,
		["irc_invalid_oper_message_format"] = ACTION_LOG,
		["irc_invalid_privmsg_message_format"] = ACTION_LOG, ["irc_invalid_reply_number"] = ACTION_LOG,
		["irc_invalid_squery_message_format"] = ACTION_LOG, ["irc_invalid_topic_reply"] = ACTION_LOG,
		["irc_invalid_who_line"] = ACTION_LOG, ["irc_invalid_who_message_format"] = ACTION_LOG,
		["irc_invalid_whois_channel_line"] = ACTION_LOG,
		["irc_invalid_whois_message_format"] = ACTION_LOG,
		["irc_invalid_whois_operator_line"] = ACTION_LOG, ["irc_invalid_whois_user_line"] = ACTION_LOG,
		["irc_line_size_exceeded"] = ACTION_LOG, ["irc_line_too_short"] = ACTION_LOG,
		["irc_too_many_invalid"] = ACTION_LOG, ["line_terminated_with_single_CR"] = ACTION_LOG,
		["line_terminated_with_single_LF"] = ACTION_LOG, ["malformed_ssh_identification"] = ACTION_LOG,
		["malformed_ssh_version"] = ACTION_LOG, ["multiple_HTTP_request_elements"] = ACTION_LOG,
		["netbios_client_session_reply"] = ACTION_LOG, ["netbios_raw_session_msg"] = ACTION_LOG,
		["netbios_server_session_request"] = ACTION_LOG,
		["no_smb_session_using_parsesambamsg"] = ACTION_LOG, ["NUL_in_line"] = ACTION_LOG,
		["partial_finger_request"] = ACTION_LOG, ["partial_ftp_request"] = ACTION_LOG,
		["partial_ident_request"] = ACTION_LOG, ["pending_data_when_closed"] = ACTION_LOG,
		["pop3_bad_base64_encoding"] = ACTION_LOG, ["pop3_client_command_unknown"] = ACTION_LOG,
		["pop3_client_sending_server_commands"] = ACTION_LOG, ["pop3_malformed_auth_plain"] = ACTION_LOG,
		["pop3_server_command_unknown"] = ACTION_LOG,
		["pop3_server_sending_client_commands"] = ACTION_LOG, ["possible_split_routing"] = ACTION_LOG,
		["premature_connection_reuse"] = ACTION_LOG, ["repeated_SYN_reply_wo_ack"] = ACTION_LOG,
		["repeated_SYN_with_ack"] = ACTION_LOG, ["rlogin_text_after_rejected"] = ACTION_LOG,
		["RPC_pending_calls_discarded"] = ACTION_LOG, ["RPC_rexmit_inconsistency"] = ACTION_LOG,
		["RPC_underflow"] = ACTION_LOG, ["rsh_text_after_rejected"] = ACTION_LOG,
		["RST_storm"] = ACTION_LOG, ["RST_with_data"] = ACTION_LOG,
		["smb_andx_command_failed_to_parse"] = ACTION_LOG,
		["SMB_discarded_dce_rpc_analyzers"] = ACTION_LOG, ["SMB_discarded_messages_state"] = ACTION_LOG,
		["SMB_parsing_error"] = ACTION_LOG, ["SSL_many_server_names"] = ACTION_LOG,
		["SYN_after_close"] = ACTION_LOG, ["SYN_after_reset"] = ACTION_LOG,
		["SYN_inside_connection"] = ACTION_LOG, ["SYN_seq_jump"] = ACTION_LOG,
		["TCP_christmas"] = ACTION_LOG, ["TCP_scale_range"] = ACTION_LOG,
		["transaction_subcmd_missing"] = ACTION_LOG, ["truncated_ARP"] = ACTION_LOG,
		["truncated_header"] = ACTION_LOG, ["truncated_IP"] = ACTION_LOG, ["truncated_NTP"] = ACTION_LOG,
		["unescaped_%_in_URI"] = ACTION_LOG, ["unescaped_special_URI_char"] = ACTION_LOG,
		["unexpected_client_HTTP_data"] = ACTION_LOG, ["unexpected_multiple_HTTP_requests"] = ACTION_LOG,
		["unexpected_server_HTTP_data"] = ACTION_LOG, ["unknown_HTTP_method"] = ACTION_LOG,
		["unknown_netbios_type"] = ACTION_LOG, ["unmatched_HTTP_reply"] = ACTION_LOG,
		["unpaired_RPC_response"] = ACTION_LOG, ["window_recision"] = ACTION_LOG,
	} &default=ACTION_LOG &redef;

	## Pairs of an address and a weird name: that weird is dropped when
	## either endpoint is that address.
	option ignore_hosts: set[addr, string] = set();

	## Weirds whose repeats are never left out (checksum errors, whose
	## number matters).
	option weird_do_not_ignore_repeats = set("bad_IP_checksum", "bad_TCP_checksum",
		"bad_UDP_checksum", "bad_ICMP_checksum");

	## Weird names and identifiers reported recently: repeats are left
	## out until the entry expires.
	global weird_ignore: set[string, string] &create_expire=10 min &redef;

	## Weirds logged by a "log once" action, by name and the identifier
	## the action counts by.
	global did_log: set[string, string] &create_expire=1 day &redef;

	## Weirds raised as notices by a "notice once" action, likewise.
	global did_notice: set[string, string] &create_expire=1 day &redef;

	## Raised with each weird written to weird.log.
	##
	## rec: the weird.
	global log_weird: event(rec: Info);

	## Handles a weird made by a script. Deprecated in Zeek: scripts
	## should report weirds with the Reporter::*_weird built-ins.
	##
	## w: the weird.
	global weird: function(w: Weird::Info) &deprecated="Remove in v9.1. Use Reporter::<granularity>_weird instead.";
}

# Actions that let a weird through only once per something.
const once_actions: set[Action] = {
	ACTION_LOG_ONCE, ACTION_LOG_PER_CONN, ACTION_LOG_PER_ORIG,
	ACTION_NOTICE_ONCE, ACTION_NOTICE_PER_CONN, ACTION_NOTICE_PER_ORIG,
};

# Actions that raise notices.
const noticing_actions: set[Action] = {
	ACTION_NOTICE, ACTION_NOTICE_ONCE, ACTION_NOTICE_PER_CONN, ACTION_NOTICE_PER_ORIG,
};

event zeek_init() &priority=5
	{
	Log::create_stream(LOG, Log::Stream($columns=Info, $ev=log_weird, $path="weird",
	                                    $policy=log_policy));
	}

# How a flow (two hosts, no connection) is identified.
function flow_id_string(src: addr, dst: addr): string
	{
	return cat(src, " -> ", dst);
	}

# Whether an action that lets a weird through once has done so already
# for this key; if not, records that it now has.
function seen_before(seen: set[string, string], name: string, key: string): bool
	{
	if ( [name, key] in seen )
		return T;
	add seen[name, key];
	return F;
	}

function do_weird(w: Weird::Info)
	{
	local act = actions[w$name];

	local ident = "";
	if ( w?$identifier )
		ident = w$identifier;
	else if ( w?$id )
		ident = id_string(w$id);

	if ( act == ACTION_IGNORE || [w$name, ident] in weird_ignore )
		return;

	if ( w?$conn )
		{
		w$uid = w$conn$uid;
		w$id = w$conn$id;
		}

	if ( w?$id && ( [w$id$orig_h, w$name] in ignore_hosts ||
	                [w$id$resp_h, w$name] in ignore_hosts ) )
		return;

	local noticing = act in noticing_actions;

	if ( act in once_actions )
		{
		# Per connection: the identifier; per originator: its address;
		# once: nothing.
		local key = ident;
		if ( act == ACTION_LOG_ONCE || act == ACTION_NOTICE_ONCE )
			key = "";
		else if ( w?$id && ( act == ACTION_LOG_PER_ORIG || act == ACTION_NOTICE_PER_ORIG ) )
			key = cat(w$id$orig_h);

		if ( seen_before(noticing ? did_notice : did_log, w$name, key) )
			return;
		}

	if ( noticing )
		{
		w$notice = T;
		local n = Notice::Info($note=Activity, $msg=w$name);
		if ( w?$conn )
			n$conn = w$conn;
		else
			{
			if ( w?$uid )
				n$uid = w$uid;
			if ( w?$id )
				n$id = w$id;
			}
		if ( w?$addl )
			n$sub = w$addl;
		NOTICE(n);
		}

	# Repeats are left out for a while (unless the name says otherwise).
	if ( w$name !in weird_do_not_ignore_repeats )
		add weird_ignore[w$name, ident];

	Log::write(LOG, w);
	}

function weird(w: Weird::Info)
	{
	do_weird(w);
	}

# Fills in what every weird event gives, the same way for all of them.
function add_details(w: Weird::Info, addl: string, source: string)
	{
	if ( addl != "" )
		w$addl = addl;
	if ( source != "" )
		w$source = source;
	}

event conn_weird(name: string, c: connection, addl: string, source: string)
	{
	local w = Info($ts=network_time(), $name=name, $conn=c, $identifier=id_string(c$id));
	add_details(w, addl, source);
	do_weird(w);
	}

event expired_conn_weird(name: string, id: conn_id, uid: string, addl: string, source: string)
	{
	local w = Info($ts=network_time(), $name=name, $uid=uid, $id=id,
	               $identifier=id_string(id));
	add_details(w, addl, source);
	do_weird(w);
	}

event flow_weird(name: string, src: addr, dst: addr, addl: string, source: string)
	{
	# A flow has no ports: both are 0/unknown.
	local no_port = count_to_port(0, unknown_transport);
	local w = Info($ts=network_time(), $name=name,
	               $id=conn_id($orig_h=src, $orig_p=no_port, $resp_h=dst, $resp_p=no_port),
	               $identifier=flow_id_string(src, dst));
	add_details(w, addl, source);
	do_weird(w);
	}

event net_weird(name: string, addl: string, source: string)
	{
	local w = Info($ts=network_time(), $name=name);
	add_details(w, addl, source);
	do_weird(w);
	}

event file_weird(name: string, f: fa_file, addl: string, source: string)
	{
	# The file's id leads the detail.
	local w = Info($ts=network_time(), $name=name, $addl=f$id);
	if ( addl != "" )
		w$addl = cat(w$addl, ": ", addl);
	if ( source != "" )
		w$source = source;
	do_weird(w);
	}
