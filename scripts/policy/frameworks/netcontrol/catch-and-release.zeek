##! Catch and release: instead of blocking an address for good, block it
##! for a short while and watch it; each time it comes back during the
##! watch it is blocked again for longer (see
##! :zeek:see:`NetControl::catch_release_intervals`).
##! netcontrol_catch_release.log records what happens to each address.

@load base/frameworks/netcontrol

module NetControl;

export {
	## The netcontrol_catch_release.log stream.
	redef enum Log::ID += { CATCH_RELEASE };

	## The policy hook of netcontrol_catch_release.log's default filter.
	global log_policy_catch_release: Log::PolicyHook;

	## What catch and release knows of an address.
	type BlockInfo: record {
		## When the current block ends.
		block_until: time &optional;
		## When the address stops being watched.
		watch_until: time;
		## How often it was blocked again.
		num_reblocked: count &default=0;
		## Which of the intervals applies now.
		current_interval: count;
		## The id of the current block's rule.
		current_block_id: string;
		## Who asked for the block.
		location: string &optional;
	};

	## What a line of netcontrol_catch_release.log tells.
	type CatchReleaseActions: enum {
		## A message.
		INFO,
		## The address is watched (it was blocked already).
		ADDED,
		## A block was asked for.
		DROP_REQUESTED,
		## A plugin put the block in place.
		DROPPED,
		## The block was lifted.
		UNBLOCK,
		## The watch ended.
		FORGOTTEN,
		## The address came back during its watch.
		SEEN_AGAIN
	};

	## A line of netcontrol_catch_release.log.
	type CatchReleaseInfo: record {
		ts: time &log;	##< When.
		rule_id: string &log &optional;	##< The block's rule.
		ip: addr &log;	##< The address.
		action: CatchReleaseActions &log;	##< What happened.
		block_interval: interval &log &optional;	##< How long the block lasts.
		watch_interval: interval &log &optional;	##< How long the watch lasts.
		blocked_until: time &log &optional;	##< When the block ends.
		watched_until: time &log &optional;	##< When the watch ends.
		num_blocked: count &log &optional;	##< How often it was blocked.
		location: string &log &optional;	##< Who asked.
		message: string &log &optional;	##< More about it.
		plugin: string &log &optional;	##< The plugin concerned.
	};

	## Blocks an address for the first interval and watches it after.
	##
	## a: the address.
	##
	## location: who asks.
	##
	## Returns: what is known of the address now (``watch_until`` 0 if the
	##          block failed).
	global drop_address_catch_release: function(a: addr, location: string &default=""): BlockInfo;

	## Lifts the block of an address and stops watching it.
	##
	## a: the address.
	##
	## reason: why, for the log.
	##
	## Returns: whether it was blocked or watched.
	global unblock_address_catch_release: function(a: addr, reason: string &default=""): bool;

	## Tells catch and release an address was seen; called for the
	## originators of new connections when
	## :zeek:see:`NetControl::watch_connections` is set.
	##
	## a: the address.
	global catch_release_seen: function(a: addr);

	## What catch and release knows of an address (``watch_until`` is 0
	## when it knows nothing).
	global get_catch_release_info: function(a: addr): BlockInfo;

	## Raised when an address is no longer watched.
	global catch_release_forgotten: event(a: addr, bi: BlockInfo);

	## Whether the originators of connections are checked against the
	## watched addresses.
	const watch_connections = T &redef;

	## Whether seeing a blocked address is logged.
	option catch_release_warn_blocked_ip_encountered = F;

	## The block intervals: the first block lasts the first, each block
	## after the next; an address is watched for the interval after its
	## block's.
	const catch_release_intervals: vector of interval = vector(10 min, 1 hr, 24 hrs, 7 days) &redef;

	## Raised with each line written to netcontrol_catch_release.log.
	global log_netcontrol_catch_release: event(rec: CatchReleaseInfo);

	# Events a cluster uses to share blocks (rzeek runs alone).
	global catch_release_block_new: event(a: addr, b: BlockInfo);
	global catch_release_block_delete: event(a: addr);
	global catch_release_add: event(a: addr, location: string);
	global catch_release_delete: event(a: addr, reason: string);
	global catch_release_encountered: event(a: addr);
}

