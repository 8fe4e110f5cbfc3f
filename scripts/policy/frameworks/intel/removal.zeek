##! Items can remove what they name: an item read or inserted with
##! ``remove`` set takes its source's metadata off the indicator instead
##! of adding it.

@load base/frameworks/intel

module Intel;

export {
	redef record Intel::MetaData += {
		## Remove this source's metadata rather than insert it.
		remove: bool &default=F;
	};
}

hook Intel::filter_item(item: Item)
	{
	if ( ! item$meta$remove )
		return;

	Intel::remove(item);
	# Not to be inserted after all.
	break;
	}
