##! NetControl plugins: the backends that carry rules to network devices.
##! A plugin is a record of functions (see :zeek:type:`NetControl::Plugin`);
##! each activated instance of it has its own state.

@load ./types

module NetControl;

export {
	## An activated plugin instance: its settings and the framework's
	## bookkeeping about it.
	type PluginState: record {
		## The instance's settings, and the number it gets on activation.
		config: table[string] of string &default=table(); _id: count &optional;
		## Its priority (rules go to the highest priority plugins that accept
		## them), and whether it has finished activating.
		_priority: int &default=+0; _activated: bool &default=F;
	};

	## The functions that make up a plugin.
	type Plugin: record {
		## Its name, for logs; and whether it expires rules itself (if not,
		## the framework removes them when they run out).
		name: function(state: PluginState): string; can_expire: bool;
		## Setting it up and shutting it down. ``init`` calls
		## :zeek:see:`NetControl::plugin_activated` once the plugin is ready;
		## a plugin without ``init`` is ready at once.
		init: function(state: PluginState) &optional; done: function(state: PluginState) &optional;
		## Taking a rule (false: the plugin does not handle such rules) and
		## removing one. The outcome is reported later through
		## NetControl::rule_added or NetControl::rule_removed (or an error).
		add_rule: function(state: PluginState,
		                   r: Rule): bool &optional;
		remove_rule: function(state: PluginState, r: Rule,
		                      reason: string): bool &optional;
	};

	## Each instance also knows the plugin it belongs to.
	redef record PluginState += { plugin: Plugin &optional; };
}
