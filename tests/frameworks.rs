//! The notice, weird and reporter frameworks end to end: a script raises
//! notices, weirds and reporter messages while a trace is read (so that
//! their times are the packets'), and notice.log, notice_alarm.log,
//! weird.log and reporter.log are compared byte for byte with what Zeek
//! writes, their `#open`/`#close` stamps masked.

mod common;
use common::{masked, scratch, Rzeek};
use std::path::Path;

/// Runs `rzeek -b -r TRACE script.zeek` in `dir`.
fn run_on_trace(dir: &Path, trace: &str, script: &str) -> std::process::Output {
    std::fs::write(dir.join("script.zeek"), script).unwrap();
    let trace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/traces")
        .join(trace);
    Rzeek::new()
        .dir(dir)
        .args(["-b", "-r"])
        .arg(trace)
        .arg("script.zeek")
        .run()
}

/// `masked`, with the uid column (the second) masked too: uids are
/// random without a seed file.
fn uids_masked(path: &Path) -> String {
    let mut out = String::new();
    for l in masked(path).lines() {
        let mut f: Vec<&str> = l.split('\t').collect();
        if !l.starts_with('#') && f.len() > 1 && f[1] != "-" {
            assert!(f[1].starts_with('C') && f[1].len() > 10, "uid {}", f[1]);
            f[1] = "UID";
        }
        out.push_str(&f.join("\t"));
        out.push('\n');
    }
    out
}

fn header(path: &str, fields: &str, types: &str) -> String {
    format!(
        "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n\
         #path\t{path}\n#open\tSTAMP\n#fields\t{fields}\n#types\t{types}\n"
    )
}

const NOTICE_FIELDS: &str = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tfuid\t\
file_mime_type\tfile_desc\tproto\tnote\tmsg\tsub\tsrc\tdst\tp\tn\tpeer_descr\tactions\t\
email_dest\tsuppress_for\tremote_location.country_code\tremote_location.region\t\
remote_location.city\tremote_location.latitude\tremote_location.longitude";

const NOTICE_TYPES: &str = "time\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\t\
enum\tenum\tstring\tstring\taddr\taddr\tport\tcount\tstring\tset[enum]\tset[string]\t\
interval\tstring\tstring\tstring\tdouble\tdouble";

const NOTICES: &str = r#"
@load base/frameworks/notice

module Test;

export {
	redef enum Notice::Type += { Seen, Alarming, Boring, Quiet };
}

redef Notice::ignored_types += { Boring };
redef Notice::alarmed_types += { Alarming };
redef Notice::not_suppressed_types += { Quiet };
redef Notice::type_suppression_intervals += { [Alarming] = 5 mins };

hook Notice::policy(n: Notice::Info) &priority=-1
	{
	# Alarms go to the alarm log only.
	if ( n$note == Alarming )
		delete n$actions[Notice::ACTION_LOG];
	}

event Notice::begin_suppression(ts: time, suppress_for: interval, note: Notice::Type, identifier: string)
	{
	print "begin_suppression", ts, suppress_for, note, identifier;
	}

event Notice::suppressed(n: Notice::Info)
	{
	print "suppressed", n$note, n$identifier;
	}

event Notice::log_notice(rec: Notice::Info)
	{
	print "log_notice", rec$note, rec$msg;
	}

event new_connection(c: connection)
	{
	# Once per responder: the second notice is suppressed.
	NOTICE([$note=Seen, $msg="new connection", $conn=c, $identifier=cat(c$id$resp_h), $n=1]);
	NOTICE([$note=Seen, $msg="same again", $conn=c, $identifier=cat(c$id$resp_h), $n=2]);
	NOTICE([$note=Boring, $msg="never logged", $conn=c]);
	if ( c$id$resp_p == 53/udp )
		{
		NOTICE([$note=Alarming, $msg="DNS", $sub="to a server", $src=c$id$orig_h,
		        $dst=c$id$resp_h, $identifier="dns"]);
		NOTICE([$note=Alarming, $msg="DNS again", $src=c$id$orig_h, $identifier="dns"]);
		NOTICE([$note=Quiet, $msg="not suppressed", $p=c$id$resp_p, $identifier="q"]);
		NOTICE([$note=Quiet, $msg="not suppressed either", $p=c$id$resp_p, $identifier="q"]);
		}
	}
