##! The logging framework: streams of records written by log writers.
##!
##! Scripts add an enumerator to Log::ID, create a stream for it with a
##! record type of columns, and write records to it. The writing itself
##! (and the ASCII writer) lives in the interpreter; this script holds the
##! declarations and the thin script-level layer, so filters and policy
##! hooks can be added here later.

module Log;

export {
	## Identifies a log stream; scripts add their own enumerators.
	type ID: enum {
		## A placeholder.
		UNKNOWN,
		## Redirected print statements.
		PRINTLOG,
	};

	## The log writers there are.
	type Writer: enum {
		## No writer.
		WRITER_NONE,
		## The tab-separated (or JSON) text writer.
		WRITER_ASCII,
	};

	## Whether filters write locally by default (:zeek:field:`Log::Filter$log_local`).
	const enable_local_logging = T &redef;

	## Whether filters send their rows to other nodes by default; rzeek
	## runs alone, so there are none to send them to.
	const enable_remote_logging = T &redef;

	## The writer streams use unless told otherwise.
	const default_writer = WRITER_ASCII &redef;

	## Where log files go; empty for the current directory.
	const default_logdir = "" &redef;

	# Defaults that writers may override with their own options.

	## The separator between the fields of a line.
	const separator = "\t" &redef;
	## The separator between the elements of a set or vector field.
	const set_separator = "," &redef;
	## What an empty string, set or vector field is written as.
	const empty_field = "(empty)" &redef;
	## What a field without a value is written as.
	const unset_field = "-" &redef;

	## The separator between the names of a nested record's fields
	## when they are flattened into columns.
	const default_scope_sep = "." &redef;

	## Column renames that filters use unless they give their own.
	const default_field_name_map: table[string] of string = table() &redef;

	## What goes before the names of the extension columns that a
	## filter's ``ext_func`` adds.
	const default_ext_prefix = "_" &redef;

	## The ``ext_func`` of filters that name none: adds no columns. To add
	## columns to every log, redef it as a function that returns a record;
	## its ``&log`` fields become the first columns of each line, their
	## names prefixed with ``ext_prefix``. It is called for each line
	## written, with the path being written to.
	const default_ext_func: function(path: string): any = function(path: string) { } &redef;

	# Rotation. Zeek closes a log file every rotation interval, renames
	# it and hands it to a postprocessor. rzeek declares the interface so
	# that scripts configuring rotation load, but it does not rotate: a
	# log is one file from its first line to the end of the run, and no
	# postprocessor is called.

	## What a rotation postprocessor learns of the file rotated.
	type RotationInfo: record {
		## The writer of the file.
		writer: Writer;
		## The file's name after rotation.
		fname: string;
		## The log's path, as the filter named it.
		path: string;
		## When the file was opened.
		open: time;
		## When it was closed.
		close: time;
		## Whether it was rotated because the run ended.
		terminating: bool;
	};

	## A rotation postprocessor; returns whether all went well.
	type RotationPostProcessorFunc: function(info: Log::RotationInfo): bool;

	## What :zeek:see:`Log::rotation_format_func` is given to name a
	## rotated file.
	type RotationFmtInfo: record {
		## The writer of the file.
		writer: Writer;
		## The log's path.
		path: string;
		## When the file was opened.
		open: time;
		## When it was closed.
		close: time;
		## Whether the run is ending.
		terminating: bool;
		## The postprocessor that will be run on the file.
		postprocessor: RotationPostProcessorFunc &optional;
	};

	## How often filters that give no interval rotate; 0 for never.
	const default_rotation_interval = 0secs &redef;

	## The folder rotated files go to; empty for the current one.
	option default_rotation_dir = "";

	## Where a rotated file goes, as :zeek:see:`Log::rotation_format_func`
	## decides.
	type RotationPath: record {
		## The folder (created when needed).
		dir: string &default = default_rotation_dir;
		## The file's new name, to which the writer adds its extension.
		file_basename: string;
	};

	## Names a rotated file.
	const rotation_format_func: function(ri: RotationFmtInfo): RotationPath &redef;

	## The strftime() format of the time in a rotated file's name.
	const default_rotation_date_format = "%Y-%m-%d-%H-%M-%S" &redef;

	## A shell command run on each rotated file; empty for none.
	const default_rotation_postprocessor_cmd = "" &redef;

	## Environment variables for that command, each name prefixed with
	## ``ZEEK_ARG_`` (as :zeek:see:`system_env` does).
	option default_rotation_postprocessor_cmd_env: table[string] of string = {};

	## The postprocessor of each writer's rotated files.
	const default_rotation_postprocessors: table[Writer] of function(info: RotationInfo): bool &redef;

	## How often alarm summaries are mailed; 0 for never.
	const default_mail_alarms_interval = 0secs &redef;

	## Runs :zeek:see:`Log::default_rotation_postprocessor_cmd` on a
	## rotated file with the arguments Zeek gives it: the file, the
	## log's path, the open and close times, whether the run is ending,
	## and the writer's name.
	##
	## info: the rotated file.
	## npath: its name now.
	##
	## Returns: true.
	global run_rotation_postprocessor_cmd: function(info: RotationInfo, npath: string): bool;

	## Turns a stream's ID into the path its filters write to, when
	## neither the filter nor the stream names one.
	##
	## id: the stream.
	## path: the path found by an earlier call, or "" on the first.
	## rec: the record being written.
	##
	## Returns: the path, without the ".log" extension.
	global default_path_func: function(id: ID, path: string, rec: any): string &redef;

	## How a stream's records reach its writer: which columns, under
	## which names, into which file.
	type Filter: record {
		## The name the filter is found and removed by.
		name: string;
		## The writer the filter's rows go to.
		writer: Writer &default=default_writer;
		## The file the rows go to, without extension.
		path: string &optional;
		## Computes the path for each record instead. Its ``path``
		## argument is the filter's path, or else what the first call
		## returned, or "" on that first call.
		path_func: function(id: ID, path: string, rec: any): string &optional;
		## Only these columns, if given (flattened names, e.g. "id.orig_h").
		include: set[string] &optional;
		## None of these columns.
		exclude: set[string] &optional;
		## Whether rows are written locally.
		log_local: bool &default=enable_local_logging;
		## Whether rows are sent to other nodes (there are none).
		log_remote: bool &default=enable_remote_logging;
		## New names for columns, by their flattened name.
		field_name_map: table[string] of string &default=default_field_name_map;
		## Between the names of a nested record's fields.
		scope_sep: string &default=default_scope_sep;
		## How often the file is rotated (rzeek does not rotate).
		interv: interval &default=default_rotation_interval;
		## What is run on each rotated file (rzeek does not rotate).
		postprocessor: function(info: RotationInfo): bool &optional;
		## Settings for the writer, and state for policy hooks.
		config: table[string] of string &default=table();
		## Goes before the names of the extension columns.
		ext_prefix: string &default=default_ext_prefix;
		## Returns the extension columns' values for each line, as a
		## record; one that returns nothing adds no columns.
		ext_func: function(path: string): any &default=default_ext_func;
	};

	## A hook run on every record written to any stream, before its
	## filters. A handler that breaks stops the record from being
	## written; it may also change the record.
	##
	## rec: the record, of the stream's columns type.
	## id: the stream.
	type StreamPolicyHook: hook(rec: any, id: ID);

	## A hook run on each record a filter is about to write. A handler
	## that breaks stops this filter from writing it; changes to the
	## record show in what is written.
	##
	## rec: the record, of the stream's columns type.
	## id: the stream.
	## filter: the filter writing it.
	type PolicyHook: hook(rec: any, id: ID, filter: Filter);

	redef record Filter += {
		## The filter's policy hook; the stream's when not given.
		policy: PolicyHook &optional;
	};

	## What a log stream is made of.
	type Stream: record {
		## The record type whose &log fields are the columns.
		columns: any;
		## An event raised with each record written.
		ev: any &optional;
		## The path of filters that name none themselves.
		path: string &optional;
		## The policy hook of filters that have none themselves.
		policy: PolicyHook &optional;
		## Event groups (and modules) switched off with the stream by
		## :zeek:see:`Log::disable_stream` and on again with it.
		event_groups: set[string] &default=set();
		## How long a write may be delayed (Zeek's Log::delay; rzeek
		## writes at once).
		max_delay_interval: interval &default=200msec;
		## How many delayed writes may wait.
		max_delay_queue_size: count &default=1000;
		## Bytes of one string column written, at most.
		max_field_string_bytes: count &default=Log::default_max_field_string_bytes;
		## Bytes of all string columns of a line, at most.
		max_total_string_bytes: count &default=Log::default_max_total_string_bytes;
		## Elements of one container column, at most.
		max_field_container_elements: count &default=Log::default_max_field_container_elements;
		## Elements of all container columns of a line, at most.
		max_total_container_elements: count &default=Log::default_max_total_container_elements;
	};

	## Where print statements go.
	type PrintLogType: enum {
		## To stdout or the file they name, as always.
		REDIRECT_NONE,
		## Those bound for stdout go to the print log instead.
		REDIRECT_STDOUT,
		## All of them go to the print log, those naming a file too.
		REDIRECT_ALL,
	};

	## Whether print statements are written to a log.
	const print_to_log = REDIRECT_NONE &redef;

	## The path of the print log.
	const print_log_path = "print" &redef;

	## A print statement, as the print log records it.
	type PrintLogInfo: record {
		## Network time when it ran.
		ts: time &log;
		## Each printed value, as print writes it.
		vals: string_vec &log;
	};

	## Raised with each print the print log records.
	global log_print: event(rec: PrintLogInfo);

	## What :zeek:see:`Log::get_filter` returns for a filter that
	## does not exist.
	const no_filter = Filter($name="<not found>");

	## Runs on every record written, before the filters' hooks.
	global log_stream_policy: StreamPolicyHook;

	## Streams that exist and are enabled.
	global active_streams: table[ID] of Stream = table();

	## Every filter in force, by stream and name. Changing this table
	## changes no filter: :zeek:see:`Log::add_filter` and
	## :zeek:see:`Log::remove_filter` do.
	global filters: table[ID, string] of Filter = table();

	## Creates a log stream and enables it.
	##
	## id: the stream's identifier, an enumerator added to
	##     :zeek:type:`Log::ID`.
	## stream: the columns record type and the stream's settings.
	##
	## Returns: true if the stream was created.
	global create_stream: function(id: ID, stream: Stream): bool;

	## Removes a log stream, closing its files.
	##
	## id: the stream to remove.
	##
	## Returns: true if the stream existed.
	global remove_stream: function(id: ID): bool;

	## Enables a stream that :zeek:see:`Log::disable_stream` disabled.
	##
	## id: the stream to enable.
	##
	## Returns: true if the stream exists.
	global enable_stream: function(id: ID): bool;

	## Disables a stream: until a later enable_stream, what is written
	## to it is dropped.
	##
	## id: the stream to disable.
	##
	## Returns: true if the stream exists.
	global disable_stream: function(id: ID): bool;

	## Adds a filter to a stream, replacing one of the same name.
	##
	## id: the stream.
	## filter: the filter; without a path or path function it gets the
	##         stream's path, or else :zeek:see:`Log::default_path_func`.
	##
	## Returns: true if the stream exists and the filter was added.
	global add_filter: function(id: ID, filter: Filter): bool;

	## Removes a stream's filter.
	##
	## id: the stream.
	## name: the filter's name.
	##
	## Returns: true if the filter existed.
	global remove_filter: function(id: ID, name: string): bool;

	## Finds a stream's filter by name.
	##
	## id: the stream.
	## name: the filter's name.
	##
	## Returns: the filter, or :zeek:see:`Log::no_filter`.
	global get_filter: function(id: ID, name: string): Filter;

	## The names of a stream's filters.
	##
	## id: the stream.
	##
	## Returns: the names, empty if the stream has none.
	global get_filter_names: function(id: ID): set[string];

	## Adds the filter named "default" that every new stream gets.
	##
	## id: the stream.
	##
	## Returns: true if it was added.
	global add_default_filter: function(id: ID): bool;

	## Removes the filter named "default".
	##
	## id: the stream.
	##
	## Returns: true if it existed.
	global remove_default_filter: function(id: ID): bool;

	## Writes a record to a stream.
	##
	## id: the stream to write to.
	## columns: a record of the stream's columns type.
	##
	## Returns: true if the record was written (or the stream is
	##          disabled), false if the stream does not exist or the
	##          record is of the wrong type.
	global write: function(id: ID, columns: any): bool;

	## Writes out what a stream has buffered.
	##
	## id: the stream to flush.
	##
	## Returns: true if the stream exists.
	global flush: function(id: ID): bool;

	## Sets whether a stream buffers its output.
	##
	## id: the stream.
	## buffered: true to buffer, false to write each record at once.
	##
	## Returns: true if the stream exists.
	global set_buf: function(id: ID, buffered: bool): bool;
}

