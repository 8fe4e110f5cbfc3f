##! Pools: sets of nodes of one kind that work is spread over, either by
##! a key (every message with the same key goes to the same node, by
##! highest random weight hashing) or in turn (round robin).
##! :zeek:see:`Cluster::publish_hrw` and :zeek:see:`Cluster::publish_rr`
##! publish to the node a pool picks. Outside a cluster pools are empty
##! and pick nobody: those calls publish nothing and answer F.

@load ./main
@load base/utils/hash_hrw

module Cluster;

export {
	## A node's place in a pool.
	type PoolNode: record {
		## The node's name.
		name: string;
		## The name it is hashed under (its name and a number that keeps
		## its site id unique in the pool).
		alias: string;
		## Its site id for HRW hashing.
		site_id: count;
		## Whether it is up.
		alive: bool &default=F;
		## The topic that reaches it.
		topic: string;
	};

	## What a pool is made of.
	type PoolSpec: record {
		## A topic naming the pool.
		topic: string;
		## The kind of node it takes.
		node_type: Cluster::NodeType;
		## At most this many nodes.
		max_nodes: count &optional;
		## Whether its nodes belong to no other pool.
		exclusive: bool &default = F;
	};

	## A pool's nodes by name.
	type PoolNodeTable: table[string] of PoolNode;
	## The next node in turn, by round-robin key.
	type RoundRobinTable: table[string] of int;

	## A pool of nodes.
	type Pool: record {
		## What it is made of.
		spec: PoolSpec;
		## Its nodes by name.
		nodes: PoolNodeTable &default = PoolNodeTable();
		## Its nodes in order, for taking turns.
		node_list: vector of PoolNode &default = vector();
		## Its live nodes, for HRW hashing.
		hrw_pool: HashHRW::Pool &default = HashHRW::Pool();
		## Whose turn it is, by key.
		rr_key_seq: RoundRobinTable &default = RoundRobinTable();
		## How many of its nodes are up.
		alive_count: count &default = 0;
	};

	## The proxy pool's makeup.
	global proxy_pool_spec: PoolSpec =
		PoolSpec($topic = "zeek/cluster/pool/proxy",
		         $node_type = Cluster::PROXY) &redef;

	## The worker pool's makeup.
	global worker_pool_spec: PoolSpec =
		PoolSpec($topic = "zeek/cluster/pool/worker",
		         $node_type = Cluster::WORKER) &redef;

	## The logger pool's makeup.
	global logger_pool_spec: PoolSpec =
		PoolSpec($topic = "zeek/cluster/pool/logger",
		         $node_type = Cluster::LOGGER) &redef;

	## Every proxy.
	global proxy_pool: Pool;

	## Every worker.
	global worker_pool: Pool;

	## Every logger (or the manager, if it writes the logs).
	global logger_pool: Pool;

	## Makes a pool and fills it with nodes when the cluster starts.
	global register_pool: function(spec: PoolSpec): Pool;

	## The topic of the live node that `key` hashes to; "" if none is up.
	global hrw_topic: function(pool: Pool, key: any): string;

	## The topic of the next live node in turn for `key`; "" if none is up.
	global rr_topic: function(pool: Pool, key: string &default=""): string;

	## The topic for a log write: the next logger in turn, or Broker's
	## topic for the stream.
	global rr_log_topic: function(id: Log::ID, path: string): string;
}

## Every pool registered, in the order of registration.
global all_pools: vector of Pool = vector();

function register_pool(spec: PoolSpec): Pool
	{
	local p = Pool($spec=spec);
	all_pools += p;
	return p;
	}

function hrw_topic(pool: Pool, key: any): string
	{
	if ( |pool$hrw_pool$sites| == 0 )
		return "";
	local pn: PoolNode = HashHRW::get_site(pool$hrw_pool, key)$user_data;
	return pn$topic;
	}

function rr_topic(pool: Pool, key: string): string
	{
	local n = |pool$node_list|;
	if ( key !in pool$rr_key_seq )
		pool$rr_key_seq[key] = 0;
	local i = pool$rr_key_seq[key];
	if ( i >= n )
		return "";

	# Walk the list once from whose turn it is, to the first live node.
	local tried = 0;
	while ( tried < n )
		{
		local pn = pool$node_list[i];
		i = (i + 1) % n;
		++tried;
		if ( pn$alive )
			{
			pool$rr_key_seq[key] = i;
			return pn$topic;
			}
		}
	pool$rr_key_seq[key] = i;
	return "";
	}

function rr_log_topic(id: Log::ID, path: string): string
	{
	local t = rr_topic(logger_pool, "Cluster::rr_log_topic");
	return t != "" ? t : Broker::default_log_topic(id, path);
	}

