##! The events of Zeek's MIME analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global mime_begin_entity: event(c: connection);
global mime_end_entity: event(c: connection);
global mime_one_header: event(c: connection, h: mime_header_rec);
global mime_all_headers: event(c: connection, hlist: mime_header_list);
global mime_segment_data: event(c: connection, length: count, data: string);
global mime_entity_data: event(c: connection, length: count, data: string);
global mime_all_data: event(c: connection, length: count, data: string);
global mime_event: event(c: connection, event_type: string, detail: string);
global mime_content_hash: event(c: connection, content_len: count, hash_value: string);
global mime_content_hash_sha256: event(c: connection, content_len: count, hash_value: string);
