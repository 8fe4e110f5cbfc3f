##! What the NetControl framework works with: rules about entities
##! (addresses, connections, flows, MAC addresses) that tell network
##! devices to drop, whitelist, redirect or modify traffic.

module NetControl;

export {
	# ---- Priorities ----

	## The priority a rule gets unless it names one; of rules matching the
	## same traffic, the higher priority wins.
	option default_priority: int = +0;

	## The priority of whitelisting rules, above the default.
	const whitelist_priority: int = +5 &redef;

	# ---- What a rule applies to ----

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
		## Source and destination address (or subnet) and port.
		src_h: subnet &optional; src_p: port &optional;
		dst_h: subnet &optional; dst_p: port &optional;
		## Source and destination MAC address.
		src_m: string &optional; dst_m: string &optional;
	};

	## The thing a rule applies to; the field for its kind ``ty`` is set:
	## ``conn`` for CONNECTION, ``flow`` for FLOW, ``ip`` for ADDRESS (an
	## address being a /32 or /128) and ``mac`` for MAC.
	type Entity: record {
		ty: EntityType; conn: conn_id &optional; flow: Flow &optional;
		ip: subnet &optional; mac: string &optional;
	};

	# ---- What a rule does, and where ----

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
		## New source and destination address and port.
		src_h: addr &optional; src_p: count &optional;
		dst_h: addr &optional; dst_p: count &optional;
		## New source and destination MAC address, and the port to send
		## the packets out of.
		src_m: string &optional; dst_m: string &optional; redirect_port: count &optional;
	};

	## A rule.
	type Rule: record {
		## What it does, where it acts, and to what.
		ty: RuleType; target: TargetType; entity: Entity;
		## When it runs out, its priority, and who (or what) made it.
		expire: interval &optional; priority: int &default=default_priority; location: string &optional;
		## The port a REDIRECT rule sends traffic to; what a MODIFY rule changes.
		out_port: count &optional; mod: FlowMod &optional;
		## Its unique id and number, given when it is added.
		id: string &default=""; cid: count &default=0;
	};

	## What a device tells about the traffic a rule matched, once the rule
	## ran out: how long it was in place, and the packets and bytes it
	## matched.
	type FlowInfo: record {
		duration: interval &optional; packet_count: count &optional; byte_count: count &optional;
	};
}
