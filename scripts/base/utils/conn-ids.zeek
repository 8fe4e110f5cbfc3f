##! Connection ids as text, for messages and for the handles that name
##! files.

module GLOBAL;

export {
	## "orig_h:orig_p > resp_h:resp_p": data flowing from the originator.
	global id_string: function(id: conn_id): string;
	## "orig_h:orig_p < resp_h:resp_p": data flowing from the responder.
	global reverse_id_string: function(id: conn_id): string;
	## id_string when is_orig, else reverse_id_string.
	global directed_id_string: function(id: conn_id, is_orig: bool): string;
}

function id_string(id: conn_id): string
	{
	return fmt("%s:%d > %s:%d", id$orig_h, id$orig_p, id$resp_h, id$resp_p);
	}

function reverse_id_string(id: conn_id): string
	{
	return fmt("%s:%d < %s:%d", id$orig_h, id$orig_p, id$resp_h, id$resp_p);
	}

function directed_id_string(id: conn_id, is_orig: bool): string
	{
	if ( is_orig )
		return id_string(id);
	return reverse_id_string(id);
	}
