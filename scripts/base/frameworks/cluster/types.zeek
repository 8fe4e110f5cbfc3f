##! The types the Cluster framework describes nodes and events with, the
##! settings of its WebSocket servers, and the choice of transport and
##! wire formats.

module Cluster;

export {
	# ---- Nodes ----

	## What a node does in the cluster.
	type NodeType: enum {
		## Not a cluster node.
		NONE,
		## An outside program that controls the cluster.
		CONTROL,
		## Receives the logs of the other nodes and writes them.
		LOGGER,
		## Coordinates the cluster and aggregates what workers find.
		MANAGER,
		## Holds state the workers share, spreading load among proxies.
		PROXY,
		## Analyzes its share of the traffic.
		WORKER,
	};

	## One node of the cluster, as the layout declares it.
	type Node: record {
		## Its role, and the address it can be reached at (with the zone of
		## a link-local IPv6 address).
		node_type: NodeType; ip: addr; zone_id: string &default="";
		## The port it listens on, if any, and the manager it reports to
		## (for a worker or proxy).
		p: port &default=0/unknown; manager: string &optional;
		## Its endpoint id once it is up, and where it serves its metrics.
		id: string &optional; metrics_port: port &optional;
	};

	## A node with its name, the key it has in Cluster::nodes.
	type NamedNode: record { name: string; node: Node; };

	## An event and its arguments, made to be published
	## (:zeek:see:`Cluster::make_event`).
	type Event: record { ev: any; args: vector of any; };

	# ---- WebSocket servers ----

	## How many events a WebSocket client may have waiting, unless its
	## server says otherwise.
	const default_websocket_max_event_queue_size: count = 32 &redef;
	## How often WebSocket clients are pinged, unless their server says
	## otherwise.
	const default_websocket_ping_interval: interval = 5 sec &redef;

	## TLS settings of a WebSocket server.
	type WebSocketTLSOptions: record {
		## The server's certificate and private key.
		cert_file: string &optional; key_file: string &optional;
		## Whether clients must present a certificate, and the CA
		## certificates to check them with.
		enable_peer_verification: bool &default=F; ca_file: string &default="";
		## The TLS ciphers allowed.
		ciphers: string &default="";
	};

	## Where and how a WebSocket server listens
	## (:zeek:see:`Cluster::listen_websocket`).
	type WebSocketServerOptions: record {
		## The address and port to listen on.
		listen_addr: addr &optional; listen_port: port;
		## How many events a client may have waiting, and how often clients
		## are pinged.
		max_event_queue_size: count
			&default=default_websocket_max_event_queue_size;
		ping_interval: interval
			&default=default_websocket_ping_interval;
		## TLS, if any.
		tls_options: WebSocketTLSOptions
			&default=WebSocketTLSOptions();
	};

	## Where an endpoint is: its address and port.
	type NetworkInfo: record { address: string; bound_port: port; };

	## An endpoint of the cluster or a WebSocket client: its id, where it
	## is, and the name a client gave.
	type EndpointInfo: record {
		id: string; network: NetworkInfo; application_name: string &optional;
	};
}

export {
	# ---- Transport and wire formats ----

	## The transports a cluster's nodes can talk over.
	type BackendTag: enum {
		## No transport: the process is alone (the default).
		CLUSTER_BACKEND_NONE,
		## Broker.
		CLUSTER_BACKEND_BROKER,
		## ZeroMQ, with a central proxy.
		CLUSTER_BACKEND_ZEROMQ,
	};

	## How events are encoded on the wire.
	type EventSerializerTag: enum {
		## Broker's binary format.
		EVENT_SERIALIZER_BROKER_BIN_V1,
		## Broker's JSON format (version 1).
		EVENT_SERIALIZER_BROKER_JSON_V1,
	};

	## How log entries are encoded on the wire.
	type LogSerializerTag: enum {
		## Zeek's binary format.
		LOG_SERIALIZER_ZEEK_BIN_V1,
	};

	## The transport this process uses. rzeek has only the first,
	## CLUSTER_BACKEND_NONE.
	const backend: BackendTag = CLUSTER_BACKEND_NONE &redef;

	## How published events are encoded.
	const event_serializer: EventSerializerTag = EVENT_SERIALIZER_BROKER_BIN_V1 &redef;
	## How log entries sent to a logger are encoded.
	const log_serializer: LogSerializerTag = LOG_SERIALIZER_ZEEK_BIN_V1 &redef;
}
