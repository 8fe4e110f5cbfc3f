##! The Cluster framework: a Zeek process as one node of a cluster
##! (manager, logger, proxy or worker), the nodes it knows, pools of
##! nodes to spread work over, and publishing events to topics.
##!
##! Without ``CLUSTER_NODE`` in the environment the process is no node:
##! :zeek:see:`Cluster::is_enabled` is false and the ``@if`` blocks that
##! packages keep for cluster nodes are left out, as in Zeek.

@load ./types
@load ./main
@load ./pools
@load ./pubsub
@load ./stores

# A node needs the layout of its cluster, which the user provides: Zeek
# finds it as a script named cluster-layout on its search path. (The
# first branch is the usual case, a process outside a cluster; it is also
# the one reference pages follow, so they do not look for the user's file.)
@if ( ! Cluster::is_enabled() || |Cluster::nodes| > 0 )
@else
@load cluster-layout
@endif
