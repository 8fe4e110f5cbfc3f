##! NT status codes (MS-ERREF), from the registry smb-nt-status.

@load ./consts

module SMB;

redef statuses += protocol_registry("smb-nt-status") as table[count] of StatusCode;
