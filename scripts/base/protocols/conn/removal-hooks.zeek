##! Connection removal hooks: a script registers a hook on a connection and
##! it runs when the connection is removed, inside
##! :zeek:see:`connection_state_remove`. Each hook runs once per
##! connection, however often it was registered. A protocol script can
##! so clean up after the connections it saw without every connection
##! paying for a handler of its own.

module Conn;

export {
	## The type of a removal hook: it receives the connection being
	## removed, from within :zeek:see:`connection_state_remove`.
	type RemovalHook: hook(c: connection);

	## Registers a hook to run when the connection is removed.
	##
	## c: the connection.
	## hk: the hook to run.
	##
	## Returns: false if the hook was registered on this connection
	##          already, true otherwise.
	global register_removal_hook: function(c: connection, hk: RemovalHook): bool;

	## Withdraws a hook registered with
	## :zeek:see:`Conn::register_removal_hook`.
	##
	## c: the connection.
	## hk: the hook to withdraw.
	##
	## Returns: true if the hook was registered and is now withdrawn,
	##          false if it was not registered.
	global unregister_removal_hook: function(c: connection, hk: RemovalHook): bool;
}

redef record connection += {
	## The removal hooks registered on this connection.
	removal_hooks: set[Conn::RemovalHook] &optional;
};

function register_removal_hook(c: connection, hk: RemovalHook): bool
	{
	if ( ! c?$removal_hooks )
		c$removal_hooks = set();

	if ( hk in c$removal_hooks )
		return F;

	add c$removal_hooks[hk];
	return T;
	}

function unregister_removal_hook(c: connection, hk: RemovalHook): bool
	{
	if ( ! c?$removal_hooks || hk !in c$removal_hooks )
		return F;

	delete c$removal_hooks[hk];
	return T;
	}

# Runs late so that other handlers of the event see the connection first.
event connection_state_remove(c: connection) &priority=-3
	{
	if ( ! c?$removal_hooks )
		return;

	for ( hk in c$removal_hooks )
		hook hk(c);
	}
