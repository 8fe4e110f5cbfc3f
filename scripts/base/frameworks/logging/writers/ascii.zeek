##! Options of the ASCII log writer.

module JSON;

export {
	## How times are written in JSON.
	type TimestampFormat: enum {
		## Seconds since the epoch, with a fraction.
		TS_EPOCH,
		## Whole milliseconds since the epoch.
		TS_MILLIS,
		## An ISO 8601 date and time in UTC, with microseconds.
		TS_ISO8601,
	};
}

module LogAscii;

export {
	## Write JSON lines (one object per record) instead of TSV.
	const use_json = F &redef;

	## How JSON lines write times.
	const json_timestamps: JSON::TimestampFormat = JSON::TS_EPOCH &redef;

	## Write the header and #close lines (never in JSON mode).
	const include_meta = T &redef;

	## What starts a line of meta information.
	const meta_prefix = "#" &redef;

	## Between fields.
	const separator = Log::separator &redef;

	## Between the elements of a set or vector.
	const set_separator = Log::set_separator &redef;

	## For an empty string, set or vector.
	const empty_field = Log::empty_field &redef;

	## For an unset &optional field.
	const unset_field = Log::unset_field &redef;
}
