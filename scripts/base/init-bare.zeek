##! The declarations every script can rely on: the types, events and
##! options that rzeek itself raises and reads. Loaded before anything else,
##! in bare mode too.

## Raised once when the scripts have been loaded, before any input.
global zeek_init: event();

## Raised once when rzeek is about to exit.
global zeek_done: event();

## Raised for each script after it has been loaded.
##
## path: the script's path.
## level: how deeply it was nested in @loads.
global zeek_script_loaded: event(path: string, level: count);

## A set of strings.
type string_set: set[string];
## Strings indexed by position, as split functions of old returned them.
type string_array: table[count] of string;
## A vector of strings.
type string_vec: vector of string;
## A vector of positions (indexes into another vector or string).
type index_vec: vector of count;
## A set of addresses.
type addr_set: set[addr];
## A vector of addresses.
type addr_vec: vector of addr;
## A set of subnets.
type subnet_set: set[subnet];
## A vector of subnets.
type subnet_vec: vector of subnet;
## A set of counts.
type count_set: set[count];
## A set of ports.
type port_set: set[port];
## A string-to-string table, as many options use.
type table_string_of_string: table[string] of string;
## Counts by name.
type table_string_of_count: table[string] of count;
## A vector whose elements may be of any type.
type any_vec: vector of any;
## A set of file analyzer tags, by name.
type files_tag_set: set[string];

## What happened to an entry of a table or set, as its ``&on_change``
## function is told.
type TableChange: enum {
	## The entry was added.
	TABLE_ELEMENT_NEW,
	## The entry's value was replaced (or a set element added again).
	TABLE_ELEMENT_CHANGED,
	## The entry was deleted.
	TABLE_ELEMENT_REMOVED,
	## The entry expired.
	TABLE_ELEMENT_EXPIRED,
};

## The transport protocol of a port or connection.
type transport_proto: enum {
	## A protocol rzeek does not know.
	unknown_transport,
	## TCP
	tcp,
	## UDP
	udp,
	## ICMP
	icmp,
};

## Context beyond the 5-tuple that keeps connections apart (such as VLANs
## when they are part of the connection key). Empty by default.
type conn_id_ctx: record {
};

## The 5-tuple of a connection, seen from its originator.
type conn_id: record {
	## Originator and responder. For ICMP the ports carry the message
	## type (originator) and code (responder).
	orig_h: addr &log; orig_p: port &log;
	resp_h: addr &log; resp_p: port &log;
	## The IP protocol number (65535 while unknown), and whatever else
	## is part of the connection key.
	proto: count &default=65535; ctx: conn_id_ctx &default=conn_id_ctx();
};

## What one side of a connection has sent.
type endpoint: record {
	## Payload bytes (for TCP, as the sequence numbers tell) and the
	## side's state, a TCP_* or UDP_* value.
	size: count; state: count;
	## Packets, and bytes counted at the IP layer, when known.
	num_pkts: count &optional; num_bytes_ip: count &optional;
	## The IPv6 flow label of the side's last packet.
	flow_label: count;
	## The link-layer address, when known.
	l2_addr: string &optional;
};

## A connection as rzeek tracks it.
type connection: record {
	## Its 5-tuple, and what each side has sent.
	id: conn_id; orig: endpoint; resp: endpoint;
	## When the first packet was seen, and how long until the last one.
	start_time: time; duration: interval;
	## The services (application protocols) found on it.
	service: set[string] &ordered;
	## One letter per state change, as conn.log shows it.
	history: string;
	## The unique identifier logs use for it.
	uid: string;
	## The outer and inner VLAN tags, if any.
	vlan: int &optional; inner_vlan: int &optional;
};

## TCP endpoint states, as endpoint$state holds them.
## The endpoint has sent nothing yet.
const TCP_INACTIVE: count = 0;
const TCP_SYN_SENT: count = 1;	##< The endpoint sent a SYN and awaits the answer.
const TCP_SYN_ACK_SENT: count = 2;	##< The endpoint answered a SYN with a SYN-ACK.
const TCP_PARTIAL: count = 3;	##< Data was seen without the handshake.
const TCP_ESTABLISHED: count = 4;	##< The handshake completed.
const TCP_CLOSED: count = 5;	##< The endpoint sent a FIN.
const TCP_RESET: count = 6;	##< The endpoint sent a RST.

## UDP endpoint states.
## The endpoint has sent nothing.
const UDP_INACTIVE: count = 0;
const UDP_ACTIVE: count = 1;	##< The endpoint has sent at least one packet.

## Raised when rzeek first sees a connection.
global new_connection: event(c: connection);

## Raised when a connection is about to be forgotten; the last chance to
## look at it.
global connection_state_remove: event(c: connection);

## How long a TCP connection may be idle before it is removed.
option tcp_inactivity_timeout: interval = 5 min;
## How long a UDP flow may be idle before it is removed.
option udp_inactivity_timeout: interval = 1 min;
## How long an ICMP flow may be idle before it is removed.
option icmp_inactivity_timeout: interval = 1 min;

## How often tables with expiry attributes are checked for expired entries.
const table_expire_interval: interval = 10 secs &redef;
## How many expired entries are removed per check at most (0: no limit).
const table_expire_delay: interval = 0.01 secs &redef;
## Entries removed per check.
const table_incremental_step: count = 5000 &redef;

## Keep running after the input ends, until terminate() is called.
const exit_only_after_terminate: bool = F &redef;

## The largest nesting of function calls before it is an error.
const max_func_recursion_depth: count = 1000 &redef;

module EventMetadata;

export {
	## Whether events carry the network time at which they were raised.
	const add_network_timestamp: bool = F &redef;
}

module GLOBAL;

# ---------------------------------------------------------------------------
# Reading traffic (-r): the header records, settings and events rzeek's
# packet layer raises. Names and signatures follow Zeek's.

## How a packet was framed at the link layer.
type link_encap: enum {
	## Ethernet (also after VLAN, MPLS and similar tags).
	LINK_ETHERNET,
	## Anything else.
	LINK_UNKNOWN,
};

## The network-layer protocol of a packet.
type layer3_proto: enum {
	## IPv4
	L3_IPV4,
	## IPv6
	L3_IPV6,
	## ARP
	L3_ARP,
	## Anything else.
	L3_UNKNOWN,
};

## What the ICMP events tell about one ICMP message.
type icmp_info: record {
	## Whether it is ICMPv6, and its type and code.
	v6: bool; itype: count; icode: count;
	## Bytes after the ICMP header, and the TTL (IPv4) or hop limit
	## (IPv6) of the packet that carried it.
	len: count; ttl: count;
};

## One option of an IPv6 hop-by-hop or destination options header: its
## type, the length of its data, and the data.
type ip6_option: record { otype: count; len: count; data: string; };

## A list of IPv6 options.
type ip6_options: vector of ip6_option;

# Most IPv6 extension headers begin alike: ``nxt`` is the protocol of the
# header after this one, ``len`` this header's length in 8-octet units,
# not counting the first 8.

## An IPv6 hop-by-hop options header.
type ip6_hopopts: record { nxt: count; len: count; options: ip6_options; };

## An IPv6 destination options header.
type ip6_dstopts: record { nxt: count; len: count; options: ip6_options; };

## An IPv6 routing header: its routing type, how many route segments
## remain, and the type-specific data.
type ip6_routing: record {
	nxt: count; len: count;
	rtype: count; segleft: count; data: string;
};

## An IPv6 fragment header.
type ip6_fragment: record {
	## The next header, and the first reserved field.
	nxt: count; rsv1: count;
	## Where the fragment goes, the second reserved field, and whether
	## more fragments follow.
	offset: count; rsv2: count; more: bool;
	## The identification shared by a packet's fragments.
	id: count;
};

## An IPv6 authentication header (``len`` counts 4-octet units, minus 2).
type ip6_ah: record {
	nxt: count; len: count;
	## Reserved bits and the security parameter index.
	rsv: count; spi: count;
	## Sequence number and authentication data; a null authentication
	## header has neither.
	seq: count &optional; data: string &optional;
};

## An IPv6 encapsulating security payload header: its security parameter
## index and sequence number.
type ip6_esp: record { spi: count; seq: count; };

# The messages a mobility header (RFC 6275) carries. ``rsv`` holds reserved
# bits; ``options`` the message's mobility options.

## A binding refresh request.
type ip6_mobility_brr: record { rsv: count; options: vector of ip6_option; };

## A home test init message, with its home init cookie.
type ip6_mobility_hoti: record {
	rsv: count; cookie: count; options: vector of ip6_option;
};

## A care-of test init message, with its care-of init cookie.
type ip6_mobility_coti: record {
	rsv: count; cookie: count; options: vector of ip6_option;
};

