# args: -r ../traces/icmp6-nd.pcap
# conn.log's record of ICMPv6 flows: neighbor solicitations and
# advertisements in both directions are one connection (each type is the
# other's counterpart), the redirect a one-way flow to port 0; multicast
# responders are not local.

@load ./_lib/conn
