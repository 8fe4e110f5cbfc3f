##! The events of Zeek's HTTP analyzer, with their argument types.
##! rzeek's HTTP analyzer raises the request, reply, header, entity and
##! message events; the others wait for a fuller analyzer.

## An HTTP request line: the method, the target as sent, the target with
## %-escapes decoded, and the version ("1.1").
global http_request: event(c: connection, method: string, original_URI: string, unescaped_URI: string, version: string);

## An HTTP status line: the version, the status code and the reason.
global http_reply: event(c: connection, version: string, code: count, reason: string);

## An HTTP header: the name as sent, the name in capitals, the value.
global http_header: event(c: connection, is_orig: bool, original_name: string, name: string, value: string);
global http_header: event(c: connection, is_orig: bool, name: string, value: string);
global http_all_headers: event(c: connection, is_orig: bool, hlist: mime_header_list);

## A message's entity starts (before its headers).
global http_begin_entity: event(c: connection, is_orig: bool);

## A message's entity ends (after its body).
global http_end_entity: event(c: connection, is_orig: bool);

## Body bytes of an entity.
global http_entity_data: event(c: connection, is_orig: bool, length: count, data: string);
global http_content_type: event(c: connection, is_orig: bool, ty: string, subty: string);

## A request or a reply is complete.
global http_message_done: event(c: connection, is_orig: bool, stat: http_message_stat);
global http_event: event(c: connection, event_type: string, detail: string);
global http_stats: event(c: connection, stats: http_stats_rec);
global http_connection_upgrade: event(c: connection, protocol: string);
