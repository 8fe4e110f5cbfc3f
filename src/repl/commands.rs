//! The `:` commands.

use crate::compile::scope::IdKind;
use crate::compile::session::Outcome;
use crate::compile::Compiler;
use crate::runtime::types::Type;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    /// The type of an expression, not evaluated.
    Type(String),
    /// Load a script as `@load` does.
    Load(String),
    /// The `##` documentation of a declaration.
    Doc(String),
    /// Globals declared outside the library, or those with a prefix.
    Vars(Option<String>),
    /// Start over with a fresh session.
    Reset,
    Quit,
}

/// The commands: name, argument, what it does.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    ("help", "", "show this help"),
    (
        "type",
        "EXPR",
        "show the type of EXPR without evaluating it",
    ),
    ("load", "SCRIPT", "load a script, as @load does"),
    (
        "doc",
        "NAME",
        "show a declaration as its script's reference page does",
    ),
    (
        "vars",
        "[PREFIX]",
        "list the globals declared in this session (or all starting with PREFIX)",
    ),
    ("reset", "", "forget everything and start a fresh session"),
    ("quit", "", "leave (as does Ctrl-D)"),
];

/// Parses a line starting with `:`. A command may be shortened to any
/// prefix that names one command (`:t` for `:type`).
pub fn parse(line: &str) -> Result<Command, String> {
    let body = line
        .trim()
        .strip_prefix(':')
        .ok_or_else(|| "not a command".to_string())?;
    let (word, arg) = match body.find(char::is_whitespace) {
        Some(i) => (&body[..i], body[i..].trim()),
        None => (body, ""),
    };
    if word.is_empty() {
        return Err("missing command name; :help lists them".into());
    }
    let matches: Vec<&str> = COMMANDS
        .iter()
        .map(|c| c.0)
        .filter(|name| name.starts_with(word))
        .collect();
    let name = match matches.as_slice() {
        [one] => *one,
        _ if matches.contains(&word) => word,
        [] => return Err(format!("unknown command :{word}; :help lists the commands")),
        many => return Err(format!("ambiguous command :{word} (:{})", many.join(", :"))),
    };
    let need = |what: &str| -> Result<String, String> {
        if arg.is_empty() {
            Err(format!(":{name} needs {what}"))
        } else {
            Ok(arg.to_string())
        }
    };
    let no_arg = |c: Command| -> Result<Command, String> {
        if arg.is_empty() {
            Ok(c)
        } else {
            Err(format!(":{name} takes no argument"))
        }
    };
    match name {
        "help" => no_arg(Command::Help),
        "type" => need("an expression").map(Command::Type),
        "load" => need("a script name").map(Command::Load),
        "doc" => need("a name").map(Command::Doc),
        "vars" => Ok(Command::Vars((!arg.is_empty()).then(|| arg.to_string()))),
        "reset" => no_arg(Command::Reset),
        _ => no_arg(Command::Quit),
    }
}

pub fn help_text() -> String {
    let mut s = String::from(
        "Type Zeek declarations, statements or expressions. Declarations persist,\n\
         statements run at once, and an expression shows its value and type.\n\
         Unclosed brackets or an unfinished statement continue on the next line;\n\
         an empty line there ends the input. Ctrl-C cancels the input, Ctrl-D leaves.\n\n",
    );
    for (name, arg, what) in COMMANDS {
        let head = if arg.is_empty() {
            format!(":{name}")
        } else {
            format!(":{name} {arg}")
        };
        s.push_str(&format!("  {head:<16} {what}\n"));
    }
    s.push_str("\nCommands may be shortened: :t 3 sec\n");
    s
}

/// Whether the session goes on after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Continue,
    Quit,
}

