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
	## The originator's address.
	orig_h: addr &log;
	## The originator's port (for ICMP, the message type).
	orig_p: port &log;
	## The responder's address.
	resp_h: addr &log;
	## The responder's port (for ICMP, the message code).
	resp_p: port &log;
	## The IP protocol number; 65535 when unknown.
	proto: count &default=65535;
	## Further context of the connection key.
	ctx: conn_id_ctx &default=conn_id_ctx();
};

## What one side of a connection has sent.
type endpoint: record {
	## Bytes of payload sent (for TCP, from sequence numbers).
	size: count;
	## The endpoint's state (TCP_* or UDP_* values).
	state: count;
	## Packets sent.
	num_pkts: count &optional;
	## Bytes sent, counted at the IP layer.
	num_bytes_ip: count &optional;
	## The IPv6 flow label of the endpoint's last packet.
	flow_label: count;
	## The link-layer address, when known.
	l2_addr: string &optional;
};

## A connection as rzeek tracks it.
type connection: record {
	## The connection's 5-tuple.
	id: conn_id;
	## The originator's side.
	orig: endpoint;
	## The responder's side.
	resp: endpoint;
	## When the first packet was seen.
	start_time: time;
	## Time between the first and the last packet.
	duration: interval;
	## The services (application protocols) found on the connection.
	service: set[string] &ordered;
	## The connection's history, one letter per state change (see conn.log).
	history: string;
	## A unique identifier of the connection.
	uid: string;
	## The outer VLAN tag, if any.
	vlan: int &optional;
	## The inner VLAN tag, if any.
	inner_vlan: int &optional;
};

## TCP endpoint states, as endpoint$state holds them.
## The endpoint has sent nothing yet.
const TCP_INACTIVE = 0;
const TCP_SYN_SENT = 1;	##< The endpoint sent a SYN and awaits the answer.
const TCP_SYN_ACK_SENT = 2;	##< The endpoint answered a SYN with a SYN-ACK.
const TCP_PARTIAL = 3;	##< Data was seen without the handshake.
const TCP_ESTABLISHED = 4;	##< The handshake completed.
const TCP_CLOSED = 5;	##< The endpoint sent a FIN.
const TCP_RESET = 6;	##< The endpoint sent a RST.

## UDP endpoint states.
## The endpoint has sent nothing.
const UDP_INACTIVE = 0;
const UDP_ACTIVE = 1;	##< The endpoint has sent at least one packet.

## Raised when rzeek first sees a connection.
global new_connection: event(c: connection);

## Raised when a TCP handshake completes.
global connection_established: event(c: connection);

## Raised when a connection is about to be forgotten; the last chance to
## look at it.
global connection_state_remove: event(c: connection);

## How long a TCP connection may be idle before it is removed.
option tcp_inactivity_timeout = 5 min;
## How long a UDP flow may be idle before it is removed.
option udp_inactivity_timeout = 1 min;
## How long an ICMP flow may be idle before it is removed.
option icmp_inactivity_timeout = 1 min;

## How often tables with expiry attributes are checked for expired entries.
const table_expire_interval = 10 secs &redef;
## How many expired entries are removed per check at most (0: no limit).
const table_expire_delay = 0.01 secs &redef;
## Entries removed per check.
const table_incremental_step = 5000 &redef;

## Keep running after the input ends, until terminate() is called.
const exit_only_after_terminate = F &redef;

## The largest nesting of function calls before it is an error.
const max_func_recursion_depth = 1000 &redef;

module EventMetadata;

export {
	## Whether events carry the network time at which they were raised.
	const add_network_timestamp = F &redef;
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
	## Whether it is ICMPv6.
	v6: bool;
	## The message type.
	itype: count;
	## The message code.
	icode: count;
	## Bytes after the ICMP header.
	len: count;
	## TTL (IPv4) or hop limit (IPv6) of the carrying packet.
	ttl: count;
};

## One option of an IPv6 hop-by-hop or destination options header.
type ip6_option: record {
	## Option type.
	otype: count;
	## Length of the data.
	len: count;
	## The data.
	data: string;
};

## A list of IPv6 options.
type ip6_options: vector of ip6_option;

## An IPv6 hop-by-hop options header.
type ip6_hopopts: record {
	## Next header.
	nxt: count;
	## Length in 8-octet units, not counting the first 8.
	len: count;
	## The options.
	options: ip6_options;
};

## An IPv6 destination options header.
type ip6_dstopts: record {
	## Next header.
	nxt: count;
	## Length in 8-octet units, not counting the first 8.
	len: count;
	## The options.
	options: ip6_options;
};