## A home test message: the home nonce index, the init cookie it answers,
## and the home keygen token.
type ip6_mobility_hot: record {
	nonce_idx: count; cookie: count; token: count;
	options: vector of ip6_option;
};

## A care-of test message: the care-of nonce index, the init cookie it
## answers, and the care-of keygen token.
type ip6_mobility_cot: record {
	nonce_idx: count; cookie: count; token: count;
	options: vector of ip6_option;
};

## A binding update.
type ip6_mobility_bu: record {
	seq: count;
	## The flag bits: acknowledge, home registration, link-local address
	## compatibility, key management mobility capability.
	a: bool; h: bool; l: bool; k: bool;
	## The lifetime requested.
	life: count;
	options: vector of ip6_option;
};

## A binding acknowledgement: its status, the key management mobility
## capability bit, and the sequence number and lifetime it grants.
type ip6_mobility_back: record {
	status: count; k: bool; seq: count; life: count;
	options: vector of ip6_option;
};

## A binding error: its status and the home address concerned.
type ip6_mobility_be: record {
	status: count; hoa: addr; options: vector of ip6_option;
};

## The message of a mobility header: ``id`` is the message type, and the
## field for that type is set.
type ip6_mobility_msg: record {
	id: count;
	## Binding refresh request, home and care-of test init.
	brr: ip6_mobility_brr &optional;
	hoti: ip6_mobility_hoti &optional; coti: ip6_mobility_coti &optional;
	## Home and care-of test.
	hot: ip6_mobility_hot &optional; cot: ip6_mobility_cot &optional;
	## Binding update, acknowledgement and error.
	bu: ip6_mobility_bu &optional; back: ip6_mobility_back &optional;
	be: ip6_mobility_be &optional;
};

## An IPv6 mobility header.
type ip6_mobility_hdr: record {
	nxt: count; len: count;
	## The message type, reserved bits and the checksum.
	mh_type: count; rsv: count; chksum: count;
	## The message itself.
	msg: ip6_mobility_msg;
};

## One IPv6 extension header: ``id`` is its protocol number, and the
## field for that kind of header is set.
type ip6_ext_hdr: record {
	id: count;
	## The option headers and routing.
	hopopts: ip6_hopopts &optional; dstopts: ip6_dstopts &optional;
	routing: ip6_routing &optional;
	## Fragmentation.
	fragment: ip6_fragment &optional;
	## IPsec: authentication and encapsulating security payload.
	ah: ip6_ah &optional; esp: ip6_esp &optional;
	## Mobility.
	mobility: ip6_mobility_hdr &optional;
};

## The extension headers of an IPv6 packet, in order.
type ip6_ext_hdr_chain: vector of ip6_ext_hdr;

## An IPv6 header.
type ip6_hdr: record {
	## Traffic class and flow label.
	class: count; flow: count;
	## Payload length, the protocol of the first header after the fixed
	## one, and the hop limit.
	len: count; nxt: count; hlim: count;
	## Where the packet comes from and goes to.
	src: addr; dst: addr;
	## The extension headers.
	exts: ip6_ext_hdr_chain;
};

## An IPv4 header.
type ip4_hdr: record {
	## Header length in bytes, type of service, total length.
	hl: count; tos: count; len: count;
	## Fragmentation: identification, the don't-fragment and
	## more-fragments flags, and the offset.
	id: count; DF: bool; MF: bool; offset: count;
	## Time to live, protocol and header checksum.
	ttl: count; p: count; sum: count;
	## Where the packet comes from and goes to.
	src: addr; dst: addr;
};

## TCP flag bits, as tcp_hdr$flags holds them.
## The sender has finished sending.
const TH_FIN: count = 1;
const TH_SYN: count = 2;	##< Synchronize sequence numbers: opens a connection.
const TH_RST: count = 4;	##< Reset: aborts the connection.
const TH_PUSH: count = 8;	##< Push the data to the application at once.
const TH_ACK: count = 16;	##< The acknowledgement number is valid.
const TH_URG: count = 32;	##< The urgent pointer is valid.
const TH_FLAGS: count = 63;	##< All the bits above together, to mask the flags.

## A TCP header.
type tcp_hdr: record {
	## Source and destination port.
	sport: port; dport: port;
	## Sequence and acknowledgement numbers.
	seq: count; ack: count;
	## Header and payload length, in bytes.
	hl: count; dl: count;
	## The reserved bits, the flags (TH_* bits), the window.
	reserved: count; flags: count; win: count;
};

## A UDP header: the ports, and the length with the header included.
type udp_hdr: record { sport: port; dport: port; ulen: count; };

## An ICMP header: the message type.
type icmp_hdr: record { icmp_type: count; };

## The network and transport headers of a packet; only the headers the
## packet has are set.
type pkt_hdr: record {
	ip: ip4_hdr &optional; ip6: ip6_hdr &optional;
	tcp: tcp_hdr &optional; udp: udp_hdr &optional; icmp: icmp_hdr &optional;
};

## The link-layer header of a packet.
type l2_hdr: record {
	## The framing, the frame's length on the wire and the bytes captured.
	encap: link_encap; len: count; cap_len: count;
	## The MAC addresses, for Ethernet.
	src: string &optional; dst: string &optional;
	## The outer VLAN tag: its id, priority and drop-eligible bit.
	vlan: count &optional; vlan_pcp: count &optional; vlan_dei: bool &optional;
	## The same for the inner tag.
	inner_vlan: count &optional; inner_vlan_pcp: count &optional;
	inner_vlan_dei: bool &optional;
	## The innermost Ethertype and the network-layer protocol.
	eth_type: count &optional; proto: layer3_proto;
};

## A packet's link-layer header and everything in :zeek:type:`pkt_hdr`.
type raw_pkt_hdr: record {
	l2: l2_hdr;
	ip: ip4_hdr &optional; ip6: ip6_hdr &optional;
	tcp: tcp_hdr &optional; udp: udp_hdr &optional; icmp: icmp_hdr &optional;
};

## Ports on which a connection's responder is likely to listen; a first
## packet sent from one of them makes its sender the responder.
const likely_server_ports: set[port] &redef;

## Bits of randomness in a connection uid (at most 128).
const bits_per_uid: count = 96 &redef;

## Ignore bad checksums (as -C does).
const ignore_checksums: bool = F &redef;

## Track TCP connections whose handshake was not seen.
const partial_connection_ok: bool = T &redef;

## Track TCP connections that begin with a SYN-ACK.
const tcp_SYN_ack_ok: bool = T &redef;

## How long a connection that has only seen a SYN is kept.
const tcp_SYN_timeout: interval = 5 secs &redef;

## How long a half-closed TCP connection is kept after its last activity.
const tcp_session_timer: interval = 6 secs &redef;

## How long a closed TCP connection lingers.
const tcp_connection_linger: interval = 5 secs &redef;

## How long an unanswered SYN waits before connection_attempt.
const tcp_attempt_delay: interval = 5 secs &redef;

## How long a closed TCP connection is kept before it is removed.
const tcp_close_delay: interval = 5 secs &redef;

## How long a reset TCP connection is kept before it is removed.
const tcp_reset_delay: interval = 5 secs &redef;

## How long to wait for the other side after a one-sided close.
const tcp_partial_close_delay: interval = 3 secs &redef;

## How long a connection of another IP protocol may be idle.
const unknown_ip_inactivity_timeout: interval = 1 min &redef;

## How long fragments wait for the rest of their packet.
const frag_timeout: interval = 5 min &redef;

## Retransmissions within a storm before a weird is reported.
const tcp_storm_thresh: count = 1000 &redef;

## The largest gap between retransmissions of a storm.
const tcp_storm_interarrival_thresh: interval = 1 sec &redef;

module Weird;

export {
	## Weirds of these names are always reported.
	option sampling_whitelist: set[string] = set();
	## Weirds of these names are sampled across all flows together.
	option sampling_global_list: set[string] = set();
	## How many weirds of one name (per connection, flow or in total)
	## are reported before sampling starts.
	option sampling_threshold: count = 25;
	## After the threshold, one in this many is reported.
	option sampling_rate: count = 1000;
	## After this long the count of a name starts over.
	option sampling_duration: interval = 10 min;
}

module ConnThreshold;

export {
	## Packet counts (both directions together) at which every
	## connection raises conn_generic_packet_threshold_crossed.
	const generic_packet_thresholds: set[count] = {} &redef;
}

module Pcap;

export {
	## Raised when a trace file has been read to its end.
	##
	## path: the trace, as given on the command line.
	global file_done: event(path: string);
}

