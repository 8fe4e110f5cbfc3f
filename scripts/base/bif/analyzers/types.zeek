##! The records, enums and containers that the protocol and file analyzers
##! hand to their events, beyond those the core script declares itself.
##!
##! Each analyzer fills these in from what it parses; scripts only read
##! them. The declarations are grouped by analyzer, one module each where
##! the analyzer has its own namespace. Fields that are not always present
##! on the wire are ``&optional``: test them with ``?$`` before use.

module GLOBAL;

## A table of arbitrary values by name, as some analyzers pass extra,
## loosely typed details along.
type string_any_table: table[string] of any;

## Several X.509 certificates in a row, such as one chain.
type x509_opaque_vector: vector of opaque of x509;

# ---- ICMPv6 multicast listener discovery (MLDv2) ----

## What a multicast address record of an MLDv2 report says about the
## listener's source filter (RFC 3810, section 5.2.12).
type icmp6_mldv2_group_type: enum {
	## The listener reports its current filter mode.
	MLDV2_MODE_IS_INCLUDE = 1, MLDV2_MODE_IS_EXCLUDE = 2,
	## The listener switches its filter mode.
	MLDV2_CHANGE_TO_INCLUDE_MODE = 3, MLDV2_CHANGE_TO_EXCLUDE_MODE = 4,
	## The listener adds or drops sources.
	MLDV2_ALLOW_NEW_SOURCES = 5, MLDV2_BLOCK_OLD_SOURCES = 6
};

## One multicast address record of an MLDv2 listener report.
type icmp6_mldv2_mar: record {
	## The kind of record, with the lengths its header gives.
	group_type: icmp6_mldv2_group_type; aux_data_len: count; num_sources: count;
	## The group the record is about and the sources it lists.
	multicast_addr: addr; sources: addr_vec;
	## Auxiliary data, when the record carries any.
	aux_data: string &optional;
};

## All the multicast address records of one MLDv2 report.
type icmp6_mldv2_mar_vec: vector of icmp6_mldv2_mar;

# ---- TCP ----

module TCP;

export {
	## A TCP header option, decoded where rzeek knows its layout.
	type Option: record {
		## The option's kind byte and its total length.
		kind: count; length: count;
		## The option's bytes, for kinds that are not decoded further.
		data: string &optional;
		## Maximum segment size and window scale factor.
		mss: count &optional; window_scale: count &optional;
		## The selective-acknowledgement block edges.
		sack: index_vec &optional;
		## The timestamp option's two values.
		send_timestamp: count &optional; echo_timestamp: count &optional;
		## The quick-start request: rate, TTL difference and nonce.
		rate: count &optional; ttl_diff: count &optional; qs_nonce: count &optional;
	};

	## The options of one TCP header, in the order they appear.
	type OptionList: vector of Option;

	## A TCP option as its kind and raw bytes, without decoding.
	type RawOption: record { kind: count; data: string; };

	## The raw options of one TCP header.
	type RawOptionList: vector of RawOption;
}

# ---- WebSocket ----

module WebSocket;

export {
	## How a connection that upgraded to WebSocket is analyzed further.
	type AnalyzerConfig: record {
		## The analyzer to run on the messages' payload, if any.
		analyzer: Analyzer::Tag &optional;
		## Whether dynamic protocol detection decides instead.
		use_dpd: bool &default=use_dpd_default;
		## The subprotocol and extensions the server accepted.
		subprotocol: string &optional; server_extensions: vector of string &optional;
	};
}

module GLOBAL;

## A hook that file analysis calls with a file, a value and a string.
type string_any_file_hook: hook(f: fa_file, e: any, str: string);

## The parts of a TCP SYN that passive OS fingerprinting looks at.
type SYN_packet: record {
	## Direction and the IP header's don't-fragment bit, TTL and size.
	is_orig: bool; DF: bool; ttl: count; size: count;
	## Advertised window and its scale factor.
	win_size: count; win_scale: int;
	## Maximum segment size and whether selective acknowledgement is allowed.
	MSS: count; SACK_OK: bool;
	## The timestamp option's values, when present.
	TSval: count &optional; TSecr: count &optional;
};

# ---- Teredo (IPv6 over UDP) ----

## The authentication indicator of a Teredo packet.
type teredo_auth: record {
	## Client identifier and authentication value.
	id: string; value: string;
	## The nonce and the confirmation byte.
	nonce: count; confirm: count;
};

## The origin indicator of a Teredo packet: the client's mapped address.
type teredo_origin: record { p: port; a: addr; };

## A Teredo packet: its optional indicators and the IPv6 header inside.
type teredo_hdr: record {
	auth: teredo_auth &optional; origin: teredo_origin &optional;
	hdr: pkt_hdr;
};

# ---- GTPv1 (GPRS tunnelling) ----

## The header of a GTPv1 message.
type gtpv1_hdr: record {
	## Version, protocol type and the reserved bit.
	version: count; pt_flag: bool; rsv: bool;
	## Which optional fields follow: extension header, sequence number, N-PDU number.
	e_flag: bool; s_flag: bool; pn_flag: bool;
	## Message type, payload length and tunnel endpoint identifier.
	msg_type: count; length: count; teid: count;
	## The optional fields the flags announce.
	seq: count &optional; n_pdu: count &optional; next_type: count &optional;
};

## The cause of a GTPv1 response. This and the types after it are the
## information elements of control messages that carry a plain value.
type gtp_cause: count;
## The subscriber's IMSI.
type gtp_imsi: count;
## Whether a delete request tears down all contexts.
type gtp_teardown_ind: bool;
## The network service access point identifier.
type gtp_nsapi: count;
## The restart counter.
type gtp_recovery: count;
## The data tunnel endpoint identifier.
type gtp_teid1: count;
## The control-plane tunnel endpoint identifier.
type gtp_teid_control_plane: count;
## The charging identifier.
type gtp_charging_id: count;
## The charging gateway's address.
type gtp_charging_gateway_addr: addr;
## The trace reference.
type gtp_trace_reference: count;
## The trace type.
type gtp_trace_type: count;
## A traffic flow template, undecoded.
type gtp_tft: string;
## The trigger identifier.
type gtp_trigger_id: string;
## The operations and maintenance centre's identity.
type gtp_omc_id: string;
## Whether packets must be delivered in order.
type gtp_reordering_required: bool;
## Protocol configuration options, undecoded.
type gtp_proto_config_options: string;
## Charging characteristics.
type gtp_charging_characteristics: count;
## The selection mode.
type gtp_selection_mode: count;
## The access point name.
type gtp_access_point_name: string;
## The subscriber's MSISDN.
type gtp_msisdn: string;

## A GSN address: an IP address, or the raw bytes when they are not one.
type gtp_gsn_addr: record { ip: addr &optional; other: string &optional; };

