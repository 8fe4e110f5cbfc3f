//! The input and config frameworks end to end: scripts read files the
//! test (or the script itself) writes, in Zeek's ASCII log format, as
//! raw lines and as option settings; output, messages and config.log are
//! compared with what Zeek prints.

mod common;
use common::{masked, run, scratch, OutputText, Rzeek};

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// A log written by the ASCII writer reads back into a table as the
/// same values.
#[test]
fn a_log_reads_back_into_a_table() {
    let dir = scratch("input-roundtrip");
    let writer = r#"
module Foo;
export {
	redef enum Log::ID += { LOG };
	type Info: record {
		h: addr &log;
		p: port &log;
		n: subnet &log;
		s: string &log;
		tags: set[string] &log;
		nums: vector of count &log;
		d: double &log;
		ok: bool &log;
		proto: transport_proto &log;
		note: string &log &optional;
	};
}
event zeek_init()
	{
	Log::create_stream(LOG, [$columns=Info, $path="foo"]);
	Log::write(LOG, [$h=10.0.0.1, $p=80/tcp, $n=10.0.0.0/8, $s="a\tb,c", $tags=set("x", "y"),
	                 $nums=vector(1, 2), $d=1.5, $ok=T, $proto=udp]);
	Log::write(LOG, [$h=[2001:db8::1], $p=53/udp, $n=[2001:db8::]/32, $s="", $tags=set(),
	                 $nums=vector(), $d=-2.0, $ok=F, $proto=tcp, $note="hi"]);
	}
"#;
    let out = run(&dir, writer);
    assert!(out.status.success(), "{}", out.stderr_str());
    let reader = r#"
redef exit_only_after_terminate = T;
type Idx: record { h: addr; };
type Val: record {
	p: port; n: subnet; s: string; tags: set[string]; nums: vector of count;
	d: double; ok: bool; proto: transport_proto; note: string &optional;
};
global t: table[addr] of Val = table();
event Input::end_of_data(name: string, source: string)
	{
	print name, source, |t|;
	for ( a in set(10.0.0.1, [2001:db8::1]) )
		{
		local v = t[a];
		print a, v$p, v$n, v$s, |v$tags|, v$nums, v$d, v$ok, v$proto, v?$note;
		}
	print "x" in t[10.0.0.1]$tags, t[[2001:db8::1]]$note;
	terminate();
	}
event zeek_init()
	{
	Input::add_table([$source="foo.log", $name="foo", $idx=Idx, $val=Val, $destination=t]);
	}
"#;
    let out = run(&dir, reader);
    assert_eq!(
        out.stdout_str(),
        "foo, foo.log, 2\n\
         10.0.0.1, 80/unknown, 10.0.0.0/8, a\\x09b,c, 2, [1, 2], 1.5, T, udp, F\n\
         2001:db8::1, 53/unknown, 2001:db8::/32, (empty), 0, [], -2.0, F, tcp, T\n\
         T, hi\n"
    );
    assert_eq!(out.stderr_str(), "received termination signal\n");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Lines that do not convert are reported in Zeek's words (to the
/// reporter and to $error_ev) and skipped; the others arrive as events.
#[test]
fn bad_lines_are_reported_and_skipped() {
    let dir = scratch("input-badlines");
    write(
        &dir,
        "in.log",
        "#separator \\x09\n#fields\ti\tb\ts\n#types\tint\tbool\tstring\n\
         1\tT\tone\nxx\tT\ttwo\n3\tmaybe\tthree\n4\tF\n5\tF\t-\n# a comment\n\n6\t1\tsix\n",
    );
    let script = r#"
redef exit_only_after_terminate = T;
type Fields: record { i: int; b: bool; s: string; };
event line(d: Input::EventDescription, tpe: Input::Event, r: Fields)
	{ print "line", tpe, r$i, r$b, r$s; }
event err(d: Input::EventDescription, msg: string, level: Reporter::Level)
	{ print "error_ev", level, msg; }
event Input::end_of_data(name: string, source: string)
	{ print "end", name; terminate(); }
event zeek_init()
	{
	Input::add_event([$source="in.log", $name="lines", $fields=Fields, $ev=line,
	                  $error_ev=err]);
	}
"#;
    let out = run(&dir, script);
    let warn = "warning: in.log/Input::READER_ASCII: ";
    assert_eq!(
        out.stderr_str(),
        format!(
            "{warn}String 'xx' contained no parseable number\n\
             {warn}Could not convert line 'xx\tT\ttwo' of in.log to Val. Ignoring line.\n\
             {warn}Field: b Invalid value for boolean: maybe\n\
             {warn}Could not convert line '3\tmaybe\tthree' of in.log to Val. Ignoring line.\n\
             {warn}Not enough fields in line '4\tF' of in.log. Found 1 fields, want positions 2 and -1\n\
             warning: in.log:8: Skipping input with missing non-optional value (record field s)\n\
             received termination signal\n"
        )
    );
    let stdout = out.stdout_str();
    assert!(
        stdout.contains("line, Input::EVENT_NEW, 1, T, one\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("line, Input::EVENT_NEW, 6, T, six\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("error_ev, Reporter::WARNING, String 'xx' contained no parseable number\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("end, lines\n"), "{stdout}");
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("line")).collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(
        stdout.matches("error_ev, Reporter::WARNING").count(),
        6,
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A re-read (force_update) tells new, changed and removed entries apart;
/// the predicate sees each change first and may refuse it.
#[test]
fn force_update_reports_changes_through_pred_and_ev() {
    let dir = scratch("input-update");
    let script = r##"
redef exit_only_after_terminate = T;
type Idx: record { k: string; };
type Val: record { v: count; };
global t: table[string] of count = table();
global round = 0;
function write_input(lines: vector of string)
	{
	local f = open("m.in");
	print f, "#fields k v";
	for ( i in lines )
		print f, lines[i];
	close(f);
	}
event ev(d: Input::TableDescription, tpe: Input::Event, idx: Idx, val: count)
	{ print "ev", tpe, idx$k, val; }
event Input::end_of_data(name: string, source: string)
	{
	++round;
	print "end", round, |t|, t["a"], t["b"], "c" in t, "d" in t;
	if ( round == 1 )
		{
		write_input(vector("a 1", "b 20", "d 4"));
		Input::force_update("m");
		}
	else
		{
		Input::remove("m");
		terminate();
		}
	}
event zeek_init()
	{
	write_input(vector("a 1", "b 2", "c 3"));
	Input::add_table([$source="m.in", $name="m", $idx=Idx, $val=Val, $destination=t,
	                  $want_record=F, $ev=ev, $config=table(["separator"] = " "),
	                  $pred=function(typ: Input::Event, left: Idx, right: count): bool
	                  	{
	                  	print "pred", typ, left$k, right;
	                  	return left$k != "c" || typ != Input::EVENT_REMOVED;
	                  	}]);
	}
"##;
    let out = run(&dir, script);
    assert_eq!(
        out.stdout_str(),
        "pred, Input::EVENT_NEW, a, 1\n\
         pred, Input::EVENT_NEW, b, 2\n\
         pred, Input::EVENT_NEW, c, 3\n\
         ev, Input::EVENT_NEW, a, 1\n\
         ev, Input::EVENT_NEW, b, 2\n\
         ev, Input::EVENT_NEW, c, 3\n\
         end, 1, 3, 1, 2, T, F\n\
         pred, Input::EVENT_CHANGED, b, 20\n\
         pred, Input::EVENT_NEW, d, 4\n\
         pred, Input::EVENT_REMOVED, c, 3\n\
         ev, Input::EVENT_CHANGED, b, 2\n\
         ev, Input::EVENT_NEW, d, 4\n\
         end, 2, 4, 1, 20, T, T\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The raw reader delivers lines (of a file, or of a command's output),
/// and a missing file is a warning, not the end of the run.
#[test]
fn raw_lines_commands_and_missing_files() {
    let dir = scratch("input-raw");
    write(&dir, "lines.txt", "first line\n\tsecond\n\nlast");
    let script = r#"
redef exit_only_after_terminate = T;
type Line: record { s: string; };
global ends = 0;
event line(d: Input::EventDescription, tpe: Input::Event, s: string)
	{ print d$name, s; }
event InputRaw::process_finished(name: string, source: string, exit_code: count, signal_exit: bool)
	{ print "finished", name, exit_code, signal_exit; }
event Input::end_of_data(name: string, source: string)
	{
	print "end", name;
	if ( ++ends == 2 )
		terminate();
	}
event zeek_init()
	{
	Input::add_event([$source="lines.txt", $reader=Input::READER_RAW, $name="file",
	                  $fields=Line, $ev=line, $want_record=F]);
	Input::add_event([$source="echo one; echo two |", $reader=Input::READER_RAW, $name="cmd",
	                  $fields=Line, $ev=line, $want_record=F]);
	Input::add_event([$source="nonexistent.txt", $name="none", $fields=Line, $ev=line, $want_record=F]);
	}
"#;
    let out = run(&dir, script);
    assert_eq!(
        out.stdout_str(),
        "file, first line\nfile, \\x09second\nfile, \nfile, last\nend, file\n\
         cmd, one\ncmd, two\nend, cmd\nfinished, cmd, 0, F\n"
    );
    assert_eq!(
        out.stderr_str(),
        "warning: nonexistent.txt/Input::READER_ASCII: Init: cannot open nonexistent.txt\n\
         received termination signal\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// As in Zeek, a run without a packet source ends after zeek_init unless
/// exit_only_after_terminate keeps it going: nothing is read.
#[test]
fn nothing_is_read_when_the_run_ends_at_once() {
    let dir = scratch("input-noloop");
    write(&dir, "in.log", "#fields\ti\n1\n");
    let script = r#"
type Fields: record { i: int; };
event line(d: Input::EventDescription, tpe: Input::Event, r: Fields)
	{ print "line", r; }
event zeek_init()
	{ print Input::add_event([$source="in.log", $name="x", $fields=Fields, $ev=line]); }
event zeek_done()
	{ print "done"; }
"#;
    let out = run(&dir, script);
    assert_eq!(out.stdout_str(), "T\ndone\n");
    assert_eq!(out.stderr_str(), "");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Streams with unsuitable descriptions are refused with Zeek's errors.
#[test]
fn bad_descriptions_are_refused() {
    let dir = scratch("input-refused");
    let script = r#"
type Idx: record { i: int; };
type Val: record { a: int; b: int; };
global t: table[int] of Val = table();
global s: set[int, int] = set();
global f: function(d: Input::EventDescription, tpe: Input::Event, r: Idx);
event e1(d: Input::TableDescription, tpe: count, i: Idx, v: Val) {}
event zeek_init()
	{
	print Input::add_table([$source="x", $name="e", $idx=Idx, $val=Val, $destination=t, $ev=e1]);
	print Input::add_table([$source="x", $name="a", $idx=Idx, $val=Val, $destination=t, $want_record=F]);
	print Input::add_table([$source="x", $name="b", $idx=Idx, $destination=s]);
	print Input::add_table([$source="x", $name="c", $idx=Idx, $val=Val, $destination=t]);
	print Input::add_table([$source="x", $name="c", $idx=Idx, $val=Val, $destination=t]);
	print Input::add_event([$source="x", $name="d", $fields=Idx, $ev=f]);
	print Input::remove("c"), Input::remove("nope");
	print Input::force_update("nope");
	}
"#;
    let out = run(&dir, script);
    assert_eq!(out.stdout_str(), "F\nF\nF\nT\nF\nF\nT, F\nF\n");
    assert_eq!(
        out.stderr_str(),
        "error: Input stream e: Table event's second attribute must be of type Input::Event\n\
         error: Input stream a: Stream does not want a record (want_record=F), but has more then one value field.\n\
         error: Input stream b: Table type has more indexes than index definition\n\
         error: Trying create already existing input stream c\n\
         error: Input stream d: Stream event is a function, not an event\n\
         error: Stream nope not found\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Config::config_files: values of existing options are set (through
/// their change handlers) and logged to config.log with the file as the
/// location; unknown options and bad values are warnings.
#[test]
fn config_files_set_options_and_log_them() {
    let dir = scratch("input-config");
    write(
        &dir,
        "site.cfg",
        "testbool F\ntestcount    7\n# comment\ntestset a,b\nnope 3\nteststr  two words \ntestcount2 x\n",
    );
    let script = r#"
redef exit_only_after_terminate = T;
option testbool = T;
option testcount: count = 0;
option testcount2: count = 0;
option testset: set[string] = {};
option teststr = "one";
redef Config::config_files += { "site.cfg" };
function on_count(id: string, new_value: count): count
	{ print "handler", id, new_value; return new_value + 1; }
event Input::end_of_data(name: string, source: string)
	{
	print name, source;
	Config::set_value("teststr", "three", "script");
	terminate();
	}
event zeek_init()
	{ Option::set_change_handler("testcount", on_count); }
event zeek_done()
	{ print testbool, testcount, |testset|, teststr; }
"#;
    let out = run(&dir, script);
    assert_eq!(
        out.stdout_str(),
        "handler, testcount, 7\nconfig-site.cfg, site.cfg\nF, 8, 2, three\n"
    );
    let warn = "warning: site.cfg/Input::READER_CONFIG: ";
    assert_eq!(
        out.stderr_str(),
        format!(
            "{warn}Option 'nope' does not exist. Ignoring line.\n\
             {warn}String 'x' contained no parseable number\n\
             {warn}Could not convert line 'testcount2 x' to value. Ignoring line.\n\
             received termination signal\n"
        )
    );
    let log = masked(&dir.join("config.log"));
    let rows: Vec<Vec<&str>> = log
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').skip(1).collect())
        .collect();
    assert_eq!(
        rows,
        vec![
            vec!["testbool", "T", "F", "site.cfg"],
            vec!["testcount", "0", "8", "site.cfg"],
            vec!["testset", "(empty)", "a,b", "site.cfg"],
            vec!["teststr", "one", "two words", "site.cfg"],
            vec!["teststr", "two words", "three", "script"],
        ]
    );
    assert!(log.contains("#fields\tts\tid\told_value\tnew_value\tlocation\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// STREAM mode follows the file: lines appended later arrive too.
#[test]
fn stream_mode_delivers_appended_lines() {
    let dir = scratch("input-stream");
    write(&dir, "s.log", "#fields\tn\n1\n2\n");
    let script = r#"
redef exit_only_after_terminate = T;
type Fields: record { n: count; };
event line(d: Input::EventDescription, tpe: Input::Event, r: Fields)
	{
	print "line", r$n;
	if ( r$n == 3 )
		terminate();
	}
event Input::end_of_data(name: string, source: string)
	{ print "end"; }
event zeek_init()
	{ Input::add_event([$source="s.log", $name="s", $fields=Fields, $ev=line, $mode=Input::STREAM]); }
"#;
    write(&dir, "script.zeek", script);
    let child = Rzeek::new()
        .dir(&dir)
        .args(["-b", "--max-time", "20", "script.zeek"])
        .command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("s.log"))
        .unwrap();
    std::io::Write::write_all(&mut f, b"3\n").unwrap();
    drop(f);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.stdout_str(), "line, 1\nline, 2\nline, 3\n");
    let _ = std::fs::remove_dir_all(&dir);
}

/// REREAD mode reads a file again when it is replaced: new entries and
/// removed ones are reported, and each read ends with end_of_data.
#[test]
fn reread_mode_follows_a_replaced_file() {
    let dir = scratch("input-reread");
    write(&dir, "hosts.log", "#fields\tip\n1.2.3.4\n5.6.7.8\n");
    let script = r#"
redef exit_only_after_terminate = T;
type Idx: record { ip: addr; };
global hosts: set[addr] = set();
global n = 0;
event ev(d: Input::TableDescription, tpe: Input::Event, idx: Idx)
	{ print "ev", tpe, idx$ip; }
event Input::end_of_data(name: string, source: string)
	{
	print "end", ++n, |hosts|, 1.2.3.4 in hosts;
	if ( n == 2 )
		terminate();
	}
event zeek_init()
	{
	Input::add_table([$source="hosts.log", $name="h", $idx=Idx, $destination=hosts,
	                  $ev=ev, $mode=Input::REREAD]);
	}
"#;
    write(&dir, "script.zeek", script);
    let child = Rzeek::new()
        .dir(&dir)
        .args(["-b", "--max-time", "20", "script.zeek"])
        .command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    write(&dir, "hosts.new", "#fields\tip\n5.6.7.8\n9.9.9.9\n");
    std::fs::rename(dir.join("hosts.new"), dir.join("hosts.log")).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.stdout_str(),
        "ev, Input::EVENT_NEW, 1.2.3.4\nev, Input::EVENT_NEW, 5.6.7.8\nend, 1, 2, T\n\
         ev, Input::EVENT_NEW, 9.9.9.9\nev, Input::EVENT_REMOVED, 1.2.3.4\nend, 2, 2, F\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// With fail_on_file_problem a missing file is an error that ends the
/// stream (and its start), reported to the reporter and $error_ev.
#[test]
fn fail_on_file_problem_makes_a_missing_file_an_error() {
    let dir = scratch("input-fail");
    let script = r#"
redef exit_only_after_terminate = T;
redef InputAscii::fail_on_file_problem = T;
type Fields: record { i: int; };
event line(d: Input::EventDescription, tpe: Input::Event, r: Fields)
	{ print r; }
event err(d: Input::EventDescription, msg: string, level: Reporter::Level)
	{ print "err", level, msg; }
event zeek_init()
	{ Input::add_event([$source="nope.log", $name="x", $fields=Fields, $ev=line, $error_ev=err]); }
"#;
    let out = run(&dir, script);
    assert_eq!(
        out.stdout_str(),
        "err, Reporter::ERROR, Init: cannot open nope.log\nerr, Reporter::ERROR, Init failed\n"
    );
    assert_eq!(
        out.stderr_str(),
        "error: nope.log/Input::READER_ASCII: Init: cannot open nope.log\n\
         error: nope.log/Input::READER_ASCII: Init failed\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
