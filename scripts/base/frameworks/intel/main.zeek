##! The intelligence framework: indicators (addresses, subnets, domains,
##! hashes, ...) with metadata from their sources are kept in memory;
##! scripts report what they see through :zeek:see:`Intel::seen`, and
##! what matches an indicator raises :zeek:see:`Intel::match` and is
##! logged to intel.log.

@load base/frameworks/notice

module Intel;

export {
	redef enum Log::ID += { LOG };

	global log_policy: Log::PolicyHook;

	## The kinds of indicator.
	type Type: enum {
		## An IP address.
		ADDR,
		## A subnet, in CIDR notation.
		SUBNET,
		## A URL, without its ``http://`` prefix.
		URL,
		## The name of a piece of software.
		SOFTWARE,
		## An email address.
		EMAIL,
		## A DNS name.
		DOMAIN,
		## A user name.
		USER_NAME,
		## The SHA-1 hash of a certificate.
		CERT_HASH,
		## The MD5 hash of a public key, hex digits separated by colons
		## (e.g. an SSH host key).
		PUBKEY_HASH,
	};

	## A set of indicator kinds.
	type TypeSet: set[Type];

	## What a source says about an indicator.
	type MetaData: record {
		## The source; an indicator keeps one metadata record per
		## source.
		source:      string;
		## A description.
		desc:        string      &optional;
		## Where to read more.
		url:         string      &optional;
	};

	## An indicator with the metadata of one source.
	type Item: record {
		## The indicator itself.
		indicator:      string;

		## Its kind.
		indicator_type: Type;

		## What the source says about it.
		meta:           MetaData;
	};

	## Where something was seen.  Scripts that report sightings add
	## values, by convention named ``IN_...``.
	type Where: enum {
		## Anywhere else.
		IN_ANYWHERE,
	};

	## Something seen that may match an indicator.
	type Seen: record {
		## The value seen, for string-like indicators.
		indicator:       string        &log &optional;

		## The kind of value.
		indicator_type:  Type          &log &optional;

		## The address seen, for address indicators (instead of
		## *indicator*).
		host:            addr          &optional;

		## Where it was seen.
		where:           Where         &log;

		## The node that saw it.
		node:            string        &optional &log;

		## The connection it was seen in, if any.
		conn:            connection    &optional;

		## The uid of that connection; filled in from *conn* when that
		## is given.
		uid:             string        &optional;
	};

	## A line of intel.log: a sighting that matched.
	type Info: record {
		## When it was seen.
		ts:       time           &log;

		## The connection's uid, if there was one.
		uid:      string         &log &optional;
		## The connection's endpoints, if there was one.
		id:       conn_id        &log &optional;

		## What was seen.
		seen:     Seen           &log;
		## The kinds of indicator that matched.
		matched:  TypeSet        &log;
		## The sources of the matching indicators.
		sources:  set[string]    &log &default=string_set();
	};

	## Adds an indicator, or adds the item's metadata to a known one
	## (replacing what the same source said before).
	global insert: function(item: Item);

	## Removes one source's metadata from an indicator (the indicator
	## goes when none is left), or with *purge_indicator* the whole
	## indicator.
	global remove: function(item: Item, purge_indicator: bool &default = F);

	## Reports a sighting, to be checked against the indicators.
	global seen: function(s: Seen);

	## Raised for a sighting that matched, with the matching items (one
	## per indicator and source).
	global match: event(s: Seen, items: set[Item]);

	## Runs before a match is logged; handlers may fill in *info*.  The
	## framework's own handler has priority 5.  A ``break`` keeps the
	## match out of the log.
	global extend_match: hook(info: Info, s: Seen, items: set[Item]);

	## Runs for every sighting once the indicators were looked up;
	## *found* tells whether one matched.  A ``break`` drops the
	## sighting (no match event, no log).
	global seen_policy: hook(s: Seen, found: bool);

	## How long an indicator lives after it was last inserted; then
	## :zeek:see:`Intel::item_expired` decides its fate.  Negative: never
	## expire.
	const item_expiration = -1 min &redef;

	## Runs when an indicator expires.  If every handler runs, the
	## indicator lives on for another *item_expiration*; a ``break``
	## removes it.
	global item_expired: hook(indicator: string, indicator_type: Type, metas: set[MetaData]);

	## Runs for every item about to be inserted; a ``break`` keeps it
	## out.
	global filter_item: hook(item: Intel::Item);

	## Runs when an indicator becomes known (not when more metadata is
	## added to it).
	global indicator_inserted: hook(indicator: string, indiator_type: Type);

	## Runs when an indicator is forgotten.
	global indicator_removed: hook(indicator: string, indiator_type: Type);

	global log_intel: event(rec: Info);
}

