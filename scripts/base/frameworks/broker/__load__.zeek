##! Broker, Zeek's original communication library: its settings, the
##! description of peers and messages, and the calls scripts make to
##! listen, peer, subscribe and publish.

@load ./main