# Every stream created, enabled or not; active_streams holds the enabled
# The interpreter keeps the writers and the filters in force; the tables
# here are the script's view of them, kept in step by the functions below.

# Each stream made so far, enabled or not (Log::active_streams lists the
# enabled ones).
global made_streams: table[ID] of Stream = table();

# For each stream, the names under which Log::filters holds its filters.
global names_by_stream: table[ID] of set[string] = table();

# The time in the names postprocessors and rotated files are given.
const short_stamp = "%y-%m-%d_%H.%M.%S";

# A writer as a postprocessor command names it: "ascii" for
# Log::WRITER_ASCII.
function writer_short_name(w: Writer): string
	{
	return sub(to_lower(cat(w)), /^log::writer_/, "");
	}

function run_rotation_postprocessor_cmd(info: RotationInfo, npath: string): bool
	{
	local cmd = default_rotation_postprocessor_cmd;
	if ( cmd == "" )
		return T;

	local words = vector(cmd, safe_shell_quote(npath), safe_shell_quote(info$path),
	                     strftime(short_stamp, info$open), strftime(short_stamp, info$close),
	                     info$terminating ? "1" : "0", writer_short_name(info$writer));
	system_env(join_string_vec(words, " "), default_rotation_postprocessor_cmd_env);
	return T;
	}

