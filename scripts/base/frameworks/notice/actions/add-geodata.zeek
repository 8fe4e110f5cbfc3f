##! ACTION_ADD_GEODATA: adds where the remote host of a notice is (by
##! GeoIP) to the notice. The remote host is ``src`` when it is outside
##! :zeek:see:`Site::local_nets`, else ``dst`` when that is; nothing is
##! added while no local networks are configured, or when rzeek has no
##! GeoIP lookup.

@load ../main
@load base/utils/site

@ifndef ( geo_location )
## Where an address is, as a GeoIP database tells.
type geo_location: record {
	country_code: string &optional;	##< Its country's code.
	region: string &optional;	##< Its region.
	city: string &optional;	##< Its city.
	latitude: double &optional;	##< Its latitude.
	longitude: double &optional;	##< Its longitude.
} &log;
@endif

module Notice;

export {
	redef enum Action += {
		## Add the remote host's location to the notice.
		ACTION_ADD_GEODATA
	};

	redef record Info += {
		## Where the remote host is.
		remote_location: geo_location &log &optional;
	};

	## Types of notices that get ACTION_ADD_GEODATA.
	option lookup_location_types: set[Notice::Type] = set();
}

# Gives the notice the location of the first of its addresses, src then
# dst, that lies outside the site.
function locate_remote_host(n: Notice::Info)
	{
@ifdef ( lookup_location )
	local candidates: vector of addr = vector();
	if ( n?$src )
		candidates += n$src;
	if ( n?$dst )
		candidates += n$dst;
	for ( i in candidates )
		{
		if ( Site::is_local_addr(candidates[i]) )
			next;
		n$remote_location = lookup_location(candidates[i]);
		return;
		}
@endif
	}

hook policy(n: Notice::Info) &priority=10
	{
	if ( n$note in lookup_location_types )
		add n$actions[ACTION_ADD_GEODATA];
	}

# Early, so that the other bodies see the location. Without local
# networks there is no telling which host is remote.
hook notice(n: Notice::Info) &priority=10
	{
	local wanted = ACTION_ADD_GEODATA in n$actions && ! n?$remote_location;
	if ( wanted && |Site::local_nets| > 0 )
		locate_remote_host(n);
	}
