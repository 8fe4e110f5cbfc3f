##! What is "inside" the monitored site: its networks and DNS zones.
##!
##! conn.log's ``local_orig`` and ``local_resp`` come from
##! :zeek:see:`Site::is_local_addr`. Unless
##! :zeek:see:`Site::private_address_space_is_local` is turned off, the
##! private and reserved ranges count as local too: they are merged into
##! :zeek:see:`Site::local_nets` when the run starts and whenever either
##! set changes.

module Site;

export {
	## Address ranges that are not globally routed: private use, loopback,
	## link local, shared (carrier-grade NAT), documentation, benchmarking,
	## multicast control, reserved, and their 6to4 forms.
	option private_address_space: set[subnet] = {
		0.0.0.0/8, [2002::]/24,
		10.0.0.0/8, [2002:a00::]/24,
		100.64.0.0/10, [2002:6440::]/26,
		127.0.0.0/8, [2002:7f00::]/24,
		169.254.0.0/16, [2002:a9fe::]/32,
		172.16.0.0/12, [2002:ac10::]/28,
		192.0.0.0/24, [2002:c000::]/40,
		192.0.2.0/24, [2002:c000:200::]/40,
		192.168.0.0/16, [2002:c0a8::]/32,
		198.18.0.0/15, [2002:c612::]/31,
		198.51.100.0/24, [2002:c633:6400::]/40,
		203.0.113.0/24, [2002:cb00:7100::]/40,
		224.0.0.0/24, [2002:e000::]/40,
		239.0.0.0/8, [2002:ef00::]/24,
		240.0.0.0/4, [2002:f000::]/20,
		255.255.255.255/32, [2002:ffff:ffff::]/48,
		# IPv6: unspecified, loopback, translation, discard-only,
		# protocol assignments, benchmarking, documentation, unique
		# local, link local, and the old site-local block.
		[::]/128, [::1]/128, [64:ff9b:1::]/48, [100::]/64,
		[2001::]/23, [2001:2::]/48, [2001:db8::]/32, [fc00::]/7,
		[fe80::]/10, [fec0::]/10,
	};

	## The site's own networks.
	option local_nets: set[subnet] = {};

	## Whether :zeek:see:`Site::private_address_space` is part of
	## :zeek:see:`Site::local_nets`.
	const private_address_space_is_local = T &redef;

	## Each of :zeek:see:`Site::local_nets` by itself, so that indexing
	## with an address yields the local network it is in. Kept up to date
	## with local_nets.
	global local_nets_table: table[subnet] of subnet = table();

	## Networks of neighbouring sites.
	option neighbor_nets: set[subnet] = {};

	## Who administers which local networks: mail addresses by network
	## (see :zeek:see:`Site::get_emails`).
	option local_admins: table[subnet] of set[string] = table();

	## The site's DNS zones.
	option local_zones: set[string] = {};

	## DNS zones of neighbouring sites.
	option neighbor_zones: set[string] = {};

	## Whether an address is in :zeek:see:`Site::local_nets`.
	global is_local_addr: function(a: addr): bool;

	## Whether an address is in :zeek:see:`Site::neighbor_nets`.
	global is_neighbor_addr: function(a: addr): bool;

	## Whether an address is in :zeek:see:`Site::private_address_space`.
	global is_private_addr: function(a: addr): bool;

	## Whether a name is in one of :zeek:see:`Site::local_zones`.
	global is_local_name: function(name: string): bool;

	## Whether a name is in one of :zeek:see:`Site::neighbor_zones`.
	global is_neighbor_name: function(name: string): bool;

	## The administrators of an IPv4 address: the mail addresses that
	## :zeek:see:`Site::local_admins` gives for every network (of prefix
	## length 1 to 32) containing it, joined by ", ".
	global get_emails: function(a: addr): string;
}

function is_local_addr(a: addr): bool
	{
	return a in local_nets;
	}

function is_neighbor_addr(a: addr): bool
	{
	return a in neighbor_nets;
	}

function is_private_addr(a: addr): bool
	{
	return a in private_address_space;
	}

# A name is in a zone when it is the zone or ends in "." and the zone.
function in_zones(name: string, zones: set[string]): bool
	{
	local n = to_lower(name);
	for ( z in zones )
		{
		local zone = to_lower(z);
		if ( |zone| > 0 && zone[0] == "." )
			zone = zone[1:];
		if ( n == zone || n == "." + zone )
			return T;
		local dotted = "." + zone;
		if ( |n| > |dotted| && n[|n| - |dotted|:] == dotted )
			return T;
		}
	return F;
	}

function is_local_name(name: string): bool
	{
	return in_zones(name, local_zones);
	}

function is_neighbor_name(name: string): bool
	{
	return in_zones(name, neighbor_zones);
	}

function get_emails(a: addr): string
	{
	local found: set[string] = set();
	if ( is_v4_addr(a) )
		for ( net, mails in local_admins )
			{
			if ( ! is_v4_subnet(net) || subnet_width(net) == 0 || a !in net )
				next;
			for ( m in mails )
				if ( m != "" )
					add found[m];
			}
	local joined = "";
	for ( email in found )
		joined = joined == "" ? email : cat(joined, ", ", email);
	return joined;
	}

# local_nets_table follows local_nets.
function fill_local_nets_table(nets: set[subnet])
	{
	clear_table(local_nets_table);
	for ( net in nets )
		local_nets_table[net] = net;
	}

function track_local_nets(id: string, new_value: set[subnet]): set[subnet]
	{
	fill_local_nets_table(new_value);
	return new_value;
	}

# Set while follow_private_space sets local_nets itself: the private
# ranges it merged are the new ones, which private_address_space does not
# hold yet.
global merged_by_follower = F;

# Keeps the private ranges in local_nets when local_nets is set anew.
function keep_private_local(id: string, new_value: set[subnet]): set[subnet]
	{
	if ( private_address_space_is_local && ! merged_by_follower )
		return new_value | private_address_space;
	return new_value;
	}

# When the private ranges change, local_nets trades the old ones for the
# new ones.
function follow_private_space(id: string, new_value: set[subnet]): set[subnet]
	{
	if ( private_address_space_is_local )
		{
		merged_by_follower = T;
		# Only what a user set belongs in config.log, not this merge.
		Option::set("Site::local_nets", (local_nets - private_address_space) | new_value,
		            "<skip-config-log>");
		merged_by_follower = F;
		}
	return new_value;
	}

event zeek_init() &priority=10
	{
	Option::set_change_handler("Site::local_nets", keep_private_local, -5);
	Option::set_change_handler("Site::private_address_space", follow_private_space, -5);
	Option::set_change_handler("Site::local_nets", track_local_nets, -10);
	fill_local_nets_table(local_nets);
	if ( private_address_space_is_local )
		Option::set("Site::local_nets", local_nets | private_address_space, "<skip-config-log>");
	}
