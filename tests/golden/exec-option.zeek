# args: -e print(1+1)
# Code given with -e runs after the script; its last statement may leave
# out the semicolon.
print "script";
