##! The notice framework: scripts call :zeek:see:`NOTICE` when they see
##! something a site may want to know about, and the site's policy (the
##! :zeek:see:`Notice::policy` hook and the shortcut sets below) decides
##! what is done with it: logged to notice.log, alarmed into
##! notice_alarm.log, mailed, ignored. A notice with an ``identifier`` is
##! suppressed for a while after it was raised, so that the same thing is
##! reported once rather than on every occurrence.
##!
##! rzeek does not send mail. The mail actions are applied as in Zeek
##! (they show in the log's ``actions`` and ``email_dest``), but when a
##! notice would be mailed rzeek reports a warning instead (see
##! :zeek:see:`Notice::email_notice_to`).

# Zeek always has the file analysis framework loaded (notices describe
# files with it); rzeek loads it here.
@load base/frameworks/files

module Notice;

export {
	# -- What notices are and what may be done with them -------------

	## The kinds of notices. Scripts add their own, named by a category
	## and what happened with words joined by underscores, such as
	## ``SSH::Password_Guessing``.
	type Type: enum {
		## How often some notice occurred.
		Tally,
	};

	## What may be done with a notice.
	type Action: enum {
		## Nothing.
		ACTION_NONE,
		## Write it to notice.log.
		ACTION_LOG,
		## Mail it to :zeek:see:`Notice::mail_dest` (rzeek does not send
		## mail).
		ACTION_EMAIL,
		## Treat it as an alarm: write it to notice_alarm.log, whose
		## contents Zeek mails in bulk.
		ACTION_ALARM,
		## Block its source address, as the loaded policy scripts
		## implement it (see policy/frameworks/notice/actions/drop).
		ACTION_DROP,
	};

	## A set of actions.
	type ActionSet: set[Notice::Action];

	# -- A notice ----------------------------------------------------

	## How long a notice with an identifier is suppressed by default
	## after it was raised; 0 turns suppression off.
	option default_suppression_interval: interval = 1 hr;

	## A notice, and what notice.log records of it.
	type Info: record {
		## When it happened (network time when :zeek:see:`NOTICE` was
		## called, unless given); the uid and endpoints of the connection
		## concerned.
		ts: time &log &optional; uid: string &log &optional; id: conn_id &log &optional;
		## The connection concerned, which gives ``uid`` and ``id`` (and so
		## ``src``, ``dst`` and ``p``) when they are not set; and the file
		## concerned, which gives the file fields.
		conn: connection &optional; f: fa_file &optional;
		## The file fields: its id, MIME type, and a description such as
		## the URL it was fetched from.
		fuid: string &log &optional; file_mime_type: string &log &optional;
		file_desc: string &log &optional;
		## The transport protocol (from ``p``) and the kind of notice.
		proto: transport_proto &log &optional; note: Type &log;
		## What happened, for people to read, and more detail (also for
		## policies to match on).
		msg: string &log &optional; sub: string &log &optional;
		## The addresses concerned (with a connection, originator and
		## responder), the port (the responder's), and a number that goes
		## with the notice, such as a count or status.
		src: addr &log &optional; dst: addr &log &optional;
		p: port &log &optional; n: count &log &optional;
		## The node that raised it, in a cluster: its name, and its name,
		## address and port.
		peer_name: string &optional; peer_descr: string &log &optional;
		## What was done with it, and where it was (to be) mailed.
		actions: ActionSet &log &default=ActionSet();
		email_dest: set[string] &log &default=set();
		## Text that mail about the notice includes (added by scripts
		## handling :zeek:see:`Notice::notice`), and tokens that hold the
		## mail back while any are left (at most
		## :zeek:see:`Notice::max_email_delay`).
		email_body_sections: vector of string &optional;
		email_delay_tokens: set[string] &optional;
		## What makes two notices of one type the same thing: a second
		## notice with the same type and identifier is suppressed for
		## ``suppress_for`` after the first. Without it nothing is
		## suppressed.
		identifier: string &optional;
		suppress_for: interval &log &default=default_suppression_interval;
	};

	## What a notice takes from a file: its id, its description (from
	## :zeek:see:`Files::describe`), its MIME type if known, and the
	## endpoints and uid of a connection that carried it.
	type FileInfo: record {
		fuid: string; desc: string; mime: string &optional;
		cid: conn_id &optional; cuid: string &optional;
	};

	## The file fields of a notice, from a file.
	##
	## f: the file.
	##
	## Returns: its id, description, type and a connection that carried
	##          it.
	global create_file_info: function(f: fa_file): Notice::FileInfo;

	## Fills a notice's file fields from a file.
	##
	## f: the file.
	##
	## n: the notice.
	global populate_file_info: function(f: fa_file, n: Notice::Info);

	## Fills a notice's file fields from what
	## :zeek:see:`Notice::create_file_info` returned.
	##
	## fi: the file fields.
	##
	## n: the notice.
	global populate_file_info2: function(fi: Notice::FileInfo, n: Notice::Info);

	# -- The policy --------------------------------------------------

	## The site's notice policy: its bodies may change a notice (add
	## actions, change ``suppress_for``) or drop it by breaking.
	global policy: hook(n: Notice::Info);

	## Types of notices that are dropped without any action, not even
	## logging.
	option ignored_types: set[Notice::Type] = set();
	## Types of notices that are mailed.
	option emailed_types: set[Notice::Type] = set();
	## Types of notices that are alarms.
	option alarmed_types: set[Notice::Type] = set();
	## Types of notices that are never suppressed.
	option not_suppressed_types: set[Notice::Type] = set();
	## How long notices of a type are suppressed, instead of their own
	## ``suppress_for``.
	const type_suppression_intervals: table[Notice::Type] of interval = table() &redef;

	## Fills a notice's missing fields and runs the policy on it; called
	## by :zeek:see:`NOTICE`.
	##
	## n: the notice.
	global apply_policy: function(n: Notice::Info);

	## Where a notice goes once the policy has been applied: its bodies
	## carry out the actions (logging at priority -5).
	##
	## n: the notice.
	global notice: hook(n: Info);

	# -- Suppression -------------------------------------------------

	## Whether a notice is suppressed now (raising
	## :zeek:see:`Notice::suppressed` if it is).
	##
	## n: the notice.
	global is_being_suppressed: function(n: Notice::Info): bool;

	## Raised for each notice dropped because it is suppressed.
	##
	## n: the notice.
	global suppressed: event(n: Notice::Info);

	## Raised when a notice starts being suppressed.
	##
	## ts: when the notice happened.
	##
	## suppress_for: for how long it is suppressed.
	##
	## note: its type.
	##
	## identifier: its identifier.
	global begin_suppression: event(ts: time, suppress_for: interval, note: Type, identifier: string);

	## How long suppressions are collected before they are sent to the
	## other nodes of a cluster (rzeek runs alone: nothing is sent).
	option suppression_batch_period: interval = 10 msec;

	## How many suppressions are collected at most before they are sent;
	## 0 sends each at once.
	option suppression_batch_max_size: count = 50;

	# -- The logs ----------------------------------------------------

	redef enum Log::ID += {
		## notice.log: the notices whose actions include logging.
		LOG,
		## notice_alarm.log: the notices that are alarms.
		ALARM_LOG,
	};

	## The policy hook of notice.log's default filter.
	global log_policy: Log::PolicyHook;
	## The policy hook of notice_alarm.log's default filter.
	global log_policy_alarm: Log::PolicyHook;

	## Raised with each notice written to notice.log.
	##
	## rec: the notice.
	global log_notice: event(rec: Info);

	# -- Mail --------------------------------------------------------

	## The mail program Zeek pipes notices to (rzeek sends no mail).
	option sendmail: string = "/usr/sbin/sendmail";
	## Where mailed notices (and alarm summaries) go unless a notice
	## names its own ``email_dest``.
	const mail_dest: string = "" &redef;
	## The sender of notice mail.
	option mail_from: string = "Zeek <zeek@localhost>";
	## The Reply-To of notice mail, if not empty.
	option reply_to: string = "";
	## What the subject of notice mail starts with.
	option mail_subject_prefix: string = "[Zeek]";
	## How long mail may wait for ``email_delay_tokens`` to go.
	const max_email_delay: interval = 15 secs &redef;

	## Mails a notice. rzeek sends no mail: unless reading a trace or
	## given no address, it reports (once) that the mail was not sent.
	##
	## n: the notice.
	##
	## dest: the address.
	##
	## extend: whether to wait for ``email_delay_tokens`` and add the
	##         ``email_body_sections``.
	global email_notice_to: function(n: Info, dest: string, extend: bool);

	## The header lines of notice mail, to which a body is appended.
	##
	## subject_desc: the subject, after the prefix.
	##
	## dest: the recipient.
	##
	## Returns: the From, Subject, To, User-Agent (and Reply-To) lines.
	global email_headers: function(subject_desc: string, dest: string): string;

	## A log postprocessor that mails a rotated log to
	## :zeek:see:`Notice::mail_dest` and removes it. rzeek neither rotates
	## logs nor sends mail: it warns instead.
	##
	## info: the rotated log.
	##
	## Returns: true.
	global log_mailing_postprocessor: function(info: Log::RotationInfo): bool;
}

