##! The NetControl framework: scripts ask for traffic to be dropped,
##! whitelisted, redirected or modified, and the rules go to the plugins
##! activated with :zeek:see:`NetControl::activate`, which carry them to
##! network devices. netcontrol.log records what was asked and what the
##! plugins answered. Without an active plugin nothing is put in place.
##!
##! rzeek has the framework and its debug plugin; the plugins that talk to
##! devices over Broker, OpenFlow or acld are not available.

@load ./plugin
@load ./types

module NetControl;

export {
	## The netcontrol.log stream.
	redef enum Log::ID += { LOG };

	## The policy hook of netcontrol.log's default filter.
	global log_policy: Log::PolicyHook;

	## Activates a plugin instance; call it in zeek_init.
	##
	## p: the instance.
	##
	## priority: its priority (higher first).
	global activate: function(p: PluginState, priority: int);

	## Raised after zeek_init, when plugins may be activated.
	global NetControl::init: event();

	## Raised once all plugins activated in zeek_init are ready; rules
	## added before that fail.
	global NetControl::init_done: event();

	## Whitelists an address.
	##
	## a: the address.
	##
	## t: for how long (0 for ever).
	##
	## location: who asks.
	##
	## Returns: the rule's id, or "" if it failed.
	global whitelist_address: function(a: addr, t: interval, location: string &default=""): string;

	## Whitelists a subnet; as :zeek:see:`NetControl::whitelist_address`.
	global whitelist_subnet: function(s: subnet, t: interval, location: string &default=""): string;

	## Redirects a flow out of another port.
	##
	## f: the flow.
	##
	## out_port: the port.
	##
	## t: for how long.
	##
	## location: who asks.
	##
	## Returns: the rule's id, or "" if it failed.
	global redirect_flow: function(f: flow_id, out_port: count, t: interval, location: string &default=""): string;

	## Quarantines a host: drops its traffic except to a quarantine server,
	## to which its DNS answers point.
	##
	## infected: the host.
	##
	## dns: its DNS server.
	##
	## quarantine: the server it may still reach (on port 80).
	##
	## t: for how long.
	##
	## location: who asks.
	##
	## Returns: the ids of the four rules made.
	global quarantine_host: function(infected: addr, dns: addr, quarantine: addr, t: interval, location: string &default=""): vector of string;

	## Removes every rule.
	global clear: function();

	## Adds a rule: it goes to the active plugins of the highest priority
	## that accept it.
	##
	## r: the rule.
	##
	## Returns: its id, or "" if no plugin took it (or the policy or a
	##          duplicate stopped it).
	global add_rule: function(r: Rule): string;

	## Asks the plugins to remove a rule.
	##
	## id: the rule's id.
	##
	## reason: why, for the log.
	##
	## Returns: whether every plugin accepted the request.
	global remove_rule: function(id: string, reason: string &default=""): bool;

	## Forgets a rule without asking the plugins (for rules they removed
	## themselves).
	##
	## id: the rule's id.
	##
	## reason: why, for the log.
	##
	## Returns: whether the rule existed.
	global delete_rule: function(id: string, reason: string &default=""): bool;

	## The rules about an address (for addresses, connections and flows).
	global find_rules_addr: function(ip: addr): vector of Rule;

	## The rules about addresses in a subnet.
	global find_rules_subnet: function(sn: subnet): vector of Rule;

	## A plugin put a rule in place.
	global rule_added: event(r: Rule, p: PluginState, msg: string &default="");

	## A plugin found a rule in place already.
	global rule_exists: event(r: Rule, p: PluginState, msg: string &default="");

	## A plugin removed a rule.
	global rule_removed: event(r: Rule, p: PluginState, msg: string &default="");

	## A rule ran out.
	global rule_timeout: event(r: Rule, i: FlowInfo, p: PluginState);

	## A plugin failed with a rule.
	global rule_error: event(r: Rule, p: PluginState, msg: string &default="");

	## A rule was accepted by a plugin for the first time.
	global rule_new: event(r: Rule);

	## A rule is gone from every plugin.
	global rule_destroyed: event(r: Rule);

	## Runs on every rule added; breaking drops it.
	global NetControl::rule_policy: hook(r: Rule);

	## Runs when a plugin reports a rule in place.
	global NetControl::rule_added_policy: hook(r: Rule, p: PluginState, exists: bool, msg: string);

	## For plugins: tells the framework the plugin is ready.
	global plugin_activated: function(p: PluginState);

	## What a line of netcontrol.log is about.
	type InfoCategory: enum {
		## A message of the framework or a plugin.
		MESSAGE,
		## An error.
		ERROR,
		## A rule.
		RULE
	};

	## Where a rule stands.
	type InfoState: enum {
		REQUESTED,	##< Sent to a plugin.
		SUCCEEDED,	##< Put in place.
		EXISTS,	##< Found in place already.
		FAILED,	##< Could not be added.
		REMOVED,	##< Removed.
		TIMEOUT,	##< Ran out.
	};

	## A line of netcontrol.log.
	type Info: record {
		ts: time &log;	##< When.
		rule_id: string &log &optional;	##< The rule's id.
		category: InfoCategory &log &optional;	##< What the line is about.
		cmd: string &log &optional;	##< The command (ADD, REMOVE, EXPIRE).
		state: InfoState &log &optional;	##< Where the rule stands.
		action: string &log &optional;	##< What the rule does.
		target: TargetType &log &optional;	##< Where it acts.
		entity_type: string &log &optional;	##< What it is about.
		entity: string &log &optional;	##< The entity, written out.
		mod: string &log &optional;	##< A MODIFY or REDIRECT rule's change.
		msg: string &log &optional;	##< A message.
		priority: int &log &optional;	##< The rule's priority.
		expire: interval &log &optional;	##< When it runs out.
		location: string &log &optional;	##< Who made it.
		plugin: string &log &optional;	##< The plugin concerned.
	};

	## Raised with each line written to netcontrol.log.
	global log_netcontrol: event(rec: Info);
}

