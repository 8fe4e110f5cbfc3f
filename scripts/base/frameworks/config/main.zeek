##! Changes of options (globals declared with "option") at run time, and
##! config.log, which records each change with the old and new value.

@load base/frameworks/logging/main

module Config;

export {
	## The stream of config.log.
	redef enum Log::ID += { LOG };

	## The policy hook of config.log's stream.
	global log_policy: Log::PolicyHook;

	## One line of config.log.
	type Info: record {
		## When the option changed.
		ts: time &log;
		## The option's name.
		id: string &log;
		## Its value before.
		old_value: string &log;
		## Its value after.
		new_value: string &log;
		## Where the change came from (a file name, for example), if
		## given.
		location: string &optional &log;
	};

	## Raised with each config.log record as it is written.
	global log_config: event(rec: Info);

	## Gives an option a new value (through its change handlers, as
	## Option::set does).
	##
	## ID: the option's name.
	##
	## val: its new value.
	##
	## location: where the change came from, for config.log.
	##
	## Returns: whether the option took the value.
	global set_value: function(ID: string, val: any, location: string &default = ""): bool;
}

function set_value(ID: string, val: any, location: string &default = ""): bool
	{
	return Option::set(ID, val, location);
	}

# How a value appears in config.log: containers as their elements joined
# by commas, strings as they are, everything else as cat() writes it.
function format_value(value: any) : string
	{
	local kind = type_name(value);
	local parts: string_vec = vector();

	# A set with a one-part index (no comma in its type's name).
	if ( strstr(kind, ",") == 0 && /^set/ in kind )
		{
		local elems = Option::any_set_to_any_vec(value);
		for ( i in elems )
			parts += cat(elems[i]);
		return join_string_vec(parts, ",");
		}

	if ( /^vector/ in kind )
		{
		local items: vector of any = value;
		for ( j in items )
			parts += cat(items[j]);
		return join_string_vec(parts, ",");
		}

	if ( kind == "string" )
		return value;

	return cat(value);
	}

# The change handler registered for every option: logs the change and
# lets the value through unchanged.
function config_option_changed(ID: string, new_value: any, location: string): any
	{
	# Changes made by Zeek itself ask not to be logged.
	if ( "<skip-config-log>" == location )
		return new_value;

	local rec = Info($ts=network_time(), $id=ID,
	                 $old_value=format_value(lookup_ID(ID)),
	                 $new_value=format_value(new_value));

	if ( |location| > 0 )
		rec$location = location;

	Log::write(LOG, rec);
	return new_value;
	}

event zeek_init() &priority = 10
	{
	Log::create_stream(LOG, Log::Stream($columns=Info, $ev=log_config,
	                                    $path="config", $policy=log_policy));

	# Last in line of every option's change handlers, so the value
	# logged is the one the option gets.
	local names = global_options();
	for ( name in names )
		Option::set_change_handler(name, config_option_changed, -100);
	}
