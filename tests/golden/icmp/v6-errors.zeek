# args: -r ../traces/icmp6-errors.pcap
# ICMPv6 errors and the packets they quote (UDP, TCP, a fragment, one
# with a hop-by-hop header, one cut inside its header, one without its
# ports); an unassigned error type raises icmp_error_message; the
# informational types without an event of their own raise icmp_sent.

@load ./_lib/show
