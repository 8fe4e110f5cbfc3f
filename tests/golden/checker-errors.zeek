# Errors the checker reports before anything runs, in Zeek's wording.
type color: enum { RED, GREEN };
type shade: enum { DARK, RED };

global limits: table[string] of count &default=1 &default=2;
global n: count = 0;

type cfg: record {
	names: set[string] &default=set(1, 2);
};

function pick(v: any): string
	{
	switch ( v ) {
	case type count:
		return "count";
	case type string, type count:
		return "twice";
	}
	return "none";
	}

function mixed(v: count): string
	{
	switch ( v ) {
	case 1:
		print "one";
	case type count:
		return "count";
	}
	return "";
	}

event zeek_init()
	{
	const k = 3;
	for ( n in set(1, 2) ) {}
	for ( k in set(1, 2) ) {}
	local big = -9223372036854775809;
	}
