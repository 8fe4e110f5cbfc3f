# args: -r bodies.pcap
# The Files:: functions on live files: adding an analyzer twice adds it
# once, removing one stops its result, a DATA_EVENT analyzer raises its
# events with each run of bytes, a disabled analyzer is refused, stopping
# a file ignores the rest of it, and files are known by id only while
# they are analysed.
@load base/protocols/http
@load base/files/hash

global n = 0;
global last_id = "";

event stream_data(f: fa_file, data: string)
	{
	print "stream", f$id, |data|, f$seen_bytes;
	}

event chunk_data(f: fa_file, data: string, off: count)
	{
	print "chunk", f$id, |data|, off;
	}

event file_new(f: fa_file)
	{
	++n;
	last_id = f$id;
	print "new", n, f$id, Files::file_exists(f$id), Files::lookup_file(f$id)$source;
	if ( n == 1 )
		{
		print Files::add_analyzer(f, Files::ANALYZER_MD5), Files::add_analyzer(f, Files::ANALYZER_MD5);
		print Files::add_analyzer(f, Files::ANALYZER_SHA1), Files::remove_analyzer(f, Files::ANALYZER_SHA1);
		print Files::remove_analyzer(f, Files::ANALYZER_SHA256);
		}
	if ( n == 2 )
		{
		print Files::disable_analyzer(Files::ANALYZER_MD5), Files::analyzer_enabled(Files::ANALYZER_MD5);
		print Files::add_analyzer(f, Files::ANALYZER_MD5), f$info$analyzers;
		Files::enable_analyzer(Files::ANALYZER_MD5);
		print Files::add_analyzer(f, Files::ANALYZER_SHA256), Files::set_timeout_interval(f, 5 min), f$timeout_interval;
		}
	if ( n == 4 )
		print Files::add_analyzer(f, Files::ANALYZER_DATA_EVENT,
		                          [$stream_event=stream_data, $chunk_event=chunk_data]);
	if ( n == 4 )
		print Files::add_analyzer(f, Files::ANALYZER_DATA_EVENT);
	if ( n == 3 )
		{
		Files::add_analyzer(f, Files::ANALYZER_SHA1);
		print Files::stop(f);
		}
	}

event file_hash(f: fa_file, kind: string, hash: string)
	{
	print "hash", f$id, kind, hash;
	}

event file_state_remove(f: fa_file)
	{
	print "end", f$id, f$seen_bytes, f$info$analyzers;
	}

event zeek_done()
	{
	print Files::file_exists(last_id), Files::analyzer_name(Files::ANALYZER_SHA256);
	print Files::__add_analyzer("Fnope", Files::ANALYZER_MD5, Files::AnalyzerArgs());
	}
