##! The intelligence framework: indicators (addresses, subnets, domains,
##! URLs, hashes and more) are inserted with metadata about where they came
##! from; scripts report what they see in traffic with
##! :zeek:see:`Intel::seen`, and a sighting of a known indicator raises
##! :zeek:see:`Intel::match` and is written to intel.log.
##!
##! Indicators of string types are matched without regard to case. An
##! address also matches every inserted subnet that contains it.

@load base/frameworks/notice

module Intel;

export {
	## The intel.log stream.
	redef enum Log::ID += { LOG };

	## The stream's policy hook.
	global log_policy: Log::PolicyHook;

	## The kinds of indicator.
	type Type: enum {
		## An IP address.
		ADDR,
		## A subnet, written in CIDR notation.
		SUBNET,
		## A URL, without its ``http://`` prefix.
		URL,
		## The name of a piece of software.
		SOFTWARE,
		## An e-mail address.
		EMAIL,
		## A DNS domain name.
		DOMAIN,
		## A user name.
		USER_NAME,
		## The SHA-1 hash of a certificate.
		CERT_HASH,
		## The MD5 hash of a public key, hex digits separated by colons
		## (as SSH host keys are shown).
		PUBKEY_HASH,
	};

	## A set of indicator kinds.
	type TypeSet: set[Type];

	## What a source says about an indicator.
	type MetaData: record {
		## Where the indicator comes from. An indicator keeps one
		## metadata record per source: inserting it again from the same
		## source replaces that source's record.
		source:      string;
		## A description, in any form.
		desc:        string      &optional;
		## A URL with more about the indicator.
		url:         string      &optional;
	};

	## An indicator with one source's metadata.
	type Item: record {
		## The indicator's value.
		indicator:      string;

		## Its kind.
		indicator_type: Type;

		## The source's metadata.
		meta:           MetaData;
	};

	## Where in traffic something was seen. Others add values, named
	## ``IN_`` something.
	type Where: enum {
		## Nowhere in particular.
		IN_ANYWHERE,
	};

	## A sighting, as reported to :zeek:see:`Intel::seen`.
	type Seen: record {
		## What was seen, unless it is an address (then *host* is
		## given).
		indicator:       string        &log &optional;

		## Its kind.
		indicator_type:  Type          &log &optional;

		## An address seen (the indicator then is of type
		## :zeek:enum:`Intel::ADDR`).
		host:            addr          &optional;

		## Where it was seen.
		where:           Where         &log;

		## The node that saw it (filled in from
		## :zeek:see:`peer_description` if not given).
		node:            string        &optional &log;

		## The connection it was seen in, if any.
		conn:            connection    &optional;

		## The uid of that connection (taken from *conn* when that
		## is given).
		uid:             string        &optional;
	};

	## The columns of intel.log: one line per sighting that matched.
	type Info: record {
		## When the sighting matched.
		ts:       time           &log;

		## The connection's uid, if it was seen in one.
		uid:      string         &log &optional;
		## The connection's addresses and ports, if it was seen in one.
		id:       conn_id        &log &optional;

		## The sighting.
		seen:     Seen           &log;
		## The kinds of the indicators it matched.
		matched:  TypeSet        &log;
		## The sources of those indicators.
		sources:  set[string]    &log &default=string_set();
	};

	## Adds an indicator, or adds the item's metadata to an indicator
	## known already (replacing what the same source said before).
	global insert: function(item: Item);

	## Removes the item's source from an indicator, and the indicator
	## once no source is left. With *purge_indicator*, the indicator goes
	## at once, whatever the metadata.
	global remove: function(item: Item, purge_indicator: bool &default = F);

	## Reports a sighting, to be checked against the indicators.
	global seen: function(s: Seen);

	## Raised for a sighting of a known indicator, with every item that
	## matched it. In a cluster it may be raised on another node than the
	## sighting and later, so use its arguments rather than other state.
	##
	## .. zeek:see:: Intel::seen_policy
	global match: event(s: Seen, items: set[Item]);

	## Runs before a match is logged (the defaults are filled in at
	## priority 5); breaking out of it keeps the match out of the log.
	##
	## info: The log record.
	##
	## s: The sighting.
	##
	## items: The matching items.
	global extend_match: hook(info: Info, s: Seen, items: set[Item]);

	## Runs for every sighting, once the indicators were searched, on
	## the node where :zeek:see:`Intel::seen` was called. Breaking out of
	## it drops the sighting: no match event, no log line.
	##
	## s: The sighting.
	##
	## found: Whether it matched a known indicator.
	##
	## .. zeek:see:: Intel::match
	global seen_policy: hook(s: Seen, found: bool);

	## How long an indicator lives unless inserted again; it is then
	## handed to :zeek:see:`Intel::item_expired`. Negative: forever.
	const item_expiration = -1 min &redef;

	## Runs when an indicator expires. If every handler runs to the end
	## the indicator stays for another *item_expiration*; a ``break``
	## removes it.
	##
	## indicator: The indicator.
	##
	## indicator_type: Its kind.
	##
	## metas: Its metadata, from every source.
	global item_expired: hook(indicator: string, indicator_type: Type, metas: set[MetaData]);

	## Runs for each item about to be inserted; a ``break`` keeps it out.
	##
	## item: The item.
	global filter_item: hook(item: Intel::Item);

	## Runs when an indicator becomes known: sightings of it match from
	## now on. Inserting it again does not run it again.
	##
	## indicator: The indicator (lower case for string kinds).
	##
	## indiator_type: Its kind.
	##
	## .. zeek:see:: Intel::indicator_removed
	global indicator_inserted: hook(indicator: string, indiator_type: Type);

	## Runs when an indicator is gone: sightings of it no longer match.
	##
	## indicator: The indicator (lower case for string kinds).
	##
	## indiator_type: Its kind.
	##
	## .. zeek:see:: Intel::indicator_inserted
	global indicator_removed: hook(indicator: string, indiator_type: Type);

	## Raised with each line written to intel.log.
	global log_intel: event(rec: Info);
}