# What the framework keeps with each rule: the plugins it went to, those
# that report it in place, those that found it in place already (and so
# leave it when it runs out), and whether every plugin has it.
redef record Rule += {
	_plugin_ids: set[count] &default=count_set();
	_active_plugin_ids: set[count] &default=count_set();
	_no_expire_plugins: set[count] &default=count_set();
	_added: bool &default=F;
};

# The framework's own state.
global plugins_active = F;	# every plugin activated so far is ready
global zeek_init_done = F;	# zeek_init is over: no more activations
global rule_counter: count = 1;	# the last rule number handed out
global plugin_counter: count = 1;	# the next plugin number

# The plugins, highest priority first, and each by its number.
global plugins: vector of PluginState;
global plugin_ids: table[count] of PluginState;

# Rules by id, by each subnet they touch, and by what they are about
# (one rule of a kind per entity).
global rules: table[string] of Rule;
global rules_by_subnets: table[subnet] of set[string];
global rule_entities: table[Entity, RuleType] of Rule;

# The expiry timer of a rule a plugin does not time out itself.
global rule_expire: event(r: Rule, p: PluginState);

event zeek_init() &priority=5
	{
	Log::create_stream(LOG, Log::Stream($columns=Info, $ev=log_netcontrol,
	                                    $path="netcontrol", $policy=log_policy));
	}

# ---- netcontrol.log ------------------------------------------------------

# Stands for "the framework itself" where a line names no plugin.
global no_plugin = PluginState();

# A fresh line, naming `p`'s plugin if it has one.
function new_line(category: InfoCategory, p: PluginState, msg: string): Info
	{
	local line = Info($ts=network_time(), $category=category);
	if ( p?$plugin )
		line$plugin = p$plugin$name(p);
	if ( msg != "" || category == ERROR )
		line$msg = msg;
	return line;
	}

