# @load, @unload, @DIR and @FILENAME (directives.rst): scripts load once,
# relative to the loading script; a directory loads its __load__.zeek;
# @unload keeps a script from loading later.

@unload ./_lib/never
@load ./_lib/helper
@load ./_lib/helper.zeek
@load ./_lib/pkg
@load ./_lib/never

print "main", @FILENAME, sub(@DIR, /^.*\//, ""), Helper::level;

event zeek_init()
	{
	print "zeek_init";
	}
