##! Checking whether a script could be loaded.

@ifdef ( find_in_zeekpath )
## Whether a script is found on the script search path, so that an
## ``@if ( can_load("...") )`` can load it only where it exists.
##
## p: the script, as @load names it.
##
## Returns: T if it is found.
function can_load(p: string): bool
	{
	return find_in_zeekpath(p) != "";
	}
@endif
