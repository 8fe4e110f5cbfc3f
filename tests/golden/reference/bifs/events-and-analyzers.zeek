# EventMetadata (NETWORK_TIMESTAMP is registered as a time; registering a
# kind again needs the same type; without add_network_timestamp events
# carry none), the kinds of analyzer tags, get_plugin_components, and the
# facts of the run: no Spicy, local events only, no live traffic, no
# trace here; the secondary built-ins are always initialized.

redef enum EventMetadata::ID += { MY_META = 1000 };

event zeek_init()
	{
	print EventMetadata::register(EventMetadata::NETWORK_TIMESTAMP, time),
	      EventMetadata::register(EventMetadata::NETWORK_TIMESTAMP, count);
	print EventMetadata::register(MY_META, string), EventMetadata::register(MY_META, string),
	      EventMetadata::register(MY_META, count);
	print EventMetadata::current(EventMetadata::NETWORK_TIMESTAMP), EventMetadata::current_all();

	print is_protocol_analyzer(Analyzer::ANALYZER_HTTP), is_packet_analyzer(Analyzer::ANALYZER_HTTP),
	      is_file_analyzer(Analyzer::ANALYZER_HTTP);
	print is_protocol_analyzer(PacketAnalyzer::ANALYZER_IP), is_packet_analyzer(PacketAnalyzer::ANALYZER_IP);

	for ( i in get_plugin_components("ANALYZER") )
		{
		local c = get_plugin_components("ANALYZER")[i];
		if ( c$name == "FTP" )
			print c;
		}
	print |get_plugin_components("WRITER")|;

	print have_spicy(), have_spicy_analyzers(), is_remote_event(), reading_live_traffic(),
	      reading_traces(), __init_secondary_bifs();
	}
