# args: -r ../traces/icmp6-nd.pcap
# ICMPv6 neighbor discovery: router solicitation and advertisement
# (flags, times, the options Zeek decodes and one it keeps as payload),
# neighbor solicitation and advertisement, a redirect quoting a packet;
# then messages cut short: before the options (a weird without a
# connection, and no event), an option of length zero, an option header
# cut, a prefix option too short for its fields (kept as payload).

@load ./_lib/show

# Zeek converts the advertisement's milliseconds by multiplying with its
# unit, as the `msec` literal does: the two compare equal.
event icmp_router_advertisement(c: connection, info: icmp_info, cur_hop_limit: count,
                                managed: bool, other: bool, home_agent: bool, pref: count,
                                proxy: bool, rsv: count, router_lifetime: interval,
                                reachable_time: interval, retrans_timer: interval,
                                options: icmp6_nd_options)
	{
	print reachable_time == 9 msec, retrans_timer == 13 msec;
	}
