//! Filters and policy hooks of the logging framework: which columns a
//! filter writes and under what names, which file (a fixed path or a path
//! function), and the hooks that veto or change a record before it is
//! written. Also the writer choices users redef: JSON time formats, the
//! file suffix, and the None writer.

mod common;
use common::{clean, fields, rows, run, run_with_env, scratch};

/// A stream of a record with a nested conn_id, for the tests to filter.
const STREAM: &str = r#"
module Test;
export {
	redef enum Log::ID += { LOG };
	type Info: record {
		ts: time &log;
		id: conn_id &log;
		msg: string &log;
		n: count &log &optional;
		secret: string &optional;
	};
	global log_policy: Log::PolicyHook;
}

function rec(ts: double, msg: string): Info
	{
	local id = conn_id($orig_h=10.0.0.1, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp);
	return Info($ts=double_to_time(ts), $id=id, $msg=msg);
	}
"#;

fn script(body: &str) -> String {
    format!("{STREAM}\n{body}")
}

#[test]
fn include_exclude_and_renames() {
    let dir = scratch("filter-columns");
    let out = run(
        &dir,
        &script(
            r#"
event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info]);
	Log::add_filter(Test::LOG, [$name="some", $path="some", $include=set("ts", "id.resp_h", "msg")]);
	Log::add_filter(Test::LOG, [$name="less", $path="less", $exclude=set("id.orig_p", "id.resp_p", "n")]);
	Log::add_filter(Test::LOG, [$name="flat", $path="flat", $scope_sep="_",
	                            $field_name_map=table(["id_orig_h"] = "client", ["msg"] = "message")]);
	local names = Log::get_filter_names(Test::LOG);
	print |names|, "default" in names, "some" in names, "flat" in names;
	print Log::get_filter(Test::LOG, "less")$path, Log::get_filter(Test::LOG, "gone")$name;
	Log::write(Test::LOG, rec(1.0, "one"));
	print Log::remove_filter(Test::LOG, "flat"), Log::remove_filter(Test::LOG, "flat");
	Log::write(Test::LOG, rec(2.0, "two"));
	}
