//! `sitrep export` end to end: the example dispatches ingested, then
//! exported in every format; each format holds the same events, and the
//! Parquet file reads back in an independent reader (pyarrow).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sitrep(args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn store(name: &str) -> (PathBuf, String) {
    let d = std::env::temp_dir().join(format!("sitrep-export-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let db = d.join("x.db");
    let _ = std::fs::remove_file(&db);
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let o = sitrep(&[
        "ingest",
        examples.to_str().unwrap(),
        "--published",
        "2024-03-15",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (d, db.to_str().unwrap().to_string())
}

fn export(db: &str, format: &str, extra: &[&str]) -> Output {
    let mut args = vec!["export", "--db", db, "--format", format];
    args.extend_from_slice(extra);
    let o = sitrep(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn every_format_holds_the_same_events() {
    let (dir, db) = store("all");
    let jsonl = String::from_utf8(export(&db, "jsonl", &[]).stdout).unwrap();
    let ids: Vec<String> = jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert!(v["doc_id"].is_string());
            v["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert!(ids.len() >= 3, "{ids:?}");

    let geo: serde_json::Value =
        serde_json::from_slice(&export(&db, "geojson", &[]).stdout).unwrap();
    let feats = geo["features"].as_array().unwrap();
    let geo_ids: Vec<&str> = feats.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(geo_ids, ids);
    for f in feats {
        if let Some(c) = f["geometry"]["coordinates"].as_array() {
            let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
            assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        }
    }

    let acled = export(&db, "acled-csv", &[]);
    let mut r = csv::Reader::from_reader(&acled.stdout[..]);
    assert_eq!(r.headers().unwrap().len(), 31);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let left_out = ids.len() - rows.len();
    if left_out > 0 {
        let err = String::from_utf8_lossy(&acled.stderr);
        assert!(
            err.contains(&format!("{left_out} event(s) outside ACLED's scope")),
            "{err}"
        );
    }
    for row in &rows {
        assert!(ids.iter().any(|i| i == &row[0]));
        assert!(
            ["1", "2", "3"].contains(&&row[3]),
            "time_precision {}",
            &row[3]
        );
        assert!(row[28].parse::<u32>().is_ok(), "fatalities {}", &row[28]);
    }

    // A filter selects the same events in every format.
    let some = export(&db, "jsonl", &["--type", "protest"]).stdout;
    let some_geo: serde_json::Value =
        serde_json::from_slice(&export(&db, "geojson", &["--type", "protest"]).stdout).unwrap();
    assert_eq!(
        String::from_utf8(some).unwrap().lines().count(),
        some_geo["features"].as_array().unwrap().len()
    );

    let pq = dir.join("x.parquet");
    export(&db, "parquet", &["--out", pq.to_str().unwrap()]);
    assert!(
        !dir.join("x.parquet.partial").exists(),
        "the partial file is renamed"
    );
    read_parquet_independently(&pq, &ids);
    std::fs::remove_dir_all(&dir).ok();
}

/// pyarrow reads the file: the same ids, and typed columns.
fn read_parquet_independently(path: &Path, ids: &[String]) {
    let script = r#"
import sys, json
import pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
types = {f.name: str(f.type) for f in t.schema}
print(json.dumps({"ids": t.column("event_id").to_pylist(), "types": types}))
"#;
    let o = Command::new("python3")
        .args(["-c", script, path.to_str().unwrap()])
        .output();
    let o = match o {
        Ok(o) if o.status.success() => o,
        other => {
            let why = match other {
                Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
                Err(e) => e.to_string(),
            };
            if std::env::var_os("SITREP_REQUIRE_SHARED").is_some() {
                panic!("pyarrow could not read the Parquet file: {why}");
            }
            eprintln!("SKIPPED: pyarrow is not available ({why}); `pip install pyarrow` to run this check");
            return;
        }
    };
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<&str> = v["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(got, ids);
    assert_eq!(v["types"]["date_start"], "date32[day]");
    assert_eq!(v["types"]["latitude"], "double");
    assert_eq!(v["types"]["fatalities"], "int32");
}

#[test]
fn bad_export_arguments_are_errors() {
    let (dir, db) = store("bad");
    let o = sitrep(&["export", "--db", &db, "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = sitrep(&[
        "export", "--db", &db, "--format", "jsonl", "--bbox", "1,2,3",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("four numbers"));
    let o = sitrep(&["export", "--db", "/nonexistent/x.db", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no such database"));
    std::fs::remove_dir_all(&dir).ok();
}
