##! SMB's numbers and their names: status codes (filled in by
##! const-nt-status and const-dos-error), the commands of SMB1 and SMB2,
##! transaction sub-commands, SMB2 dialects and share types, and the
##! operations of the two RPC services most often seen over SMB pipes.
##! The longer lists are registries in src/bif/registry/smb*.tsv (see
##! protocol_registry).

module SMB;

export {
	## A status code's name (without NT's STATUS_ prefix) and what it
	## means.
	type StatusCode: record {
		id: string; desc: string;
	};

	## Status codes by number: NT status codes, and SMB1's older
	## class/code errors. A number not in the table is named
	## "unknown-N".
	const statuses: table[count] of StatusCode = {
		[0] = StatusCode($id="SUCCESS", $desc="The operation completed successfully."),
	} &redef &default=function(n: count): StatusCode
		{
		local name = fmt("unknown-%d", n);
		return StatusCode($id=name, $desc=name);
		};

	## Pipe names recognized when the tree connect to IPC$ was missed.
	redef SMB::pipe_filenames = {
		"spoolss", "winreg", "samr", "srvsvc", "netdfs", "lsarpc", "wkssvc", "MsFteWds",
	};

	## Names of the RPC interfaces the sub-command tables cover.
	const rpc_uuids: table[string] of string = {
		["4b324fc8-1670-01d3-1278-5a47bf6ee188"] = "Server Service",
		["6bffd098-a112-3610-9833-46c3f87e345a"] = "Workstation Service",
	} &redef &default=function(u: string): string { return fmt("unknown-uuid-%s", u); };

	## Operations of the Server Service (srvsvc), by number.
	const srv_cmds = protocol_registry("smb-srvsvc-ops") as table[count] of string
		&redef &default=function(n: count): string { return fmt("unknown-srv-command-%d", n); };

	## Operations of the Workstation Service (wkssvc), by number.
	const wksta_cmds = protocol_registry("smb-wkssvc-ops") as table[count] of string
		&redef &default=function(n: count): string { return fmt("unknown-wksta-command-%d", n); };

	## Operation names of one RPC interface.
	type rpc_cmd_table: table[count] of string;

	## Operation names by interface UUID.
	const rpc_sub_cmds: table[string] of rpc_cmd_table = {
		["4b324fc8-1670-01d3-1278-5a47bf6ee188"] = srv_cmds,
		["6bffd098-a112-3610-9833-46c3f87e345a"] = wksta_cmds,
	} &redef &default=function(u: string): rpc_cmd_table
		{
		return table() &default=function(n: count): string { return fmt("unknown-uuid-%d", n); };
		};
}

module SMB1;

export {
	## SMB1 command names, by code.
	const commands = protocol_registry("smb1-commands") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Sub-commands of TRANSACTION2.
	const trans2_sub_commands: table[count] of string = {
		[0x00] = "OPEN2", [0x01] = "FIND_FIRST2", [0x02] = "FIND_NEXT2",
		[0x03] = "QUERY_FS_INFORMATION", [0x04] = "SET_FS_INFORMATION",
		[0x05] = "QUERY_PATH_INFORMATION", [0x06] = "SET_PATH_INFORMATION",
		[0x07] = "QUERY_FILE_INFORMATION", [0x08] = "SET_FILE_INFORMATION",
		[0x09] = "FSCTL", [0x0A] = "IOCTL", [0x0B] = "FIND_NOTIFY_FIRST",
		[0x0C] = "FIND_NOTIFY_NEXT", [0x0D] = "CREATE_DIRECTORY",
		[0x0E] = "SESSION_SETUP", [0x10] = "GET_DFS_REFERRAL",
		[0x11] = "REPORT_DFS_INCONSISTENCY",
	} &default=function(n: count): string { return fmt("unknown-trans2-sub-cmd-%d", n); } &redef;

	## Sub-commands of TRANSACTION (named pipe operations).
	const trans_sub_commands: table[count] of string = {
		[0x01] = "SET_NMPIPE_STATE", [0x11] = "RAW_READ_NMPIPE",
		[0x21] = "QUERY_NMPIPE_STATE", [0x22] = "QUERY_NMPIPE_INFO",
		[0x23] = "PEEK_NMPIPE", [0x26] = "TRANSACT_NMPIPE",
		[0x31] = "RAW_WRITE_NMPIPE", [0x36] = "READ_NMPIPE",
		[0x37] = "WRITE_NMPIPE", [0x53] = "WAIT_NMPIPE", [0x54] = "CALL_NMPIPE",
	} &default=function(n: count): string { return fmt("unknown-trans-sub-cmd-%d", n); } &redef;
}

module SMB2;

export {
	## SMB2 command names, by code.
	const commands = protocol_registry("smb2-commands") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Dialect revisions; 0x02FF is the wildcard a client sends when it
	## also speaks SMB1.
	const dialects: table[count] of string = {
		[0x0202] = "2.0.2", [0x0210] = "2.1", [0x02FF] = "2.1+",
		[0x0300] = "3.0", [0x0302] = "3.0.2", [0x0311] = "3.1.1",
	} &default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Share types of a tree connect response.
	const share_types: table[count] of string = {
		[1] = "DISK", [2] = "PIPE", [3] = "PRINT",
	} &default=function(n: count): string { return fmt("unknown-%d", n); } &redef;
}
