//! Many workers, one shared store (issue 31), against the local PostgreSQL
//! and NATS JetStream: documents submitted once are stored exactly once,
//! whatever happens to the workers; a malformed message goes to the
//! dead-letter subject; a worker without NATS says so and fails.
//!
//! Each test skips with a message where the services do not answer, and
//! fails there when `SITREP_REQUIRE_SERVICES` is set (as `.ci/run` does).

use futures::StreamExt;
use sitrep_store::testkit::{nats_url, Backend, TestDb};
use sitrep_store::Store;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

/// A stream name no other test run uses.
fn stream_name(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("t{}-{nanos}-{tag}", std::process::id())
}

fn worker(nats: &str, stream: &str, db: &str, name: &str) -> Child {
    sitrep()
        .args([
            "worker",
            "--nats",
            nats,
            "--stream",
            stream,
            "--db",
            &format!("{db}&application_name={name}"),
            "--threads",
            "1",
            "--batch",
            "16",
            "--ack-wait",
            "4",
            "--until-idle",
            "8",
        ])
        .env("SITREP_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting a worker")
}

fn finish(c: Child) -> String {
    let out = c.wait_with_output().expect("a worker ends");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "a worker failed: {err}");
    // What it said (warnings and its summary), for whoever reads the log.
    for line in err
        .lines()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        eprintln!("  worker: {line}");
    }
    err
}

fn documents(url: &str) -> usize {
    Store::open(url).map_or(0, |s| s.counts().map_or(0, |c| c.0))
}

/// Deletes a test's stream (and with it its consumer and messages).
fn drop_stream(nats: &str, stream: &str) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        if let Ok(c) = async_nats::connect(nats).await {
            let js = async_nats::jetstream::new(c);
            let _ = js.delete_stream(stream).await;
        }
    });
}

