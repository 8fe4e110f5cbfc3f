##! The nodes of a cluster and this process's place among them.
##!
##! A process is a cluster node when the environment names it
##! (``CLUSTER_NODE=worker-1``) and the layout, :zeek:see:`Cluster::nodes`,
##! has a node of that name. rzeek runs with the "none" backend only, so
##! it starts as a node only to say it cannot be one yet; every query
##! below answers as Zeek does for a process outside a cluster.

@load base/frameworks/broker
@load ./types

module Cluster;

export {
	## Whether logs are spread over several loggers in turn.
	const enable_round_robin_logging = T &redef;

	## The topic every logger subscribes to.
	const logger_topic = "zeek/cluster/logger" &redef;

	## The topic every manager subscribes to.
	const manager_topic = "zeek/cluster/manager" &redef;

	## The topic every proxy subscribes to.
	const proxy_topic = "zeek/cluster/proxy" &redef;

	## The topic every worker subscribes to.
	const worker_topic = "zeek/cluster/worker" &redef;

	## The topics that reach every node of a kind.
	const broadcast_topics = {
		logger_topic,
		manager_topic,
		proxy_topic,
		worker_topic,
	};

	## The start of the topic that reaches one node by its name.
	const node_topic_prefix = "zeek/cluster/node/" &redef;

	## The start of the topic that reaches one node by its endpoint id.
	const nodeid_topic_prefix = "zeek/cluster/nodeid/" &redef;

	## The stream of cluster.log.
	redef enum Log::ID += { LOG };

	## A hook to veto or change cluster.log entries.
	global log_policy: Log::PolicyHook;

	## An entry of cluster.log: what happened to a node.
	type Info: record {
		## When.
		ts:       time &log;
		## The node that writes it.
		node: string &log;
		## What happened.
		message:  string &log;
	} &log;

	## Whether this process is a node of a cluster: the environment
	## names a node.
	global is_enabled: function(): bool;

	## This node's role; NONE outside a cluster or for a name the
	## layout lacks.
	global local_node_type: function(): NodeType;

	## Where this node serves its metrics; 0/unknown if nowhere.
	global local_node_metrics_port: function(): port;

	## The cluster's layout: every node by name.
	const nodes: table[string] of Node = {} &redef;

	## How many nodes of a kind the layout has.
	global get_node_count: function(node_type: NodeType): count;

	## How many nodes of a kind are up.
	global get_active_node_count: function(node_type: NodeType): count;

	## Whether the manager also writes the logs (no logger in the
	## layout).
	const manager_is_logger = T &redef;

	## This node's name, from the environment variable CLUSTER_NODE.
	const node = getenv("CLUSTER_NODE") &redef;

	## This node's endpoint id.
	global node_id: function(): string = Broker::node_id &redef;

	## How long to wait before trying again to reach a node.
	const retry_interval = 1sec &redef;

	## A node announces itself to another.
	global hello: event(name: string, id: string);

	## A node of the layout came up.
	global node_up: event(name: string, id: string);

	## A node of the layout went away.
	global node_down: event(name: string, id: string);

	## Writes a message to cluster.log.
	global log: function(msg: string);

	## The topic that reaches the node named `name`.
	global node_topic: function(name: string): string &redef;

	## The topic that reaches the node whose endpoint id is `id`.
	global nodeid_topic: function(id: string): string &redef;

	## The node whose endpoint id is `id`; a NONE node named "" if no
	## node has it.
	global nodeid_to_node: function(id: string): NamedNode;

	## Every node of a kind, sorted by name.
	global nodes_with_type: function(node_type: NodeType): vector of NamedNode;

	## Starts the cluster backend.
	global init: function(): bool;

	## Serves Zeek's WebSocket API. rzeek cannot yet: a runtime error.
	global listen_websocket: function(options: WebSocketServerOptions): bool;

	## Called before this node connects to another.
	global connect_node_hook: hook(connectee: NamedNode);

	## A cluster backend reports an error.
	global Cluster::Backend::error: event(tag: string, message: string);

	## A WebSocket client connected and subscribed.
	global websocket_client_added: event(endpoint: EndpointInfo, subscriptions: string_vec);

	## A WebSocket client went away.
	global websocket_client_lost: event(endpoint: EndpointInfo, code: count, reason: string);
}

# The endpoint ids of the nodes that are up, by their kind.
global up_by_type: table[NodeType] of set[string];

