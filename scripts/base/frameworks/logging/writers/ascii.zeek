##! Options of the ASCII log writer. Each may also be set for one filter
##! through its ``$config`` table, under the option's name with "T"/"F"
##! for booleans (for example ``["use_json"] = "T"``).

module JSON;

export {
	## How times are written in JSON.
	type TimestampFormat: enum {
		## Seconds since the epoch, with a fraction.
		TS_EPOCH,
		## Whole milliseconds since the epoch, negative before it.
		TS_MILLIS,
		## Whole milliseconds since the epoch as an unsigned number: a
		## time before the epoch wraps around to a huge value.
		TS_MILLIS_UNSIGNED,
		## An ISO 8601 date and time in UTC, with microseconds.
		TS_ISO8601,
	};

	## How JSON strings write bytes that are neither printable nor part
	## of valid UTF-8.
	type StringEscapePolicy: enum {
		## As ``\\xNN`` (which cannot be told apart from those four
		## characters in the original).
		STRING_ESCAPE_POLICY_HEX,
		## Mapped into Unicode's supplementary private use area A and
		## written as a surrogate pair (rzeek writes HEX instead).
		STRING_ESCAPE_POLICY_PUA,
		## Escaped as in TSV logs first, then as JSON (rzeek writes HEX
		## instead).
		STRING_ESCAPE_POLICY_TSV,
	};
}

module LogAscii;

export {
	# -- Where lines go --

	## Write every log to standard output instead of its file.
	const output_to_stdout: bool = F &redef;
	## Compress logs with gzip at this level (0 for none). rzeek writes
	## uncompressed logs whatever the level.
	const gzip_level: count = 0 &redef;
	## The extension compressed logs get.
	const gzip_file_extension: string = "gz" &redef;
	## Rotate, at start-up, logs a previous run left unrotated. rzeek
	## does not rotate logs, so this has no effect.
	const enable_leftover_log_rotation: bool = F &redef;

	# -- Tab-separated lines --

	## Write the header and #close lines (never in JSON mode).
	const include_meta: bool = T &redef;
	## What those lines start with.
	const meta_prefix: string = "#" &redef;

	# The next four default to the logging framework's settings.

	## What goes between fields.
	const separator: string = Log::separator &redef;
	## What goes between the elements of a set or vector.
	const set_separator: string = Log::set_separator &redef;
	## What stands for an unset &optional field.
	const unset_field: string = Log::unset_field &redef;
	## What stands for an empty string, set or vector.
	const empty_field: string = Log::empty_field &redef;
	## Let valid UTF-8 through into TSV logs unescaped; when false every
	## byte outside printable ASCII is written as ``\xNN``.
	const enable_utf_8: bool = T &redef;

	# -- JSON lines --

	## Write JSON lines (one object per record) instead of TSV.
	const use_json: bool = F &redef;
	## How JSON lines write times.
	const json_timestamps: JSON::TimestampFormat = JSON::TS_EPOCH &redef;
	## How they escape bytes that are not valid UTF-8.
	const json_string_escape_policy: JSON::StringEscapePolicy =
		JSON::STRING_ESCAPE_POLICY_HEX &redef;
	## Whether JSON lines name columns that have no value, as null
	## (normally they are left out).
	const json_include_unset_fields: bool = F &redef;
}
