##! Dropping addresses and connections, recorded in netcontrol_drop.log.

@load ./main

module NetControl;

export {
	## The netcontrol_drop.log stream.
	redef enum Log::ID += { DROP_LOG };

	## The policy hook of netcontrol_drop.log's default filter.
	global log_policy_drop: Log::PolicyHook;

	## Drops all traffic of an address.
	##
	## a: the address.
	##
	## t: for how long (0 for ever).
	##
	## location: who asks.
	##
	## Returns: the rule's id, or "" if it failed.
	global drop_address: function(a: addr, t: interval, location: string &default=""): string;

	## Drops a connection's traffic; as :zeek:see:`NetControl::drop_address`.
	global drop_connection: function(c: conn_id, t: interval, location: string &default=""): string;

	## A line of netcontrol_drop.log.
	type DropInfo: record {
		ts: time &log;	##< When.
		rule_id: string &log;	##< The rule's id.
		orig_h: addr &log;	##< The address dropped (the originator's, for a connection).
		orig_p: port &log &optional;	##< The originator's port.
		resp_h: addr &log &optional;	##< The responder's address.
		resp_p: port &log &optional;	##< The responder's port.
		expire: interval &log;	##< For how long.
		location: string &log &optional;	##< Who asked.
	};

	## Runs on each drop rule before it is added; breaking drops the
	## request.
	global NetControl::drop_rule_policy: hook(r: Rule);

	## Raised with each line written to netcontrol_drop.log.
	global log_netcontrol_drop: event(rec: DropInfo);
}

event zeek_init() &priority=5
	{
	Log::create_stream(DROP_LOG, Log::Stream($columns=DropInfo, $ev=log_netcontrol_drop,
	                                         $path="netcontrol_drop", $policy=log_policy_drop));
	}

# Adds a drop rule and logs it; the entry's fields are filled by the caller.
function add_drop(r: Rule, entry: DropInfo): string
	{
	if ( ! hook NetControl::drop_rule_policy(r) )
		return "";
	local rid = add_rule(r);
	# A failure is logged already.
	if ( rid == "" )
		return rid;
	entry$rule_id = rid;
	if ( r$location != "" )
		entry$location = r$location;
	Log::write(DROP_LOG, entry);
	return rid;
	}

function drop_connection(c: conn_id, t: interval, location: string &default=""): string
	{
	local r = Rule($ty=DROP, $target=FORWARD, $entity=Entity($ty=CONNECTION, $conn=c),
	               $expire=t, $location=location);
	return add_drop(r, DropInfo($ts=network_time(), $rule_id="", $orig_h=c$orig_h,
	                            $orig_p=c$orig_p, $resp_h=c$resp_h, $resp_p=c$resp_p,
	                            $expire=t));
	}

function drop_address(a: addr, t: interval, location: string &default=""): string
	{
	local r = Rule($ty=DROP, $target=FORWARD, $entity=Entity($ty=ADDRESS, $ip=addr_to_subnet(a)),
	               $expire=t, $location=location);
	return add_drop(r, DropInfo($ts=network_time(), $rule_id="", $orig_h=a, $expire=t));
	}
