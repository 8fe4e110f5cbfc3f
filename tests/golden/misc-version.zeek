# base/misc/version: rzeek reports the version of Zeek it implements,
# 9.1.0, and takes version strings apart as Zeek does.

@load base/misc/version

event zeek_init()
	{
	print zeek_version(), Version::number, Version::info$major, Version::info$minor;
	print Version::at_least("4.0"), Version::at_least("9.1"), Version::at_least("9.1.1"),
	      Version::at_least("10.0.0");
	print Version::parse("3.1.0-dev.37");
	print Version::parse("2.4-12");
	print Version::parse("2.6-beta-foo-debug");
	print Version::parse("2.4.1-rc2");
	print Version::parse("9.1.0-dev.123-mybuild");
	}
