##! Options of the raw reader, which delivers a file line by line: each
##! line fills the one string field of the stream's record.

module InputRaw;

export {
	## What ends a record (a line) in the source.
	const record_separator = "\n" &redef;

	## Raised when a command run by the raw reader has ended (commands are
	## not run by rzeek).
	global process_finished: event(name: string, source:string, exit_code:count, signal_exit:bool);
}
