##! A first-in first-out queue of values of any type, optionally bounded.

module Queue;

export {
	## How a queue behaves.
	type Settings: record {
		## The most values it holds; putting one more drops the oldest.
		## Without it the queue is unbounded.
		max_len: count &optional;
	};

	## A queue (its fields are private to this module).
	type Queue: record {};

	## Makes a queue.
	##
	## s: its settings.
	##
	## Returns: an empty queue.
	global init: function(s: Settings &default=[]): Queue;

	## Adds a value at the back, dropping the front one if the queue is
	## full.
	##
	## q: the queue.
	##
	## val: the value.
	global put: function(q: Queue, val: any);

	## Takes the value at the front off the queue.
	##
	## q: the queue.
	##
	## Returns: the value.
	global get: function(q: Queue): any;

	## The value at the front, left in place.
	##
	## q: the queue.
	##
	## Returns: the value.
	global peek: function(q: Queue): any;

	## A new queue with the settings of the first that takes values from
	## the two alternately, front first, starting with the first queue's.
	##
	## q1: the first queue.
	##
	## q2: the second queue.
	##
	## Returns: the merged queue.
	global merge: function(q1: Queue, q2: Queue): Queue;

	## How many values a queue holds.
	##
	## q: the queue.
	##
	## Returns: the number of values.
	global len: function(q: Queue): count;

	## Copies a queue's values into a vector, front first, from index 0
	## on.
	##
	## q: the queue.
	##
	## ret: the vector to fill.
	global get_vector: function(q: Queue, ret: vector of any);
}

redef record Queue += {
	# Whether init() made it.
	initialized: bool &default=F;
	# The values by their sequence number.
	vals: table[count] of any &optional;
	# What init() was given.
	settings: Settings &optional;
	# The sequence number the next value gets.
	top: count &default=0;
	# The sequence number of the value at the front.
	bottom: count &default=0;
	# Kept for compatibility; not maintained.
	size: count &default=0;
};

function init(s: Settings): Queue
	{
	return Queue($initialized=T, $vals=table(), $settings=copy(s));
	}

function len(q: Queue): count
	{
	return |q$vals|;
	}

function get(q: Queue): any
	{
	local front = q$vals[q$bottom];
	delete q$vals[q$bottom];
	q$bottom += 1;
	return front;
	}

function peek(q: Queue): any
	{
	return q$vals[q$bottom];
	}

function put(q: Queue, val: any)
	{
	if ( q$settings?$max_len && |q$vals| >= q$settings$max_len )
		get(q);
	q$vals[q$top] = val;
	q$top += 1;
	}

function merge(q1: Queue, q2: Queue): Queue
	{
	local merged = init(q1$settings);
	local a = q1$bottom;
	local b = q2$bottom;
	# As many rounds as the first queue has values.
	local rounds = |q1$vals|;
	while ( rounds > 0 )
		{
		if ( a in q1$vals )
			put(merged, q1$vals[a]);
		if ( b in q2$vals )
			put(merged, q2$vals[b]);
		a += 1;
		b += 1;
		rounds -= 1;
		}
	return merged;
	}

function get_vector(q: Queue, ret: vector of any)
	{
	local seq = q$bottom;
	local at = 0;
	while ( seq < q$top && at < |q$vals| )
		{
		ret[at] = q$vals[seq];
		at += 1;
		seq += 1;
		}
	}
