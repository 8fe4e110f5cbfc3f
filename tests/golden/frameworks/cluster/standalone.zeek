# The Cluster framework in a process that is no cluster node (no
# CLUSTER_NODE): the node queries answer NONE and zero, publishing checks
# its arguments as Zeek does and succeeds without sending anything (the
# None backend), subscribing succeeds and runs the on_subscribe hook,
# pools with no live node pick no topic, and round robin and HRW pick
# among a pool's live nodes.

@load base/frameworks/cluster

global ping: event(n: count, s: string);

hook Cluster::on_subscribe(topic: string)
	{
	print "subscribing", topic;
	}

event zeek_init()
	{
	print "node", Cluster::is_enabled(), Cluster::local_node_type(), Cluster::node, |Cluster::nodes|;
	print "counts", Cluster::get_node_count(Cluster::WORKER), Cluster::get_active_node_count(Cluster::WORKER);
	print "topics", Cluster::node_topic("worker-1"), Cluster::nodeid_topic("abc");
	print "unknown id", Cluster::nodeid_to_node("x");
	print "metrics", Cluster::local_node_metrics_port();

	print "publish", Cluster::publish(Cluster::manager_topic, ping, 1, "a");
	print "wrong type", Cluster::publish(Cluster::manager_topic, ping, "a", 1);
	print "too few", Cluster::publish(Cluster::manager_topic, ping, 1);
	local e = Cluster::make_event(ping, 2, "b");
	print "made", e;
	print "publish made", Cluster::publish("t", e);
	print "not an event", Cluster::publish("t", 42);

	print "subscribe", Cluster::subscribe("zeek/test"), Cluster::unsubscribe("zeek/test");

	print "hrw empty", Cluster::publish_hrw(Cluster::proxy_pool, "key", ping, 3, "c");
	print "rr empty", Cluster::publish_rr(Cluster::proxy_pool, "key", ping, 3, "c");

	local be = Broker::make_event(ping, 4, "d");
	print "broker event", be$name, |be$args|;
	print "broker publish", Broker::publish("t", be), Broker::publish("t", ping, 5, "e");
	print "broker event to cluster", Cluster::publish("t", be);
	print "node id", |Broker::node_id()|, Broker::node_id() == Cluster::node_id();
	print "peers", Broker::peers(), Broker::flush_logs();

	# A pool of three nodes, the second down: round robin skips it, each
	# key keeping its own turn.
	local p = Cluster::Pool($spec=Cluster::PoolSpec($topic="pool", $node_type=Cluster::PROXY));
	for ( n in vector("a", "b", "c") )
		{
		local name = vector("a", "b", "c")[n];
		local pn = Cluster::PoolNode($name=name, $alias=name + ".0", $site_id=n + 1,
		                             $alive=name != "b", $topic=Cluster::node_topic(name));
		p$node_list += pn;
		p$nodes[name] = pn;
		if ( pn$alive )
			HashHRW::add_site(p$hrw_pool, HashHRW::Site($id=pn$site_id, $user_data=pn));
		}
	print "rr", Cluster::rr_topic(p, "k"), Cluster::rr_topic(p, "k"), Cluster::rr_topic(p, "k"),
	      Cluster::rr_topic(p, "other");
	print "hrw stable", Cluster::hrw_topic(p, "x") == Cluster::hrw_topic(p, "x"),
	      Cluster::hrw_topic(p, 1.2.3.4) in set(Cluster::node_topic("a"), Cluster::node_topic("c"));
	print "publish_rr", Cluster::publish_rr(p, "k", ping, 6, "f");
	}
