# Log::create_stream rejects streams it cannot log, and Log::write
# records that do not fit; nothing is written (so no file is made).
# (Fields of types that cannot be logged cannot carry &log at all: Zeek
# refuses the attribute where it is written.)
module Errs;

export {
	redef enum Log::ID += { LOG, OTHER };
	type Info: record { a: count &log; b: string &optional; };
	type NoLog: record { a: count; };
	global good: event(rec: Info);
	global two: event(rec: Info, n: count);
	global other: event(rec: NoLog);
}

function not_an_event(rec: Info) { }

event zeek_init()
	{
	print Log::create_stream(LOG, [$columns=NoLog]);
	print Log::create_stream(LOG, [$columns=Info, $ev=two]);
	print Log::create_stream(LOG, [$columns=Info, $ev=other]);
	print Log::create_stream(LOG, [$columns=Info, $ev=not_an_event]);
	print Log::create_stream(LOG, [$columns=Info, $ev=good]);
	print Log::write(OTHER, [$a=1]);
	print Log::write(LOG, [$b="no a"]);
	print Log::write(LOG, [$a=1, $c=2]);
	print Log::disable_stream(LOG);
	print Log::write(LOG, [$a=1, $c=2]);
	print Log::enable_stream(OTHER), Log::disable_stream(OTHER);
	print LOG in Log::active_streams, OTHER in Log::active_streams;
	print Log::remove_stream(LOG), LOG in Log::active_streams;
	}
