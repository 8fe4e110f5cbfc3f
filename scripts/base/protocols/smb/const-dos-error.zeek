##! SMB1's class/code errors (MS-CIFS), from the registry smb-dos-errors.
##! The number is the error code times 0x10000 plus the error class.

@load ./consts

module SMB;

redef statuses += protocol_registry("smb-dos-errors") as table[count] of StatusCode;
