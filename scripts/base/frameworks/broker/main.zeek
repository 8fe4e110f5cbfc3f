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

## The queue of messages waiting for one peer: how many wait now, the most
## that waited within the last :zeek:see:`Broker::buffer_stats_reset_interval`,
## and how often it overflowed.
type BrokerPeeringStats: record {
	num_queued: count; max_queued_recently: count; num_overflows: count;
};

## The queues of every peer, by the peer's id.
type BrokerPeeringStatsTable: table[string] of BrokerPeeringStats;

module Broker;

export {
	# -- Endpoints and peerings -----------------------------------------

	## Where an endpoint can be reached: address and port.
	type NetworkInfo: record { address: string &log; bound_port: port &log; };

	## An endpoint: its unique id and, if known, where it is.
	type EndpointInfo: record { id: string; network: NetworkInfo &optional; };

	## Where a peering stands: being set up, trying to reach the peer,
	## reached but not yet peered, peered (messages flow), gone, or trying
	## again.
	type PeerStatus: enum {
		INITIALIZING, CONNECTING, CONNECTED, PEERED,
		DISCONNECTED, RECONNECTING,
	};

	## One peering: who the peer is, where the peering stands, and whether
	## this side opened it.
	type PeerInfo: record {
		peer: EndpointInfo; status: PeerStatus; is_outbound: bool;
	};

	## Every peering.
	type PeerInfos: vector of PeerInfo;

	## The address to listen on; taken from the environment variable
	## ZEEK_DEFAULT_LISTEN_ADDRESS (empty means every address).
	const default_listen_address: string = getenv("ZEEK_DEFAULT_LISTEN_ADDRESS") &redef;
	## The port Broker listens on unless told otherwise.
	const default_port: port = 9999/tcp &redef;
	## How long to wait before trying again to listen, after a failure.
	const default_listen_retry: interval = 1sec &redef;
	## How long to wait between attempts to reach a peer.
	const default_connect_retry: interval = 1sec &redef;

	## Listens for peers on an address and port; gives the port bound,
	## or 0/tcp. rzeek has no Broker endpoint: this is a runtime error.
	global listen: function(a: string &default = default_listen_address,
		p: port &default = default_port,
		retry: interval &default = default_listen_retry): port;

	## Peers with the endpoint at an address and port, retrying every
	## ``retry``. rzeek has no Broker endpoint: this is a runtime error.
	global peer: function(a: string,
		p: port &default=default_port,
		retry: interval &default=default_connect_retry): bool;

	## Ends the peering with an address and port; F when there was none.
	global unpeer: function(a: string, p: port): bool;
	## Whether the peering with an address and port was opened from here.
	global is_outbound_peering: function(a: string, p: port): bool;

	## The peerings there are.
	global peers: function(): vector of PeerInfo;
	## This endpoint's unique id.
	global node_id: function(): string;

	# The events about peerings and endpoints all carry the endpoint
	# concerned and a message.

	## A peering was established.
	global peer_added: event(endpoint: EndpointInfo, msg: string);
	## This side ended a peering.
	global peer_removed: event(endpoint: EndpointInfo, msg: string);
	## A peering went away without this side ending it.
	global peer_lost: event(endpoint: EndpointInfo, msg: string);
	## An endpoint was found.
	global endpoint_discovered: event(endpoint: EndpointInfo, msg: string);
	## An endpoint can no longer be reached.
	global endpoint_unreachable: event(endpoint: EndpointInfo, msg: string);
	## Anything else about a peering changed.
	global status: event(endpoint: EndpointInfo, msg: string);

	# -- TLS ------------------------------------------------------------

	## Whether peerings go without TLS.
	const disable_ssl: bool = F &redef;
	## The file holding this endpoint's certificate.
	const ssl_certificate: string = "" &redef;
	## The file holding its private key.
	const ssl_keyfile: string = "" &redef;
	## What unlocks that key, if anything.
	const ssl_passphrase: string = "" &redef;
	## A file of CA certificates to check peers with.
	const ssl_cafile: string = "" &redef;
	## A directory of CA certificates to check peers with.
	const ssl_capath: string = "" &redef;

	# -- Messages and topics --------------------------------------------

	## A value in Broker's data model.
	type Data: record { data: opaque of Broker::Data &optional; };

	## A sequence of Broker values.
	type DataVector: vector of Broker::Data;

	## A key and its value, from a Broker table.
	type TableItem: record { key: Broker::Data; val: Broker::Data; };

	## An event made ready to send (:zeek:see:`Broker::make_event`): its
	## name and arguments.
	type Event: record { name: string &optional; args: DataVector; };

	## Starts receiving the messages whose topic starts with
	## ``topic_prefix``.
	global subscribe: function(topic_prefix: string): bool;
	## Stops receiving them; F if that prefix was not subscribed.
	global unsubscribe: function(topic_prefix: string): bool;

	## Passes on to peers the messages of a topic prefix.
	global forward: function(topic_prefix: string): bool;

	## Sends a global's value to the peers subscribed to ``topic``.
	global publish_id: function(topic: string, id: string): bool;

	## Whether messages received from one peer are passed on to others.
	const forward_messages: bool = F &redef;

	# -- Logs sent to peers ---------------------------------------------

	## The start of the topic a log stream's entries are sent under.
	const default_log_topic_prefix: string = "zeek/logs/" &redef;

	## The topic of a log stream's entries: the prefix, then the stream.
	function default_log_topic(id: Log::ID, path: string): string
		{ return cat(default_log_topic_prefix, id); }

	## The function that names the topic of each log write.
	const log_topic: function(id: Log::ID, path: string): string =
		default_log_topic &redef;

	## Log entries go to peers in batches of (at most) this many.
	const log_batch_size: count = 400 &redef;
	## A batch leaves at the latest when its oldest entry has waited this
	## long.
	const log_batch_interval: interval = 1sec &redef;

	## Sends the log entries waiting for their batch; gives how many.
	global flush_logs: function(): count;

	# -- Queues ---------------------------------------------------------

	## How many messages may wait for one peer before the overflow policy
	## applies.
	const peer_buffer_size: count = 8192 &redef;
	## That policy: "disconnect", "drop_newest" or "drop_oldest".
	const peer_overflow_policy: string = "drop_oldest" &redef;
	## How often the "queued recently" statistic starts over.
	const buffer_stats_reset_interval: interval = 1min &redef;

	## The queue statistics of each peering, by peer id.
	global peering_stats: function(): table[string] of BrokerPeeringStats;

	## Whether an open peering keeps the process running after its
	## input ends.
	option peer_counts_as_iosource: bool = T;

	# -- Broker's threads -----------------------------------------------

	## How many threads Broker may run.
	const max_threads: count = 1 &redef;
	## How Broker schedules its work: "sharing" or "stealing".
	const scheduler_policy: string = "sharing" &redef;

	# The stealing scheduler goes through three stages, aggressive,
	# moderate and relaxed, polling and stealing less often at each.

	## Polls per round in the aggressive stage.
	const aggressive_polls: count = 5 &redef;
	## Polls per round in the moderate stage.
	const moderate_polls: count = 5 &redef;
	## The pause between rounds in the moderate stage.
	const moderate_sleep: interval = 16 msec &redef;
	## The pause between rounds in the relaxed stage.
	const relaxed_sleep: interval = 64 msec &redef;
	## How often work is stolen in the aggressive stage.
	const aggressive_interval: count = 4 &redef;
	## How often in the moderate stage.
	const moderate_interval: count = 2 &redef;
	## How often in the relaxed stage.
	const relaxed_interval: count = 1 &redef;

	# -- Diagnostics ----------------------------------------------------

	## How severe one of Broker's own log messages is, from a fatal
	## problem down to detail meant for debugging Broker.
	type LogSeverityLevel: enum {
		LOG_CRITICAL, LOG_ERROR, LOG_WARNING,
		LOG_INFO, LOG_VERBOSE, LOG_DEBUG,
	};

	## Broker's messages at least this severe go to broker.log.
	const log_severity_level: LogSeverityLevel = LOG_WARNING &redef;
	## Broker's messages at least this severe go to standard error.
	const log_stderr_severity_level: LogSeverityLevel = LOG_CRITICAL &redef;

	## One of Broker's own log messages.
	global internal_log_event: event(lvl: LogSeverityLevel, id: string,
		description: string);

	## What went wrong, in a :zeek:see:`Broker::error` event.
	type ErrorCode: enum {
		## No more detail.
		UNSPECIFIED = 1,
		## Peers: one speaking another version, one that does not exist,
		## cannot be reached, left while connecting, or did not answer in
		## time.
		PEER_INCOMPATIBLE = 2, PEER_INVALID = 3, PEER_UNAVAILABLE = 4,
		PEER_DISCONNECT_DURING_HANDSHAKE = 5, PEER_TIMEOUT = 6,
		## Data stores: a master of that name exists already, or does not
		## exist; the key is not there; a request took too long.
		MASTER_EXISTS = 7, NO_SUCH_MASTER = 8, NO_SUCH_KEY = 9,
		REQUEST_TIMEOUT = 10,
		## Data of the wrong type, data that cannot be used, a failing store
		## backend, a clone whose data is too old.
		TYPE_CLASH = 11, INVALID_DATA = 12, BACKEND_FAILURE = 13,
		STALE_DATA = 14,
		## An error of the actor library below Broker.
		CAF_ERROR = 100
	};

	## Something went wrong.
	global error: event(code: ErrorCode, msg: string);
}
