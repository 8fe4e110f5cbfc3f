##! SSL, TLS and DTLS: ssl.log, and the certificates of sessions.

@load ./consts
@load ./main
@load ./files
