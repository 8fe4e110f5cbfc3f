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

	## How often filters rotate their files (rzeek does not rotate).
	const default_rotation_interval = 0secs &redef;

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
		log_local: bool &default=T;
		## Whether rows are sent to other nodes (there are none).
		log_remote: bool &default=T;
		## New names for columns, by their flattened name.
		field_name_map: table[string] of string &default=default_field_name_map;
		## Between the names of a nested record's fields.
		scope_sep: string &default=default_scope_sep;
		## How often the file is rotated (rzeek does not rotate).
		interv: interval &default=default_rotation_interval;
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
# ones. The interpreter keeps the writers and the filters in force: these
# functions keep the script-side tables in step with it.
global known_streams: table[ID] of Stream = table();

# The filters of each stream, by name, as they were added.
global known_filters: table[ID] of table[string] of Filter = table();

function default_path_func(id: ID, path: string, rec: any): string
	{
	# Once a path is known it stays: the first call decides.
	if ( path != "" )
		return path;
	return __default_path(id);
	}

# Lists `id` among the active streams when `on`, else takes it off; the
# stream's event groups follow.
function mark_active(id: ID, on: bool)
	{
	if ( id !in known_streams )
		return;

	if ( on )
		active_streams[id] = known_streams[id];
	else if ( id in active_streams )
		delete active_streams[id];

	for ( group in known_streams[id]$event_groups )
		{
		if ( has_module_events(group) )
			{
			if ( on )
				enable_module_events(group);
			else
				disable_module_events(group);
			}
		if ( has_event_group(group) )
			{
			if ( on )
				enable_event_group(group);
			else
				disable_event_group(group);
			}
		}
	}

function create_stream(id: ID, stream: Stream): bool
	{
	if ( ! __create_stream(id, stream) )
		return F;
	known_streams[id] = stream;
	known_filters[id] = table();
	mark_active(id, T);
	return add_default_filter(id);
	}

function remove_stream(id: ID): bool
	{
	mark_active(id, F);
	delete known_streams[id];
	delete known_filters[id];
	return __remove_stream(id);
	}

function enable_stream(id: ID): bool
	{
	if ( ! __enable_stream(id) )
		return F;
	mark_active(id, T);
	return T;
	}

function disable_stream(id: ID): bool
	{
	mark_active(id, F);
	return __disable_stream(id);
	}

function add_filter(id: ID, filter: Filter): bool
	{
	if ( id !in known_streams )
		return F;

	local stream = known_streams[id];
	if ( ! filter?$path && stream?$path )
		filter$path = stream$path;
	if ( ! filter?$path && ! filter?$path_func )
		filter$path_func = default_path_func;

	if ( ! __add_filter(id, filter) )
		return F;
	known_filters[id][filter$name] = filter;
	return T;
	}

function remove_filter(id: ID, name: string): bool
	{
	if ( id in known_filters && name in known_filters[id] )
		delete known_filters[id][name];
	return __remove_filter(id, name);
	}

function get_filter(id: ID, name: string): Filter
	{
	if ( id in known_filters && name in known_filters[id] )
		return known_filters[id][name];
	return no_filter;
	}

function get_filter_names(id: ID): set[string]
	{
	local names: set[string] = set();
	if ( id in known_filters )
		for ( name in known_filters[id] )
			add names[name];
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

# Writing, flushing and buffering go straight to the interpreter.
function write(id: ID, columns: any): bool { return __write(id, columns); }
function flush(id: ID): bool { return __flush(id); }
function set_buf(id: ID, buffered: bool): bool { return __set_buf(id, buffered); }

event zeek_init() &priority=5
	{
	if ( print_to_log != REDIRECT_NONE )
		create_stream(PRINTLOG, Stream($columns=PrintLogInfo, $ev=log_print,
		                               $path=print_log_path));
	}
