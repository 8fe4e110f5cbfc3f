##! The events of Zeek's SIP analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global sip_request: event(c: connection, method: string, original_URI: string, version: string);
global sip_reply: event(c: connection, version: string, code: count, reason: string);
global sip_header: event(c: connection, is_orig: bool, name: string, value: string);
global sip_all_headers: event(c: connection, is_orig: bool, hlist: mime_header_list);
global sip_begin_entity: event(c: connection, is_orig: bool);
global sip_end_entity: event(c: connection, is_orig: bool);
