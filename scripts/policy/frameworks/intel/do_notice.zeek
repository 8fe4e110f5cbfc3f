##! Notices for intelligence matches: an item whose metadata says
##! ``do_notice`` (and, with ``if_in``, where it must be seen) raises an
##! Intel::Notice when it matches.

@load base/frameworks/intel
@load base/frameworks/notice

module Intel;

export {
	redef enum Notice::Type += {
		## An indicator marked as notice-worthy was seen.
		Intel::Notice
	};

	redef record Intel::MetaData += {
		## Whether a match of the indicator raises a notice.
		do_notice: bool &default=F;

		## Where it must have been seen for the notice (anywhere by
		## default).
		if_in: Intel::Where &default=IN_ANYWHERE;
	};
}

# The notice's identifier: the indicator with both addresses of the
# connection, smaller first, so either direction suppresses the other.
function notice_identifier(s: Seen): string
	{
	local id = s$indicator;
	if ( ! s$conn?$id )
		return id;
	local a = s$conn$id$orig_h;
	local b = s$conn$id$resp_h;
	return a < b ? cat(id, a, b) : cat(id, b, a);
	}

function wants_notice(s: Seen, md: MetaData): bool
	{
	return md$do_notice && ( md$if_in == IN_ANYWHERE || md$if_in == s$where );
	}

event Intel::match(s: Seen, items: set[Item])
	{
	for ( it in items )
		{
		if ( ! wants_notice(s, it$meta) )
			next;

		local n = Notice::Info($note=Intel::Notice, $sub=s$indicator,
		                       $msg=fmt("Intel hit on %s at %s", s$indicator, s$where));
		local services = "";
		if ( s?$conn )
			{
			n$conn = s$conn;
			n$identifier = notice_identifier(s);
			if ( s$conn?$service )
				for ( svc in s$conn$service )
					services = cat(services, svc, " ");
			}

		# For the e-mail a notice may send.
		n$email_body_sections = vector(fmt("Service: %s\n", services),
		                               fmt("Intel source: %s\n", it$meta$source));
		NOTICE(n);
		}
	}
