//! The intelligence framework end to end: indicators read from a file
//! (through the Input framework) and inserted by the script, sightings
//! checked against them, the match event, the hooks and intel.log.

mod common;
use common::{run, scratch, OutputText};

const SCRIPT: &str = r#"
@load base/frameworks/intel

redef Intel::read_files += { "intel.dat" };
redef exit_only_after_terminate = T;

event Intel::match(s: Intel::Seen, items: set[Intel::Item])
	{
	local srcs: vector of string = vector();
	for ( it in items )
		srcs += fmt("%s/%s/%s", it$indicator, it$indicator_type, it$meta$source);
	print "match", s$indicator, s$indicator_type, s$where, sort(srcs, strcmp);
	}

hook Intel::indicator_inserted(v: string, t: Intel::Type)
	{ print "inserted", v, t; }

hook Intel::indicator_removed(v: string, t: Intel::Type)
	{ print "removed", v, t; }

hook Intel::filter_item(item: Intel::Item)
	{
	if ( item$meta$source == "ignored" )
		break;
	}

event Input::end_of_data(name: string, source: string)
	{
	print "end_of_data", name, source;
	Intel::insert([$indicator="10.0.0.0/8", $indicator_type=Intel::SUBNET, $meta=[$source="manual"]]);
	Intel::insert([$indicator="Example.COM", $indicator_type=Intel::DOMAIN, $meta=[$source="manual", $desc="again"]]);
	Intel::insert([$indicator="skip.me", $indicator_type=Intel::DOMAIN, $meta=[$source="ignored"]]);

	Intel::seen([$host=10.1.2.3, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$host=192.168.1.1, $where=Intel::IN_ANYWHERE, $uid="CXWv6p3arKYeMETxOg"]);
	Intel::seen([$indicator="www.EXAMPLE.com", $indicator_type=Intel::DOMAIN, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="example.com", $indicator_type=Intel::DOMAIN, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="skip.me", $indicator_type=Intel::DOMAIN, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="d41d8cd98f00b204e9800998ecf8427e", $indicator_type=Intel::FILE_HASH, $where=Intel::IN_ANYWHERE]);

	Intel::remove([$indicator="example.com", $indicator_type=Intel::DOMAIN, $meta=[$source="feed1"]]);
	Intel::remove([$indicator="10.0.0.0/8", $indicator_type=Intel::SUBNET, $meta=[$source="x"]], T);
	Intel::remove([$indicator="nothere", $indicator_type=Intel::URL, $meta=[$source="x"]]);
	Intel::seen([$indicator="example.com", $indicator_type=Intel::DOMAIN, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$host=10.1.2.3, $where=Intel::IN_ANYWHERE]);
	terminate();
	}
"#;

#[test]
fn indicators_from_a_file_and_the_script_match_sightings() {
    let dir = scratch("intel-match");
    std::fs::write(
        dir.join("intel.dat"),
        "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url\n\
         192.168.1.1\tIntel::ADDR\tfeed1\tbad host\t-\n\
         example.com\tIntel::DOMAIN\tfeed1\t-\thttp://feed1/x\n\
         d41d8cd98f00b204e9800998ecf8427e\tIntel::FILE_HASH\tfeed2\tempty file\t-\n",
    )
    .unwrap();
    let out = run(&dir, SCRIPT);
    let hash = "d41d8cd98f00b204e9800998ecf8427e";
    assert_eq!(
        out.stdout_str(),
        format!(
            "inserted, 192.168.1.1, Intel::ADDR\n\
             inserted, example.com, Intel::DOMAIN\n\
             inserted, {hash}, Intel::FILE_HASH\n\
             end_of_data, intel-intel.dat, intel.dat\n\
             inserted, 10.0.0.0/8, Intel::SUBNET\n\
             match, 10.1.2.3, Intel::ADDR, Intel::IN_ANYWHERE, [10.0.0.0/8/Intel::SUBNET/manual]\n\
             match, 192.168.1.1, Intel::ADDR, Intel::IN_ANYWHERE, [192.168.1.1/Intel::ADDR/feed1]\n\
             match, example.com, Intel::DOMAIN, Intel::IN_ANYWHERE, \
             [example.com/Intel::DOMAIN/feed1, example.com/Intel::DOMAIN/manual]\n\
             match, {hash}, Intel::FILE_HASH, Intel::IN_ANYWHERE, [{hash}/Intel::FILE_HASH/feed2]\n\
             removed, 10.0.0.0/8, Intel::SUBNET\n\
             match, example.com, Intel::DOMAIN, Intel::IN_ANYWHERE, [example.com/Intel::DOMAIN/manual]\n"
        )
    );
    let stderr = out.stderr_str();
    assert!(
        stderr.contains("Tried to remove non-existing item 'nothere' (Intel::URL).\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("received termination signal\n"),
        "{stderr}"
    );

    let log = std::fs::read_to_string(dir.join("intel.log")).unwrap();
    let header: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("#f") || l.starts_with("#t"))
        .collect();
    assert_eq!(
        header,
        [
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tseen.indicator\t\
             seen.indicator_type\tseen.where\tseen.node\tmatched\tsources\tfuid\tfile_mime_type\tfile_desc",
            "#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tenum\tenum\tstring\tset[enum]\t\
             set[string]\tstring\tstring\tstring",
        ]
    );
    // Everything but the time stamp; a set's order is the writer's.
    let rows: Vec<String> = log
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut cols: Vec<String> = l.split('\t').skip(1).map(str::to_string).collect();
            let mut srcs: Vec<&str> = cols[11].split(',').collect();
            srcs.sort();
            cols[11] = srcs.join(",");
            cols.join("\t")
        })
        .collect();
    let unset = "-\t-\t-\t-";
    assert_eq!(
        rows,
        [
            format!("-\t{unset}\t10.1.2.3\tIntel::ADDR\tIntel::IN_ANYWHERE\tzeek\tIntel::SUBNET\tmanual\t-\t-\t-"),
            format!("CXWv6p3arKYeMETxOg\t{unset}\t192.168.1.1\tIntel::ADDR\tIntel::IN_ANYWHERE\tzeek\tIntel::ADDR\tfeed1\t-\t-\t-"),
            format!("-\t{unset}\texample.com\tIntel::DOMAIN\tIntel::IN_ANYWHERE\tzeek\tIntel::DOMAIN\tfeed1,manual\t-\t-\t-"),
            format!("-\t{unset}\t{hash}\tIntel::FILE_HASH\tIntel::IN_ANYWHERE\tzeek\tIntel::FILE_HASH\tfeed2\t-\t-\t-"),
            format!("-\t{unset}\texample.com\tIntel::DOMAIN\tIntel::IN_ANYWHERE\tzeek\tIntel::DOMAIN\tmanual\t-\t-\t-"),
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