## An IPv6 routing header.
type ip6_routing: record {
	## Next header.
	nxt: count;
	## Length in 8-octet units, not counting the first 8.
	len: count;
	## The routing header's type.
	rtype: count;
	## How many route segments remain.
	segleft: count;
	## The type-specific data.
	data: string;
};

## An IPv6 fragment header.
type ip6_fragment: record {
	## Next header.
	nxt: count;
	## First reserved field.
	rsv1: count;
	## Fragment offset.
	offset: count;
	## Second reserved field.
	rsv2: count;
	## More fragments follow.
	more: bool;
	## Identification.
	id: count;
};

## An IPv6 authentication header.
type ip6_ah: record {
	## Next header.
	nxt: count;
	## Length in 4-octet units, minus 2.
	len: count;
	## Bits the protocol reserves.
	rsv: count;
	## Security parameter index.
	spi: count;
	## Sequence number (absent in a null authentication header).
	seq: count &optional;
	## Authentication data (absent in a null authentication header).
	data: string &optional;
};

## An IPv6 encapsulating security payload header.
type ip6_esp: record {
	## Security parameter index.
	spi: count;
	## The sequence number.
	seq: count;
};

## A mobility binding refresh request.
type ip6_mobility_brr: record {
	## Bits the protocol reserves.
	rsv: count;
	## Options.
	options: vector of ip6_option;
};

## A mobility home test init message.
type ip6_mobility_hoti: record {
	## Bits the protocol reserves.
	rsv: count;
	## Home init cookie.
	cookie: count;
	## Options.
	options: vector of ip6_option;
};

## A mobility care-of test init message.
type ip6_mobility_coti: record {
	## Bits the protocol reserves.
	rsv: count;
	## Care-of init cookie.
	cookie: count;
	## Options.
	options: vector of ip6_option;
};

## A mobility home test message.
type ip6_mobility_hot: record {
	## Home nonce index.
	nonce_idx: count;
	## Home init cookie.
	cookie: count;
	## Home keygen token.
	token: count;
	## Options.
	options: vector of ip6_option;
};

## A mobility care-of test message.
type ip6_mobility_cot: record {
	## Care-of nonce index.
	nonce_idx: count;
	## Care-of init cookie.
	cookie: count;
	## Care-of keygen token.
	token: count;
	## Options.
	options: vector of ip6_option;
};

## A mobility binding update.
type ip6_mobility_bu: record {
	## The sequence number.
	seq: count;
	## The acknowledge flag.
	a: bool;
	## Home registration bit.
	h: bool;
	## Link-local address compatibility bit.
	l: bool;
	## Key management mobility capability bit.
	k: bool;
	## The requested lifetime.
	life: count;
	## Options.
	options: vector of ip6_option;
};

## A mobility binding acknowledgement.
type ip6_mobility_back: record {
	## The status code.
	status: count;
	## Key management mobility capability bit.
	k: bool;
	## The sequence number.
	seq: count;
	## The requested lifetime.
	life: count;
	## Options.
	options: vector of ip6_option;
};

## A mobility binding error.
type ip6_mobility_be: record {
	## The status code.
	status: count;
	## Home address.
	hoa: addr;
	## Options.
	options: vector of ip6_option;
};

## The message of a mobility header.
type ip6_mobility_msg: record {
	## The message type.
	id: count;
	## Binding refresh request.
	brr: ip6_mobility_brr &optional;
	## Home test init.
	hoti: ip6_mobility_hoti &optional;
	## Care-of test init.
	coti: ip6_mobility_coti &optional;
	## Home test.
	hot: ip6_mobility_hot &optional;
	## Care-of test.
	cot: ip6_mobility_cot &optional;
	## Binding update.
	bu: ip6_mobility_bu &optional;
	## Binding acknowledgement.
	back: ip6_mobility_back &optional;
	## Binding error.
	be: ip6_mobility_be &optional;
};

## An IPv6 mobility header.
type ip6_mobility_hdr: record {
	## Next header.
	nxt: count;
	## Length in 8-octet units, not counting the first 8.
	len: count;
	## Message type.
	mh_type: count;
	## Bits the protocol reserves.
	rsv: count;
	## Checksum.
	chksum: count;
	## The message.
	msg: ip6_mobility_msg;
};

## One IPv6 extension header; the field named by ``id`` is set.
type ip6_ext_hdr: record {
	## The protocol number of the header.
	id: count;
	## Hop-by-hop options.
	hopopts: ip6_hopopts &optional;
	## Destination options.
	dstopts: ip6_dstopts &optional;
	## Routing.
	routing: ip6_routing &optional;
	## Fragment.
	fragment: ip6_fragment &optional;
	## Authentication.
	ah: ip6_ah &optional;
	## Encapsulating security payload.
	esp: ip6_esp &optional;
	## Mobility.
	mobility: ip6_mobility_hdr &optional;
};

