@load ./main
@load ./files

# Reading indicator files (in a cluster, only the manager reads them).
# There is no cluster data sharing here.
@load ./input