# The columns describing `r`: what it does, where, to what.
function describe(line: Info, r: Rule)
	{
	line$rule_id = r$id;
	line$action = cat(r$ty);
	line$target = r$target;
	line$priority = r$priority;
	line$expire = r$expire;
	if ( r?$location && |r$location| > 0 )
		line$location = r$location;

	switch ( r$ty ) {
	case REDIRECT:
		line$mod = fmt("-> %d", r$out_port);
		break;
	case MODIFY:
		local m = r$mod;
		# "_" marks what the rule leaves alone.
		local src = fmt("%s/%s (%s)", m?$src_h ? cat(m$src_h) : "_",
		                m?$src_p ? fmt("%d", m$src_p) : "_", m?$src_m ? m$src_m : "_");
		local dst = fmt("%s/%s (%s)", m?$dst_h ? cat(m$dst_h) : "_",
		                m?$dst_p ? fmt("%d", m$dst_p) : "_", m?$dst_m ? m$dst_m : "_");
		line$mod = fmt("Src: %s Dst: %s", src, dst);
		if ( m?$redirect_port )
			line$mod += fmt(" -> %d", m$redirect_port);
		break;
	}

	local e = r$entity;
	line$entity_type = cat(e$ty);
	switch ( e$ty ) {
	case ADDRESS:
		line$entity = cat(e$ip);
		break;
	case CONNECTION:
		local c = e$conn;
		line$entity = fmt("%s/%d<->%s/%d", c$orig_h, c$orig_p, c$resp_h, c$resp_p);
		break;
	case FLOW:
		local f = e$flow;
		# "*" marks what the flow leaves open.
		local from = fmt("%s/%s", f?$src_h ? cat(f$src_h) : "*", f?$src_p ? fmt("%d", f$src_p) : "*");
		local to = fmt("%s/%s", f?$dst_h ? cat(f$dst_h) : "*", f?$dst_p ? fmt("%d", f$dst_p) : "*");
		line$entity = from + "->" + to;
		if ( f?$src_m || f?$dst_m )
			line$entity += fmt(" (%s->%s)", f?$src_m ? f$src_m : "*", f?$dst_m ? f$dst_m : "*");
		break;
	case MAC:
		line$entity = e$mac;
		break;
	default:
		line$entity = "<unknown entity type>";
		break;
	}
	}

# A message of the framework (no_plugin) or of a plugin.
function say(category: InfoCategory, msg: string, p: PluginState)
	{
	Log::write(LOG, new_line(category, p, msg));
	}

# What became of a rule: `cmd` is what was asked ("" for a decision of
# the framework's own), `state` how it went.
function say_rule(r: Rule, p: PluginState, cmd: string, state: InfoState, msg: string)
	{
	local line = new_line(RULE, p, msg);
	if ( cmd != "" )
		line$cmd = cmd;
	line$state = state;
	describe(line, r);
	Log::write(LOG, line);
	}

# Something went wrong with a rule.
function complain(r: Rule, p: PluginState, msg: string)
	{
	local line = new_line(ERROR, p, msg);
	describe(line, r);
	Log::write(LOG, line);
	}

# ---- Plugins -------------------------------------------------------------

# Once every plugin is ready, rules may be added.
function check_plugins()
	{
	if ( plugins_active )
		return;
	for ( _, p in plugins )
		if ( ! p$_activated )
			return;
	plugins_active = T;
	if ( |plugins| > 0 )
		say(MESSAGE, "plugin initialization done", no_plugin);
	event NetControl::init_done();
	}

function plugin_activated(p: PluginState)
	{
	if ( p$_id !in plugin_ids )
		{
		say(ERROR, "unknown plugin activated", p);
		return;
		}
	local known = plugin_ids[p$_id];
	if ( known$_activated )
		return;
	known$_activated = T;
	say(MESSAGE, "activation finished", p);
	if ( zeek_init_done )
		check_plugins();
	}

function activate(p: PluginState, priority: int)
	{
	p$_priority = priority;
	p$_id = plugin_counter;
	plugin_ids[p$_id] = p;
	++plugin_counter;
	plugins += p;
	sort(plugins, function(a: PluginState, b: PluginState): int { return b$_priority - a$_priority; });

	# A plugin without set-up is ready at once; the others say so when
	# they are.
	if ( p$plugin?$init )
		{
		say(MESSAGE, fmt("activating plugin with priority %d", priority), p);
		p$plugin$init(p);
		}
	else
		plugin_activated(p);
	}

event zeek_init() &priority=-5
	{
	event NetControl::init();
	}

