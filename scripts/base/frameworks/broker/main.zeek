##! The Broker framework's interface.
##!
##! rzeek runs as one process with Zeek's default cluster backend, "none":
##! it has no Broker endpoint to listen or peer with. Publishing succeeds
##! and goes nowhere (as in Zeek with no peer), subscriptions are recorded,
##! and :zeek:see:`Broker::listen` and :zeek:see:`Broker::peer` stop with a
##! runtime error that says rzeek cannot do it yet.
##!
##! The functions declared here are built into rzeek; this script gives
##! their parameters, defaults and documentation.

## The queue of messages waiting for one peer.
type BrokerPeeringStats: record {
	## Messages waiting now.
	num_queued: count;
	## The most that waited within the last
	## :zeek:see:`Broker::buffer_stats_reset_interval`.
	max_queued_recently: count;
	## How often the queue overflowed.
	num_overflows: count;
};

## The queues of every peer, by the peer's id.
type BrokerPeeringStatsTable: table[string] of BrokerPeeringStats;

module Broker;

export {
	# -- Endpoints and peerings -----------------------------------------

	## Where an endpoint can be reached.
	type NetworkInfo: record {
		address: string &log;	##< Its address.
		bound_port: port &log;	##< Its port.
	};

	## An endpoint: its id and, if known, where it is.
	type EndpointInfo: record {
		id: string;	##< The endpoint's unique id.
		network: NetworkInfo &optional;	##< Where it is.
	};

	## Where a peering stands.
	type PeerStatus: enum {
		INITIALIZING,	##< Being set up.
		CONNECTING,	##< Trying to reach the peer.
		CONNECTED,	##< Reached, not yet peered.
		PEERED,	##< Messages flow.
		DISCONNECTED,	##< Gone.
		RECONNECTING,	##< Trying again.
	};

	## One peering.
	type PeerInfo: record {
		peer: EndpointInfo;	##< Who the peer is.
		status: PeerStatus;	##< Where the peering stands.
		is_outbound: bool;	##< Whether this side opened it.
	};

	## Every peering.
	type PeerInfos: vector of PeerInfo;

	## The address to listen on; taken from the environment variable
	## ZEEK_DEFAULT_LISTEN_ADDRESS (empty means every address).
	const default_listen_address = getenv("ZEEK_DEFAULT_LISTEN_ADDRESS") &redef;
	## The port Broker listens on unless told otherwise.
	const default_port = 9999/tcp &redef;
	## How long to wait before trying again to listen, after a failure.
	const default_listen_retry = 1sec &redef;
	## How long to wait between attempts to reach a peer.
	const default_connect_retry = 1sec &redef;

	## Listens for peers on an address and port; gives the port bound,
	## or 0/tcp. rzeek has no Broker endpoint: this is a runtime error.
	global listen: function(a: string &default = default_listen_address,
	                        p: port &default = default_port,
	                        retry: interval &default = default_listen_retry): port;

	## Peers with the endpoint at an address and port, retrying every
	## `retry`. rzeek has no Broker endpoint: this is a runtime error.
	global peer: function(a: string, p: port &default=default_port,
	                      retry: interval &default=default_connect_retry): bool;

	## Ends a peering; F when there was none.
	global unpeer: function(a: string, p: port): bool;

	## Whether the peering with an address and port was opened from here.
	global is_outbound_peering: function(a: string, p: port): bool;

	## The peerings there are.
	global peers: function(): vector of PeerInfo;

	## This endpoint's unique id.
	global node_id: function(): string;

	## A peering was established.
	global peer_added: event(endpoint: EndpointInfo, msg: string);
	## A peering was ended by this side.
	global peer_removed: event(endpoint: EndpointInfo, msg: string);
	## A peering was lost.
	global peer_lost: event(endpoint: EndpointInfo, msg: string);
	## An endpoint was found.
	global endpoint_discovered: event(endpoint: EndpointInfo, msg: string);
	## An endpoint can no longer be reached.
	global endpoint_unreachable: event(endpoint: EndpointInfo, msg: string);
	## Something about a peering changed.
	global status: event(endpoint: EndpointInfo, msg: string);

	# -- TLS ------------------------------------------------------------

	## Whether peerings go without TLS.
	const disable_ssl = F &redef;
	## This endpoint's TLS certificate.
	const ssl_certificate = "" &redef;
	## This endpoint's TLS private key.
	const ssl_keyfile = "" &redef;
	## The passphrase of :zeek:see:`Broker::ssl_keyfile`.
	const ssl_passphrase = "" &redef;
	## File of CA certificates for TLS peerings.
	const ssl_cafile = "" &redef;
	## Directory of CA certificates for TLS peerings.
	const ssl_capath = "" &redef;

	# -- Messages and topics --------------------------------------------

	## A value in Broker's data model.
	type Data: record {
		data: opaque of Broker::Data &optional;	##< The value.
	};

	## A sequence of Broker values.
	type DataVector: vector of Broker::Data;

	## A key and its value, from a Broker table.
	type TableItem : record {
		key: Broker::Data;	##< The key.
		val: Broker::Data;	##< The value.
	};

	## An event made ready to send (:zeek:see:`Broker::make_event`).
	type Event: record {
		name: string &optional;	##< The event's name.
		args: DataVector;	##< Its arguments.
	};

	## Receives the messages whose topic starts with `topic_prefix`.
	global subscribe: function(topic_prefix: string): bool;

	## Stops receiving the messages of a prefix given to
	## :zeek:see:`Broker::subscribe`; F if it was not.
	global unsubscribe: function(topic_prefix: string): bool;

	## Passes on to peers the messages of a topic prefix.
	global forward: function(topic_prefix: string): bool;

	## Sends a global's value to the peers subscribed to `topic`.
	global publish_id: function(topic: string, id: string): bool;

	## Whether messages received from one peer are passed on to others.
	const forward_messages = F &redef;

	# -- Logs sent to peers ---------------------------------------------

	## The start of the topic a log stream's entries are sent under.
	const default_log_topic_prefix = "zeek/logs/" &redef;

	## The topic of a log stream's entries: the prefix, then the stream.
	function default_log_topic(id: Log::ID, path: string): string
		{
		return fmt("%s%s", default_log_topic_prefix, id);
		}

	## The function that names the topic of each log write.
	const log_topic: function(id: Log::ID, path: string): string = default_log_topic &redef;

	## How many log entries are sent to peers at once.
	const log_batch_size = 400 &redef;
	## The longest a log entry waits before its batch is sent.
	const log_batch_interval = 1sec &redef;

	## Sends the log entries waiting for their batch; gives how many.
	global flush_logs: function(): count;

	# -- Queues ---------------------------------------------------------

	## Messages queued for one peer before the overflow policy applies.
	const peer_buffer_size = 8192 &redef;
	## What to do when a peer's queue is full: "disconnect",
	## "drop_newest" or "drop_oldest".
	const peer_overflow_policy = "drop_oldest" &redef;
	## How often the "queued recently" statistic starts over.
	const buffer_stats_reset_interval = 1min &redef;

	## The queue statistics of each peering, by peer id.
	global peering_stats: function(): table[string] of BrokerPeeringStats;

	## Whether an open peering keeps the process running after its
	## input ends.
	option peer_counts_as_iosource = T;

	# -- Broker's threads -----------------------------------------------

	## Threads Broker may run.
	const max_threads = 1 &redef;
	## Broker's scheduler policy, "sharing" or "stealing".
	const scheduler_policy = "sharing" &redef;

	# Tuning of the stealing scheduler: how often it polls, how long it
	# sleeps, how it backs off.

	## Polls while aggressive.
	const aggressive_polls = 5 &redef;
	## Polls while moderate.
	const moderate_polls = 5 &redef;
	## Sleep while moderate.
	const moderate_sleep = 16 msec &redef;
	## Sleep while relaxed.
	const relaxed_sleep = 64 msec &redef;
	## Steal interval while aggressive.
	const aggressive_interval = 4 &redef;
	## Steal interval while moderate.
	const moderate_interval = 2 &redef;
	## Steal interval while relaxed.
	const relaxed_interval = 1 &redef;

	# -- Diagnostics ----------------------------------------------------

	## How severe one of Broker's own log messages is.
	type LogSeverityLevel: enum {
		LOG_CRITICAL,	##< A fatal problem.
		LOG_ERROR,	##< An error.
		LOG_WARNING,	##< Something that may be wrong.
		LOG_INFO,	##< Worth knowing.
		LOG_VERBOSE,	##< Detail.
		LOG_DEBUG,	##< For debugging Broker.
	};

	## Broker messages this severe and above go to broker.log.
	const log_severity_level = LOG_WARNING &redef;
	## Broker messages this severe and above go to standard error.
	const log_stderr_severity_level = LOG_CRITICAL &redef;

	## One of Broker's own log messages.
	global internal_log_event: event(lvl: LogSeverityLevel, id: string, description: string);

	## What went wrong, in a :zeek:see:`Broker::error` event.
	type ErrorCode: enum {
		UNSPECIFIED = 1,	##< No more detail.
		PEER_INCOMPATIBLE = 2,	##< The peer speaks another version.
		PEER_INVALID = 3,	##< No such peer.
		PEER_UNAVAILABLE = 4,	##< The peer cannot be reached.
		PEER_DISCONNECT_DURING_HANDSHAKE = 5,	##< The peer left while connecting.
		PEER_TIMEOUT = 6,	##< The peer did not answer in time.
		MASTER_EXISTS = 7,	##< A data store master of that name exists.
		NO_SUCH_MASTER = 8,	##< No data store master of that name.
		NO_SUCH_KEY = 9,	##< The key is not in the store.
		REQUEST_TIMEOUT = 10,	##< A store request took too long.
		TYPE_CLASH = 11,	##< An operation on data of the wrong type.
		INVALID_DATA = 12,	##< Data that cannot be used.
		BACKEND_FAILURE = 13,	##< A store backend failed.
		STALE_DATA = 14,	##< A clone's data is too old.
		CAF_ERROR = 100	##< An error of the actor library below Broker.
	};

	## Something went wrong.
	global error: event(code: ErrorCode, msg: string);
}