"#;

#[test]
fn notice_log_alarms_and_suppression() {
    let dir = scratch("notice");
    let out = run_on_trace(&dir, "mixed.pcap", NOTICES);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "log_notice, Test::Seen, new connection
begin_suppression, 1400000000.0, 1.0 hr, Test::Seen, 10.0.0.2
suppressed, Test::Seen, 10.0.0.2
log_notice, Test::Seen, new connection
begin_suppression, 1400000001.0, 1.0 hr, Test::Seen, 10.0.0.3
suppressed, Test::Seen, 10.0.0.3
begin_suppression, 1400000001.0, 5.0 mins, Test::Alarming, dns
suppressed, Test::Alarming, dns
log_notice, Test::Quiet, not suppressed
log_notice, Test::Quiet, not suppressed either
log_notice, Test::Seen, new connection
begin_suppression, 1400000002.0, 1.0 hr, Test::Seen, 10.0.0.4
suppressed, Test::Seen, 10.0.0.4
log_notice, Test::Seen, new connection
begin_suppression, 1400000003.0, 1.0 hr, Test::Seen, 10.0.0.5
suppressed, Test::Seen, 10.0.0.5
log_notice, Test::Seen, new connection
begin_suppression, 1400000070.0, 1.0 hr, Test::Seen, 10.0.0.6
suppressed, Test::Seen, 10.0.0.6
"
    );
    let want = header("notice", NOTICE_FIELDS, NOTICE_TYPES)
        + "1400000000.000000\tUID\t10.0.0.1\t40001\t10.0.0.2\t80\t-\t-\t-\ttcp\t\
Test::Seen\tnew connection\t-\t10.0.0.1\t10.0.0.2\t80\t1\t-\tNotice::ACTION_LOG\t(empty)\t\
3600.000000\t-\t-\t-\t-\t-
1400000001.000000\tUID\t10.0.0.1\t33000\t10.0.0.3\t53\t-\t-\t-\tudp\t\
Test::Seen\tnew connection\t-\t10.0.0.1\t10.0.0.3\t53\t1\t-\tNotice::ACTION_LOG\t(empty)\t\
3600.000000\t-\t-\t-\t-\t-
1400000001.000000\t-\t-\t-\t-\t-\t-\t-\t-\tudp\tTest::Quiet\tnot suppressed\t-\t-\t-\t53\t-\t\
-\tNotice::ACTION_LOG\t(empty)\t0.000000\t-\t-\t-\t-\t-
1400000001.000000\t-\t-\t-\t-\t-\t-\t-\t-\tudp\tTest::Quiet\tnot suppressed either\t-\t-\t-\t\
53\t-\t-\tNotice::ACTION_LOG\t(empty)\t0.000000\t-\t-\t-\t-\t-
1400000002.000000\tUID\t10.0.0.1\t8\t10.0.0.4\t0\t-\t-\t-\ticmp\tTest::Seen\t\
new connection\t-\t10.0.0.1\t10.0.0.4\t0\t1\t-\tNotice::ACTION_LOG\t(empty)\t3600.000000\t\
-\t-\t-\t-\t-
1400000003.000000\tUID\t10.0.0.1\t40002\t10.0.0.5\t22\t-\t-\t-\ttcp\tTest::Seen\t\
new connection\t-\t10.0.0.1\t10.0.0.5\t22\t1\t-\tNotice::ACTION_LOG\t(empty)\t3600.000000\t\
-\t-\t-\t-\t-
1400000070.000000\tUID\t10.0.0.1\t40003\t10.0.0.6\t443\t-\t-\t-\ttcp\tTest::Seen\t\
new connection\t-\t10.0.0.1\t10.0.0.6\t443\t1\t-\tNotice::ACTION_LOG\t(empty)\t3600.000000\t\
-\t-\t-\t-\t-
#close\tSTAMP
";
    assert_eq!(uids_masked(&dir.join("notice.log")), want);
    let want = header("notice_alarm", NOTICE_FIELDS, NOTICE_TYPES)
        + "1400000001.000000\t-\t-\t-\t-\t-\t-\t-\t-\t-\tTest::Alarming\tDNS\tto a server\t\
10.0.0.1\t10.0.0.3\t-\t-\t-\tNotice::ACTION_ALARM\t(empty)\t300.000000\t-\t-\t-\t-\t-
#close\tSTAMP
";
    assert_eq!(masked(&dir.join("notice_alarm.log")), want);
    let _ = std::fs::remove_dir_all(&dir);
}

