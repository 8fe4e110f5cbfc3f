##! Types of the analyzers' events that the core script does not declare: the
##! records and vectors the analyzers fill in, with Zeek's fields, names and
##! attributes.

module GLOBAL;

type string_any_table: table[string] of any;

type x509_opaque_vector: vector of opaque of x509;

type icmp6_mldv2_group_type: enum {
	MLDV2_MODE_IS_INCLUDE        = 1,
	MLDV2_MODE_IS_EXCLUDE        = 2,
	MLDV2_CHANGE_TO_INCLUDE_MODE = 3,
	MLDV2_CHANGE_TO_EXCLUDE_MODE = 4,
	MLDV2_ALLOW_NEW_SOURCES      = 5,
	MLDV2_BLOCK_OLD_SOURCES      = 6
};

type icmp6_mldv2_mar: record {
	group_type:     icmp6_mldv2_group_type;
	aux_data_len:   count;
	num_sources:    count;
	multicast_addr: addr;
	sources:        addr_vec;
	aux_data:       string &optional;
};

type icmp6_mldv2_mar_vec: vector of icmp6_mldv2_mar;

module TCP;

export {
	type Option: record {
		kind: count;
		length: count;
		data: string &optional;
		mss: count &optional;
		window_scale: count &optional;
		sack: index_vec &optional;
		send_timestamp: count &optional;
		echo_timestamp: count &optional;
		rate: count &optional;
		ttl_diff: count &optional;
		qs_nonce: count &optional;
	};

	type OptionList: vector of Option;

	type RawOption: record {
		kind: count;
		data: string;
	};

	type RawOptionList: vector of RawOption;

}

module WebSocket;

export {
	type AnalyzerConfig: record {
		analyzer: Analyzer::Tag &optional;
		use_dpd: bool &default=use_dpd_default;
		subprotocol: string &optional;
		server_extensions: vector of string &optional;
	};

}

module GLOBAL;

type string_any_file_hook: hook(f: fa_file, e: any, str: string);

type SYN_packet: record {
	is_orig: bool;
	DF: bool;
	ttl: count;
	size: count;
	win_size: count;
	win_scale: int;
	MSS: count;
	SACK_OK: bool;
	TSval: count &optional;
	TSecr: count &optional;
};

type teredo_auth: record {
	id:      string;
	value:   string;
	nonce:   count;
	confirm: count;
};

type teredo_origin: record {
	p: port;
	a: addr;
};

type teredo_hdr: record {
	auth:   teredo_auth &optional;
	origin: teredo_origin &optional;
	hdr:    pkt_hdr;
};

type gtpv1_hdr: record {
	version:   count;
	pt_flag:   bool;
	rsv:       bool;
	e_flag:    bool;
	s_flag:    bool;
	pn_flag:   bool;
	msg_type:  count;
	length:    count;
	teid:      count;
	seq:       count &optional;
	n_pdu:     count &optional;
	next_type: count &optional;
};

type gtp_cause: count;

type gtp_imsi: count;

type gtp_teardown_ind: bool;

type gtp_nsapi: count;

type gtp_recovery: count;

type gtp_teid1: count;

type gtp_teid_control_plane: count;

type gtp_charging_id: count;

type gtp_charging_gateway_addr: addr;

type gtp_trace_reference: count;

type gtp_trace_type: count;

type gtp_tft: string;

type gtp_trigger_id: string;

type gtp_omc_id: string;

type gtp_reordering_required: bool;

type gtp_proto_config_options: string;

type gtp_charging_characteristics: count;

type gtp_selection_mode: count;

type gtp_access_point_name: string;

type gtp_msisdn: string;

type gtp_gsn_addr: record {
	ip: addr &optional;
	other: string &optional;
};

type gtp_end_user_addr: record {
	pdp_type_org: count;
	pdp_type_num: count;
	pdp_ip: addr &optional;
	pdp_other_addr: string &optional;
};

type gtp_rai: record {
	mcc: count;
	mnc: count;
	lac: count;
	rac: count;
};

type gtp_qos_profile: record {
	priority: count;
	data: string;
};

type gtp_private_extension: record {
	id: count;
	value: string;
};

type gtp_create_pdp_ctx_request_elements: record {
	imsi:             gtp_imsi &optional;
	rai:              gtp_rai &optional;
	recovery:         gtp_recovery &optional;
	select_mode:      gtp_selection_mode &optional;
	data1:            gtp_teid1;
	cp:               gtp_teid_control_plane &optional;
	nsapi:            gtp_nsapi;
	linked_nsapi:     gtp_nsapi &optional;
	charge_character: gtp_charging_characteristics &optional;
	trace_ref:        gtp_trace_reference &optional;
	trace_type:       gtp_trace_type &optional;
	end_user_addr:    gtp_end_user_addr &optional;
	ap_name:          gtp_access_point_name &optional;
	opts:             gtp_proto_config_options &optional;
	signal_addr:      gtp_gsn_addr;
	user_addr:        gtp_gsn_addr;
	msisdn:           gtp_msisdn &optional;
	qos_prof:         gtp_qos_profile;
	tft:              gtp_tft &optional;
	trigger_id:       gtp_trigger_id &optional;
	omc_id:           gtp_omc_id &optional;
	ext:              gtp_private_extension &optional;
};

