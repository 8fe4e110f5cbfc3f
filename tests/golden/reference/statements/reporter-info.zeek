# Reporter::info, ::warning and ::error from a script: Zeek prints an info
# message with its location and no severity word, the others with theirs.
# The `!in` operator (also written `! in`) next to `!` before a name that
# begins with "in".

event zeek_init()
	{
	Reporter::info("an info message");
	Reporter::warning("a warning message");
	Reporter::error("an error message");
	local info = T;
	local s = set(1);
	print 2 !in s, 1 ! in s, !info;
	}
