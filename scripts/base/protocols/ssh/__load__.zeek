##! SSH: ssh.log.

@load ./main
