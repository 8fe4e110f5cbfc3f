# An error while the scripts are read (here a global's initialiser that
# fails at run time) ends the run before zeek_init: nothing below runs.
global n = to_count("twelve");

event zeek_init()
	{
	print "not reached", n;
	}
