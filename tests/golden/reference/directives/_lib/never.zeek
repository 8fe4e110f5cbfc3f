print "never loaded: @unload came first";