## The end user address: PDP type organisation and number, then the
## address as IP or as raw bytes.
type gtp_end_user_addr: record {
	pdp_type_org: count; pdp_type_num: count;
	pdp_ip: addr &optional; pdp_other_addr: string &optional;
};

## A routing area identity: country and network codes, area and routing codes.
type gtp_rai: record { mcc: count; mnc: count; lac: count; rac: count; };

## A quality-of-service profile: its priority and the undecoded rest.
type gtp_qos_profile: record { priority: count; data: string; };

## A vendor's private extension: its identifier and value.
type gtp_private_extension: record { id: count; value: string; };

## The elements of a Create PDP Context request.
type gtp_create_pdp_ctx_request_elements: record {
	## Who asks, from where, after how many restarts, in which selection mode.
	imsi: gtp_imsi &optional; rai: gtp_rai &optional;
	recovery: gtp_recovery &optional; select_mode: gtp_selection_mode &optional;
	## Tunnel endpoints and access point identifiers.
	data1: gtp_teid1; cp: gtp_teid_control_plane &optional;
	nsapi: gtp_nsapi; linked_nsapi: gtp_nsapi &optional;
	## Charging and tracing.
	charge_character: gtp_charging_characteristics &optional;
	trace_ref: gtp_trace_reference &optional; trace_type: gtp_trace_type &optional;
	## The end user, access point and configuration options.
	end_user_addr: gtp_end_user_addr &optional;
	ap_name: gtp_access_point_name &optional; opts: gtp_proto_config_options &optional;
	## The GSN's signalling and user-traffic addresses.
	signal_addr: gtp_gsn_addr; user_addr: gtp_gsn_addr;
	## The subscriber's number and the requested service.
	msisdn: gtp_msisdn &optional; qos_prof: gtp_qos_profile; tft: gtp_tft &optional;
	## Trace trigger, OMC identity and vendor extension.
	trigger_id: gtp_trigger_id &optional; omc_id: gtp_omc_id &optional;
	ext: gtp_private_extension &optional;
};

## The elements of a Create PDP Context response.
type gtp_create_pdp_ctx_response_elements: record {
	## The outcome, and whether reordering is required.
	cause: gtp_cause; reorder_req: gtp_reordering_required &optional;
	recovery: gtp_recovery &optional;
	## Tunnel endpoints and the charging identifier.
	data1: gtp_teid1 &optional; cp: gtp_teid_control_plane &optional;
	charging_id: gtp_charging_id &optional;
	## The end user's address and configuration options.
	end_user_addr: gtp_end_user_addr &optional; opts: gtp_proto_config_options &optional;
	## The GSN's control and user-traffic addresses.
	cp_addr: gtp_gsn_addr &optional; user_addr: gtp_gsn_addr &optional;
	## Negotiated service, charging gateway and vendor extension.
	qos_prof: gtp_qos_profile &optional;
	charge_gateway: gtp_charging_gateway_addr &optional;
	ext: gtp_private_extension &optional;
};

## The elements of an Update PDP Context request.
type gtp_update_pdp_ctx_request_elements: record {
	## Who asks, from where, after how many restarts.
	imsi: gtp_imsi &optional; rai: gtp_rai &optional; recovery: gtp_recovery &optional;
	## Tunnel endpoints and the access point identifier.
	data1: gtp_teid1; cp: gtp_teid_control_plane &optional; nsapi: gtp_nsapi;
	## Tracing.
	trace_ref: gtp_trace_reference &optional; trace_type: gtp_trace_type &optional;
	## The GSN's control and user-traffic addresses.
	cp_addr: gtp_gsn_addr; user_addr: gtp_gsn_addr;
	## The requested service.
	qos_prof: gtp_qos_profile; tft: gtp_tft &optional;
	## Trace trigger, OMC identity, vendor extension and end user address.
	trigger_id: gtp_trigger_id &optional; omc_id: gtp_omc_id &optional;
	ext: gtp_private_extension &optional; end_user_addr: gtp_end_user_addr &optional;
};

## The elements of an Update PDP Context response.
type gtp_update_pdp_ctx_response_elements: record {
	## The outcome and the restart counter.
	cause: gtp_cause; recovery: gtp_recovery &optional;
	## Tunnel endpoints and the charging identifier.
	data1: gtp_teid1 &optional; cp: gtp_teid_control_plane &optional;
	charging_id: gtp_charging_id &optional;
	## The GSN's control and user-traffic addresses.
	cp_addr: gtp_gsn_addr &optional; user_addr: gtp_gsn_addr &optional;
	## Negotiated service, charging gateway and vendor extension.
	qos_prof: gtp_qos_profile &optional;
	charge_gateway: gtp_charging_gateway_addr &optional;
	ext: gtp_private_extension &optional;
};

## The elements of a Delete PDP Context request.
type gtp_delete_pdp_ctx_request_elements: record {
	teardown_ind: gtp_teardown_ind &optional; nsapi: gtp_nsapi;
	ext: gtp_private_extension &optional;
};

## The elements of a Delete PDP Context response.
type gtp_delete_pdp_ctx_response_elements: record {
	cause: gtp_cause; ext: gtp_private_extension &optional;
};

# ---- Sun RPC portmapper ----

## A portmapper entry: which program and version is served on which port.
type pm_mapping: record { program: count; version: count; p: port; };

## Portmapper entries by their index in a dump reply.
type pm_mappings: table[count] of pm_mapping;

## The question of a GETPORT call.
type pm_port_request: record { program: count; version: count; is_tcp: bool; };

## A CALLIT call: the procedure it forwards and the size of its arguments.
type pm_callit_request: record {
	program: count; version: count; proc: count; arg_size: count;
};

# ---- DNS ----

## The EDNS client-subnet option (RFC 7871).
type dns_edns_ecs: record {
	## Address family, then the prefix lengths the client gave and the
	## server answered for.
	family: string; source_prefix_len: count; scope_prefix_len: count;
	## The (truncated) client address.
	address: addr;
};

## The EDNS TCP keepalive option (RFC 7828); the timeout is in units of
## 100 ms and only meaningful when not omitted.
type dns_edns_tcp_keepalive: record {
	keepalive_timeout_omitted: bool; keepalive_timeout: count;
};

## The EDNS cookie option (RFC 7873); a query carries only the client's half.
type dns_edns_cookie: record {
	client_cookie: string; server_cookie: string &default="";
};

## A TKEY resource record (RFC 2930).
type dns_tkey: record {
	## The owner name and record type.
	query: string; qtype: count;
	## The key algorithm and the key's validity.
	alg_name: string; inception: time; expiration: time;
	## Key agreement mode and the record's error code.
	mode: count; rr_error: count;
	## The key material; and whether the record came in a query.
	key_data: string; is_query: count;
};

