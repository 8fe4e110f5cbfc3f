##! Options of the ASCII log writer.

module LogAscii;

export {
	## Write JSON lines (one object per record) instead of TSV.
	const use_json = F &redef;

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