# ---------------------------------------------------------------------------
# Settings of Zeek's core that scripts and packages read or redefine.
# rzeek declares them all, with Zeek's names, types and defaults, so that a
# script redefining one loads; most tune parts of Zeek's engine that rzeek
# does not have (live capture, signature matching, protocol analyzers
# beyond conn and HTTP, profiling), and there they change nothing.
# (Reporter::*_to_stderr are honoured.)

module GLOBAL;

## One direction of a flow between two endpoints; the transport protocol
## is part of the ports.
type flow_id: record {
	src_h: addr;	##< Where the packets come from.
	src_p: port;	##< Their source port.
	dst_h: addr;	##< Where they go.
	dst_p: port;	##< Their destination port.
} &log;

## How long a packet source may stay silent before Zeek treats it as
## idle (and may move network time on by the clock).
const packet_source_inactivity_timeout: interval = 100 msec &redef;

## Whether network time may follow the wall clock while no packet
## arrives (or when there is no packet source at all).
const allow_network_time_forward: bool = T &redef;

## A BPF filter given on the command line (-f).
const cmd_line_bpf_filter: string = "" &redef;

## The time of day at which interval-based log rotation is aligned,
## as "H:MM".
const log_rotate_base_time: string = "0:00" &redef;

## Whether to look for signs that the trace was filtered (only SYN, FIN
## and RST packets), and warn about it.
const detect_filtered_trace: bool = F &redef;

## Whether content gaps are reported for connections whose start was
## not seen.
const report_gaps_for_partial: bool = F &redef;

## Whether the packet filter framework installs its default filter.
const packet_filter_default: bool = F &redef;

## The most signatures grouped into one matcher.
const sig_max_group_size: count = 50 &redef;

## How this Zeek process describes itself to its peers, and in the
## ``peer`` column of weird.log.
const peer_description: string = "zeek" &redef;

## Whether the first packets of a connection are reassembled for
## dynamic protocol detection before signatures see them.
const dpd_reassemble_first_packets: bool = T &redef;

## Bytes of a connection's beginning buffered for protocol detection.
const dpd_buffer_size: count = 1024 &redef;

## Packets buffered for protocol detection, at most.
const dpd_max_packets: count = 100 &redef;

## Whether protocol detection only looks at the start of a connection.
const dpd_match_only_beginning: bool = T &redef;

## Whether a signature match after analysis started is ignored.
const dpd_late_match_stop: bool = F &redef;

## Whether protocol analyzers are chosen by signatures only, never by
## well-known ports.
const dpd_ignore_ports: bool = F &redef;

## A file that the packets read are written to (-w), if any.
const trace_output_file: string = "";

## Whether every packet is written to the trace output file, not only
## those the analyzers ask to keep.
const record_all_packets: bool = F &redef;

## Whether TCP keep-alive retransmissions are left out of the
## retransmission checks.
const ignore_keep_alive_rexmit: bool = F &redef;

## Seed of Zeek's keyed hashes; when empty a random one is drawn (or
## read from the seed file).
const global_hash_seed: string = "" &redef;

## The longest string find_all() searches.
const max_find_all_string_length: int = 10000 &redef;

## How often (in packets) the I/O loop polls its sources when reading a
## trace, and when capturing live.
const io_poll_interval_default: count = 100 &redef;
## See :zeek:see:`io_poll_interval_default`.
const io_poll_interval_live: count = 10 &redef;

## Set by test setups to make output reproducible.
const running_under_test: bool = F &redef;

## How long a NetBIOS session may stay idle.
const netbios_ssn_session_timeout: interval = 15 sec &redef;

## How long a file may go without new data before its analysis is
## given up.
option default_file_timeout_interval: interval = 2 min;

## Bytes of a file's beginning kept for type detection.
option default_file_bof_buffer_size: count = 4096;

## Protocol violations after which an analyzer is removed from its
## connection.
const max_analyzer_violations: count = 1000 &redef;

## Parts of the capture filter, by name; the packet filter framework
## joins them.
global capture_filters: table[string] of string &redef;

## Filters that every packet must pass, by name.
global restrict_filters: table[string] of string &redef;

## The folder holding the MaxMind databases used for GeoIP lookups;
## empty to search the usual places.
const mmdb_dir: string = "" &redef;
## The file name of the city database in :zeek:see:`mmdb_dir`.
const mmdb_city_db: string = "GeoLite2-City.mmdb" &redef;
## The file name of the country database.
const mmdb_country_db: string = "GeoLite2-Country.mmdb" &redef;
## The file name of the autonomous system database.
const mmdb_asn_db: string = "GeoLite2-ASN.mmdb" &redef;
## Folders searched for the databases when :zeek:see:`mmdb_dir` is
## empty, in this order.
const mmdb_dir_fallbacks: vector of string = vector("/usr/share/GeoIP",
	"/var/lib/GeoIP", "/usr/local/share/GeoIP", "/usr/local/var/GeoIP") &redef;
## How often an open database is checked for a newer file.
const mmdb_stale_check_interval: interval = 5 min &redef;

## Networks whose packets are not checksummed.
option ignore_checksums_nets: set[subnet] = set();

## Whether TCP data that was never delivered is still matched by
## signatures when the connection ends.
const tcp_match_undelivered: bool = T &redef;

## How long a connection no analyzer is interested in is kept (0 for
## as long as the protocol's own timeout).
const non_analyzed_lifetime: interval = 0 sec &redef;

## The largest amount of data accepted from a TCP originator before it
## sees any acknowledgement.
const tcp_max_initial_window: count = 16384 &redef;

## Data above a sequence hole, without acknowledgements, at which the
## stream is considered broken.
const tcp_max_above_hole_without_any_acks: count = 16384 &redef;

## Data the reassembler buffers without acknowledgements before giving
## up on a stream (10 MB).
const tcp_excessive_data_without_further_acks: count = 10485760 &redef;

## Old segments kept for retransmission checks (0: none).
const tcp_max_old_segments: count = 0 &redef;

## Responder ports whose originator TCP payload is delivered to
## tcp_contents.
const tcp_content_delivery_ports_orig: table[port] of bool = {} &redef;
## Responder ports whose responder TCP payload is delivered to
## tcp_contents.
const tcp_content_delivery_ports_resp: table[port] of bool = {} &redef;
## Deliver every originator's TCP payload to tcp_contents.
const tcp_content_deliver_all_orig: bool = F &redef;
## Deliver every responder's TCP payload to tcp_contents.
const tcp_content_deliver_all_resp: bool = F &redef;

## How long a DNS request waits for its answer.
const dns_session_timeout: interval = 10 sec &redef;

## How long an RPC call waits for its reply.
const rpc_timeout: interval = 24 sec &redef;

## RPC calls without replies kept per connection, at most.
const rpc_max_pending_calls: count = 1000 &redef;

## Whether connection sizes are counted per endpoint (the conn-size
## analyzer).
const use_conn_size_analyzer: bool = T &redef;

## Byte orders, as analyzers report them.
## The order is not known yet.
const ENDIAN_UNKNOWN: count = 0;
const ENDIAN_LITTLE: count = 1;	##< Least significant byte first.
const ENDIAN_BIG: count = 2;	##< Most significant byte first.
const ENDIAN_CONFUSED: count = 3;	##< The order could not be decided.

## Which sides' contents set_contents_file() records.
## Nothing.
const CONTENTS_NONE: count = 0;
const CONTENTS_ORIG: count = 1;	##< The originator's data.
const CONTENTS_RESP: count = 2;	##< The responder's data.
const CONTENTS_BOTH: count = 3;	##< Both sides' data.

## Codes of ICMP "destination unreachable" messages.
## The network cannot be reached.
const ICMP_UNREACH_NET: count = 0;
const ICMP_UNREACH_HOST: count = 1;	##< The host cannot be reached.
const ICMP_UNREACH_PROTOCOL: count = 2;	##< The protocol is not served.
const ICMP_UNREACH_PORT: count = 3;	##< Nothing listens on the port.
const ICMP_UNREACH_NEEDFRAG: count = 4;	##< The packet needed fragmenting but had DF set.
const ICMP_UNREACH_ADMIN_PROHIB: count = 13;	##< Filtered by an administrator's rule.

## IP protocol numbers.
## The pseudo protocol number of IP itself.
const IPPROTO_IP: count = 0;
const IPPROTO_ICMP: count = 1;	##< ICMP.
const IPPROTO_IGMP: count = 2;	##< IGMP.
const IPPROTO_IPIP: count = 4;	##< IPv4 carried in IP.
const IPPROTO_TCP: count = 6;	##< TCP.
const IPPROTO_UDP: count = 17;	##< UDP.
const IPPROTO_IPV6: count = 41;	##< IPv6 carried in IP.
const IPPROTO_ICMPV6: count = 58;	##< ICMPv6.
const IPPROTO_RAW: count = 255;	##< Raw IP.
const IPPROTO_HOPOPTS: count = 0;	##< The IPv6 hop-by-hop options header.
const IPPROTO_ROUTING: count = 43;	##< The IPv6 routing header.
const IPPROTO_FRAGMENT: count = 44;	##< The IPv6 fragment header.
const IPPROTO_ESP: count = 50;	##< The IPv6 encapsulating security payload header.
const IPPROTO_AH: count = 51;	##< The IPv6 authentication header.
const IPPROTO_NONE: count = 59;	##< No next IPv6 header.
const IPPROTO_DSTOPTS: count = 60;	##< The IPv6 destination options header.
const IPPROTO_MOBILITY: count = 135;	##< The IPv6 mobility header.

