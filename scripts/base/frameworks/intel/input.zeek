##! Indicators read from files through the Input framework. Each file is
##! a table in Zeek's ASCII format with the fields of
##! :zeek:type:`Intel::Item` (``indicator``, ``indicator_type``,
##! ``meta.source`` and so on), and is read again whenever it changes, so
##! replace it whole (with ``mv``) rather than writing it in place.

@load ./main

module Intel;

export {
	## The files to read indicators from.
	const read_files: set[string] = {} &redef;

	## A directory the files are read from unless their names are
	## absolute (if it is relative itself, Input's own path prefix applies
	## to it too). Empty: names are taken as they are.
	const path_prefix = "" &redef;

	## Raised for each item read from a file; the framework inserts it.
	##
	## desc: The input stream's description.
	##
	## tpe: What happened to the line.
	##
	## item: The item.
	global read_entry: event(desc: Input::EventDescription, tpe: Input::Event, item: Intel::Item);

	## Raised when reading a file runs into a problem.
	##
	## desc: The input stream's description.
	##
	## message: What went wrong.
	##
	## level: How bad it is.
	global read_error: event(desc: Input::EventDescription, message: string, level: Reporter::Level);
}

event Intel::read_entry(desc: Input::EventDescription, tpe: Input::Event, item: Intel::Item)
	{
	Intel::insert(item);
	}

# Where a file is read from.
function intel_source(file_name: string): string
	{
	if ( path_prefix == "" || starts_with(file_name, "/") )
		return file_name;
	return cat(rstrip(path_prefix, "/"), "/", file_name);
	}

event zeek_init() &priority=5
	{
	# In a cluster only the manager reads; it hands the items out.
	if ( Cluster::is_enabled() && Cluster::local_node_type() != Cluster::MANAGER )
		return;

	for ( name in read_files )
		Input::add_event([$source=intel_source(name), $reader=Input::READER_ASCII,
		                  $mode=Input::REREAD, $name=cat("intel-", name),
		                  $fields=Intel::Item, $ev=Intel::read_entry,
		                  $error_ev=Intel::read_error]);
	}