type gtp_create_pdp_ctx_response_elements: record {
	cause:          gtp_cause;
	reorder_req:    gtp_reordering_required &optional;
	recovery:       gtp_recovery &optional;
	data1:          gtp_teid1 &optional;
	cp:             gtp_teid_control_plane &optional;
	charging_id:    gtp_charging_id &optional;
	end_user_addr:  gtp_end_user_addr &optional;
	opts:           gtp_proto_config_options &optional;
	cp_addr:        gtp_gsn_addr &optional;
	user_addr:      gtp_gsn_addr &optional;
	qos_prof:       gtp_qos_profile &optional;
	charge_gateway: gtp_charging_gateway_addr &optional;
	ext:            gtp_private_extension &optional;
};

type gtp_update_pdp_ctx_request_elements: record {
	imsi:          gtp_imsi &optional;
	rai:           gtp_rai &optional;
	recovery:      gtp_recovery &optional;
	data1:         gtp_teid1;
	cp:            gtp_teid_control_plane &optional;
	nsapi:         gtp_nsapi;
	trace_ref:     gtp_trace_reference &optional;
	trace_type:    gtp_trace_type &optional;
	cp_addr:       gtp_gsn_addr;
	user_addr:     gtp_gsn_addr;
	qos_prof:      gtp_qos_profile;
	tft:           gtp_tft &optional;
	trigger_id:    gtp_trigger_id &optional;
	omc_id:        gtp_omc_id &optional;
	ext:           gtp_private_extension &optional;
	end_user_addr: gtp_end_user_addr &optional;
};

type gtp_update_pdp_ctx_response_elements: record {
	cause:          gtp_cause;
	recovery:       gtp_recovery &optional;
	data1:          gtp_teid1 &optional;
	cp:             gtp_teid_control_plane &optional;
	charging_id:    gtp_charging_id &optional;
	cp_addr:        gtp_gsn_addr &optional;
	user_addr:      gtp_gsn_addr &optional;
	qos_prof:       gtp_qos_profile &optional;
	charge_gateway: gtp_charging_gateway_addr &optional;
	ext:            gtp_private_extension &optional;
};

type gtp_delete_pdp_ctx_request_elements: record {
	teardown_ind: gtp_teardown_ind &optional;
	nsapi:        gtp_nsapi;
	ext:          gtp_private_extension &optional;
};

type gtp_delete_pdp_ctx_response_elements: record {
	cause: gtp_cause;
	ext:   gtp_private_extension &optional;
};

type pm_mapping: record {
	program: count;
	version: count;
	p: port;
};

type pm_mappings: table[count] of pm_mapping;

type pm_port_request: record {
	program: count;
	version: count;
	is_tcp: bool;
};

type pm_callit_request: record {
	program: count;
	version: count;
	proc: count;
	arg_size: count;
};

type dns_edns_ecs: record {
	family: string;
	source_prefix_len: count;
	scope_prefix_len: count;
	address: addr;
};

type dns_edns_tcp_keepalive: record {
	keepalive_timeout_omitted: bool;
	keepalive_timeout: count;
};

type dns_edns_cookie: record {
	client_cookie: string;
	server_cookie: string &default="";
};

type dns_tkey: record {
	query: string;
	qtype: count;
	alg_name: string;
	inception: time;
	expiration: time;
	mode: count;
	rr_error: count;
	key_data: string;
	is_query: count;
};

type dns_tsig_additional: record {
	query: string;
	qtype: count;
	alg_name: string;
	sig: string;
	time_signed: time;
	fudge: time;
	orig_id: count;
	rr_error: count;
	is_query: count;
};

type dns_rrsig_rr: record {
	query: string;
	answer_type: count;
	type_covered: count;
	algorithm: count;
	labels: count;
	orig_ttl: interval;
	sig_exp: time;
	sig_incep: time;
	key_tag: count;
	signer_name: string;
	signature: string;
	is_query: count;
};

type dns_dnskey_rr: record {
	query: string;
	answer_type: count;
	flags: count;
	protocol: count;
	algorithm: count;
	public_key: string;
	is_query: count;
};

type dns_nsec3_rr: record {
	query: string;
	answer_type: count;
	nsec_flags: count;
	nsec_hash_algo: count;
	nsec_iter: count;
	nsec_salt_len: count;
	nsec_salt: string;
	nsec_hlen: count;
	nsec_hash: string;
	bitmaps: string_vec;
	is_query: count;
};

type dns_nsec3param_rr: record {
	query: string;
	answer_type: count;
	nsec_flags: count;
	nsec_hash_algo: count;
	nsec_iter: count;
	nsec_salt_len: count;
	nsec_salt: string;
	is_query: count;
};

type dns_ds_rr: record {
	query: string;
	answer_type: count;
	key_tag: count;
	algorithm: count;
	digest_type: count;
	digest_val: string;
	is_query: count;
};