## A TSIG resource record (RFC 8945) from a message's additional section.
type dns_tsig_additional: record {
	## The owner name and record type.
	query: string; qtype: count;
	## The MAC algorithm and the MAC itself.
	alg_name: string; sig: string;
	## When it was signed and the allowed clock skew.
	time_signed: time; fudge: time;
	## The original message id and the error code.
	orig_id: count; rr_error: count;
	## Whether the record came in a query.
	is_query: count;
};

## An RRSIG resource record (DNSSEC, RFC 4034).
type dns_rrsig_rr: record {
	## The owner name and the section the record was in.
	query: string; answer_type: count;
	## What is signed, how, and how many labels the owner name has.
	type_covered: count; algorithm: count; labels: count;
	## The original TTL and the signature's validity.
	orig_ttl: interval; sig_exp: time; sig_incep: time;
	## The signing key's tag, the signer and the signature.
	key_tag: count; signer_name: string; signature: string;
	## Whether the record came in a query.
	is_query: count;
};

## A DNSKEY resource record (DNSSEC, RFC 4034).
type dns_dnskey_rr: record {
	query: string; answer_type: count;
	## The key's flags, protocol and algorithm, and the key itself.
	flags: count; protocol: count; algorithm: count; public_key: string;
	is_query: count;
};

## An NSEC3 resource record (RFC 5155).
type dns_nsec3_rr: record {
	query: string; answer_type: count;
	## Flags, hash algorithm and iteration count.
	nsec_flags: count; nsec_hash_algo: count; nsec_iter: count;
	## The salt and the next hashed owner name, each with its length.
	nsec_salt_len: count; nsec_salt: string; nsec_hlen: count; nsec_hash: string;
	## The type bitmaps.
	bitmaps: string_vec;
	is_query: count;
};

## An NSEC3PARAM resource record (RFC 5155).
type dns_nsec3param_rr: record {
	query: string; answer_type: count;
	nsec_flags: count; nsec_hash_algo: count; nsec_iter: count;
	nsec_salt_len: count; nsec_salt: string;
	is_query: count;
};

## A DS resource record (DNSSEC, RFC 4034).
type dns_ds_rr: record {
	query: string; answer_type: count;
	## The referenced key's tag and algorithm, and its digest.
	key_tag: count; algorithm: count; digest_type: count; digest_val: string;
	is_query: count;
};

## A BIND signing-state record (type 65534).
type dns_binds_rr: record {
	query: string; answer_type: count;
	## The key, and whether it is being removed and signing is complete.
	algorithm: count; key_id: count; removal_flag: count; complete_flag: count;
	is_query: count;
};

## A LOC resource record (RFC 1876).
type dns_loc_rr: record {
	query: string; answer_type: count;
	## Version, then the size and precision values as encoded.
	version: count; size: count; horiz_pre: count; vert_pre: count;
	## The position as encoded (thousandths of arc seconds, centimetres).
	latitude: count; longitude: count; altitude: count;
	is_query: count;
};

## One service parameter of an SVCB or HTTPS record (RFC 9460). The key
## says which of the optional fields holds its value; ``raw`` keeps the
## bytes of keys that are not decoded.
type dns_svcb_param: record {
	key: count;
	mandatory: vector of count &optional; alpn: vector of string &optional;
	p: count &optional; hint: vector of addr &optional;
	ech: string &optional; raw: string &optional;
};

## The parameters of one SVCB or HTTPS record.
type dns_svcb_param_vec: vector of dns_svcb_param;

## An SVCB or HTTPS resource record; without parameters it is an alias.
type dns_svcb_rr: record {
	svc_priority: count; target_name: string;
	svc_params: dns_svcb_param_vec &optional;
};

## A NAPTR resource record (RFC 3403).
type dns_naptr_rr: record {
	## Which record to try first, and among equals which is preferred.
	order: count; preference: count;
	## Flags, service and the rewriting rule.
	flags: string; service: string; regexp: string; replacement: string;
};

# ---- HTTP, IRC, BitTorrent ----

## Counts of one HTTP connection, given when it ends.
type http_stats_rec: record {
	## Requests seen and replies seen.
	num_requests: count; num_replies: count;
	## The protocol versions of the (last) request and reply.
	request_version: double; reply_version: double;
};

## One channel of an IRC JOIN, with the key and mode given for it.
type irc_join_info: record {
	nick: string; channel: string; password: string; usermode: string;
};

## The channels of one IRC JOIN.
type irc_join_list: set[irc_join_info];

## A peer that a BitTorrent tracker hands out.
type bittorrent_peer: record { h: addr; p: port; };

## The peers of one tracker response.
type bittorrent_peer_set: set[bittorrent_peer];

## A bencoded value of a tracker response: an integer, a string, or a
## dictionary or list left in its encoded form.
type bittorrent_benc_value: record {
	i: int &optional; s: string &optional;
	d: string &optional; l: string &optional;
};

## A bencoded dictionary by key.
type bittorrent_benc_dir: table[string] of bittorrent_benc_value;

## The HTTP headers of a tracker request or response, by name.
type bt_tracker_headers: table[string] of string;

# ---- Modbus ----

## Coil (bit) values, in address order.
type ModbusCoils: vector of bool;

## Register (16-bit) values, in address order.
type ModbusRegisters: vector of count;

## The Modbus/TCP header of a message.
type ModbusHeaders: record {
	## Transaction, protocol and unit identifiers.
	tid: count; pid: count; uid: count;
	## The function and the length the header gives.
	function_code: count; len: count;
};

## One sub-request of a Read File Record request.
type ModbusFileRecordRequest: record {
	ref_type: count; file_num: count; record_num: count; record_len: count;
};

## The sub-requests of one Read File Record request.
type ModbusFileRecordRequests: vector of ModbusFileRecordRequest;

## One sub-response of a Read File Record response.
type ModbusFileRecordResponse: record {
	file_len: count; ref_type: count; record_data: string;
};

## The sub-responses of one Read File Record response.
type ModbusFileRecordResponses: vector of ModbusFileRecordResponse;

## One sub-request of a Write File Record request or response: where the
## data goes and the data itself.
type ModbusFileReference: record {
	ref_type: count; file_num: count; record_num: count; record_len: count;
	record_data: string;
};

## The sub-requests of one Write File Record message.
type ModbusFileReferences: vector of ModbusFileReference;

# ---- NFSv3 ----

module NFS3;

