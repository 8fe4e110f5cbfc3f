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

	## The policy hook of reporter.log's default filter.
	global log_policy: Log::PolicyHook;

	## A message, as reporter.log records it.
	type Info: record {
		## Network time when it was reported.
		ts: time &log;
		## How serious it is: INFO (worth knowing), WARNING (a possible
		## problem) or ERROR (a problem that did not stop the run).
		level: Level &log;
		## The message.
		message: string &log;
		## Where in the scripts it came from, when it came from one.
		location: string &log &optional;
	};
}

event zeek_init() &priority=5
	{
	Log::create_stream(LOG, Log::Stream($columns=Info, $path="reporter", $policy=log_policy));
	}

# Each level's messages are logged after other handlers had their turn.
function log_message(t: time, lvl: Level, msg: string, location: string)
	{
	Log::write(LOG, Info($ts=t, $level=lvl, $message=msg, $location=location));
	}

event reporter_info(t: time, msg: string, location: string) &priority=-5
	{
	log_message(t, INFO, msg, location);
	}

event reporter_warning(t: time, msg: string, location: string) &priority=-5
	{
	log_message(t, WARNING, msg, location);
	}

event reporter_error(t: time, msg: string, location: string) &priority=-5
	{
	log_message(t, ERROR, msg, location);
	}
