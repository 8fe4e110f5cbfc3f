##! Kerberos: kerberos.log, one line per exchange with a KDC or service.

@load ./main
@load ./files