## The most bytes of a packet handed to a discarder function.
global discarder_maxlen: count = 128 &redef;

## How often the watchdog checks that packet processing progresses.
const watchdog_interval: interval = 10 sec &redef;

## Timers expired per packet, at most (0: no limit).
const max_timer_expires: count = 300 &redef;

## States of the login analyzers (Telnet, Rlogin).
## Authenticating.
const LOGIN_STATE_AUTHENTICATE: count = 0;
const LOGIN_STATE_LOGGED_IN: count = 1;	##< Logged in.
const LOGIN_STATE_SKIP: count = 2;	##< Nothing more is analyzed.
const LOGIN_STATE_CONFUSED: count = 3;	##< The dialogue made no sense.

## User names for which the login analyzers skip authentication.
global skip_authentication: set[string] &redef;
## Prompts that show a login without authentication.
global direct_login_prompts: set[string] &redef;
## Prompts that ask for a login.
global login_prompts: set[string] &redef;
## Messages that do not mean a login failed.
global login_non_failure_msgs: set[string] &redef;
## Messages that mean a login failed.
global login_failure_msgs: set[string] &redef;
## Messages that mean a login succeeded.
global login_success_msgs: set[string] &redef;
## Messages that mean a login timed out.
global login_timeouts: set[string] &redef;

## Bytes of MIME entity data per mime_segment_data event.
global mime_segment_length: count = 1024 &redef;
## Bytes shared by consecutive MIME segments.
global mime_segment_overlap_length: count = 0 &redef;

## How often profiling data is written (0: never).
const profiling_interval: interval = 0 sec &redef;
## Every this many profiling intervals the costly statistics are taken
## too (0: never).
const expensive_profiling_multiple: count = 0 &redef;
## How often per-packet profiles are taken, by the profiling mode.
const pkt_profile_freq: double = 0.0 &redef;

## The sections of a DNS message, as dns_* events number them.
## The question.
const DNS_QUERY: count = 0;
const DNS_ANS: count = 1;	##< An answer.
const DNS_AUTH: count = 2;	##< An authority record.
const DNS_ADDL: count = 3;	##< An additional record.
const DNS_PREREQUISITE: count = 4;	##< A prerequisite of a dynamic update.
const DNS_UPDATE: count = 5;	##< A record of a dynamic update.

## Servers whose DNS authority sections are not analyzed.
global dns_skip_auth: set[addr] &redef;
## Servers whose DNS additional sections are not analyzed.
global dns_skip_addl: set[addr] &redef;
## Skip every DNS authority section.
global dns_skip_all_auth: bool = T &redef;
## Skip every DNS additional section.
global dns_skip_all_addl: bool = T &redef;
## Questions per DNS message analyzed, at most.
global dns_max_queries: count = 25 &redef;
## Compression pointers followed in one DNS name, at most.
global dns_max_compression_chain_depth: count = 20 &redef;

## Bytes of HTTP body per http_entity_data event, at most.
global http_entity_data_delivery_size: count = 1500 &redef;
## Whether HTTP bodies are skipped.
const skip_http_data: bool = F &redef;
## URIs longer than this are cut in HTTP events (-1: never).
const truncate_http_URI: int = -1 &redef;

module NFS3;

export {
	## Whether NFS read and write events carry the data.
	const return_data: bool = F &redef;
	## Bytes of data they carry, at most.
	const return_data_max: count = 512 &redef;
	## Whether only the first chunk of a file is carried.
	const return_data_first_only: bool = T &redef;
}

module MIME;

export {
	## How deeply MIME entities may nest.
	const max_depth: count = 100 &redef;
	## Bytes of headers per MIME entity, at most.
	const max_header_bytes: count = 65536 &redef;
}

module Log;

export {
	## How often buffered log writes are flushed (0 to only flush on
	## request or when the buffer fills).
	const flush_interval: interval = 1 sec &redef;
	## Writes buffered per filter and path before a flush.
	const write_buffer_size: count = 1000 &redef;
	## The largest log record, in bytes, that is written (64 MB); a larger
	## one is dropped with a weird.
	const max_log_record_size: count = 67108864 &redef;
	## Bytes of one string field written, at most (0: no limit).
	const default_max_field_string_bytes: count = 4096 &redef;
	## Elements of one container field written, at most (0: no limit).
	const default_max_field_container_elements: count = 100 &redef;
	## Bytes of all string fields of a record together, at most.
	const default_max_total_string_bytes: count = 256000 &redef;
	## Elements of all container fields of a record together, at most.
	const default_max_total_container_elements: count = 500 &redef;
}

module POP3;

export {
	## Commands a POP3 client may have pending (0: no limit).
	const max_pending_commands: count = 10 &redef;
	## Unknown client commands tolerated before the analyzer gives up.
	const max_unknown_client_commands: count = 10 &redef;
}

module Threading;

export {
	## How often threads exchange messages with the main thread.
	const heartbeat_interval: interval = 1 sec &redef;
}

module SSH;

export {
	## The largest SSH packet analyzed (8 MB).
	const max_packet_length: count = 8388608 &redef;
	## The longest string in an SSH message (2 MB).
	const max_string_length: count = 2097152 &redef;
	## Entries of each algorithm list of a KEXINIT message kept, at most:
	## key exchange,
	const max_kexinit_kex_algorithms: count = 100 &redef;
	## host key,
	const max_kexinit_hostkey_algorithms: count = 100 &redef;
	## encryption,
	const max_kexinit_encryption_algorithms: count = 100 &redef;
	## MAC,
	const max_kexinit_mac_algorithms: count = 100 &redef;
	## compression,
	const max_kexinit_compression_algorithms: count = 100 &redef;
	## and languages.
	const max_kexinit_languages: count = 100 &redef;
}

module SMB;

export {
	## Named pipes whose traffic is handed to the DCE-RPC analyzer.
	const pipe_filenames: set[string] &redef;
	## SMB messages awaiting a reply kept per connection, at most.
	const max_pending_messages: count = 1000 &redef;
	## DCE-RPC analyzers per SMB connection, at most.
	const max_dce_rpc_analyzers: count = 1000 &redef;
	## How deeply AndX commands may be chained.
	const max_andx_depth: count = 10 &redef;
}

module SSL;

export {
	## DTLS version errors after which a connection is no longer
	## analyzed as DTLS.
	const dtls_max_version_errors: count = 10 &redef;
	## DTLS version errors reported per connection, at most.
	const dtls_max_reported_version_errors: count = 1 &redef;
	## Alerts per TLS record analyzed, at most.
	const max_alerts_per_record: count = 10 &redef;
}

module SNMP;

export {
	## Tags of SNMP object values (ASN.1 and SNMP application types).
	## Signed 64-bit integer.
	const OBJ_INTEGER_TAG: count = 2;
	const OBJ_OCTETSTRING_TAG: count = 4;	##< Octet string.
	const OBJ_UNSPECIFIED_TAG: count = 5;	##< NULL.
	const OBJ_OID_TAG: count = 6;	##< Object identifier.
	const OBJ_IPADDRESS_TAG: count = 64;	##< IP address.
	const OBJ_COUNTER32_TAG: count = 65;	##< Unsigned 32-bit counter.
	const OBJ_UNSIGNED32_TAG: count = 66;	##< Unsigned 32-bit integer.
	const OBJ_TIMETICKS_TAG: count = 67;	##< Time ticks (unsigned 32-bit).
	const OBJ_OPAQUE_TAG: count = 68;	##< Opaque octet string.
	const OBJ_COUNTER64_TAG: count = 70;	##< Unsigned 64-bit counter.
	const OBJ_NOSUCHOBJECT_TAG: count = 128;	##< No such object (NULL).
	const OBJ_NOSUCHINSTANCE_TAG: count = 129;	##< No such instance (NULL).
	const OBJ_ENDOFMIBVIEW_TAG: count = 130;	##< End of the MIB view (NULL).
}

module KRB;

export {
	## A keytab file whose keys decrypt Kerberos tickets.
	const keytab: string = "" &redef;
}

module Reporter;

