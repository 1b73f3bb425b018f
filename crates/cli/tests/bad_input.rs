//! The CLI on bad input: clear errors, non-zero exits, no panics, nothing lost.

use std::path::PathBuf;
use std::process::{Command, Output};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sitrep-bad-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

#[test]
fn empty_file() {
    let d = tmp("empty");
    let f = d.join("empty.txt");
    std::fs::write(&f, "").unwrap();
    let o = sitrep(&["extract", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("empty input"), "{}", stderr(&o));
    no_panic(&o);
}

#[test]
fn binary_file() {
    let d = tmp("bin");
    let f = d.join("x.txt");
    std::fs::write(&f, [0x7f, b'E', b'L', b'F', 0, 1, 2, 3, 0, 0]).unwrap();
    let o = sitrep(&["extract", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("binary"), "{}", stderr(&o));
    no_panic(&o);
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let d = tmp("utf8");
    let f = d.join("x.txt");
    std::fs::write(
        &f,
        b"Gunmen killed five villagers in Kaduna on Monday.\xff\xfe police said.",
    )
    .unwrap();
    let o = sitrep(&["extract", f.to_str().unwrap(), "--published", "2024-05-08"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("invalid UTF-8"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["events"][0]["fatalities"], 5);
}

#[test]
fn bad_published_date() {
    let o = sitrep(&["extract", "-", "--published", "20/09/2025"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a date"), "{}", stderr(&o));
}

#[test]
fn jsonl_bad_line_is_reported_and_others_processed() {
    let d = tmp("jsonl");
    let f = d.join("feed.jsonl");
    std::fs::write(
        &f,
        "{\"id\":\"a\",\"text\":\"Militants attacked a checkpoint in Mosul, killing two soldiers.\",\"published\":\"2024-03-02\"}\n{not json\n{\"id\":\"c\",\"text\":\"Police arrested three men in Karachi on Sunday.\",\"published\":\"2024-03-04\"}\n",
    )
    .unwrap();
    let o = sitrep(&["extract", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("feed.jsonl:2"), "{}", stderr(&o));
    let ids: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["document"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, vec!["a", "c"]);
}

#[test]
fn missing_file_and_missing_db() {
    let o = sitrep(&["extract", "/nonexistent/x.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such file"));
    let o = sitrep(&["query", "--db", "/nonexistent/x.db"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such database"));
}

#[test]
fn metadata_sidecars_date_documents_and_bad_ones_are_reported() {
    let d = tmp("sidecar");
    let story = "Gunmen killed three villagers on Friday, police said.";
    std::fs::write(d.join("a.txt"), story).unwrap();
    std::fs::write(
        d.join("a.json"),
        r#"{"published": "2025-09-20", "source": "A"}"#,
    )
    .unwrap();
    std::fs::write(d.join("b.txt"), story).unwrap();
    std::fs::write(
        d.join("meta.json"),
        r#"{"id": "story-b", "published": "2024-02-29", "text_file": "b.txt"}"#,
    )
    .unwrap();
    std::fs::write(d.join("c.txt"), story).unwrap();
    std::fs::write(d.join("c.json"), r#"{"published": "last Friday"}"#).unwrap();
    std::fs::write(d.join("e.txt"), story).unwrap();
    let o = sitrep(&["extract", d.to_str().unwrap(), "--format", "jsonl"]);
    no_panic(&o);
    // c's metadata is wrong: an error for c, the others are still coded.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("c.json"), "{}", stderr(&o));
    assert!(stderr(&o).contains("`published`"), "{}", stderr(&o));
    let docs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs
        .iter()
        .map(|v| v["document"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "story-b", "e"]);
    let date = |v: &serde_json::Value| v["events"][0]["date"]["value"].clone();
    assert_eq!(docs[0]["document"]["source"], "A");
    assert_eq!(date(&docs[0]), "2025-09-19");
    assert_eq!(date(&docs[1]), "2024-02-23");
    assert!(docs[2]["document"]["published"].is_null());
    assert!(
        stderr(&o).contains("e.txt: no publication date"),
        "{}",
        stderr(&o)
    );
    // A meta.json naming a file that is not there.
    std::fs::write(d.join("meta.json"), r#"{"text_file": "gone.txt"}"#).unwrap();
    let o = sitrep(&["extract", d.join("meta.json").to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("gone.txt"), "{}", stderr(&o));
}

#[test]
fn a_document_not_in_english_is_coded_with_its_language_and_a_warning() {
    let d = tmp("language");
    let f = d.join("feed.jsonl");
    let fr = "Des hommes armés ont tué trois villageois vendredi dans la région de Mopti, dans le centre du Mali, a indiqué la police locale.";
    let en = "Gunmen killed three villagers on Friday in the Mopti region of central Mali, police said, in the latest of a string of attacks on civilians.";
    let lines = [
        serde_json::json!({"id": "fr", "text": fr, "published": "2025-09-20"}),
        serde_json::json!({"id": "en", "text": en, "published": "2025-09-20"}),
        serde_json::json!({"id": "tagged", "text": fr, "published": "2025-09-20", "language": "en"}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&f, body).unwrap();
    let o = sitrep(&["extract", f.to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let langs: Vec<&str> = docs
        .iter()
        .map(|v| v["document"]["language"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["fr", "en", "en"], "a given language is kept");
    let err = stderr(&o);
    assert!(
        err.contains("feed.jsonl:1: the text looks French (fr)"),
        "{err}"
    );
    assert_eq!(err.matches("looks").count(), 1, "{err}");
    // The English one is coded as before.
    assert_eq!(docs[1]["events"][0]["date"]["value"], "2025-09-19");
}

#[test]
fn jsonl_on_standard_input_is_coded_in_order_as_it_streams() {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "-", "--format", "jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..600 {
            let rec = serde_json::json!({
                "id": format!("r{i}"),
                "text": format!("Gunmen killed {} villagers near Maiduguri on Tuesday, police said.", i % 9 + 2),
                "published": "2024-01-10",
            });
            writeln!(stdin, "{rec}").unwrap();
            if i == 300 {
                writeln!(stdin, "{{broken").unwrap();
            }
        }
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    no_panic(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the broken line is an input error"
    );
    assert!(stderr(&o).contains("stdin:302"), "{}", stderr(&o));
    let docs: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 600);
    for (i, v) in docs.iter().enumerate() {
        assert_eq!(v["document"]["id"], format!("r{i}"));
        assert_eq!(v["events"][0]["fatalities"], i % 9 + 2);
    }
}

#[test]
fn fifty_megabytes_in_parts_with_bounded_memory() {
    let d = tmp("big");
    let f = d.join("big.txt");
    let para = "Gunmen attacked a police post near Maiduguri on Tuesday, killing three officers, officials said. Residents fled to nearby villages.\n\n";
    let text = para.repeat(50_000_000 / para.len() + 1);
    std::fs::write(&f, &text).unwrap();
    let out_path = d.join("out.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "extract",
            f.to_str().unwrap(),
            "--published",
            "2024-01-10",
            "--format",
            "jsonl",
        ])
        .stdout(std::fs::File::create(&out_path).unwrap())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("parts"));
    use std::io::BufRead;
    let mut parts = 0;
    let mut with_event = 0;
    for line in std::io::BufReader::new(std::fs::File::open(&out_path).unwrap()).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        parts += 1;
        // The repeated report is one event per part, with its casualties.
        if v["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["fatalities"] == 3)
        {
            with_event += 1;
        }
    }
    assert!(parts >= 20, "coded as {parts} parts");
    assert_eq!(with_event, parts, "every part yields the event");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn ner_eval_and_training_on_bad_files() {
    let d = tmp("ner");
    let missing = d.join("missing.conll");
    let o = sitrep(&["eval", "ner", "--data", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    no_panic(&o);
    let bad = d.join("bad.conll");
    std::fs::write(&bad, "Paris B-LOC\nis O\nnice B-NONSENSE\n").unwrap();
    let o = sitrep(&["eval", "ner", "--data", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad.conll:3: unknown tag"),
        "{}",
        stderr(&o)
    );
    no_panic(&o);
    let o = sitrep(&[
        "eval",
        "ner",
        "--data",
        bad.to_str().unwrap(),
        "--model",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a sitrep NER model"),
        "{}",
        stderr(&o)
    );
    let empty = d.join("empty.conll");
    std::fs::write(&empty, "").unwrap();
    let out = d.join("m.model");
    let o = sitrep(&[
        "train",
        "ner",
        "--data",
        empty.to_str().unwrap(),
        "--dev",
        "--out",
        out.to_str().unwrap(),
        "--no-lexicon",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no annotated sentences"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    no_panic(&o);
}

#[test]
fn muc4_and_rams_eval_on_bad_files() {
    let d = tmp("muc4");
    let eval = |format: &str, p: &std::path::Path| {
        sitrep(&[
            "eval",
            "events",
            "--format",
            format,
            "--data",
            p.to_str().unwrap(),
        ])
    };
    // Empty, not JSON, and a line without MUC-4's fields.
    let empty = d.join("empty.json");
    std::fs::write(&empty, "").unwrap();
    let o = eval("muc4", &empty);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no documents"), "{}", stderr(&o));
    let junk = d.join("junk.json");
    std::fs::write(&junk, "{\"docid\": \"a\"\n").unwrap();
    let o = eval("muc4", &junk);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("junk.json:1: not JSON"),
        "{}",
        stderr(&o)
    );
    let fields = d.join("fields.json");
    std::fs::write(&fields, "{\"docid\": \"a\", \"doctext\": \"x\"}\n").unwrap();
    let o = eval("muc4", &fields);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("fields.json:1: not a MUC-4 (GRIT) document"),
        "{}",
        stderr(&o)
    );
    // A RAMS line whose trigger points past its tokens.
    let rams = d.join("rams.jsonl");
    std::fs::write(
        &rams,
        "{\"doc_key\": \"r\", \"sentences\": [[\"Troops\", \"attacked\"]], \
         \"evt_triggers\": [[5, 5, [[\"conflict.attack.n/a\", 1.0]]]], \"gold_evt_links\": []}\n",
    )
    .unwrap();
    let o = eval("rams", &rams);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("out of range"), "{}", stderr(&o));
    no_panic(&o);
}

#[test]
fn event_eval_and_training_on_bad_files() {
    let d = tmp("events");
    let missing = d.join("missing.csv");
    let o = sitrep(&["eval", "events", "--data", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    no_panic(&o);
    // A CSV without NGEC's columns, one with an unknown category, a broken zip.
    let cols = d.join("cols.csv");
    std::fs::write(&cols, "a,b\n1,2\n").unwrap();
    let o = sitrep(&["eval", "events", "--data", cols.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no `text` column"), "{}", stderr(&o));
    let bad = d.join("bad.csv");
    std::fs::write(
        &bad,
        "text,title,prompt,label,mode\n\"Troops fired.\",T,\"T\n\n(AP) --\",SHOUT,\n",
    )
    .unwrap();
    let o = sitrep(&["eval", "events", "--data", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("record 1: unknown PLOVER category \"SHOUT\""),
        "{}",
        stderr(&o)
    );
    // The reading alone is scored for NGEC and PLOVER gold only.
    let o = sitrep(&[
        "eval",
        "events",
        "--format",
        "wikievents",
        "--reading",
        "--data",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--reading scores"), "{}", stderr(&o));
    no_panic(&o);
    let zip = d.join("broken.zip");
    std::fs::write(&zip, b"PK\x03\x04 truncated").unwrap();
    let o = sitrep(&["eval", "events", "--data", zip.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a readable zip"), "{}", stderr(&o));
    no_panic(&o);
    // PLOVER records that are not JSON; a model file that is not a model.
    let o = sitrep(&[
        "eval",
        "events",
        "--format",
        "plover-gsr",
        "--data",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a JSON array"), "{}", stderr(&o));
    let o = sitrep(&[
        "eval",
        "events",
        "--data",
        bad.to_str().unwrap(),
        "--model",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a sitrep PLOVER model"),
        "{}",
        stderr(&o)
    );
    // The PETRARCH suite: missing, not XML, or naming dictionaries that are absent.
    let o = sitrep(&[
        "eval",
        "events",
        "--format",
        "petrarch",
        "--data",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    let o = sitrep(&[
        "eval",
        "events",
        "--format",
        "petrarch",
        "--data",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no <Sentence> records"),
        "{}",
        stderr(&o)
    );
    let suite = d.join("suite.xml");
    std::fs::write(
        &suite,
        "<Validation><Environment><Verbfile>nowhere.txt</Verbfile></Environment>\
         <Sentences><Sentence date=\"19950101\" id=\"X\"><Text>A met B.</Text></Sentence></Sentences></Validation>",
    )
    .unwrap();
    let o = sitrep(&[
        "eval",
        "events",
        "--format",
        "petrarch",
        "--data",
        suite.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nowhere.txt"), "{}", stderr(&o));
    no_panic(&o);
    // Training on stories whose only category is unknown fails before writing.
    let out = d.join("p.model");
    let o = sitrep(&[
        "train",
        "events",
        "--data",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-lexicon",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    no_panic(&o);
    // A negative penalty would make the combiner diverge: refused first.
    let o = sitrep(&[
        "train",
        "events",
        "--stack-l2=-1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--stack-l2"), "{}", stderr(&o));
    assert!(!out.exists());
    no_panic(&o);
}

#[test]
fn gazetteer_import_of_a_missing_or_foreign_file() {
    let d = tmp("gazimport");
    let o = sitrep(&[
        "gazetteer",
        "import",
        d.join("missing.txt").to_str().unwrap(),
        "--out",
        d.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
    no_panic(&o);
    let csv = d.join("places.csv");
    std::fs::write(&csv, "name,lat,lon\nParis,48.85,2.35\n").unwrap();
    let o = sitrep(&[
        "gazetteer",
        "import",
        csv.to_str().unwrap(),
        "--out",
        d.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no GeoNames place rows"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("out").exists());
    no_panic(&o);
}

#[test]
fn india_police_eval_on_bad_folders() {
    let d = tmp("india_police");
    let eval = |p: &std::path::Path, split: &str| {
        sitrep(&[
            "eval",
            "events",
            "--format",
            "india-police",
            "--split",
            split,
            "--data",
            p.to_str().unwrap(),
        ])
    };
    // No sents.jsonl at all.
    let o = eval(&d, "all");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("sents.jsonl"), "{}", stderr(&o));
    // A line without the corpus's fields.
    std::fs::write(d.join("sents.jsonl"), "{\"doc_id\": 5, \"text\": \"x\"}\n").unwrap();
    let o = eval(&d, "all");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("sents.jsonl:1: not an IndiaPoliceEvents sentence"),
        "{}",
        stderr(&o)
    );
    // Valid, but nothing in the split asked for.
    std::fs::write(
        d.join("sents.jsonl"),
        "{\"doc_id\": 7, \"sent_id\": 0, \"sent_text\": \"police arrested 5 men.\", \"sent_labels\": [\"ARREST\"]}\n",
    )
    .unwrap();
    let o = eval(&d, "dev");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no sentences in this split"),
        "{}",
        stderr(&o)
    );
    no_panic(&o);
    // And that one document scores.
    let o = eval(&d, "train");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
