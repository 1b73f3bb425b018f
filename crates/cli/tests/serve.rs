//! `sitrep serve` as a user runs it: an empty store gets the example
//! dispatch; without a token it is read-only; on SIGTERM it finishes the
//! write in flight and exits, leaving no document half stored.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("sitrep-serve-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(db: &str, port: u16, token: Option<&str>, extra: &[&str]) -> Server {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.args(["serve", "--db", db, "--addr", &format!("127.0.0.1:{port}")])
        .args(extra)
        .env_remove("SITREP_TOKEN")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(t) = token {
        c.env("SITREP_TOKEN", t);
    }
    let s = Server(c.spawn().unwrap());
    let t0 = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    s
}

fn request(port: u16, head: &str, body: &[u8]) -> String {
    request_on(TcpStream::connect(("127.0.0.1", port)).unwrap(), head, body)
}

fn request_on(mut s: TcpStream, head: &str, body: &[u8]) -> String {
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "{head}Host: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(body).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn stderr_of(mut s: Server) -> String {
    send_term(&s.0);
    let _ = s.0.wait();
    let mut e = String::new();
    s.0.stderr.take().unwrap().read_to_string(&mut e).unwrap();
    e
}

fn send_term(c: &Child) {
    Command::new("kill")
        .args(["-TERM", &c.id().to_string()])
        .status()
        .unwrap();
}

#[test]
fn a_fresh_store_shows_the_example_and_is_read_only_without_a_token() {
    let d = tmp("fresh");
    let db = d.join("sitrep.db");
    let port = free_port();
    let s = start(db.to_str().unwrap(), port, None, &[]);
    let health = request(port, "GET /healthz HTTP/1.1\r\n", b"");
    assert!(health.contains("\"writable\":false"), "{health}");
    let events = request(port, "GET /api/events HTTP/1.1\r\n", b"");
    assert!(
        events.contains("\"doc_id\":\"example-dispatch\""),
        "{events}"
    );
    let page = request(port, "GET / HTTP/1.1\r\n", b"");
    assert!(
        page.contains("leaflet.js")
            && page
                .to_ascii_lowercase()
                .contains("content-security-policy"),
        "{page}"
    );
    let post = request(
        port,
        "POST /api/documents HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: Bearer whatever-token\r\n",
        br#"{"text": "Police arrested three men."}"#,
    );
    assert!(post.starts_with("HTTP/1.1 403"), "{post}");
    let err = stderr_of(s);
    assert!(err.contains("read-only"), "{err}");
    assert!(err.contains("example dispatch"), "{err}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn sigterm_lets_the_write_in_flight_finish_and_leaves_nothing_half_stored() {
    let d = tmp("term");
    let db = d.join("w.db");
    let db = db.to_str().unwrap().to_string();
    let port = free_port();
    let token = "term-test-token-0123";
    let s = start(&db, port, Some(token), &["--no-example"]);
    let dispatch = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dispatch.txt"),
    )
    .unwrap();
    let n = 3000;
    let batch: String = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("d{i}"), "text": dispatch, "published": "2024-03-15"})
                .to_string()
                + "\n"
        })
        .collect();
    let head = format!(
        "POST /api/documents HTTP/1.1\r\nContent-Type: application/x-ndjson\r\nAuthorization: Bearer {token}\r\n"
    );
    let t0 = Instant::now();
    // Connected before the signal can come, however slow the machine is to
    // start the thread (a loaded CI machine let 300 ms pass first).
    let conn = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let writer =
        std::thread::spawn(move || (request_on(conn, &head, batch.as_bytes()), t0.elapsed()));
    // Terminate while the batch is being coded.
    std::thread::sleep(Duration::from_millis(300));
    let err = stderr_of(s);
    let stopped_at = t0.elapsed();
    let (answer, answered_at) = writer.join().unwrap();
    assert!(err.contains("shutting down"), "{err}");
    // The write was in flight when the signal came, and was answered.
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answered_at > Duration::from_millis(300),
        "the write ended before the signal: {answered_at:?}"
    );
    assert!(
        stopped_at >= answered_at,
        "the server stopped before answering"
    );
    assert!(err.contains("stopped"), "{err}");
    let store = sitrep_store::Store::open(&db).unwrap();
    let (docs, events) = store.counts().unwrap();
    assert_eq!(docs, n, "the write answered 200 stored every document");
    // Every stored document has all its events, and no event is orphaned.
    let mut from_docs = 0;
    for i in 0..n {
        if let Some(out) = store.document(&format!("d{i}")).unwrap() {
            from_docs += out.events.len();
        }
    }
    assert_eq!(events, from_docs, "events rows match the stored documents");
    std::fs::remove_dir_all(&d).ok();
}
