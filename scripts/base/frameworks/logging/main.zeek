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
# ones. The interpreter keeps the writers: these functions keep the two
# script-side tables in step with it.
global known_streams: table[ID] of Stream = table();

# Lists `id` among the active streams when `on`, else takes it off.
function mark_active(id: ID, on: bool)
	{
	if ( on && id in known_streams )
		active_streams[id] = known_streams[id];
	else if ( ! on && id in active_streams )
		delete active_streams[id];
	}

function create_stream(id: ID, stream: Stream): bool
	{
	if ( ! __create_stream(id, stream) )
		return F;
	known_streams[id] = stream;
	mark_active(id, T);
	return T;
	}

function remove_stream(id: ID): bool
	{
	mark_active(id, F);
	if ( id in known_streams )
		delete known_streams[id];
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

# Writing, flushing and buffering go straight to the interpreter.
function write(id: ID, columns: any): bool { return __write(id, columns); }
function flush(id: ID): bool { return __flush(id); }
function set_buf(id: ID, buffered: bool): bool { return __set_buf(id, buffered); }