const WEIRDS: &str = r#"
@load base/frameworks/notice

redef Weird::actions += {
	["script_notice"] = Weird::ACTION_NOTICE_PER_CONN,
	["script_once"] = Weird::ACTION_LOG_ONCE,
	["script_per_orig"] = Weird::ACTION_LOG_PER_ORIG,
	["script_ignored"] = Weird::ACTION_IGNORE,
};
redef Weird::ignore_hosts += { [10.0.0.2, "script_host_ignored"] };

event Weird::log_weird(rec: Weird::Info)
	{
	print "log_weird", rec$name;
	}

event new_connection(c: connection)
	{
	Reporter::conn_weird("script_conn", c, "first");
	# A repeat for the same connection is left out.
	Reporter::conn_weird("script_conn", c, "repeat");
	Reporter::conn_weird("script_notice", c, "noticed", "SCRIPT");
	Reporter::conn_weird("script_notice", c, "noticed again");
	Reporter::conn_weird("script_once", c);
	Reporter::conn_weird("script_per_orig", c);
	Reporter::conn_weird("script_ignored", c);
	Reporter::conn_weird("script_host_ignored", c);
	Reporter::flow_weird("script_flow", c$id$orig_h, c$id$resp_h, "flow");
	Reporter::net_weird("script_net");
	}
"#;

#[test]
fn weird_log_and_its_actions() {
    let dir = scratch("weird");
    let out = run_on_trace(&dir, "weird.pcap", WEIRDS);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "log_weird, script_conn\nlog_weird, script_notice\nlog_weird, script_once\n\
         log_weird, script_per_orig\nlog_weird, script_flow\nlog_weird, script_net\n\
         log_weird, bad_TCP_checksum\n"
    );
    // The engine's checksum weird comes with the segment it dropped.
    let want = header(
        "weird",
        "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tname\taddl\tnotice\tpeer\tsource",
        "time\tstring\taddr\tport\taddr\tport\tstring\tstring\tbool\tstring\tstring",
    )
        + "1400000000.000000\tUID\t10.0.0.1\t40003\t10.0.0.2\t80\tscript_conn\tfirst\tF\tzeek\t-
1400000000.000000\tUID\t10.0.0.1\t40003\t10.0.0.2\t80\tscript_notice\tnoticed\tT\tzeek\tSCRIPT
1400000000.000000\tUID\t10.0.0.1\t40003\t10.0.0.2\t80\tscript_once\t-\tF\tzeek\t-
1400000000.000000\tUID\t10.0.0.1\t40003\t10.0.0.2\t80\tscript_per_orig\t-\tF\tzeek\t-
1400000000.000000\t-\t10.0.0.1\t0\t10.0.0.2\t0\tscript_flow\tflow\tF\tzeek\t-
1400000000.000000\t-\t-\t-\t-\t-\tscript_net\t-\tF\tzeek\t-
1400000000.300000\tUID\t10.0.0.1\t40003\t10.0.0.2\t80\tbad_TCP_checksum\t-\tF\tzeek\t-
#close\tSTAMP
";
    assert_eq!(uids_masked(&dir.join("weird.log")), want);
    // The noticing weird raised a Weird::Activity notice.
    let want = header("notice", NOTICE_FIELDS, NOTICE_TYPES)
        + "1400000000.000000\tUID\t10.0.0.1\t40003\t10.0.0.2\t80\t-\t-\t-\ttcp\tWeird::Activity\t\
script_notice\tnoticed\t10.0.0.1\t10.0.0.2\t80\t-\t-\tNotice::ACTION_LOG\t(empty)\t3600.000000\t\
-\t-\t-\t-\t-
#close\tSTAMP
";
    assert_eq!(uids_masked(&dir.join("notice.log")), want);
    let _ = std::fs::remove_dir_all(&dir);
}

const REPORTS: &str = r#"
@load base/frameworks/reporter

global first = T;

