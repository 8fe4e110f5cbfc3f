##! The intelligence framework: indicators (addresses, subnets, domains,
##! URLs, hashes and more) are inserted with metadata about where they came
##! from; scripts report what they see in traffic with
##! :zeek:see:`Intel::seen`, and a sighting of a known indicator raises
##! :zeek:see:`Intel::match` and is written to intel.log.
##!
##! Indicators of string types are matched without regard to case. An
##! address also matches every inserted subnet that contains it. Files
##! are indicators too (by hash or name), and a sighting in a file says
##! so in intel.log (see ``./files``).

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
		## A file hash, of any hash function (the sightings say which
		## hashes they look up).
		FILE_HASH,
		## A file name, where a protocol names its files.
		FILE_NAME,
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

		## The file it was seen in, if any.
		f:               fa_file       &optional;

		## The id of that file (taken from *f* when that is given).
		fuid:            string        &optional;
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

		## The id of the file the match came from.
		fuid:           string   &log &optional;
		## That file's MIME type, if known.
		file_mime_type: string   &log &optional;
		## A short description of that file.
		file_desc:      string   &log &optional;
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

# How the nodes of a cluster pass indicators and matches around. A
# single process has no one to tell: it only raises new_item, for
# scripts that follow what gets inserted.
global match_remote: event(s: Seen);
global new_item: event(item: Item);
global remove_item: event(item: Item, purge_indicator: bool);
global remove_indicator: event(item: Item);

# What the sources say about one indicator, by source.
type Sources: table[string] of MetaData;

global addr_expired: function(t: table[addr] of Sources, a: addr): interval;
global net_expired: function(t: table[subnet] of Sources, n: subnet): interval;
global string_expired: function(t: table[string, Type] of Sources, value: string, kind: Type): interval;

# The indicators: addresses, subnets, and every other kind under its
# lower-cased value. Writing an entry restarts its expiry. (`in` on the
# subnets finds any subnet around the one asked for: check_subnet is the
# exact test.)
global known_addrs: table[addr] of Sources
	&write_expire=item_expiration &expire_func=addr_expired;
global known_nets: table[subnet] of Sources
	&write_expire=item_expiration &expire_func=net_expired;
global known_strings: table[string, Type] of Sources
	&write_expire=item_expiration &expire_func=string_expired;

# Tells indicator_removed, after the events queued before (the hook
# follows the indicator store as it would on a cluster's workers).
global announce_removal: event(indicator: string, kind: Type);

event zeek_init() &priority=5
	{
	Log::create_stream(LOG, [$columns=Info, $ev=log_intel, $path="intel", $policy=log_policy]);
	}

# The sources of an item's indicator, if it is known. The table returned
# is the stored one.
function sources_of(item: Item): Sources
	{
	local kind = item$indicator_type;
	if ( kind == ADDR )
		{
		local a = to_addr(item$indicator);
		if ( a in known_addrs )
			return known_addrs[a];
		}
	else if ( kind == SUBNET )
		{
		local n = to_subnet(item$indicator);
		if ( check_subnet(n, known_nets) )
			return known_nets[n];
		}
	else if ( [to_lower(item$indicator), kind] in known_strings )
		return known_strings[to_lower(item$indicator), kind];

	local nothing: Sources = table();
	return nothing;
	}

function is_known(item: Item): bool
	{
	switch ( item$indicator_type ) {
	case ADDR:
		return to_addr(item$indicator) in known_addrs;
	case SUBNET:
		return check_subnet(to_subnet(item$indicator), known_nets);
	default:
		return [to_lower(item$indicator), item$indicator_type] in known_strings;
	}
	}

# Stores what the item's source says; T if the indicator is new. The
# entry is written even when it was there, so that it expires later.
function store(item: Item): bool
	{
	local kind = item$indicator_type;
	local src = item$meta$source;
	local fresh: bool;

	if ( kind == ADDR )
		{
		local a = to_addr(item$indicator);
		fresh = a !in known_addrs;
		local at_a: Sources = fresh ? table() : known_addrs[a];
		at_a[src] = item$meta;
		known_addrs[a] = at_a;
		}
	else if ( kind == SUBNET )
		{
		local n = to_subnet(item$indicator);
		fresh = ! check_subnet(n, known_nets);
		local at_n: Sources = fresh ? table() : known_nets[n];
		at_n[src] = item$meta;
		known_nets[n] = at_n;
		}
	else
		{
		local v = to_lower(item$indicator);
		fresh = [v, kind] !in known_strings;
		local at_v: Sources = fresh ? table() : known_strings[v, kind];
		at_v[src] = item$meta;
		known_strings[v, kind] = at_v;
		}

	return fresh;
	}

