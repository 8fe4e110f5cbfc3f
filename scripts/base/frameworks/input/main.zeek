##! The input framework: reads data from outside (files, mostly) into
##! tables or delivers it line by line as events.
##!
##! A script describes a stream with a TableDescription or an
##! EventDescription and hands it to Input::add_table or Input::add_event.
##! The reader named in the description turns the source into lines of
##! fields; the framework converts them to Zeek values of the types of the
##! index, value or event records. Data arrives after zeek_init, through
##! the event queue, and each read of a source ends with
##! Input::end_of_data.

module Input;

export {
	## What happened to a table entry, or that an event stream read a line.
	type Event: enum {
		## A new entry (for event streams: every line).
		EVENT_NEW = 0,
		## An entry whose value differs from the last read.
		EVENT_CHANGED = 1,
		## An entry no longer in the source.
		EVENT_REMOVED = 2,
	};

	## How a stream follows its source.
	type Mode: enum {
		## Read once; Input::force_update reads again.
		MANUAL = 0,
		## Read again whenever the file changes (new inode or mtime).
		REREAD = 1,
		## Keep the file open and deliver the lines appended to it.
		STREAM = 2
	};

	## The readers there are.
	type Reader: enum {
		## Zeek's tab-separated log format.
		READER_ASCII,
		## Generated test data.
		READER_BENCHMARK,
		## A file in chunks of bytes.
		READER_BINARY,
		## Lines of "option-name value", for the config framework.
		READER_CONFIG,
		## A file (or a command's output) line by line.
		READER_RAW,
		## An SQLite database (not available in rzeek).
		READER_SQLITE,
	};

	## The reader a stream uses unless its description names another.
	option default_reader = READER_ASCII;

	## The mode a stream uses unless its description names another.
	option default_mode = MANUAL;

	## Separator between the fields of a line (the ASCII reader's
	## default; see InputAscii::separator).
	const separator = "\t" &redef;

	## Separator between the elements of a set or vector field.
	const set_separator = "," &redef;

	## What an empty set, vector or string field is written as.
	const empty_field = "(empty)" &redef;

	## What a field without a value is written as.
	const unset_field = "-" &redef;

	## Whether record fields of types no reader can fill (files,
	## functions, opaques) are accepted when they are &optional.
	const accept_unsupported_types = F &redef;

	## A stream that fills a table (or set).
	type TableDescription: record {
		## Where the data comes from: a file name for most readers.
		source: string;
		## The reader that reads the source.
		reader: Reader &default=default_reader;
		## How the source is followed.
		mode: Mode &default=default_mode;
		## The stream's name, unique among the streams.
		name: string;

		## The table or set the data goes to.
		destination: any;
		## A record type whose fields are the index columns.
		idx: any;
		## A record type whose fields are the value columns (none for a
		## set).
		val: any &optional;
		## Whether the table holds records of the val type (T) or, with
		## one value column, that column's values themselves (F).
		want_record: bool &default=T;
		## An event raised for each entry added, changed or removed:
		## (description, Input::Event, index record[, value]).
		ev: any &optional;
		## Asked before each change of the table; returning F keeps the
		## table as it was.
		pred: function(typ: Input::Event, left: any, right: any): bool &optional;
		## An event raised for each problem the reader reports:
		## (description, message, Reporter::Level).
		error_ev: any &optional;
		## Reader settings that override the reader's options for this
		## stream.
		config: table[string] of string &default=table();
	};

	## A stream that raises an event for each line.
	type EventDescription: record {
		## Where the data comes from: a file name for most readers.
		source: string;
		## The reader that reads the source.
		reader: Reader &default=default_reader;
		## How the source is followed.
		mode: Mode &default=default_mode;
		## The stream's name, unique among the streams.
		name: string;

		## A record type whose fields are the columns.
		fields: any;
		## Whether the event gets one record of the fields type (T) or
		## each field as an argument of its own (F).
		want_record: bool &default=T;
		## The event raised for each line: (description, Input::Event,
		## fields...).
		ev: any;
		## An event raised for each problem the reader reports:
		## (description, message, Reporter::Level).
		error_ev: any &optional;
		## Reader settings that override the reader's options for this
		## stream.
		config: table[string] of string &default=table();
	};

	## A stream whose data goes to file analysis.
	type AnalysisDescription: record {
		## Where the data comes from.
		source: string;
		## The reader that reads the source.
		reader: Reader &default=Input::READER_BINARY;
		## How the source is followed.
		mode: Mode &default=default_mode;
		## The stream's name; also the file's source in file analysis.
		name: string;
		## Reader settings for this stream.
		config: table[string] of string &default=table();
	};

	## Starts a table stream. Returns F (with an error) if the description
	## does not fit together.
	global add_table: function(description: Input::TableDescription) : bool;

	## Starts an event stream.
	global add_event: function(description: Input::EventDescription) : bool;

	## Ends the stream of that name (after the data it already read).
	global remove: function(id: string) : bool;

	## Reads a stream's source again now (MANUAL streams).
	global force_update: function(id: string) : bool;

	## Raised when a stream has read its source to the end.
	global end_of_data: event(name: string, source: string);
}
