# rzeek has the debug plugin only: the OpenFlow, packet filter, Broker and
# acld plugins need machinery it does not have.
@load ./debug