type dns_binds_rr: record {
	query: string;
	answer_type: count;
	algorithm: count;
	key_id: count;
	removal_flag: count;
	complete_flag: count;
	is_query: count;
};

type dns_loc_rr: record {
	query: string;
	answer_type: count;
	version: count;
	size: count;
	horiz_pre: count;
	vert_pre: count;
	latitude: count;
	longitude: count;
	altitude: count;
	is_query: count;
};

type dns_svcb_param: record {
	key: count;
	mandatory: vector of count &optional;
	alpn: vector of string &optional;
	p: count &optional;
	hint: vector of addr &optional;
	ech: string &optional;
	raw: string &optional;
};

type dns_svcb_param_vec: vector of dns_svcb_param;

type dns_svcb_rr: record {
	svc_priority: count;
	target_name: string;
	svc_params: dns_svcb_param_vec &optional;
};

type dns_naptr_rr: record {
	order: count;
	preference: count;
	flags: string;
	service: string;
	regexp: string;
	replacement: string;
};

type http_stats_rec: record {
	num_requests: count;
	num_replies: count;
	request_version: double;
	reply_version: double;
};

type irc_join_info: record {
	nick: string;
	channel: string;
	password: string;
	usermode: string;
};

type irc_join_list: set[irc_join_info];

type bittorrent_peer: record {
	h: addr;
	p: port;
};

type bittorrent_peer_set: set[bittorrent_peer];

type bittorrent_benc_value: record {
	i: int &optional;
	s: string &optional;
	d: string &optional;
	l: string &optional;
};

type bittorrent_benc_dir: table[string] of bittorrent_benc_value;

type bt_tracker_headers: table[string] of string;

type ModbusCoils: vector of bool;

type ModbusRegisters: vector of count;

type ModbusHeaders: record {
	tid:           count;
	pid:           count;
	uid:           count;
	function_code: count;
	len:           count;
};

type ModbusFileRecordRequest: record {
	ref_type: count;
	file_num: count;
	record_num: count;
	record_len: count;
};

type ModbusFileRecordRequests: vector of ModbusFileRecordRequest;

type ModbusFileRecordResponse: record {
	file_len: count;
	ref_type: count;
	record_data: string;
};

type ModbusFileRecordResponses: vector of ModbusFileRecordResponse;

type ModbusFileReference: record {
	ref_type: count;
	file_num: count;
	record_num: count;
	record_len: count;
	record_data: string;
};

type ModbusFileReferences: vector of ModbusFileReference;

module NFS3;

export {
	type info_t: record {
		rpc_stat: rpc_status;
		nfs_stat: status_t;
		req_start: time;
		req_dur: interval;
		req_len: count;
		rep_start: time;
		rep_dur: interval;
		rep_len: count;
		rpc_uid: count;
		rpc_gid: count;
		rpc_stamp: count;
		rpc_machine_name: string;
		rpc_auxgids: index_vec;
	};

	type sattr_t: record {
		mode: count &optional;
		uid: count	&optional;
		gid: count	&optional;
		size: count &optional;
		atime: time_how_t &optional;
		mtime: time_how_t &optional;
	};

	type fattr_t: record {
		ftype: file_type_t;
		mode: count;
		nlink: count;
		uid: count;
		gid: count;
		size: count;
		used: count;
		rdev1: count;
		rdev2: count;
		fsid: count;
		fileid: count;
		atime: time;
		mtime: time;
		ctime: time;
	};

	type symlinkdata_t: record {
		symlink_attributes: sattr_t;
		nfspath: string &optional;
	};

	type diropargs_t : record {
		dirfh: string;
		fname: string;
	};

	type renameopargs_t : record {
		src_dirfh : string;
		src_fname : string;
		dst_dirfh : string;
		dst_fname : string;
	};

	type symlinkargs_t: record {
		link : diropargs_t;
		symlinkdata: symlinkdata_t;
	};

	type linkargs_t: record {
		fh : string;
		link : diropargs_t;
	};

	type sattrargs_t: record {
		fh : string;
		new_attributes: sattr_t;
	};

	type lookup_reply_t: record {
		fh: string &optional;
		obj_attr: fattr_t &optional;
		dir_attr: fattr_t &optional;
	};

	type readargs_t: record {
		fh: string;
		offset: count;
		size: count;
	};

	type read_reply_t: record {
		attr: fattr_t &optional;
		size: count &optional;
		eof: bool &optional;
		data: string &optional;
	};

	type readlink_reply_t: record {
		attr: fattr_t &optional;
		nfspath: string &optional;
	};

	type writeargs_t: record {
		fh: string;
		offset: count;
		size: count;
		stable: stable_how_t;
		data: string &optional;
	};

	type wcc_attr_t: record {
		size: count;
		atime: time;
		mtime: time;
	};

	type link_reply_t: record {
		post_attr: fattr_t &optional;
		preattr: wcc_attr_t &optional;
		postattr: fattr_t &optional;
	};

	type sattr_reply_t: record {
		dir_pre_attr: wcc_attr_t &optional;
		dir_post_attr: fattr_t &optional;
	};

	type write_reply_t: record {
		preattr: wcc_attr_t &optional;
		postattr: fattr_t &optional;
		size: count &optional;
		commited: stable_how_t &optional;
		verf: count &optional;
	};

	type newobj_reply_t: record {
		fh: string &optional;
		obj_attr: fattr_t &optional;
		dir_pre_attr: wcc_attr_t &optional;
		dir_post_attr: fattr_t &optional;
	};

	type delobj_reply_t: record {
		dir_pre_attr: wcc_attr_t &optional;
		dir_post_attr: fattr_t &optional;
	};

	type renameobj_reply_t: record {
		src_dir_pre_attr: wcc_attr_t;
		src_dir_post_attr: fattr_t;
		dst_dir_pre_attr: wcc_attr_t;
		dst_dir_post_attr: fattr_t;
	};

	type readdirargs_t: record {
		isplus: bool;
		dirfh: string;
		cookie: count;
		cookieverf: count;
		dircount: count;
		maxcount: count &optional;
	};

	type direntry_t: record {
		fileid: count;
		fname:  string;
		cookie: count;
		attr: fattr_t &optional;
		fh: string &optional;
	};

	type direntry_vec_t: vector of direntry_t;

	type readdir_reply_t: record {
		isplus: bool;
		dir_attr: fattr_t &optional;
		cookieverf: count &optional;
		entries: direntry_vec_t &optional;
		eof: bool;
	};

}