event new_connection(c: connection)
	{
	if ( ! first )
		return;
	first = F;
	Reporter::info("an informational message");
	Reporter::warning("a warning");
	Reporter::error("an error");
	local v: vector of count;
	print v[1];
	}

event reporter_error(t: time, msg: string, location: string)
	{
	print "reporter_error", t, msg, location;
	}
"#;

#[test]
fn reporter_log_and_stderr() {
    let dir = scratch("reporter");
    let out = run_on_trace(&dir, "mixed.pcap", REPORTS);
    assert!(out.status.success());
    // Zeek's form on stderr: an informational message has no severity
    // word; while a trace is read, each leads with network time.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "1400000000.000000 ./script.zeek, line 11: an informational message
1400000000.000000 warning in ./script.zeek, line 12: a warning
1400000000.000000 error in ./script.zeek, line 13: an error
1400000000.000000 expression error in ./script.zeek, line 15: no such index (v[1])
"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "reporter_error, 1400000000.0, an error, ./script.zeek, line 13
reporter_error, 1400000000.0, no such index (v[1]), ./script.zeek, line 15
"
    );
    let want = header(
        "reporter",
        "ts\tlevel\tmessage\tlocation",
        "time\tenum\tstring\tstring",
    )
        + "1400000000.000000\tReporter::INFO\tan informational message\t./script.zeek, line 11