export {
	## What every NFSv3 event says about the call it reports: the RPC and
	## NFS outcome, the timing and sizes of request and reply, and the
	## caller's credentials.
	type info_t: record {
		## The RPC layer's status and the NFS status.
		rpc_stat: rpc_status; nfs_stat: status_t;
		## The request: when it started, how long it took, its size.
		req_start: time; req_dur: interval; req_len: count;
		## The same for the reply.
		rep_start: time; rep_dur: interval; rep_len: count;
		## The caller's AUTH_UNIX credentials.
		rpc_uid: count; rpc_gid: count; rpc_stamp: count;
		rpc_machine_name: string; rpc_auxgids: index_vec;
	};

	## Attributes a client sets on a file; only those given are changed.
	type sattr_t: record {
		mode: count &optional; uid: count &optional; gid: count &optional;
		size: count &optional;
		atime: time_how_t &optional; mtime: time_how_t &optional;
	};

	## A file's attributes as the server reports them.
	type fattr_t: record {
		## The file's type, permissions and link count.
		ftype: file_type_t; mode: count; nlink: count;
		## Owner and group.
		uid: count; gid: count;
		## Its size and the space it takes on disk.
		size: count; used: count;
		## The device it stands for, if a device file.
		rdev1: count; rdev2: count;
		## File system and file identifiers.
		fsid: count; fileid: count;
		## Last access, modification and attribute change.
		atime: time; mtime: time; ctime: time;
	};

	## What a SYMLINK call asks for: the link's attributes and its target.
	type symlinkdata_t: record {
		symlink_attributes: sattr_t; nfspath: string &optional;
	};

	## A name within a directory, given by the directory's handle.
	type diropargs_t: record { dirfh: string; fname: string; };

	## The arguments of a RENAME: from where to where.
	type renameopargs_t: record {
		src_dirfh: string; src_fname: string;
		dst_dirfh: string; dst_fname: string;
	};

	## The arguments of a SYMLINK: where the link goes and what it holds.
	type symlinkargs_t: record { link: diropargs_t; symlinkdata: symlinkdata_t; };

	## The arguments of a LINK: the file and the new name for it.
	type linkargs_t: record { fh: string; link: diropargs_t; };

	## The arguments of a SETATTR.
	type sattrargs_t: record { fh: string; new_attributes: sattr_t; };

	## The reply to a LOOKUP: the handle found, and the attributes of it
	## and of its directory.
	type lookup_reply_t: record {
		fh: string &optional; obj_attr: fattr_t &optional; dir_attr: fattr_t &optional;
	};

	## The arguments of a READ.
	type readargs_t: record { fh: string; offset: count; size: count; };

	## The reply to a READ.
	type read_reply_t: record {
		attr: fattr_t &optional;
		size: count &optional; eof: bool &optional; data: string &optional;
	};

	## The reply to a READLINK.
	type readlink_reply_t: record {
		attr: fattr_t &optional; nfspath: string &optional;
	};

	## The arguments of a WRITE, with how durably the data is to be stored.
	type writeargs_t: record {
		fh: string; offset: count; size: count;
		stable: stable_how_t; data: string &optional;
	};

	## The attributes weak cache consistency data carries about a file
	## before an operation.
	type wcc_attr_t: record { size: count; atime: time; mtime: time; };

	## The reply to a LINK.
	type link_reply_t: record {
		post_attr: fattr_t &optional;
		preattr: wcc_attr_t &optional; postattr: fattr_t &optional;
	};

	## The reply to a SETATTR.
	type sattr_reply_t: record {
		dir_pre_attr: wcc_attr_t &optional; dir_post_attr: fattr_t &optional;
	};

	## The reply to a WRITE: the file before and after, how much was
	## written, how durably, and the server's write verifier.
	type write_reply_t: record {
		preattr: wcc_attr_t &optional; postattr: fattr_t &optional;
		size: count &optional; commited: stable_how_t &optional;
		verf: count &optional;
	};

	## The reply to a call that creates something (CREATE, MKDIR, ...).
	type newobj_reply_t: record {
		fh: string &optional; obj_attr: fattr_t &optional;
		dir_pre_attr: wcc_attr_t &optional; dir_post_attr: fattr_t &optional;
	};

	## The reply to a call that removes something (REMOVE, RMDIR).
	type delobj_reply_t: record {
		dir_pre_attr: wcc_attr_t &optional; dir_post_attr: fattr_t &optional;
	};

	## The reply to a RENAME: both directories before and after.
	type renameobj_reply_t: record {
		src_dir_pre_attr: wcc_attr_t; src_dir_post_attr: fattr_t;
		dst_dir_pre_attr: wcc_attr_t; dst_dir_post_attr: fattr_t;
	};

	## The arguments of a READDIR or (with ``isplus``) READDIRPLUS.
	type readdirargs_t: record {
		isplus: bool; dirfh: string;
		## Where to continue, and the verifier of that position.
		cookie: count; cookieverf: count;
		## How much to return (``maxcount`` only for READDIRPLUS).
		dircount: count; maxcount: count &optional;
	};

	## One directory entry; READDIRPLUS adds attributes and handle.
	type direntry_t: record {
		fileid: count; fname: string; cookie: count;
		attr: fattr_t &optional; fh: string &optional;
	};

	## The entries of one READDIR reply.
	type direntry_vec_t: vector of direntry_t;

	## The reply to a READDIR or READDIRPLUS.
	type readdir_reply_t: record {
		isplus: bool;
		dir_attr: fattr_t &optional; cookieverf: count &optional;
		entries: direntry_vec_t &optional;
		## Whether the listing is complete.
		eof: bool;
	};
}

# ---- MOUNT v3 ----

module MOUNT3;

export {
	## What every MOUNT event says about the call it reports; the same
	## shape as :zeek:type:`NFS3::info_t`, with the mount status.
	type info_t: record {
		rpc_stat: rpc_status; mnt_stat: status_t;
		req_start: time; req_dur: interval; req_len: count;
		rep_start: time; rep_dur: interval; rep_len: count;
		rpc_uid: count; rpc_gid: count; rpc_stamp: count;
		rpc_machine_name: string; rpc_auxgids: index_vec;
	};

	## The argument of MNT and UMNT: the exported directory.
	type dirmntargs_t: record { dirname: string; };

	## The reply to MNT: the root handle and the accepted authentication.
	type mnt_reply_t: record {
		dirfh: string &optional; auth_flavors: vector of auth_flavor_t &optional;
	};
}

# ---- SSH ----

module SSH;

export {
	## An algorithm list of a key exchange init, one per direction.
	type Algorithm_Prefs: record {
		client_to_server: vector of string &optional;
		server_to_client: vector of string &optional;
	};

	## What one side offers in its key exchange init.
	type Capabilities: record {
		## Key exchange and host key algorithms.
		kex_algorithms: string_vec; server_host_key_algorithms: string_vec;
		## Ciphers, MACs and compression, per direction.
		encryption_algorithms: Algorithm_Prefs; mac_algorithms: Algorithm_Prefs;
		compression_algorithms: Algorithm_Prefs;
		## Languages, if any are listed.
		languages: Algorithm_Prefs &optional;
		## Whether the server sent this.
		is_server: bool;
	};
}

