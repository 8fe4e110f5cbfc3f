##! The types the Cluster framework describes nodes and events with.

module Cluster;

export {
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
		## Its role.
		node_type:    NodeType;
		## The address it can be reached at.
		ip:           addr;
		## The zone of a link-local IPv6 address.
		zone_id:      string      &default="";
		## The port it listens on, if any.
		p:            port        &default=0/unknown;
		## The manager it reports to (for a worker or proxy).
		manager:      string      &optional;
		## Its endpoint id, once it is up.
		id: string                &optional;
		## Where it serves its metrics.
		metrics_port: port        &optional;
	};

	## A node with its name.
	type NamedNode: record {
		name: string;	##< The node's name, its key in Cluster::nodes.
		node: Node;	##< The node.
	};

	## An event and its arguments, made to be published
	## (:zeek:see:`Cluster::make_event`).
	type Event: record {
		## The event.
		ev: any;
		## Its arguments.
		args: vector of any;
	};

	## How many events a WebSocket client may have waiting by default.
	const default_websocket_max_event_queue_size = 32 &redef;

	## How often WebSocket clients are pinged by default.
	const default_websocket_ping_interval = 5 sec &redef;

	## TLS settings of a WebSocket server.
	type WebSocketTLSOptions: record {
		## The server's certificate.
		cert_file: string &optional;
		## The server's private key.
		key_file: string &optional;
		## Whether clients must present a certificate.
		enable_peer_verification: bool &default=F;
		## CA certificates to check clients' certificates with.
		ca_file: string &default="";
		## The TLS ciphers allowed.
		ciphers: string &default="";
	};

	## Where and how a WebSocket server listens
	## (:zeek:see:`Cluster::listen_websocket`).
	type WebSocketServerOptions: record {
		## The address to listen on.
		listen_addr: addr &optional;
		## The port to listen on.
		listen_port: port;
		## How many events a client may have waiting.
		max_event_queue_size: count &default=default_websocket_max_event_queue_size;
		## How often clients are pinged.
		ping_interval: interval &default=default_websocket_ping_interval;
		## TLS, if any.
		tls_options: WebSocketTLSOptions &default=WebSocketTLSOptions();
	};

	## Where an endpoint is.
	type NetworkInfo: record {
		address: string;	##< Its address.
		bound_port: port;	##< Its port.
	};

	## An endpoint of the cluster or a WebSocket client.
	type EndpointInfo: record {
		id: string;	##< Its id.
		network: NetworkInfo;	##< Where it is.
		application_name: string &optional;	##< The name a client gave.
	};
}

export {
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
	const backend = CLUSTER_BACKEND_NONE &redef;

	## The encoding of published events.
	const event_serializer = EVENT_SERIALIZER_BROKER_BIN_V1 &redef;

	## The encoding of log entries sent to a logger.
	const log_serializer = LOG_SERIALIZER_ZEEK_BIN_V1 &redef;
}