"#,
        ),
    );
    clean(&out);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "4, T, T, T\nless, <not found>\nT, F\n"
    );
    assert_eq!(
        fields(&dir.join("test.log")),
        [
            "ts",
            "id.orig_h",
            "id.orig_p",
            "id.resp_h",
            "id.resp_p",
            "msg",
            "n"
        ]
    );
    assert_eq!(fields(&dir.join("some.log")), ["ts", "id.resp_h", "msg"]);
    assert_eq!(
        rows(&dir.join("some.log")),
        ["1.000000\t10.0.0.2\tone", "2.000000\t10.0.0.2\ttwo"]
    );
    assert_eq!(
        fields(&dir.join("less.log")),
        ["ts", "id.orig_h", "id.resp_h", "msg"]
    );
    assert_eq!(
        fields(&dir.join("flat.log")),
        [
            "ts",
            "client",
            "id_orig_p",
            "id_resp_h",
            "id_resp_p",
            "message",
            "n"
        ]
    );
    // Removed after the first record.
    assert_eq!(rows(&dir.join("flat.log")).len(), 1);
    assert_eq!(rows(&dir.join("test.log")).len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn path_functions() {
    let dir = scratch("filter-paths");
    let out = run(
        &dir,
        &script(
            r#"
# Splits by whether n is set; prints the path it is offered each time.
function split(id: Log::ID, path: string, r: Info): string
	{
	print fmt("offered '%s'", path);
	return r?$n ? "numbered" : "plain";
	}

# With a path of its own, a filter's function is offered that path.
function under(id: Log::ID, path: string, r: Info): string
	{
	print fmt("under '%s'", path);
	return path + "-" + r$msg;
	}

event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info]);
	Log::add_filter(Test::LOG, [$name="split", $path_func=split]);
	Log::add_filter(Test::LOG, [$name="under", $path="by", $path_func=under]);
	local r = rec(1.0, "a");
	Log::write(Test::LOG, r);
	r$n = 5;
	Log::write(Test::LOG, r);
	Log::write(Test::LOG, rec(3.0, "c"));
	}
"#,
        ),
    );
    clean(&out);
    // A path function is offered "" first, then its first answer.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "offered ''\nunder 'by'\noffered 'plain'\nunder 'by'\noffered 'plain'\nunder 'by'\n"
    );
    // The default filter's path comes from the stream's ID.
    assert_eq!(rows(&dir.join("test.log")).len(), 3);
    assert_eq!(rows(&dir.join("by-a.log")).len(), 2);
    assert_eq!(rows(&dir.join("by-c.log")).len(), 1);
    assert_eq!(
        rows(&dir.join("plain.log")),
        [
            "1.000000\t10.0.0.1\t1234\t10.0.0.2\t80\ta\t-",
            "3.000000\t10.0.0.1\t1234\t10.0.0.2\t80\tc\t-"
        ]
    );
    assert_eq!(
        rows(&dir.join("numbered.log")),
        ["1.000000\t10.0.0.1\t1234\t10.0.0.2\t80\ta\t5"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stream_path_goes_to_filters_without_one() {
    let dir = scratch("filter-stream-path");
    let out = run(
        &dir,
        &script(
            r#"
event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info, $path="all"]);
	Log::add_filter(Test::LOG, [$name="mine", $path="mine"]);
	print Log::get_filter(Test::LOG, "default")$path;
	Log::write(Test::LOG, rec(1.0, "a"));
	}
"#,
        ),
    );
    clean(&out);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "all\n");
    assert_eq!(rows(&dir.join("all.log")).len(), 1);
    assert_eq!(rows(&dir.join("mine.log")).len(), 1);
    assert!(!dir.join("test.log").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn policy_hooks_veto_and_change_records() {
    let dir = scratch("filter-policy");
    let out = run(
        &dir,
        &script(
            r#"
global log_test: event(r: Info);
event log_test(r: Info) { print "event", r$msg; }

# The stream's policy: filters without their own inherit it.
hook Test::log_policy(r: Info, id: Log::ID, filter: Log::Filter)
	{
	if ( r$msg == "drop" )
		break;
	r$msg = r$msg + "+" + filter$name;
	}

# A filter's own policy replaces the stream's.
hook only_n(r: Info, id: Log::ID, filter: Log::Filter)
	{
	if ( ! r?$n )
		break;
	}

hook Log::log_stream_policy(r: any, id: Log::ID)
	{
	local info = r as Info;
	if ( info$msg == "global veto" )
		break;
	}

event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info, $ev=log_test, $policy=Test::log_policy]);
	Log::add_filter(Test::LOG, [$name="counted", $path="counted", $policy=only_n]);
	Log::write(Test::LOG, rec(1.0, "keep"));
	Log::write(Test::LOG, rec(2.0, "drop"));
	Log::write(Test::LOG, rec(3.0, "global veto"));
	local r = rec(4.0, "numbered");
	r$n = 1;
	Log::write(Test::LOG, r);
	}
"#,
        ),
    );
    clean(&out);
    // The event comes for every record the stream-level hook lets
    // through, after the filters' hooks changed it.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "event, keep+default\nevent, drop\nevent, numbered+default\n"
    );
    let msgs = |f: &str| -> Vec<String> {
        rows(&dir.join(f))
            .iter()
            .map(|l| l.split('\t').nth(5).unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(msgs("test.log"), ["keep+default", "numbered+default"]);
    assert_eq!(msgs("counted.log"), ["numbered+default"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn disabled_streams_switch_their_event_groups() {
    let dir = scratch("filter-groups");
    let out = run(
        &dir,
        &script(
            r#"
event tick() &group="test-extras" { print "tick"; }

event later()
	{
	print "later";
	Log::enable_stream(Test::LOG);
	Log::write(Test::LOG, rec(2.0, "kept"));
	event tick();
	}

event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info, $event_groups=set("test-extras")]);
	Log::disable_stream(Test::LOG);
	print has_event_group("test-extras"), Test::LOG in Log::active_streams;
	Log::write(Test::LOG, rec(1.0, "dropped"));
	event tick();
	event later();
	}
"#,
        ),
    );
    clean(&out);
    // The first tick comes while the stream, and so its group, is off.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "T, F\nlater\ntick\n");
    assert_eq!(rows(&dir.join("test.log")).len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_time_formats_suffix_and_none_writer() {
    let dir = scratch("filter-json");
    let body = r#"
redef LogAscii::use_json = T;
redef LogAscii::json_timestamps = JSON::TS_ISO8601;
event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info]);
	Log::add_filter(Test::LOG, [$name="nowhere", $path="nowhere", $writer=Log::WRITER_NONE]);
	Log::write(Test::LOG, rec(1700000000.25, "iso"));
	}
"#;
    let out = run_with_env(&dir, &script(body), &[("ZEEK_LOG_SUFFIX", "json")]);
    clean(&out);
    assert_eq!(
        std::fs::read_to_string(dir.join("test.json")).unwrap(),
        "{\"ts\":\"2023-11-14T22:13:20.250000Z\",\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":1234,\
         \"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":80,\"msg\":\"iso\"}\n"
    );
    assert!(!dir.join("nowhere.json").exists());
    let millis = body.replace("TS_ISO8601", "TS_MILLIS");
    let out = run(&dir, &script(&millis));
    clean(&out);
    let text = std::fs::read_to_string(dir.join("test.log")).unwrap();
    assert!(text.starts_with("{\"ts\":1700000000250,"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The rows of a log whose first column is a time near the clock's now,
/// with that time replaced by `NOW`.
fn wall_clock_rows(path: &std::path::Path) -> Vec<String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    rows(path)
        .into_iter()
        .map(|r| {
            let (ts, rest) = r.split_once('\t').unwrap();
            let ts: f64 = ts.parse().unwrap();
            assert!((now - ts).abs() < 600.0, "{ts} is not about now ({now})");
            format!("NOW\t{rest}")
        })
        .collect()
}

#[test]
fn prints_redirected_to_the_print_log() {
    let dir = scratch("print-log");
    let body = r#"
redef Log::print_to_log = Log::REDIRECT_STDOUT;
event zeek_init()
	{
	print "hello", 1, vector(2, 3);
	local f = open("side.txt");
	print f, "to a file";
	close(f);
	}
"#;
    let out = run(&dir, body);
    clean(&out);
    assert!(out.stdout.is_empty());
    assert_eq!(fields(&dir.join("print.log")), ["ts", "vals"],);
    // Without a trace, network time is the clock's time from start-up.
    assert_eq!(
        wall_clock_rows(&dir.join("print.log")),
        ["NOW\thello,1,[2\\x2c 3]"]
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("side.txt")).unwrap(),
        "to a file\n"
    );
    let out = run(&dir, &body.replace("REDIRECT_STDOUT", "REDIRECT_ALL"));
    clean(&out);
    assert_eq!(
        wall_clock_rows(&dir.join("print.log")),
        ["NOW\thello,1,[2\\x2c 3]", "NOW\tto a file"]
    );
    assert_eq!(std::fs::read_to_string(dir.join("side.txt")).unwrap(), "");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn extension_columns_come_first() {
    let dir = scratch("filter-ext");
    let out = run(
        &dir,
        &script(
            r#"
type Ext: record {
	node: string &log;
	seq: count &log;
	where: string &log;
	hidden: count &default=5;
};
global calls = 0;
function ext(path: string): Ext
	{
	++calls;
	return Ext($node="worker-1", $seq=calls, $where=path);
	}
function nothing(path: string): Ext
	{
	}
redef Log::default_ext_func = ext;

event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info]);
	# The selection leaves extension columns alone.
	Log::add_filter(Test::LOG, [$name="x", $path="x", $include=set("msg"), $ext_prefix="x_"]);
	# An ext_func that returns no record: its columns are unset.
	Log::add_filter(Test::LOG, [$name="empty", $path="empty", $include=set("msg"), $ext_func=nothing]);
	Log::write(Test::LOG, rec(1.0, "one"));
	Log::write(Test::LOG, rec(2.0, "two"));
	print calls;
	}
"#,
        ),
    );
    // `nothing` falls off its end: Zeek's warning, nothing else.
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "4\n");
    assert_eq!(
        fields(&dir.join("test.log"))[..4],
        ["_node", "_seq", "_where", "ts"]
    );
    assert_eq!(
        fields(&dir.join("x.log")),
        ["x_node", "x_seq", "x_where", "msg"]
    );
    // One call per line written, in filter order, with the filter's path.
    assert_eq!(
        rows(&dir.join("x.log")),
        ["worker-1\t2\tx\tone", "worker-1\t4\tx\ttwo"]
    );
    assert!(rows(&dir.join("test.log"))[1].starts_with("worker-1\t3\ttest\t2.000000\t"));
    assert_eq!(
        fields(&dir.join("empty.log")),
        ["_node", "_seq", "_where", "msg"]
    );
    assert_eq!(
        rows(&dir.join("empty.log")),
        ["-\t-\t-\tone", "-\t-\t-\ttwo"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn extension_function_must_return_a_record() {
    let dir = scratch("filter-ext-type");
    let out = run(
        &dir,
        &script(
            r#"
function count_ext(path: string): count
	{
	return 1;
	}

event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info]);
	print Log::add_filter(Test::LOG, [$name="bad", $path="bad", $ext_func=count_ext]);
	Log::write(Test::LOG, rec(1.0, "one"));
	}
"#,
        ),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "F\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: Return value of log_ext is not a record (got count)\n"
    );
    assert!(!dir.join("bad.log").exists());
    assert_eq!(rows(&dir.join("test.log")).len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn filters_do_not_share_a_path() {
    let dir = scratch("filter-conflict");
    let out = run(
        &dir,
        &script(
            r#"
event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Info, $path="test"]);
	Log::add_filter(Test::LOG, [$name="second", $path="test", $include=set("msg")]);
	Log::add_filter(Test::LOG, [$name="third", $path="test", $include=set("ts")]);
	Log::write(Test::LOG, rec(1.0, "one"));
	Log::write(Test::LOG, rec(2.0, "two"));
	print Log::get_filter(Test::LOG, "second")$path;
	}
"#,
        ),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "test\n");
    // Warned once each, when first moved.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "warning: Write using filter 'second' on path 'test' changed to use new path 'test-2' to avoid conflict with filter 'default'\n\
         warning: Write using filter 'third' on path 'test' changed to use new path 'test-3' to avoid conflict with filter 'default'\n"
    );
    assert_eq!(rows(&dir.join("test.log")).len(), 2);
    assert_eq!(rows(&dir.join("test-2.log")), ["one", "two"]);
    assert_eq!(rows(&dir.join("test-3.log")), ["1.000000", "2.000000"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ascii_options_and_per_filter_config() {
    // LogAscii::enable_utf_8 and json_include_unset_fields, and the same
    // options (and use_json, json_timestamps) for one filter through its
    // $config table.
    let dir = scratch("ascii-options");
    let body = r#"
redef LogAscii::enable_utf_8 = F;

event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Test::Info, $path="plain"]);
	Log::add_filter(Test::LOG, [$name="utf8", $path="utf8",
	                            $config=table(["enable_utf_8"] = "T")]);
	Log::add_filter(Test::LOG, [$name="json", $path="json",
	                            $config=table(["use_json"] = "T",
	                                          ["json_include_unset_fields"] = "T",
	                                          ["json_timestamps"] = "JSON::TS_MILLIS_UNSIGNED")]);
	local id: conn_id = [$orig_h=10.0.0.1, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp];
	Log::write(Test::LOG, [$ts=double_to_time(-1.5), $id=id, $msg="caf\xc3\xa9 \x01"]);
	}
