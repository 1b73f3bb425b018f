//! The HTTP API over a real connection: reading, paging, the record with
//! its evidence, exports, writes with and without the token, and hostile
//! requests (bad parameters, SQL in values, path traversal, huge bodies),
//! which get JSON errors with their status and change nothing.

mod common;

use common::{get_json, http};
use serde_json::{json, Value};

const TOKEN: &str = "test-token-0123456789";

fn setup(name: &str, token: Option<&str>) -> Option<(String, String, std::path::PathBuf)> {
    let shared = common::shared()?;
    let dir = common::tmpdir(name);
    let db = common::store(&shared, &dir, 40);
    let (base, _) = common::serve(&db, token, 1 << 20);
    Some((base, db, dir))
}

fn counts(db: &str) -> (usize, usize) {
    sitrep_store::Store::open(db).unwrap().counts().unwrap()
}

#[test]
fn reading_paging_and_the_record() {
    let Some((base, db, dir)) = setup("read", None) else {
        return;
    };
    let (_, all) = counts(&db);
    // Pages of 7 cover every event once, in order.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{base}/api/events?limit=7&cursor={c}"),
            None => format!("{base}/api/events?limit=7"),
        };
        let (status, page) = get_json(&url);
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["total"], json!(all));
        for e in page["events"].as_array().unwrap() {
            seen.push(e["id"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (all, all));

    // One record: its evidence sentences are the document's text, cut at
    // the spans that filled its fields.
    let id = &seen[seen.len() / 2];
    let enc = id.replace('#', "%23");
    let (status, rec) = get_json(&format!("{base}/api/events/{enc}"));
    assert_eq!(status, 200, "{rec}");
    assert_eq!(rec["event"]["id"], json!(id));
    let (status, doc) = get_json(&format!(
        "{base}/api/documents/{}",
        rec["event"]["doc_id"].as_str().unwrap()
    ));
    assert_eq!(status, 200);
    let text = doc["text"].as_str().unwrap();
    for s in rec["evidence"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let joined: String = s["segments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["text"].as_str().unwrap())
            .collect();
        assert_eq!(joined, text[a..b]);
    }
    assert!(rec["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["segments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["fields"].as_array().is_some_and(|f| !f.is_empty()))));

    // Stats agree with the listing; a filter narrows both.
    let (_, st) = get_json(&format!("{base}/api/stats"));
    assert_eq!(st["total"], json!(all));
    let (_, st2) = get_json(&format!("{base}/api/stats?type=attack"));
    let (_, p2) = get_json(&format!("{base}/api/events?type=attack&limit=1000"));
    assert_eq!(st2["total"], p2["total"]);
    assert!(st2["total"].as_u64().unwrap() < all as u64);

    // Every export format, streamed.
    for (fmt, ctype) in [
        ("geojson", "application/geo+json"),
        ("acled-csv", "text/csv"),
        ("jsonl", "application/x-ndjson"),
        ("parquet", "application/vnd.apache.parquet"),
    ] {
        let (status, head, body) = http(
            "GET",
            &format!("{base}/api/export?format={fmt}&type=attack"),
            &[],
            b"",
        );
        assert_eq!(status, 200, "{fmt}");
        assert!(head.to_ascii_lowercase().contains(ctype), "{head}");
        match fmt {
            "geojson" => {
                let g: Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(json!(g["features"].as_array().unwrap().len()), p2["total"]);
            }
            "jsonl" => assert_eq!(
                json!(String::from_utf8(body).unwrap().lines().count()),
                p2["total"]
            ),
            "parquet" => assert_eq!(&body[..4], b"PAR1"),
            _ => assert!(body.starts_with(b"event_id_cnty,event_date,year")),
        }
    }

    // The service describes itself.
    let (status, spec) = get_json(&format!("{base}/openapi.json"));
    assert_eq!(status, 200);
    assert!(spec["paths"]["/api/events"]["get"].is_object());
    let (status, h) = get_json(&format!("{base}/healthz"));
    assert_eq!(
        (status, h["status"].as_str(), h["writable"].as_bool()),
        (200, Some("ok"), Some(false))
    );
    let (status, _, m) = http("GET", &format!("{base}/metrics"), &[], b"");
    let m = String::from_utf8(m).unwrap();
    assert_eq!(status, 200);
    assert!(
        m.contains("sitrep_http_requests_total{route=\"/api/events\",status=\"2xx\"}"),
        "{m}"
    );
    assert!(m.contains(&format!("sitrep_store_events {all}")));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn hostile_requests_get_json_errors_and_change_nothing() {
    let Some((base, db, dir)) = setup("hostile", Some(TOKEN)) else {
        return;
    };
    let before = counts(&db);
    let cases: &[(&str, u16, Option<&str>)] = &[
        ("/api/events?type=x%27%20OR%201%3D1%20--", 400, Some("type")),
        (
            "/api/events?country=SY%27%3B%20DROP%20TABLE%20events%3B--",
            400,
            Some("country"),
        ),
        ("/api/events?from=2025-13-45", 400, Some("from")),
        ("/api/events?from=2025-09-01%27", 400, Some("from")),
        ("/api/events?to=yesterday", 400, Some("to")),
        (
            "/api/events?limit=100000000000000000000000",
            400,
            Some("limit"),
        ),
        ("/api/events?limit=0", 400, Some("limit")),
        (
            "/api/events?min_fatalities=1e99",
            400,
            Some("min_fatalities"),
        ),
        ("/api/events?max_fatalities=-5", 400, Some("max_fatalities")),
        ("/api/events?bbox=0,0,1", 400, Some("bbox")),
        ("/api/events?bbox=0,0,1,NaN", 400, Some("bbox")),
        (
            "/api/events?cursor=%2E%2E%2F%2E%2E%2Fetc",
            400,
            Some("cursor"),
        ),
        ("/api/events?nonsense=1", 400, Some("nonsense")),
        ("/api/events?actor=%00", 400, Some("actor")),
        ("/api/stats?acled=%3Cscript%3E", 400, Some("acled")),
        ("/api/export?format=xml", 400, Some("format")),
        (
            "/api/export?format=geojson&type=1%3B%20DELETE%20FROM%20events",
            400,
            Some("type"),
        ),
        ("/api/events/..%2F..%2Fetc%2Fpasswd", 400, Some("id")),
        ("/api/documents/..%5C..%5Cwindows", 400, Some("id")),
        ("/api/events/no-such-event", 404, None),
        ("/api/documents/no-such-doc", 404, None),
        ("/no/such/route", 404, None),
        ("/assets/../../Cargo.toml", 404, None),
    ];
    for (path, want, param) in cases {
        let (status, head, body) = http("GET", &format!("{base}{path}"), &[], b"");
        assert_eq!(status, *want, "{path}: {}", String::from_utf8_lossy(&body));
        assert!(
            head.to_ascii_lowercase().contains("application/json"),
            "{path}: {head}"
        );
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert!(v["error"].is_string(), "{path}");
        if let Some(p) = param {
            assert_eq!(v["parameter"], json!(p), "{path}");
        }
    }
    // Free text with quotes and SQL is only text: it selects nothing.
    let (status, v) = get_json(&format!(
        "{base}/api/events?actor=%27%20OR%20%271%27%3D%271"
    ));
    assert_eq!((status, v["total"].as_u64()), (200, Some(0)));

    // Writes: no token, a wrong token, a wrong body type, bad JSON.
    let doc = br#"{"text": "Gunmen killed two policemen in Kano on Monday, police said.", "published": "2024-05-07"}"#;
    let json_ct = ("Content-Type", "application/json");
    let bearer = format!("Bearer {TOKEN}");
    let (s, _, _) = http("POST", &format!("{base}/api/documents"), &[json_ct], doc);
    assert_eq!(s, 401);
    let (s, _, _) = http(
        "POST",
        &format!("{base}/api/documents"),
        &[json_ct, ("Authorization", "Bearer wrong-token-0123456789")],
        doc,
    );
    assert_eq!(s, 401);
    let (s, _, _) = http(
        "POST",
        &format!("{base}/api/documents"),
        &[("Content-Type", "text/plain"), ("Authorization", &bearer)],
        doc,
    );
    assert_eq!(s, 415);
    let (s, _, b) = http(
        "POST",
        &format!("{base}/api/documents"),
        &[json_ct, ("Authorization", &bearer)],
        b"{\"text\": ",
    );
    assert_eq!(s, 400, "{}", String::from_utf8_lossy(&b));
    let (s, _, _) = http(
        "POST",
        &format!("{base}/api/documents"),
        &[json_ct, ("Authorization", &bearer)],
        br#"{"title": "no text"}"#,
    );
    assert_eq!(s, 400);
    // A batch with one bad line stores none of it.
    let batch = format!("{}\n{{\"text\": 5}}\n", String::from_utf8_lossy(doc));
    let (s, _, _) = http(
        "POST",
        &format!("{base}/api/documents"),
        &[
            ("Content-Type", "application/x-ndjson"),
            ("Authorization", &bearer),
        ],
        batch.as_bytes(),
    );
    assert_eq!(s, 400);
    assert_eq!(counts(&db), before, "nothing changed");

    // A 1 GB body is refused from its length, before it is sent.
    {
        use std::io::{Read, Write};
        let host = base.strip_prefix("http://").unwrap();
        let mut s = std::net::TcpStream::connect(host).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        write!(s, "POST /api/documents HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nAuthorization: {bearer}\r\nContent-Length: 1073741824\r\n\r\n").unwrap();
        s.write_all(&[b' '; 4096]).unwrap();
        let mut buf = [0u8; 4096];
        let n = s.read(&mut buf).unwrap();
        let head = String::from_utf8_lossy(&buf[..n]);
        assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    }

    // A good write, then the same again: stored once.
    let (s, _, b) = http(
        "POST",
        &format!("{base}/api/documents"),
        &[json_ct, ("Authorization", &bearer)],
        doc,
    );
    assert_eq!(s, 200, "{}", String::from_utf8_lossy(&b));
    let v: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(v["stored"][0]["status"], "new");
    assert!(v["stored"][0]["events"].as_u64().unwrap() >= 1);
    let after = counts(&db);
    assert_eq!(after.0, before.0 + 1);
    let (_, _, b) = http(
        "POST",
        &format!("{base}/api/documents"),
        &[json_ct, ("Authorization", &bearer)],
        doc,
    );
    let v: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(v["stored"][0]["status"], "unchanged");
    assert_eq!(counts(&db), after);
    let (_, h) = get_json(&format!("{base}/healthz"));
    assert_eq!(h["writable"], json!(true));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_read_only_server_refuses_writes() {
    let Some((base, db, dir)) = setup("readonly", None) else {
        return;
    };
    let before = counts(&db);
    let (s, _, b) = http(
        "POST",
        &format!("{base}/api/documents"),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer anything-at-all"),
        ],
        br#"{"text": "Police arrested three men in Baidoa."}"#,
    );
    assert_eq!(s, 403, "{}", String::from_utf8_lossy(&b));
    assert_eq!(counts(&db), before);
    std::fs::remove_dir_all(&dir).ok();
}

/// Incidents page like events: every incident once, in order, each with
/// its reports; an unknown one is a 404.
#[test]
fn incidents_page_and_show_their_reports() {
    let Some((base, db, dir)) = setup("incidents", None) else {
        return;
    };
    let store = sitrep_store::Store::open(&db).unwrap();
    let all = store.incident_count().unwrap();
    let (_, events) = store.counts().unwrap();
    assert!(all > 0);
    let mut seen = Vec::new();
    let mut reports = 0;
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{base}/api/incidents?limit=5&cursor={c}"),
            None => format!("{base}/api/incidents?limit=5"),
        };
        let (status, page) = get_json(&url);
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["total"], json!(all));
        for i in page["incidents"].as_array().unwrap() {
            seen.push(i["id"].as_str().unwrap().to_string());
            // Each document once in `reports`; every event in `events`.
            let told = i["events"].as_array().unwrap().len();
            assert!(i["reports"].as_u64().unwrap() as usize <= told, "{i}");
            reports += told;
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (all, all));
    assert_eq!(reports, events, "every event is in one incident");
    // A filter selects the incidents with a matching event.
    let (_, some) = get_json(&format!("{base}/api/incidents?type=ASSAULT&limit=1000"));
    let want = store
        .count_incidents(&sitrep_store::Filter {
            kind: Some("ASSAULT".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(some["total"], json!(want));
    assert_eq!(some["incidents"].as_array().unwrap().len(), want);
    // One incident, its reports side by side.
    let id = &seen[seen.len() / 2];
    let enc = id.replace('#', "%23");
    let (status, rec) = get_json(&format!("{base}/api/incidents/{enc}"));
    assert_eq!(status, 200, "{rec}");
    assert_eq!(rec["incident"]["id"], json!(id));
    assert_eq!(
        rec["reports"].as_array().unwrap().len() as u64,
        rec["incident"]["reports"].as_u64().unwrap()
    );
    assert!(rec["reports"][0]["notes"].is_string());
    let (status, err) = get_json(&format!("{base}/api/incidents/inc%3Anope"));
    assert_eq!(status, 404, "{err}");
    std::fs::remove_dir_all(dir).ok();
}
