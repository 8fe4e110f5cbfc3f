##! The SumStats framework: the core, every calculation plugin, and the
##! part that runs it in a single process. rzeek has no cluster part: it
##! runs outside a cluster, or as every node at once.

@load ./main
@load ./plugins
@load ./non-cluster