# This process's own entry of the layout, when it has one.
function own_entry(): Node
	{
	return nodes[node];
	}

# Whether the layout has an entry for this process.
function in_layout(): bool
	{
	return node != "" && node in nodes;
	}

function is_enabled(): bool
	{
	return node != "";
	}

function local_node_type(): NodeType
	{
	return in_layout() ? own_entry()$node_type : NONE;
	}

function local_node_metrics_port(): port
	{
	if ( in_layout() )
		{
		local me = own_entry();
		if ( me?$metrics_port )
			return me$metrics_port;
		}
	return 0/unknown;
	}

# The layout's nodes of one kind, each with its name.
function named_nodes_of(kind: NodeType): vector of NamedNode
	{
	local out: vector of NamedNode = vector();
	for ( nname, nd in nodes )
		{
		if ( nd$node_type == kind )
			out[|out|] = NamedNode($name=nname, $node=nd);
		}
	return out;
	}

function get_node_count(node_type: NodeType): count
	{
	return |named_nodes_of(node_type)|;
	}

function get_active_node_count(node_type: NodeType): count
	{
	return node_type in up_by_type ? |up_by_type[node_type]| : 0;
	}

function nodes_with_type(node_type: NodeType): vector of NamedNode
	{
	return sort(named_nodes_of(node_type),
	            function(x: NamedNode, y: NamedNode): int { return strcmp(x$name, y$name); });
	}

function node_topic(name: string): string
	{
	return fmt("%s%s/", node_topic_prefix, name);
	}

function nodeid_topic(id: string): string
	{
	return fmt("%s%s/", nodeid_topic_prefix, id);
	}

# The name of the node whose endpoint id is `id`, or "" if none has it.
function name_of_id(id: string): string
	{
	for ( nname, nd in nodes )
		{
		if ( nd?$id && nd$id == id )
			return nname;
		}
	return "";
	}

function nodeid_to_node(id: string): NamedNode
	{
	local nname = name_of_id(id);
	if ( nname != "" )
		return NamedNode($name=nname, $node=nodes[nname]);
	# Nobody: a nameless node outside the cluster.
	return NamedNode($name="", $node=Node($ip=0.0.0.0, $node_type=NONE));
	}

function log(msg: string)
	{
	local entry = Info($ts=network_time(), $node=node, $message=msg);
	Log::write(LOG, entry);
	}

function init(): bool
	{
	return Cluster::Backend::__init(node_id());
	}

event Cluster::hello(name: string, id: string) &priority=10
	{
	if ( name !in nodes )
		{
		Reporter::error(fmt("Got Cluster::hello msg from unexpected node: %s", name));
		return;
		}

	# A node's first hello brings it up; one from a second endpoint under
	# the same name is an error, and the later endpoint is kept.
	local nd = nodes[name];
	if ( ! nd?$id )
		event Cluster::node_up(name, id);
	else if ( nd$id != id )
		Reporter::error(fmt("Got Cluster::hello msg from duplicate node:%s", name));
	nd$id = id;
	Cluster::log(fmt("got hello from %s (%s)", name, id));

	local kind = nd$node_type;
	if ( kind !in up_by_type )
		up_by_type[kind] = set();
	add up_by_type[kind][id];
	}

event Cluster::node_down(name: string, id: string) &priority=10
	{
	local nname = name_of_id(id);
	if ( nname == "" )
		{
		Reporter::error(fmt("No node found in Cluster::node_down() node:%s id:%s", name, id));
		return;
		}

	local nd = nodes[nname];
	Cluster::log(fmt("node down: %s", nname));
	delete nd$id;
	if ( nd$node_type in up_by_type )
		delete up_by_type[nd$node_type][id];
	}

event Cluster::Backend::error(tag: string, message: string)
	{
	Reporter::error(fmt("Cluster::Backend::error: %s (%s)", tag, message));
	}

event zeek_init() &priority=5
	{
	if ( node != "" )
		{
		# A node must be in the layout, and needs a backend to talk over.
		if ( node !in nodes )
			{
			Reporter::error(fmt("'%s' is not a valid node in the Cluster::nodes configuration", node));
			terminate();
			}
		if ( backend == CLUSTER_BACKEND_NONE )
			Reporter::fatal(fmt("Cluster::node set to '%s', but Cluster::backend is %s - please select a cluster backend to use.", node, backend));
		}

	Log::create_stream(LOG, Log::Stream($columns=Info, $path="cluster", $policy=log_policy));
	}
