##! Files carried by protocols. rzeek's file analysis asks, through
##! :zeek:see:`get_file_handle`, for a handle naming each file a protocol
##! analyzer delivers; the file's id is a hash of that handle. A protocol
##! script says how its handles are made by registering with
##! :zeek:see:`Files::register_protocol`.

module Files;

export {
	## How a protocol names and describes its files.
	type ProtoRegistration: record {
		## The handle for the file that `c` is about to deliver in the
		## given direction; an empty handle names no file.
		get_file_handle: function(c: connection, is_orig: bool): string;
		## A short description of a file, for messages.
		describe: function(f: fa_file): string &default=function(f: fa_file): string { return ""; };
	};

	## Registers a protocol's way of naming its files; F if the protocol
	## was registered before.
	global register_protocol: function(tag: Analyzer::Tag, reg: ProtoRegistration): bool;
}

global registered_protocols: table[Analyzer::Tag] of ProtoRegistration = table();

function register_protocol(tag: Analyzer::Tag, reg: ProtoRegistration): bool
	{
	local fresh = tag !in registered_protocols;
	registered_protocols[tag] = reg;
	return fresh;
	}

event get_file_handle(tag: Analyzer::Tag, c: connection, is_orig: bool) &priority=5
	{
	if ( tag !in registered_protocols )
		return;
	set_file_handle(registered_protocols[tag]$get_file_handle(c, is_orig));
	}
