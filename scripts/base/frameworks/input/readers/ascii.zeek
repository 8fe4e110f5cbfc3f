##! Options of the ASCII reader, which reads Zeek's tab-separated logs.
##! A stream's $config table overrides them by name ("separator",
##! "set_separator", "empty_field", "unset_field",
##! "fail_on_invalid_lines", "fail_on_file_problem").

module InputAscii;

export {
	## Directory that relative source names are taken from; empty for
	## the working directory.
	const path_prefix: string = "" &redef;

	## A file that cannot be opened or has no usable header: T fails the
	## stream, F warns and tries the file again later.
	const fail_on_file_problem: bool = F &redef;
	## A line that cannot be read: T fails the stream, F warns and skips
	## the line.
	const fail_on_invalid_lines: bool = F &redef;

	# How the fields are written; the input framework's settings are the
	# defaults.

	## What separates the fields of a line.
	const separator: string = Input::separator &redef;
	## What separates the elements of a set or vector field.
	const set_separator: string = Input::set_separator &redef;
	## How a field without a value looks.
	const unset_field: string = Input::unset_field &redef;
	## How an empty set, vector or string looks.
	const empty_field: string = Input::empty_field &redef;
}
