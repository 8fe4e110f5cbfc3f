# Literal forms of each basic type (types.rst), printed.
print "bool", T, F;
print "count", 42, 0x1F, 0xff;
print "int", -42, +7;
print "double", 3.14, 1.0, .5, 2e3, 1.5e-3, 7.;
print "string", "a\tb", "\x41\x42", "q\"uote";
print "pattern", /ab+c/;
print "port", 80/tcp, 53/udp, 8/icmp, 0/unknown;
print "addr", 192.168.1.1, [::1], [2001:db8::1], [::ffff:1.2.3.4];
print "subnet", 192.168.0.0/16, 10.1.2.3/8, [2001:db8::]/32;
print "interval", 1day, 2 hrs, 3min, 4sec, 5msec, 6usec, 1.5 mins;
print "interval mixed", 1day + 1hr + 1min + 1sec;
print "interval negative", -90sec;
print "interval zero", 0sec;
print "enum", tcp, udp;
print "time", double_to_time(0.0);
