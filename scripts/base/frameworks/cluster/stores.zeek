##! Data stores of a cluster, as Zeek declared them for Broker: the kinds
##! of backend and their options, and Cluster::create_store. rzeek has no
##! Broker stores: create_store gives the store's description with no
##! $store handle, so scripts that keep their data in a store when one
##! exists keep it in their own tables instead.

@load ./main

module Broker;

export {
	## How often a clone tries to reach its master again.
	const default_clone_resync_interval = 10sec &redef;
	## How long a clone keeps answering without its master.
	const default_clone_stale_interval = 5min &redef;
	## How long a clone buffers changes while its master is away.
	const default_clone_mutation_buffer_interval = 2min &redef;

	## Where a store keeps its data.
	type BackendType: enum {
		MEMORY,
		SQLITE,
	};

	## What an SQLite store does when its file cannot be opened.
	type SQLiteFailureMode: enum {
		SQLITE_FAILURE_MODE_FAIL,
		SQLITE_FAILURE_MODE_DELETE,
	};

	## SQLite's synchronous pragma.
	type SQLiteSynchronous: enum {
		SQLITE_SYNCHRONOUS_OFF,
		SQLITE_SYNCHRONOUS_NORMAL,
		SQLITE_SYNCHRONOUS_FULL,
		SQLITE_SYNCHRONOUS_EXTRA,
	};

	## SQLite's journal_mode pragma.
	type SQLiteJournalMode: enum {
		SQLITE_JOURNAL_MODE_DELETE,
		SQLITE_JOURNAL_MODE_WAL,
	};

	## The options of an SQLite store.
	type SQLiteOptions: record {
		## The database file.
		path: string &default="";
		## The synchronous pragma, if set.
		synchronous: SQLiteSynchronous &optional;
		## The journal mode, if set.
		journal_mode: SQLiteJournalMode &optional;
		## What to do when the file cannot be opened.
		failure_mode: SQLiteFailureMode &default=SQLITE_FAILURE_MODE_FAIL;
		## Whether the database is checked when opened.
		integrity_check: bool &default=F;
	};

	## The options of a store's backend.
	type BackendOptions: record {
		## For SQLite.
		sqlite: SQLiteOptions &default=SQLiteOptions();
	};
}

module Cluster;

export {
	## The node holding the masters of stores (none: the manager).
	const default_master_node = "" &redef;

	## The backend of stores that need not last.
	const default_backend = Broker::MEMORY &redef;

	## The backend of stores that must last.
	const default_persistent_backend = Broker::SQLITE &redef;

	## Where persistent stores keep their files ("": the current folder).
	const default_store_dir = "" &redef;

	## A data store shared by the nodes of a cluster.
	type StoreInfo: record {
		## Its name.
		name: string &optional;
		## Its handle (never set in rzeek, which has no Broker stores).
		store: opaque of Broker::Store &optional;
		## The node that holds the master.
		master_node: string &default=default_master_node;
		## Whether this node holds it.
		master: bool &default=F;
		## Its backend.
		backend: Broker::BackendType &default=default_backend;
		## The backend's options.
		options: Broker::BackendOptions &default=Broker::BackendOptions();
		## How often a clone tries to reach the master again.
		clone_resync_interval: interval &default=Broker::default_clone_resync_interval;
		## How long a clone answers without the master.
		clone_stale_interval: interval &default=Broker::default_clone_stale_interval;
		## How long a clone buffers changes while the master is away.
		clone_mutation_buffer_interval: interval &default=Broker::default_clone_mutation_buffer_interval;
	};

	## The stores, by name.
	global stores: table[string] of StoreInfo &default=StoreInfo() &redef;

	## Describes (in Zeek: creates) a store: its name, backend and options;
	## persistent ones get default_persistent_backend. Outside a cluster
	## this node holds the master.
	global create_store: function(name: string, persistent: bool &default=F): StoreInfo
		&deprecated="Remove in v9.1. Cluster::create_store() uses Broker stores which are deprecated. To distribute state across cluster nodes, use the new &publish_on_change attribute for global sets/tables, or leverage explicit remote events with Cluster::publish(). For state persistence, use the storage framework.";
}

function create_store(name: string, persistent: bool &default=F): StoreInfo
	{
	local info = stores[name];
	info$name = name;
	if ( default_store_dir != "" && info$options$sqlite$path == "" )
		info$options$sqlite$path = default_store_dir + "/" + name + ".sqlite";
	if ( persistent && info$backend == Broker::MEMORY )
		info$backend = default_persistent_backend;
	info$master = ! is_enabled() || info$master_node == node ||
	              (info$master_node == "" && local_node_type() == MANAGER);
	stores[name] = info;
	return info;
	}
