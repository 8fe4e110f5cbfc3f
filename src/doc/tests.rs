//! Pages of small scripts: what goes in which section, with which type.

use super::model::{DocText, Section};
use super::{page_of_source, render_alone, Format};

const SCRIPT: &str = r#"##! A test script.
##! Second line.

module Tst;

export {
	## An option.
	option opt = 5 sec;
	## A redefinable constant.
	const knob = T &redef;
	## A constant.
	const limit = -3;
	## A table.
	global tab: table[addr] of count = table() &default=0;
	## Kinds.
	type Kind: enum {
		## The first.
		A,
		B,	##< The second.
	};
	## A record.
	type Rec: record {
		## Field x.
		x: count &log;
		y: string &optional;	##< Field y.
	};
	## A hook type.
	type H: hook(r: Rec);
	## Raised now and then.
	##
	## k: the kind.
	global happened: event(k: Kind);
	## A policy.
	global policy: H;
	## Adds.
	##
	## a: one.
	## b: two.
	##
	## Returns: the sum.
	global add2: function(a: count, b: count): count;
	global kind = A;
	global made = Rec($x=1);
	global sum = add2(1, 2);
}

## Not exported: not documented.
global hidden = 1;

redef record connection += {
	## Added.
	extra: Rec &optional;
};

redef enum Kind += { C };

redef opt = 10 sec;

function add2(a: count, b: count): count
	{
	return a + b;
	}
"#;

fn page() -> super::model::Page {
    page_of_source("t/test.zeek", SCRIPT, &["connection".to_string()]).expect("parses")
}

fn find<'a>(p: &'a super::model::Page, name: &str) -> &'a super::model::Item {
    p.items
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn sections_and_types() {
    let p = page();
    assert_eq!(p.namespaces, ["Tst"]);
    assert_eq!(p.summary, ["A test script.", "Second line."]);
    let section = |n: &str| find(&p, n).section;
    assert_eq!(section("Tst::opt"), Section::RuntimeOptions);
    assert_eq!(section("Tst::knob"), Section::RedefOptions);
    assert_eq!(section("Tst::limit"), Section::Constants);
    assert_eq!(section("Tst::tab"), Section::StateVars);
    assert_eq!(section("Tst::Kind"), Section::Types);
    assert_eq!(section("Tst::happened"), Section::Events);
    assert_eq!(section("Tst::policy"), Section::Hooks);
    assert_eq!(section("Tst::add2"), Section::Functions);
    assert_eq!(section("connection"), Section::Redefinitions);
    assert!(p.items.iter().all(|i| i.name != "Tst::hidden"));
    // A redefinition on the declaring page itself is not repeated there.
    assert!(find(&p, "Tst::opt").redefs.is_empty());
    let rst = render_alone(&p, Format::Rst);
    for want in [
        "   :Type: :zeek:type:`int`\n",
        "   :Type: :zeek:type:`interval`\n   :Default: ``5.0 secs``\n",
        ":Type: :zeek:type:`table` [:zeek:type:`addr`] of :zeek:type:`count`\n   \
         :Attributes: :zeek:attr:`&default` = ``0``\n   :Default: ``table()``\n",
        ":Type: :zeek:type:`Tst::Kind`\n",
        "   :Type: :zeek:type:`int`\n   :Default: ``-3``\n",
        ".. zeek:id:: Tst::made\n   :source-code: t/test.zeek 43 43\n\n   :Type: :zeek:type:`Tst::Rec`\n",
        ".. zeek:id:: Tst::sum\n   :source-code: t/test.zeek 44 44\n\n   :Type: :zeek:type:`count`\n",
        ":Type: :zeek:type:`hook` (r: :zeek:type:`Tst::Rec`) : :zeek:type:`bool`\n",
        "      .. zeek:enum:: Tst::B Tst::Kind\n\n         The second.\n",
        "      y: :zeek:type:`string` :zeek:attr:`&optional`\n         Field y.\n",
        "   :param a: one.\n\n   :param b: two.\n\n   :returns: the sum.\n",
        "* :zeek:enum:`Tst::C`",
        "  extra: :zeek:type:`Tst::Rec` :zeek:attr:`&optional`",
    ] {
        assert!(rst.contains(want), "missing {want:?} in\n{rst}");
    }
}

