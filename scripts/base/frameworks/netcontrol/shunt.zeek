##! Shunting flows: dropping them from what Zeek monitors (the traffic
##! itself is not affected), recorded in netcontrol_shunt.log.

@load ./main

module NetControl;

export {
	## The netcontrol_shunt.log stream.
	redef enum Log::ID += { SHUNT };

	## The policy hook of netcontrol_shunt.log's default filter.
	global log_policy_shunt: Log::PolicyHook;

	## Stops a flow from reaching Zeek.
	##
	## f: the flow.
	##
	## t: for how long.
	##
	## location: who asks.
	##
	## Returns: the rule's id, or "" if it failed.
	global shunt_flow: function(f: flow_id, t: interval, location: string &default=""): string;

	## A line of netcontrol_shunt.log.
	type ShuntInfo: record {
		ts: time &log;	##< When.
		rule_id: string &log;	##< The rule's id.
		f: flow_id &log;	##< The flow.
		expire: interval &log;	##< For how long.
		location: string &log &optional;	##< Who asked.
	};

	## Raised with each line written to netcontrol_shunt.log.
	global log_netcontrol_shunt: event(rec: ShuntInfo);
}

event zeek_init() &priority=5
	{
	Log::create_stream(SHUNT, Log::Stream($columns=ShuntInfo, $ev=log_netcontrol_shunt,
	                                      $path="netcontrol_shunt", $policy=log_policy_shunt));
	}

# Records a shunt that was put in place in netcontrol_shunt.log.
function log_shunt(rid: string, f: flow_id, t: interval, location: string)
	{
	local entry = ShuntInfo($ts=network_time(), $rule_id=rid, $f=f, $expire=t);
	if ( location != "" )
		entry$location = location;
	Log::write(SHUNT, entry);
	}

function shunt_flow(f: flow_id, t: interval, location: string &default=""): string
	{
	# A shunt drops the flow at the monitor: its two endpoints, each an
	# address (as a one-host subnet) and port.
	local between = Flow($src_h=addr_to_subnet(f$src_h), $dst_h=addr_to_subnet(f$dst_h),
	                     $src_p=f$src_p, $dst_p=f$dst_p);
	local r = Rule($ty=DROP, $target=MONITOR, $entity=Entity($ty=FLOW, $flow=between),
	               $expire=t, $location=location);
	local rid = add_rule(r);
	if ( rid != "" )
		log_shunt(rid, f, t, location);
	return rid;
	}
