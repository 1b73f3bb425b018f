//! The commands on a PostgreSQL store (issue 31) give what they give on
//! SQLite: the same documents ingested into each answer `query`, `export`
//! and `serve` with the same bytes.
//!
//! Skips with a message where no PostgreSQL answers, and fails there when
//! `SITREP_REQUIRE_SERVICES` is set (as `.ci/run` does).

use sitrep_store::testkit::{Backend, TestDb};
use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn sitrep(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "sitrep {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A GET on the server, its body.
fn get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).expect("the server answers");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut r = String::new();
    s.read_to_string(&mut r).unwrap();
    assert!(r.starts_with("HTTP/1.1 200"), "{path}: {r}");
    r.split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default()
}

/// An output without its storage times: the `timestamp` column of a CSV,
/// `timestamp` and `ingested_at` members of JSON.
fn without_times(out: &str) -> String {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("timestamp");
                m.remove("ingested_at");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(out) {
        strip(&mut v);
        return v.to_string();
    }
    if out.starts_with('{') {
        return out
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).expect("JSON Lines");
                strip(&mut v);
                v.to_string() + "\n"
            })
            .collect();
    }
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header = r.headers().unwrap().clone();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| &header[i] != "timestamp")
        .collect();
    let mut rows = vec![keep
        .iter()
        .map(|&i| header[i].to_string())
        .collect::<Vec<_>>()];
    for rec in r.records() {
        let rec = rec.unwrap();
        rows.push(keep.iter().map(|&i| rec[i].to_string()).collect());
    }
    format!("{rows:?}")
}

#[test]
fn every_command_reads_postgres_as_it_reads_sqlite() {
    let Some(pg) = TestDb::new(Backend::Postgres, "commands") else {
        return;
    };
    let lite = TestDb::new(Backend::Sqlite, "commands").unwrap();
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    for db in [&pg.url, &lite.url] {
        sitrep(&["ingest", examples, "--db", db]);
        // Idempotent on both.
        sitrep(&["ingest", examples, "--db", db]);
    }
    for args in [
        &["query", "--format", "csv"][..],
        &["query", "--events", "--format", "jsonl"],
        &["query", "--country", "so", "--format", "csv"],
        &["export", "--format", "acled-csv"],
        &["export", "--format", "geojson"],
    ] {
        let on = |db: &str| {
            let mut a = args.to_vec();
            a.extend(["--db", db]);
            sitrep(&a)
        };
        let (p, l) = (on(&pg.url), on(&lite.url));
        assert!(l.len() > 200, "{args:?} selects something");
        // When each store took the documents differs, nothing else.
        assert_eq!(without_times(&p), without_times(&l), "{args:?}");
    }

    // The server on PostgreSQL.
    let mut server = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--db", &pg.url, "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(server.stderr.take().unwrap());
    let mut addr = String::new();
    let mut line = String::new();
    while std::io::BufRead::read_line(&mut err, &mut line).unwrap() > 0 {
        if let Some(rest) = line.split("http://").nth(1) {
            addr = rest.split('/').next().unwrap().to_string();
            break;
        }
        line.clear();
    }
    assert!(!addr.is_empty(), "the server says where it listens");
    let health: serde_json::Value = serde_json::from_str(&get(&addr, "/healthz")).unwrap();
    let (docs, events) = (
        health["documents"].as_u64().unwrap(),
        health["events"].as_u64().unwrap(),
    );
    assert!(docs > 0 && events > 0, "{health}");
    let page: serde_json::Value =
        serde_json::from_str(&get(&addr, "/api/events?limit=1000")).unwrap();
    assert_eq!(page["total"].as_u64(), Some(events));
    // SIGTERM: it stops cleanly.
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    let status = server.wait().unwrap();
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    assert!(status.success(), "{rest}");
}
