##! The files HTTP bodies carry: each message's entities are numbered,
##! files are named by connection, transaction and entity, and their ids
##! go into http.log.

@load base/utils/conn-ids
@load base/frameworks/files
@load ./main

module HTTP;

export {
	redef record Info += {
		## Ids of the files the client sent.
		orig_fuids: vector of string &log &optional;
		## Their names, where headers gave them.
		orig_filenames: vector of string &log &optional;
		## Their MIME types.
		orig_mime_types: vector of string &log &optional;
		## Ids of the files the server sent.
		resp_fuids: vector of string &log &optional;
		## Their names, where headers gave them.
		resp_filenames: vector of string &log &optional;
		## Their MIME types.
		resp_mime_types: vector of string &log &optional;
		## Entities seen so far in the request.
		orig_mime_depth: count &default=0;
		## Entities seen so far in the reply.
		resp_mime_depth: count &default=0;
	};

	## Most files of a transaction's request listed in http.log.
	option max_files_orig = 15;

	## Most files of a transaction's reply listed in http.log.
	option max_files_resp = 15;

	## The handle naming the file a connection is about to deliver.
	global get_file_handle: function(c: connection, is_orig: bool): string;
}

redef record fa_file += {
	## The transaction that carried the file.
	http: HTTP::Info &optional;
};

function get_file_handle(c: connection, is_orig: bool): string
	{
	if ( ! c?$http )
		return "";
	# The analyzer, the connection's start, the direction, the
	# transaction and the entity within it identify a body.
	local depth = is_orig ? c$http$orig_mime_depth : c$http$resp_mime_depth;
	return cat(Analyzer::ANALYZER_HTTP, c$start_time, is_orig,
	           c$http$trans_depth, depth, id_string(c$id));
	}

event zeek_init() &priority=5
	{
	Files::register_protocol(Analyzer::ANALYZER_HTTP,
	                         [$get_file_handle=HTTP::get_file_handle]);
	}

event http_begin_entity(c: connection, is_orig: bool) &priority=10
	{
	# Entities count from 1 in each direction of a transaction.
	set_state(c, is_orig);
	local h = c$http;
	if ( is_orig )
		h$orig_mime_depth += 1;
	else
		h$resp_mime_depth += 1;
	}

# `ids` with `fuid` (an id, or a MIME type) added, unless `limit` are
# there already; a new list when `ids` is unset.
function listed_fuids(ids: vector of string, fuid: string, limit: count): vector of string
	{
	if ( |ids| < limit )
		ids[|ids|] = fuid;
	return ids;
	}

event file_over_new_connection(f: fa_file, c: connection, is_orig: bool) &priority=5
	{
	# Only files of this analyzer, on a connection with a transaction.
	if ( f$source != "HTTP" || ! c?$http )
		return;

	local h = c$http;
	f$http = h;
	local none: vector of string = vector();
	if ( ! is_orig )
		h$resp_fuids = listed_fuids(h?$resp_fuids ? h$resp_fuids : none, f$id, max_files_resp);
	else
		h$orig_fuids = listed_fuids(h?$orig_fuids ? h$orig_fuids : none, f$id, max_files_orig);
	}

# The type found in a body's first bytes goes beside its id, within the
# same limit.
event file_sniff(f: fa_file, meta: fa_metadata) &priority=5
	{
	if ( ! f?$http || ! f?$is_orig || ! meta?$mime_type )
		return;

	local h = f$http;
	local none: vector of string = vector();
	if ( f$is_orig )
		h$orig_mime_types = listed_fuids(h?$orig_mime_types ? h$orig_mime_types : none,
		                                 meta$mime_type, max_files_orig);
	else
		h$resp_mime_types = listed_fuids(h?$resp_mime_types ? h$resp_mime_types : none,
		                                 meta$mime_type, max_files_resp);
	}
