##! What rzeek loads beyond init-bare when not in bare mode (no -b).
##!
##! Zeek's default scripts register each protocol analyzer for its
##! well-known ports and add those ports to likely_server_ports, which
##! decides which side of a connection seen mid-stream is the server.
##! rzeek has none of those analyzers yet; it keeps their ports, so that
##! connections are oriented as Zeek orients them by default.
##!
##! It also loads the script library as Zeek's default does, as far as
##! rzeek has it: the utilities, the notice (with weird.log), intelligence,
##! summary statistics, NetControl and reporter frameworks, the cluster framework (for a process outside a
##! cluster), the connection scripts, so a trace run writes conn.log,
##! the HTTP scripts (http.log), the other protocol and file scripts
##! rzeek has so far (their events come from scripts until rzeek has the
##! analyzers that raise them), and the version information.

# Paths are relative to this script's directory, base/. The order is the
# order Zeek's default loads them in (it decides the order of event
# handlers of equal priority).

# Helpers that the frameworks and protocol scripts build on.
@load ./utils/site
@load ./utils/addrs
@load ./utils/backtrace
@load ./utils/conn-ids
@load ./utils/directions-and-hosts
@load ./utils/email
@load ./utils/files
@load ./utils/geoip-distance
@load ./utils/hash_hrw
@load ./utils/numbers
@load ./utils/packages
@load ./utils/paths
@load ./utils/patterns
@load ./utils/queue
@load ./utils/strings
@load ./utils/thresholds
@load ./utils/time
@load ./utils/urls

# The frameworks (init-bare already brought broker, input, cluster, config,
# files and logging; loading cluster again does nothing).
@load ./frameworks/cluster
@load ./frameworks/notice
@load ./frameworks/signatures
@load ./frameworks/intel
@load ./frameworks/sumstats
@load ./frameworks/netcontrol
@load ./frameworks/reporter

# Protocols, what is done with the files they carry and the file formats
# known, then the version information.
@load ./protocols/conn
@load ./protocols/dns
@load ./protocols/ftp
@load ./protocols/http
@load ./protocols/krb
@load ./protocols/ntlm
@load ./protocols/smtp
@load ./protocols/ssh
@load ./protocols/ssl
@load ./protocols/syslog
@load ./files/hash
@load ./files/extract
@load ./files/x509
@load ./misc/version

# The well-known server ports of Zeek's protocol analyzers, by protocol.
redef likely_server_ports += {
	# DCE-RPC, DHCP, DNP3, DNS
	135/tcp, 67/udp, 68/udp, 20000/tcp, 20000/udp,
	53/udp, 53/tcp, 137/udp, 5353/udp, 5355/udp,
	# FTP, HTTP
	21/tcp, 2811/tcp,
	80/tcp, 81/tcp, 631/tcp, 1080/tcp, 3128/tcp, 8000/tcp, 8080/tcp, 8888/tcp,
	# IMAP, IRC, Kerberos, LDAP, Modbus, MQTT, MySQL, NTP
	143/tcp, 6666/tcp, 6667/tcp, 6668/tcp, 6669/tcp, 88/udp, 88/tcp,
	389/tcp, 389/udp, 3268/tcp, 502/tcp, 1883/tcp, 1434/tcp, 3306/tcp, 123/udp,
	# POP3, PostgreSQL, QUIC, RADIUS, RDP, SIP, SMB, SMTP, SNMP
	110/tcp, 5432/tcp, 443/udp, 1812/udp, 3389/tcp, 5060/udp,
	139/tcp, 445/tcp, 25/tcp, 587/tcp, 161/udp, 162/udp,
	# SSH, SSL/TLS, syslog, XMPP
	22/tcp,
	443/tcp, 563/tcp, 585/tcp, 614/tcp, 636/tcp, 989/tcp, 990/tcp, 992/tcp,
	993/tcp, 995/tcp, 5223/tcp,
	514/udp, 5222/tcp, 5269/tcp,
};
