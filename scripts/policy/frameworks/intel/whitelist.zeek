##! Whitelisted items: a match that involves an item whose metadata says
##! ``whitelist`` is not logged.

@load base/frameworks/intel

module Intel;

export {
	redef record Intel::MetaData += {
		## Matches involving this item are not logged.
		whitelist: bool &default=F;
	};
}

# Ahead of the hooks that fill in the log line.
hook Intel::extend_match(info: Info, s: Seen, items: set[Item]) &priority=9
	{
	local listed = F;
	for ( it in items )
		if ( it$meta$whitelist )
			listed = T;

	# Out of the hook: no log line.
	if ( listed )
		break;
	}
