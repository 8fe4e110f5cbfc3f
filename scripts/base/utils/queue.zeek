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

# The values of a queue sit in `vals` under consecutive sequence numbers,
# from `bottom` (the front) up to `top`, which the next value gets.

function len(q: Queue): count
	{
	return |q$vals|;
	}

function init(s: Settings): Queue
	{
	local fresh = Queue($settings=copy(s));
	fresh$vals = table();
	fresh$initialized = T;
	return fresh;
	}

function peek(q: Queue): any
	{
	local front = q$bottom;
	return q$vals[front];
	}

function get(q: Queue): any
	{
	local front = q$bottom;
	local v = q$vals[front];
	delete q$vals[front];
	q$bottom = front + 1;
	return v;
	}

# Whether a queue holds as many values as its settings allow.
function full(q: Queue): bool
	{
	local limits = q$settings;
	return limits?$max_len && len(q) >= limits$max_len;
	}

function put(q: Queue, val: any)
	{
	if ( full(q) )
		get(q);
	local back = q$top;
	q$vals[back] = val;
	q$top = back + 1;
	}

function merge(q1: Queue, q2: Queue): Queue
	{
	local out = init(q1$settings);
	# Round i takes the i-th value of each queue, the first's first; there
	# are as many rounds as the first queue has values.
	local n = len(q1);
	local i = 0;
	while ( i < n )
		{
		local k1 = q1$bottom + i;
		local k2 = q2$bottom + i;
		if ( k1 in q1$vals )
			put(out, q1$vals[k1]);
		if ( k2 in q2$vals )
			put(out, q2$vals[k2]);
		++i;
		}
	return out;
	}

function get_vector(q: Queue, ret: vector of any)
	{
	local n = len(q);
	local i = 0;
	while ( i < n )
		{
		ret[i] = q$vals[q$bottom + i];
		++i;
		}
	}