# Our postprocessor of ASCII logs: the configured command, if any.
function ascii_rotation_postprocessor(info: Log::RotationInfo): bool
	{
	return run_rotation_postprocessor_cmd(info, info$fname);
	}

redef default_rotation_postprocessors += { [WRITER_ASCII] = ascii_rotation_postprocessor };

# Whether a rotated file will be handed to the ASCII postprocessor above.
function ours_postprocesses(ri: RotationFmtInfo): bool
	{
	if ( ri$writer != WRITER_ASCII || ! ri?$postprocessor )
		return F;
	if ( WRITER_ASCII !in default_rotation_postprocessors )
		return F;
	return default_rotation_postprocessors[WRITER_ASCII] == ascii_rotation_postprocessor;
	}

function rotation_format_func(ri: RotationFmtInfo): RotationPath
	{
	# Files for our postprocessor carry the configured date format after
	# a dot; others the short stamp after a dash.
	if ( ours_postprocesses(ri) )
		return RotationPath($file_basename=cat(ri$path, ".",
		                                       strftime(default_rotation_date_format, ri$open)));
	return RotationPath($file_basename=cat(ri$path, "-", strftime(short_stamp, ri$open)));
	}

function default_path_func(id: ID, path: string, rec: any): string
	{
	# The first call names the path from the stream's ID; later calls are
	# given that name back and keep it.
	return path == "" ? __default_path(id) : path;
	}