## The extension headers of an IPv6 packet, in order.
type ip6_ext_hdr_chain: vector of ip6_ext_hdr;

## An IPv6 header.
type ip6_hdr: record {
	## Traffic class.
	class: count;
	## Flow label.
	flow: count;
	## Payload length.
	len: count;
	## Protocol of the first header after the fixed one.
	nxt: count;
	## Hop limit.
	hlim: count;
	## Source address.
	src: addr;
	## Destination address.
	dst: addr;
	## The extension headers.
	exts: ip6_ext_hdr_chain;
};

## An IPv4 header.
type ip4_hdr: record {
	## Header length in bytes.
	hl: count;
	## Type of service.
	tos: count;
	## Total length.
	len: count;
	## Identification.
	id: count;
	## Don't-fragment flag.
	DF: bool;
	## More-fragments flag.
	MF: bool;
	## Fragment offset.
	offset: count;
	## Time to live.
	ttl: count;
	## Protocol.
	p: count;
	## Header checksum.
	sum: count;
	## Source address.
	src: addr;
	## Destination address.
	dst: addr;
};

## TCP flag bits, as tcp_hdr$flags holds them.
## The sender has finished sending.
const TH_FIN = 1;
const TH_SYN = 2;	##< Synchronize sequence numbers: opens a connection.
const TH_RST = 4;	##< Reset: aborts the connection.
const TH_PUSH = 8;	##< Push the data to the application at once.
const TH_ACK = 16;	##< The acknowledgement number is valid.
const TH_URG = 32;	##< The urgent pointer is valid.
const TH_FLAGS = 63;	##< All the bits above together, to mask the flags.

## A TCP header.
type tcp_hdr: record {
	## Source port.
	sport: port;
	## Destination port.
	dport: port;
	## The sequence number.
	seq: count;
	## Acknowledgement number.
	ack: count;
	## Header length in bytes.
	hl: count;
	## Payload length in bytes.
	dl: count;
	## The reserved bits.
	reserved: count;
	## The flags (TH_* bits).
	flags: count;
	## Window.
	win: count;
};

## A UDP header.
type udp_hdr: record {
	## Source port.
	sport: port;
	## Destination port.
	dport: port;
	## Length, header included.
	ulen: count;
};

## An ICMP header.
type icmp_hdr: record {
	## The message type.
	icmp_type: count;
};

## The network and transport headers of a packet.
type pkt_hdr: record {
	## IPv4 header, for an IPv4 packet.
	ip: ip4_hdr &optional;
	## IPv6 header, for an IPv6 packet.
	ip6: ip6_hdr &optional;
	## TCP header, for a TCP packet.
	tcp: tcp_hdr &optional;
	## UDP header, for a UDP packet.
	udp: udp_hdr &optional;
	## ICMP header, for an ICMP packet.
	icmp: icmp_hdr &optional;
};

## The link-layer header of a packet.
type l2_hdr: record {
	## The framing.
	encap: link_encap;
	## Length of the frame on the wire.
	len: count;
	## Bytes captured.
	cap_len: count;
	## Source MAC address (Ethernet).
	src: string &optional;
	## Destination MAC address (Ethernet).
	dst: string &optional;
	## Outer VLAN id.
	vlan: count &optional;
	## Priority of the outer VLAN tag.
	vlan_pcp: count &optional;
	## Drop-eligible bit of the outer VLAN tag.
	vlan_dei: bool &optional;
	## Inner VLAN id.
	inner_vlan: count &optional;
	## Priority of the inner VLAN tag.
	inner_vlan_pcp: count &optional;
	## Drop-eligible bit of the inner VLAN tag.
	inner_vlan_dei: bool &optional;
	## The innermost Ethertype.
	eth_type: count &optional;
	## The network-layer protocol.
	proto: layer3_proto;
};

## A packet's link-layer header and everything in pkt_hdr.
type raw_pkt_hdr: record {
	## The link-layer header.
	l2: l2_hdr;
	## IPv4 header, for an IPv4 packet.
	ip: ip4_hdr &optional;
	## IPv6 header, for an IPv6 packet.
	ip6: ip6_hdr &optional;
	## TCP header, for a TCP packet.
	tcp: tcp_hdr &optional;
	## UDP header, for a UDP packet.
	udp: udp_hdr &optional;
	## ICMP header, for an ICMP packet.
	icmp: icmp_hdr &optional;
};

## Ports on which a connection's responder is likely to listen; a first
## packet sent from one of them makes its sender the responder.
const likely_server_ports: set[port] &redef;

## Bits of randomness in a connection uid (at most 128).
const bits_per_uid: count = 96 &redef;

