// Compiles grammar/zeek.lalrpop into the parser that src/syntax/parser.rs
// includes. The grammar is LR(1) but not LALR(1); lalrpop's lane-table
// construction reports spurious conflicts on it, so the canonical LR(1)
// construction is used.
fn main() {
    std::env::set_var("LALRPOP_LANE_TABLE", "disabled");
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .process()
        .expect("grammar/zeek.lalrpop failed to compile");
    println!("cargo:rerun-if-changed=grammar");
}