export {
	## How serious a message of the reporter is.
	type Level: enum {
		## Worth knowing.
		INFO = 0,
		## A possible problem.
		WARNING = 1,
		## A problem (that did not end the run).
		ERROR = 2,
	};

	## Whether informational messages also go to stderr once zeek_init
	## has been handled (before that they always do).
	const info_to_stderr: bool = T &redef;
	## Whether warnings also go to stderr once zeek_init has been handled.
	const warnings_to_stderr: bool = T &redef;
	## Whether errors also go to stderr once zeek_init has been handled.
	const errors_to_stderr: bool = T &redef;
}

module Pcap;

export {
	## Bytes captured per packet on live interfaces.
	const snaplen: count = 9216 &redef;
	## Megabytes of capture buffer on live interfaces.
	const bufsize: count = 128 &redef;
	## Read buffer for trace files, in bytes (0: the system's default).
	const bufsize_offline_bytes: count = 131072 &redef;
	## How long to wait for packets on sources that cannot be polled.
	const non_fd_timeout: interval = 20 usec &redef;
}

module DCE_RPC;

export {
	## Commands reassembled per DCE-RPC connection, at most.
	const max_cmd_reassembly: count = 20 &redef;
	## Bytes of fragment data reassembled, at most.
	const max_frag_data: count = 30000 &redef;
}

module NCP;

export {
	## The largest NCP frame analyzed.
	const max_frame_size: count = 65536 &redef;
}

module MQTT;

export {
	## Bytes of a PUBLISH payload passed to events, at most.
	option max_payload_size: count = 100;
}

module Gnutella;

export {
	## The longest Gnutella line analyzed.
	const max_line_length: count = 8192 &redef;
	## The most header bytes of a Gnutella message.
	const max_header_length: count = 32768 &redef;
}

module Finger;

export {
	## The longest Finger request line analyzed.
	option max_line_length: count = 1024;
}

module UnknownProtocol;

export {
	## How many unknown_protocol events one protocol raises before
	## sampling starts.
	const sampling_threshold: count = 3 &redef;
	## After the threshold, one in this many is raised.
	const sampling_rate: count = 100000 &redef;
	## After this long the count of a protocol starts over.
	const sampling_duration: interval = 1 hr &redef;
	## Bytes of the unhandled payload the event carries.
	const first_bytes_count: count = 10 &redef;
}

module BinPAC;

export {
	## The largest buffer a binpac flow may grow (10 MB).
	const flowbuffer_capacity_max: count = 10485760 &redef;
	## The smallest buffer a binpac flow keeps.
	const flowbuffer_capacity_min: count = 512 &redef;
	## Above this size (2 MB) a flow's buffer shrinks again when it can.
	const flowbuffer_contract_threshold: count = 2097152 &redef;
}

module Telemetry;

export {
	## How long metric callbacks may take.
	const callback_timeout: interval = 5 sec &redef;
	## Threads serving the metrics endpoint.
	const civetweb_threads: count = 2 &redef;
}

module Storage;

export {
	## How often storage backends drop expired entries.
	const expire_interval: interval = 15 sec &redef;
}

module FTP;

export {
	## The longest FTP command line analyzed.
	const max_command_length: count = 100 &redef;
}

module SMTP;

export {
	## The longest line of a BDAT chunk analyzed.
	const bdat_max_line_length: count = 4096 &redef;
	## Whether an rfc822 message attached to a mail goes to file analysis.
	const enable_rfc822_msg_file_analysis: bool = F &redef;
}

module Tunnel;

export {
	## Tunnel changes per connection before a weird is reported.
	const max_changes_per_connection: count = 5 &redef;
	## How deeply tunnels may nest.
	const max_depth: count = 4 &redef;
	## Whether a Teredo tunnel is only confirmed once both sides used it.
	const delay_teredo_confirmation: bool = T &redef;
	## Whether a GTP tunnel is only confirmed once both sides used it.
	const delay_gtp_confirmation: bool = F &redef;
	## How long an IP tunnel may be idle.
	const ip_tunnel_timeout: interval = 24 hrs &redef;
	## Whether VXLAN packets with a bad UDP checksum are dropped.
	const validate_vxlan_checksums: bool = T &redef;
}

module WebSocket;

export {
	## Bytes of WebSocket payload per event, at most.
	const payload_chunk_size: count = 8192 &redef;
	## The largest control frame accepted.
	const max_control_frame_size: count = 125 &redef;
	## Whether the payload is handed to protocol detection by default.
	const use_dpd_default: bool = T &redef;
	## Whether the Spicy WebSocket analyzer is used.
	const use_spicy_analyzer: bool = F &redef;
}

module GLOBAL;

## Raised for each informational message of the reporter (from
## ``Reporter::info`` or Zeek itself), once the top-level statements have
## run. A message from a handler of the reporter events raises none; it
## only goes to stderr.
##
## t: network time (or the clock's time before there is one).
## msg: the message.
## location: where in the scripts it came from ("FILE, line N"), or "".
global reporter_info: event(t: time, msg: string, location: string);

## Raised for each warning of the reporter; as
## :zeek:see:`reporter_info`.
global reporter_warning: event(t: time, msg: string, location: string);

## Raised for each error of the reporter (``Reporter::error``, runtime
## errors of scripts); as :zeek:see:`reporter_info`.
global reporter_error: event(t: time, msg: string, location: string);

## Raised for unusual activity on a connection that was already removed.
##
## name: what was seen.
## id: the connection's endpoints.
## uid: the connection's uid.
## addl: more detail, if any.
## source: what reported it.
global expired_conn_weird: event(name: string, id: conn_id, uid: string, addl: string, source: string);
## The form without the reporting source, still accepted for handlers.
global expired_conn_weird: event(name: string, id: conn_id, uid: string, addl: string);

module GLOBAL;

## Connection and packet counts, as get_conn_stats reports them.
type ConnStats: record {
	## Connections made so far, and connections and sessions tracked now.
	total_conns: count; current_conns: count; sess_current_conns: count;
	## Packets read; IP datagrams waiting for fragments now and at most.
	num_packets: count; num_fragments: count; max_fragments: count;
	## Per transport: tracked now, the most tracked at once, all so far.
	num_tcp_conns: count; max_tcp_conns: count; cumulative_tcp_conns: count;
	num_udp_conns: count; max_udp_conns: count; cumulative_udp_conns: count;
	num_icmp_conns: count; max_icmp_conns: count; cumulative_icmp_conns: count;
	## Packets no analyzer could finish, and connections dropped for idling.
	num_packets_unprocessed: count; killed_by_inactivity: count;
};

## Raised with the first packet, once network time has a value.
global network_time_init: event();

## Raised when the input is exhausted, before connections are removed.
##
## t: network time.
global net_done: event(t: time);

## Raised for every packet, before anything else is done with it.
##
## p: its link-layer, network and transport headers.
global raw_packet: event(p: raw_pkt_hdr);

## Raised for each packet of a connection.
##
## c: the connection.
## p: the packet's headers.
global new_packet: event(c: connection, p: pkt_hdr);

## Raised when a TCP connection is removed for lack of activity.
global connection_timeout: event(c: connection);

## Raised when rzeek swapped the originator and responder of a connection.
global connection_flipped: event(c: connection);

## Raised when a SYN reuses the 5-tuple of a connection still tracked; the
## old connection is removed and a new one begins.
global connection_reused: event(c: connection);

## Raised when a TCP stream has a hole that was acknowledged.
##
## c: the connection.
## is_orig: whether the hole is in the originator's stream.
## seq: where the hole begins, relative to the stream start.
## length: its size in bytes.
global content_gap: event(c: connection, is_orig: bool, seq: count, length: count);

## Raised for unusual activity on a connection.
##
## name: what was seen.
## c: the connection.
## addl: more detail, if any.
## source: what reported it.
global conn_weird: event(name: string, c: connection, addl: string, source: string);
## The form without the reporting source, still accepted for handlers.
global conn_weird: event(name: string, c: connection, addl: string);

## Raised for unusual activity between two hosts outside a connection.
##
## name: what was seen.
## src: the sender.
## dst: the receiver.
## addl: more detail, if any.
## source: what reported it.
global flow_weird: event(name: string, src: addr, dst: addr, addl: string, source: string);
## The form without the reporting source, still accepted for handlers.
global flow_weird: event(name: string, src: addr, dst: addr, addl: string);

## Raised for unusual activity not tied to an address pair.
##
## name: what was seen.
## addl: more detail, if any.
## source: what reported it.
global net_weird: event(name: string, addl: string, source: string);
## The form without the reporting source, still accepted for handlers.
global net_weird: event(name: string, addl: string);