1400000000.000000\tReporter::WARNING\ta warning\t./script.zeek, line 12
1400000000.000000\tReporter::ERROR\tan error\t./script.zeek, line 13
1400000000.000000\tReporter::ERROR\tno such index (v[1])\t./script.zeek, line 15
#close\tSTAMP
";
    assert_eq!(masked(&dir.join("reporter.log")), want);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reporter_to_stderr_options() {
    // After zeek_init the options decide what else goes to stderr; a
    // reporter handler's own message goes to stderr and raises no event.
    let dir = scratch("reporter-quiet");
    let script = r#"
@load base/frameworks/reporter
redef Reporter::info_to_stderr = F;
redef Reporter::errors_to_stderr = F;

event zeek_init()
	{
	Reporter::info("during zeek_init");
	}

event new_connection(c: connection)
	{
	Reporter::info("quiet info");
	Reporter::warning("loud warning");
	Reporter::error("quiet error");
	}

event reporter_warning(t: time, msg: string, location: string)
	{
	Reporter::warning(fmt("seen: %s", msg));
	}
"#;
    let out = run_on_trace(&dir, "ticks.pcap", script);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("./script.zeek, line 8: during zeek_init\n"),
        "{err}"
    );
    assert!(!err.contains("quiet"), "{err}");
    assert!(
        err.contains("warning in ./script.zeek, line 14: loud warning\n"),
        "{err}"
    );
    assert!(
        err.contains("warning in ./script.zeek, line 20: seen: loud warning\n"),
        "{err}"
    );
    let log = std::fs::read_to_string(dir.join("reporter.log")).unwrap();
    assert!(log.contains("\tReporter::INFO\tquiet info\t"), "{log}");
    assert!(log.contains("\tReporter::ERROR\tquiet error\t"), "{log}");
    assert!(!log.contains("seen:"), "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

const DROPS: &str = r#"
@load base/frameworks/notice
@load base/frameworks/netcontrol
@load policy/frameworks/notice/actions/drop

redef enum Notice::Type += { Bad_Host };

event NetControl::init()
	{
	NetControl::activate(NetControl::create_debug(T), 0);
	}

hook Notice::policy(n: Notice::Info)
	{
	if ( n$note == Bad_Host )
		add n$actions[Notice::ACTION_DROP];
	}

hook Notice::notice(n: Notice::Info) &priority=-10
	{
	print "dropped", n$src, n$dropped;
	}

event new_connection(c: connection)
	{
	if ( c$id$resp_p == 80/tcp )
		NOTICE([$note=Bad_Host, $msg="bad", $src=c$id$orig_h]);
	}

event zeek_done()
	{
	print "rules", |NetControl::find_rules_addr(10.0.0.1)|, |NetControl::find_rules_addr(10.0.0.9)|;
	}
"#;

#[test]
fn notice_drop_action_through_netcontrol() {
    // ACTION_DROP blocks the notice's source with catch and release; the
    // debug plugin puts the rule in place at once. The block outlives the
    // trace: at the end nothing expires (Zeek is terminating).
    let dir = scratch("netcontrol");
    let out = run_on_trace(&dir, "mixed.pcap", DROPS);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "netcontrol debug (Debug-All): init");
    assert!(lines[1].starts_with("netcontrol debug (Debug-All): add_rule: [ty=NetControl::DROP, target=NetControl::FORWARD, entity=[ty=NetControl::ADDRESS, conn=<uninitialized>, flow=<uninitialized>, ip=10.0.0.1/32,"), "{stdout}");
    assert_eq!(
        lines[2..],
        ["dropped, 10.0.0.1, T", "rules, 1, 0"],
        "{stdout}"
    );
    let nc = "ts\trule_id\tcategory\tcmd\tstate\taction\ttarget\tentity_type\tentity\tmod\tmsg\t\
priority\texpire\tlocation\tplugin";
    let nc_types =
        "time\tstring\tenum\tstring\tenum\tstring\tenum\tstring\tstring\tstring\tstring\t\
int\tinterval\tstring\tstring";
    let want = header("netcontrol", nc, nc_types)
        + "0.000000\t-\tNetControl::MESSAGE\t-\t-\t-\t-\t-\t-\t-\tactivating plugin with priority 0\t\
-\t-\t-\tDebug-All
0.000000\t-\tNetControl::MESSAGE\t-\t-\t-\t-\t-\t-\t-\tactivation finished\t-\t-\t-\tDebug-All
0.000000\t-\tNetControl::MESSAGE\t-\t-\t-\t-\t-\t-\t-\tplugin initialization done\t-\t-\t-\t-
1400000000.000000\t2\tNetControl::RULE\tADD\tNetControl::REQUESTED\tNetControl::DROP\t\
NetControl::FORWARD\tNetControl::ADDRESS\t10.0.0.1/32\t-\t-\t0\t600.000000\tACTION_DROP: T\tDebug-All
1400000000.000000\t2\tNetControl::RULE\tADD\tNetControl::SUCCEEDED\tNetControl::DROP\t\
NetControl::FORWARD\tNetControl::ADDRESS\t10.0.0.1/32\t-\t-\t0\t600.000000\tACTION_DROP: T\tDebug-All
#close\tSTAMP
";
    assert_eq!(masked(&dir.join("netcontrol.log")), want);
    let want = header(
        "netcontrol_catch_release",
        "ts\trule_id\tip\taction\tblock_interval\twatch_interval\tblocked_until\twatched_until\t\
num_blocked\tlocation\tmessage\tplugin",
        "time\tstring\taddr\tenum\tinterval\tinterval\ttime\ttime\tcount\tstring\tstring\tstring",
    )
        + "1400000000.000000\t2\t10.0.0.1\tNetControl::DROP_REQUESTED\t600.000000\t3600.000000\t\
1400000600.000000\t1400003600.000000\t1\tACTION_DROP: T\t-\t-
1400000000.000000\t2\t10.0.0.1\tNetControl::DROPPED\t600.000000\t3600.000000\t\
1400000600.000000\t1400003600.000000\t1\tACTION_DROP: T\t-\tDebug-All
#close\tSTAMP
";
    assert_eq!(masked(&dir.join("netcontrol_catch_release.log")), want);
    let want = header(
        "netcontrol_drop",
        "ts\trule_id\torig_h\torig_p\tresp_h\tresp_p\texpire\tlocation",
        "time\tstring\taddr\tport\taddr\tport\tinterval\tstring",
    ) + "1400000000.000000\t2\t10.0.0.1\t-\t-\t-\t600.000000\tACTION_DROP: T
#close\tSTAMP
";
    assert_eq!(masked(&dir.join("netcontrol_drop.log")), want);
    let _ = std::fs::remove_dir_all(&dir);
}

const RULES: &str = r#"
@load base/frameworks/netcontrol

event NetControl::init()
	{
	NetControl::activate(NetControl::create_debug(T), 0);
	}

event NetControl::init_done()
	{
	NetControl::drop_connection([$orig_h=1.2.3.4, $orig_p=5/tcp, $resp_h=5.6.7.8, $resp_p=80/tcp], 10 sec, "here");
	NetControl::redirect_flow([$src_h=1.1.1.1, $src_p=1/udp, $dst_h=2.2.2.2, $dst_p=53/udp], 5, 0 sec);
	NetControl::quarantine_host(10.0.0.1, 8.8.8.8, 10.10.10.10, 0 sec);
	NetControl::drop_address(1.2.3.4, 0 sec);
	print "again", NetControl::drop_address(1.2.3.4, 0 sec);
	}