# ---- NTLM ----

module NTLM;

export {
	## The Windows version an NTLM message may carry.
	type NTLM::Version: record {
		major: count; minor: count; build: count; ntlmssp: count;
	};

	## The negotiate flags of an NTLM message, one field per flag, from the
	## most significant bit down.
	type NTLM::NegotiateFlags: record {
		negotiate_56: bool; negotiate_key_exch: bool; negotiate_128: bool;
		negotiate_version: bool; negotiate_target_info: bool;
		request_non_nt_session_key: bool; negotiate_identify: bool;
		negotiate_extended_sessionsecurity: bool;
		target_type_server: bool; target_type_domain: bool;
		negotiate_always_sign: bool;
		negotiate_oem_workstation_supplied: bool; negotiate_oem_domain_supplied: bool;
		negotiate_anonymous_connection: bool; negotiate_ntlm: bool;
		negotiate_lm_key: bool; negotiate_datagram: bool;
		negotiate_seal: bool; negotiate_sign: bool; request_target: bool;
		negotiate_oem: bool; negotiate_unicode: bool;
	};

	## The first NTLM message, from the client.
	type NTLM::Negotiate: record {
		flags: NTLM::NegotiateFlags;
		domain_name: string &optional; workstation: string &optional;
		version: NTLM::Version &optional;
	};

	## The attribute-value pairs of a challenge's target information.
	type NTLM::AVs: record {
		## NetBIOS names of the server and its domain.
		nb_computer_name: string; nb_domain_name: string;
		## DNS names of the server, its domain and its forest.
		dns_computer_name: string &optional; dns_domain_name: string &optional;
		dns_tree_name: string &optional;
		## The remaining pairs, when present.
		constrained_auth: bool &optional; timestamp: time &optional;
		single_host_id: count &optional; target_name: string &optional;
	};

	## The second NTLM message, the server's challenge.
	type NTLM::Challenge: record {
		flags: NTLM::NegotiateFlags; challenge: count;
		target_name: string &optional; version: NTLM::Version &optional;
		target_info: NTLM::AVs &optional;
	};

	## The third NTLM message, the client's answer.
	type NTLM::Authenticate: record {
		flags: NTLM::NegotiateFlags;
		## Who authenticates, and from where.
		domain_name: string &optional; user_name: string &optional;
		workstation: string &optional;
		## The session key, version and the response to the challenge.
		session_key: string &optional; version: NTLM::Version &optional;
		response: string &optional;
	};
}

# ---- SMB ----

module SMB;

export {
	## A file's four timestamps, each also as the raw Windows FILETIME.
	type SMB::MACTimes: record {
		modified: time &log; modified_raw: count;
		accessed: time &log; accessed_raw: count;
		created: time &log; created_raw: count;
		changed: time &log; changed_raw: count;
	};
}

module SMB1;

export {
	## The header of an SMB1 message.
	type SMB1::Header: record {
		command: count; status: count; flags: count; flags2: count;
		## Tree, process, user and multiplex identifiers.
		tid: count; pid: count; uid: count; mid: count;
	};

	## Whether the server supports raw reads and writes.
	type SMB1::NegotiateRawMode: record { read_raw: bool; write_raw: bool; };

	## The capabilities a server announces in its negotiate response.
	type SMB1::NegotiateCapabilities: record {
		raw_mode: bool; mpx_mode: bool; unicode: bool; large_files: bool;
		nt_smbs: bool; rpc_remote_apis: bool; status32: bool;
		level_2_oplocks: bool; lock_and_read: bool; nt_find: bool; dfs: bool;
		infolevel_passthru: bool; large_readx: bool; large_writex: bool;
		unix: bool; bulk_transfer: bool; compressed_data: bool;
		extended_security: bool;
	};

	## The security mode of a negotiate response.
	type SMB1::NegotiateResponseSecurity: record {
		user_level: bool; challenge_response: bool;
		signatures_enabled: bool &optional; signatures_required: bool &optional;
	};

	## A negotiate response for the core protocol: just the chosen dialect.
	type SMB1::NegotiateResponseCore: record { dialect_index: count; };

	## A negotiate response for a LAN Manager dialect.
	type SMB1::NegotiateResponseLANMAN: record {
		word_count: count; dialect_index: count;
		security_mode: SMB1::NegotiateResponseSecurity;
		## Limits: buffer size, outstanding requests, virtual circuits.
		max_buffer_size: count; max_mpx_count: count; max_number_vcs: count;
		raw_mode: SMB1::NegotiateRawMode;
		session_key: count; server_time: time;
		encryption_key: string; primary_domain: string;
	};

	## A negotiate response for the NT LM 0.12 dialect.
	type SMB1::NegotiateResponseNTLM: record {
		word_count: count; dialect_index: count;
		security_mode: SMB1::NegotiateResponseSecurity;
		## Limits: buffer size, outstanding requests, virtual circuits, raw size.
		max_buffer_size: count; max_mpx_count: count; max_number_vcs: count;
		max_raw_size: count;
		session_key: count; capabilities: SMB1::NegotiateCapabilities;
		server_time: time;
		## Present depending on whether extended security is in use.
		encryption_key: string &optional; domain_name: string &optional;
		guid: string &optional;
		security_blob: string;
	};

	## A negotiate response: exactly one of the three forms is set.
	type SMB1::NegotiateResponse: record {
		core: SMB1::NegotiateResponseCore &optional;
		lanman: SMB1::NegotiateResponseLANMAN &optional;
		ntlm: SMB1::NegotiateResponseNTLM &optional;
	};

	## The capabilities a client announces when it sets up a session.
	type SMB1::SessionSetupAndXCapabilities: record {
		unicode: bool; large_files: bool; nt_smbs: bool; status32: bool;
		level_2_oplocks: bool; nt_find: bool;
	};

	## A Session Setup AndX request.
	type SMB1::SessionSetupAndXRequest: record {
		word_count: count;
		max_buffer_size: count; max_mpx_count: count; vc_number: count;
		session_key: count;
		## The client's operating system and LAN Manager.
		native_os: string; native_lanman: string;
		## Plain credentials, for the older forms of the request.
		account_name: string &optional; account_password: string &optional;
		primary_domain: string &optional;
		case_insensitive_password: string &optional;
		case_sensitive_password: string &optional;
		## The security blob, for the extended security form.
		security_blob: string &optional;
		capabilities: SMB1::SessionSetupAndXCapabilities &optional;
	};

	## A Session Setup AndX response.
	type SMB1::SessionSetupAndXResponse: record {
		word_count: count; is_guest: bool &optional;
		native_os: string &optional; native_lanman: string &optional;
		primary_domain: string &optional; security_blob: string &optional;
	};

	## The parameters of a TRANSACTION2 request.
	type SMB1::Trans2_Args: record {
		## Totals and maxima of parameter, data and setup words.
		total_param_count: count; total_data_count: count;
		max_param_count: count; max_data_count: count; max_setup_count: count;
		flags: count; trans_timeout: count;
		## This message's parameter and data, where they lie, and the setup count.
		param_count: count; param_offset: count;
		data_count: count; data_offset: count;
		setup_count: count;
	};

	## The parameters of a TRANSACTION secondary request.
	type SMB1::Trans_Sec_Args: record {
		total_param_count: count; total_data_count: count;
		param_count: count; param_offset: count; param_displacement: count;
		data_count: count; data_offset: count; data_displacement: count;
	};

	## The parameters of a TRANSACTION2 secondary request.
	type SMB1::Trans2_Sec_Args: record {
		total_param_count: count; total_data_count: count;
		param_count: count; param_offset: count; param_displacement: count;
		data_count: count; data_offset: count; data_displacement: count;
		FID: count;
	};

	## The arguments of a FIND_FIRST2 subcommand.
	type SMB1::Find_First2_Request_Args: record {
		search_attrs: count; search_count: count; flags: count;
		info_level: count; search_storage_type: count;
		file_name: string;
	};

	## The reply to a FIND_FIRST2 subcommand.
	type SMB1::Find_First2_Response_Args: record {
		sid: count; search_count: count; end_of_search: bool;
		ext_attr_error: string &optional;
	};
}

