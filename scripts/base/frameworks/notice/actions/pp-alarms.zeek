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
		no_mail(fmt("the alarm summary for %s", dest));
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

# One alarm in the summary: a header line (a second ">" when a host is in
# flag_nets; the time, the notice type, the endpoints and, when known, the
# remote location), the message, the sub-message if any, the hosts and
# their names, and an empty line. rzeek does not look names up: they are
# "<skipped>", as Zeek writes them when it reads a trace.
function pretty_print_alarm(out: file, n: Info)
	{
	# The hosts involved; 0.0.0.0 stands for none.
	local a = 0.0.0.0;
	local b = 0.0.0.0;
	local endpoints = "";
	if ( n?$id )
		{
		a = n$id$orig_h;
		b = n$id$resp_h;
		endpoints = fmt("%s:%s -> %s:%s", a, n$id$orig_p, b, n$id$resp_p);
		}
	else if ( n?$src )
		{
		a = n$src;
		endpoints = cat(a);
		if ( n?$dst )
			{
			b = n$dst;
			endpoints += fmt(" -> %s", b);
			}
		else if ( n?$p )
			endpoints += fmt(":%s", n$p);
		}
	if ( n?$uid )
		endpoints += fmt(" (uid %s)", n$uid);

	local mark = ( a in flag_nets || b in flag_nets ) ? ">" : " ";
	local lines = vector(fmt(">%s %D %s %s", mark, network_time(), n$note, endpoints));
@ifdef ( Notice::ACTION_ADD_GEODATA )
	if ( n?$remote_location && n$remote_location?$country_code )
		lines[0] += fmt(" (remote location %s)", n$remote_location$country_code);
@endif
	lines += "   " + n$msg;
	if ( n?$sub )
		lines += "   " + n$sub;

	local names = "";
	if ( a != 0.0.0.0 )
		names += fmt("   # %s = <skipped>", a);
	if ( b != 0.0.0.0 )
		# Without a first host Zeek looks no name up.
		names += fmt("  %s = %s", b, a == 0.0.0.0 ? "" : "<skipped>");
	if ( names != "" )
		lines += names;
	lines += "";

	for ( _, line in lines )
		print out, line;
	}