event zeek_done()
	{
	print |NetControl::find_rules_addr(10.0.0.1)|, |NetControl::find_rules_subnet(8.0.0.0/8)|,
	      |NetControl::find_rules_addr(1.2.3.4)|, |NetControl::find_rules_addr(8.8.8.8)|;
	}
"#;

#[test]
fn netcontrol_rules_their_log_and_expiry() {
    // Rules made before the first packet (network time 0): the one with a
    // timeout runs out at the first packet, the debug plugin (which cannot
    // expire rules) is asked to remove it. A second drop of the same
    // address is refused as a duplicate, with the rule number it used up.
    let dir = scratch("netcontrol-rules");
    let out = run_on_trace(&dir, "mixed.pcap", RULES);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 11, "{stdout}");
    let conn = "entity=[ty=NetControl::CONNECTION, conn=[orig_h=1.2.3.4, orig_p=5/tcp, \
resp_h=5.6.7.8, resp_p=80/tcp, proto=65535, ctx=[]], flow=<uninitialized>, ip=<uninitialized>, \
mac=<uninitialized>], expire=10.0 secs, priority=0, location=here, out_port=<uninitialized>, \
mod=<uninitialized>, id=2, cid=2, ";
    let add = format!("netcontrol debug (Debug-All): add_rule: [ty=NetControl::DROP, target=NetControl::FORWARD, {conn}");
    assert!(lines[1].starts_with(&add), "{stdout}");
    assert_eq!(lines[8], "again, ");
    let remove = format!("netcontrol debug (Debug-All): remove_rule (): [ty=NetControl::DROP, target=NetControl::FORWARD, {conn}");
    assert!(lines[9].starts_with(&remove), "{stdout}");
    assert!(lines[9].ends_with("_added=T]"), "{stdout}");
    assert_eq!(lines[10], "4, 0, 1, 2");
    let log = masked(&dir.join("netcontrol.log"));
    let body: Vec<&str> = log.lines().filter(|l| !l.starts_with('#')).collect();
    let m = "0.000000\t-\tNetControl::MESSAGE\t-\t-\t-\t-\t-\t-\t-";
    let add = |ts: &str, id: u32, state: &str, rest: &str| {
        format!("{ts}\t{id}\tNetControl::RULE\tADD\tNetControl::{state}\t{rest}\tDebug-All")
    };
    let rules = [
        "NetControl::DROP\tNetControl::FORWARD\tNetControl::CONNECTION\t1.2.3.4/5<->5.6.7.8/80\t-\t-\t0\t10.000000\there",
        "NetControl::REDIRECT\tNetControl::FORWARD\tNetControl::FLOW\t1.1.1.1/32/1->2.2.2.2/32/53\t-> 5\t-\t0\t0.000000\t-",
        "NetControl::DROP\tNetControl::FORWARD\tNetControl::FLOW\t10.0.0.1/32/*->*/*\t-\t-\t0\t0.000000\t-",
        "NetControl::MODIFY\tNetControl::FORWARD\tNetControl::FLOW\t10.0.0.1/32/*->8.8.8.8/32/53\tSrc: _/_ (_) Dst: 10.10.10.10/_ (_)\t-\t5\t0.000000\t-",
        "NetControl::MODIFY\tNetControl::FORWARD\tNetControl::FLOW\t8.8.8.8/32/53->10.0.0.1/32/*\tSrc: 8.8.8.8/_ (_) Dst: _/_ (_)\t-\t5\t0.000000\t-",
        "NetControl::WHITELIST\tNetControl::FORWARD\tNetControl::FLOW\t10.0.0.1/32/*->10.10.10.10/32/80\t-\t-\t5\t0.000000\t-",
        "NetControl::DROP\tNetControl::FORWARD\tNetControl::ADDRESS\t1.2.3.4/32\t-\t-\t0\t0.000000\t-",
    ];
    let mut want = vec![
        format!("{m}\tactivating plugin with priority 0\t-\t-\t-\tDebug-All"),
        format!("{m}\tactivation finished\t-\t-\t-\tDebug-All"),
        format!("{m}\tplugin initialization done\t-\t-\t-\t-"),
    ];
    for (i, r) in rules.iter().enumerate() {
        want.push(add("0.000000", i as u32 + 2, "REQUESTED", r));
    }
    want.push(
        "0.000000\t9\tNetControl::RULE\t-\tNetControl::FAILED\tNetControl::DROP\tNetControl::FORWARD\t\
NetControl::ADDRESS\t1.2.3.4/32\t-\tdiscarded duplicate insertion\t0\t0.000000\t-\t-"
            .to_string(),
    );
    for (i, r) in rules.iter().enumerate() {
        want.push(add("0.000000", i as u32 + 2, "SUCCEEDED", r));
    }
    for (cmd, state) in [
        ("EXPIRE", "TIMEOUT"),
        ("REMOVE", "REQUESTED"),
        ("REMOVE", "SUCCEEDED"),
    ] {
        want.push(format!(
            "1400000000.000000\t2\tNetControl::RULE\t{cmd}\tNetControl::{state}\t{}\tDebug-All",
            rules[0]
        ));
    }
    assert_eq!(body, want);
    let want = header(
        "netcontrol_drop",
        "ts\trule_id\torig_h\torig_p\tresp_h\tresp_p\texpire\tlocation",
        "time\tstring\taddr\tport\taddr\tport\tinterval\tstring",
    ) + "0.000000\t2\t1.2.3.4\t5\t5.6.7.8\t80\t10.000000\there
