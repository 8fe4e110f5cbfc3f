##! ACTION_DROP: a notice with this action gets its ``src`` address
##! blocked through NetControl's catch and release (only if the address is
##! not watched already). notice.log then tells whether it was dropped.

@load base/frameworks/notice/main
@load base/frameworks/netcontrol
@load policy/frameworks/netcontrol/catch-and-release

module Notice;

export {
	redef record Info += {
		## Whether ``src`` was blocked.
		dropped: bool &log &default=F;
	};
}

hook notice(n: Notice::Info) &priority=-5
	{
	if ( ACTION_DROP !in n$actions || ! n?$src )
		return;
	# Only addresses catch and release does not know yet.
	if ( NetControl::get_catch_release_info(n$src)$watch_until != double_to_time(0.0) )
		return;
	local why = n?$msg ? fmt("ACTION_DROP: %s", n?$msg) : "ACTION_DROP";
	local bi = NetControl::drop_address_catch_release(n$src, why);
	n$dropped = bi$watch_until != double_to_time(0.0);
	}
