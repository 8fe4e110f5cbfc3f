##! The events of Zeek's Sun RPC (portmapper, NFS, MOUNT) analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global nfs_proc_null: event(c: connection, info: NFS3::info_t);
global nfs_proc_getattr: event(c: connection, info: NFS3::info_t, fh: string, attrs: NFS3::fattr_t);
global nfs_proc_sattr: event(c: connection, info: NFS3::info_t, req: NFS3::sattrargs_t, rep: NFS3::sattr_reply_t);
global nfs_proc_lookup: event(c: connection, info: NFS3::info_t, req: NFS3::diropargs_t, rep: NFS3::lookup_reply_t);
global nfs_proc_read: event(c: connection, info: NFS3::info_t, req: NFS3::readargs_t, rep: NFS3::read_reply_t);
global nfs_proc_readlink: event(c: connection, info: NFS3::info_t, fh: string, rep: NFS3::readlink_reply_t);
global nfs_proc_symlink: event(c: connection, info: NFS3::info_t, req: NFS3::symlinkargs_t, rep: NFS3::newobj_reply_t);
global nfs_proc_link: event(c: connection, info: NFS3::info_t, req: NFS3::linkargs_t, rep: NFS3::link_reply_t);
global nfs_proc_write: event(c: connection, info: NFS3::info_t, req: NFS3::writeargs_t, rep: NFS3::write_reply_t);
global nfs_proc_create: event(c: connection, info: NFS3::info_t, req: NFS3::diropargs_t, rep: NFS3::newobj_reply_t);
global nfs_proc_mkdir: event(c: connection, info: NFS3::info_t, req: NFS3::diropargs_t, rep: NFS3::newobj_reply_t);
global nfs_proc_remove: event(c: connection, info: NFS3::info_t, req: NFS3::diropargs_t, rep: NFS3::delobj_reply_t);
global nfs_proc_rmdir: event(c: connection, info: NFS3::info_t, req: NFS3::diropargs_t, rep: NFS3::delobj_reply_t);
global nfs_proc_rename: event(c: connection, info: NFS3::info_t, req: NFS3::renameopargs_t, rep: NFS3::renameobj_reply_t);
global nfs_proc_readdir: event(c: connection, info: NFS3::info_t, req: NFS3::readdirargs_t, rep: NFS3::readdir_reply_t);
global nfs_proc_not_implemented: event(c: connection, info: NFS3::info_t, proc: NFS3::proc_t);
global nfs_reply_status: event(n: connection, info: NFS3::info_t);
global pm_request_null: event(r: connection);
global pm_request_set: event(r: connection, m: pm_mapping, success: bool);
global pm_request_unset: event(r: connection, m: pm_mapping, success: bool);
global pm_request_getport: event(r: connection, pr: pm_port_request, p: port);
global pm_request_dump: event(r: connection, m: pm_mappings);
global pm_request_callit: event(r: connection, call: pm_callit_request, p: port);
global pm_attempt_null: event(r: connection, status: rpc_status);
global pm_attempt_set: event(r: connection, status: rpc_status, m: pm_mapping);
global pm_attempt_unset: event(r: connection, status: rpc_status, m: pm_mapping);
global pm_attempt_getport: event(r: connection, status: rpc_status, pr: pm_port_request);
global pm_attempt_dump: event(r: connection, status: rpc_status);
global pm_attempt_callit: event(r: connection, status: rpc_status, call: pm_callit_request);
global pm_bad_port: event(r: connection, bad_p: count);
global rpc_dialogue: event(c: connection, prog: count, ver: count, proc: count, status: rpc_status, start_time: time, call_len: count, reply_len: count);
global rpc_call: event(c: connection, xid: count, prog: count, ver: count, proc: count, call_len: count);
global rpc_reply: event(c: connection, xid: count, status: rpc_status, reply_len: count);
global rpc_discarded_pending_calls: event(c: connection);
global mount_proc_null: event(c: connection, info: MOUNT3::info_t);
global mount_proc_mnt: event(c: connection, info: MOUNT3::info_t, req: MOUNT3::dirmntargs_t, rep: MOUNT3::mnt_reply_t);
global mount_proc_umnt: event(c: connection, info: MOUNT3::info_t, req: MOUNT3::dirmntargs_t);
global mount_proc_umnt_all: event(c: connection, info: MOUNT3::info_t, req: MOUNT3::dirmntargs_t);
global mount_proc_not_implemented: event(c: connection, info: MOUNT3::info_t, proc: MOUNT3::proc_t);
global mount_reply_status: event(n: connection, info: MOUNT3::info_t);
