##! Directions of connections and kinds of hosts, judged against the
##! local networks of :zeek:see:`Site::local_nets`. Scripts use them for
##! options such as "log outbound connections only".

@load ./site

## Which way a connection crosses the border of the local networks.
type Direction: enum {
	## From outside in: the originator is remote, the responder local.
	INBOUND,
	## From inside out: the originator is local, the responder remote.
	OUTBOUND,
	## Either of the two: exactly one side is local.
	BIDIRECTIONAL,
	## Matches no connection at all.
	NO_DIRECTION
};

## Whether a connection goes the given way.
##
## id: the connection's endpoints.
##
## d: the direction to test for.
##
## Returns: T if the endpoints' locality fits *d*.
function id_matches_direction(id: conn_id, d: Direction): bool
	{
	local from_inside = Site::is_local_addr(id$orig_h);
	local to_inside = Site::is_local_addr(id$resp_h);

	switch ( d ) {
	case OUTBOUND:
		return from_inside && ! to_inside;
	case INBOUND:
		return to_inside && ! from_inside;
	case BIDIRECTIONAL:
		return from_inside != to_inside;
	default:
		return F;
	}
	}

## Kinds of hosts, by where they are.
type Host: enum {
	## Hosts in the local networks.
	LOCAL_HOSTS,
	## Hosts outside them.
	REMOTE_HOSTS,
	## Every host.
	ALL_HOSTS,
	## No host at all.
	NO_HOSTS
};

## Whether an address is of the given kind.
##
## ip: the host's address.
##
## h: the kind to test for.
##
## Returns: T if *ip* is of kind *h*.
function addr_matches_host(ip: addr, h: Host): bool
	{
	switch ( h ) {
	case ALL_HOSTS:
		return T;
	case LOCAL_HOSTS:
		return Site::is_local_addr(ip);
	case REMOTE_HOSTS:
		return ! Site::is_local_addr(ip);
	default:
		return F;
	}
	}
