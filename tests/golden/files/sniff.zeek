# args: -r bodies.pcap
# file_sniff: each file's first bytes (bof_buffer, up to
# default_file_bof_buffer_size) and the types they match, strongest
# first; then file_magic on bytes of our own.
@load base/protocols/http

redef default_file_bof_buffer_size = 1024;

event file_sniff(f: fa_file, meta: fa_metadata)
	{
	print f$id, |f$bof_buffer|, f$bof_buffer_size, f$seen_bytes, meta;
	}

event file_state_remove(f: fa_file)
	{
	print "removed", f$id, f$seen_bytes, |f$bof_buffer|;
	}

event zeek_done()
	{
	print file_magic("\x89PNG\x0d\x0a\x1a\x0a");
	print file_magic("<?xml version=\"1.0\"?><rss version=\"2.0\">");
	print file_magic("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00");
	print file_magic("\x1f\x8b\x08\x00");
	print file_magic("");
	}
