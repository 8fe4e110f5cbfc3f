##! The intelligence framework: the indicator store and matching, files
##! as indicators and context, and indicators read from files.

@load ./main
@load ./files
# Input asks the cluster framework whether this node reads the files.
@load base/frameworks/cluster
@load ./input
