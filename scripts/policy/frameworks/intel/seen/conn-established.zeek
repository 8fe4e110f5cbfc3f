##! Both addresses of every TCP connection that gets established are
##! sightings.

@load base/frameworks/intel
@load ./where-locations

event connection_established(c: connection)
	{
	# Only a handshake both sides completed.
	if ( c$orig$state != TCP_ESTABLISHED || c$resp$state != TCP_ESTABLISHED )
		return;

	Intel::seen([$host=c$id$orig_h, $conn=c, $where=Conn::IN_ORIG]);
	Intel::seen([$host=c$id$resp_h, $conn=c, $where=Conn::IN_RESP]);
	}
