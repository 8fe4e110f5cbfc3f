# File, entropy and process built-ins.
event zeek_init()
	{
	local f = open("bif-files-scratch.txt");
	print active_file(f), get_file_name(f);
	write_file(f, "0123456789");
	print f, "appended by print";
	close(f);
	print active_file(f), file_size("bif-files-scratch.txt");
	print unlink("bif-files-scratch.txt"), file_size("bif-files-scratch.txt");
	print compress_path("a/./b/../c//d");
	local e = find_entropy("aaaa");
	print e$entropy, e$chi_square > 0.0;
	print find_entropy("ab")$entropy;
	print setenv("RZEEK_GOLDEN_VAR", "set"), getenv("RZEEK_GOLDEN_VAR");
	print getpid() > 0, file_mode(420);
	Reporter::warning("a warning from the script");
	}