module MOUNT3;

export {
	type info_t: record {
		rpc_stat: rpc_status;
		mnt_stat: status_t;
		req_start: time;
		req_dur: interval;
		req_len: count;
		rep_start: time;
		rep_dur: interval;
		rep_len: count;
		rpc_uid: count;
		rpc_gid: count;
		rpc_stamp: count;
		rpc_machine_name: string;
		rpc_auxgids: index_vec;
	};

	type dirmntargs_t : record {
		dirname: string;
	};

	type mnt_reply_t: record {
		dirfh: string &optional;
		auth_flavors: vector of auth_flavor_t &optional;
	};

}

module SSH;

export {
	type Algorithm_Prefs: record {
		client_to_server: vector of string &optional;
		server_to_client: vector of string &optional;
	};

	type Capabilities: record {
		kex_algorithms:             string_vec;
		server_host_key_algorithms: string_vec;
		encryption_algorithms:      Algorithm_Prefs;
		mac_algorithms:             Algorithm_Prefs;
		compression_algorithms:     Algorithm_Prefs;
		languages:                  Algorithm_Prefs &optional;
		is_server:                  bool;
	};

}

module NTLM;

export {
	type NTLM::Version: record {
		major   : count;
		minor   : count;
		build   : count;
		ntlmssp : count;
	};

	type NTLM::NegotiateFlags: record {
		negotiate_56               : bool;
		negotiate_key_exch         : bool;
		negotiate_128              : bool;
		negotiate_version          : bool;
		negotiate_target_info      : bool;
		request_non_nt_session_key : bool;
		negotiate_identify         : bool;
		negotiate_extended_sessionsecurity : bool;
		target_type_server         : bool;
		target_type_domain         : bool;
		negotiate_always_sign              : bool;
		negotiate_oem_workstation_supplied : bool;
		negotiate_oem_domain_supplied      : bool;
		negotiate_anonymous_connection     : bool;
		negotiate_ntlm                     : bool;
		negotiate_lm_key       : bool;
		negotiate_datagram     : bool;
		negotiate_seal         : bool;
		negotiate_sign         : bool;
		request_target         : bool;
		negotiate_oem          : bool;
		negotiate_unicode      : bool;
	};

	type NTLM::Negotiate: record {
		flags       : NTLM::NegotiateFlags;
		domain_name : string &optional;
		workstation : string &optional;
		version     : NTLM::Version &optional;
	};

	type NTLM::AVs: record {
		nb_computer_name  : string;
		nb_domain_name    : string;
		dns_computer_name : string &optional;
		dns_domain_name   : string &optional;
		dns_tree_name     : string &optional;
		constrained_auth  : bool &optional;
		timestamp         : time &optional;
		single_host_id    : count &optional;
		target_name       : string &optional;
	};

	type NTLM::Challenge: record {
		flags       : NTLM::NegotiateFlags;
		challenge   : count;
		target_name : string &optional;
		version     : NTLM::Version &optional;
		target_info : NTLM::AVs &optional;
	};

	type NTLM::Authenticate: record {
		flags       : NTLM::NegotiateFlags;
		domain_name : string &optional;
		user_name   : string &optional;
		workstation : string &optional;
		session_key : string &optional;
		version     : NTLM::Version &optional;
		response    : string &optional;
	};

}

module SMB;

export {
	type SMB::MACTimes: record {
		modified 	: time &log;
		modified_raw: count;
		accessed 	: time &log;
		accessed_raw: count;
		created  	: time &log;
		created_raw : count;
		changed  	: time &log;
		changed_raw : count;
	};

}

module SMB1;

