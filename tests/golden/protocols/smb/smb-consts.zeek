# SMB's code tables: NT status codes and SMB1 class/code errors share
# SMB::statuses (records of name and description, from the registries),
# unknown codes get a made-up name; the command tables of both
# versions, dialects, and the RPC operation tables by interface.
@load base/protocols/smb/consts
@load base/protocols/smb/const-nt-status
@load base/protocols/smb/const-dos-error

event zeek_init()
	{
	print SMB::statuses[0];
	print SMB::statuses[0xC0000022]$id, SMB::statuses[0xC0000034]$id;
	print SMB::statuses[0x00020001]$id;
	print SMB::statuses[0x7fff0000];
	print SMB1::commands[0x72], SMB1::commands[0xA2], SMB1::commands[0xEE];
	print SMB1::trans2_sub_commands[0x01], SMB1::trans_sub_commands[0x26];
	print SMB2::commands[0], SMB2::commands[5], SMB2::commands[99];
	print SMB2::dialects[0x0311], SMB2::dialects[0x02FF], SMB2::share_types[2];
	print SMB::rpc_sub_cmds["4b324fc8-1670-01d3-1278-5a47bf6ee188"][15];
	print SMB::rpc_sub_cmds["6bffd098-a112-3610-9833-46c3f87e345a"][0];
	print SMB::rpc_sub_cmds["00000000-0000-0000-0000-000000000000"][3];
	print "spoolss" in SMB::pipe_filenames;
	}
