##! A NetControl plugin for testing: it prints what it is asked and
##! answers at once, putting every rule in place (or none).

@load ../plugin
@load ../main

module NetControl;

export {
	## A debug plugin instance.
	##
	## do_something: whether it takes rules (else it refuses them all).
	##
	## name: its name; "Debug-All" or "Debug-None" by default.
	##
	## Returns: the instance, to activate.
	global create_debug: function(do_something: bool, name: string &default=""): PluginState;

	## A debug plugin that answers every rule with "it exists already".
	global create_debug_exists: function(name: string): PluginState;

	## A debug plugin that answers every rule with an error.
	global create_debug_error: function(name: string): PluginState;
}

function debug_takes_rules(p: PluginState): bool
	{
	return p$config["all"] == "1";
	}

function debug_name(p: PluginState): string
	{
	return p$config["name"];
	}

function debug_log(p: PluginState, msg: string)
	{
	print fmt("netcontrol debug (%s): %s", debug_name(p), msg);
	}

function debug_init(p: PluginState)
	{
	debug_log(p, "init");
	plugin_activated(p);
	}

function debug_done(p: PluginState)
	{
	debug_log(p, "init");
	}

function debug_add_rule(p: PluginState, r: Rule): bool
	{
	debug_log(p, fmt("add_rule: %s", r));
	if ( ! debug_takes_rules(p) )
		return F;
	event NetControl::rule_added(r, p);
	return T;
	}

function debug_add_rule_exists(p: PluginState, r: Rule): bool
	{
	debug_log(p, fmt("add_rule_exists: %s", r));
	if ( ! debug_takes_rules(p) )
		return F;
	event NetControl::rule_exists(r, p);
	return T;
	}

function debug_add_rule_error(p: PluginState, r: Rule): bool
	{
	debug_log(p, fmt("add_rule_error: %s", r));
	if ( ! debug_takes_rules(p) )
		return F;
	event NetControl::rule_error(r, p, "debug error");
	return T;
	}

function debug_remove_rule(p: PluginState, r: Rule, reason: string): bool
	{
	debug_log(p, fmt("remove_rule (%s): %s", reason, r));
	event NetControl::rule_removed(r, p);
	return T;
	}

global debug_plugin = Plugin($name=debug_name, $can_expire=F, $init=debug_init,
                             $done=debug_done, $add_rule=debug_add_rule,
                             $remove_rule=debug_remove_rule);

function create_debug(do_something: bool, name: string): PluginState
	{
	local p = PluginState($plugin=debug_plugin);
	p$config = table(["all"] = do_something ? "1" : "0");
	if ( name != "" )
		p$config["name"] = name;
	else
		p$config["name"] = do_something ? "Debug-All" : "Debug-None";
	return p;
	}

# A debug instance whose rules are answered by `answer`.
function debug_variant(name: string, answer: function(p: PluginState, r: Rule): bool): PluginState
	{
	local p = copy(PluginState($plugin=debug_plugin));
	p$config["name"] = name;
	p$config["all"] = "1";
	p$plugin$add_rule = answer;
	return p;
	}

function create_debug_error(name: string): PluginState
	{
	return debug_variant(name, debug_add_rule_error);
	}

function create_debug_exists(name: string): PluginState
	{
	return debug_variant(name, debug_add_rule_exists);
	}
