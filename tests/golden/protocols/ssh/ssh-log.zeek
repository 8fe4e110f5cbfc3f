# Two SSH-2 sessions: one whose second login succeeds (logged then), one
# whose logins all fail (logged when the connection goes, after
# ssh_auth_failed); the agreed algorithms come from both KEXINITs.
@load base/protocols/ssh
@load ../_lib/conn

event ssh_auth_result(c: connection, result: bool, auth_attempts: count)
	{
	print "auth result", c$uid, result, auth_attempts;
	}

function prefs(v: vector of string): SSH::Algorithm_Prefs
	{
	return SSH::Algorithm_Prefs($client_to_server=v, $server_to_client=v);
	}

function caps(server: bool, kex: vector of string, enc: vector of string): SSH::Capabilities
	{
	return SSH::Capabilities($kex_algorithms=kex,
	                         $server_host_key_algorithms=vector("ssh-ed25519", "rsa-sha2-512"),
	                         $encryption_algorithms=prefs(enc),
	                         $mac_algorithms=prefs(vector("hmac-sha2-256")),
	                         $compression_algorithms=prefs(vector("none")),
	                         $is_server=server);
	}

event zeek_init() &priority=-10
	{
	Test::to_stdout(SSH::LOG);
	Test::at(1700000000.0);
	local c = Test::conn("CHhAvVGS1DHFjwGM9", 192.168.1.10, 50022/tcp, 93.184.216.34, 22/tcp);
	event ssh_client_version(c, "SSH-2.0-OpenSSH_9.6");
	event ssh_server_version(c, "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3");
	event ssh_capabilities(c, "k1", caps(F, vector("curve25519-sha256", "ecdh-sha2-nistp256"),
	                                     vector("chacha20-poly1305@openssh.com", "aes256-ctr")));
	event ssh_capabilities(c, "k2", caps(T, vector("ecdh-sha2-nistp256", "curve25519-sha256"),
	                                     vector("aes256-ctr", "chacha20-poly1305@openssh.com")));
	event ssh_server_host_key_fingerprint(c, "e3:b0:c4:42");
	event ssh_auth_attempted(c, F);
	event ssh_auth_attempted(c, T);
	event connection_state_remove(c);

	local d = Test::conn("C4J4Th3PJpwUYZZ6gc", 1.2.3.4, 40000/tcp, 192.168.1.10, 22/tcp);
	event ssh_client_version(d, "SSH-1.99-Client");
	event ssh_server_version(d, "SSH-2.0-Server");
	event ssh_auth_attempted(d, F);
	event ssh_auth_attempted(d, F);
	event ssh_auth_attempted(d, F);
	event connection_state_remove(d);
	}
