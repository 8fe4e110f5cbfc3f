##! Printing the call stack from a script.

@ifdef ( backtrace )
## Prints the calls that led here, innermost first, numbered from 0.
##
## show_args: include each call's arguments (name, type and value).
##
## one_line: print all calls on one line, each between delimiters.
##
## one_line_delim: the delimiter for *one_line*.
##
## skip: how many of the innermost calls to leave out; the default 1
##       leaves out this function's own.
##
## to_file: where to print.
function print_backtrace(show_args: bool &default=F,
                         one_line: bool &default=F,
                         one_line_delim: string &default="|",
                         skip: count &default=1,
                         to_file: file &default=open("/dev/stdout"))
	{
	local calls: string_vec = vector();
	local stack = backtrace();
	local n = 0;
	while ( n + skip < |stack| )
		{
		local frame = stack[n + skip];
		local args: string_vec = vector();
		if ( show_args )
			for ( _, a in frame$function_args )
				{
				local one = cat(a$name, ": ", a$type_name);
				if ( a?$value )
					one += fmt(" = %s", a$value);
				args += one;
				}
		local desc = cat(frame$function_name, "(", join_string_vec(args, ", "), ")");
		if ( frame?$file_location )
			desc += fmt(" at %s:%s", frame$file_location, frame$line_location);
		calls += fmt("#%s: %s", n, desc);
		++n;
		}

	if ( ! one_line )
		{
		for ( _, c in calls )
			print to_file, c;
		return;
		}

	local line = "";
	for ( _, c in calls )
		line += cat(one_line_delim, " ", c, " ");
	if ( |calls| > 0 )
		line += one_line_delim;
	print to_file, line;
	}
@endif