/// Runs a command; `name` names the input in messages.
pub fn run(cmd: Command, c: &mut Compiler, name: &str) -> Control {
    match cmd {
        Command::Help => print!("{}", help_text()),
        Command::Type(expr) => {
            if let Some(t) = c.type_of_input(name, &expr) {
                println!("{t}");
            }
        }
        Command::Load(script) => {
            if c.load_in_session(&script) == Outcome::Done {
                println!("loaded {script}");
            }
        }
        Command::Doc(n) => print!("{}", doc(c, &n)),
        Command::Vars(prefix) => print!("{}", vars(c, prefix.as_deref())),
        Command::Reset => {
            let style = c.interp.output.style;
            *c = Compiler::new_session(style);
            println!("session reset");
        }
        Command::Quit => return Control::Quit,
    }
    Control::Continue
}

fn kind_word(k: IdKind) -> &'static str {
    match k {
        IdKind::Var => "global",
        IdKind::Const => "const",
        IdKind::Option => "option",
        IdKind::Type => "type",
        IdKind::Func => "function",
        IdKind::Event => "event",
        IdKind::Hook => "hook",
        IdKind::EnumConst => "enum value",
    }
}

/// `:doc NAME`: the declaration and its `##` comments; for a record type,
/// its fields too.
pub fn doc(c: &mut Compiler, name: &str) -> String {
    let Some(id) = c.lookup_global(name) else {
        return format!("unknown identifier {name}\n");
    };
    let info = c.globals.info(id).clone();
    // A declaration in a script: its entry as the script's reference page
    // shows it. Built-ins and the like have no script to document from.
    if info.span != Default::default() {
        if let Some(file) = c.interp.output.sources.get(info.span.file) {
            let names: Vec<String> = c.globals.names().cloned().collect();
            if let Some(entry) = crate::doc::describe(&info.name, &file.name, &file.text, &names) {
                return entry;
            }
        }
    }
    let mut out = String::new();
    let shown = match (&*info.ty, info.kind) {
        (_, IdKind::Type) => format!("type {}", info.name),
        (_, kind) => format!("{} {}: {}", kind_word(kind), info.name, info.ty),
    };
    out.push_str(&shown);
    out.push('\n');
    if let Some(loc) = c
        .interp
        .output
        .sources
        .location(info.span)
        .filter(|_| info.span != Default::default())
    {
        out.push_str(&format!("  declared in {loc}\n"));
    } else if crate::bif::find(&info.name).is_some() {
        out.push_str("  built-in function\n");
    }
    if info.doc.is_empty() {
        out.push_str("  (no documentation)\n");
    } else {
        out.push('\n');
        for line in &info.doc {
            out.push_str(&format!("  {line}\n"));
        }
    }
    match &*info.ty {
        Type::Record(r) if info.kind == IdKind::Type => {
            out.push_str("\n  fields:\n");
            for f in r.fields.borrow().iter() {
                let opt = if f.optional { " &optional" } else { "" };
                out.push_str(&format!("    {}: {}{}\n", f.name, f.ty, opt));
            }
        }
        Type::Enum(e) if info.kind == IdKind::Type => {
            let names: Vec<String> = e.consts.borrow().iter().map(|k| k.name.clone()).collect();
            out.push_str(&format!("\n  values: {}\n", names.join(", ")));
        }
        _ => {}
    }
    out
}

fn from_library(c: &Compiler, id: u32) -> bool {
    let info = c.globals.info(id);
    info.span == Default::default()
        || c.interp
            .output
            .sources
            .get(info.span.file)
            .is_some_and(|f| f.name.starts_with("<rzeek>/"))
}