/// Three workers code a generated feed; one is killed with SIGKILL in the
/// middle and started again, and PostgreSQL drops another's connection.
/// The store then holds every document once, with the same incidents as
/// one process storing the same documents in SQLite.
#[test]
fn a_killed_worker_loses_nothing_and_doubles_nothing() {
    let Some(nats) = nats_url() else { return };
    let Some(pg) = TestDb::new(Backend::Postgres, "workers") else {
        return;
    };
    let n: usize = std::env::var("SITREP_QUEUE_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("sitrep-queue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let feed = dir.join("feed.jsonl");
    let out = sitrep()
        .args(["bench", "--feed", &n.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&feed, &out.stdout).unwrap();
    let stream = stream_name("crash");
    let submit = |expect: &str| {
        let out = sitrep()
            .args(["submit", "--nats", &nats, "--stream", &stream])
            .arg(&feed)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(err.contains(expect), "{err}");
    };
    submit(&format!("{n} published, 0 already there"));
    // Resubmitting is a no-op.
    submit(&format!("0 published, {n} already there"));

    // The store's schema exists before the workers race to open it.
    drop(Store::open(&pg.url).unwrap());
    let t0 = Instant::now();
    let mut ws: Vec<Child> = (0..3)
        .map(|i| worker(&nats, &stream, &pg.url, &format!("sitrep-test-w{i}")))
        .collect();
    // Kill worker 0 once a quarter of the feed is stored, mid-batch.
    while documents(&pg.url) < n / 4 {
        assert!(t0.elapsed() < Duration::from_secs(300), "no progress");
        std::thread::sleep(Duration::from_millis(50));
    }
    ws[0].kill().expect("SIGKILL");
    ws[0].wait().unwrap();
    // PostgreSQL drops worker 1's connection, as a restart would.
    let mut admin =
        postgres::Client::connect(&sitrep_store::testkit::postgres_base(), postgres::NoTls)
            .unwrap();
    let dropped = admin
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sitrep-test-w1'",
            &[],
        )
        .unwrap();
    assert_eq!(dropped.len(), 1, "worker 1 has one connection");
    ws[0] = worker(&nats, &stream, &pg.url, "sitrep-test-w0");
    for w in ws {
        finish(w);
    }
    let took = t0.elapsed();

    // The same documents, stored by one process in SQLite.
    let sqlite = TestDb::new(Backend::Sqlite, "reference").unwrap();
    let out = sitrep()
        .args(["ingest", "--db", &sqlite.url])
        .arg(&feed)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shared = Store::open(&pg.url).unwrap();
    let alone = Store::open(&sqlite.url).unwrap();
    assert_eq!(shared.counts().unwrap(), alone.counts().unwrap());
    assert_eq!(shared.counts().unwrap().0, n);
    assert_eq!(
        shared.event_incidents().unwrap(),
        alone.event_incidents().unwrap(),
        "the same incidents"
    );
    assert_eq!(
        shared.incident_count().unwrap(),
        alone.incident_count().unwrap()
    );
    eprintln!(
        "{n} documents through 3 workers (one killed, one disconnected) in {:.1}s",
        took.as_secs_f64()
    );
    drop_stream(&nats, &stream);
    std::fs::remove_dir_all(&dir).ok();
}

/// A message that is not a document goes to `STREAM.dead` with its error,
/// and does not hold back the good one behind it.
#[test]
fn a_malformed_message_is_dead_lettered() {
    let Some(nats) = nats_url() else { return };
    let Some(pg) = TestDb::new(Backend::Postgres, "dead") else {
        return;
    };
    let stream = stream_name("dead");
    let rt = tokio::runtime::Runtime::new().unwrap();
    // The good document, through `submit` (which creates the stream).
    let mut child = sitrep()
        .args(["submit", "--nats", &nats, "--stream", &stream, "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(
            stdin,
            r#"{{"id":"good","published":"2024-05-02","text":"Gunmen killed two police officers in Kano, Nigeria, on Wednesday, police said."}}"#
        )
        .unwrap();
    }
    assert!(child.wait_with_output().unwrap().status.success());
    // A malformed one, published straight to the subject.
    rt.block_on(async {
        let c = async_nats::connect(&nats).await.unwrap();
        let js = async_nats::jetstream::new(c);
        js.publish(
            format!("{stream}.docs"),
            "{\"id\": \"bad\", \"text\": ".into(),
        )
        .await
        .unwrap()
        .await
        .unwrap();
    });
    let w = worker(&nats, &stream, &pg.url, "sitrep-test-dead");
    let log = finish(w);
    assert!(log.contains("1 dead-lettered"), "{log}");
    let s = Store::open(&pg.url).unwrap();
    assert_eq!(s.counts().unwrap().0, 1);
    assert!(s.document("good").unwrap().is_some());
    // The dead letter, with its error.
    let (payload, error) = rt.block_on(async {
        let c = async_nats::connect(&nats).await.unwrap();
        let js = async_nats::jetstream::new(c);
        let st = js.get_stream(&stream).await.unwrap();
        let consumer = st
            .create_consumer(async_nats::jetstream::consumer::pull::Config {
                filter_subject: format!("{stream}.dead"),
                ..Default::default()
            })
            .await
            .unwrap();
        let mut msgs = consumer
            .fetch()
            .max_messages(10)
            .expires(Duration::from_secs(2))
            .messages()
            .await
            .unwrap();
        let m = msgs.next().await.expect("a dead letter").unwrap();
        let error = m
            .headers
            .as_ref()
            .and_then(|h| h.get("Sitrep-Error"))
            .map(|v| v.to_string())
            .unwrap_or_default();
        (m.payload.to_vec(), error)
    });
    assert_eq!(payload, b"{\"id\": \"bad\", \"text\": ");
    assert!(error.contains("not a JSON document"), "{error}");
    drop_stream(&nats, &stream);
}

/// A worker that cannot reach NATS fails at once, and says why.
#[test]
fn a_worker_without_nats_fails_clearly() {
    let t0 = Instant::now();
    let out = sitrep()
        .args(["worker", "--nats", "nats://127.0.0.1:1", "--db", ":memory:"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("connecting to NATS at nats://127.0.0.1:1"),
        "{err}"
    );
    assert!(t0.elapsed() < Duration::from_secs(30));
}