export {
	type SMB1::Header : record {
		command : count;
		status  : count;
		flags   : count;
		flags2  : count;
		tid     : count;
		pid     : count;
		uid     : count;
		mid     : count;
	};

	type SMB1::NegotiateRawMode: record {
		read_raw	: bool;
		write_raw	: bool;
	};

	type SMB1::NegotiateCapabilities: record {
		raw_mode	   : bool;
		mpx_mode	   : bool;
		unicode		   : bool;
		large_files	   : bool;
		nt_smbs		   : bool;
		rpc_remote_apis	   : bool;
		status32	   : bool;
		level_2_oplocks	   : bool;
		lock_and_read	   : bool;
		nt_find		   : bool;
		dfs		   : bool;
		infolevel_passthru : bool;
		large_readx	   : bool;
		large_writex	   : bool;
		unix		   : bool;
		bulk_transfer	   : bool;
		compressed_data	   : bool;
		extended_security  : bool;
	};

	type SMB1::NegotiateResponseSecurity: record {
		user_level	  : bool;
		challenge_response: bool;
		signatures_enabled: bool &optional;
		signatures_required: bool &optional;
	};

	type SMB1::NegotiateResponseCore: record {
		dialect_index	: count;
	};

	type SMB1::NegotiateResponseLANMAN: record {
		word_count	     : count;
		dialect_index	     : count;
		security_mode	     : SMB1::NegotiateResponseSecurity;
		max_buffer_size	     : count;
		max_mpx_count	     : count;
		max_number_vcs	     : count;
		raw_mode	     : SMB1::NegotiateRawMode;
		session_key	     : count;
		server_time	     : time;
		encryption_key	     : string;
		primary_domain	     : string;
	};

	type SMB1::NegotiateResponseNTLM: record {
		word_count	: count;
		dialect_index	: count;
		security_mode	: SMB1::NegotiateResponseSecurity;
		max_buffer_size	: count;
		max_mpx_count	: count;
		max_number_vcs	: count;
		max_raw_size	: count;
		session_key	: count;
		capabilities	: SMB1::NegotiateCapabilities;
		server_time	: time;
		encryption_key	: string &optional;
		domain_name	: string &optional;
		guid		: string &optional;
		security_blob	: string;
	};

	type SMB1::NegotiateResponse: record {
		core	: SMB1::NegotiateResponseCore 	&optional;
		lanman  : SMB1::NegotiateResponseLANMAN  &optional;
		ntlm	: SMB1::NegotiateResponseNTLM    &optional;
	};

	type SMB1::SessionSetupAndXCapabilities: record {
		unicode         : bool;
		large_files     : bool;
		nt_smbs         : bool;
		status32        : bool;
		level_2_oplocks : bool;
		nt_find		: bool;
	};

	type SMB1::SessionSetupAndXRequest: record {
		word_count		  : count;
		max_buffer_size		  : count;
		max_mpx_count		  : count;
		vc_number		  : count;
		session_key		  : count;
		native_os		  : string;
		native_lanman		  : string;
		account_name		  : string &optional;
		account_password	  : string &optional;
		primary_domain		  : string &optional;
		case_insensitive_password : string &optional;
		case_sensitive_password	  : string &optional;
		security_blob		  : string &optional;
		capabilities		  : SMB1::SessionSetupAndXCapabilities &optional;
	};

	type SMB1::SessionSetupAndXResponse: record {
		word_count	: count;
		is_guest	: bool &optional;
		native_os 	: string &optional;
		native_lanman	: string &optional;
		primary_domain	: string &optional;
		security_blob	: string &optional;
	};

	type SMB1::Trans2_Args: record {
	     total_param_count: count;
	     total_data_count: count;
	     max_param_count: count;
	     max_data_count: count;
	     max_setup_count: count;
	     flags: count;
	     trans_timeout: count;
	     param_count: count;
	     param_offset: count;
	     data_count: count;
	     data_offset: count;
	     setup_count: count;
	};

	type SMB1::Trans_Sec_Args: record {
	     total_param_count: count;
	     total_data_count: count;
	     param_count: count;
	     param_offset: count;
	     param_displacement: count;
	     data_count: count;
	     data_offset: count;
	     data_displacement: count;
	};

	type SMB1::Trans2_Sec_Args: record {
	     total_param_count: count;
	     total_data_count: count;
	     param_count: count;
	     param_offset: count;
	     param_displacement: count;
	     data_count: count;
	     data_offset: count;
	     data_displacement: count;
	     FID: count;
	};

	type SMB1::Find_First2_Request_Args: record {
		search_attrs		: count;
		search_count		: count;
		flags				: count;
		info_level			: count;
		search_storage_type	: count;
		file_name			: string;
	};

	type SMB1::Find_First2_Response_Args: record {
		sid				: count;
		search_count	: count;
		end_of_search	: bool;
		ext_attr_error	: string &optional;
	};

}

module SMB2;