# Events by which the nodes of a cluster share indicators and matches
# (outside a cluster they only keep the order of what happens).
global match_remote: event(s: Seen);
global new_item: event(item: Item);
global remove_item: event(item: Item, purge_indicator: bool);
global remove_indicator: event(item: Item);

# Whether this node holds the metadata (a cluster's workers hold only the
# indicators).
const have_full_data = T &redef;

# An indicator's metadata by source.
type MetaDataTable: table[string] of MetaData;

global expire_host_data: function(data: table[addr] of MetaDataTable, idx: addr): interval;
global expire_subnet_data: function(data: table[subnet] of MetaDataTable, idx: subnet): interval;
global expire_string_data: function(data: table[string, Type] of MetaDataTable, value: string, kind: Type): interval;

# The indicators with their metadata: addresses, subnets, and the string
# kinds under their lower-case value.
type DataStore: record {
	host_data:    table[addr] of MetaDataTable &write_expire=item_expiration &expire_func=expire_host_data;
	subnet_data:  table[subnet] of MetaDataTable &write_expire=item_expiration &expire_func=expire_subnet_data;
	string_data:  table[string, Type] of MetaDataTable &write_expire=item_expiration &expire_func=expire_string_data;
};
global data_store: DataStore &redef;

# The indicators alone: what sightings are checked against first, and
# what indicator_inserted and indicator_removed follow.
type MinDataStore: record {
	host_data:    set[addr];
	subnet_data:  set[subnet];
	string_data:  set[string, Type];
};
global min_data_store: MinDataStore &redef;

event zeek_init() &priority=5
	{
	Log::create_stream(LOG, [$columns=Info, $ev=log_intel, $path="intel", $policy=log_policy]);
	}

# The key an indicator is stored under: addresses and subnets as
# themselves (written back as text), strings in lower case.
function normalized(item: Item): string
	{
	switch ( item$indicator_type )
		{
		case ADDR:
			return cat(to_addr(item$indicator));
		case SUBNET:
			return cat(to_subnet(item$indicator));
		default:
			return to_lower(item$indicator);
		}
	}