module Notice;

# Whether packets come from a trace file: Zeek sends no mail then.
function from_trace(): bool {
	local src = packet_source();
	return src?$path && ! src$live;
}

# How much longer a suppression has to run once its entry's first expiry
# round comes: the entry is kept for that long, then dropped.
function time_left(t: table[Type, string] of time, note: Type, id: string): interval {
	local left = t[note, id] - network_time();
	return left > 0 secs ? left : 0 secs;
}

# The suppressions in force: the time each (type, identifier) pair is
# suppressed until.
global suppressed_until: table[Type, string] of time = table()
	&create_expire=0 secs &expire_func=time_left;

# rzeek reports the lack of mail once per run.
global said_no_mail: bool = F;

function no_mail(what: string) {
	if ( ! said_no_mail )
		Reporter::warning(fmt("rzeek does not send mail: %s is not mailed", what));
	said_no_mail = T;
}

# Whether mail would be sent if rzeek sent any: to someone, from live
# traffic.
function would_mail(dest: string): bool {
	return dest != "" && ! from_trace();
}

function log_mailing_postprocessor(info: Log::RotationInfo): bool {
	if ( would_mail(mail_dest) )
		no_mail(fmt("log %s", info$fname));
	return T;
}

function email_headers(subject_desc: string, dest: string): string {
	local head = fmt("From: %s\nSubject: %s %s\nTo: %s\nUser-Agent: Zeek/%s\n",
	                 mail_from, mail_subject_prefix, subject_desc, dest, zeek_version());
	return reply_to == "" ? head : fmt("%sReply-To: %s\n", head, reply_to);
}

