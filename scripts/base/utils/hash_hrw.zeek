##! Rendezvous (highest random weight) hashing: a key always goes to the
##! same site of a pool, and when a site leaves only its keys move.

module HashHRW;

export {
	## A site keys can be assigned to.
	type Site: record {
		## Its identifier, unique in the pool.
		id: count;
		## Whatever the user keeps with it.
		user_data: any &optional;
	};

	## Sites by identifier.
	type SiteTable: table[count] of Site;

	## A set of sites.
	type Pool: record {
		## The sites.
		sites: SiteTable &default=SiteTable();
	};

	## Adds a site to a pool.
	##
	## Returns: F if a site with its identifier is there already.
	global add_site: function(pool: Pool, site: Site): bool;

	## Removes a site from a pool.
	##
	## Returns: F if the pool has no site with its identifier.
	global rem_site: function(pool: Pool, site: Site): bool;

	## The site a key goes to: the one whose weight for the key's hash is
	## highest (ties go to the larger identifier). The pool must not be
	## empty.
	global get_site: function(pool: Pool, key: any): Site;
}

function add_site(pool: Pool, site: Site): bool
	{
	local is_new = site$id !in pool$sites;
	if ( is_new )
		pool$sites[site$id] = site;
	return is_new;
	}

function rem_site(pool: Pool, site: Site): bool
	{
	local known = site$id in pool$sites;
	if ( known )
		delete pool$sites[site$id];
	return known;
	}

function get_site(pool: Pool, key: any): Site
	{
	# Every site scores the key; the highest score wins, and of equal
	# scores the higher site id.
	local digest = fnv1a32(key);
	local best_score = -1;
	local best_id = 0;
	for ( sid in pool$sites )
		{
		local score = hrw_weight(digest, sid);
		if ( score < best_score || ( score == best_score && sid < best_id ) )
			next;
		best_score = score;
		best_id = sid;
		}
	return pool$sites[best_id];
	}
