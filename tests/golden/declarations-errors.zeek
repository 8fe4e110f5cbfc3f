# Attributes globals may not carry, and a failing initializer.
global n: count &default=3;
global o: string &optional;
global unset_count: count;
type R: record { c: count &default=unset_count; };
global r = R();
