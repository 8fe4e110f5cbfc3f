# An @if without its @endif (directives.rst: @endif is required).

@if ( T )
print "opened";
@if ( F )
print "never";
@endif
