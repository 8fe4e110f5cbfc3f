##! Syslog: syslog.log, one line per message.

@load ./consts
@load ./main