## Raised for a packet carrying a protocol no analyzer handles.
##
## analyzer_name: the analyzer that found it.
## protocol: the protocol number or Ethertype.
## first_bytes: the start of the unhandled payload.
## analyzer_history: the analyzers the packet went through.
global unknown_protocol: event(analyzer_name: string, protocol: count, first_bytes: string,
                               analyzer_history: string_vec);

## Where log rotation moved a file, and the time span it covers.
type rotate_info: record {
	old_name: string; new_name: string;
	open: time; close: time;
};

## What entropy_test_finish() and find_entropy() return: the entropy per
## byte, the chi-square statistic, the arithmetic mean of the bytes, a
## Monte Carlo estimate of pi and the serial correlation coefficient.
type entropy_test_result: record {
	entropy: double; chi_square: double; mean: double;
	monte_carlo_pi: double; serial_correlation: double;
};

## What from_json() returns: the parsed value, and whether parsing
## succeeded.
type from_json_result: record { v: any &optional; valid: bool; err: string &optional; };

## One field of a record type, as record_fields() describes it.
type record_field: record {
	## The field's type as type_name() spells it, and whether it is logged.
	type_name: string; log: bool;
	## The field's value (when a record value was given) and its
	## &default, if any.
	value: any &optional; default_val: any &optional;
	## Whether the field is &optional.
	optional: bool;
};

## The fields of a record type, by name.
type record_field_table: table[string] of record_field;

## Raised for each packet of a connection that carries a transport payload.
##
## c: the connection.
## contents: the payload.
global packet_contents: event(c: connection, contents: string);

## UDP ports (either side) whose payloads go to udp_contents.
option udp_content_ports: set[port] = {};

## Whether udp_content_delivery_ports_orig/resp are looked up with the
## connection's responder port instead of the packet's destination port.
option udp_content_delivery_ports_use_resp: bool = F;

## Destination ports whose originator payloads go to udp_contents.
const udp_content_delivery_ports_orig: table[port] of bool = {} &redef;

## Destination ports whose responder payloads go to udp_contents.
const udp_content_delivery_ports_resp: table[port] of bool = {} &redef;

## Every originator payload goes to udp_contents.
const udp_content_deliver_all_orig: bool = F &redef;

## Every responder payload goes to udp_contents.
const udp_content_deliver_all_resp: bool = F &redef;

## An address and port from an FTP PORT command or PASV reply, and
## whether the text parsed cleanly.
type ftp_port: record { h: addr; p: port; valid: bool; };

## Where packets come from, as packet_source() describes it.
type PacketSource: record {
	## A live interface (rather than a file), and its name or the file's.
	live: bool; path: string;
	## The libpcap link-layer type, and the interface's netmask (all
	## ones when unknown, as for files).
	link_type: int; netmask: count;
};

module Analyzer;

export {
	## The protocol analyzers, named as Analyzer::name() returns them
	## without the ANALYZER_ prefix.
	type Tag: enum {
		# In the order of Zeek's analyzer plugins; those of one plugin share
		# a line.
		ANALYZER_AYIYA, ANALYZER_BITTORRENT, ANALYZER_BITTORRENTTRACKER,
		ANALYZER_CONNSIZE, ANALYZER_DCE_RPC, ANALYZER_DHCP,
		ANALYZER_DNP3_TCP, ANALYZER_DNP3_UDP,
		ANALYZER_CONTENTS_DNS, ANALYZER_DNS,
		ANALYZER_FINGER, ANALYZER_FTP, ANALYZER_FTP_ADAT, ANALYZER_FTP_DATA,
		ANALYZER_GNUTELLA, ANALYZER_GSSAPI, ANALYZER_GTPV1, ANALYZER_HTTP,
		ANALYZER_ICMP, ANALYZER_IDENT, ANALYZER_IMAP,
		ANALYZER_IRC, ANALYZER_IRC_DATA, ANALYZER_KRB, ANALYZER_KRB_TCP,
		ANALYZER_CONTENTS_RLOGIN, ANALYZER_CONTENTS_RSH, ANALYZER_LOGIN,
			ANALYZER_NVT, ANALYZER_RLOGIN, ANALYZER_RSH, ANALYZER_TELNET,
		ANALYZER_MODBUS, ANALYZER_MQTT, ANALYZER_MYSQL,
		ANALYZER_CONTENTS_NCP, ANALYZER_NCP,
		ANALYZER_CONTENTS_NETBIOSSSN, ANALYZER_NETBIOSSSN,
		ANALYZER_NTLM, ANALYZER_NTP, ANALYZER_PIA_TCP, ANALYZER_PIA_UDP,
		ANALYZER_POP3, ANALYZER_RADIUS, ANALYZER_RDP, ANALYZER_RDPEUDP,
		ANALYZER_RFB,
		ANALYZER_CONTENTS_NFS, ANALYZER_CONTENTS_RPC, ANALYZER_MOUNT,
			ANALYZER_NFS, ANALYZER_PORTMAPPER,
		ANALYZER_SIP, ANALYZER_CONTENTS_SMB, ANALYZER_SMB, ANALYZER_SMTP,
		ANALYZER_SNMP, ANALYZER_SOCKS, ANALYZER_SSH, ANALYZER_DTLS, ANALYZER_SSL,
		ANALYZER_STEPPINGSTONE, ANALYZER_SYSLOG,
		ANALYZER_TCPSTATS, ANALYZER_CONTENTS, ANALYZER_TCP,
		ANALYZER_TEREDO, ANALYZER_UDP, ANALYZER_VXLAN, ANALYZER_XMPP, ANALYZER_ZIP
	};
}

module PacketAnalyzer;

export {
	## The analyzers of the packet layer: link layers, encapsulations and
	## the network and transport protocols a packet passes through.
	type Tag: enum {
		ANALYZER_ARP, ANALYZER_AYIYA, ANALYZER_ETHERNET, ANALYZER_FDDI,
		ANALYZER_GENEVE, ANALYZER_GRE, ANALYZER_GTPV1, ANALYZER_ICMP,
		ANALYZER_IEEE802_11, ANALYZER_IEEE802_11_RADIO, ANALYZER_IP,
		ANALYZER_IPTUNNEL, ANALYZER_LINUXSLL, ANALYZER_LINUXSLL2,
		ANALYZER_LLC, ANALYZER_MPLS, ANALYZER_NFLOG, ANALYZER_NOVELL_802_3,
		ANALYZER_NULL, ANALYZER_PBB, ANALYZER_PPP, ANALYZER_PPP_SERIAL,
		ANALYZER_PPPOE, ANALYZER_ROOT, ANALYZER_SKIP, ANALYZER_SNAP,
		ANALYZER_TCP, ANALYZER_TEREDO, ANALYZER_UDP, ANALYZER_VLAN,
		ANALYZER_VNTAG, ANALYZER_VXLAN
	};
}

module GLOBAL;

## Salt of the keyed hashes whose values should be the same on every
## run and every node of a deployment, such as file ids.
const digest_salt: string = "Please change this value." &redef;

## Statistics of one HTTP message, for http_message_done.
type http_message_stat: record {
	## When its first line was seen; whether it was cut short, and why.
	start: time; interrupted: bool; finish_msg: string;
	## Bytes of the body (after undoing chunked transfer encoding), bytes
	## of it missing from the capture, and bytes of first line and headers.
	body_length: count; content_gap_length: count; header_length: count;
};

## What file analysis knows of a file's content type: the likeliest MIME
## type, and whether it was inferred from the content.
type fa_metadata: record {
	mime_type: string &optional; inferred: bool &default=T;
};

## A file seen in network traffic.
type fa_file: record {
	## The file's unique id, and the file it was extracted from, if any.
	id: string; parent_id: string &optional;
	## The analyzer that found it ("HTTP"), whether the originator sent
	## it, and the connections that carried it.
	source: string; is_orig: bool &optional;
	conns: table[conn_id] of connection &optional;
	## When its data was last seen.
	last_active: time;
	## Bytes seen so far, and the size announced, if any.
	seen_bytes: count &default=0; total_bytes: count &optional;
	## Bytes missed, and bytes that arrived out of order beyond the
	## reassembly buffer.
	missing_bytes: count &default=0; overflow_bytes: count &default=0;
	## Idle time after which the file is given up on.
	timeout_interval: interval &default=2 mins;
	## How many leading bytes are kept for type detection, and those bytes.
	bof_buffer_size: count &default=4096; bof_buffer: string &optional;
} &redef;

## Asks scripts for the handle naming the file that a connection's
## analyzer (tag) is about to deliver; a handler answers with
## set_file_handle. The file's id is derived from the handle.
global get_file_handle: event(tag: Analyzer::Tag, c: connection, is_orig: bool);
## A file was seen for the first time.
global file_new: event(f: fa_file);
## A file was seen on a connection (the first time on that connection).
global file_over_new_connection: event(f: fa_file, c: connection, is_orig: bool);
## What file analysis makes of a file's first bytes.
global file_sniff: event(f: fa_file, meta: fa_metadata);
## A file's analysis is over.
global file_state_remove: event(f: fa_file);