event zeek_init() &priority=5
	{
	Log::create_stream(CATCH_RELEASE, Log::Stream($columns=CatchReleaseInfo,
	                                              $ev=log_netcontrol_catch_release,
	                                              $path="netcontrol_catch_release",
	                                              $policy=log_policy_catch_release));
	}

# How long an address is watched at a given interval index.
function get_watch_interval(current_interval: count): interval
	{
	local after = current_interval + 1;
	return after in catch_release_intervals ? catch_release_intervals[after]
	                                       : catch_release_intervals[current_interval];
	}

function populate_log_record(ip: addr, bi: BlockInfo, action: CatchReleaseActions): CatchReleaseInfo
	{
	local entry = CatchReleaseInfo($ts=network_time(), $ip=ip, $action=action,
	                               $block_interval=catch_release_intervals[bi$current_interval],
	                               $watch_interval=get_watch_interval(bi$current_interval),
	                               $watched_until=bi$watch_until,
	                               $num_blocked=bi$num_reblocked + 1);
	if ( bi?$block_until )
		entry$blocked_until = bi$block_until;
	if ( bi$current_block_id != "" )
		entry$rule_id = bi$current_block_id;
	if ( bi?$location )
		entry$location = bi$location;
	return entry;
	}

# Keeps a watched address until its watch ends, then logs it forgotten.
function per_block_interval(t: table[addr] of BlockInfo, idx: addr): interval
	{
	local left = t[idx]$watch_until - network_time();
	if ( left > 0 secs )
		return left;
	Log::write(CATCH_RELEASE, populate_log_record(idx, t[idx], FORGOTTEN));
	event NetControl::catch_release_forgotten(idx, t[idx]);
	return 0 secs;
	}

# The watched addresses.
global blocks: table[addr] of BlockInfo = table()
	&create_expire=0 secs &expire_func=per_block_interval;

# Whether a rule is a catch-and-release block of a single watched address.
function cr_check_rule(r: Rule): bool &is_used
	{
	if ( r$ty != DROP || r$entity$ty != ADDRESS )
		return F;
	local net = r$entity$ip;
	local single = ( is_v4_subnet(net) && subnet_width(net) == 32 ) ||
	               ( is_v6_subnet(net) && subnet_width(net) == 128 );
	return single && subnet_to_addr(net) in blocks;
	}

# Logs what a plugin reported about the block of a watched address.
function log_rule_report(r: Rule, p: PluginState, action: CatchReleaseActions, msg: string)
	{
	local ip = subnet_to_addr(r$entity$ip);
	local line = populate_log_record(ip, blocks[ip], action);
	line$plugin = p$plugin$name(p);
	if ( msg != "" )
		line$message = msg;
	Log::write(CATCH_RELEASE, line);
	}

event rule_added(r: Rule, p: PluginState, msg: string)
	{
	if ( cr_check_rule(r) )
		log_rule_report(r, p, DROPPED, msg);
	}

event rule_exists(r: Rule, p: PluginState, msg: string)
	{
	if ( cr_check_rule(r) )
		log_rule_report(r, p, INFO, msg + "Existing rule encountered while inserting rule");
	}

event rule_error(r: Rule, p: PluginState, msg: string)
	{
	if ( cr_check_rule(r) )
		log_rule_report(r, p, INFO, "Error occurred during rule operation: " + msg);
	}

event rule_timeout(r: Rule, i: FlowInfo, p: PluginState)
	{
	if ( ! cr_check_rule(r) )
		return;
	# The block ran out: note it if the clock disagrees by over a minute.
	local bi = blocks[subnet_to_addr(r$entity$ip)];
	local drift = bi?$block_until ? network_time() - bi$block_until : 0 secs;
	local note = "";
	if ( drift > 1 min || drift < -1 min )
		note = fmt("Difference between network_time and block time excessive: %f", drift);
	log_rule_report(r, p, UNBLOCK, note);
	}

function get_catch_release_info(a: addr): BlockInfo
	{
	if ( a in blocks )
		return blocks[a];
	return BlockInfo($watch_until=double_to_time(0.0), $current_interval=0, $current_block_id="");
	}