module SMB2;

export {
	## The header of an SMB2 message.
	type SMB2::Header: record {
		credit_charge: count; status: count; command: count; credits: count;
		flags: count; message_id: count;
		## Which process, tree and session the message belongs to.
		process_id: count; tree_id: count; session_id: count;
		signature: string;
	};

	## An SMB2 file identifier, in its two halves.
	type SMB2::GUID: record { persistent: count; volatile: count; };

	## A file's attribute bits, one field each.
	type SMB2::FileAttrs: record {
		read_only: bool; hidden: bool; system: bool; directory: bool;
		archive: bool; normal: bool; temporary: bool; sparse_file: bool;
		reparse_point: bool; compressed: bool; offline: bool;
		not_content_indexed: bool; encrypted: bool; integrity_stream: bool;
		no_scrub_data: bool;
	};

	## The reply to a CLOSE: the file's final sizes, times and attributes.
	type SMB2::CloseResponse: record {
		alloc_size: count; eof: count;
		times: SMB::MACTimes; attrs: SMB2::FileAttrs;
	};

	## The pre-authentication integrity context of a negotiation.
	type SMB2::PreAuthIntegrityCapabilities: record {
		hash_alg_count: count; salt_length: count;
		hash_alg: vector of count; salt: string;
	};

	## The encryption context of a negotiation: the ciphers offered.
	type SMB2::EncryptionCapabilities: record {
		cipher_count: count; ciphers: vector of count;
	};

	## The compression context of a negotiation: the algorithms offered.
	type SMB2::CompressionCapabilities: record {
		alg_count: count; algs: vector of count;
	};

	## One negotiate context. Its type says which of the optional fields
	## holds the decoded content.
	type SMB2::NegotiateContextValue: record {
		context_type: count; data_length: count;
		preauth_info: SMB2::PreAuthIntegrityCapabilities &optional;
		encryption_info: SMB2::EncryptionCapabilities &optional;
		compression_info: SMB2::CompressionCapabilities &optional;
		netname: string &optional;
	};

	## The negotiate contexts of one message.
	type SMB2::NegotiateContextValues: vector of SMB2::NegotiateContextValue;

	## The reply to a NEGOTIATE.
	type SMB2::NegotiateResponse: record {
		dialect_revision: count; security_mode: count;
		server_guid: SMB2::GUID;
		## The server's clock now and when it started.
		system_time: time; server_start_time: time;
		negotiate_context_count: count;
		negotiate_context_values: SMB2::NegotiateContextValues;
	};

	## A SESSION_SETUP request.
	type SMB2::SessionSetupRequest: record { security_mode: count; };

	## The session flags of a SESSION_SETUP reply.
	type SMB2::SessionSetupFlags: record { guest: bool; anonymous: bool; encrypt: bool; };

	## The reply to a SESSION_SETUP.
	type SMB2::SessionSetupResponse: record { flags: SMB2::SessionSetupFlags; };

	## The reply to a TREE_CONNECT: disk, pipe or printer.
	type SMB2::TreeConnectResponse: record { share_type: count; };

	## A CREATE request: the name, what to do if it exists, and options.
	type SMB2::CreateRequest: record {
		filename: string; disposition: count; create_options: count;
	};

	## The reply to a CREATE.
	type SMB2::CreateResponse: record {
		file_id: SMB2::GUID; size: count;
		times: SMB::MACTimes; attrs: SMB2::FileAttrs;
		create_action: count;
	};

	## A file system's control information (quotas and free-space filtering).
	type SMB2::Fscontrol: record {
		free_space_start_filtering: int; free_space_threshold: int;
		free_space_stop_filtering: int;
		delete_quota_threshold: count; default_quota_limit: count;
		fs_control_flags: count;
	};

	## One extended attribute of a file.
	type SMB2::FileEA: record { ea_name: string; ea_value: string; };

	## A file's extended attributes.
	type SMB2::FileEAs: vector of SMB2::FileEA;

	## The transform header that precedes an encrypted message.
	type SMB2::Transform_header: record {
		signature: string; nonce: string;
		orig_msg_size: count; flags: count; session_id: count;
	};
}

# ---- DHCP ----

module DHCP;

