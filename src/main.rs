//! The `rzeek` command: zeek's command line, for an interpreter.

use clap::Parser;
use rzeek::diag::Style;
use rzeek::driver::{self, Options};
use std::io::IsTerminal;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "rzeek",
    about = "An interpreter for the Zeek script language",
    disable_version_flag = true
)]
struct Cli {
    /// Don't load the default scripts (bare mode): only base/init-bare,
    /// no base/init-default and no conn.log.
    #[arg(short = 'b', long = "bare-mode", overrides_with = "bare")]
    bare: bool,

    /// Run CODE as an additional script.
    #[arg(short = 'e', long = "exec", value_name = "CODE")]
    exec: Vec<String>,

    /// Read packets from a pcap file ("-" for standard input).
    #[arg(short = 'r', long = "readfile", value_name = "PCAP")]
    readfile: Option<String>,

    /// Ignore bad checksums.
    #[arg(short = 'C', long = "no-checksums")]
    no_checksums: bool,

    /// Parse every named script and what it loads, then exit without
    /// running anything.
    #[arg(short = 'a', long = "parse-only")]
    parse_only: bool,

    /// Parse each named file alone, without following @load and taking the
    /// first branch of every conditional directive; exit 1 if any fails.
    #[arg(long = "syntax-only")]
    syntax_only: bool,

    /// How to print diagnostics: zeek's one-line form or an annotated
    /// excerpt (default: annotated on a terminal).
    #[arg(long = "diagnostics", value_parser = style_parser())]
    diagnostics: Option<Style>,

    /// Open an interactive session after the scripts (and the trace) have
    /// run; without scripts on a terminal this is the default.
    #[arg(short = 'i', long = "interactive")]
    interactive: bool,

    /// Print the reference page of SCRIPT (Zeekygen style) and exit.
    #[arg(long = "doc", value_name = "SCRIPT", conflicts_with = "doc_dir")]
    doc: Option<String>,

    /// Write a reference page for each named script and each script it
    /// loads into DIR (as DIR/scripts/PATH.EXT), then exit.
    #[arg(long = "doc-dir", value_name = "DIR")]
    doc_dir: Option<std::path::PathBuf>,

    /// The format of --doc and --doc-dir pages.
    #[arg(long = "doc-format", value_enum, default_value = "rst")]
    doc_format: rzeek::doc::Format,

    /// Stop the scripts with an error (exit status 124) once they have run
    /// this long (wall-clock time; not the interactive session).
    #[arg(long = "max-time", value_name = "SECONDS", value_parser = parse_seconds)]
    max_time: Option<std::time::Duration>,

    /// Zeek's script-optimizer options (`-O ZAM` and the like): accepted
    /// for compatibility with Zeek's command lines; rzeek runs every
    /// script the same way, so they change nothing.
    #[arg(short = 'O', long = "optimize", value_name = "OPT")]
    optimize: Vec<String>,

    /// Warn about locals used without a value and values assigned but
    /// never used, in every function, hook and event handler loaded
    /// (given twice: only the latter). The environment variable
    /// ZEEK_USAGE_ISSUES asks for it too.
    #[arg(short = 'u', long = "usage-issues", action = clap::ArgAction::Count)]
    usage_issues: u8,

    /// Print the version and exit.
    #[arg(short = 'v', long = "version")]
    version: bool,

    /// Print the table of built-in functions and exit: name, signature
    /// and, for those rzeek gives a fixed answer, that answer.
    #[arg(long = "list-bifs")]
    list_bifs: bool,

    /// Scripts to load ("-" reads standard input), and name=value redefs.
    #[arg(value_name = "SCRIPT|NAME=VALUE")]
    args: Vec<String>,
}

/// Writes to standard output; a reader that went away (`| head`) is not
/// an error worth more than stopping.
fn write_stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// A positive number of seconds, fractions allowed.
fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    let secs: f64 = s.parse().map_err(|e| format!("{e}"))?;
    if secs.is_nan() || secs <= 0.0 {
        return Err("must be a positive number of seconds".into());
    }
    std::time::Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
}

/// `--doc` / `--doc-dir`: pages on standard output or in a directory;
/// warnings (a `@load` not found) go to standard error.
fn document(cli: &Cli) -> ExitCode {
    let result = match (&cli.doc, &cli.doc_dir) {
        (Some(script), _) => rzeek::doc::doc_one(script, cli.doc_format).map(|(page, warnings)| {
            write_stdout(&page);
            warnings
        }),
        (None, Some(_)) if cli.args.is_empty() => Err("--doc-dir needs scripts to document".into()),
        (None, Some(dir)) => rzeek::doc::doc_dir(dir, &cli.args, cli.doc_format).map(|(_, w)| w),
        (None, None) => Ok(Vec::new()),
    };
    match result {
        Ok(warnings) => {
            for w in warnings {
                eprintln!("warning: {w}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Deeply nested scripts and deep (bounded) recursion need more stack than
/// the main thread's default, so the work runs on a thread with a large one.
const STACK_SIZE: usize = 1 << 30;

/// `--diagnostics zeek|pretty`, listing the choices in `--help`.
fn style_parser() -> impl clap::builder::TypedValueParser<Value = Style> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Style::NAMES.map(|(name, _)| name)).map(|s| {
        Style::NAMES
            .iter()
            .find(|(name, _)| *name == s)
            .map_or(Style::Zeek, |(_, style)| *style)
    })
}

fn main() -> ExitCode {
    let worker = std::thread::Builder::new()
        .name("rzeek".into())
        .stack_size(STACK_SIZE)
        .spawn(real_main);
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => ExitCode::from(70),
    }
}

fn real_main() -> ExitCode {
    let cli = Cli::parse();
    if cli.version {
        write_stdout(&format!(
            "rzeek version {} (implements Zeek {})\n",
            env!("CARGO_PKG_VERSION"),
            rzeek::bif::ZEEK_COMPATIBLE_VERSION
        ));
        return ExitCode::SUCCESS;
    }
    if cli.list_bifs {
        let mut text = String::new();
        for line in rzeek::bif::listing() {
            text.push_str(&line);
            text.push('\n');
        }
        write_stdout(&text);
        return ExitCode::SUCCESS;
    }
    let style = cli.diagnostics.unwrap_or_else(Style::auto);
    if cli.doc.is_some() || cli.doc_dir.is_some() {
        return document(&cli);
    }
    if cli.syntax_only {
        return if driver::syntax_check(&cli.args, style) {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    let (mut scripts, assignments): (Vec<String>, Vec<String>) = cli
        .args
        .into_iter()
        .partition(|a| !driver::is_assignment(a));
    // No script: a REPL on a terminal, else standard input is the script.
    let nothing_given = scripts.is_empty() && cli.exec.is_empty() && cli.readfile.is_none();
    let interactive =
        cli.interactive || (nothing_given && !cli.parse_only && std::io::stdin().is_terminal());
    if nothing_given && !interactive {
        scripts.push("-".to_string());
    }
    let opts = Options {
        bare: cli.bare,
        exec: cli.exec,
        readfile: cli.readfile,
        no_checksums: cli.no_checksums,
        parse_only: cli.parse_only,
        scripts,
        assignments,
        style,
        interactive,
        max_time: cli.max_time,
        // As in Zeek, the environment variable asks for the analysis at
        // its first level whatever the command line says.
        usage: if std::env::var_os("ZEEK_USAGE_ISSUES").is_some() {
            1
        } else {
            cli.usage_issues
        },
    };
    // Logs end with the run, however it ended: the interpreter that
    // holds them is gone when `run` returns.
    let code = driver::run(opts);
    ExitCode::from(code as u8)
}
