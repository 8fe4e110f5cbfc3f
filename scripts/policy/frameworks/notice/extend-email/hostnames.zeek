##! Adds the host names of a mailed notice's ``src`` and ``dst`` (looked
##! up in DNS) to the mail. The mail waits for the lookups through the
##! notice's ``email_delay_tokens``.
##!
##! rzeek sends no mail and has no DNS lookups (no ``lookup_addr``):
##! without them this script adds nothing.

@load base/frameworks/notice/main

module Notice;

@ifdef ( lookup_addr )

# The notices waiting for names, by a unique id: what the lookups finish
# must change the notice itself, not the copy a when statement works on.
global tmp_notice_storage: table[string] of Notice::Info &create_expire=max_email_delay + 10 secs;

# After the mail addresses are set (priority 0), before mail goes out.
hook notice(n: Notice::Info) &priority=-1
	{
	if ( |n$email_dest| == 0 || ( ! n?$src && ! n?$dst ) )
		return;

	local key = unique_id("");
	tmp_notice_storage[key] = n;

	if ( n?$src )
		{
		add n$email_delay_tokens["hostnames-src"];
		when [key, n] ( local src_name = lookup_addr(n$src) )
			{
			tmp_notice_storage[key]$email_body_sections += cat("orig/src hostname: ", src_name, "\n");
			delete tmp_notice_storage[key]$email_delay_tokens["hostnames-src"];
			}
		}

	if ( n?$dst )
		{
		add n$email_delay_tokens["hostnames-dst"];
		when [key, n] ( local dst_name = lookup_addr(n$dst) )
			{
			tmp_notice_storage[key]$email_body_sections += cat("resp/dst hostname: ", dst_name, "\n");
			delete tmp_notice_storage[key]$email_delay_tokens["hostnames-dst"];
			}
		}
	}

@endif
