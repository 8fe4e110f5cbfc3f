# Indicators read from a file through the Input framework
# (Intel::read_files): each line is an Intel::Item in Zeek's ASCII
# format, '-' is an unset field. Intel::read_entry is raised for each, and
# the framework inserts them. path_prefix is prepended to relative names.
@load base/frameworks/intel

redef Intel::read_files += { "intel-feed.dat" };
redef Intel::path_prefix = "./";
redef exit_only_after_terminate = T;

event Intel::read_entry(desc: Input::EventDescription, tpe: Input::Event, item: Intel::Item)
	{
	print "read", desc$name, desc$source, tpe, item$indicator, item$indicator_type,
	      item$meta?$desc ? item$meta$desc : "-", item$meta?$url;
	}

event Intel::match(s: Intel::Seen, items: set[Intel::Item])
	{
	for ( it in items )
		print "match", s$indicator, it$indicator, it$indicator_type, it$meta$source;
	}

event Input::end_of_data(name: string, source: string)
	{
	print "end_of_data", name, source;
	Intel::seen([$host=10.1.1.1, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$host=10.2.3.4, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="bad.example", $indicator_type=Intel::DOMAIN, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="D41D8CD98F00B204E9800998ECF8427E", $indicator_type=Intel::FILE_HASH,
	             $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="bad.example", $indicator_type=Intel::URL, $where=Intel::IN_ANYWHERE]);
	terminate();
	}