# The metadata an indicator has, from every source (none if unknown).
function metadata_of(item: Item): MetaDataTable
	{
	switch ( item$indicator_type )
		{
		case ADDR:
			local a = to_addr(item$indicator);
			if ( a in data_store$host_data )
				return data_store$host_data[a];
			break;
		case SUBNET:
			local n = to_subnet(item$indicator);
			if ( n in data_store$subnet_data )
				return data_store$subnet_data[n];
			break;
		default:
			local k = to_lower(item$indicator);
			if ( [k, item$indicator_type] in data_store$string_data )
				return data_store$string_data[k, item$indicator_type];
			break;
		}
	local none: MetaDataTable = table();
	return none;
	}

# Whether the indicator is known.
function item_exists(item: Item): bool
	{
	switch ( item$indicator_type )
		{
		case ADDR:
			local a = to_addr(item$indicator);
			return have_full_data ? a in data_store$host_data : a in min_data_store$host_data;
		case SUBNET:
			local n = to_subnet(item$indicator);
			return have_full_data ? n in data_store$subnet_data : n in min_data_store$subnet_data;
		default:
			local k = to_lower(item$indicator);
			return have_full_data ? [k, item$indicator_type] in data_store$string_data
			                      : [k, item$indicator_type] in min_data_store$string_data;
		}
	}

# An expired indicator: kept for another round if item_expired lets it
# be, removed otherwise.
function expire_item(indicator: string, indicator_type: Type, metas: set[MetaData]): interval
	{
	if ( hook item_expired(indicator, indicator_type, metas) )
		return item_expiration;

	remove(Item($indicator=indicator, $indicator_type=indicator_type, $meta=MetaData($source="")), T);
	return 0 sec;
	}

function metas_of(tbl: MetaDataTable): set[MetaData]
	{
	local metas: set[MetaData] = set();
	for ( _, md in tbl )
		add metas[md];
	return metas;
	}

function expire_host_data(data: table[addr] of MetaDataTable, idx: addr): interval
	{
	return expire_item(cat(idx), ADDR, metas_of(data[idx]));
	}

function expire_subnet_data(data: table[subnet] of MetaDataTable, idx: subnet): interval
	{
	return expire_item(cat(idx), SUBNET, metas_of(data[idx]));
	}

function expire_string_data(data: table[string, Type] of MetaDataTable, value: string, kind: Type): interval
	{
	return expire_item(value, kind, metas_of(data[value, kind]));
	}

# Whether the sighting matches a known indicator.
function find(s: Seen): bool
	{
	if ( ! s?$host )
		{
		local k = to_lower(s$indicator);
		if ( have_full_data )
			return [k, s$indicator_type] in data_store$string_data;
		return [k, s$indicator_type] in min_data_store$string_data;
		}

	if ( have_full_data )
		return s$host in data_store$host_data ||
		       |matching_subnets(s$host as subnet, data_store$subnet_data)| > 0;
	return s$host in min_data_store$host_data ||
	       |matching_subnets(s$host as subnet, min_data_store$subnet_data)| > 0;
	}

# The items a sighting matches: for an address, its own metadata and that
# of each subnet containing it; for a string, under the value as seen.
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
		local k = to_lower(s$indicator);
		if ( [k, s$indicator_type] in data_store$string_data )
			for ( _, md in data_store$string_data[k, s$indicator_type] )
				add found[Item($indicator=s$indicator, $indicator_type=s$indicator_type, $meta=md)];
		return found;
		}

	if ( s$host in data_store$host_data )
		for ( _, md in data_store$host_data[s$host] )
			add found[Item($indicator=cat(s$host), $indicator_type=ADDR, $meta=md)];

	local nets: table[subnet] of MetaDataTable;
	nets = filter_subnet_table(s$host as subnet, data_store$subnet_data);
	for ( net, by_source in nets )
		for ( _, md in by_source )
			add found[Item($indicator=cat(net), $indicator_type=SUBNET, $meta=md)];

	return found;
	}

