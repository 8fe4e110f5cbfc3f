##! ACTION_EMAIL_ADMIN: mails a notice to the administrators of the local
##! networks its addresses are in (:zeek:see:`Site::local_admins`).
##! rzeek sends no mail; the addresses are still added to the notice's
##! ``email_dest``.

@load ../main
@load base/utils/site

module Notice;

export {
	redef enum Action += {
		## Mail the notice to the administrators that
		## :zeek:see:`Site::get_emails` names for its ``src`` and ``dst``.
		ACTION_EMAIL_ADMIN
	};
}

hook notice(n: Notice::Info)
	{
	if ( ACTION_EMAIL_ADMIN !in n$actions || |Site::local_admins| == 0 )
		return;

	for ( _, a in vector(n?$src ? n$src : 0.0.0.0, n?$dst ? n$dst : 0.0.0.0) )
		{
		if ( a == 0.0.0.0 )
			next;
		local admins = Site::get_emails(a);
		if ( admins != "" )
			add n$email_dest[admins];
		}
	}
