# args: -r ../traces/icmp.pcap
# conn.log's record of ICMPv4 flows: the ports are the message type and
# its counterpart (the code for one-way types), the bytes are those after
# the 8-byte ICMP header (a duration and byte counts only for flows with
# two packets or more), the IP packets and bytes counted by the size
# analyzer, no history, state OTH. The message with a bad checksum opens
# a connection that counts nothing.

@load ./_lib/conn
