##! NetControl plugins: the backends that carry rules to network devices.

@load ./types

module NetControl;

export {
	## A plugin instance: its settings and the framework's bookkeeping.
	type PluginState: record {
		## Settings of this instance.
		config: table[string] of string &default=table();
		## Its number, given on activation.
		_id: count &optional;
		## Its priority: rules go to the highest priority plugins that
		## accept them.
		_priority: int &default=+0;
		## Whether it finished activating.
		_activated: bool &default=F;
	};

	## What a plugin does.
	type Plugin: record {
		## Its name, for logs.
		name: function(state: PluginState): string;
		## Whether it expires rules itself; otherwise the framework removes
		## them when they run out.
		can_expire: bool;
		## Sets it up; it calls :zeek:see:`NetControl::plugin_activated`
		## when ready. Without it the plugin is ready at once.
		init: function(state: PluginState) &optional;
		## Shuts it down.
		done: function(state: PluginState) &optional;
		## Takes a rule; false if it does not handle such rules. Its
		## answer comes later with NetControl::rule_added (or an error).
		add_rule: function(state: PluginState, r: Rule): bool &optional;
		## Removes a rule; answered with NetControl::rule_removed.
		remove_rule: function(state: PluginState, r: Rule, reason: string): bool &optional;
	};

	redef record PluginState += {
		## The plugin this is an instance of.
		plugin: Plugin &optional;
	};
}
