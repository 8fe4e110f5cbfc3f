# An @endif without @if.

print "before";
@endif
print "after";