# Switches an event group, or the events of a module, of that name.
function switch_group(name: string, on: bool)
	{
	if ( on )
		{
		if ( has_module_events(name) )
			enable_module_events(name);
		if ( has_event_group(name) )
			enable_event_group(name);
		}
	else
		{
		if ( has_module_events(name) )
			disable_module_events(name);
		if ( has_event_group(name) )
			disable_event_group(name);
		}
	}

# Lists a stream among the active ones or takes it off, switching the
# event groups it names along with it.
function set_stream_state(id: ID, enabled: bool)
	{
	if ( id !in made_streams )
		return;

	local s = made_streams[id];
	if ( enabled )
		active_streams[id] = s;
	else
		delete active_streams[id];

	for ( g in s$event_groups )
		switch_group(g, enabled);
	}

# Forgets the script's record of a stream's filters.
function forget_filters(id: ID)
	{
	if ( id !in names_by_stream )
		return;
	for ( fname in names_by_stream[id] )
		delete filters[id, fname];
	delete names_by_stream[id];
	}

function create_stream(id: ID, stream: Stream): bool
	{
	local ok = __create_stream(id, stream);
	if ( ok )
		{
		made_streams[id] = stream;
		names_by_stream[id] = set();
		set_stream_state(id, T);
		ok = add_default_filter(id);
		}
	return ok;
	}

function remove_stream(id: ID): bool
	{
	set_stream_state(id, F);
	forget_filters(id);
	delete made_streams[id];
	return __remove_stream(id);
	}

function enable_stream(id: ID): bool
	{
	local ok = __enable_stream(id);
	if ( ok )
		set_stream_state(id, T);
	return ok;
	}

function disable_stream(id: ID): bool
	{
	set_stream_state(id, F);
	return __disable_stream(id);
	}

function add_filter(id: ID, filter: Filter): bool
	{
	if ( id !in made_streams )
		return F;

	# A filter naming no path writes where its stream does, or else where
	# the default path function says.
	if ( ! filter?$path )
		{
		local s = made_streams[id];
		if ( s?$path )
			filter$path = s$path;
		else if ( ! filter?$path_func )
			filter$path_func = default_path_func;
		}

	local ok = __add_filter(id, filter);
	if ( ok )
		{
		add names_by_stream[id][filter$name];
		filters[id, filter$name] = filter;
		}
	return ok;
	}

function remove_filter(id: ID, name: string): bool
	{
	if ( id in names_by_stream )
		delete names_by_stream[id][name];
	delete filters[id, name];
	return __remove_filter(id, name);
	}

function get_filter(id: ID, name: string): Filter
	{
	return [id, name] in filters ? filters[id, name] : no_filter;
	}

function get_filter_names(id: ID): set[string]
	{
	local names: set[string] = set();
	if ( id in names_by_stream )
		names = copy(names_by_stream[id]);
	return names;
	}

function add_default_filter(id: ID): bool
	{
	return add_filter(id, Filter($name="default"));
	}

function remove_default_filter(id: ID): bool
	{
	return remove_filter(id, "default");
	}

event zeek_init() &priority=5
	{
	# The print log is made only when prints are redirected to it.
	if ( print_to_log == REDIRECT_NONE )
		return;
	local s = Stream($columns=PrintLogInfo, $ev=log_print, $path=print_log_path);
	create_stream(PRINTLOG, s);
	}
