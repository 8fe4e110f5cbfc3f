##! ACTION_PAGE: mails a notice to a pager address. rzeek sends no mail;
##! the address is still added to the notice's ``email_dest``.

@load ../main

module Notice;

export {
	redef enum Action += {
		## Mail the notice to :zeek:see:`Notice::mail_page_dest`.
		ACTION_PAGE
	};

	## The pager's mail address.
	option mail_page_dest = "";
}

hook notice(n: Notice::Info)
	{
	if ( ACTION_PAGE in n$actions )
		add n$email_dest[mail_page_dest];
	}
