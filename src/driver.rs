//! What the command line asks for: syntax checks, parsing, running.

use crate::compile::Compiler;
use crate::diag::{render, SourceMap, Style};
use crate::eval::Interp;
use crate::runtime::value::Value;
use crate::syntax::conditionals::FirstBranch;
use crate::syntax::parser;
use std::path::Path;

pub struct Options {
    pub bare: bool,
    pub exec: Vec<String>,
    pub readfile: Option<String>,
    pub no_checksums: bool,
    pub parse_only: bool,
    pub scripts: Vec<String>,
    pub assignments: Vec<String>,
    pub style: Style,
    /// Open an interactive session once the scripts (and trace) have run.
    pub interactive: bool,
    /// `--max-time`: stop the scripts after this long.
    pub max_time: Option<std::time::Duration>,
    /// The usage analysis: how many times `-u` was given (0: none).
    pub usage: u8,
}

/// `name=value` and `name+=value` arguments redefine options.
pub fn is_assignment(arg: &str) -> bool {
    match arg.find('=') {
        Some(i) => {
            let name = arg[..i].trim_end_matches('+').trim_end_matches('-');
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        }
        None => false,
    }
}

fn read_source(path: &str) -> std::io::Result<String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
        buf
    } else {
        std::fs::read(path)?
    };
    // Zeek scripts are bytes; invalid UTF-8 outside string literals is
    // replaced rather than rejected.
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn dir_of(path: &str) -> String {
    match Path::new(path).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => ".".to_string(),
    }
}

/// `--syntax-only`: parse each file alone. Returns whether all parsed.
pub fn syntax_check(files: &[String], style: Style) -> bool {
    let mut map = SourceMap::default();
    let mut ok = true;
    for f in files {
        let text = match read_source(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: can't open {f}: {e}");
                ok = false;
                continue;
            }
        };
        let id = map.add(f.clone(), text);
        let src = &map.files[id as usize].text;
        if let Err(diags) = parser::parse(src, id, f, &dir_of(f), &mut FirstBranch) {
            ok = false;
            for d in diags {
                eprintln!("{}", render(&d, &map, style));
            }
        }
    }
    ok
}

/// Runs the named scripts; returns the process exit code.
pub fn run(opts: Options) -> i32 {
    if let Some(limit) = opts.max_time {
        crate::eval::limits::start_time_limit(limit);
    }
    let mut c = Compiler::new(opts.style);
    if opts.usage > 0 {
        c.enable_usage(opts.usage);
    }
    c.load_named("base/init-bare", None);
    if !opts.bare {
        c.load_named("base/init-default", None);
    }
    // What bare_mode() reports.
    let bare = if opts.bare { "T" } else { "F" };
    c.load_source(
        "<bare-mode>".to_string(),
        format!("global __bare_mode = {bare};"),
    );
    for (i, s) in opts.scripts.iter().enumerate() {
        c.load.defer_eof = i + 1 < opts.scripts.len();
        if c.load.eof_in.is_some() {
            // The previous script ran out of input: this one shows where.
            c.load_named(s, None);
            c.load.eof_in = None;
            return 1;
        }
        if s == "-" {
            match read_source("-") {
                Ok(text) => c.load_source("<stdin>".to_string(), text),
                Err(e) => {
                    eprintln!("fatal error: can't read standard input: {e}");
                    return 1;
                }
            }
        } else if !c.load_named(s, None) && c.load.eof_in.is_none() {
            return 1;
        }
    }
    c.load.defer_eof = false;
    for code in &opts.exec {
        // Like Zeek, accept a last statement without its `;`.
        let mut code = code.clone();
        if !code.trim_end().is_empty() && !code.trim_end().ends_with([';', '}']) {
            code.push_str("\n;");
        }
        c.load_source("<command line>".to_string(), code);
    }
    c.finish_loading();
    c.interp.bind_table_expire_interval();
    if !apply_assignments(&mut c, &opts.assignments) {
        c.interp.flush();
        return 1;
    }
    // As in Zeek, an error while the scripts were read (a global's
    // initializer that failed at run time, a built-in's complaint) ends
    // the run before zeek_init.
    if c.errors > 0 || c.interp.output.reported_errors > 0 {
        c.interp.flush();
        return 1;
    }
    c.report_usage();
    if opts.parse_only {
        return 0;
    }
    c.interp.setup_print_log();
    let _ = (
        &opts.readfile,
        opts.no_checksums,
        opts.bare,
        &opts.assignments,
    );
    c.interp.set_packet_source(opts.readfile.clone());
    // Only now: while scripts are read (perhaps from standard input)
    // Ctrl-C keeps ending the process at once.
    if let Err(e) = crate::eval::limits::catch_interrupts() {
        eprintln!("warning: Ctrl-C will not stop scripts cleanly: {e}");
    }
    if opts.readfile.is_none() {
        // With no packet source Zeek's network time is the wall clock
        // from start-up on (it stays 0 while scripts are read, and with a
        // trace until its first packet).
        c.interp.advance_clock(wall_clock());
    }
    if !c.run_init_stmts() {
        c.interp.flush();
        return c.interp.exit_code().unwrap_or(1);
    }
    c.interp.report_via_events();
    raise(&mut c.interp, "zeek_init");
    if opts.readfile.is_none() {
        // Network time has its value already.
        raise(&mut c.interp, "network_time_init");
    }
    let idle_loop = opts.readfile.is_none()
        && !opts.interactive
        && matches!(
            c.interp.global_named("exit_only_after_terminate"),
            Some(Value::Bool(true))
        );
    if idle_loop {
        c.interp.reporter_init_done();
        run_until_terminate(&mut c.interp);
    } else {
        c.interp.drain_events();
        c.interp.reporter_init_done();
        if opts.readfile.is_some() && c.interp.exit_code().is_none() {
            // What input streams read arrives before the first packet.
            crate::bif::input::pump(&mut c.interp);
            c.interp.drain_events();
        }
    }
    if let (Some(path), None) = (&opts.readfile, c.interp.exit_code()) {
        if let Err(e) = crate::engine::process_trace(&mut c.interp, path, opts.no_checksums) {
            c.interp.flush();
            eprintln!("fatal error: {e}");
            return 1;
        }
    } else if c.interp.exit_code().is_none() && !opts.interactive {
        // Without a packet source, pending timers fire as time runs out;
        // Zeek is terminating by then (zeek_is_terminating() is true).
        crate::runtime::func::Host::terminate(&mut c.interp);
        c.interp.run_out_timers();
    }
    if opts.interactive && c.interp.exit_code().is_none() {
        crate::eval::limits::cancel_time_limit();
        crate::repl::run(&mut c);
        if opts.readfile.is_none() && c.interp.exit_code().is_none() {
            c.interp.run_out_timers();
        }
    }
    if !c.interp.check_stop() {
        raise(&mut c.interp, "zeek_done");
        c.interp.drain_events();
    }
    // A stop during the last handler, which took no step after it.
    c.interp.check_stop();
    c.interp.flush();
    c.interp.exit_code().unwrap_or(0)
}