function email_notice_to(n: Notice::Info, dest: string, extend: bool) {
	if ( would_mail(dest) )
		no_mail(fmt("notice %s for %s", n$note, dest));
}

function is_being_suppressed(n: Notice::Info): bool {
	local held = n?$identifier && [n$note, n$identifier] in suppressed_until;
	if ( held )
		event Notice::suppressed(n);
	return held;
}

# Starts suppressing the notices like `n`, unless it carries nothing to
# recognise them by, asks for no suppression, or they are suppressed
# already.
function start_suppressing(n: Notice::Info) {
	if ( ! n?$identifier || n$suppress_for == 0 secs )
		return;
	if ( [n$note, n$identifier] in suppressed_until )
		return;
	local until = n$ts + n$suppress_for;
	event Notice::begin_suppression(n$ts, n$suppress_for, n$note, n$identifier);
	suppressed_until[n$note, n$identifier] = until;
}

event Notice::begin_suppression(ts: time, suppress_for: interval, note: Type, identifier: string) {
	suppressed_until[note, identifier] = ts + suppress_for;
}

function create_file_info(f: fa_file): Notice::FileInfo {
@ifdef ( Files::describe )
	local desc = Files::describe(f);
@else
	local desc = "";
@endif
	local info = FileInfo($fuid=f$id, $desc=desc);

	if ( f?$info ) {
		local finfo = f$info;
		if ( finfo?$mime_type )
			info$mime = finfo$mime_type;
	}

	# Any one connection that carried the file will do: the first.
	if ( f?$conns ) {
		for ( id, c in f$conns ) {
			info$cid = id;
			info$cuid = c$uid;
			break;
		}
	}

	return info;
}

