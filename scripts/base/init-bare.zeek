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

## A string-to-string table, as many options use.
type string_set: set[string];
type string_array: table[count] of string;
type string_vec: vector of string;
type index_vec: vector of count;
type addr_set: set[addr];
type addr_vec: vector of addr;
type subnet_set: set[subnet];
type subnet_vec: vector of subnet;
type count_set: set[count];
type port_set: set[port];
type table_string_of_string: table[string] of string;
type table_string_of_count: table[string] of count;
type any_vec: vector of any;
type files_tag_set: set[string];

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
	service: set[string];
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
const TCP_INACTIVE = 0;
const TCP_SYN_SENT = 1;
const TCP_SYN_ACK_SENT = 2;
const TCP_PARTIAL = 3;
const TCP_ESTABLISHED = 4;
const TCP_CLOSED = 5;
const TCP_RESET = 6;

## UDP endpoint states.
const UDP_INACTIVE = 0;
const UDP_ACTIVE = 1;

## Raised when rzeek first sees a connection.
global new_connection: event(c: connection);

## Raised when a TCP handshake completes.
global connection_established: event(c: connection);

## Raised when a connection is about to be forgotten; the last chance to
## look at it.
global connection_state_remove: event(c: connection);

## Raised for each packet of a connection.
global new_packet: event(c: connection, p: any);

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

## Whether rzeek runs in bare mode (-b).
const bare_mode = F &redef;

## The largest nesting of function calls before it is an error.
const max_func_recursion_depth = 1000 &redef;

module EventMetadata;

export {
	## Whether events carry the network time at which they were raised.
	const add_network_timestamp = F &redef;
}

module GLOBAL;
