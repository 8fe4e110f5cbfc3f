# global_ids() may not be called while the scripts are read: the set of
# globals is not complete then. It answers an empty table with an error,
# and the error ends the run before zeek_init.
global ids = global_ids();

event zeek_init()
	{
	print "not reached", |ids|;
	}
