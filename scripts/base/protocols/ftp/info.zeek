##! FTP::Info, the record of an FTP control session that ftp.log's lines
##! are written from, kept apart from main so that utilities can use it.

@load ./utils-commands

module FTP;

export {
	## Whether ftp.log shows the passwords of logins other than the
	## guest ones (see guest_ids); otherwise they read "<hidden>".
	option default_capture_password = F;

	## A data connection a command or reply announced.
	type ExpectedDataChannel: record {
		## Whether the server is to listen (PASV/EPSV) rather than the
		## client (PORT/EPRT).
		passive: bool &log;
		## Who will connect, and to where.
		orig_h: addr &log; resp_h: addr &log; resp_p: port &log;
	};

	## A line of ftp.log, and the session state it is taken from.
	type Info: record {
		ts: time &log;	##< When the command was sent.
		## The connection's uid and addresses.
		uid: string &log; id: conn_id &log;
		user: string &log &default="<unknown>";	##< The login name.
		password: string &log &optional;	##< The password, when it may be shown.
		## The command and its argument (for file commands, the file's
		## URL).
		command: string &log &optional; arg: string &log &optional;
		## The MIME type and size of the file the command moved.
		mime_type: string &log &optional; file_size: count &log &optional;
		## The reply to the command.
		reply_code: count &log &optional; reply_msg: string &log &optional;
		data_channel: ExpectedDataChannel &log &optional;	##< The data connection the command set up.
		cwd: string &default=".";	##< The session's working directory, as far as replies told.
		cmdarg: CmdArg &optional;	##< The command the last reply answered.
		pending_commands: PendingCmds;	##< Commands still waiting for their replies.
		command_seq: count &default=0;	##< Commands sent so far.
		passive: bool &default=F;	##< Whether the last data channel was passive.
		## Whether this session's password may be shown.
		capture_password: bool &default=default_capture_password;
		## Whether a line was written for one of logged_commands.
		logged_command_seen: bool &default=F;
		fuid: string &optional &log;	##< The id of the file the command moved.
	};
}
