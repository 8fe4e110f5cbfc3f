# The Reporter's weird sampling: its settings start as the Weird::sampling_*
# options say and the setters change them (each returns T); after
# `threshold` reports of a name, one in `rate` is let through; whitelisted
# names always are. get_reporter_stats counts every weird, before sampling.

global seen: table[string] of count &default=0;

event net_weird(name: string, addl: string, source: string)
	{
	++seen[name];
	}

event zeek_init()
	{
	print Reporter::get_weird_sampling_threshold(), Reporter::get_weird_sampling_rate(),
	      Reporter::get_weird_sampling_duration(), |Reporter::get_weird_sampling_whitelist()|,
	      |Reporter::get_weird_sampling_global_list()|;
	print Reporter::set_weird_sampling_threshold(2), Reporter::set_weird_sampling_rate(3),
	      Reporter::set_weird_sampling_duration(1 hr),
	      Reporter::set_weird_sampling_whitelist(set("always")),
	      Reporter::set_weird_sampling_global_list(set("everywhere"));
	print Reporter::get_weird_sampling_threshold(), Reporter::get_weird_sampling_rate(),
	      Reporter::get_weird_sampling_duration(),
	      Reporter::get_weird_sampling_whitelist(), Reporter::get_weird_sampling_global_list();
	local i = 0;
	while ( i < 8 )
		{
		Reporter::net_weird("sampled");
		Reporter::net_weird("always");
		++i;
		}
	}

event zeek_done()
	{
	print seen["sampled"], seen["always"];
	local s = get_reporter_stats();
	print s$weirds, s$weirds_by_type["sampled"], s$weirds_by_type["always"];
	}
