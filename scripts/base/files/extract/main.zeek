##! Files written to disk: attach Files::ANALYZER_EXTRACT to a file and
##! its bytes go to a file under FileExtract::prefix, named by the
##! `extract_filename` argument (or after the file's source and id), up to
##! a limit. files.log says where each went and whether it was cut short.

@load base/frameworks/files
@load base/utils/paths

module FileExtract;

export {
	## The directory extracted files are written to (made if missing).
	const prefix: string = "./extract_files/" &redef;

	## How many bytes of a file are written at most (0: no limit), and
	## whether bytes missing from the capture count toward it.
	option default_limit: count = 100 * 1024 * 1024;
	option default_limit_includes_missing: bool = T;

	redef record Files::Info += {
		## The name of the file written (under the prefix), whether it
		## stopped at its limit, and the limit it stopped at.
		extracted: string &optional &log; extracted_cutoff: bool &optional &log;
		extracted_size: count &optional &log;
	};

	redef record Files::AnalyzerArgs += {
		## The extraction's file name (made up if not given), its limit,
		## and whether missing bytes count toward it.
		extract_filename: string &optional;
		extract_limit: count &default=default_limit;
		extract_limit_includes_missing: bool &default=default_limit_includes_missing;
	};

	## Gives a running extraction a new limit; F if there is no such
	## extraction of this file.
	global set_limit: function(f: fa_file, args: Files::AnalyzerArgs, n: count): bool;
}

function set_limit(f: fa_file, args: Files::AnalyzerArgs, n: count): bool {
	local id = f$id;
	return __set_limit(id, args, n);
}

# Run as the analyzer is attached: the name is settled (and logged) and
# turned into a path under the prefix, which is made sure to exist.
function name_the_file(f: fa_file, args: Files::AnalyzerArgs) {
	local name = args?$extract_filename ? args$extract_filename :
		cat("extract-", f$last_active, "-", f$source, "-", f$id);
	f$info$extracted = name;
	f$info$extracted_cutoff = F;
	args$extract_filename = build_path_compressed(prefix, name);
	mkdir(prefix);
}

event file_extraction_limit(f: fa_file, args: Files::AnalyzerArgs, limit: count, len: count) &priority=10 {
	# The extraction stopped at its limit.
	local rec = f$info;
	rec$extracted_cutoff = T;
	rec$extracted_size = limit;
}

event zeek_init() &priority=10 {
	Files::register_analyzer_add_callback(Files::ANALYZER_EXTRACT, name_the_file);
}
