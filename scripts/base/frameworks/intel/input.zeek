##! Reads indicator files into the intelligence framework: each file is a
##! tab-separated table (Zeek's ASCII input format) whose columns are the
##! fields of :zeek:type:`Intel::Item`, e.g. ``indicator``,
##! ``indicator_type`` and ``meta.source``.  Files are re-read when they
##! change.

@load base/frameworks/cluster
@load base/frameworks/input
@load ./main

module Intel;

export {
	## The indicator files to read.
	const read_files: set[string] = {} &redef;

	## A directory that relative names in *read_files* are taken from.
	const path_prefix = "" &redef;

	## Raised for each line read; inserts the item.
	global read_entry: event(desc: Input::EventDescription, tpe: Input::Event, item: Intel::Item);

	## Raised for problems reading a file.
	global read_error: event(desc: Input::EventDescription, message: string, level: Reporter::Level);
}

event Intel::read_entry(desc: Input::EventDescription, tpe: Input::Event, item: Intel::Item)
	{
	Intel::insert(item);
	}

event zeek_init() &priority=5
	{
	# In a cluster, only the manager reads the files.
	if ( Cluster::is_enabled() && Cluster::local_node_type() != Cluster::MANAGER )
		return;

	for ( f in read_files )
		{
		local source = f;
		if ( |path_prefix| > 0 && f[0] != "/" )
			source = rstrip(path_prefix, "/") + "/" + f;

		Input::add_event([$source=source, $reader=Input::READER_ASCII,
		                  $mode=Input::REREAD, $name="intel-" + f,
		                  $fields=Intel::Item, $ev=Intel::read_entry,
		                  $error_ev=Intel::read_error]);
		}
	}
