##! known_hosts.log: each address seen completing a TCP handshake, once a
##! day. Which addresses count is :zeek:see:`Known::host_tracking` (local
##! ones by default). Addresses already reported sit in
##! :zeek:see:`Known::hosts` until it forgets them; in a cluster the proxy
##! chosen for the address keeps the set and writes the line.
##!
##! Zeek can also keep the set in a Broker store or a persistent storage
##! backend. rzeek has neither: asking for one is reported as a warning and
##! the set is kept in memory as usual.

@load base/frameworks/cluster
@load base/utils/directions-and-hosts

module Known;

export {
	## The known_hosts.log stream, and the policy hook of its default
	## filter.
	redef enum Log::ID += { HOSTS_LOG }; global log_policy_hosts: Log::PolicyHook;

	## A line of known_hosts.log: when the address was first seen in a
	## completed handshake, and the address.
	type HostsInfo: record { ts: time &log; host: addr &log; };

	## Whether the set should outlive the process (not available in rzeek).
	const enable_hosts_persistence: bool = F &redef;

	## Whether the set should live in a Broker store (not available in rzeek).
	const use_host_store: bool = F &redef &deprecated="Remove in v9.1. Store support has been disabled by default since Zeek 6.0 due to performance and will be removed.";

	## Which addresses are tracked.
	option host_tracking: Host = LOCAL_HOSTS;

	## The name Zeek gives the hosts store.
	const host_store_name: string = "zeek/known/hosts" &redef;

	## How long a stored address is kept.
	const host_store_expiry: interval = 1 day &redef;

	## How long a store operation may take.
	option host_store_timeout: interval = 15 secs;

	## The addresses reported, each forgotten a day after it was added.
	global hosts: set[addr] &redef &create_expire=1 day;

	## Raised for each line written to known_hosts.log.
	global log_known_hosts: event(rec: HostsInfo);
}

## An address in a completed handshake that host_tracking covers; handled
## here by sending it to the node that keeps the set.
global Known::host_found: event(info: HostsInfo);

## Adds a found address to the set, writing its line if it is new.
global known_host_add: event(info: HostsInfo);

event zeek_init() &priority=5 {
	Log::create_stream(Known::HOSTS_LOG, Log::Stream($columns=HostsInfo,
		$ev=log_known_hosts, $path="known_hosts", $policy=log_policy_hosts));

@pragma push ignore-deprecations
	if ( use_host_store || enable_hosts_persistence )
		Reporter::warning("Known::hosts is kept in memory: rzeek has no Broker stores or storage backends");
@pragma pop ignore-deprecations
}

event known_host_add(info: HostsInfo) {
	if ( info$host in hosts )
		return;
	add hosts[info$host];

	# Outside a cluster this process writes; in one, the proxy does.
	if ( Cluster::is_enabled() && Cluster::local_node_type() != Cluster::PROXY )
		return;
	Log::write(HOSTS_LOG, info);
}

event Known::host_found(info: HostsInfo) {
	if ( info$host in hosts )
		return;
	# The proxy that owns the address keeps it; this node notes it too.
	Cluster::publish_hrw(Cluster::proxy_pool, info$host, Known::known_host_add, info);
	event Known::known_host_add(info);
}

# A worker's copy of the set goes stale when the proxies change.
event Cluster::node_up(name: string, id: string) {
	if ( Cluster::local_node_type() == Cluster::WORKER )
		clear_table(hosts);
}

event Cluster::node_down(name: string, id: string) {
	if ( Cluster::local_node_type() == Cluster::WORKER )
		clear_table(hosts);
}

event connection_established(c: connection) &priority=5 {
	# Both sides must have finished the handshake.
	if ( c$orig$state != TCP_ESTABLISHED || c$resp$state != TCP_ESTABLISHED )
		return;
	for ( a in set(c$id$orig_h, c$id$resp_h) ) {
		if ( ! addr_matches_host(a, host_tracking) )
			next;
		event Known::host_found(HostsInfo($ts=network_time(), $host=a));
	}
}
