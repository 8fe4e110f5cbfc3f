# Helpers of the ICMP tests: every ICMP message event printed with its
# arguments, after the packet's time (seconds after the trace's start)
# and the connection's id, and the weirds.

function show(what: string, c: connection)
	{
	print fmt("%.1f %s %s %s > %s %s", time_to_double(network_time()) - 1400000000.0, what,
	          c$id$orig_h, c$id$orig_p, c$id$resp_h, c$id$resp_p);
	}

event icmp_sent(c: connection, info: icmp_info)
	{
	show("icmp_sent", c);
	print info;
	}

event icmp_sent_payload(c: connection, info: icmp_info, payload: string)
	{
	show("icmp_sent_payload", c);
	print info, payload;
	}

event icmp_echo_request(c: connection, info: icmp_info, id: count, seq: count, payload: string)
	{
	show("icmp_echo_request", c);
	print info, id, seq, payload;
	}

event icmp_unreachable(c: connection, info: icmp_info, code: count, context: icmp_context)
	{
	show("icmp_unreachable", c);
	print info, code;
	print context;
	}

event icmp_time_exceeded(c: connection, info: icmp_info, code: count, context: icmp_context)
	{
	show("icmp_time_exceeded", c);
	print info, code;
	print context;
	}

event icmp_packet_too_big(c: connection, info: icmp_info, code: count, context: icmp_context)
	{
	show("icmp_packet_too_big", c);
	print info, code;
	print context;
	}

event icmp_parameter_problem(c: connection, info: icmp_info, code: count, context: icmp_context)
	{
	show("icmp_parameter_problem", c);
	print info, code;
	print context;
	}

event icmp_error_message(c: connection, info: icmp_info, code: count, context: icmp_context)
	{
	show("icmp_error_message", c);
	print info, code;
	print context;
	}

function show_options(options: icmp6_nd_options)
	{
	for ( _, o in options )
		print "option", o;
	}

event icmp_router_solicitation(c: connection, info: icmp_info, options: icmp6_nd_options)
	{
	show("icmp_router_solicitation", c);
	print info;
	show_options(options);
	}

event icmp_router_advertisement(c: connection, info: icmp_info, cur_hop_limit: count,
                                managed: bool, other: bool, home_agent: bool, pref: count,
                                proxy: bool, rsv: count, router_lifetime: interval,
                                reachable_time: interval, retrans_timer: interval,
                                options: icmp6_nd_options)
	{
	show("icmp_router_advertisement", c);
	print info;
	print cur_hop_limit, managed, other, home_agent, pref, proxy, rsv;
	print router_lifetime, reachable_time, retrans_timer;
	show_options(options);
	}

event icmp_neighbor_solicitation(c: connection, info: icmp_info, tgt: addr, options: icmp6_nd_options)
	{
	show("icmp_neighbor_solicitation", c);
	print info, tgt;
	show_options(options);
	}

event icmp_neighbor_advertisement(c: connection, info: icmp_info, router: bool, solicited: bool,
                                  override: bool, tgt: addr, options: icmp6_nd_options)
	{
	show("icmp_neighbor_advertisement", c);
	print info, router, solicited, override, tgt;
	show_options(options);
	}

event icmp_redirect(c: connection, info: icmp_info, tgt: addr, dest: addr, options: icmp6_nd_options)
	{
	show("icmp_redirect", c);
	print info, tgt, dest;
	show_options(options);
	}

event icmpv6_mld_report_v1(c: connection, group_addr: addr)
	{
	show("icmpv6_mld_report_v1", c);
	print group_addr;
	}

event icmpv6_mld_done_v1(c: connection, group_addr: addr)
	{
	show("icmpv6_mld_done_v1", c);
	print group_addr;
	}

event icmpv6_mld_report_v2(c: connection, groups: icmp6_mldv2_mar_vec)
	{
	show("icmpv6_mld_report_v2", c);
	print |groups|;
	for ( _, g in groups )
		print "group", g;
	}

event conn_weird(name: string, c: connection, addl: string, source: string)
	{
	show("conn_weird", c);
	print name, addl;
	}

event net_weird(name: string, addl: string, source: string)
	{
	print fmt("%.1f net_weird", time_to_double(network_time()) - 1400000000.0);
	print name, addl;
	}
