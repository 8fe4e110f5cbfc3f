##! Files carried by protocols, and files.log. rzeek's file analysis asks,
##! through :zeek:see:`get_file_handle`, for a handle naming each file a
##! protocol analyzer delivers; the file's id is a hash of that handle. A
##! protocol script says how its handles are made by registering with
##! :zeek:see:`Files::register_protocol`. Each file is logged when its
##! analysis ends, once per connection that carried it.
##!
##! Scripts attach file analyzers (hashes, extraction, data events) to a
##! file with :zeek:see:`Files::add_analyzer`, or ask for an analyzer on
##! every file of some MIME type with :zeek:see:`Files::register_for_mime_type`.

@load base/bif/analyzers/tags
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

	## What an analyzer is attached with: the events a DATA_EVENT analyzer
	## raises with each run of bytes in order (`stream_event`) and with each
	## piece at its offset (`chunk_event`). Other analyzers' scripts add
	## their own fields.
	type AnalyzerArgs: record {
		chunk_event: event(f: fa_file, data: string, off: count) &optional;
		stream_event: event(f: fa_file, data: string) &optional;
	} &redef;

	## Analyzers never to run (those mapped to T).
	const disable: table[Files::Tag] of bool = table() &redef;

	## Whether analyzers registered for a MIME type are attached to the
	## files found to be of that type.
	const analyze_by_mime_type_automatically = T &redef;

	## Whether files are reassembled when their pieces come out of order,
	## and how many bytes a file may hold back for that.
	option enable_reassembler = T;
	const reassembly_buffer_size = 524288 &redef;

	## Whether a file of this id is being analysed.
	global file_exists: function(fuid: string): bool;

	## The file of this id (an error if there is none).
	global lookup_file: function(fuid: string): fa_file;

	## Reassembly of one file on or off, and the most it may buffer.
	global enable_reassembly: function(f: fa_file);
	global disable_reassembly: function(f: fa_file);
	global set_reassembly_buffer_size: function(f: fa_file, max: count);

	## How long the file may be idle before its analysis is given up; F if
	## the file is not being analysed.
	global set_timeout_interval: function(f: fa_file, t: interval): bool;

	## An analyzer on or off for every file from now on, and whether it is
	## on.
	global enable_analyzer: function(tag: Files::Tag): bool;
	global disable_analyzer: function(tag: Files::Tag): bool;
	global analyzer_enabled: function(tag: Files::Tag): bool;

	## Attaches an analyzer to a file (listing it in the file's
	## `analyzers` column); F, with a warning, if it could not be.
	global add_analyzer: function(f: fa_file, tag: Files::Tag,
	                              args: AnalyzerArgs &default=AnalyzerArgs()): bool;

	## Detaches an analyzer attached with the same arguments.
	global remove_analyzer: function(f: fa_file, tag: Files::Tag,
	                                 args: AnalyzerArgs &default=AnalyzerArgs()): bool;

	## Ends the analysis of a file: its further bytes are ignored.
	global stop: function(f: fa_file): bool;

	## An analyzer's name ("MD5" for Files::ANALYZER_MD5).
	global analyzer_name: function(tag: Files::Tag): string;

	## A function to call each time an analyzer of this tag is attached,
	## before it is (it may change the arguments).
	global register_analyzer_add_callback: function(tag: Files::Tag, callback: function(f: fa_file, args: AnalyzerArgs));

	## Asks for an analyzer on every file of these MIME types (of this
	## one); always T.
	global register_for_mime_types: function(tag: Files::Tag, mts: set[string]): bool;
	global register_for_mime_type: function(tag: Files::Tag, mt: string): bool;

	## The MIME types an analyzer was registered for, and all of them by
	## analyzer.
	global registered_mime_types: function(tag: Files::Tag): set[string];
	global all_registered_mime_types: function(): table[Files::Tag] of set[string];

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