export {
	type SMB2::Header: record {
		credit_charge : count;
		status        : count;
		command       : count;
		credits       : count;
		flags         : count;
		message_id    : count;
		process_id    : count;
		tree_id       : count;
		session_id    : count;
		signature     : string;
	};

	type SMB2::GUID: record {
		persistent: count;
		volatile: count;
	};

	type SMB2::FileAttrs: record {
		read_only: bool;
		hidden: bool;
		system: bool;
		directory: bool;
		archive: bool;
		normal: bool;
		temporary: bool;
		sparse_file: bool;
		reparse_point: bool;
		compressed: bool;
		offline: bool;
		not_content_indexed: bool;
		encrypted: bool;
		integrity_stream: bool;
		no_scrub_data: bool;
	};

	type SMB2::CloseResponse: record {
		alloc_size : count;
		eof        : count;
		times      : SMB::MACTimes;
		attrs      : SMB2::FileAttrs;
	};

	type SMB2::PreAuthIntegrityCapabilities: record {
		hash_alg_count : count;
		salt_length : count;
		hash_alg : vector of count;
		salt : string;
	};

	type SMB2::EncryptionCapabilities: record {
		cipher_count : count;
		ciphers : vector of count;
	};

	type SMB2::CompressionCapabilities: record {
		alg_count : count;
		algs : vector of count;
	};

	type SMB2::NegotiateContextValue: record {
		context_type : count;
		data_length : count;
		preauth_info : SMB2::PreAuthIntegrityCapabilities &optional;
		encryption_info : SMB2::EncryptionCapabilities &optional;
		compression_info : SMB2::CompressionCapabilities &optional;
		netname: string &optional;
	};

	type SMB2::NegotiateContextValues: vector of SMB2::NegotiateContextValue;

	type SMB2::NegotiateResponse: record {
		dialect_revision  : count;
		security_mode     : count;
		server_guid       : SMB2::GUID;
		system_time       : time;
		server_start_time : time;
		negotiate_context_count : count;
		negotiate_context_values 	  : SMB2::NegotiateContextValues;
	};

	type SMB2::SessionSetupRequest: record {
		security_mode: count;
	};

	type SMB2::SessionSetupFlags: record {
		guest: bool;
		anonymous: bool;
		encrypt: bool;
	};

	type SMB2::SessionSetupResponse: record {
		flags: SMB2::SessionSetupFlags;
	};

	type SMB2::TreeConnectResponse: record {
		share_type: count;
	};

	type SMB2::CreateRequest: record {
		filename       : string;
		disposition    : count;
		create_options : count;
	};

	type SMB2::CreateResponse: record {
		file_id       : SMB2::GUID;
		size          : count;
		times         : SMB::MACTimes;
		attrs         : SMB2::FileAttrs;
		create_action : count;
	};

	type SMB2::Fscontrol: record {
		free_space_start_filtering : int;
		free_space_threshold       : int;
		free_space_stop_filtering  : int;
		delete_quota_threshold     : count;
		default_quota_limit        : count;
		fs_control_flags           : count;
	};

	type SMB2::FileEA: record {
		ea_name  : string;
		ea_value : string;
	};

	type SMB2::FileEAs: vector of SMB2::FileEA;

	type SMB2::Transform_header: record {
		signature     : string;
		nonce         : string;
		orig_msg_size : count;
		flags         : count;
		session_id    : count;
	};

}

module DHCP;

export {
	type DHCP::Addrs: vector of addr;

	type DHCP::Msg: record {
		op: count;
		m_type: count;
		xid: count;
		secs: interval;
		flags: count;
		ciaddr: addr;
		yiaddr: addr;
		siaddr: addr;
		giaddr: addr;
		chaddr: string;
		sname:  string &default="";
		file_n: string &default="";
	};

	type DHCP::ClientID: record {
		hwtype: count;
		hwaddr: string;
	};

	type DHCP::ClientFQDN: record {
		flags: count;
		rcode1: count;
		rcode2: count;
		domain_name: string;
	};

	type DHCP::SubOpt: record {
		code: count;
		value: string;
	};

	type DHCP::SubOpts: vector of DHCP::SubOpt;

	type DHCP::Options: record {
		options:         index_vec &optional;
		subnet_mask:     addr &optional;
		routers:         DHCP::Addrs &optional;
		dns_servers:     DHCP::Addrs &optional;
		host_name:       string &optional;
		domain_name:     string &optional;
		forwarding:      bool &optional;
		broadcast:       addr &optional;
		vendor:          string &optional;
		nbns:            DHCP::Addrs &optional;
		addr_request:    addr &optional;
		lease:           interval &optional;
		serv_addr:       addr &optional;
		param_list:      index_vec &optional;
		message:         string &optional;
		max_msg_size:    count &optional;
		renewal_time:    interval &optional;
		rebinding_time:  interval &optional;
		vendor_class:    string &optional;
		client_id:       DHCP::ClientID &optional;
		user_class:      string &optional;
		client_fqdn:     DHCP::ClientFQDN &optional;
		sub_opt:         DHCP::SubOpts &optional;
		auto_config:     bool &optional;
		auto_proxy_config: string &optional;
		time_offset:     int &optional;
		time_servers:    DHCP::Addrs &optional;
		name_servers:    DHCP::Addrs &optional;
		ntp_servers:     DHCP::Addrs &optional;
	};

}

module PE;

