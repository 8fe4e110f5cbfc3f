##! Alarm summaries for people: each alarm is also written, pretty-printed,
##! to alarm-mail.txt, which Zeek mails out when the alarm log rotates
##! (instead of the raw notice_alarm.log). rzeek neither rotates logs nor
##! sends mail, so the file is only written when
##! :zeek:see:`Notice::force_email_summaries` asks for it (or mail is
##! configured), and then stays where it is.

@load ../main

module Notice;

export {
	## Whether alarms are summarised for people.
	const pretty_print_alarms = T &redef;

	## Where the summaries go; :zeek:see:`Notice::mail_dest` when empty.
	const mail_dest_pretty_printed = "" &redef;

	## Alarms with an address in these networks get a second ">" in
	## front, which many mail readers show highlighted.
	global flag_nets: set[subnet] &redef;

	## Writes one alarm to the summary; may be redefined.
	global pretty_print_alarm: function(out: file, n: Info) &redef;

	## Write the summaries even when reading a trace or without a mail
	## address (for testing).
	global force_email_summaries = F &redef;
}

# The summary file, while it is open.
const pp_alarms_name = "alarm-mail.txt";
global pp_alarms: file;
global pp_alarms_open = F;

# Whether summaries are written at all.
function want_pp(): bool
	{
	if ( force_email_summaries )
		return T;
	return pretty_print_alarms && ! from_trace() &&
	       ( mail_dest != "" || mail_dest_pretty_printed != "" );
	}

# Closes the summary; Zeek would mail it now.
function pp_send(rinfo: Log::RotationInfo)
	{
	if ( ! pp_alarms_open )
		return;
	write_file(pp_alarms, "\n\n--\n[Automatically generated]\n\n");
	close(pp_alarms);
	pp_alarms_open = F;

	local dest = mail_dest_pretty_printed == "" ? mail_dest : mail_dest_pretty_printed;
	if ( dest != "" )
		warn_no_mail(fmt("the alarm summary for %s", dest));
	}

function pp_postprocessor(info: Log::RotationInfo): bool
	{
	if ( want_pp() )
		pp_send(info);
	return T;
	}

event zeek_init()
	{
	if ( ! want_pp() )
		return;
	# In Zeek this filter's rotation triggers the mail.
	Log::add_filter(ALARM_LOG, Log::Filter($name="alarm-mail", $writer=Log::WRITER_NONE,
	                                       $interv=Log::default_mail_alarms_interval,
	                                       $postprocessor=pp_postprocessor));
	}

hook notice(n: Notice::Info) &priority=-5
	{
	if ( ACTION_ALARM !in n$actions || ! want_pp() )
		return;
	if ( ! pp_alarms_open )
		{
		pp_alarms = open(pp_alarms_name);
		pp_alarms_open = T;
		}
	pretty_print_alarm(pp_alarms, n);
	}

# Writes an alarm's lines: the first with the remote location added,
# then the message, the sub-message, and the hosts' names.
function do_msg(out: file, n: Info, line1: string, line2: string, line3: string,
                host1: addr, name1: string, host2: addr, name2: string)
	{
@ifdef ( Notice::ACTION_ADD_GEODATA )
	if ( n?$remote_location && n$remote_location?$country_code )
		line1 = cat(line1, " (remote location ", n$remote_location$country_code, ")");
@endif

	local names = "";
	if ( host1 != 0.0.0.0 )
		names = fmt("%s   # %s = %s", names, host1, name1);
	if ( host2 != 0.0.0.0 )
		names = fmt("%s  %s = %s", names, host2, name2);

	print out, line1;
	print out, line2;
	if ( line3 != "" )
		print out, line3;
	if ( names != "" )
		print out, names;
	print out, "";
	}

# The hosts' names are not looked up: rzeek writes "<skipped>" for them,
# as Zeek does when reading a trace.
function pretty_print_alarm(out: file, n: Info)
	{
	local h1 = 0.0.0.0;
	local h2 = 0.0.0.0;
	local who = "";

	if ( n?$id )
		{
		h1 = n$id$orig_h;
		h2 = n$id$resp_h;
		who = fmt("%s:%s -> %s:%s", h1, n$id$orig_p, h2, n$id$resp_p);
		}
	else if ( n?$src )
		{
		h1 = n$src;
		if ( n?$dst )
			{
			h2 = n$dst;
			who = fmt("%s -> %s", h1, h2);
			}
		else
			who = n?$p ? fmt("%s:%s", h1, n$p) : fmt("%s", h1);
		}

	if ( n?$uid )
		who = fmt("%s (uid %s)", who, n$uid);

	local flagged = h1 in flag_nets || h2 in flag_nets;
	local line1 = fmt(">%s %D %s %s", flagged ? ">" : " ", network_time(), n$note, who);
	local line2 = fmt("   %s", n$msg);
	local line3 = n?$sub ? fmt("   %s", n$sub) : "";

	if ( h1 == 0.0.0.0 )
		do_msg(out, n, line1, line2, line3, h1, "", h2, "");
	else
		do_msg(out, n, line1, line2, line3, h1, "<skipped>", h2, "<skipped>");
	}
