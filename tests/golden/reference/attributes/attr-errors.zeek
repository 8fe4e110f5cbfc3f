# Attributes where Zeek does not take them (attributes.rst): each is
# reported with the attributes it was given.

function print_it() { }

global a: count &optional;
global b: count &default=5;
global c: set[count] &default_insert=1;
global d: count &read_expire=1sec;
global e: table[count] of count &read_expire=1sec &write_expire=1sec;
global f: count &on_change=print_it;
global g: string &raw_output;
global h: count &priority=5;
global i: count &ordered;
global j: pattern &log;

type R: record {
	x: count &default=1 &optional;
	y: count &raw_output;
};
