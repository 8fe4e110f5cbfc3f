##! Subscribing to topics. Publishing is done with the built-ins
##! :zeek:see:`Cluster::publish`, :zeek:see:`Cluster::publish_hrw` and
##! :zeek:see:`Cluster::publish_rr`, and :zeek:see:`Cluster::make_event`
##! makes an event to publish later.

@load ./types

module Cluster;

export {
	## Starts receiving what is published to any topic that begins with
	## ``topic``; T when the transport accepted the subscription.
	global subscribe: function(topic: string): bool;

	## Undoes a :zeek:see:`Cluster::subscribe` of the same prefix; T when
	## the transport accepted it.
	global unsubscribe: function(topic: string): bool;

	## Sees each prefix given to :zeek:see:`Cluster::subscribe`, before the
	## transport does.
	global on_subscribe: hook(topic: string);
	## Sees each prefix given to :zeek:see:`Cluster::unsubscribe`, before the
	## transport does.
	global on_unsubscribe: hook(topic: string);
}

# Both directions work alike: the hooks hear of the prefix first, then the
# transport, whose answer is the result.

function subscribe(topic: string): bool {
	hook Cluster::on_subscribe(topic);
	local accepted = Cluster::__subscribe(topic);
	return accepted;
}

function unsubscribe(topic: string): bool {
	hook Cluster::on_unsubscribe(topic);
	local accepted = Cluster::__unsubscribe(topic);
	return accepted;
}
