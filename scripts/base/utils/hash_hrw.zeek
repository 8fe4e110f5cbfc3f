##! Rendezvous (highest random weight) hashing: a key always goes to the
##! same site of a pool, and when a site leaves only its keys move.

module HashHRW;

export {
	## A site keys can be assigned to: its identifier, unique in the pool,
	## and whatever the user keeps with it.
	type Site: record { id: count; user_data: any &optional; };

	## Sites by identifier.
	type SiteTable: table[count] of Site;

	## A set of sites.
	type Pool: record { sites: SiteTable &default=SiteTable(); };

	## Adds a site to a pool; F when one with its identifier is there
	## already.
	global add_site: function(pool: Pool, site: Site): bool;
	## Takes a site out of a pool; F when none with its identifier is there.
	global rem_site: function(pool: Pool, site: Site): bool;

	## The site a key goes to: the one whose weight for the key's hash is
	## highest (ties go to the larger identifier). The pool must not be
	## empty.
	global get_site: function(pool: Pool, key: any): Site;
}

function add_site(pool: Pool, site: Site): bool {
	if ( site$id in pool$sites )
		return F;

	pool$sites[site$id] = site;
	return T;
}

function rem_site(pool: Pool, site: Site): bool {
	if ( site$id !in pool$sites )
		return F;

	delete pool$sites[site$id];
	return T;
}

# Does site a (with weight wa) beat site b (weight wb)? The heavier one
# does; of equal weights, the larger identifier.
function beats(wa: count, a: count, wb: count, b: count): bool {
	return wa > wb || ( wa == wb && a > b );
}

function get_site(pool: Pool, key: any): Site {
	local h = fnv1a32(key);
	local winner: count = 0;
	local winner_weight: count = 0;
	local first = T;

	for ( id in pool$sites ) {
		local w = hrw_weight(h, id);
		if ( first || beats(w, id, winner_weight, winner) ) {
			winner = id;
			winner_weight = w;
			first = F;
		}
	}

	return pool$sites[winner];
}
