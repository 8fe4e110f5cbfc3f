# from_json() as its documentation describes it: a value of the given
# type, or valid=F with the reason in $err (rapidjson's words and byte
# offset for text that is no JSON). null means no value: skipped in
# containers, the default or nothing for a record field.

type Color: enum { Red, Blue };
type R: record { a: count; b: string &optional; c: interval &default=3sec; };
type T1: table[count] of string;
type T2: table[count, string] of count;
event zeek_init() {
print from_json("[1,2,null,3]", index_vec);
print from_json("x", count);
print from_json("[1]", string_set);
print from_json("{\"a\":1,\"c\":\"1 min\"}", R);
print from_json("{\"b\":\"x\"}", R);
print from_json("{\"a\":null}", R);
print from_json("\"80/tcp\"", port), from_json("{\"port\":53,\"proto\":\"udp\"}", port), from_json("\"x\"", port);
print from_json("\"Blue\"", Color), from_json("\"Green\"", Color);
print from_json("\"[::1]/64\"", subnet), from_json("\"1.2.3.4/40\"", subnet), from_json("\"1.2.3.4\"", addr), from_json("\"nope\"", addr);
print from_json("{\"1\":\"a\",\"x\":\"b\"}", T1);
print from_json("{\"[1,\\\"a\\\"]\":5}", T2);
print from_json("\"/a+b/\"", pattern);
print from_json("1.5", count), from_json("-1", count), from_json("-1", int);
print from_json("null", count);
print from_json("{\"A\":1}", R, function(s: string): string { return to_lower(s); });
print from_json("[1,", index_vec);
}
