##! What the NetControl framework works with: rules about entities
##! (addresses, connections, flows, MAC addresses) that tell network
##! devices to drop, whitelist, redirect or modify traffic.

module NetControl;

export {
	## The priority a rule gets unless it names one; of rules matching the
	## same traffic, the higher priority wins.
	option default_priority: int = +0;

	## The priority of whitelisting rules, above the default.
	const whitelist_priority: int = +5 &redef;

	## What a rule is about.
	type EntityType: enum {
		## An address (or subnet): all its traffic.
		ADDRESS,
		## All traffic of one connection, both ways.
		CONNECTION,
		## One direction of traffic, possibly with wildcards.
		FLOW,
		## A MAC address.
		MAC,
	};

	## A flow: every part left out is a wildcard.
	type Flow: record {
		src_h: subnet &optional;	##< Source address or subnet.
		src_p: port &optional;	##< Source port.
		dst_h: subnet &optional;	##< Destination address or subnet.
		dst_p: port &optional;	##< Destination port.
		src_m: string &optional;	##< Source MAC address.
		dst_m: string &optional;	##< Destination MAC address.
	};

	## The thing a rule applies to; the field named by ``ty`` is set.
	type Entity: record {
		ty: EntityType;	##< What kind of entity.
		conn: conn_id &optional;	##< For CONNECTION.
		flow: Flow &optional;	##< For FLOW.
		ip: subnet &optional;	##< For ADDRESS (an address is a /32 or /128).
		mac: string &optional;	##< For MAC.
	};

	## Where a rule acts.
	type TargetType: enum {
		## On the traffic being forwarded.
		FORWARD,
		## On the copy of the traffic Zeek monitors.
		MONITOR,
	};

	## What a rule does.
	type RuleType: enum {
		## Drop the traffic.
		DROP,
		## Change the traffic as ``mod`` says.
		MODIFY,
		## Send the traffic out of port ``out_port``.
		REDIRECT,
		## Let the traffic through, whatever lower priority rules say.
		WHITELIST,
	};

	## How a MODIFY rule rewrites packets: the fields given are set.
	type FlowMod: record {
		src_h: addr &optional;	##< New source address.
		src_p: count &optional;	##< New source port.
		dst_h: addr &optional;	##< New destination address.
		dst_p: count &optional;	##< New destination port.
		src_m: string &optional;	##< New source MAC address.
		dst_m: string &optional;	##< New destination MAC address.
		redirect_port: count &optional;	##< Send the packets out of this port.
	};

	## A rule.
	type Rule: record {
		ty: RuleType;	##< What it does.
		target: TargetType;	##< Where it acts.
		entity: Entity;	##< What it applies to.
		expire: interval &optional;	##< When it runs out.
		priority: int &default=default_priority;	##< Its priority.
		location: string &optional;	##< Who (or what) made it.
		out_port: count &optional;	##< The port of a REDIRECT rule.
		mod: FlowMod &optional;	##< The changes of a MODIFY rule.
		id: string &default="";	##< Its unique id, given when it is added.
		cid: count &default=0;	##< Its unique number, given when it is added.
	};

	## What a device tells about the traffic a rule matched when the rule
	## ran out.
	type FlowInfo: record {
		duration: interval &optional;	##< How long the rule was in place.
		packet_count: count &optional;	##< Packets it matched.
		byte_count: count &optional;	##< Bytes it matched.
	};
}