#[test]
fn function_entry_points_at_its_body() {
    let p = page();
    let f = find(&p, "Tst::add2");
    assert_eq!(f.lines, (59, 62));
    assert_eq!(f.doc.returns, Some(vec!["the sum.".to_string()]));
}

#[test]
fn summary_table_is_well_formed() {
    let rst = render_alone(&page(), Format::Rst);
    // Every table's borders match and no line outgrows them.
    let mut lines = rst.lines().peekable();
    while let Some(l) = lines.next() {
        // A border: two runs of `=` (a title's underline is one).
        if !l.starts_with("===") || !l.contains(' ') {
            continue;
        }
        let width = l.len();
        let a = l.split(' ').next().unwrap_or_default();
        for row in lines.by_ref() {
            if row == l {
                break;
            }
            assert!(row.len() <= width, "{row}");
            assert!(
                row.len() <= a.len() || row.as_bytes().get(a.len()) == Some(&b' '),
                "{row}"
            );
        }
    }
}

#[test]
fn doc_text_fields() {
    let lines: Vec<String> = [
        "Does things.",
        "",
        "x: the x,",
        "   continued.",
        "Returns: nothing",
        "",
        "More text: here.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let d = DocText::parse(&lines, &["x".to_string()]);
    assert_eq!(
        d.params,
        [(
            "x".to_string(),
            vec!["the x,".to_string(), "continued.".to_string()]
        )]
    );
    assert_eq!(d.returns, Some(vec!["nothing".to_string()]));
    assert_eq!(d.text, ["Does things.", "", "", "More text: here."]);
    assert_eq!(d.first_sentence(), "Does things.");
}

#[test]
fn odd_input_does_not_panic() {
    for src in [
        "",
        "##!",
        "## dangling\n",
        "global x",
        "type T: record { ## x\n };",
        "module ;",
    ] {
        if let Some(p) = page_of_source("odd.zeek", src, &[]) {
            for f in [Format::Rst, Format::Markdown, Format::Html] {
                let _ = render_alone(&p, f);
            }
        }
    }
}

#[test]
fn all_formats_render() {
    let p = page();
    let md = render_alone(&p, Format::Markdown);
    assert!(md.starts_with("# t/test.zeek\n"));
    assert!(
        md.contains("| `Tst::opt`: `interval` | An option. |"),
        "{md}"
    );
    let html = render_alone(&p, Format::Html);
    assert!(html.contains("<h4 id=\"Tst::add2\">"), "{html}");
}

#[test]
fn redefinitions_show_on_the_declaring_page() {
    let dir = std::env::temp_dir().join(format!("rzeek-doc-redef-{}", std::process::id()));
    let base = dir.join("base");
    let _ = std::fs::create_dir_all(&base);
    let write = |name: &str, text: &str| std::fs::write(base.join(name), text).expect("write");
    write("init-bare.zeek", "## Knob.\nconst knob = 1 &redef;\n");
    write("user.zeek", "@load base/init-bare\nredef knob = 2;\n");
    let mut set = super::DocSet::new();
    let user = set.add(&base.join("user.zeek").display().to_string());
    let bare = set.add(&base.join("init-bare.zeek").display().to_string());
    let (Ok(_), Ok(bare)) = (user, bare) else {
        panic!("scripts not found");
    };
    let page = set.page(&bare).expect("page");
    let rst = set.render(&page, Format::Rst);
    assert!(
        rst.contains(
            "   :Redefinition: from :doc:`/scripts/base/user.zeek`\n\n      ``=``::\n\n         2\n\n   Knob.\n"
        ),
        "{rst}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
