# A record field whose type is a record, without &optional or &default,
# starts as a record of that type with its own defaults, as containers
# start empty; record_fields() does not show that as a &default.
# A `redef record` adding fields gives each record made while the scripts
# are read the new fields, evaluating their defaults record by record.
global counter = 0;

function next_id(): count
	{
	return ++counter;
	}

type Position: record { };

type Ship: record {
	id: count &default=next_id();
	pos: Position;
	dock: Position &optional;
};

global first = Ship();
global second = Ship();

redef record Position += {
	sector: count &default=next_id();
};

event zeek_init()
	{
	print first, second;
	local later = Ship();
	print later;
	print record_fields("Ship")["pos"];
	}