# ---- Records the protocol analyzers hand to their events -------------------
# (declared here as in Zeek, so that handlers of these events load even
# where rzeek has no analyzer raising them)

## The packet an ICMP error message quotes.
type icmp_context: record {
	## Its addresses and ports, its IP length (headers and payload), and
	## its transport protocol number.
	id: conn_id; len: count; proto: count;
	## Its fragment offset; whether its header length is impossible and
	## its IP checksum wrong.
	frag_offset: count; bad_hdr_len: bool; bad_checksum: bool;
	## Its more-fragments and don't-fragment flags.
	MF: bool; DF: bool;
};

## The prefix information option of an IPv6 router advertisement.
type icmp6_nd_prefix_info: record {
	## How many leading bits of the prefix are valid; the on-link and
	## autonomous configuration flags.
	prefix_len: count; L_flag: bool; A_flag: bool;
	## How long the prefix is valid on-link, and how long addresses
	## derived from it stay preferred.
	valid_lifetime: interval; preferred_lifetime: interval;
	prefix: addr;
};

## One option of an IPv6 neighbor discovery message. The option's type
## says which of the optional fields is set.
type icmp6_nd_option: record {
	## The option type, and its length in units of 8 octets (type and
	## length included).
	otype: count; len: count;
	## A source or target link-layer address; prefix information; the
	## packet a redirect quotes; the link's MTU.
	link_address: string &optional; prefix: icmp6_nd_prefix_info &optional;
	redirect: icmp_context &optional; mtu: count &optional;
	## The bytes of an option that is not decoded.
	payload: string &optional;
};

## The options of an IPv6 neighbor discovery message.
type icmp6_nd_options: vector of icmp6_nd_option;

## A MIME header: its name as sent and in capitals, and its value.
type mime_header_rec: record {
	original_name: string; name: string; value: string;
};

## A message's MIME headers in their order, numbered from 1.
type mime_header_list: table[count] of mime_header_rec;

## The header of a DNS message.
type dns_msg: record {
	## Transaction id, operation and response code.
	id: count; opcode: count; rcode: count;
	## The flag bits: response, authoritative answer, truncated, recursion
	## desired and available; the Z bits (AD and CD among them), authentic
	## data, checking disabled.
	QR: bool; AA: bool; TC: bool; RD: bool; RA: bool;
	Z: count; AD: bool; CD: bool;
	## Section counts: questions, answers, authority and additional
	## records (in an update: zones, prerequisites, updates, additional).
	num_queries: count; num_answers: count; num_auth: count; num_addl: count;
	## Whether the message came over NetBIOS.
	is_netbios: bool;
};

## An SOA record.
type dns_soa: record {
	## The zone's primary name server and the mailbox of who is
	## responsible; the zone's version.
	mname: string; rname: string; serial: count;
	## When secondaries refresh, retry a failed refresh, and stop being
	## authoritative; the minimum TTL.
	refresh: interval; retry: interval; expire: interval; minimum: interval;
};

## The EDNS OPT pseudo-record of a message's additional section.
type dns_edns_additional: record {
	## Its owner name, its type (OPT), and the type again as read.
	query: string; qtype: count; t: count;
	## The UDP payload size announced, the upper bits of the response
	## code, the EDNS version and the flags.
	payload_size: count; extended_rcode: count; version: count; z_field: count;
	## The TTL field as an interval; whether it came with a query.
	TTL: interval; is_query: count;
};

## What every DNS record event tells about the record.
type dns_answer: record {
	## The section (DNS_QUERY, DNS_ANS, DNS_AUTH or DNS_ADDL) and the
	## owner name.
	answer_type: count; query: string;
	## The record's type, class and time to live.
	qtype: count; qclass: count; TTL: interval;
};

## What a signature match tells its event: the signature's id, the
## connection, whether the originator's data matched, and the payload size
## of the endpoint's first matching packet.
type signature_state: record {
	sig_id: string; conn: connection; is_orig: bool; payload_size: count;
};

module X509;

export {
	## A parsed certificate.
	type Certificate: record {
		## Version and serial number; subject and issuer; the subject's
		## most specific common name.
		version: count &log; serial: string &log;
		subject: string &log; issuer: string &log; cn: string &optional;
		## The validity period.
		not_valid_before: time &log; not_valid_after: time &log;
		## The algorithms of the key and of the signature.
		key_alg: string &log; sig_alg: string &log;
		## The key, when it could be read: rsa, dsa or ec, its size in bits,
		## an RSA key's exponent, an EC key's curve.
		key_type: string &optional &log; key_length: count &optional &log;
		exponent: string &optional &log; curve: string &optional &log;
		## The signature algorithm the signed part names.
		tbs_sig_alg: string;
	};

	## A certificate extension: its long name (or OID), short name if it
	## has one, its OID, whether it is critical, and its content (as text
	## where known, raw otherwise).
	type Extension: record {
		name: string; short_name: string &optional; oid: string;
		critical: bool; value: string;
	};

	## The basic constraints extension: whether the subject is a CA, and the
	## path length limit.
	type BasicConstraints: record { ca: bool; path_len: count &optional; } &log;

	## The subject alternative names, by kind, and whether names of other
	## kinds were present.
	type SubjectAlternativeName: record {
		dns: string_vec &optional &log; uri: string_vec &optional &log;
		email: string_vec &optional &log; ip: addr_vec &optional &log;
		other_fields: bool;
	};

	## What a certificate verification found: OpenSSL's result code, the
	## result in words, and the chain that was built.
	type Result: record {
		result: int; result_string: string;
		chain_certs: vector of opaque of x509 &optional;
	};
}

module NTP;

export {
	## An NTP message of modes 1 to 5.
	type NTP::StandardMessage: record {
		## The server's stratum, the poll interval, the clock's precision.
		stratum: count; poll: interval; precision: interval;
		## Round trip delay and dispersion to the reference.
		root_delay: interval; root_disp: interval;
		## The reference: a kiss code (stratum 0), an id (stratum 1) or an
		## address (stratum 2 and up).
		kiss_code: string &optional; ref_id: string &optional; ref_addr: addr &optional;
		## When the clock was last set; the request's send time echoed; when
		## the request arrived; when the reply left.
		ref_time: time; org_time: time; rec_time: time; xmt_time: time;
		## Authentication: key identifier and message digest.
		key_id: count &optional; digest: string &optional;
		## How many extension fields there were.
		num_exts: count &default=0;
	};

	## An NTP control message (mode 6).
	type NTP::ControlMessage: record {
		## The operation, and the response, error and more-fragments bits.
		op_code: count; resp_bit: bool; err_bit: bool; more_bit: bool;
		## Sequence number, status word and association.
		sequence: count; status: count; association_id: count;
		## Its data, key identifier and checksum.
		data: string &optional; key_id: count &optional;
		crypto_checksum: string &optional;
	};

	## An NTP private message (mode 7).
	type NTP::Mode7Message: record {
		## Request code, authenticated bit, sequence number.
		req_code: count; auth_bit: bool; sequence: count;
		## Implementation number, error code, data.
		implementation: count; err: count; data: string &optional;
	};

	## An NTP message: the protocol version and mode, and the part for the
	## mode (1 to 5, 6 or 7).
	type NTP::Message: record {
		version: count; mode: count;
		std_msg: NTP::StandardMessage &optional;
		control_msg: NTP::ControlMessage &optional;
		mode7_msg: NTP::Mode7Message &optional;
	};
}

module GLOBAL;

@load base/frameworks/logging/main
@load base/frameworks/logging/writers/ascii

# ---------------------------------------------------------------------------
# Built-in functions: the types, options and events that the built-ins of
# src/bif take and return (statistics, introspection, packets,
# anonymization, Smith-Waterman, GeoIP, event metadata). Names, fields and
# field types follow Zeek's.

## A weird about a file (Reporter::file_weird raises it).
global file_weird: event(name: string, f: fa_file, addl: string, source: string);
global file_weird: event(name: string, f: fa_file, addl: string);

## Packet counts of the packet source, as get_net_stats reports them:
## packets read, dropped by the capture and seen on the link (where
## known), bytes read, and packets a capture filter took out.
type NetStats: record {
	pkts_recvd: count &default=0; pkts_dropped: count &default=0;
	pkts_link: count &default=0; bytes_recvd: count &default=0;
	pkts_filtered: count &optional;
};

