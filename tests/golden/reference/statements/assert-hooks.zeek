# The assertion_result and assertion_failure hooks (statements.rst:
# assert): the result hook hears every assert, the failure hook each
# failure; break in either keeps the error message back. A failed
# assertion still ends the handler.

global quiet = F;

hook assertion_result(result: bool, cond: string, msg: string, bt: Backtrace)
	{
	print "result", result, cond, msg, bt[0]$function_name, bt[0]$line_location;
	}

hook assertion_failure(cond: string, msg: string, bt: Backtrace)
	{
	print "failure", cond, msg, |bt| > 0;
	if ( quiet )
		break;
	}

event zeek_init()
	{
	local one = 1;
	local abc = "abc";
	assert one + one == 2;
	assert "a" in abc, "has a";
	assert 2 < one, "loud";
	print "not reached";
	}

event zeek_init() &priority=-5
	{
	quiet = T;
	assert ! quiet, "quiet";
	print "not reached either";
	}