"#;
    let out = run(&dir, &script(body));
    clean(&out);
    assert_eq!(
        rows(&dir.join("plain.log")),
        ["-1.500000\t10.0.0.1\t1234\t10.0.0.2\t80\tcaf\\xc3\\xa9 \\x01\t-"]
    );
    assert_eq!(
        rows(&dir.join("utf8.log")),
        ["-1.500000\t10.0.0.1\t1234\t10.0.0.2\t80\tcafé \\x01\t-"]
    );
    // A time before the epoch wraps around as an unsigned number.
    assert_eq!(
        std::fs::read_to_string(dir.join("json.log")).unwrap(),
        "{\"ts\":18446744073709550116,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":1234,\
         \"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":80,\"msg\":\"café \\u0001\",\"n\":null}\n"
    );
    // A value Zeek's writer refuses is an error, and nothing is written.
    let bad = body.replace("JSON::TS_MILLIS_UNSIGNED", "JSON::TS_NONE");
    let out = run(&dir, &script(&bad));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("Invalid JSON timestamp format: JSON::TS_NONE"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_to_stdout() {
    let dir = scratch("ascii-stdout");
    let body = r#"
redef LogAscii::output_to_stdout = T;
redef LogAscii::include_meta = F;

event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Test::Info, $path="out"]);
	local id: conn_id = [$orig_h=10.0.0.1, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp];
	Log::write(Test::LOG, [$ts=double_to_time(1.0), $id=id, $msg="to stdout", $n=3]);
	}