function populate_file_info2(fi: Notice::FileInfo, n: Notice::Info) {
	# The file's id and type fill what the notice leaves open; its
	# description, and the connection that carried it, always apply.
	n$fuid = n?$fuid ? n$fuid : fi$fuid;
	if ( fi?$mime )
		n$file_mime_type = n?$file_mime_type ? n$file_mime_type : fi$mime;
	n$file_desc = fi$desc;

	if ( fi?$cid )
		n$id = fi$cid;
	if ( fi?$cuid )
		n$uid = fi$cuid;
}

function populate_file_info(f: fa_file, n: Notice::Info) {
	local fi = create_file_info(f);
	populate_file_info2(fi, n);
}

# Takes the connection's endpoints and uid, where the notice lacks them.
function take_connection(n: Notice::Info, c: connection) {
	n$id = n?$id ? n$id : c$id;
	n$uid = n?$uid ? n$uid : c$uid;
}

# Takes the addresses and port from the endpoints, where the notice lacks
# them: originator, responder, and the responder's port.
function take_endpoints(n: Notice::Info, cid: conn_id) {
	n$src = n?$src ? n$src : cid$orig_h;
	n$dst = n?$dst ? n$dst : cid$resp_h;
	n$p = n?$p ? n$p : cid$resp_p;
}

function apply_policy(n: Notice::Info) {
	n$ts = n?$ts ? n$ts : network_time();

	if ( n?$f )
		populate_file_info(n$f, n);
	if ( n?$conn )
		take_connection(n, n$conn);
	if ( n?$id )
		take_endpoints(n, n$id);
	if ( n?$p )
		n$proto = get_port_transport_proto(n$p);

	# Scripts handling Notice::notice may add to these.
	n$email_body_sections = n?$email_body_sections ? n$email_body_sections : vector();
	n$email_delay_tokens = n?$email_delay_tokens ? n$email_delay_tokens : set();

	hook Notice::policy(n);

	# Unless the policy chose an interval, the default applies.
	n$suppress_for = n?$suppress_for ? n$suppress_for : default_suppression_interval;
}

event zeek_init() &priority=5 {
	Log::create_stream(LOG, Log::Stream($columns=Info, $path="notice", $ev=log_notice,
	                                    $policy=log_policy));
	Log::create_stream(ALARM_LOG, Log::Stream($columns=Info, $path="notice_alarm",
	                                          $policy=log_policy_alarm));

	# Zeek mails the alarms of each day in one message; rzeek cannot.
	if ( would_mail(mail_dest) )
		no_mail(fmt("the alarm summary for %s", mail_dest));
}

# The shortcut sets, applied before the site's own policy bodies.
hook Notice::policy(n: Notice::Info) &priority=10 {
	local t = n$note;
	if ( t in ignored_types )
		break;

	if ( t in not_suppressed_types )
		n$suppress_for = 0 secs;
	if ( t in alarmed_types )
		add n$actions[ACTION_ALARM];
	if ( t in emailed_types )
		add n$actions[ACTION_EMAIL];
	if ( t in type_suppression_intervals )
		n$suppress_for = type_suppression_intervals[t];

	# Logged by default; a later body may take the action away.
	add n$actions[ACTION_LOG];
}

hook Notice::notice(n: Notice::Info) {
	# A notice to be mailed goes to the site's address too.
	if ( ACTION_EMAIL in n$actions )
		add n$email_dest[mail_dest];
}

hook Notice::notice(n: Notice::Info) &priority=-5 {
	for ( dest in n$email_dest )
		email_notice_to(n, dest, T);

	local acts = n$actions;
	if ( ACTION_LOG in acts )
		Log::write(LOG, n);
	if ( ACTION_ALARM in acts )
		Log::write(ALARM_LOG, n);

	start_suppressing(n);
}

module GLOBAL;

## Raises a notice. One that is suppressed is dropped (raising
## :zeek:see:`Notice::suppressed`); any other has its missing fields
## filled and the policy applied, and then the :zeek:see:`Notice::notice`
## hook carries out its actions.
##
## n: the notice.
function NOTICE(n: Notice::Info) {
	if ( ! Notice::is_being_suppressed(n) ) {
		Notice::apply_policy(n);
		hook Notice::notice(n);
	}
}
