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
		WRITER_NONE,
		WRITER_ASCII,
	};

	## The writer streams use unless told otherwise.
	const default_writer = WRITER_ASCII &redef;

	## Where log files go; empty for the current directory.
	const default_logdir = "" &redef;

	## Defaults that writers may override with their own options.
	const separator = "\t" &redef;
	const set_separator = "," &redef;
	const empty_field = "(empty)" &redef;
	const unset_field = "-" &redef;

	## What a log stream is made of.
	type Stream: record {
		## The record type whose &log fields are the columns.
		columns: any;
		## An event raised with each record written.
		ev: any &optional;
		## The file name, without extension; derived from the ID if unset.
		path: string &optional;
		## Event groups tied to the stream (not used yet).
		event_groups: set[string] &default=set();
	};

	## Streams that exist and are enabled.
	global active_streams: table[ID] of Stream = table();

	global create_stream: function(id: ID, stream: Stream): bool;
	global remove_stream: function(id: ID): bool;
	global enable_stream: function(id: ID): bool;
	global disable_stream: function(id: ID): bool;
	global write: function(id: ID, columns: any): bool;
	global flush: function(id: ID): bool;
	global set_buf: function(id: ID, buffered: bool): bool;
}

# Every stream created, enabled or not (active_streams holds the enabled).
global all_streams: table[ID] of Stream = table();

# The interpreter keeps the writers; these functions keep the script-side
# tables in step with it.

function create_stream(id: ID, stream: Stream): bool
	{
	local made = __create_stream(id, stream);
	if ( made )
		{
		all_streams[id] = stream;
		active_streams[id] = stream;
		}
	return made;
	}

function remove_stream(id: ID): bool
	{
	if ( id in active_streams )
		delete active_streams[id];
	if ( id in all_streams )
		delete all_streams[id];
	return __remove_stream(id);
	}

function enable_stream(id: ID): bool
	{
	local enabled = __enable_stream(id);
	if ( enabled && id in all_streams )
		active_streams[id] = all_streams[id];
	return enabled;
	}

function disable_stream(id: ID): bool
	{
	if ( id in active_streams )
		delete active_streams[id];
	return __disable_stream(id);
	}

# Writing, flushing and buffering go straight to the interpreter.
function write(id: ID, columns: any): bool { return __write(id, columns); }
function flush(id: ID): bool { return __flush(id); }
function set_buf(id: ID, buffered: bool): bool { return __set_buf(id, buffered); }