event NetControl::init() &priority=-20
	{
	zeek_init_done = T;
	check_plugins();
	if ( ! plugins_active )
		say(MESSAGE, "waiting for plugins to initialize", no_plugin);
	}

# ---- Finding rules -------------------------------------------------------

# The subnets a rule touches.
function rule_subnets(r: Rule): vector of subnet
	{
	local e = r$entity;
	local nets: vector of subnet = vector();
	switch ( e$ty ) {
	case ADDRESS:
		nets += e$ip;
		break;
	case CONNECTION:
		nets += addr_to_subnet(e$conn$orig_h);
		nets += addr_to_subnet(e$conn$resp_h);
		break;
	case FLOW:
		if ( e$flow?$src_h )
			nets += e$flow$src_h;
		if ( e$flow?$dst_h )
			nets += e$flow$dst_h;
		break;
	}
	return nets;
	}

function index_rule(r: Rule)
	{
	for ( _, net in rule_subnets(r) )
		{
		if ( ! check_subnet(net, rules_by_subnets) )
			rules_by_subnets[net] = set();
		add rules_by_subnets[net][r$id];
		}
	}

function unindex_rule(r: Rule)
	{
	for ( _, net in rule_subnets(r) )
		{
		if ( ! check_subnet(net, rules_by_subnets) )
			next;
		delete rules_by_subnets[net][r$id];
		if ( |rules_by_subnets[net]| == 0 )
			delete rules_by_subnets[net];
		}
	}

function find_rules_subnet(sn: subnet): vector of Rule
	{
	local found: vector of Rule = vector();
	for ( _, net in matching_subnets(sn, rules_by_subnets) )
		for ( rid in rules_by_subnets[net] )
			{
			if ( rid in rules )
				found += rules[rid];
			else
				Reporter::error("find_rules_subnet - internal data structure error, missing rule");
			}
	return found;
	}

function find_rules_addr(ip: addr): vector of Rule
	{
	return find_rules_subnet(addr_to_subnet(ip));
	}

# ---- Adding and removing -------------------------------------------------

function add_rule(r: Rule): string
	{
	if ( ! plugins_active )
		{
		say_rule(r, no_plugin, "", FAILED, "plugins not initialized yet");
		return "";
		}

	++rule_counter;
	r$cid = rule_counter;
	if ( r$id == "" )
		r$id = cat(r$cid);

	if ( ! hook NetControl::rule_policy(r) )
		return "";

	if ( [r$entity, r$ty] in rule_entities )
		{
		say_rule(r, no_plugin, "", FAILED, "discarded duplicate insertion");
		return "";
		}

	# Every ready plugin of the highest priority that accepts the rule
	# gets it; plugins of lower priority are not asked then.
	local accepted = F;
	local accepted_at: int = +0;
	for ( _, p in plugins )
		{
		if ( ! p$_activated )
			next;
		if ( accepted && p$_priority != accepted_at )
			break;
		if ( p$plugin$add_rule(p, r) )
			{
			accepted = T;
			accepted_at = p$_priority;
			say_rule(r, p, "ADD", REQUESTED, "");
			add r$_plugin_ids[p$_id];
			}
		}

	if ( ! accepted )
		{
		say_rule(r, no_plugin, "", FAILED, "not supported");
		return "";
		}

	rules[r$id] = r;
	rule_entities[r$entity, r$ty] = r;
	index_rule(r);
	event NetControl::rule_new(r);
	return r$id;
	}

# Drops a rule that no plugin has in place any more.
function forget_if_gone(r: Rule)
	{
	if ( |r$_active_plugin_ids| > 0 )
		return;
	unindex_rule(r);
	delete rule_entities[r$entity, r$ty];
	delete rules[r$id];
	event NetControl::rule_destroyed(r);
	}

function delete_rule(id: string, reason: string &default=""): bool
	{
	if ( id !in rules )
		{
		Reporter::error(fmt("Rule %s does not exist in NetControl::delete_rule", id));
		return F;
		}
	local r = rules[id];
	r$_active_plugin_ids = set();
	forget_if_gone(r);
	say_rule(r, no_plugin, "", REMOVED, reason == "" ? "delete_rule" : "delete_rule: " + reason);
	return T;
	}