# The MIME types each file analyzer is wanted for, the same the other way
# round, and the callbacks run as analyzers are attached.
global types_of: table[Files::Tag] of set[string];
global analyzers_for: table[string] of set[Files::Tag];
global add_callbacks: table[Files::Tag] of function(f: fa_file, args: AnalyzerArgs) = table();

event zeek_init() &priority=5 {
	Log::create_stream(Files::LOG, [$columns=Info, $ev=log_files, $path="files", $policy=log_policy]);
}

function register_protocol(tag: Analyzer::Tag, reg: ProtoRegistration): bool {
	local fresh = tag !in by_analyzer;
	by_analyzer[tag] = reg;
	return fresh;
}

function file_exists(fuid: string): bool { return __file_exists(fuid); }

function lookup_file(fuid: string): fa_file { return __lookup_file(fuid); }

function enable_reassembly(f: fa_file) { __enable_reassembly(f$id); }

function disable_reassembly(f: fa_file) { __disable_reassembly(f$id); }

function set_reassembly_buffer_size(f: fa_file, max: count) {
	__set_reassembly_buffer(f$id, max);
}

function set_timeout_interval(f: fa_file, t: interval): bool {
	return __set_timeout_interval(f$id, t);
}

function enable_analyzer(tag: Files::Tag): bool { return __enable_analyzer(tag); }

function disable_analyzer(tag: Files::Tag): bool { return __disable_analyzer(tag); }

function analyzer_enabled(tag: Files::Tag): bool {
	return __analyzer_enabled(tag) && ! (tag in disable && disable[tag]);
}

function analyzer_name(tag: Files::Tag): string { return __analyzer_name(tag); }

function add_analyzer(f: fa_file, tag: Files::Tag, args: AnalyzerArgs): bool {
	if ( ! analyzer_enabled(tag) )
		return F;

	# The column lists what was asked for, whether or not it could run.
	add f$info$analyzers[analyzer_name(tag)];
	if ( tag in add_callbacks )
		add_callbacks[tag](f, args);

	if ( __add_analyzer(f$id, tag, args) )
		return T;
	Reporter::warning(fmt("Analyzer %s not added successfully to file %s.", tag, f$id));
	return F;
}

function remove_analyzer(f: fa_file, tag: Files::Tag, args: AnalyzerArgs): bool {
	return __remove_analyzer(f$id, tag, args);
}

function stop(f: fa_file): bool { return __stop(f$id); }

function register_analyzer_add_callback(tag: Files::Tag, callback: function(f: fa_file, args: AnalyzerArgs)) {
	add_callbacks[tag] = callback;
}

function register_for_mime_type(tag: Files::Tag, mt: string): bool {
	if ( tag !in types_of )
		types_of[tag] = set();
	if ( mt !in analyzers_for )
		analyzers_for[mt] = set();
	add types_of[tag][mt];
	add analyzers_for[mt][tag];
	return T;
}

function register_for_mime_types(tag: Files::Tag, mts: set[string]): bool {
	# Each registration succeeds; all are made whatever the others give.
	local all_ok = T;
	for ( mt in mts )
		all_ok = register_for_mime_type(tag, mt) && all_ok;
	return all_ok;
}

function registered_mime_types(tag: Files::Tag): set[string] {
	if ( tag in types_of )
		return types_of[tag];
	return set();
}

function all_registered_mime_types(): table[Files::Tag] of set[string] {
	return types_of;
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
	if ( ! enable_reassembler )
		return;
	enable_reassembly(f);
	set_reassembly_buffer_size(f, reassembly_buffer_size);
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

# The type found in the first bytes goes to the log, and brings the
# analyzers registered for it.
event file_sniff(f: fa_file, meta: fa_metadata) &priority=10 {
	update_info(f);
	if ( ! meta?$mime_type )
		return;

	local mt = meta$mime_type;
	f$info$mime_type = mt;
	if ( ! analyze_by_mime_type_automatically || mt !in analyzers_for )
		return;
	for ( tag in analyzers_for[mt] )
		add_analyzer(f, tag);
}

event file_timeout(f: fa_file) &priority=10 {
	update_info(f);
	f$info$timedout = T;
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
