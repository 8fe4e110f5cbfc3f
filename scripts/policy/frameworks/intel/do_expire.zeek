##! Intelligence items expire: an indicator not inserted again for ten
##! minutes is removed (after every other item_expired handler ran).

@load base/frameworks/intel

module Intel;

redef Intel::item_expiration = 10 min;

hook item_expired(indicator: string, indicator_type: Type, metas: set[MetaData]) &priority=-10
	{
	# Breaking out removes the indicator.
	break;
	}
