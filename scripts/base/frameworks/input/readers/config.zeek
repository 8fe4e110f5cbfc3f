##! Options of the config reader, which reads lines of "name value" for
##! the configuration framework and raises InputConfig::new_value with
##! the value converted to the option's type.

module InputConfig;

export {
	## Separator between the elements of a set or vector value.
	const set_separator = Input::set_separator &redef;

	## What an empty set or vector value is written as.
	const empty_field = "" &redef;

	## Whether a file that cannot be opened fails the stream (T) or is
	## retried later with a warning (F).
	const fail_on_file_problem = F &redef;

	## Raised for each option whose value in the file is new or changed.
	##
	## name: the stream's name.
	##
	## source: the file's name.
	##
	## id: the option's name.
	##
	## value: the value, of the option's type.
	global new_value: event(name: string, source: string, id: string, value: any);
}