# Asks one plugin to take a rule away.
function ask_removal(r: Rule, p: PluginState, reason: string): bool
	{
	if ( ! p$plugin$remove_rule(p, r, reason) )
		{
		complain(r, p, reason == "" ? "remove failed"
		                             : fmt("remove failed (original reason: %s)", reason));
		return F;
		}
	say_rule(r, p, "REMOVE", REQUESTED, reason);
	return T;
	}

function remove_rule(id: string, reason: string &default=""): bool
	{
	if ( id !in rules )
		{
		Reporter::error(fmt("Rule %s does not exist in NetControl::remove_rule", id));
		return F;
		}
	# Every plugin is asked, whatever the others answer; the answer is the
	# last plugin's.
	local r = rules[id];
	local ok = T;
	for ( pid in r$_active_plugin_ids )
		ok = ask_removal(r, plugin_ids[pid], reason);
	return ok;
	}

function clear()
	{
	for ( rid in rules )
		remove_rule(rid);
	}

# ---- What plugins report -------------------------------------------------

# Whether a plugin's report about `r` concerns a rule the framework has
# and gave that plugin; otherwise the complaint says what is wrong.
function reply_ok(r: Rule, p: PluginState, unknown: string, not_ours: string): bool
	{
	if ( r$id !in rules )
		{
		complain(r, p, unknown);
		return F;
		}
	if ( p$_id !in rules[r$id]$_plugin_ids )
		{
		complain(r, p, not_ours);
		return F;
		}
	return T;
	}

# The framework times out the rules of plugins that cannot.
function expire_later(r: Rule, p: PluginState)
	{
	if ( ! p$plugin$can_expire && r?$expire && r$expire > 0 secs )
		schedule r$expire { rule_expire(r, p) };
	}

# A plugin has the rule in place; `exists` when it was there before.
function rule_in_place(r: Rule, p: PluginState, exists: bool, msg: string)
	{
	if ( ! reply_ok(r, p, "Addition of unknown rule", "Rule added to non-responsible plugin") )
		return;
	local rule = rules[r$id];
	if ( exists )
		add rule$_no_expire_plugins[p$_id];
	say_rule(rule, p, "ADD", exists ? EXISTS : SUCCEEDED, msg);
	add rule$_active_plugin_ids[p$_id];
	rule$_added = |rule$_active_plugin_ids| == |rule$_plugin_ids|;
	hook NetControl::rule_added_policy(rule, p, exists, msg);
	}

event rule_added(r: Rule, p: PluginState, msg: string) &priority=5
	{
	rule_in_place(r, p, F, msg);
	expire_later(r, p);
	}

event rule_exists(r: Rule, p: PluginState, msg: string) &priority=5
	{
	rule_in_place(r, p, T, msg);
	expire_later(r, p);
	}

event rule_expire(r: Rule, p: PluginState) &priority=-5
	{
	# At shutdown rules stay; gone rules have nothing to expire.
	if ( zeek_is_terminating() || r$id !in rules )
		return;
	local rule = rules[r$id];
	if ( p$_id in rule$_no_expire_plugins )
		{
		# Somebody else's rule: the plugin keeps it, we let go of it.
		delete rule$_no_expire_plugins[p$_id];
		delete rule$_active_plugin_ids[p$_id];
		forget_if_gone(rule);
		}
	else
		event NetControl::rule_timeout(r, FlowInfo(), p);
	}

event rule_removed(r: Rule, p: PluginState, msg: string) &priority=-5
	{
	if ( ! reply_ok(r, p, "Removal of non-existing rule", "Removed from non-assigned plugin") )
		return;
	local rule = rules[r$id];
	delete rule$_active_plugin_ids[p$_id];
	say_rule(rule, p, "REMOVE", SUCCEEDED, msg);
	forget_if_gone(rule);
	}

