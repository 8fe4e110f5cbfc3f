@load ./main
@load ./plugins

# Only the standalone flavour exists here.  When the cluster framework
# is loaded and this process is part of a cluster, nothing is loaded for
# the epoch handling (there is no cluster implementation yet).
@ifdef ( Cluster::is_enabled )
@if ( ! Cluster::is_enabled() )
@load ./non-cluster
@endif
@else
@load ./non-cluster
@endif
