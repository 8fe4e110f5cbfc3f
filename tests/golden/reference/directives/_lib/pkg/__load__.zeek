# A directory loaded by name loads its __load__.zeek.
@load ./part
print "pkg __load__", @FILENAME;