## Whether a node of the pool has the site id.
function site_taken(pool: Pool, sid: count): bool
	{
	for ( _, other in pool$nodes )
		if ( other$site_id == sid )
			return T;
	return F;
	}

## Adds a node to a pool under a site id no other node of the pool has.
function add_pool_node(pool: Pool, name: string): bool
	{
	if ( name in pool$nodes )
		return F;
	local n = 0;
	local alias = fmt("%s.%s", name, n);
	local sid = fnv1a32(alias);
	while ( site_taken(pool, sid) )
		{
		++n;
		alias = fmt("%s.%s", name, n);
		sid = fnv1a32(alias);
		}
	local pn = PoolNode($name=name, $alias=alias, $site_id=sid,
	                    $alive=(name == Cluster::node), $topic=node_topic(name));
	pool$nodes[name] = pn;
	pool$node_list += pn;
	if ( pn$alive )
		++pool$alive_count;
	return T;
	}

## Marks a pool's node up or down, in the pool's count and its HRW sites.
function set_pool_node_alive(pool: Pool, name: string, up: bool): bool
	{
	if ( name !in pool$nodes )
		return F;
	local pn = pool$nodes[name];
	if ( pn$alive != up )
		{
		pn$alive = up;
		if ( up )
			++pool$alive_count;
		else
			--pool$alive_count;
		}
	local site = HashHRW::Site($id=pn$site_id, $user_data=pn);
	if ( up )
		HashHRW::add_site(pool$hrw_pool, site);
	else
		HashHRW::rem_site(pool$hrw_pool, site);
	return T;
	}

event Cluster::node_up(name: string, id: string) &priority=10
	{
	for ( i in all_pools )
		set_pool_node_alive(all_pools[i], name, T);
	}

event Cluster::node_down(name: string, id: string) &priority=10
	{
	for ( i in all_pools )
		set_pool_node_alive(all_pools[i], name, F);
	}

event zeek_init()
	{
	worker_pool = register_pool(worker_pool_spec);
	proxy_pool = register_pool(proxy_pool_spec);
	logger_pool = register_pool(logger_pool_spec);
	}

## The nodes of one kind still to be placed in pools.
type Candidates: record {
	nodes: vector of NamedNode &default = vector();
	at: count &default = 0;
	reserved: count &default = 0;
};

function by_topic(a: Pool, b: Pool): int
	{
	return strcmp(a$spec$topic, b$spec$topic);
	}

# Fills the pools from the layout once every pool is registered: the
# exclusive pools take their nodes first, the others share the rest in
# turn. Sorting by topic keeps the result the same from run to run.
event zeek_init() &priority=-5
	{
	if ( ! Cluster::is_enabled() )
		return;

	sort(all_pools, by_topic);

	local cands: table[NodeType] of Candidates = table();
	for ( nt in set(WORKER, PROXY, LOGGER) )
		cands[nt] = Candidates($nodes=nodes_with_type(nt));
	if ( manager_is_logger )
		{
		local mgrs = nodes_with_type(MANAGER);
		if ( |mgrs| > 0 )
			cands[LOGGER]$nodes += mgrs[0];
		}

	local p: Pool;
	for ( i in all_pools )
		{
		p = all_pools[i];
		if ( p$spec$node_type !in cands )
			Reporter::fatal(fmt("invalid pool node type: %s", p$spec$node_type));
		if ( ! p$spec$exclusive )
			next;
		if ( ! p$spec?$max_nodes )
			Reporter::fatal("Cluster::PoolSpec 'max_nodes' field must be set when using the 'exclusive' flag");
		cands[p$spec$node_type]$reserved += p$spec$max_nodes;
		}

	for ( nt, c in cands )
		if ( c$reserved > |c$nodes| )
			Reporter::fatal(fmt("not enough %s nodes to satisfy pool exclusivity requirements: need %d nodes", nt, c$reserved));

	for ( i in all_pools )
		{
		p = all_pools[i];
		if ( ! p$spec$exclusive )
			next;
		local of_type = cands[p$spec$node_type];
		local rest: vector of NamedNode = vector();
		for ( j in of_type$nodes )
			{
			if ( j < p$spec$max_nodes )
				add_pool_node(p, of_type$nodes[j]$name);
			else
				rest += of_type$nodes[j];
			}
		of_type$nodes = rest;
		}

	for ( i in all_pools )
		{
		p = all_pools[i];
		if ( p$spec$exclusive )
			next;
		local cc = cands[p$spec$node_type];
		local want = |cc$nodes|;
		if ( p$spec?$max_nodes && p$spec$max_nodes < want )
			want = p$spec$max_nodes;
		local k = 0;
		while ( k < want )
			{
			add_pool_node(p, cc$nodes[cc$at]$name);
			++k;
			cc$at = (cc$at + 1) % |cc$nodes|;
			}
		}
	}
