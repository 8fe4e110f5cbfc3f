##! Hashes every file: MD5, SHA1 and SHA256 analyzers on each file as it
##! appears, so that files.log has all three hashes of every file.

@load base/files/hash

event file_new(f: fa_file) {
	Files::add_analyzer(f, Files::ANALYZER_MD5);
	Files::add_analyzer(f, Files::ANALYZER_SHA1);
	Files::add_analyzer(f, Files::ANALYZER_SHA256);
}
