##! reporter.log: the reporter's messages (informational messages,
##! warnings and errors, from scripts and from Zeek itself) as a log.
##! Whether they also go to stderr is up to
##! :zeek:see:`Reporter::info_to_stderr`,
##! :zeek:see:`Reporter::warnings_to_stderr` and
##! :zeek:see:`Reporter::errors_to_stderr`. Scripts make messages with
##! the ``Reporter::info``, ``Reporter::warning`` and ``Reporter::error``
##! built-ins.

module Reporter;

export {
	## The reporter.log stream.
	redef enum Log::ID += { LOG };
	## The policy hook of its default filter.
	global log_policy: Log::PolicyHook;

	## A message, as reporter.log records it.
	type Info: record {
		## Network time when it was reported, and how serious it is: INFO
		## (worth knowing), WARNING (a possible problem) or ERROR (a problem
		## that did not stop the run).
		ts: time &log; level: Level &log;
		## The message, and where in the scripts it came from (when it came
		## from one).
		message: string &log; location: string &log &optional;
	};
}

event zeek_init() &priority=5 {
	local stream = Log::Stream($columns=Info, $path="reporter", $policy=log_policy);
	Log::create_stream(Reporter::LOG, stream);
}

# Every message becomes one line of reporter.log. The handlers run late
# (priority -5), after the other handlers of the same message.

function log_message(t: time, lvl: Level, msg: string, location: string) {
	local entry = Info($ts=t, $level=lvl, $message=msg, $location=location);
	Log::write(Reporter::LOG, entry);
}

event reporter_info(t: time, msg: string, location: string) &priority=-5 {
	log_message(t, INFO, msg, location);
}

event reporter_warning(t: time, msg: string, location: string) &priority=-5 {
	log_message(t, WARNING, msg, location);
}

event reporter_error(t: time, msg: string, location: string) &priority=-5 {
	log_message(t, ERROR, msg, location);
}
