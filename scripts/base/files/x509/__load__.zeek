##! X.509 certificates, wherever a protocol hands one to file analysis:
##! x509.log.

@load ./main
