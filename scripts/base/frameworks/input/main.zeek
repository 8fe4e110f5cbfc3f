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
	# ---- Kinds of change, modes, readers ----

	## What happened to a table entry (or, for event streams, that a line
	## was read): it is new, its value differs from the last read, or it is
	## no longer in the source.
	type Event: enum { EVENT_NEW = 0, EVENT_CHANGED = 1, EVENT_REMOVED = 2, };

	## How a stream follows its source: read once (again only on
	## Input::force_update); read again whenever the file changes (new inode
	## or mtime); or keep the file open and deliver the lines appended.
	type Mode: enum { MANUAL = 0, REREAD = 1, STREAM = 2 };

	## The readers there are.
	type Reader: enum {
		## Zeek's tab-separated log format; generated test data; a file in
		## chunks of bytes.
		READER_ASCII, READER_BENCHMARK, READER_BINARY,
		## Lines of "option-name value", for the config framework; a file
		## (or a command's output) line by line; an SQLite database (not
		## available in rzeek).
		READER_CONFIG, READER_RAW, READER_SQLITE,
	};

	## The reader of a stream whose description names none.
	option default_reader: Reader = READER_ASCII;
	## The mode of a stream whose description names none.
	option default_mode: Mode = MANUAL;

	# ---- How fields are written (the ASCII reader's defaults) ----

	## What separates the fields of a line.
	const separator: string = "\t" &redef;
	## What separates the elements of a set or vector field.
	const set_separator: string = "," &redef;
	## How an empty set, vector or string looks.
	const empty_field: string = "(empty)" &redef;
	## How a field without a value looks.
	const unset_field: string = "-" &redef;

	## Whether record fields of types no reader can fill (files,
	## functions, opaques) are accepted when they are &optional.
	const accept_unsupported_types: bool = F &redef;

	# ---- Streams ----
	#
	# Every description starts alike: the source (a file name for most
	# readers), the reader, how the source is followed, and the stream's
	# name, unique among the streams.

	## A stream that fills a table (or set).
	type TableDescription: record {
		source: string; reader: Reader &default=default_reader;
		mode: Mode &default=default_mode; name: string;

		## The table or set the data goes to, and the record types whose
		## fields are its index columns and value columns (none for a set).
		destination: any; idx: any; val: any &optional;
		## Whether the table holds records of the val type (T) or, with one
		## value column, that column's values themselves (F).
		want_record: bool &default=T;
		## An event raised for each entry added, changed or removed:
		## (description, Input::Event, index record[, value]).
		ev: any &optional;
		## Asked before each change of the table; F keeps the table as it
		## was.
		pred: function(typ: Input::Event, left: any, right: any): bool
			&optional;
		## An event raised for each problem the reader reports
		## (description, message, Reporter::Level), and reader settings
		## that override the reader's options for this stream.
		error_ev: any &optional; config: table[string] of string &default=table();
	};

	## A stream that raises an event for each line.
	type EventDescription: record {
		source: string; reader: Reader &default=default_reader;
		mode: Mode &default=default_mode; name: string;

		## A record type whose fields are the columns, and whether the event
		## gets one record of it (T) or each field as an argument (F).
		fields: any; want_record: bool &default=T;
		## The event raised for each line: (description, Input::Event,
		## fields...).
		ev: any;
		## As for table streams: the error event and the reader settings.
		error_ev: any &optional; config: table[string] of string &default=table();
	};

	## A stream whose data goes to file analysis; its name is also the
	## file's source there.
	type AnalysisDescription: record {
		source: string; reader: Reader &default=Input::READER_BINARY;
		mode: Mode &default=default_mode; name: string;
		config: table[string] of string &default=table();
	};

	## Starts a table stream; F (with an error) when the description does
	## not fit together.
	global add_table: function(description: Input::TableDescription): bool;
	## Starts an event stream; F (with an error) when the description does
	## not fit together.
	global add_event: function(description: Input::EventDescription): bool;

	## Ends the stream of that name (after the data it already read).
	global remove: function(id: string): bool;

	## Reads a stream's source again now (MANUAL streams).
	global force_update: function(id: string): bool;

	## Raised when a stream has read its source to the end.
	global end_of_data: event(name: string, source: string);
}