export {
	## A list of addresses from one option.
	type DHCP::Addrs: vector of addr;

	## The fixed part of a DHCP message.
	type DHCP::Msg: record {
		## Operation, message type and transaction id.
		op: count; m_type: count; xid: count;
		## Seconds since the client began, and the flags.
		secs: interval; flags: count;
		## Client, offered ("your"), server and relay addresses.
		ciaddr: addr; yiaddr: addr; siaddr: addr; giaddr: addr;
		## The client's hardware address.
		chaddr: string;
		## The server host name and boot file name fields.
		sname: string &default=""; file_n: string &default="";
	};

	## The client identifier option.
	type DHCP::ClientID: record { hwtype: count; hwaddr: string; };

	## The client FQDN option (RFC 4702).
	type DHCP::ClientFQDN: record {
		flags: count; rcode1: count; rcode2: count; domain_name: string;
	};

	## A sub-option of the relay agent information option.
	type DHCP::SubOpt: record { code: count; value: string; };

	## The sub-options of one relay agent information option.
	type DHCP::SubOpts: vector of DHCP::SubOpt;

	## The options of a DHCP message that are decoded; each is set only
	## when the message carries it.
	type DHCP::Options: record {
		## The codes of all options present, in order.
		options: index_vec &optional;
		## Addressing: subnet mask, routers, DNS servers, names.
		subnet_mask: addr &optional; routers: DHCP::Addrs &optional;
		dns_servers: DHCP::Addrs &optional;
		host_name: string &optional; domain_name: string &optional;
		forwarding: bool &optional; broadcast: addr &optional;
		vendor: string &optional; nbns: DHCP::Addrs &optional;
		## The lease: the address asked for, its length, the server.
		addr_request: addr &optional; lease: interval &optional;
		serv_addr: addr &optional;
		param_list: index_vec &optional; message: string &optional;
		max_msg_size: count &optional;
		renewal_time: interval &optional; rebinding_time: interval &optional;
		## Who the client is.
		vendor_class: string &optional; client_id: DHCP::ClientID &optional;
		user_class: string &optional; client_fqdn: DHCP::ClientFQDN &optional;
		sub_opt: DHCP::SubOpts &optional;
		auto_config: bool &optional; auto_proxy_config: string &optional;
		## Time: offset from UTC and servers.
		time_offset: int &optional; time_servers: DHCP::Addrs &optional;
		name_servers: DHCP::Addrs &optional; ntp_servers: DHCP::Addrs &optional;
	};
}

# ---- Windows executables (PE) ----

module PE;

export {
	## The MS-DOS header at the start of a PE file.
	type PE::DOSHeader: record {
		signature: string;
		used_bytes_in_last_page: count; file_in_pages: count;
		num_reloc_items: count; header_in_paragraphs: count;
		min_extra_paragraphs: count; max_extra_paragraphs: count;
		## Initial register values.
		init_relative_ss: count; init_sp: count; checksum: count;
		init_ip: count; init_relative_cs: count;
		addr_of_reloc_table: count; overlay_num: count;
		oem_id: count; oem_info: count;
		## Where the PE header starts.
		addr_of_new_exe_header: count;
	};

	## The COFF file header.
	type PE::FileHeader: record {
		machine: count; ts: time;
		sym_table_ptr: count; num_syms: count;
		optional_header_size: count; characteristics: set[count];
	};

	## The optional header (required for images).
	type PE::OptionalHeader: record {
		magic: count;
		major_linker_version: count; minor_linker_version: count;
		## Section sizes and where code starts.
		size_of_code: count; size_of_init_data: count; size_of_uninit_data: count;
		addr_of_entry_point: count; base_of_code: count;
		base_of_data: count &optional;
		## Layout in memory and on disk.
		image_base: count; section_alignment: count; file_alignment: count;
		## Versions of the OS, the image and the subsystem.
		os_version_major: count; os_version_minor: count;
		major_image_version: count; minor_image_version: count;
		major_subsys_version: count; minor_subsys_version: count;
		size_of_image: count; size_of_headers: count; checksum: count;
		subsystem: count; dll_characteristics: set[count];
		## The sizes of the data directories.
		table_sizes: vector of count;
	};

	## One section header.
	type PE::SectionHeader: record {
		name: string;
		virtual_size: count; virtual_addr: count;
		size_of_raw_data: count; ptr_to_raw_data: count;
		ptr_to_relocs: count; ptr_to_line_nums: count;
		num_of_relocs: count; num_of_line_nums: count;
		characteristics: set[count];
	};
}

# ---- SSL/TLS ----

module SSL;

export {
	## A signature scheme of TLS 1.2: hash and signature algorithm.
	type SignatureAndHashAlgorithm: record {
		HashAlgorithm: count; SignatureAlgorithm: count;
	};

	## A pre-shared key identity a TLS 1.3 client offers.
	type PSKIdentity: record { identity: string; obfuscated_ticket_age: count; };
}

module GLOBAL;

## The signature schemes of one handshake message.
type signature_and_hashalgorithm_vec: vector of SSL::SignatureAndHashAlgorithm;

## The pre-shared key identities of one client hello.
type psk_identity_vec: vector of SSL::PSKIdentity;

# ---- SOCKS, RADIUS ----

module SOCKS;

export {
	## The address a SOCKS request names: an IP address or a host name.
	type Address: record { host: addr &optional; name: string &optional; } &log;
}

module RADIUS;

export {
	## The values of one attribute, in the order they appear.
	type RADIUS::AttributeList: vector of string;

	## A message's attributes by type.
	type RADIUS::Attributes: table[count] of RADIUS::AttributeList;

	## A RADIUS message.
	type RADIUS::Message: record {
		code: count; trans_id: count; authenticator: string;
		attributes: RADIUS::Attributes &optional;
	};
}

# ---- RDP ----

module RDP;

export {
	## The early capability flags of a client's core data.
	type RDP::EarlyCapabilityFlags: record {
		support_err_info_pdu: bool; want_32bpp_session: bool;
		support_statusinfo_pdu: bool; strong_asymmetric_keys: bool;
		support_monitor_layout_pdu: bool; support_netchar_autodetect: bool;
		support_dynvc_gfx_protocol: bool; support_dynamic_time_zone: bool;
		support_heartbeat_pdu: bool;
	};

	## The core data block of a client's conference create request.
	type RDP::ClientCoreData: record {
		version_major: count; version_minor: count;
		## The desktop's size and colour depth.
		desktop_width: count; desktop_height: count; color_depth: count;
		sas_sequence: count;
		keyboard_layout: count; client_build: count; client_name: string;
		## The keyboard, and the input method editor's file.
		keyboard_type: count; keyboard_sub: count; keyboard_function_key: count;
		ime_file_name: string;
		## Fields that later versions of the block add.
		post_beta2_color_depth: count &optional; client_product_id: count &optional;
		serial_number: count &optional; high_color_depth: count &optional;
		supported_color_depths: count &optional;
		ec_flags: RDP::EarlyCapabilityFlags &optional;
		dig_product_id: string &optional;
	};

	## The security data block: the encryption methods the client supports.
	type RDP::ClientSecurityData: record {
		encryption_methods: count; ext_encryption_methods: count;
	};

	## One static virtual channel the client asks for, with its option bits.
	type RDP::ClientChannelDef: record {
		name: string; options: count;
		initialized: bool;
		encrypt_rdp: bool; encrypt_sc: bool; encrypt_cs: bool;
		pri_high: bool; pri_med: bool; pri_low: bool;
		compress_rdp: bool; compress: bool;
		show_protocol: bool; persistent: bool;
	};

	## The cluster data block: session redirection support.
	type RDP::ClientClusterData: record {
		flags: count; redir_session_id: count;
		redir_supported: bool; svr_session_redir_version_mask: count;
		redir_sessionid_field_valid: bool; redir_smartcard: bool;
	};

	## The channels of a client's network data block.
	type RDP::ClientChannelList: vector of ClientChannelDef;
}

