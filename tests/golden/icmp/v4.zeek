# args: -r ../traces/icmp.pcap
# ICMPv4: unreachable and time exceeded with the packet they quote (UDP,
# TCP, a later fragment, an echo request whose type shows byte-swapped as
# in Zeek, a header cut short, a header with a bad checksum and no
# ports), then the types Zeek has no event of their own for (timestamp,
# redirect, source quench, router advertisement: icmp_sent and
# icmp_sent_payload) and a bad checksum (a weird, no event).

@load ./_lib/show
