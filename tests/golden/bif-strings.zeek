# String built-ins.
event zeek_init()
	{
	print to_upper("abc"), to_lower("ABC"), |"hello"|;
	print sub_bytes("abcdef", 2, 3), string_cat("a", "b", "c");
	print split_string("a,b,,c", /,/), split_string1("k=v=w", /=/);
	print join_string_vec(vector("x", "y", "z"), "-");
	print strip("  pad  "), lstrip("  l"), rstrip("r  ");
	print sub("banana", /an/, "AN"), gsub("banana", /an/, "AN");
	print strstr("haystack", "st");
	print reverse("abc"), is_ascii("abc"), is_ascii("\xff");
	print escape_string("a\x01b");
	print starts_with("prefix", "pre"), ends_with("suffix", "fix");
	print fmt("%s-%d-%.2f-%x", "s", 42, 3.14159, 255);
	}