"#;
    std::fs::remove_file(dir.join("out.log")).ok();
    let out = run(&dir, &script(body));
    clean(&out);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1.000000\t10.0.0.1\t1234\t10.0.0.2\t80\tto stdout\t3\n"
    );
    assert!(!dir.join("out.log").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn filters_table_and_rotation_interface() {
    // Log::filters mirrors the filters in force (the config, cluster and
    // files streams are there too: Zeek loads those frameworks even in
    // bare mode); the
    // rotation types and Log::rotation_format_func exist for scripts that
    // configure rotation (rzeek does not rotate).
    let dir = scratch("filters-table");
    let body = r#"
function pp(info: Log::RotationInfo): bool { return T; }

event zeek_init()
	{
	Log::create_stream(Test::LOG, [$columns=Test::Info, $path="t"]);
	Log::add_filter(Test::LOG, [$name="second", $path="t2", $interv=1 hr, $postprocessor=pp]);
	for ( [id, name] in Log::filters )
		print id, name, Log::filters[id, name]$path;
	Log::remove_filter(Test::LOG, "default");
	print [Test::LOG, "default"] in Log::filters, Log::get_filter_names(Test::LOG);
	local ri = Log::RotationFmtInfo($writer=Log::WRITER_ASCII, $path="conn",
	                                $open=double_to_time(1700000000.0),
	                                $close=double_to_time(1700003600.0), $terminating=F);
	print Log::rotation_format_func(ri);
	Log::remove_stream(Test::LOG);
	print |Log::filters|;
	}
"#;
    let out = run_with_env(&dir, &script(body), &[("TZ", "UTC")]);
    clean(&out);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Config::LOG, default, config
Cluster::LOG, default, cluster
Files::LOG, default, files
Test::LOG, default, t
Test::LOG, second, t2
F, {
second
}
[dir=, file_basename=conn-23-11-14_22.13.20]
3
"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