# Drops the indicator of the item, whatever its sources.
function drop(item: Item)
	{
	switch ( item$indicator_type ) {
	case ADDR:
		delete known_addrs[to_addr(item$indicator)];
		break;
	case SUBNET:
		delete known_nets[to_subnet(item$indicator)];
		break;
	default:
		delete known_strings[to_lower(item$indicator), item$indicator_type];
		break;
	}
	}

# The indicator as the hooks name it: addresses and subnets written
# out again, other kinds lower-cased.
function hook_name(item: Item): string
	{
	switch ( item$indicator_type ) {
	case ADDR:
		return cat(to_addr(item$indicator));
	case SUBNET:
		return cat(to_subnet(item$indicator));
	default:
		return to_lower(item$indicator);
	}
	}

function insert(item: Item)
	{
	if ( ! hook filter_item(item) )
		return;

	if ( store(item) )
		{
		event Intel::new_item(item);
		hook Intel::indicator_inserted(hook_name(item), item$indicator_type);
		}
	}

function remove(item: Item, purge_indicator: bool)
	{
	if ( ! is_known(item) )
		{
		Reporter::info(fmt("Tried to remove non-existing item '%s' (%s).",
		                   item$indicator, item$indicator_type));
		return;
		}

	local left = sources_of(item);
	delete left[item$meta$source];
	if ( |left| > 0 && ! purge_indicator )
		return;

	drop(item);
	event Intel::announce_removal(hook_name(item), item$indicator_type);
	}

event Intel::announce_removal(indicator: string, kind: Type)
	{
	hook Intel::indicator_removed(indicator, kind);
	}

# An indicator's time is up: it stays for another round if every
# item_expired handler lets it, and goes otherwise.
function expired(indicator: string, kind: Type, by_source: Sources): interval
	{
	local metas: set[MetaData] = set();
	for ( _, md in by_source )
		add metas[md];

	if ( hook item_expired(indicator, kind, metas) )
		return item_expiration;

	remove([$indicator=indicator, $indicator_type=kind, $meta=[$source=""]], T);
	return 0 secs;
	}

function addr_expired(t: table[addr] of Sources, a: addr): interval
	{
	return expired(cat(a), ADDR, t[a]);
	}

function net_expired(t: table[subnet] of Sources, n: subnet): interval
	{
	return expired(cat(n), SUBNET, t[n]);
	}

function string_expired(t: table[string, Type] of Sources, value: string, kind: Type): interval
	{
	return expired(value, kind, t[value, kind]);
	}

# What a sighting matches. An address brings its own entry and those of
# the subnets around it; a string is looked up in lower case, and its
# items carry it as it was seen.
function matching_items(s: Seen): set[Item]
	{
	local hits: set[Item] = set();

	if ( s?$host )
		{
		if ( s$host in known_addrs )
			for ( _, md in known_addrs[s$host] )
				add hits[[$indicator=cat(s$host), $indicator_type=ADDR, $meta=md]];

		local around: table[subnet] of Sources;
		around = filter_subnet_table(s$host as subnet, known_nets);
		for ( net, by_source in around )
			for ( _, md in by_source )
				add hits[[$indicator=cat(net), $indicator_type=SUBNET, $meta=md]];
		}
	else if ( [to_lower(s$indicator), s$indicator_type] in known_strings )
		{
		for ( _, md in known_strings[to_lower(s$indicator), s$indicator_type] )
			add hits[[$indicator=s$indicator, $indicator_type=s$indicator_type, $meta=md]];
		}

	return hits;
	}

function seen(s: Seen)
	{
	local hits = matching_items(s);

	# The policy hook sees the sighting as it was reported.
	if ( ! hook seen_policy(s, |hits| > 0) || |hits| == 0 )
		return;

	if ( s?$host )
		{
		s$indicator = cat(s$host);
		s$indicator_type = ADDR;
		}
	if ( ! s?$node )
		s$node = peer_description;

	event Intel::match(s, hits);
	}

# Logs the match, unless an extend_match handler breaks.
event Intel::match(s: Seen, items: set[Item]) &priority=5
	{
	local line = Info($ts=network_time(), $seen=s, $matched=TypeSet());
	if ( hook extend_match(line, s, items) )
		Log::write(LOG, line);
	}

# The defaults of a log line: the connection, and the kinds and sources
# that matched.
hook extend_match(info: Info, s: Seen, items: set[Item]) &priority=5
	{
	if ( s?$conn )
		{
		info$id = s$conn$id;
		s$uid = s$conn$uid;
		}
	if ( s?$uid )
		info$uid = s$uid;

	for ( it in items )
		{
		add info$sources[it$meta$source];
		add info$matched[it$indicator_type];
		}
	}
