# identify_data() knows common file signatures and plain text;
# Analyzer::name() gives an analyzer tag's short name.
event zeek_init()
	{
	print identify_data("GIF89a\x01\x00\x01\x00");
	print identify_data("%PDF-1.7\n%...");
	print identify_data("\x1f\x8b\x08\x00\x00\x00");
	print identify_data("hello, world\n");
	print identify_data("short");
	print identify_data("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a");
	print identify_data("Plain words here", F);
	print Analyzer::name(Analyzer::ANALYZER_HTTP), Analyzer::name(Analyzer::ANALYZER_CONTENTS_DNS);
	}
