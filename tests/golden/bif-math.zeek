# Arithmetic built-ins.
event zeek_init()
	{
	print floor(3.7), ceil(3.2), sqrt(16.0), exp(0.0), ln(1.0), log10(100.0), log2(8.0);
	print pow(2.0, 10.0), floor(-2.5);
	print double_to_count(3.9), int_to_count(7), count_to_double(3);

	print |-5|, |3.5|, 7 % 3, -7 / 2;
	}
