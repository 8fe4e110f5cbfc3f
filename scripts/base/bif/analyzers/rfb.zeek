##! The events of Zeek's RFB (VNC) analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global rfb_authentication_type: event(c: connection, authtype: count);
global rfb_auth_result: event(c: connection, result: bool) &deprecated="Remove in v9.1. Use rfb_authentication_result which has the correct value for result.";
global rfb_authentication_result: event(c: connection, result: bool);
global rfb_share_flag: event(c: connection, flag: bool);
global rfb_client_version: event(c: connection, major_version: string, minor_version: string);
global rfb_server_version: event(c: connection, major_version: string, minor_version: string);
global rfb_server_parameters: event(c: connection, name: string, width: count, height: count);