event rule_timeout(r: Rule, i: FlowInfo, p: PluginState) &priority=-5
	{
	if ( r$id !in rules )
		{
		complain(r, p, "Timeout of non-existing rule");
		return;
		}
	local rule = rules[r$id];
	local counts: vector of string = vector();
	if ( i?$packet_count )
		counts += fmt("Packets: %d", i$packet_count);
	if ( i?$byte_count )
		counts += fmt("Bytes: %s", i$byte_count);
	say_rule(rule, p, "EXPIRE", TIMEOUT, join_string_vec(counts, " "));

	# A rule the framework timed out is still in the plugin: take it away.
	if ( ! p$plugin$can_expire )
		{
		ask_removal(rule, p, "");
		return;
		}
	if ( p$_id !in rule$_plugin_ids )
		{
		complain(r, p, "Timeout from non-assigned plugin");
		return;
		}
	delete rule$_active_plugin_ids[p$_id];
	forget_if_gone(rule);
	}

event rule_error(r: Rule, p: PluginState, msg: string) &priority=-5
	{
	if ( r$id !in rules )
		{
		complain(r, p, "Error of non-existing rule");
		return;
		}
	local rule = rules[r$id];
	complain(rule, p, msg);
	if ( p$_id !in rule$_plugin_ids )
		{
		complain(r, p, "Error from non-assigned plugin");
		return;
		}
	# A failed removal counts as done; a failed addition leaves the rule
	# with the other plugins that took it, if any.
	local was_in_place = p$_id in rule$_active_plugin_ids;
	delete rule$_plugin_ids[p$_id];
	delete rule$_active_plugin_ids[p$_id];
	if ( was_in_place || |rule$_plugin_ids| == 0 )
		forget_if_gone(rule);
	}

# ---- Shortcuts -------------------------------------------------------------

function whitelist_subnet(s: subnet, t: interval, location: string &default=""): string
	{
	return add_rule(Rule($ty=WHITELIST, $priority=whitelist_priority, $target=FORWARD,
	                     $entity=Entity($ty=ADDRESS, $ip=s), $expire=t, $location=location));
	}

function whitelist_address(a: addr, t: interval, location: string &default=""): string
	{
	return whitelist_subnet(addr_to_subnet(a), t, location);
	}

function redirect_flow(f: flow_id, out_port: count, t: interval, location: string &default=""): string
	{
	local fl = Flow($src_h=addr_to_subnet(f$src_h), $src_p=f$src_p,
	                $dst_h=addr_to_subnet(f$dst_h), $dst_p=f$dst_p);
	return add_rule(Rule($ty=REDIRECT, $target=FORWARD, $entity=Entity($ty=FLOW, $flow=fl),
	                     $expire=t, $location=location, $out_port=out_port));
	}

# A rule about the flows given, for quarantine_host.
function quarantine_rule(ty: RuleType, fl: Flow, t: interval, location: string): Rule
	{
	return Rule($ty=ty, $target=FORWARD, $entity=Entity($ty=FLOW, $flow=fl), $expire=t,
	            $location=location);
	}

function quarantine_host(infected: addr, dns: addr, quarantine: addr, t: interval, location: string &default=""): vector of string
	{
	local host = addr_to_subnet(infected);
	local dns_net = addr_to_subnet(dns);
	local ids: vector of string = vector();

	# Everything the host sends is dropped ...
	ids += add_rule(quarantine_rule(DROP, Flow($src_h=host), t, location));
	# ... but its DNS queries go to the quarantine server ...
	local ask = quarantine_rule(MODIFY, Flow($src_h=host, $dst_h=dns_net, $dst_p=53/udp), t, location);
	ask$mod = FlowMod($dst_h=quarantine);
	ask$priority = +5;
	ids += add_rule(ask);
	# ... whose answers look as if the DNS server sent them ...
	local answer = quarantine_rule(MODIFY, Flow($src_h=dns_net, $src_p=53/udp, $dst_h=host), t, location);
	answer$mod = FlowMod($src_h=dns);
	answer$priority = +5;
	ids += add_rule(answer);
	# ... and its web server stays reachable.
	local web = quarantine_rule(WHITELIST, Flow($src_h=host, $dst_h=addr_to_subnet(quarantine), $dst_p=80/tcp), t, location);
	web$priority = +5;
	ids += add_rule(web);
	return ids;
	}