0.000000\t8\t1.2.3.4\t-\t-\t-\t0.000000\t-
#close\tSTAMP
";
    assert_eq!(masked(&dir.join("netcontrol_drop.log")), want);
    let _ = std::fs::remove_dir_all(&dir);
}

const PRETTY: &str = r#"
@load base/frameworks/notice
redef Notice::force_email_summaries = T;
redef Notice::flag_nets += { 10.0.0.0/8 };
redef enum Notice::Type += { A, B };
redef Notice::alarmed_types += { A, B };

event new_connection(c: connection)
	{
	if ( c$id$resp_p != 80/tcp )
		return;
	NOTICE([$note=A, $msg="conn", $sub="more", $conn=c]);
	NOTICE([$note=B, $msg="src only", $src=192.168.1.1, $p=22/tcp]);
	NOTICE([$note=B, $msg="nothing"]);
	NOTICE([$note=B, $msg="two", $src=10.1.1.1, $dst=192.168.9.9]);
	NOTICE([$note=B, $msg="no first host", $id=[$orig_h=0.0.0.0, $orig_p=68/udp, $resp_h=192.168.9.9, $resp_p=67/udp]]);
	}
"#;

#[test]
fn alarm_summary_pretty_printed() {
    // alarm-mail.txt: a header line per alarm (">>" when a host is in
    // flag_nets), the message, the sub-message, the hosts with their
    // names, which are not looked up when reading a trace.
    let dir = scratch("pp-alarms");
    let out = run_on_trace(&dir, "mixed.pcap", PRETTY);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let text = std::fs::read_to_string(dir.join("alarm-mail.txt")).unwrap();
    let (head, rest) = text.split_once(" (uid C").expect(&text);
    let rest = &rest[rest.find(')').unwrap()..];
    let want = ")
   conn
   more
   # 10.0.0.1 = <skipped>  10.0.0.2 = <skipped>

>  2014-05-13-16:53:20 B 192.168.1.1:22/tcp
   src only
   # 192.168.1.1 = <skipped>

>  2014-05-13-16:53:20 B 
   nothing

>> 2014-05-13-16:53:20 B 10.1.1.1 -> 192.168.9.9
   two
   # 10.1.1.1 = <skipped>  192.168.9.9 = <skipped>

>  2014-05-13-16:53:20 B 0.0.0.0:68/udp -> 192.168.9.9:67/udp
   no first host
  192.168.9.9 = 

";
    assert_eq!(
        head,
        ">> 2014-05-13-16:53:20 A 10.0.0.1:40001/tcp -> 10.0.0.2:80/tcp"
    );
    assert_eq!(rest, want);
    let _ = std::fs::remove_dir_all(&dir);
}