# Used where only part of the data is held (cluster workers).
global match_remote: event(s: Seen);

# Raised as items are added and removed; cluster nodes share them.
global new_item: event(item: Item);
global remove_item: event(item: Item, purge_indicator: bool);
global remove_indicator: event(item: Item);

# Whether this process holds the metadata (F only on cluster workers).
const have_full_data = T &redef;

# An indicator's metadata, by source.
type MetaDataTable: table[string] of MetaData;

global expire_host_data: function(data: table[addr] of MetaDataTable, idx: addr): interval;
global expire_subnet_data: function(data: table[subnet] of MetaDataTable, idx: subnet): interval;
# (rzeek hands an expire_func each index of a multi-index table as a
# parameter of its own.)
global expire_string_data: function(data: table[string, Type] of MetaDataTable, indicator: string, kind: Type): interval;

# Every indicator with its metadata.  Strings are kept lower-cased.
type DataStore: record {
	host_data:    table[addr] of MetaDataTable &write_expire=item_expiration &expire_func=expire_host_data;
	subnet_data:  table[subnet] of MetaDataTable &write_expire=item_expiration &expire_func=expire_subnet_data;
	string_data:  table[string, Type] of MetaDataTable &write_expire=item_expiration &expire_func=expire_string_data;
};
global data_store: DataStore &redef;

# Just the indicators, enough to tell whether a sighting matches.
type MinDataStore: record {
	host_data:    set[addr];
	subnet_data:  set[subnet];
	string_data:  set[string, Type];
};
global min_data_store: MinDataStore &redef;

event zeek_init() &priority=5
	{
	Log::create_stream(LOG, Log::Stream($columns=Info, $ev=log_intel, $path="intel", $policy=log_policy));
	}

function meta_set(mt: MetaDataTable): set[MetaData]
	{
	local metas: set[MetaData] = set();
	for ( _, md in mt )
		add metas[md];
	return metas;
	}

# An indicator's lifetime ran out: keep it for another round unless a
# handler of item_expired breaks.
function expire_item(indicator: string, indicator_type: Type, metas: set[MetaData]): interval
	{
	if ( hook item_expired(indicator, indicator_type, metas) )
		return item_expiration;

	remove(Item($indicator=indicator, $indicator_type=indicator_type, $meta=MetaData($source="")), T);
	return 0 sec;
	}

function expire_host_data(data: table[addr] of MetaDataTable, idx: addr): interval
	{
	return expire_item(cat(idx), ADDR, meta_set(data[idx]));
	}

function expire_subnet_data(data: table[subnet] of MetaDataTable, idx: subnet): interval
	{
	return expire_item(cat(idx), SUBNET, meta_set(data[idx]));
	}

function expire_string_data(data: table[string, Type] of MetaDataTable, indicator: string, kind: Type): interval
	{
	return expire_item(indicator, kind, meta_set(data[indicator, kind]));
	}

# Whether a sighting matches a known indicator (an address also matches
# the subnets containing it).  Strings match regardless of case.
function find(s: Seen): bool
	{
	if ( s?$host )
		{
		if ( have_full_data )
			return s$host in data_store$host_data ||
			       |matching_subnets(s$host as subnet, data_store$subnet_data)| > 0;

		return s$host in min_data_store$host_data ||
		       |matching_subnets(s$host as subnet, min_data_store$subnet_data)| > 0;
		}

	local lower = to_lower(s$indicator);
	if ( have_full_data )
		return [lower, s$indicator_type] in data_store$string_data;
	return [lower, s$indicator_type] in min_data_store$string_data;
	}

