@load ./main
@load ./plugins

# Whether this process is part of a cluster decides how epochs end; the
# cluster framework says so.
@load base/frameworks/cluster

# Only the standalone flavour exists: inside a cluster nothing here ends
# epochs yet.
@if ( ! Cluster::is_enabled() )
@load ./non-cluster
@endif
