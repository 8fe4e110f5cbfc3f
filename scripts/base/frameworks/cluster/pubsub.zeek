##! Subscribing to topics. Publishing is done with the built-ins
##! :zeek:see:`Cluster::publish`, :zeek:see:`Cluster::publish_hrw` and
##! :zeek:see:`Cluster::publish_rr`, and :zeek:see:`Cluster::make_event`
##! makes an event to publish later.

@load ./types

module Cluster;

export {
	## Receives the events published to topics starting with `topic`.
	## Returns T on success.
	global subscribe: function(topic: string): bool;

	## Stops receiving a topic given to :zeek:see:`Cluster::subscribe`.
	## Returns T on success.
	global unsubscribe: function(topic: string): bool;

	## Runs on every :zeek:see:`Cluster::subscribe`, with its topic.
	global on_subscribe: hook(topic: string);

	## Runs on every :zeek:see:`Cluster::unsubscribe`, with its topic.
	global on_unsubscribe: hook(topic: string);
}

function subscribe(topic: string): bool
	{
	hook on_subscribe(topic);
	return __subscribe(topic);
	}

function unsubscribe(topic: string): bool
	{
	hook on_unsubscribe(topic);
	return __unsubscribe(topic);
	}