function drop_address_catch_release(a: addr, location: string &default=""): BlockInfo
	{
	local entry: CatchReleaseInfo;
	local bi: BlockInfo;

	if ( a in blocks )
		{
		entry = populate_log_record(a, blocks[a], INFO);
		entry$message = "Already blocked using catch-and-release - ignoring duplicate";
		Log::write(CATCH_RELEASE, entry);
		return blocks[a];
		}

	local e = Entity($ty=ADDRESS, $ip=addr_to_subnet(a));
	if ( [e, DROP] in rule_entities )
		{
		# Blocked by someone else: only watched here.
		bi = BlockInfo($watch_until=network_time() + catch_release_intervals[1],
		               $current_interval=0, $current_block_id=rule_entities[e, DROP]$id);
		if ( location != "" )
			bi$location = location;
		entry = populate_log_record(a, bi, ADDED);
		entry$message = "Address already blocked outside of catch-and-release. Catch and release will monitor and only actively block if it appears in network traffic.";
		Log::write(CATCH_RELEASE, entry);
		blocks[a] = bi;
		return bi;
		}

	local block_for = catch_release_intervals[0];
	local rid = drop_address(a, block_for, location);
	if ( rid == "" )
		{
		Reporter::error(fmt("Catch and release could not add block for %s; failing.", a));
		return BlockInfo($watch_until=double_to_time(0.0), $current_interval=0, $current_block_id="");
		}

	bi = BlockInfo($watch_until=network_time() + catch_release_intervals[1],
	               $block_until=network_time() + block_for, $current_interval=0,
	               $current_block_id=rid);
	if ( location != "" )
		bi$location = location;
	blocks[a] = bi;
	Log::write(CATCH_RELEASE, populate_log_record(a, bi, DROP_REQUESTED));
	return bi;
	}

function unblock_address_catch_release(a: addr, reason: string &default=""): bool
	{
	if ( a !in blocks )
		return F;

	local bi = blocks[a];
	local entry = populate_log_record(a, bi, UNBLOCK);
	if ( reason != "" )
		entry$message = reason;
	Log::write(CATCH_RELEASE, entry);
	delete blocks[a];

	# A block still in force is lifted.
	if ( bi?$block_until && bi$block_until > network_time() && bi$current_block_id != "" )
		remove_rule(bi$current_block_id, reason);
	return T;
	}

function catch_release_seen(a: addr)
	{
	if ( a !in blocks )
		return;

	local bi = blocks[a];
	local entry: CatchReleaseInfo;

	if ( [Entity($ty=ADDRESS, $ip=addr_to_subnet(a)), DROP] in rule_entities )
		{
		# Blocked, but the block is not effective yet.
		if ( ! catch_release_warn_blocked_ip_encountered )
			return;
		entry = populate_log_record(a, bi, INFO);
		entry$message = "Block seen while in rule_entities. No action taken.";
		Log::write(CATCH_RELEASE, entry);
		return;
		}

	# Back during the watch: block again, for the next interval.
	if ( bi$current_interval + 1 in catch_release_intervals )
		++bi$current_interval;
	local step = bi$current_interval;
	bi$watch_until = network_time() + get_watch_interval(step);
	bi$block_until = network_time() + catch_release_intervals[step];
	++bi$num_reblocked;

	local where = bi?$location ? bi$location : "";
	bi$current_block_id = drop_address(a, catch_release_intervals[step],
	                                   fmt("Re-drop by catch-and-release: %s", where));
	blocks[a] = bi;
	Log::write(CATCH_RELEASE, populate_log_record(a, bi, SEEN_AGAIN));
	}

# A connection's originator may be one being watched.
function check_originator(c: connection)
	{
	if ( watch_connections )
		catch_release_seen(c$id$orig_h);
	}

event new_connection(c: connection) { check_originator(c); }
event connection_established(c: connection) { check_originator(c); }
event partial_connection(c: connection) { check_originator(c); }
event connection_attempt(c: connection) { check_originator(c); }
event connection_rejected(c: connection) { check_originator(c); }
event connection_reset(c: connection) { check_originator(c); }
event connection_pending(c: connection) { check_originator(c); }
