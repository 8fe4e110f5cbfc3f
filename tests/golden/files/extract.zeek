# args: -r bodies.pcap
# Extraction: each body written under FileExtract::prefix, the named one
# under its name; a limit cuts a file short (file_extraction_limit, and
# the cutoff and size in files.log). The sizes are read back from disk.
@load base/protocols/http
@load base/files/extract

redef FileExtract::prefix = "/tmp/rzeek-golden-extract/";

event file_new(f: fa_file)
	{
	if ( f$info$fuid == "" )
		return;
	local args = f$is_orig ? Files::AnalyzerArgs($extract_filename="posted")
	                       : Files::AnalyzerArgs($extract_limit=2000);
	Files::add_analyzer(f, Files::ANALYZER_EXTRACT, args);
	}

event file_extraction_limit(f: fa_file, args: Files::AnalyzerArgs, limit: count, len: count)
	{
	print "limit", f$id, limit, len, f$seen_bytes;
	}

event Files::log_files(rec: Files::Info)
	{
	print rec$fuid, rec$extracted, rec$extracted_cutoff, rec?$extracted_size ? rec$extracted_size : 0;
	print "  on disk", file_size(FileExtract::prefix + rec$extracted);
	}
