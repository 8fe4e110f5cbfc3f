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
	if ( site$id in pool$sites )
		return F;
	pool$sites[site$id] = site;
	return T;
	}

function rem_site(pool: Pool, site: Site): bool
	{
	if ( site$id !in pool$sites )
		return F;
	delete pool$sites[site$id];
	return T;
	}

function get_site(pool: Pool, key: any): Site
	{
	local h = fnv1a32(key);
	local winner = 0;
	local top = -1;
	for ( id in pool$sites )
		{
		local weight = hrw_weight(h, id);
		if ( weight > top || ( weight == top && id > winner ) )
			{
			top = weight;
			winner = id;
			}
		}
	return pool$sites[winner];
	}
