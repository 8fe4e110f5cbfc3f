##! Options of the ASCII reader, which reads Zeek's tab-separated logs.
##! A stream's $config table overrides them by name ("separator",
##! "set_separator", "empty_field", "unset_field",
##! "fail_on_invalid_lines", "fail_on_file_problem").

module InputAscii;

export {
	## Directory that relative source names are taken from; empty for
	## the working directory.
	const path_prefix = "" &redef;

	## Whether a file that cannot be opened or has no usable header fails
	## the stream (T) or is retried later with a warning (F).
	const fail_on_file_problem = F &redef;

	## Whether a line that cannot be read fails the stream (T) or is
	## skipped with a warning (F).
	const fail_on_invalid_lines = F &redef;

	# How fields are written; by default as the input framework's
	# defaults say.

	## Separator between the fields of a line.
	const separator = Input::separator &redef;
	## Separator between the elements of a set or vector field.
	const set_separator = Input::set_separator &redef;
	## What a field without a value is written as.
	const unset_field = Input::unset_field &redef;
	## What an empty set, vector or string field is written as.
	const empty_field = Input::empty_field &redef;
}
