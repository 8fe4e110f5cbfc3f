print "pkg part", @FILENAME, sub(@DIR, /^.*\//, "");