# The items (indicator and one source's metadata) matching a sighting.
function get_items(s: Seen): set[Item]
	{
	local found: set[Item] = set();

	if ( ! have_full_data )
		{
		Reporter::warning(fmt("Intel::get_items was called from a host (%s) that doesn't have the full data.",
			peer_description));
		return found;
		}

	if ( ! s?$host )
		{
		local lower = to_lower(s$indicator);
		if ( [lower, s$indicator_type] in data_store$string_data )
			for ( _, md in data_store$string_data[lower, s$indicator_type] )
				add found[Item($indicator=s$indicator, $indicator_type=s$indicator_type, $meta=md)];
		return found;
		}

	if ( s$host in data_store$host_data )
		for ( _, md in data_store$host_data[s$host] )
			add found[Item($indicator=cat(s$host), $indicator_type=ADDR, $meta=md)];

	local nets: table[subnet] of MetaDataTable;
	nets = filter_subnet_table(s$host as subnet, data_store$subnet_data);
	for ( net, mt in nets )
		for ( _, md in mt )
			add found[Item($indicator=cat(net), $indicator_type=SUBNET, $meta=md)];

	return found;
	}

function Intel::seen(s: Seen)
	{
	local found = find(s);

	if ( ! hook Intel::seen_policy(s, found) || ! found )
		return;

	if ( s?$host )
		{
		s$indicator = cat(s$host);
		s$indicator_type = Intel::ADDR;
		}

	if ( ! s?$node )
		s$node = peer_description;

	if ( have_full_data )
		event Intel::match(s, get_items(s));
	else
		event Intel::match_remote(s);
	}

event Intel::match(s: Seen, items: set[Item]) &priority=5
	{
	local info = Info($ts=network_time(), $seen=s, $matched=TypeSet());

	if ( hook extend_match(info, s, items) )
		Log::write(Intel::LOG, info);
	}

# The framework's own columns: the connection and the matching sources
# and kinds.
hook extend_match(info: Info, s: Seen, items: set[Item]) &priority=5
	{
	if ( s?$conn )
		{
		s$uid = s$conn$uid;
		info$id = s$conn$id;
		}

	if ( s?$uid )
		info$uid = s$uid;

	for ( it in items )
		{
		add info$matched[it$indicator_type];
		add info$sources[it$meta$source];
		}
	}

# Stores an item's metadata under its indicator; T when the indicator
# was not known before.  Writing an entry again restarts its expiry.
function insert_meta_data(item: Item): bool
	{
	local known = T;
	local per_source: MetaDataTable;

	if ( item$indicator_type == ADDR )
		{
		local host = item$indicator as addr;
		known = host in data_store$host_data;
		data_store$host_data[host] = known ? data_store$host_data[host] : MetaDataTable();
		per_source = data_store$host_data[host];
		}
	else if ( item$indicator_type == SUBNET )
		{
		local net = to_subnet(item$indicator);
		known = check_subnet(net, data_store$subnet_data);
		data_store$subnet_data[net] = known ? data_store$subnet_data[net] : MetaDataTable();
		per_source = data_store$subnet_data[net];
		}
	else
		{
		local lower = to_lower(item$indicator);
		local kind = item$indicator_type;
		known = [lower, kind] in data_store$string_data;
		data_store$string_data[lower, kind] = known ? data_store$string_data[lower, kind] : MetaDataTable();
		per_source = data_store$string_data[lower, kind];
		}

	per_source[item$meta$source] = item$meta;
	return ! known;
	}