export {
	type PE::DOSHeader: record {
		signature                : string;
		used_bytes_in_last_page  : count;
		file_in_pages            : count;
		num_reloc_items          : count;
		header_in_paragraphs     : count;
		min_extra_paragraphs     : count;
		max_extra_paragraphs     : count;
		init_relative_ss         : count;
		init_sp                  : count;
		checksum                 : count;
		init_ip                  : count;
		init_relative_cs         : count;
		addr_of_reloc_table      : count;
		overlay_num              : count;
		oem_id                   : count;
		oem_info                 : count;
		addr_of_new_exe_header   : count;
	};

	type PE::FileHeader: record {
		machine              : count;
		ts                   : time;
		sym_table_ptr        : count;
		num_syms             : count;
		optional_header_size : count;
		characteristics      : set[count];
	};

	type PE::OptionalHeader: record {
		magic                   : count;
		major_linker_version    : count;
		minor_linker_version    : count;
		size_of_code            : count;
		size_of_init_data       : count;
		size_of_uninit_data     : count;
		addr_of_entry_point     : count;
		base_of_code            : count;
		base_of_data            : count &optional;
		image_base              : count;
		section_alignment       : count;
		file_alignment          : count;
		os_version_major        : count;
		os_version_minor        : count;
		major_image_version     : count;
		minor_image_version     : count;
		major_subsys_version    : count;
		minor_subsys_version    : count;
		size_of_image           : count;
		size_of_headers         : count;
		checksum                : count;
		subsystem               : count;
		dll_characteristics     : set[count];
		table_sizes             : vector of count;
	};

	type PE::SectionHeader: record {
		name             : string;
		virtual_size     : count;
		virtual_addr     : count;
		size_of_raw_data : count;
		ptr_to_raw_data  : count;
		ptr_to_relocs    : count;
		ptr_to_line_nums : count;
		num_of_relocs    : count;
		num_of_line_nums : count;
		characteristics  : set[count];
	};

}

module SSL;

export {
	type SignatureAndHashAlgorithm: record {
		HashAlgorithm: count;
		SignatureAlgorithm: count;
	};

	type PSKIdentity: record {
		identity: string;
		obfuscated_ticket_age: count;
	};

}

module GLOBAL;

type signature_and_hashalgorithm_vec: vector of SSL::SignatureAndHashAlgorithm;

type psk_identity_vec: vector of SSL::PSKIdentity;

module SOCKS;

export {
	type Address: record {
		host: addr   &optional;
		name: string &optional;
	} &log;

}

module RADIUS;

export {
	type RADIUS::AttributeList: vector of string;

	type RADIUS::Attributes: table[count] of RADIUS::AttributeList;

	type RADIUS::Message: record {
		code          : count;
		trans_id      : count;
		authenticator : string;
		attributes    : RADIUS::Attributes &optional;
	};

}

module RDP;

export {
	type RDP::EarlyCapabilityFlags: record {
		support_err_info_pdu:       bool;
		want_32bpp_session:         bool;
		support_statusinfo_pdu:     bool;
		strong_asymmetric_keys:     bool;
		support_monitor_layout_pdu: bool;
		support_netchar_autodetect: bool;
		support_dynvc_gfx_protocol: bool;
		support_dynamic_time_zone:  bool;
		support_heartbeat_pdu:      bool;
	};

	type RDP::ClientCoreData: record {
		version_major:          count;
		version_minor:          count;
		desktop_width:          count;
		desktop_height:         count;
		color_depth:            count;
		sas_sequence:           count;
		keyboard_layout:        count;
		client_build:           count;
		client_name:            string;
		keyboard_type:          count;
		keyboard_sub:           count;
		keyboard_function_key:  count;
		ime_file_name:          string;
		post_beta2_color_depth: count  &optional;
		client_product_id:      count  &optional;
		serial_number:          count  &optional;
		high_color_depth:       count  &optional;
		supported_color_depths: count  &optional;
		ec_flags:               RDP::EarlyCapabilityFlags &optional;
		dig_product_id:         string &optional;
	};

	type RDP::ClientSecurityData: record {
		encryption_methods:	count;
		ext_encryption_methods:	count;
	};

	type RDP::ClientChannelDef: record {
		name:           string;
		options:	count;
		initialized:    bool;
		encrypt_rdp:    bool;
		encrypt_sc:     bool;
		encrypt_cs:     bool;
		pri_high:       bool;
		pri_med:        bool;
		pri_low:        bool;
		compress_rdp:   bool;
		compress:       bool;
		show_protocol:  bool;
		persistent:     bool;
	};

	type RDP::ClientClusterData: record {
		flags:                          count;
		redir_session_id:               count;
		redir_supported:                bool;
		svr_session_redir_version_mask: count;
		redir_sessionid_field_valid:    bool;
		redir_smartcard:                bool;
	};

	type RDP::ClientChannelList: vector of ClientChannelDef;

}

module SNMP;

