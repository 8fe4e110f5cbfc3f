// Embeds the script library (scripts/) so a lone binary works anywhere.
// (The grammar, grammar/zeek.lalrpop, is compiled by crates/syntax/build.rs.)
use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, base, out);
        } else if p.extension().is_some_and(|e| e == "zeek" || e == "sig") {
            if let Ok(rel) = p.strip_prefix(base) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let mut code = String::from("pub static LIBRARY: &[(&str, &str)] = &[\n");
    for f in &files {
        let abs = root.join(f);
        let _ = writeln!(
            code,
            "    ({f:?}, include_str!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("library.rs");
    std::fs::write(out, code).expect("write library.rs");
    println!("cargo:rerun-if-changed=scripts");
}
