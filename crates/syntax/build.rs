// Compiles the workspace's grammar/zeek.lalrpop into the parser that
// src/parser.rs includes, with lalrpop's default (lane-table) LR(1)
// construction: its tables are an eighth the size of the canonical LR(1)
// ones (2.8 MB of generated code against 22 MB), which took most of a
// clean build to compile.
fn main() {
    lalrpop::Configuration::new()
        .set_in_dir("../../grammar")
        .process()
        .expect("grammar/zeek.lalrpop failed to compile");
    println!("cargo:rerun-if-changed=../../grammar");
}