# ---- SNMP ----

module SNMP;

export {
	## The header of an SNMPv1 message.
	type SNMP::HeaderV1: record { community: string; };

	## The header of an SNMPv2c message.
	type SNMP::HeaderV2: record { community: string; };

	## The context of a scoped PDU.
	type SNMP::ScopedPDU_Context: record { engine_id: string; name: string; };

	## The user-based security model's parameters (RFC 3414).
	type SNMP::UserSecurityParameters: record {
		AuthoritativeEngineID: string;
		AuthoritativeEngineBoots: int; AuthoritativeEngineTime: int;
		UserName: string;
		AuthenticationParameters: string; PrivacyParameters: string;
	};

	## The header of an SNMPv3 message.
	type SNMP::HeaderV3: record {
		id: count; max_size: count;
		## The flags, and each of the three bits on its own.
		flags: count; auth_flag: bool; priv_flag: bool; reportable_flag: bool;
		security_model: count; security_params: string;
		## Decoded when the message is not encrypted.
		pdu_context: SNMP::ScopedPDU_Context &optional;
		user_security_parameters: SNMP::UserSecurityParameters &optional;
	};

	## The header of any SNMP message: the field for its version is set.
	type SNMP::Header: record {
		version: count;
		v1: SNMP::HeaderV1 &optional; v2: SNMP::HeaderV2 &optional;
		v3: SNMP::HeaderV3 &optional;
	};

	## A value bound to an object. The tag is the ASN.1 type; the matching
	## optional field holds the value (none for null-like values).
	type SNMP::ObjectValue: record {
		tag: count;
		oid: string &optional; signed: int &optional; unsigned: count &optional;
		address: addr &optional; octets: string &optional;
	};

	## An object identifier and its value.
	type SNMP::Binding: record { oid: string; value: SNMP::ObjectValue; };

	## The variable bindings of a PDU.
	type SNMP::Bindings: vector of SNMP::Binding;

	## A request or response PDU.
	type SNMP::PDU: record {
		request_id: int; error_status: int; error_index: int;
		bindings: SNMP::Bindings;
	};

	## An SNMPv1 trap.
	type SNMP::TrapPDU: record {
		enterprise: string; agent: addr;
		generic_trap: int; specific_trap: int; time_stamp: count;
		bindings: SNMP::Bindings;
	};

	## A GetBulkRequest.
	type SNMP::BulkPDU: record {
		request_id: int; non_repeaters: count; max_repetitions: count;
		bindings: SNMP::Bindings;
	};
}

# ---- Kerberos ----

module KRB;

export {
	## The option bits of a KDC request.
	type KRB::KDC_Options: record {
		forwardable: bool; forwarded: bool; proxiable: bool; proxy: bool;
		allow_postdate: bool; postdated: bool; renewable: bool;
		opt_hardware_auth: bool; disable_transited_check: bool;
		renewable_ok: bool; enc_tkt_in_skey: bool; renew: bool; validate: bool;
	};

	## The option bits of an AP request.
	type KRB::AP_Options: record { use_session_key: bool; mutual_required: bool; };

	## A typed blob, as used for pre-authentication data and addresses.
	type KRB::Type_Value: record { data_type: count; val: string; };

	## Encrypted data: key version, encryption type and the ciphertext.
	type KRB::Encrypted_Data: record {
		kvno: count &optional; cipher: count; ciphertext: string;
	};

	## A host address: an IP address, a NetBIOS name, or of another type.
	type KRB::Host_Address: record {
		ip: addr &log &optional; netbios: string &log &optional;
		unknown: KRB::Type_Value &optional;
	};

	## A KRB_SAFE message.
	type KRB::SAFE_Msg: record {
		pvno: count; msg_type: count; data: string;
		timestamp: time &optional; seq: count &optional;
		sender: Host_Address &optional; recipient: Host_Address &optional;
	};

	## A KRB_ERROR message.
	type KRB::Error_Msg: record {
		pvno: count &optional; msg_type: count &optional;
		client_time: time &optional; server_time: time &optional;
		error_code: count;
		client_realm: string &optional; client_name: string &optional;
		service_realm: string &optional; service_name: string &optional;
		error_text: string &optional;
		pa_data: vector of KRB::Type_Value &optional;
	};

	## A ticket: for which service in which realm, and how it is encrypted.
	type KRB::Ticket: record {
		pvno: count; realm: string; service_name: string;
		cipher: count; ciphertext: string &optional;
		authenticationinfo: string &optional;
	};

	## Several tickets.
	type KRB::Ticket_Vector: vector of KRB::Ticket;

	## An AS or TGS request.
	type KRB::KDC_Request: record {
		pvno: count; msg_type: count;
		pa_data: vector of KRB::Type_Value &optional;
		kdc_options: KRB::KDC_Options &optional;
		## Who asks for which service.
		client_name: string &optional;
		service_realm: string &optional; service_name: string &optional;
		## The validity asked for.
		from: time &optional; till: time &optional; rtime: time &optional;
		nonce: count &optional;
		encryption_types: vector of count &optional;
		host_addrs: vector of KRB::Host_Address &optional;
		additional_tickets: vector of KRB::Ticket &optional;
	};

	## An AS or TGS reply.
	type KRB::KDC_Response: record {
		pvno: count; msg_type: count;
		pa_data: vector of KRB::Type_Value &optional;
		client_realm: string &optional; client_name: string;
		ticket: KRB::Ticket; enc_part: KRB::Encrypted_Data;
	};
}

# ---- MQTT ----

module MQTT;

export {
	## A CONNECT message.
	type MQTT::ConnectMsg: record {
		protocol_name: string; protocol_version: count;
		client_id: string; keep_alive: interval; clean_session: bool;
		## The last will: whether retained, its QoS, topic and message.
		will_retain: bool; will_qos: count;
		will_topic: string &optional; will_msg: string &optional;
		## Credentials, when given.
		username: string &optional; password: string &optional;
	};

	## A CONNACK message.
	type MQTT::ConnectAckMsg: record { return_code: count; session_present: bool; };

	## A PUBLISH message. ``payload`` may be cut short; ``payload_len`` is
	## the length on the wire.
	type MQTT::PublishMsg: record {
		dup: bool; qos: count; retain: bool;
		topic: string; payload: string; payload_len: count;
	};
}

module GLOBAL;
