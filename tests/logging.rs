//! The logging framework end to end: a script creates a stream and writes
//! records; the ASCII writer's file is compared byte for byte, with the
//! `#open`/`#close` stamps masked.

mod common;
use common::{masked, run, scratch, Rzeek};

const FOO: &str = r#"
module Foo;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		ts: time &log;
		id: conn_id &log;
		name: string &log &optional;
		note: string &optional;
		tags: set[string] &log &default=set();
		nums: vector of count &log &default=vector();
		d: double &log &default=1.5;
		iv: interval &log &default=2secs;
		ok: bool &log &default=T;
		proto: transport_proto &log &default=tcp;
		sn: subnet &log &default=10.0.0.0/8;
	};

	global log_foo: event(rec: Info);
}

event log_foo(rec: Info)
	{
	print "logged", rec$ts;
	}

event zeek_init()
	{
	Log::create_stream(LOG, [$columns=Info, $path="foo", $ev=log_foo]);
	local id: conn_id = [$orig_h=1.2.3.4, $orig_p=80/tcp, $resp_h=[::1], $resp_p=53/udp, $proto=6];
	Log::write(LOG, [$ts=double_to_time(1300475167.096535), $id=id, $name="a\tb,c\\d",
	                 $tags=set("y,z"), $nums=vector(1, 2, 3), $note="not logged"]);
	Log::write(LOG, [$ts=double_to_time(1.0), $id=id, $name="", $d=3.0]);
	Log::write(LOG, [$ts=double_to_time(2.0), $id=id, $name="-", $iv=-1.25msec]);
	Log::disable_stream(LOG);
	Log::write(LOG, [$ts=double_to_time(3.0), $id=id]);
	Log::enable_stream(LOG);
	Log::write(LOG, [$ts=double_to_time(4.0), $id=id, $ok=F]);
	}
"#;

#[test]
fn ascii_log_of_a_stream() {
    let dir = scratch("ascii");
    let out = run(&dir, FOO);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // The stream's event comes with each record written, not the
    // disabled stream's.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "logged, 1300475167.096535\nlogged, 1.0\nlogged, 2.0\nlogged, 4.0\n"
    );
    let want = "#separator \\x09
#set_separator\t,
#empty_field\t(empty)
#unset_field\t-
#path\tfoo
#open\tSTAMP
#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tname\ttags\tnums\td\tiv\tok\tproto\tsn
#types\ttime\taddr\tport\taddr\tport\tstring\tset[string]\tvector[count]\tdouble\tinterval\tbool\tenum\tsubnet
1300475167.096535\t1.2.3.4\t80\t::1\t53\ta\\x09b,c\\x5cd\ty\\x2cz\t1,2,3\t1.5\t2.000000\tT\ttcp\t10.0.0.0/8
1.000000\t1.2.3.4\t80\t::1\t53\t(empty)\t(empty)\t(empty)\t3.0\t2.000000\tT\ttcp\t10.0.0.0/8
2.000000\t1.2.3.4\t80\t::1\t53\t\\x2d\t(empty)\t(empty)\t1.5\t-0.001250\tT\ttcp\t10.0.0.0/8
4.000000\t1.2.3.4\t80\t::1\t53\t-\t(empty)\t(empty)\t1.5\t2.000000\tF\ttcp\t10.0.0.0/8
#close\tSTAMP
";
    assert_eq!(masked(&dir.join("foo.log")), want);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_lines_in_the_log_dir_with_a_default_path() {
    let dir = scratch("json");
    std::fs::create_dir_all(dir.join("logs")).unwrap();
    let out = run(
        &dir,
        r#"
module KnownThings;
export {
	redef enum Log::ID += { LOG };
	type Info: record {
		ts: time;
		msg: string;
		n: count &optional;
		v: vector of string &default=vector("a", "b\"c");
	} &log;
}
redef LogAscii::use_json = T;
redef Log::default_logdir = "logs";
event zeek_init()
	{
	Log::create_stream(KnownThings::LOG, [$columns=Info]);
	Log::write(KnownThings::LOG, Info($ts=double_to_time(1300475167.5), $msg="hi\n"));
	Log::write(KnownThings::LOG, [$ts=double_to_time(2.0), $msg="x", $n=3]);
	}
"#,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("logs/known_things.log")).unwrap();
    assert_eq!(
        text,
        "{\"ts\":1300475167.5,\"msg\":\"hi\\n\",\"v\":[\"a\",\"b\\\"c\"]}\n\
         {\"ts\":2.0,\"msg\":\"x\",\"n\":3,\"v\":[\"a\",\"b\\\"c\"]}\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn writer_options_and_bad_records() {
    let dir = scratch("options");
    let out = run(
        &dir,
        r#"
redef enum Log::ID += { LOG };
type R: record { a: string &log; b: set[count] &log &optional; c: string; };
redef LogAscii::include_meta = F;
redef LogAscii::separator = "|";
redef LogAscii::unset_field = "NA";
event zeek_init()
	{
	Log::create_stream(LOG, [$columns=R, $path="opts"]);
	Log::write(LOG, [$a="x|y", $b=set(1), $c="no"]);
	Log::write(LOG, [$a="NA", $c="no"]);
	print Log::write(LOG, [$a="x", $bogus=1]);
	}
"#,
    );
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "F\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: incompatible log record type\n"
    );
    let text = std::fs::read_to_string(dir.join("opts.log")).unwrap();
    assert_eq!(text, "x\\x7cy|1\n\\x4eA|NA\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn nothing_written_means_no_file() {
    let dir = scratch("empty");
    let out = run(
        &dir,
        r#"
module Quiet;
export { redef enum Log::ID += { LOG }; type Info: record { a: count &log; }; }
event zeek_init() { print Log::create_stream(LOG, [$columns=Info]); }
"#,
    );
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "T\n");
    assert!(!dir.join("quiet.log").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_that_changes_nothing_writes_no_log() {
    // The site framework merges the private ranges into Site::local_nets
    // at start-up; that is not a user's change, so config.log stays away.
    for bare in [true, false] {
        let dir = scratch(if bare { "quiet-bare" } else { "quiet-default" });
        std::fs::write(dir.join("script.zeek"), "print 1;\n").unwrap();
        let mut cmd = Rzeek::new().dir(&dir);
        if bare {
            cmd = cmd.arg("-b");
        }
        let out = cmd.arg("script.zeek").run();
        assert!(out.status.success());
        let logs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".log"))
            .collect();
        assert!(logs.is_empty(), "bare={bare}: {logs:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn logs_are_closed_when_a_script_stops_early() {
    let dir = scratch("early-stop");
    let script = r#"
redef enum Log::ID += { LOG };
type R: record { a: string &log; };
event zeek_init()
	{
	Log::create_stream(LOG, [$columns=R, $path="early"]);
	Log::write(LOG, [$a="kept"]);
	Reporter::fatal("stop here");
	Log::write(LOG, [$a="never"]);
	}
"#;
    for (stop, code) in [("Reporter::fatal(\"stop here\")", 1), ("exit(3)", 3)] {
        let out = run(
            &dir,
            &script.replace("Reporter::fatal(\"stop here\")", stop),
        );
        assert_eq!(out.status.code(), Some(code));
        let text = masked(&dir.join("early.log"));
        assert!(text.ends_with("kept\n#close\tSTAMP\n"), "{text}");
    }
    let out = run(&dir, script);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "fatal error in ./script.zeek, line 8: stop here\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
