##! Matching FTP replies to the commands they answer. A client may send
##! several commands before the first reply comes, so commands wait in a
##! table, and each reply goes to the waiting command it fits best: by
##! the reply codes each command allows, then by whether the reply text
##! repeats the command or its argument, then oldest first.

module FTP;

export {
	## A command, with its argument, as it waits for its reply.
	type CmdArg: record {
		## When it was sent.
		ts: time;
		## The command and its argument.
		cmd: string &default="<unknown>";
		arg: string &default="";
		## Its place in the session's commands, from 1.
		seq: count &default=0;
		## Whether its reply already changed the working directory.
		cwd_consumed: bool &default=F;
	};

	## The commands waiting for a reply, by sequence number.
	type PendingCmds: table[count] of CmdArg;

	## The reply codes each command may draw (RFC 959 and the
	## extensions of RFCs 1639, 2389, 2428 and 3659). "<init>" stands for
	## the server's greeting; code 0 marks pairs that occur though no RFC
	## allows them.
	option cmd_reply_code: set[string, count] = {
		["<init>", [120, 220, 421]],
		["USER", [230, 331, 332, 421, 500, 501, 530]],
		["PASS", [202, 230, 332, 421, 500, 501, 503, 530]],
		["ACCT", [202, 230, 421, 500, 501, 503, 530]],
		[["CWD", "RMD"], [250, 421, 500, 501, 502, 530, 550]],
		[["CDUP", "SMNT"], [250, 421, 500, 501, 502, 530, 550]],
		["CDUP", 200], ["SMNT", 202],
		["REIN", [120, 220, 421, 500, 502]],
		["QUIT", [0, 221, 500]],
		["PORT", [200, 421, 500, 501, 530]],
		["PASV", [227, 421, 500, 501, 502, 530]],
		[["MODE", "STRU", "TYPE"], [200, 421, 500, 501, 504, 530]],
		["MODE", 502],
		["ALLO", [200, 202, 421, 500, 501, 504, 530]],
		["REST", [200, 350, 421, 500, 501, 502, 530]],
		[["STOR", "STOU"], [110, 125, 150, 226, 250, 421, 425, 426, 450, 451,
		                    452, 500, 501, 530, 532, 550, 551, 552, 553]],
		["RETR", [110, 125, 150, 226, 250, 421, 425, 426, 450, 451, 500, 501, 530, 550]],
		[["LIST", "NLST"], [125, 150, 226, 250, 421, 425, 426, 450, 451, 500,
		                    501, 502, 530, 550]],
		["APPE", [125, 150, 226, 250, 421, 425, 426, 450, 451, 452, 500, 501,
		          502, 530, 532, 550, 551, 552, 553]],
		["RNFR", [350, 421, 450, 500, 501, 502, 530, 550]],
		["RNTO", [250, 421, 500, 501, 502, 503, 530, 532, 553]],
		["DELE", [250, 421, 450, 500, 501, 502, 530, 550]],
		["MKD", [257, 421, 500, 501, 502, 530, 550]],
		["PWD", [257, 421, 500, 501, 502, 550]],
		["ABOR", [225, 226, 421, 500, 501, 502]],
		["SYST", [215, 421, 500, 501, 502, 530]],
		["STAT", [211, 212, 213, 421, 450, 500, 501, 502, 530]],
		["HELP", [200, 211, 214, 421, 500, 501, 502]],
		["SITE", [200, 202, 214, 500, 501, 502, 530]],
		["NOOP", [200, 421, 500]],
		["LPRT", [500, 501, 521]],
		["FEAT", [211, 500, 502]],
		["OPTS", [200, 451, 501]],
		["EPSV", [229, 500, 501]],
		["EPRT", [200, 500, 501, 522]],
		[["SIZE", "MDTM"], [213, 500, 501, 550]],
		[["MLST", "MLSD"], [150, 226, 250, 500, 501, 550]],
		["CLNT", [200, 500]],
		["MACB", [200, 500, 550]],
		[["<init>", "<missing>"], 0],
	};
}

## Queues a command under its sequence number, and returns it.
function add_pending_cmd(pc: PendingCmds, seq: count, cmd: string, arg: string): CmdArg
	{
	local waiting = CmdArg($ts=network_time(), $cmd=cmd, $arg=arg, $seq=seq);
	pc[seq] = waiting;
	return waiting;
	}

# How well a waiting command fits a reply: a code it may draw (or the
# syntax error any command may draw) counts most, then the reply text
# naming the command, then naming its argument.
function reply_fit(cmd: CmdArg, reply_code: count, reply_msg: string): int
	{
	local fit = 0;
	if ( reply_code == 500 || [cmd$cmd, reply_code] in cmd_reply_code )
		fit += 100;
	if ( strstr(reply_msg, cmd$cmd) > 0 )
		fit += 20;
	if ( strstr(reply_msg, cmd$arg) > 0 )
		fit += 10;
	return fit;
	}

## The waiting command a reply answers: the best fit, the oldest of
## equal fits. (The table must not be empty.)
function get_pending_cmd(pc: PendingCmds, reply_code: count, reply_msg: string): CmdArg
	{
	local chosen: CmdArg &is_assigned;
	local chosen_fit = -1;
	for ( seq, cmd in pc )
		{
		local fit = reply_fit(cmd, reply_code, reply_msg);
		if ( fit > chosen_fit || ( fit == chosen_fit && seq < chosen$seq ) )
			{
			chosen = cmd;
			chosen_fit = fit;
			}
		}
	return chosen;
	}

## Takes an answered command out of the table; false if it was not there.
function remove_pending_cmd(pc: PendingCmds, ca: CmdArg): bool
	{
	if ( ca$seq !in pc )
		return F;
	delete pc[ca$seq];
	return T;
	}