/// `:vars`: one line per global with its type, and the value of variables.
pub fn vars(c: &Compiler, prefix: Option<&str>) -> String {
    let mut rows: Vec<(String, String)> = Vec::new();
    for (i, info) in c.globals.infos.iter().enumerate() {
        let id = i as u32;
        if !c.is_live_global(id) || info.kind == IdKind::EnumConst {
            continue;
        }
        match prefix {
            Some(p) if !info.name.starts_with(p) => continue,
            None if from_library(c, id) => continue,
            _ => {}
        }
        let head = format!("{} {}", kind_word(info.kind), info.name);
        let detail = match info.kind {
            IdKind::Var | IdKind::Const | IdKind::Option => {
                let v = &c.interp.globals.values[i];
                let text = if v.is_unset() {
                    "<not set>".to_string()
                } else {
                    String::from_utf8_lossy(&crate::runtime::format::print_line(
                        std::slice::from_ref(v),
                    ))
                    .into_owned()
                };
                format!(": {} = {}", info.ty, abbreviate(&text, 60))
            }
            IdKind::Type => String::new(),
            _ => format!(": {}", info.ty),
        };
        rows.push((info.name.clone(), format!("{head}{detail}")));
    }
    if rows.is_empty() {
        return match prefix {
            Some(p) => format!("no globals start with {p}\n"),
            None => "nothing declared yet (:vars PREFIX lists the library's globals)\n".to_string(),
        };
    }
    rows.sort_by_key(|(n, _)| n.to_lowercase());
    let mut out = String::new();
    for (_, line) in rows {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn abbreviate(s: &str, max: usize) -> String {
    let one_line = s.replace('\n', " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{cut}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Style;

    #[test]
    fn parses_commands() {
        assert_eq!(parse(":help"), Ok(Command::Help));
        assert_eq!(parse("  :quit  "), Ok(Command::Quit));
        assert_eq!(parse(":q"), Ok(Command::Quit));
        assert_eq!(parse(":type 3 sec"), Ok(Command::Type("3 sec".into())));
        assert_eq!(parse(":t  1 + 2 "), Ok(Command::Type("1 + 2".into())));
        assert_eq!(
            parse(":load base/protocols/conn"),
            Ok(Command::Load("base/protocols/conn".into()))
        );
        assert_eq!(
            parse(":doc Conn::RemovalHook"),
            Ok(Command::Doc("Conn::RemovalHook".into()))
        );
        assert_eq!(parse(":vars"), Ok(Command::Vars(None)));
        assert_eq!(
            parse(":vars Conn::"),
            Ok(Command::Vars(Some("Conn::".into())))
        );
        assert_eq!(parse(":reset"), Ok(Command::Reset));
        assert_eq!(parse(":r"), Ok(Command::Reset));
    }

    #[test]
    fn rejects_bad_commands() {
        assert!(parse(":frobnicate")
            .unwrap_err()
            .contains("unknown command"));
        assert!(parse(":").unwrap_err().contains("missing"));
        assert!(parse(":type").unwrap_err().contains("needs an expression"));
        assert!(parse(":doc   ").unwrap_err().contains("needs a name"));
        assert!(parse(":quit now")
            .unwrap_err()
            .contains("takes no argument"));
        assert!(parse("print 1").is_err());
    }

    #[test]
    fn help_lists_every_command() {
        let h = help_text();
        for (name, _, _) in COMMANDS {
            assert!(h.contains(&format!(":{name}")), "{name}");
        }
    }

    #[test]
    fn doc_and_vars() {
        let mut c = Compiler::new_session(Style::Zeek);
        c.eval_input("<1>", "## How many.\n## Really.\nglobal n: count = 3;");
        c.eval_input("<2>", "type P: record { a: count; b: string &optional; };");
        let d = doc(&mut c, "n");
        assert!(
            d.starts_with(".. zeek:id:: n\n   :source-code: <1> 3 3\n"),
            "{d}"
        );
        assert!(d.contains(":Type: :zeek:type:`count`\n"), "{d}");
        assert!(d.contains("   How many.\n   Really.\n"), "{d}");
        let d = doc(&mut c, "P");
        assert!(
            d.contains("      b: :zeek:type:`string` :zeek:attr:`&optional`"),
            "{d}"
        );
        c.load_in_session("base/protocols/conn/removal-hooks");
        let d = doc(&mut c, "Conn::register_removal_hook");
        assert!(
            d.contains(":source-code: base/protocols/conn/removal-hooks.zeek"),
            "{d}"
        );
        assert!(d.contains(":param hk:"), "{d}");
        // A built-in has no script: the short form.
        assert!(doc(&mut c, "fmt").contains("built-in function"));
        assert!(doc(&mut c, "nope").contains("unknown identifier"));
        let v = vars(&c, None);
        assert_eq!(v, "global n: count = 3\ntype P\n");
        assert!(vars(&c, Some("zeek_")).contains("event zeek_init: event()"));
    }
}