# Adds an item; *first_dispatch* is F when the item came from another
# node, which already announced it.
function _insert(item: Item, first_dispatch: bool &default = T)
	{
	local is_new = T;
	local added = F;
	local added_value = "";

	if ( item$indicator_type == ADDR )
		{
		local host = item$indicator as addr;
		added = host !in min_data_store$host_data;
		added_value = cat(host);
		add min_data_store$host_data[host];
		}
	else if ( item$indicator_type == SUBNET )
		{
		local net = to_subnet(item$indicator);
		added = net !in min_data_store$subnet_data;
		added_value = cat(net);
		add min_data_store$subnet_data[net];
		}
	else
		{
		local lower = to_lower(item$indicator);
		added = [lower, item$indicator_type] !in min_data_store$string_data;
		added_value = lower;
		add min_data_store$string_data[lower, item$indicator_type];
		}

	if ( have_full_data )
		is_new = insert_meta_data(item);

	if ( first_dispatch && is_new )
		event Intel::new_item(item);

	if ( added )
		hook Intel::indicator_inserted(added_value, item$indicator_type);
	}

function insert(item: Item)
	{
	if ( hook filter_item(item) )
		_insert(item, T);
	}

# Whether the item's indicator is known.
function item_exists(item: Item): bool
	{
	if ( item$indicator_type == ADDR )
		{
		local host = item$indicator as addr;
		return have_full_data ? host in data_store$host_data : host in min_data_store$host_data;
		}

	if ( item$indicator_type == SUBNET )
		{
		local net = to_subnet(item$indicator);
		return have_full_data ? net in data_store$subnet_data : net in min_data_store$subnet_data;
		}

	local lower = to_lower(item$indicator);
	if ( have_full_data )
		return [lower, item$indicator_type] in data_store$string_data;
	return [lower, item$indicator_type] in min_data_store$string_data;
	}

# Drops the item's source from its indicator; T when no source is left.
function remove_meta_data(item: Item): bool
	{
	if ( ! have_full_data )
		{
		Reporter::warning(fmt("Intel::remove_meta_data was called from a host (%s) that doesn't have the full data.",
			peer_description));
		return F;
		}

	local source = item$meta$source;

	if ( item$indicator_type == ADDR )
		{
		local host = item$indicator as addr;
		delete data_store$host_data[host][source];
		return |data_store$host_data[host]| == 0;
		}

	if ( item$indicator_type == SUBNET )
		{
		local net = to_subnet(item$indicator);
		delete data_store$subnet_data[net][source];
		return |data_store$subnet_data[net]| == 0;
		}

	local lower = to_lower(item$indicator);
	delete data_store$string_data[lower, item$indicator_type][source];
	return |data_store$string_data[lower, item$indicator_type]| == 0;
	}

function remove(item: Item, purge_indicator: bool)
	{
	if ( ! item_exists(item) )
		{
		Reporter::info(fmt("Tried to remove non-existing item '%s' (%s).",
			item$indicator, item$indicator_type));
		return;
		}

	if ( ! have_full_data )
		{
		# The node with the full data does the removal.
		event Intel::remove_item(item, purge_indicator);
		return;
		}

	if ( ! remove_meta_data(item) && ! purge_indicator )
		return;

	if ( item$indicator_type == ADDR )
		delete data_store$host_data[item$indicator as addr];
	else if ( item$indicator_type == SUBNET )
		delete data_store$subnet_data[to_subnet(item$indicator)];
	else
		delete data_store$string_data[to_lower(item$indicator), item$indicator_type];

	event Intel::remove_indicator(item);
	}

# Forgets the indicator in the minimal store too.
event remove_indicator(item: Item)
	{
	local gone = F;
	local gone_value = "";

	if ( item$indicator_type == ADDR )
		{
		local host = item$indicator as addr;
		gone = host in min_data_store$host_data;
		gone_value = cat(host);
		delete min_data_store$host_data[host];
		}
	else if ( item$indicator_type == SUBNET )
		{
		local net = to_subnet(item$indicator);
		gone = net in min_data_store$subnet_data;
		gone_value = cat(net);
		delete min_data_store$subnet_data[net];
		}
	else
		{
		local lower = to_lower(item$indicator);
		gone = [lower, item$indicator_type] in min_data_store$string_data;
		gone_value = lower;
		delete min_data_store$string_data[lower, item$indicator_type];
		}

	if ( gone )
		hook Intel::indicator_removed(gone_value, item$indicator_type);
	}
