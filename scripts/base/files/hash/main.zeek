##! The hashes of files in files.log: each hash analyzer attached to a
##! file (Files::ANALYZER_MD5, SHA1, SHA256) fills its column when the
##! file ends. Nothing here attaches them; see
##! policy/frameworks/files/hash-all-files for every file.

@load base/frameworks/files

module FileHash;

export {
	redef record Files::Info += {
		## The file's MD5, SHA1 and SHA256 hashes in hex, where those
		## analyzers ran on it.
		md5: string &log &optional; sha1: string &log &optional;
		sha256: string &log &optional;
	};
}

event file_hash(f: fa_file, kind: string, hash: string) &priority=5 {
	# Only the three kinds with a column are kept.
	if ( kind == "md5" )
		f$info$md5 = hash;
	else if ( kind == "sha1" )
		f$info$sha1 = hash;
	else if ( kind == "sha256" )
		f$info$sha256 = hash;
}