export {
	type SNMP::HeaderV1: record {
		community: string;
	};

	type SNMP::HeaderV2: record {
		community: string;
	};

	type SNMP::ScopedPDU_Context: record {
		engine_id: string;
		name:      string;
	};

	type SNMP::UserSecurityParameters: record {
		AuthoritativeEngineID: string;
		AuthoritativeEngineBoots: int;
		AuthoritativeEngineTime: int;
		UserName: string;
		AuthenticationParameters: string;
		PrivacyParameters: string;
	};

	type SNMP::HeaderV3: record {
		id:              count;
		max_size:        count;
		flags:           count;
		auth_flag:       bool;
		priv_flag:       bool;
		reportable_flag: bool;
		security_model:  count;
		security_params: string;
		pdu_context:     SNMP::ScopedPDU_Context &optional;
		user_security_parameters: SNMP::UserSecurityParameters &optional;
	};

	type SNMP::Header: record {
		version: count;
		v1:      SNMP::HeaderV1 &optional;
		v2:      SNMP::HeaderV2 &optional;
		v3:      SNMP::HeaderV3 &optional;
	};

	type SNMP::ObjectValue: record {
		tag:      count;
		oid:      string &optional;
		signed:   int    &optional;
		unsigned: count  &optional;
		address:  addr   &optional;
		octets:   string &optional;
	};

	type SNMP::Binding: record {
		oid:   string;
		value: SNMP::ObjectValue;
	};

	type SNMP::Bindings: vector of SNMP::Binding;

	type SNMP::PDU: record {
		request_id:   int;
		error_status: int;
		error_index:  int;
		bindings:     SNMP::Bindings;
	};

	type SNMP::TrapPDU: record {
		enterprise:    string;
		agent:         addr;
		generic_trap:  int;
		specific_trap: int;
		time_stamp:    count;
		bindings:      SNMP::Bindings;
	};

	type SNMP::BulkPDU: record {
		request_id:      int;
		non_repeaters:   count;
		max_repetitions: count;
		bindings:        SNMP::Bindings;
	};

}

module KRB;

export {
	type KRB::KDC_Options: record {
		forwardable		: bool;
		forwarded		: bool;
		proxiable		: bool;
		proxy			: bool;
		allow_postdate		: bool;
		postdated		: bool;
		renewable		: bool;
		opt_hardware_auth	: bool;
		disable_transited_check	: bool;
		renewable_ok		: bool;
		enc_tkt_in_skey		: bool;
		renew			: bool;
		validate		: bool;
	};

	type KRB::AP_Options: record {
		use_session_key	: bool;
		mutual_required	: bool;
	};

	type KRB::Type_Value: record {
		data_type	: count;
		val 		: string;
	};

	type KRB::Encrypted_Data: record {
		kvno		: count &optional;
		cipher		: count;
		ciphertext	: string;
	};

	type KRB::Host_Address: record {
		ip	: addr &log &optional;
		netbios : string &log &optional;
		unknown : KRB::Type_Value &optional;
	};

	type KRB::SAFE_Msg: record {
		pvno		: count;
		msg_type	: count;
		data		: string;
		timestamp	: time &optional;
		seq		: count &optional;
		sender		: Host_Address &optional;
		recipient    	: Host_Address &optional;
	};

	type KRB::Error_Msg: record {
		pvno		: count &optional;
		msg_type	: count &optional;
		client_time	: time &optional;
		server_time	: time &optional;
		error_code	: count;
		client_realm	: string &optional;
		client_name	: string &optional;
		service_realm	: string &optional;
		service_name	: string &optional;
		error_text	: string &optional;
		pa_data		: vector of KRB::Type_Value &optional;
	};

	type KRB::Ticket: record {
		pvno		: count;
		realm		: string;
		service_name	: string;
		cipher		: count;
		ciphertext  : string &optional;
		authenticationinfo: string &optional;
	};

	type KRB::Ticket_Vector: vector of KRB::Ticket;

	type KRB::KDC_Request: record {
		pvno			: count;
		msg_type		: count;
		pa_data			: vector of KRB::Type_Value &optional;
		kdc_options		: KRB::KDC_Options &optional;
		client_name		: string &optional;
		service_realm		: string &optional;
		service_name		: string &optional;
		from			: time &optional;
		till			: time &optional;
		rtime			: time &optional;
		nonce			: count &optional;
		encryption_types	: vector of count &optional;
		host_addrs		: vector of KRB::Host_Address &optional;
		additional_tickets	: vector of KRB::Ticket &optional;
	};

	type KRB::KDC_Response: record {
		pvno			: count;
		msg_type		: count;
		pa_data			: vector of KRB::Type_Value &optional;
		client_realm		: string &optional;
		client_name		: string;
		ticket			: KRB::Ticket;
		enc_part		: KRB::Encrypted_Data;
	};

}

module MQTT;

export {
	type MQTT::ConnectMsg: record {
		protocol_name    : string;
		protocol_version : count;
		client_id        : string;
		keep_alive       : interval;
		clean_session    : bool;
		will_retain      : bool;
		will_qos         : count;
		will_topic       : string &optional;
		will_msg         : string &optional;
		username         : string &optional;
		password         : string &optional;
	};

	type MQTT::ConnectAckMsg: record {
		return_code: count;
		session_present: bool;
	};

	type MQTT::PublishMsg: record {
		dup     : bool;
		qos     : count;
		retain  : bool;
		topic   : string;
		payload : string;
		payload_len : count;
	};

}

module GLOBAL;
