##! The declarations every script can rely on: the types, events and
##! options that rzeek itself raises and reads. Loaded before anything else.

## Raised once when the scripts have been loaded, before any input.
global zeek_init: event();

## Raised once when rzeek is about to exit.
global zeek_done: event();

## Raised for each script after it has been loaded.
##
## path: the script's path.
## level: how deeply it was nested in @loads.
global zeek_script_loaded: event(path: string, level: count);
