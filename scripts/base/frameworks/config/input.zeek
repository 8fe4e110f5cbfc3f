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
event config_line(description: Input::EventDescription, tpe: Input::Event, p: EventFields)
	{
	}

event zeek_init() &priority=5
	{
	for ( fi in config_files )
		Input::add_table(Input::TableDescription($reader=Input::READER_CONFIG,
			$mode=Input::REREAD, $source=fi, $name=cat("config-", fi),
			$idx=ConfigItem, $val=ConfigItem, $want_record=F,
			$destination=current_config));
	}

event InputConfig::new_value(name: string, source: string, id: string, value: any)
	{
	# Only the streams of this framework set options.
	if ( sub_bytes(name, 1, 15) != "config-oneshot-" && source !in config_files )
		return;

	Config::set_value(id, value, source);
	}

function read_config(filename: string)
	{
	local stream = cat("config-oneshot-", filename);
	Input::add_event(Input::EventDescription($reader=Input::READER_CONFIG,
		$mode=Input::MANUAL, $source=filename, $name=stream,
		$fields=EventFields, $ev=config_line));
	Input::remove(stream);
	}