## Ignore bad checksums (as -C does).
const ignore_checksums = F &redef;

## Track TCP connections whose handshake was not seen.
const partial_connection_ok = T &redef;

## Track TCP connections that begin with a SYN-ACK.
const tcp_SYN_ack_ok = T &redef;

## How long a connection that has only seen a SYN is kept.
const tcp_SYN_timeout = 5 secs &redef;

## How long a half-closed TCP connection is kept after its last activity.
const tcp_session_timer = 6 secs &redef;

## How long a closed TCP connection lingers.
const tcp_connection_linger = 5 secs &redef;

## How long an unanswered SYN waits before connection_attempt.
const tcp_attempt_delay = 5 secs &redef;

## How long a closed TCP connection is kept before it is removed.
const tcp_close_delay = 5 secs &redef;

## How long a reset TCP connection is kept before it is removed.
const tcp_reset_delay = 5 secs &redef;

## How long to wait for the other side after a one-sided close.
const tcp_partial_close_delay = 3 secs &redef;

## How long a connection of another IP protocol may be idle.
const unknown_ip_inactivity_timeout = 1 min &redef;

## How long fragments wait for the rest of their packet.
const frag_timeout = 5 min &redef;

## Retransmissions within a storm before a weird is reported.
const tcp_storm_thresh = 1000 &redef;

## The largest gap between retransmissions of a storm.
const tcp_storm_interarrival_thresh = 1 sec &redef;

module Weird;

