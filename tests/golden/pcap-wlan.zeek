# args: -r traces/wlan.pcap
# 802.11 behind radiotap: data frames to and from an access point and a
# QoS frame make connections, with the stations' MACs as the endpoints'
# layer-2 addresses; a beacon and an encrypted frame make none.
event new_connection(c: connection)
	{
	print c$id, c$orig$l2_addr, c$resp$l2_addr;
	}

event net_done(t: time)
	{
	local s = get_conn_stats();
	print s$num_packets, s$num_packets_unprocessed, s$total_conns;
	}
