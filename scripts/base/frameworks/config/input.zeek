##! Options read from files: each file in Config::config_files is read by
##! the input framework's config reader and read again whenever it
##! changes; each value that is new or differs is given to its option.

@load ./main
@load base/frameworks/input

module Config;

export {
	## The files options are read from. Replace a file (with mv) rather
	## than write it in place, so that no half-written file is read. An
	## option set in two files gets one of the two values.
	const config_files: set[string] = {} &redef;

	## Reads one file of options once; later changes of the file are not
	## followed.
	global read_config: function(filename: string);
}

# What the files' table streams fill: option name to the text of its value.
global current_config: table[string] of string = table();

type ConfigItem: record {
	option_nv: string;
};

type EventFields: record {
	option_name: string;
	option_val: string;
};

# The one-shot event stream of read_config needs an event; the values
# themselves arrive through InputConfig::new_value.
event config_line(desc: Input::EventDescription, what: Input::Event, fields: EventFields)
	{
	}

event zeek_init() &priority = 5
	{
	for ( fname in config_files )
		{
		local desc = Input::TableDescription($source=fname, $name=cat("config-", fname),
		                                     $reader=Input::READER_CONFIG, $mode=Input::REREAD,
		                                     $idx=ConfigItem, $val=ConfigItem,
		                                     $destination=current_config, $want_record=F);
		Input::add_table(desc);
		}
	}

event InputConfig::new_value(name: string, source: string, id: string, value: any)
	{
	# Only this framework's own streams set options: the files in
	# config_files and the one-shot reads of read_config.
	local oneshot = sub_bytes(name, 1, 15) == "config-oneshot-";
	if ( oneshot || source in config_files )
		Config::set_value(id, value, source);
	}

function read_config(filename: string)
	{
	local stream = cat("config-oneshot-", filename);
	local desc = Input::EventDescription($source=filename, $name=stream,
	                                     $reader=Input::READER_CONFIG, $mode=Input::MANUAL,
	                                     $fields=EventFields, $ev=config_line);
	Input::add_event(desc);
	# The file is read once; the stream ends after that read.
	Input::remove(stream);
	}
