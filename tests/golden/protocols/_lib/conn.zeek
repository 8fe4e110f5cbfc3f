# Helpers of the protocol tests: the logs under test go to stdout as JSON
# lines (field names and values, no timestamps of the run), and
# connections are built by hand, as an analyzer would hand them to its
# events.

module Test;

export {
	## A connection between two hosts, with a fixed uid.
	global conn: function(uid: string, oh: addr, op: port, rh: addr, rp: port): connection;
	## Sends a stream's lines to stdout as JSON instead of its file.
	global to_stdout: function(id: Log::ID);
	## Moves network time to a fixed point (seconds since the epoch).
	global at: function(t: double);
	## The same as an event, to move time between queued events.
	global step: event(t: double);
}

function to_stdout(id: Log::ID)
	{
	local f = Log::get_filter(id, "default");
	f$config = table(["output_to_stdout"] = "T", ["use_json"] = "T");
	Log::add_filter(id, f);
	}

function at(t: double)
	{
	set_network_time(double_to_time(t));
	}

function conn(uid: string, oh: addr, op: port, rh: addr, rp: port): connection
	{
	local id = conn_id($orig_h=oh, $orig_p=op, $resp_h=rh, $resp_p=rp,
	                   $proto=get_port_transport_proto(rp) == tcp ? 6 : 17);
	local e = endpoint($size=0, $state=1, $flow_label=0);
	return connection($id=id, $orig=e, $resp=copy(e), $start_time=network_time(),
	                  $duration=0sec, $service=set(), $history="", $uid=uid);
	}


event step(t: double)
	{
	at(t);
	}
