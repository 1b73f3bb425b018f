//! What the server tests share: a store coded from real news in
//! `../shared` (the first Times of India articles of IndiaPoliceEvents,
//! dated by their metadata), and a server on a free loopback port.

#![allow(dead_code)]

use serde_json::Value;
use sitrep_serve::AppState;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `../shared`, or `None` (with a SKIPPED line) when it is absent outside CI.
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("data/events/india_police_events/docs.jsonl")
        .exists()
    {
        return Some(p);
    }
    if std::env::var_os("SITREP_REQUIRE_SHARED").is_some() {
        panic!("{} is missing", p.display());
    }
    eprintln!("SKIPPED: {} is missing", p.display());
    None
}

/// A fresh folder under the system's temp dir.
pub fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sitrep-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The first `n` IndiaPoliceEvents articles as sitrep JSON Lines records.
pub fn news(shared: &Path, n: usize) -> Vec<Value> {
    let dir = shared.join("data/events/india_police_events");
    let meta: std::collections::HashMap<i64, Value> =
        std::fs::read_to_string(dir.join("metadata.jsonl"))
            .unwrap()
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (v["doc_id"].as_i64().unwrap(), v)
            })
            .collect();
    std::fs::read_to_string(dir.join("docs.jsonl"))
        .unwrap()
        .lines()
        .take(n)
        .map(|l| {
            let d: Value = serde_json::from_str(l).unwrap();
            let id = d["doc_id"].as_i64().unwrap();
            serde_json::json!({
                "id": format!("ipe-{id}"),
                "text": d["doc_text"],
                "published": meta[&id]["date"],
                "source": "Times of India",
                "url": meta[&id]["url"],
            })
        })
        .collect()
}

/// A store holding the first `n` articles, coded.
pub fn store(shared: &Path, dir: &Path, n: usize) -> String {
    let db = dir.join("news.db").to_str().unwrap().to_string();
    let pipeline = sitrep_pipeline::Pipeline::new().unwrap();
    let mut store = sitrep_store::Store::open(&db).unwrap();
    let opts = sitrep_text::ReadOptions {
        format: Some(sitrep_text::DocFormat::Jsonl),
        ..Default::default()
    };
    let lines: String = news(shared, n)
        .iter()
        .map(|v| v.to_string() + "\n")
        .collect();
    sitrep_text::input::read_jsonl(
        "news",
        lines,
        &opts,
        |d, w| {
            store.ingest(&pipeline.run(&d, w)).unwrap();
        },
        |e| panic!("{e}"),
    );
    db
}

/// Serves `db` on a free loopback port from a background thread; returns
/// the base URL and the state.
pub fn serve(db: &str, token: Option<&str>, max_body: usize) -> (String, Arc<AppState>) {
    let state = AppState::open(db, token.map(str::to_string)).unwrap();
    let app = sitrep_serve::api::router(state.clone(), max_body);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(l.local_addr().unwrap()).unwrap();
            axum::serve(l, app).await.unwrap();
        });
    });
    let addr = rx.recv().unwrap();
    (format!("http://{addr}"), state)
}

/// A minimal HTTP/1.1 client over a fresh connection: (status, headers, body).
pub fn http(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut s = std::net::TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req += &format!("{k}: {v}\r\n");
    }
    if !body.is_empty() || method == "POST" {
        req += &format!("Content-Length: {}\r\n", body.len());
    }
    req += "\r\n";
    s.write_all(req.as_bytes()).unwrap();
    let _ = s.write_all(body);
    // Read the head, then the body by its length (a server may keep the
    // connection open despite `Connection: close`), else to the end.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 65536];
    let split = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let n = s.read(&mut chunk).unwrap();
        assert!(n > 0, "connection closed before the response head");
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let length = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse::<usize>().ok())
            .flatten()
    });
    match length {
        Some(n) => {
            while buf.len() < split + n {
                let k = s.read(&mut chunk).unwrap();
                if k == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..k]);
            }
        }
        None => {
            let _ = s.read_to_end(&mut buf);
        }
    }
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = buf[split..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, head, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let n =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 2 + n + 2..];
    }
    out
}

pub fn get_json(url: &str) -> (u16, Value) {
    let (status, _, body) = http("GET", url, &[], b"");
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}
