##! Files carried by protocols, and files.log. rzeek's file analysis asks,
##! through :zeek:see:`get_file_handle`, for a handle naming each file a
##! protocol analyzer delivers; the file's id is a hash of that handle. A
##! protocol script says how its handles are made by registering with
##! :zeek:see:`Files::register_protocol`. Each file is logged when its
##! analysis ends, once per connection that carried it.

@load base/utils/site

module Files;

export {
	## The files.log stream, and its policy hook.
	redef enum Log::ID += { LOG }; global log_policy: Log::PolicyHook;

	## The columns of files.log.
	type Info: record {
		## When the file was first seen, and its id.
		ts: time &log; fuid: string &log;
		## The connection that carried it (its uid, addresses and ports), what
		## found it ("HTTP"), and how deep within that source it was.
		uid: string &log &optional; id: conn_id &log &optional;
		source: string &log &optional; depth: count &default=0 &log;
		## The file analyses run on it; its MIME type where it was recognized,
		## its name where the protocol gave one.
		analyzers: set[string] &default=string_set() &log;
		mime_type: string &log &optional; filename: string &log &optional;
		## How long it was seen for; whether its sender is local
		## (Site::local_nets); whether the connection's originator sent it.
		duration: interval &log &default=0secs;
		local_orig: bool &log &optional; is_orig: bool &log &optional;
		## Bytes seen, the size announced, bytes missed and bytes not
		## reassembled.
		seen_bytes: count &log &default=0; total_bytes: count &log &optional;
		missing_bytes: count &log &default=0; overflow_bytes: count &log &default=0;
		## Whether its analysis timed out, and the file it was extracted from.
		timedout: bool &log &default=F; parent_fuid: string &log &optional;
	} &redef;

	## How a protocol names and describes its files.
	type ProtoRegistration: record {
		## The handle for the file that `c` is about to deliver in the
		## given direction; an empty handle names no file.
		get_file_handle: function(c: connection, is_orig: bool): string;
		## A short description of a file, for messages.
		describe: function(f: fa_file): string &default=function(f: fa_file): string { return ""; };
	};

	## Registers a protocol's way of naming its files; F if the protocol
	## was registered before.
	global register_protocol: function(tag: Analyzer::Tag, reg: ProtoRegistration): bool;

	## A short description of a file, as the protocol that carried it
	## describes its files (empty if it does not).
	global describe: function(f: fa_file): string;

	## Raised with each line written to files.log.
	global log_files: event(rec: Info);
}

## Each file carries the files.log record it is building.
redef record fa_file += { info: Info &optional; };

# What each analyzer registered with Files::register_protocol.
global by_analyzer: table[Analyzer::Tag] of ProtoRegistration = table();

event zeek_init() &priority=5 {
	Log::create_stream(Files::LOG, [$columns=Info, $ev=log_files, $path="files", $policy=log_policy]);
}

function register_protocol(tag: Analyzer::Tag, reg: ProtoRegistration): bool {
	local fresh = tag !in by_analyzer;
	by_analyzer[tag] = reg;
	return fresh;
}

function describe(f: fa_file): string {
	# Files name their source by the analyzer's name.
	for ( tag, reg in by_analyzer )
		if ( Analyzer::name(tag) == f$source )
			return reg$describe(f);
	return "";
}

# Copies what is known of the file so far into its log record (made on
# first use, stamped with the file's first activity).
function update_info(f: fa_file) {
	if ( ! f?$info )
		f$info = Info($ts=f$last_active, $fuid=f$id);

	local rec = f$info;
	rec$source = f$source;
	rec$seen_bytes = f$seen_bytes;
	rec$missing_bytes = f$missing_bytes;
	rec$overflow_bytes = f$overflow_bytes;
	rec$duration = f$last_active - rec$ts;

	# What only some files know.
	if ( f?$total_bytes ) rec$total_bytes = f$total_bytes;
	if ( f?$is_orig ) rec$is_orig = f$is_orig;
	if ( f?$parent_id ) rec$parent_fuid = f$parent_id;
}

event get_file_handle(tag: Analyzer::Tag, c: connection, is_orig: bool) &priority=5 {
	# Analyzers that registered name their files; others leave it to
	# the core.
	if ( tag in by_analyzer )
		set_file_handle(by_analyzer[tag]$get_file_handle(c, is_orig));
}

event file_new(f: fa_file) &priority=10 {
	update_info(f);
}

event file_over_new_connection(f: fa_file, c: connection, is_orig: bool) &priority=10 {
	# The connections a file was seen on.
	if ( ! f?$conns )
		f$conns = table();
	f$conns[c$id] = c;
	update_info(f);
	if ( |Site::local_nets| > 0 )
		f$info$local_orig = Site::is_local_addr(f$is_orig ? c$id$orig_h : c$id$resp_h);
}

event file_state_remove(f: fa_file) &priority=10 {
	update_info(f);
}

# Written last, once per connection that carried the file.
event file_state_remove(f: fa_file) &priority=-10 {
	local carriers = f?$conns ? |f$conns| : 0;
	if ( carriers == 0 )
		Log::write(Files::LOG, f$info);

	for ( cid, c in f?$conns ? f$conns : table() ) {
		# Each connection's line names it; with several, each line is a
		# copy so the names do not overwrite one another.
		local line = carriers == 1 ? f$info : copy(f$info);
		line$uid = c$uid;
		line$id = cid;
		Log::write(Files::LOG, line);
	}
}