function seen(s: Seen)
	{
	local found = find(s);

	if ( ! hook seen_policy(s, found) || ! found )
		return;

	if ( s?$host )
		{
		s$indicator = cat(s$host);
		s$indicator_type = ADDR;
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
		Log::write(LOG, info);
	}

# The defaults of a log line: the connection, the kinds and the sources.
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

# Stores the item's metadata under its indicator; T if the indicator was
# not known before. Writing an entry again restarts its expiry.
function insert_meta_data(item: Item): bool
	{
	local fresh = F;
	local none: MetaDataTable = table();
	local by_source: MetaDataTable;

	switch ( item$indicator_type )
		{
		case ADDR:
			local a = to_addr(item$indicator);
			fresh = a !in data_store$host_data;
			data_store$host_data[a] = fresh ? none : data_store$host_data[a];
			by_source = data_store$host_data[a];
			break;
		case SUBNET:
			local n = to_subnet(item$indicator);
			fresh = n !in data_store$subnet_data;
			data_store$subnet_data[n] = fresh ? none : data_store$subnet_data[n];
			by_source = data_store$subnet_data[n];
			break;
		default:
			local k = to_lower(item$indicator);
			local t = item$indicator_type;
			fresh = [k, t] !in data_store$string_data;
			data_store$string_data[k, t] = fresh ? none : data_store$string_data[k, t];
			by_source = data_store$string_data[k, t];
			break;
		}

	by_source[item$meta$source] = item$meta;
	return fresh;
	}

# Adds the indicator to the indicator-only store; T if it is new there.
function add_indicator(item: Item): bool
	{
	switch ( item$indicator_type )
		{
		case ADDR:
			local a = to_addr(item$indicator);
			if ( a in min_data_store$host_data )
				return F;
			add min_data_store$host_data[a];
			return T;
		case SUBNET:
			local n = to_subnet(item$indicator);
			if ( n in min_data_store$subnet_data )
				return F;
			add min_data_store$subnet_data[n];
			return T;
		default:
			local k = to_lower(item$indicator);
			if ( [k, item$indicator_type] in min_data_store$string_data )
				return F;
			add min_data_store$string_data[k, item$indicator_type];
			return T;
		}
	}

# Inserts an item that passed filter_item. first_dispatch: whether other
# nodes may not have it yet.
function _insert(item: Item, first_dispatch: bool &default = T)
	{
	local indicator_new = add_indicator(item);
	local known_before = F;

	if ( have_full_data )
		known_before = ! insert_meta_data(item);

	if ( first_dispatch && ! known_before )
		event Intel::new_item(item);

	if ( indicator_new )
		hook Intel::indicator_inserted(normalized(item), item$indicator_type);
	}

function insert(item: Item)
	{
	if ( hook filter_item(item) )
		_insert(item, T);
	}

# Drops the item's source from its indicator; T if no metadata is left.
function remove_meta_data(item: Item): bool
	{
	if ( ! have_full_data )
		{
		Reporter::warning(fmt("Intel::remove_meta_data was called from a host (%s) that doesn't have the full data.",
		                      peer_description));
		return F;
		}

	local by_source = metadata_of(item);
	delete by_source[item$meta$source];
	return |by_source| == 0;
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
		event Intel::remove_item(item, purge_indicator);
		return;
		}

	if ( ! remove_meta_data(item) && ! purge_indicator )
		return;

	switch ( item$indicator_type )
		{
		case ADDR:
			delete data_store$host_data[to_addr(item$indicator)];
			break;
		case SUBNET:
			delete data_store$subnet_data[to_subnet(item$indicator)];
			break;
		default:
			delete data_store$string_data[to_lower(item$indicator), item$indicator_type];
			break;
		}

	# The indicator-only store follows, as on every node of a cluster.
	event Intel::remove_indicator(item);
	}

event remove_indicator(item: Item)
	{
	local was_there = F;

	switch ( item$indicator_type )
		{
		case ADDR:
			local a = to_addr(item$indicator);
			was_there = a in min_data_store$host_data;
			delete min_data_store$host_data[a];
			break;
		case SUBNET:
			local n = to_subnet(item$indicator);
			was_there = n in min_data_store$subnet_data;
			delete min_data_store$subnet_data[n];
			break;
		default:
			local k = to_lower(item$indicator);
			was_there = [k, item$indicator_type] in min_data_store$string_data;
			delete min_data_store$string_data[k, item$indicator_type];
			break;
		}

	if ( was_there )
		hook Intel::indicator_removed(normalized(item), item$indicator_type);
	}