## The process's resource use, as get_proc_stats reports it.
type ProcStats: record {
	## Whether this is a debugging build, and when the process started.
	debug: bool; start_time: time;
	## Wall-clock time since then, CPU time in user mode and in the kernel.
	real_time: interval; user_time: interval; system_time: interval;
	## Largest resident size in bytes; page faults served without and
	## with I/O; times swapped out.
	mem: count; minor_faults: count; major_faults: count; num_swap: count;
	## Block input and output operations, involuntary context switches.
	blocking_input: count; blocking_output: count; num_context: count;
};

## Events queued and events run so far.
type EventStats: record { queued: count; dispatched: count; };

## Bytes the reassemblers hold, for files, IP fragments, TCP streams and
## anything else.
type ReassemblerStats: record {
	file_size: count; frag_size: count; tcp_size: count; unknown_size: count;
};

## The signature matchers' statistics.
type MatcherStats: record {
	## Distinct matchers, and the NFA and DFA states of all of them.
	matchers: count; nfa_states: count; dfa_states: count;
	## DFA transitions computed and the bytes the DFA states take.
	computed: count; mem: count;
	## Transition cache hits and misses.
	hits: count; misses: count;
};

## Timers pending now, the most pending at once, timers set in all.
type TimerStats: record { current: count; max: count; cumulative: count; };

## Files analyzed now, the most at once, files analyzed in all.
type FileAnalysisStats: record { current: count; max: count; cumulative: count; };

## The DNS resolver's statistics.
type DNSStats: record {
	## Lookups asked for, answered, failed and not answered yet.
	requests: count; successful: count; failed: count; pending: count;
	## What the cache holds: host names, addresses, TXT answers, all.
	cached_hosts: count; cached_addresses: count; cached_texts: count;
	cached_total: count;
};

## Acknowledgements that could have shown a content gap and the bytes they
## covered; those that did, and the bytes missing in those gaps.
type GapStats: record {
	ack_events: count; ack_bytes: count; gap_events: count; gap_bytes: count;
};

## Threads besides the main one.
type ThreadStats: record { num_threads: count; };

## Broker's statistics.
type BrokerStats: record {
	## Peers connected, data stores open, store queries waiting.
	num_peers: count; num_stores: count; num_pending_queries: count;
	## Events, log records and identifier updates received and sent.
	num_events_incoming: count; num_events_outgoing: count;
	num_logs_incoming: count; num_logs_outgoing: count;
	num_ids_incoming: count; num_ids_outgoing: count;
};

## Weirds in all, and per name.
type ReporterStats: record {
	weirds: count; weirds_by_type: table[string] of count;
};

## How often one event's handlers ran (get_event_handler_stats).
type EventNameCounter: record {
	name: string &log; times_called: count &log;
} &log;

## Every event whose handlers ran, with its count.
type EventNameStats: vector of EventNameCounter;

## Global containers by name, with their footprints
## (global_container_footprints).
type var_sizes: table[string] of count;

## An attribute of a global, as global_ids() describes it: the attribute
## with its "&", and its expression as written back.
type script_id_attr: record { name: string; expr: string &optional; };

## The attributes of a global.
type script_id_attrs: vector of script_id_attr;

## What global_ids() tells of one global.
type script_id: record {
	## Its type, written out.
	type_name: string;
	## What kind of identifier it is: exported by its module, a constant,
	## an enum's constant, an option.
	exported: bool; constant: bool; enum_constant: bool; option_value: bool;
	## Whether it has &redef and &backend.
	redefinable: bool; broker_backend: bool;
	## Its value, if it has one, and its attributes.
	value: any &optional; attributes: script_id_attrs &optional;
};

## Globals (and "module NAME" entries) by name (global_ids).
type id_table: table[string] of script_id;

## One argument of a call in a backtrace: the parameter and its type, its
## &default if any, and what the call passed.
type call_argument: record {
	name: string; type_name: string;
	default_val: any &optional; value: any &optional;
};

## The arguments of a call.
type call_argument_vector: vector of call_argument;

## One call of the call stack (backtrace): the function, its arguments,
## and the file and line of the call.
type BacktraceElement: record {
	function_name: string; function_args: call_argument_vector;
	file_location: string &optional; line_location: count &optional;
};

## The call stack, innermost call first.
type Backtrace: vector of BacktraceElement;

## Called when an ``assert`` fails; ``break`` keeps the default error
## message from being reported.
global assertion_failure: hook(cond: string, msg: string, bt: Backtrace);

## Called with the outcome of every ``assert``; ``break`` keeps the
## default error message of a failure from being reported.
global assertion_result: hook(result: bool, cond: string, msg: string, bt: Backtrace);

## Ids of precompiled packet filters (Pcap::precompile_pcap_filter).
type PcapFilterID: enum { None };

## How anonymize_addr() maps addresses.
type IPAddrAnonymization: enum {
	KEEP_ORIG_ADDR,
	SEQUENTIALLY_NUMBERED,
	PREFIX_PRESERVING_A50,
	RANDOM_MD5,
	PREFIX_PRESERVING_MD5,
	RANDOM_SHA256,
	PREFIX_PRESERVING_SHA256,
};

## Which of the *_addr_anonymization settings anonymize_addr() follows.
type IPAddrAnonymizationClass: enum {
	ORIG_ADDR,
	RESP_ADDR,
	OTHER_ADDR,
};

## Settings of str_smith_waterman(): the shortest common substring
## reported, and whether every alignment is reported (1) or only the best.
type sw_params: record {
	min_strlen: count &default = 3; sw_variant: count &default = 0;
};

## Where a common substring occurs: the input string it is part of, and
## its position there, from 0.
type sw_align: record { str: string; index: count; };

## Where a common substring occurs, in each input.
type sw_align_vec: vector of sw_align;

## A common substring found by str_smith_waterman(): the substring, where
## it occurs, and whether it starts a new alignment.
type sw_substring: record { str: string; aligns: sw_align_vec; new: bool; };

## What str_smith_waterman() finds.
type sw_substring_vec: vector of sw_substring;

## A packet as captured, link-layer header included
## (get_current_packet, dump_packet).
type pcap_packet: record {
	## Its timestamp, in whole seconds and microseconds.
	ts_sec: count; ts_usec: count;
	## Bytes captured and bytes on the wire; the captured bytes.
	caplen: count; len: count; data: string;
	## Its link layer.
	link_type: link_encap;
};

## Where an address is (lookup_location): country code, region, city,
## latitude and longitude, as far as known.
type geo_location: record {
	country_code: string &optional; region: string &optional;
	city: string &optional;
	latitude: double &optional; longitude: double &optional;
} &log;

## The autonomous system of an address (lookup_autonomous_system): its
## number and organization.
type geo_autonomous_system: record {
	number: count &optional; organization: string &optional;
} &log;

## A MIME type and how strongly the data matched its signature (stronger
## first).
type mime_match: record { strength: int; mime: string; };

## MIME types matched, strongest first (file_magic).
type mime_matches: vector of mime_match;

## A component of a plugin category (get_plugin_components): its name, its
## name as tags spell it, the tag (CATEGORY_CANONICALNAME), and whether it
## is enabled.
type PluginComponent: record {
	name: string; canonical_name: string; tag: string; enabled: bool;
};

## Components of a plugin category.
type plugin_component_vec: vector of PluginComponent;

module EventMetadata;

export {
	## Kinds of metadata an event can carry.
	type ID: enum {
		NETWORK_TIMESTAMP = 1,
	};

	## One piece of an event's metadata.
	type Entry: record {
		id: EventMetadata::ID;	##< Its kind.
		val: any;	##< Its value, of the type registered for the kind.
	};

	## Whether remote events without a network timestamp get the local
	## one (only together with add_network_timestamp).
	const add_missing_remote_network_timestamp: bool = F &redef;
}

module Pcap;

export {
	## A capture device (Pcap::findalldevs).
	type Interface: record {
		name: string;	##< The device.
		description: string &optional;	##< What it is.
		addrs: set[addr];	##< Its addresses.
		is_loopback: bool;	##< Whether it is a loopback device.
		is_up: bool &optional;	##< Whether it is up.
		is_running: bool &optional;	##< Whether it is running.
	};

	## Capture devices.
	type Interfaces: set[Pcap::Interface];

	## How compiling a packet filter went.
	type filter_state: enum {
		ok,
		fatal,
		warning,
	};
}

module GLOBAL;

## The metadata of an event (EventMetadata::current_all).
type event_metadata_vec: vector of EventMetadata::Entry;


# Frameworks Zeek loads even in bare mode.
@load base/frameworks/broker
@load base/frameworks/input
@load base/frameworks/cluster
@load base/frameworks/config
@load base/frameworks/files
@load base/frameworks/logging/writers/none

# The analyzers' types and events.
@load base/bif/analyzers