/// `name=value` / `name+=value` arguments: redefinitions applied after the
/// scripts are loaded. A string option takes the text as it is; other
/// types parse it as a Zeek expression.
fn apply_assignments(c: &mut Compiler, assignments: &[String]) -> bool {
    let mut ok = true;
    for a in assignments {
        let Some(eq) = a.find('=') else { continue };
        let (lhs, value) = (&a[..eq], &a[eq + 1..]);
        let (name, op) = match lhs.strip_suffix('+') {
            Some(n) => (n, "+="),
            None => match lhs.strip_suffix('-') {
                Some(n) => (n, "-="),
                None => (lhs, "="),
            },
        };
        let Some(id) = c.lookup_global(name) else {
            c.interp.flush();
            eprintln!("error: unknown identifier '{name}' in command-line options");
            ok = false;
            continue;
        };
        let ty = c.global_type(id);
        if value.is_empty() && !matches!(*ty, crate::runtime::types::Type::String) {
            eprintln!("error: must assign non-empty value to '{name}' in command-line options");
            ok = false;
            continue;
        }
        let text = if matches!(*ty, crate::runtime::types::Type::String) {
            let escaped: String = value
                .chars()
                .flat_map(|ch| match ch {
                    '"' => vec!['\\', '"'],
                    '\\' => vec!['\\', '\\'],
                    c => vec![c],
                })
                .collect();
            format!("\"{escaped}\"")
        } else {
            value.to_string()
        };
        let before = c.errors;
        c.load_source(
            "<command line>".to_string(),
            format!("redef {name} {op} {text};"),
        );
        if c.errors > before {
            ok = false;
        }
    }
    ok
}

/// Zeek's event draining: each round runs the events queued before it.
fn drain_rounds(interp: &mut Interp, rounds: u32) {
    for _ in 0..rounds {
        if !interp.has_queued_events() || !interp.run_event_round(|_, _| {}) {
            return;
        }
    }
}

/// Without a packet source but with `exit_only_after_terminate`, Zeek's
/// main loop keeps running until `terminate()`: each turn network time
/// follows the clock, due timers fire, and events get two rounds of
/// draining (the first turn's first round runs zeek_init), so an event
/// that keeps raising itself sees time move on. When nothing is left to
/// happen (no events, no timers) the loop ends rather than idle forever.
fn run_until_terminate(interp: &mut Interp) {
    loop {
        if interp.check_stop() {
            break;
        }
        if interp.is_terminating() {
            // terminate() raises SIGTERM in Zeek, whose handler says so.
            interp.flush();
            eprintln!("received termination signal");
            break;
        }
        if !interp.has_queued_events() && interp.next_timer_due().is_none() {
            // Input streams deliver what they read through the queue.
            crate::bif::input::pump(interp);
            if !interp.has_queued_events() && !input_active(interp) {
                break;
            }
        }
        let now = wall_clock();
        interp.advance_clock(now);
        interp.fire_timers_due_by(interp.network_time());
        if !interp.has_queued_events() {
            crate::bif::input::pump(interp);
        }
        if !interp.has_queued_events() {
            // Only timers ahead, or followed input sources: wait for the
            // next timer or the next look at the sources.
            let most = if input_active(interp) { 0.1 } else { 1.0 };
            let wait = match interp.next_timer_due() {
                Some(when) => (when - now).clamp(0.0, most),
                None => most,
            };
            std::thread::sleep(std::time::Duration::from_secs_f64(wait));
            continue;
        }
        drain_rounds(interp, 2);
    }
}

/// Whether input streams have reads ahead (a first read, or sources
/// followed in REREAD or STREAM mode).
fn input_active(interp: &mut Interp) -> bool {
    use crate::runtime::func::Host;
    interp
        .extensions()
        .get::<crate::bif::input::InputStreams>()
        .is_some_and(|s| s.active())
}

/// Seconds since the epoch by the system clock.
fn wall_clock() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// Queues an event by name if the scripts declared it.
pub(crate) fn raise(interp: &mut Interp, name: &str) {
    if let Some(Value::Func(f)) = interp.global_named(name) {
        let f = f.clone();
        interp.queue_event(f, Vec::new());
    }
}
