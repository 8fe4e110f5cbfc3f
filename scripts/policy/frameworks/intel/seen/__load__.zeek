##! The scripts that report what traffic shows to the intelligence
##! framework, as far as rzeek analyzes the protocols: connections, HTTP
##! headers and URLs, file names. (Zeek's DNS, SMTP, SSL, X.509, SSH and
##! SMB ones, and file hashes, wait for those analyzers.)

@load ./conn-established
@load ./file-names
@load ./http-headers
@load ./http-url
