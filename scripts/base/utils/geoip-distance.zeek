##! Distances between the places of two addresses.

@ifdef ( lookup_location )
## The great-circle distance between where two addresses are, in miles,
## by their GeoIP locations.
##
## a1: the first address.
##
## a2: the second address.
##
## Returns: the distance, or -1.0 when either has no known coordinates.
function haversine_distance_ip(a1: addr, a2: addr): double
	{
	local p = lookup_location(a1);
	local q = lookup_location(a2);
	if ( ! ( p?$latitude && p?$longitude && q?$latitude && q?$longitude ) )
		return -1.0;
	return haversine_distance(p$latitude, p$longitude, q$latitude, q$longitude);
	}
@endif
