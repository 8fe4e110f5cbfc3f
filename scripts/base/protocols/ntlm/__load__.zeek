##! NTLM authentication, wherever it is carried (SMB, HTTP, DCE-RPC,
##! ...): ntlm.log.

@load ./main
