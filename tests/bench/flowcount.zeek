# Trace benchmark: every connection registers a removal hook that counts
# its runs; zeek_done prints connections seen and hook runs.
#
#   python3 ../shared/bench/gen-pcap.py /tmp/b.pcap 50000
#   target/release/rzeek -b -r /tmp/b.pcap tests/bench/flowcount.zeek
@load base/protocols/conn/removal-hooks

global connections = 0;
global hook_runs = 0;

hook count_removal(c: connection)
	{
	++hook_runs;
	}

event new_connection(c: connection)
	{
	++connections;
	Conn::register_removal_hook(c, count_removal);
	}

event zeek_done()
	{
	print connections, hook_runs;
	}
