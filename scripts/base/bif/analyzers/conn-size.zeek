##! The events of Zeek's connection-size analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global conn_bytes_threshold_crossed: event(c: connection, threshold: count, is_orig: bool);
global conn_packets_threshold_crossed: event(c: connection, threshold: count, is_orig: bool);
global conn_duration_threshold_crossed: event(c: connection, threshold: interval, is_orig: bool);
global conn_generic_packet_threshold_crossed: event(c: connection, threshold: count);
