# Loaded by directives tests.
module Helper;

export {
	const level = 2 &redef;
}

print "helper loaded", @FILENAME, sub(@DIR, /^.*\//, "");
