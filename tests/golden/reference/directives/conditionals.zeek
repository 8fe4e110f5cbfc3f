# @if, @ifdef, @ifndef, @else, @endif (directives.rst), nested, with
# conditions that see the globals and options declared before them,
# also inside an export block; @pragma.

module Conf;

export {
	option enabled = T;
	const ver = 2 &redef;
@if ( enabled )
	global seen_in_export = "option seen inside export";
@endif
}

redef ver = 3;

@if ( ver == 3 )
print "ver is 3 after redef";
@else
print "ver is not 3";
@endif

@ifdef ( seen_in_export )
print seen_in_export;
@endif

@ifndef ( pi )
print "pi is not defined";
@else
print "pi is defined";
@endif

const pi = 3.14;

@ifdef ( pi )
print "pi is defined now";
@endif

# Nesting: inner directives in a skipped branch are skipped too.
@if ( F )
	@if ( T )
	print "never: inside a false @if";
	@else
	print "never either";
	@endif
@else
	@ifdef ( Conf::enabled )
	print "nested: outer else, inner ifdef";
	@endif
	@ifndef ( Conf::enabled )
	print "never: enabled is defined";
	@endif
@endif

@pragma push ignore-deprecations
global old_thing = 1 &deprecated="use new_thing";
print old_thing;
@pragma pop ignore-deprecations
# Outside the pragma, using it draws the warning.
print old_thing + 1;

event zeek_init()
	{
@if ( enabled )
	print "in a body, enabled";
@else
	print "in a body, disabled";
@endif
	}