export {
	## Weirds of these names are always reported.
	const sampling_whitelist: set[string] &redef;
	## Weirds of these names are sampled across all flows together.
	const sampling_global_list: set[string] &redef;
	## How many weirds of one name (per connection, flow or in total)
	## are reported before sampling starts.
	const sampling_threshold: count = 25 &redef;
	## After the threshold, one in this many is reported.
	const sampling_rate: count = 1000 &redef;
	## After this long the count of a name starts over.
	const sampling_duration = 10 min &redef;
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

module GLOBAL;

## Connection and packet counts, as get_conn_stats reports them.
type ConnStats: record {
	total_conns: count;	##< Connections made so far.
	current_conns: count;	##< Connections tracked now.
	sess_current_conns: count;	##< Sessions tracked now.

	num_packets: count;	##< Packets read.
	num_fragments: count;	##< IP datagrams waiting for fragments.
	max_fragments: count;	##< The most that ever waited at once.

	num_tcp_conns: count;	##< TCP connections tracked now.
	max_tcp_conns: count;	##< The most tracked at once.
	cumulative_tcp_conns: count;	##< All TCP connections so far.

	num_udp_conns: count;	##< UDP flows tracked now.
	max_udp_conns: count;	##< The most tracked at once.
	cumulative_udp_conns: count;	##< All UDP flows so far.

	num_icmp_conns: count;	##< ICMP flows tracked now.
	max_icmp_conns: count;	##< The most tracked at once.
	cumulative_icmp_conns: count;	##< All ICMP flows so far.

	num_packets_unprocessed: count;	##< Packets no analyzer could finish.

	killed_by_inactivity: count;	##< Connections dropped for idling.
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

## Raised when a TCP originator sent a SYN and no answer came within
## tcp_attempt_delay.
global connection_attempt: event(c: connection);

## Raised for a TCP connection whose handshake was not seen, once both sides
## have sent something.
global partial_connection: event(c: connection);

## Raised when both sides of a TCP connection closed it with FINs.
global connection_finished: event(c: connection);

## Raised when one side of a TCP connection closed it and the other side
## never sent anything.
global connection_half_finished: event(c: connection);

## Raised when one side of an established TCP connection reset it.
global connection_reset: event(c: connection);

## Raised when a responder answered a SYN with a RST.
global connection_rejected: event(c: connection);

## Raised when one side of a TCP connection closed it and the other stayed
## silent for tcp_partial_close_delay.
global connection_partial_close: event(c: connection);

## Raised at the end of input for each TCP connection still active.
global connection_pending: event(c: connection);

## Raised when a TCP connection is removed for lack of activity.
global connection_timeout: event(c: connection);

## Raised for the first ACK of a TCP connection's originator after its SYN.
global connection_first_ACK: event(c: connection);

## Raised when rzeek swapped the originator and responder of a connection.
global connection_flipped: event(c: connection);

## Raised when a SYN reuses the 5-tuple of a connection still tracked; the
## old connection is removed and a new one begins.
global connection_reused: event(c: connection);

## Raised for each UDP packet from the originator.
##
## u: the connection.
global udp_request: event(u: connection);

## Raised for each UDP packet from the responder.
##
## u: the connection.
global udp_reply: event(u: connection);

## Raised for an ICMP echo request.
##
## c: the connection.
## info: the message.
## id: the echo identifier.
## seq: the echo sequence number.
## payload: the data after the ICMP header.
global icmp_echo_request: event(c: connection, info: icmp_info, id: count, seq: count, payload: string);

## Raised for an ICMP echo reply; arguments as icmp_echo_request.
global icmp_echo_reply: event(c: connection, info: icmp_info, id: count, seq: count, payload: string);

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

## What rotate_file() and rotate_file_by_name() return.
type rotate_info: record {
	## The file's original name.
	old_name: string;
	## The name it was moved to.
	new_name: string;
	## When it was opened.
	open: time;
	## When it was closed.
	close: time;
};

## What entropy_test_finish() and find_entropy() return.
type entropy_test_result: record {
	## Entropy per byte.
	entropy: double;
	## The chi-square statistic.
	chi_square: double;
	## The arithmetic mean of the bytes.
	mean: double;
	## Monte Carlo estimate of pi.
	monte_carlo_pi: double;
	## Serial correlation coefficient.
	serial_correlation: double;
};

## What from_json() returns.
type from_json_result: record {
	## The parsed value.
	v: any &optional;
	## Whether parsing succeeded.
	valid: bool;
};

## One field of a record type, as record_fields() describes it.
type record_field: record {
	## The field's type, as type_name() spells it.
	type_name: string;
	## Whether the field has the &log attribute.
	log: bool;
	## The field's value, when a record value was given.
	value: any &optional;
	## The field's &default value, if it has one.
	default_val: any &optional;
	## Whether the field has the &optional attribute.
	optional: bool;
};

## The fields of a record type, by name.
type record_field_table: table[string] of record_field;

## Raised for each packet of a connection that carries a transport payload.
##
## c: the connection.
## contents: the payload.
global packet_contents: event(c: connection, contents: string);

## Raised for the payload of UDP packets selected by the udp_content_*
## settings.
##
## u: the connection.
## is_orig: whether the originator sent it.
## contents: the payload.
global udp_contents: event(u: connection, is_orig: bool, contents: string);

## UDP ports (either side) whose payloads go to udp_contents.
option udp_content_ports: set[port] = {};

## Whether udp_content_delivery_ports_orig/resp are looked up with the
## connection's responder port instead of the packet's destination port.
option udp_content_delivery_ports_use_resp = F;

## Destination ports whose originator payloads go to udp_contents.
const udp_content_delivery_ports_orig: table[port] of bool = {} &redef;

## Destination ports whose responder payloads go to udp_contents.
const udp_content_delivery_ports_resp: table[port] of bool = {} &redef;

## Every originator payload goes to udp_contents.
const udp_content_deliver_all_orig = F &redef;

## Every responder payload goes to udp_contents.
const udp_content_deliver_all_resp = F &redef;

## An FTP data-channel endpoint, as the PORT/EPRT and PASV/EPSV parsing
## built-ins return it.
type ftp_port: record {
	## The host.
	h: addr;
	## The port.
	p: port;
	## Whether the text parsed cleanly.
	valid: bool;
};

## Where packets come from, as packet_source() describes it.
type PacketSource: record {
	## Whether it is a live interface rather than a file.
	live: bool;
	## The file or interface name.
	path: string;
	## The libpcap link-layer type.
	link_type: int;
	## The interface's netmask (all ones when unknown, as for files).
	netmask: count;
};

module Analyzer;

export {
	## The protocol analyzers, named as Analyzer::name() returns them
	## without the ANALYZER_ prefix.
	type Tag: enum {
		ANALYZER_AYIYA,
		ANALYZER_BITTORRENT,
		ANALYZER_BITTORRENTTRACKER,
		ANALYZER_CONNSIZE,
		ANALYZER_DCE_RPC,
		ANALYZER_DHCP,
		ANALYZER_DNP3_TCP,
		ANALYZER_DNP3_UDP,
		ANALYZER_CONTENTS_DNS,
		ANALYZER_DNS,
		ANALYZER_FINGER,
		ANALYZER_FTP,
		ANALYZER_FTP_ADAT,
		ANALYZER_FTP_DATA,
		ANALYZER_GNUTELLA,
		ANALYZER_GSSAPI,
		ANALYZER_GTPV1,
		ANALYZER_HTTP,
		ANALYZER_ICMP,
		ANALYZER_IDENT,
		ANALYZER_IMAP,
		ANALYZER_IRC,
		ANALYZER_IRC_DATA,
		ANALYZER_KRB,
		ANALYZER_KRB_TCP,
		ANALYZER_CONTENTS_RLOGIN,
		ANALYZER_CONTENTS_RSH,
		ANALYZER_LOGIN,
		ANALYZER_NVT,
		ANALYZER_RLOGIN,
		ANALYZER_RSH,
		ANALYZER_TELNET,
		ANALYZER_MODBUS,
		ANALYZER_MQTT,
		ANALYZER_MYSQL,
		ANALYZER_CONTENTS_NCP,
		ANALYZER_NCP,
		ANALYZER_CONTENTS_NETBIOSSSN,
		ANALYZER_NETBIOSSSN,
		ANALYZER_NTLM,
		ANALYZER_NTP,
		ANALYZER_PIA_TCP,
		ANALYZER_PIA_UDP,
		ANALYZER_POP3,
		ANALYZER_RADIUS,
		ANALYZER_RDP,
		ANALYZER_RDPEUDP,
		ANALYZER_RFB,
		ANALYZER_CONTENTS_NFS,
		ANALYZER_CONTENTS_RPC,
		ANALYZER_MOUNT,
		ANALYZER_NFS,
		ANALYZER_PORTMAPPER,
		ANALYZER_SIP,
		ANALYZER_CONTENTS_SMB,
		ANALYZER_SMB,
		ANALYZER_SMTP,
		ANALYZER_SNMP,
		ANALYZER_SOCKS,
		ANALYZER_SSH,
		ANALYZER_DTLS,
		ANALYZER_SSL,
		ANALYZER_STEPPINGSTONE,
		ANALYZER_SYSLOG,
		ANALYZER_TCPSTATS,
		ANALYZER_CONTENTS,
		ANALYZER_TCP,
		ANALYZER_TEREDO,
		ANALYZER_UDP,
		ANALYZER_VXLAN,
		ANALYZER_XMPP,
		ANALYZER_ZIP
	};
}

module PacketAnalyzer;

export {
	## The analyzers of the packet layer: link layers, encapsulations and
	## the network and transport protocols a packet passes through.
	type Tag: enum {
		ANALYZER_ARP,
		ANALYZER_AYIYA,
		ANALYZER_ETHERNET,
		ANALYZER_FDDI,
		ANALYZER_GENEVE,
		ANALYZER_GRE,
		ANALYZER_GTPV1,
		ANALYZER_ICMP,
		ANALYZER_IEEE802_11,
		ANALYZER_IEEE802_11_RADIO,
		ANALYZER_IP,
		ANALYZER_IPTUNNEL,
		ANALYZER_LINUXSLL,
		ANALYZER_LINUXSLL2,
		ANALYZER_LLC,
		ANALYZER_MPLS,
		ANALYZER_NFLOG,
		ANALYZER_NOVELL_802_3,
		ANALYZER_NULL,
		ANALYZER_PBB,
		ANALYZER_PPP,
		ANALYZER_PPP_SERIAL,
		ANALYZER_PPPOE,
		ANALYZER_ROOT,
		ANALYZER_SKIP,
		ANALYZER_SNAP,
		ANALYZER_TCP,
		ANALYZER_TEREDO,
		ANALYZER_UDP,
		ANALYZER_VLAN,
		ANALYZER_VNTAG,
		ANALYZER_VXLAN
	};
}

module GLOBAL;

## Salt of the keyed hashes whose values should be the same on every
## run and every node of a deployment, such as file ids.
const digest_salt = "Please change this value." &redef;

## How an HTTP message went, as http_message_done reports it.
type http_message_stat: record {
	## When the message's first line was seen.
	start: time;
	## Whether the message was cut short.
	interrupted: bool;
	## Why it ended, when it was cut short.
	finish_msg: string;
	## Bytes of the body (after undoing chunked transfer encoding).
	body_length: count;
	## Bytes of the body missing from the capture.
	content_gap_length: count;
	## Bytes of the first line and the headers.
	header_length: count;
};

## An HTTP request line: the method, the target as sent, the target with
## %-escapes decoded, and the version ("1.1").
global http_request: event(c: connection, method: string, original_URI: string, unescaped_URI: string, version: string);
## An HTTP status line: the version, the status code and the reason.
global http_reply: event(c: connection, version: string, code: count, reason: string);
## An HTTP header: the name as sent, the name in capitals, the value.
global http_header: event(c: connection, is_orig: bool, original_name: string, name: string, value: string);
## A message's entity starts (before its headers).
global http_begin_entity: event(c: connection, is_orig: bool);
## A message's entity ends (after its body).
global http_end_entity: event(c: connection, is_orig: bool);
## Body bytes of an entity.
global http_entity_data: event(c: connection, is_orig: bool, length: count, data: string);
## A request or a reply is complete.
global http_message_done: event(c: connection, is_orig: bool, stat: http_message_stat);

## What file analysis knows of a file's content type.
type fa_metadata: record {
	## The likeliest MIME type.
	mime_type: string &optional;
	## Whether the type was inferred from the content.
	inferred: bool &default=T;
};

## A file seen in network traffic.
type fa_file: record {
	## The file's unique id.
	id: string;
	## The id of the file this one was extracted from.
	parent_id: string &optional;
	## The analyzer that found it ("HTTP").
	source: string;
	## Whether the originator sent it.
	is_orig: bool &optional;
	## The connections that carried it.
	conns: table[conn_id] of connection &optional;
	## When data of the file was last seen.
	last_active: time;
	## Bytes seen so far.
	seen_bytes: count &default=0;
	## The size announced, if any.
	total_bytes: count &optional;
	## Bytes missed.
	missing_bytes: count &default=0;
	## Bytes that arrived out of order beyond the reassembly buffer.
	overflow_bytes: count &default=0;
	## Idle time after which the file is given up on.
	timeout_interval: interval &default=2 mins;
	## How many leading bytes are kept for type detection.
	bof_buffer_size: count &default=4096;
	## The leading bytes.
	bof_buffer: string &optional;
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

## Counters of the packet source (get_net_stats).
type NetStats: record {
	pkts_recvd: count &default=0;	##< Packets read.
	pkts_dropped: count &default=0;	##< Packets the capture dropped.
	pkts_link: count &default=0;	##< Packets on the link, where known.
	bytes_recvd: count &default=0;	##< Bytes read.
	pkts_filtered: count &optional;	##< Packets a capture filter took out.
};

## Resource use of the process (get_proc_stats).
type ProcStats: record {
	debug: bool;	##< Whether this is a debugging build.
	start_time: time;	##< When the process started.
	real_time: interval;	##< Wall-clock time since then.
	user_time: interval;	##< CPU time in user mode.
	system_time: interval;	##< CPU time in the kernel.
	mem: count;	##< Largest resident size, in bytes.
	minor_faults: count;	##< Page faults served without I/O.
	major_faults: count;	##< Page faults that needed I/O.
	num_swap: count;	##< Times swapped out.
	blocking_input: count;	##< Block input operations.
	blocking_output: count;	##< Block output operations.
	num_context: count;	##< Involuntary context switches.
};

## Events queued and run so far (get_event_stats).
type EventStats: record {
	queued: count;	##< Events queued.
	dispatched: count;	##< Events run.
};

## Memory held by reassembly, by kind (get_reassembler_stats).
type ReassemblerStats: record {
	file_size: count;	##< Bytes held for files.
	frag_size: count;	##< Bytes held for IP fragments.
	tcp_size: count;	##< Bytes held for TCP streams.
	unknown_size: count;	##< Bytes held for anything else.
};

## What the regular-expression matchers hold (get_matcher_stats,
## table_pattern_matcher_stats).
type MatcherStats: record {
	matchers: count;	##< Distinct matchers.
	nfa_states: count;	##< NFA states of all of them.
	dfa_states: count;	##< DFA states of all of them.
	computed: count;	##< DFA transitions computed.
	mem: count;	##< Bytes the DFA states take.
	hits: count;	##< Transition cache hits.
	misses: count;	##< Transition cache misses.
};

## Timers pending and set so far (get_timer_stats).
type TimerStats: record {
	current: count;	##< Timers pending now.
	max: count;	##< The most pending at once.
	cumulative: count;	##< Timers set in all.
};

## Files being analyzed (get_file_analysis_stats).
type FileAnalysisStats: record {
	current: count;	##< Files analyzed now.
	max: count;	##< The most at once.
	cumulative: count;	##< Files analyzed in all.
};

## The DNS lookups the process itself made (get_dns_stats).
type DNSStats: record {
	requests: count;	##< Lookups asked for.
	successful: count;	##< Lookups answered.
	failed: count;	##< Lookups that failed.
	pending: count;	##< Lookups not answered yet.
	cached_hosts: count;	##< Host names cached.
	cached_addresses: count;	##< Addresses cached.
	cached_texts: count;	##< TXT answers cached.
	cached_total: count;	##< Everything cached.
};

## Acknowledged TCP data and the gaps in it (get_gap_stats).
type GapStats: record {
	ack_events: count;	##< Acknowledgements that could have shown a gap.
	ack_bytes: count;	##< Bytes they covered.
	gap_events: count;	##< Acknowledgements that did.
	gap_bytes: count;	##< Bytes missing in those gaps.
};

## Threads of the process (get_thread_stats).
type ThreadStats: record {
	num_threads: count;	##< Threads besides the main one.
};

## Broker communication (get_broker_stats).
type BrokerStats: record {
	num_peers: count;	##< Peers connected.
	num_stores: count;	##< Data stores open.
	num_pending_queries: count;	##< Store queries waiting.
	num_events_incoming: count;	##< Events received.
	num_events_outgoing: count;	##< Events sent.
	num_logs_incoming: count;	##< Log records received.
	num_logs_outgoing: count;	##< Log records sent.
	num_ids_incoming: count;	##< Identifier updates received.
	num_ids_outgoing: count;	##< Identifier updates sent.
};

## Weirds seen, before sampling (get_reporter_stats).
type ReporterStats: record {
	weirds: count;	##< Weirds in all.
	weirds_by_type: table[string] of count;	##< Weirds per name.
};

## How often one event's handlers ran (get_event_handler_stats).
type EventNameCounter: record {
	name: string &log;	##< The event.
	times_called: count &log;	##< Times its handlers ran.
} &log;

## Every event whose handlers ran, with its count.
type EventNameStats: vector of EventNameCounter;

## Global containers by name, with their footprints
## (global_container_footprints).
type var_sizes: table[string] of count;

## An attribute of a global, as global_ids() describes it.
type script_id_attr: record {
	name: string;	##< The attribute, with its "&".
	expr: string &optional;	##< Its expression, as written back.
};

## The attributes of a global.
type script_id_attrs: vector of script_id_attr;

## What global_ids() tells of one global.
type script_id: record {
	type_name: string;	##< Its type, written out.
	exported: bool;	##< Whether its module exports it.
	constant: bool;	##< Whether it is a constant.
	enum_constant: bool;	##< Whether it is an enum's constant.
	option_value: bool;	##< Whether it is an option.
	redefinable: bool;	##< Whether it has &redef.
	broker_backend: bool;	##< Whether it has &backend.
	value: any &optional;	##< Its value, if it has one.
	attributes: script_id_attrs &optional;	##< Its attributes.
};

## Globals (and "module NAME" entries) by name (global_ids).
type id_table: table[string] of script_id;

## One argument of a call in a backtrace.
type call_argument: record {
	name: string;	##< The parameter.
	type_name: string;	##< Its type.
	default_val: any &optional;	##< Its &default, if any.
	value: any &optional;	##< What the call passed.
};

## The arguments of a call.
type call_argument_vector: vector of call_argument;

## One call of the call stack (backtrace).
type BacktraceElement: record {
	function_name: string;	##< The function called.
	function_args: call_argument_vector;	##< Its arguments.
	file_location: string &optional;	##< The file of the call.
	line_location: count &optional;	##< The line of the call.
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

## Settings of str_smith_waterman().
type sw_params: record {
	min_strlen: count &default = 3;	##< Shortest common substring reported.
	sw_variant: count &default = 0;	##< 1: every alignment; else the best one only.
};

## Where a common substring occurs.
type sw_align: record {
	str: string;	##< The input string it is part of.
	index: count;	##< Its position there, from 0.
};

## Where a common substring occurs, in each input.
type sw_align_vec: vector of sw_align;

## A common substring found by str_smith_waterman().
type sw_substring: record {
	str: string;	##< The substring.
	aligns: sw_align_vec;	##< Where it occurs.
	new: bool;	##< Whether it starts a new alignment.
};

## What str_smith_waterman() finds.
type sw_substring_vec: vector of sw_substring;

## A packet as captured, link-layer header included
## (get_current_packet, dump_packet).
type pcap_packet: record {
	ts_sec: count;	##< Whole seconds of its timestamp.
	ts_usec: count;	##< Microseconds of its timestamp.
	caplen: count;	##< Bytes captured.
	len: count;	##< Bytes on the wire.
	data: string;	##< The bytes captured.
	link_type: link_encap;	##< Its link layer.
};

## Where an address is (lookup_location).
type geo_location: record {
	country_code: string &optional;	##< Country code.
	region: string &optional;	##< Region.
	city: string &optional;	##< City.
	latitude: double &optional;	##< Latitude.
	longitude: double &optional;	##< Longitude.
} &log;

## The autonomous system of an address (lookup_autonomous_system).
type geo_autonomous_system: record {
	number: count &optional;	##< AS number.
	organization: string &optional;	##< Its organization.
} &log;

## A MIME type and how strongly the data matched its signature.
type mime_match: record {
	strength: int;	##< Strength of the match; stronger first.
	mime: string;	##< The MIME type.
};

## MIME types matched, strongest first (file_magic).
type mime_matches: vector of mime_match;

## A component of a plugin category (get_plugin_components).
type PluginComponent: record {
	name: string;	##< Its name.
	canonical_name: string;	##< Its name as tags spell it.
	tag: string;	##< CATEGORY_CANONICALNAME.
	enabled: bool;	##< Whether it is enabled.
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
	const add_missing_remote_network_timestamp = F &redef;
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
