@load ./main
@load ./files

# Whether this process is part of a cluster (only the manager reads the
# indicator files); there is no sharing of indicators between nodes.
@load base/frameworks/cluster

@load ./input
