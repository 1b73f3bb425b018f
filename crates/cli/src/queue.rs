//! `sitrep submit` and `sitrep worker`: documents on a NATS JetStream
//! stream, coded by any number of workers into one shared store.
//!
//! The stream `NAME` holds two subjects: `NAME.docs`, one message per
//! document (its JSON, as `sitrep extract --format jsonl` reads it), and
//! `NAME.dead`, documents that could not be coded, each with its error in
//! the `Sitrep-Error` header. A message's id (`Nats-Msg-Id`) is the
//! SHA-256 of its bytes, so JetStream drops a resubmission inside the
//! stream's duplicate window (a day); after it, the store's idempotent
//! ingest makes the second coding a no-op.
//!
//! Workers share one durable pull consumer. Each fetches a batch, codes it
//! on its threads, stores it in one transaction, and acknowledges the
//! messages only after the commit: a worker killed mid-batch leaves them
//! unacknowledged, JetStream delivers them again after the ack wait, and
//! storing them again changes nothing. A message that cannot be read
//! goes to `NAME.dead` at once; one whose coding or storing fails is
//! delivered again, up to `--max-tries` times, then goes to `NAME.dead`.

use crate::input::{read_inputs, InputArgs};
use anyhow::{bail, Context, Result};
use async_nats::jetstream::{self, consumer, stream, AckKind};
use clap::Args;
use futures::StreamExt;
use sha2::{Digest, Sha256};
use sitrep_core::{Document, Output};
use sitrep_pipeline::Pipeline;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Args)]
pub(crate) struct SubmitArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The NATS server.
    #[arg(long, default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// The JetStream stream (created if missing; letters, digits, - and _).
    #[arg(long, default_value = "sitrep")]
    stream: String,
}

#[derive(Args, Clone)]
pub(crate) struct WorkerArgs {
    /// The NATS server.
    #[arg(long, default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// The JetStream stream `sitrep submit` publishes to.
    #[arg(long, default_value = "sitrep")]
    stream: String,
    /// The durable consumer the workers share (one name per pool of workers).
    #[arg(long, default_value = "sitrep-workers")]
    consumer: String,
    /// The store: a `postgres://` URL (shared by every worker) or, for one
    /// worker, a SQLite file.
    #[arg(long, default_value = "sitrep.db")]
    db: String,
    /// Documents fetched, coded and stored (in one transaction) at a time.
    #[arg(long, default_value_t = 32)]
    batch: usize,
    /// Deliveries of a document before it goes to the dead-letter subject.
    #[arg(long, default_value_t = 3)]
    max_tries: i64,
    /// Seconds JetStream waits for an acknowledgement before it delivers a
    /// message again (to this worker or another).
    #[arg(long, default_value_t = 60)]
    ack_wait: u64,
    /// Coding threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Serve Prometheus metrics at http://ADDR/metrics (e.g. 127.0.0.1:9464).
    #[arg(long)]
    metrics: Option<String>,
    /// Stop after this many seconds without a message (default: run until
    /// interrupted; SIGTERM or Ctrl-C finishes the batch in hand, then stops).
    #[arg(long)]
    until_idle: Option<u64>,
}

/// Stream names as JetStream takes them.
fn check_stream(name: &str) -> Result<()> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        bail!("--stream {name:?}: use letters, digits, '-' and '_' only");
    }
    Ok(())
}

fn docs_subject(stream: &str) -> String {
    format!("{stream}.docs")
}

fn dead_subject(stream: &str) -> String {
    format!("{stream}.dead")
}

/// How long JetStream remembers a message id to drop a resubmission.
const DUPLICATE_WINDOW: Duration = Duration::from_secs(24 * 3600);

async fn connect(url: &str) -> Result<async_nats::Client> {
    async_nats::ConnectOptions::new()
        .connection_timeout(Duration::from_secs(5))
        .connect(url)
        .await
        .with_context(|| format!("connecting to NATS at {url} (is nats-server running with -js?)"))
}

async fn open_stream(js: &jetstream::Context, name: &str) -> Result<stream::Stream> {
    js.get_or_create_stream(stream::Config {
        name: name.to_string(),
        subjects: vec![docs_subject(name), dead_subject(name)],
        duplicate_window: DUPLICATE_WINDOW,
        ..Default::default()
    })
    .await
    .with_context(|| format!("opening the JetStream stream {name} (is JetStream enabled?)"))
}

/// The id a message is published under: the SHA-256 of its bytes.
pub(crate) fn content_id(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

pub(crate) fn submit(a: SubmitArgs) -> Result<i32> {
    check_stream(&a.stream)?;
    let rt = runtime()?;
    let js = rt.block_on(async {
        let client = connect(&a.nats).await?;
        let js = jetstream::new(client);
        open_stream(&js, &a.stream).await?;
        anyhow::Ok(js)
    })?;
    let subject = docs_subject(&a.stream);
    let (mut published, mut duplicates) = (0usize, 0usize);
    // Each batch the reader hands over is published at once and its
    // acknowledgements awaited together: a round trip per batch, and no
    // more than a batch in memory.
    let (read, errors) = read_inputs(&a.input, &mut |docs| {
        rt.block_on(async {
            let mut acks = Vec::with_capacity(docs.len());
            for (doc, warnings) in docs {
                for w in warnings {
                    eprintln!("warning: {w}");
                }
                let bytes = serde_json::to_vec(&record(&doc))?;
                let mut headers = async_nats::HeaderMap::new();
                headers.insert("Nats-Msg-Id", content_id(&bytes).as_str());
                let ack = js
                    .publish_with_headers(subject.clone(), headers, bytes.into())
                    .await
                    .with_context(|| format!("publishing {}", doc.id))?;
                acks.push((doc.id, ack));
            }
            for (id, ack) in acks {
                let ack = ack.await.with_context(|| format!("publishing {id}"))?;
                if ack.duplicate {
                    duplicates += 1;
                } else {
                    published += 1;
                }
            }
            anyhow::Ok(published + duplicates)
        })
    })?;
    eprintln!(
        "{}: {read} document(s) read; {published} published, {duplicates} already there (same content); {errors} input error(s)",
        a.stream
    );
    if read == 0 && errors == 0 {
        bail!("no documents read");
    }
    Ok(if errors > 0 { 1 } else { 0 })
}

/// Counters a worker keeps, for its progress line and `/metrics`.
#[derive(Default)]
struct Counters {
    stored: AtomicU64,
    unchanged: AtomicU64,
    dead: AtomicU64,
    retried: AtomicU64,
    batches: AtomicU64,
    /// Microseconds spent coding and storing.
    code_us: AtomicU64,
    store_us: AtomicU64,
}

impl Counters {
    fn render(&self) -> String {
        let mut out = String::new();
        let mut counter = |name: &str, help: &str, v: f64| {
            out += &format!("# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}\n");
        };
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        counter(
            "sitrep_worker_documents_stored_total",
            "Documents coded and stored (new or replaced).",
            get(&self.stored) as f64,
        );
        counter(
            "sitrep_worker_documents_unchanged_total",
            "Documents delivered again and already stored as they are.",
            get(&self.unchanged) as f64,
        );
        counter(
            "sitrep_worker_documents_dead_total",
            "Documents sent to the dead-letter subject.",
            get(&self.dead) as f64,
        );
        counter(
            "sitrep_worker_documents_retried_total",
            "Documents left to be delivered again after a failure.",
            get(&self.retried) as f64,
        );
        counter(
            "sitrep_worker_transactions_retried_total",
            "Store transactions run again (serialization failures, deadlocks, lost connections).",
            sitrep_store::retried_transactions() as f64,
        );
        counter(
            "sitrep_worker_batches_total",
            "Batches stored.",
            get(&self.batches) as f64,
        );
        counter(
            "sitrep_worker_coding_seconds_total",
            "Time spent coding.",
            get(&self.code_us) as f64 / 1e6,
        );
        counter(
            "sitrep_worker_store_seconds_total",
            "Time spent in store transactions.",
            get(&self.store_us) as f64 / 1e6,
        );
        out
    }
}

/// A document as the JSON Lines record that `sitrep extract --format
/// jsonl` reads (what a message carries, and `bench --feed` prints); the
/// metadata it lacks is left out.
pub(crate) fn record(d: &Document) -> serde_json::Value {
    let mut v = serde_json::json!({
        "id": d.id,
        "text": d.text,
        "source": d.source,
        "published": d.published.map(|p| p.to_string()),
        "language": d.language,
        "url": d.url,
        "title": d.title,
    });
    if let Some(m) = v.as_object_mut() {
        m.retain(|_, x| !x.is_null());
    }
    v
}

/// A fetched message, read or not.
struct Job {
    msg: jetstream::Message,
    deliveries: i64,
    /// The document (in parts when it is longer than a part may be), read
    /// with the same rules as `sitrep extract`, or why it cannot be read.
    docs: Result<Vec<Document>, String>,
}

/// Reads a message: one JSON Lines record with a non-empty `id` and
/// `text` (an id is required: a queue has no file name to make one from).
fn decode(payload: &[u8]) -> Result<Vec<Document>, String> {
    let v: serde_json::Value =
        serde_json::from_slice(payload).map_err(|e| format!("not a JSON document: {e}"))?;
    let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").trim();
    if field("id").is_empty() {
        return Err("the document has no \"id\"".into());
    }
    if field("text").is_empty() {
        return Err(format!("{}: the document has no \"text\"", field("id")));
    }
    let line = serde_json::to_vec(&v).map_err(|e| e.to_string())?;
    let opts = sitrep_text::ReadOptions::default();
    let mut docs = Vec::new();
    for rec in sitrep_text::JsonlReader::new("message", &line[..], &opts) {
        let parts = rec.map_err(|e| e.to_string())?;
        docs.extend(parts.into_iter().map(|(d, _)| d));
    }
    if docs.is_empty() {
        return Err("the message holds no document".into());
    }
    Ok(docs)
}

pub(crate) fn worker(a: WorkerArgs) -> Result<i32> {
    check_stream(&a.stream)?;
    if a.batch == 0 {
        bail!("--batch must be at least 1");
    }
    if a.max_tries < 1 {
        bail!("--max-tries must be at least 1");
    }
    let threads = a.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting the coding threads")?;
    let rt = runtime()?;
    // NATS first: a worker that cannot reach its queue says so at once.
    let (js, consumer) = rt.block_on(async {
        let client = connect(&a.nats).await?;
        let js = jetstream::new(client);
        let stream = open_stream(&js, &a.stream).await?;
        let consumer = stream
            .get_or_create_consumer(
                &a.consumer,
                consumer::pull::Config {
                    durable_name: Some(a.consumer.clone()),
                    filter_subject: docs_subject(&a.stream),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: Duration::from_secs(a.ack_wait.max(1)),
                    ..Default::default()
                },
            )
            .await
            .with_context(|| format!("opening the consumer {}", a.consumer))?;
        anyhow::Ok((js, consumer))
    })?;
    let mut store = sitrep_store::Store::open(&a.db)
        .with_context(|| format!("opening {}", sitrep_store::redact(&a.db)))?;
    let pipeline = Pipeline::new().map_err(anyhow::Error::msg)?;
    let counters = Arc::new(Counters::default());
    if let Some(addr) = &a.metrics {
        let c = counters.clone();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind(addr))
            .with_context(|| format!("--metrics {addr}"))?;
        let app = axum::Router::new().route(
            "/metrics",
            axum::routing::get(move || {
                let c = c.clone();
                async move { c.render() }
            }),
        );
        rt.spawn(async move { axum::serve(listener, app).await });
    }
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        let stop = stop.clone();
        rt.spawn(async move {
            let term = async {
                #[cfg(unix)]
                {
                    if let Ok(mut s) =
                        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                    {
                        s.recv().await;
                        return;
                    }
                }
                std::future::pending::<()>().await
            };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {},
                _ = term => {},
            }
            stop.store(true, Ordering::Relaxed);
        });
    }
    tracing::info!(
        stream = a.stream,
        consumer = a.consumer,
        db = sitrep_store::redact(&a.db),
        threads,
        "worker started"
    );
    let dead = dead_subject(&a.stream);
    let started = Instant::now();
    // Storing runs on its own thread while the next batch is coded; one
    // coded batch at most waits for it (memory and unacknowledged messages
    // stay bounded).
    let (to_store, stored) = std::sync::mpsc::sync_channel::<Coded>(1);
    let storing = {
        let (js, dead, counters) = (js.clone(), dead.clone(), counters.clone());
        let handle = rt.handle().clone();
        let a = a.clone();
        std::thread::spawn(move || {
            for coded in stored {
                settle(&handle, &js, &dead, &a, &mut store, &counters, coded);
            }
        })
    };
    let mut last_report = Instant::now();
    let mut idle_since = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let fetched: Vec<jetstream::Message> = rt
            .block_on(async {
                let mut batch = consumer
                    .fetch()
                    .max_messages(a.batch)
                    .expires(Duration::from_secs(1))
                    .messages()
                    .await?;
                let mut out = Vec::new();
                while let Some(m) = batch.next().await {
                    match m {
                        Ok(m) => out.push(m),
                        Err(e) => tracing::warn!("fetching: {e}"),
                    }
                }
                anyhow::Ok(out)
            })
            .unwrap_or_else(|e| {
                tracing::warn!("fetching from {}: {e:#}", a.stream);
                std::thread::sleep(Duration::from_millis(500));
                Vec::new()
            });
        if fetched.is_empty() {
            if let Some(idle) = a.until_idle {
                if idle_since.elapsed() >= Duration::from_secs(idle) {
                    break;
                }
            }
            continue;
        }
        idle_since = Instant::now();
        let jobs: Vec<Job> = fetched
            .into_iter()
            .map(|msg| {
                let deliveries = msg.info().map(|i| i.delivered).unwrap_or(1);
                let docs = decode(&msg.payload);
                Job {
                    msg,
                    deliveries,
                    docs,
                }
            })
            .collect();
        let coded = code_batch(&a, &pool, &pipeline, &counters, jobs);
        if to_store.send(coded).is_err() {
            bail!("the storing thread stopped");
        }
        if last_report.elapsed() >= Duration::from_secs(5) {
            let done = counters.stored.load(Ordering::Relaxed)
                + counters.unchanged.load(Ordering::Relaxed);
            tracing::info!(
                documents = done,
                dead = counters.dead.load(Ordering::Relaxed),
                per_second = format!("{:.1}", done as f64 / started.elapsed().as_secs_f64()),
                coding_s = counters.code_us.load(Ordering::Relaxed) / 1_000_000,
                store_s = counters.store_us.load(Ordering::Relaxed) / 1_000_000,
                "progress"
            );
            last_report = Instant::now();
        }
    }
    drop(to_store);
    if storing.join().is_err() {
        bail!("the storing thread panicked");
    }
    let done = counters.stored.load(Ordering::Relaxed) + counters.unchanged.load(Ordering::Relaxed);
    eprintln!(
        "worker: {done} document(s) handled ({} stored, {} unchanged), {} dead-lettered, in {:.1}s ({:.1}s coding, {:.1}s storing; {} transaction(s) run again)",
        counters.stored.load(Ordering::Relaxed),
        counters.unchanged.load(Ordering::Relaxed),
        counters.dead.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
        counters.code_us.load(Ordering::Relaxed) as f64 / 1e6,
        counters.store_us.load(Ordering::Relaxed) as f64 / 1e6,
        sitrep_store::retried_transactions(),
    );
    Ok(0)
}

/// A coded batch: the outputs of each message whose every part was coded,
/// and why the others failed (by index in the batch).
struct Coded {
    jobs: Vec<Job>,
    by_job: BTreeMap<usize, Vec<Output>>,
    failed: BTreeMap<usize, String>,
}

/// Codes one batch on the coding threads.
fn code_batch(
    a: &WorkerArgs,
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline,
    counters: &Counters,
    jobs: Vec<Job>,
) -> Coded {
    // Every part of every readable message not given up on, coded.
    let t0 = Instant::now();
    let parts: Vec<(usize, &Document)> = jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| j.deliveries <= a.max_tries)
        .flat_map(|(i, j)| {
            j.docs
                .as_ref()
                .map(|d| d.iter().map(move |d| (i, d)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .collect();
    let results: Vec<(usize, Result<Output, String>)> = {
        use rayon::prelude::*;
        pool.install(|| {
            parts
                .par_iter()
                .map(|&(i, doc)| {
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        pipeline.run(doc, Vec::new())
                    }))
                    .map_err(|p| {
                        let msg = p
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| p.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown".into());
                        format!("coding failed: {msg}")
                    });
                    (i, r)
                })
                .collect()
        })
    };
    counters
        .code_us
        .fetch_add(t0.elapsed().as_micros() as u64, Ordering::Relaxed);
    let mut failed: BTreeMap<usize, String> = BTreeMap::new();
    for (i, j) in jobs.iter().enumerate() {
        if let Err(e) = &j.docs {
            failed.insert(i, e.clone());
        } else if j.deliveries > a.max_tries {
            failed.insert(
                i,
                format!("delivered {} times without being stored", j.deliveries),
            );
        }
    }
    for (i, r) in &results {
        if let Err(e) = r {
            failed.entry(*i).or_insert_with(|| e.clone());
        }
    }
    // The outputs of each message whose every part was coded.
    let mut by_job: BTreeMap<usize, Vec<Output>> = BTreeMap::new();
    for (i, r) in results {
        if let (Ok(o), false) = (r, failed.contains_key(&i)) {
            by_job.entry(i).or_default().push(o);
        }
    }
    Coded {
        jobs,
        by_job,
        failed,
    }
}

/// Stores a coded batch, then acknowledges, retries or dead-letters each
/// message: the batch in one transaction; if that fails, each message on
/// its own, so that one bad document does not hold back the others.
///
/// Storing runs on the calling thread, outside the async runtime (the
/// PostgreSQL client blocks on its own); the acknowledgements go through
/// `rt`.
fn settle(
    rt: &tokio::runtime::Handle,
    js: &jetstream::Context,
    dead: &str,
    a: &WorkerArgs,
    store: &mut sitrep_store::Store,
    counters: &Counters,
    coded: Coded,
) {
    let Coded {
        jobs,
        by_job,
        mut failed,
    } = coded;
    let t1 = Instant::now();
    let outs: Vec<Output> = by_job.values().flatten().cloned().collect();
    let mut stored: Vec<(usize, bool)> = Vec::new();
    match store.ingest_all(&outs) {
        Ok(done) => {
            let mut done = done.into_iter();
            for (i, os) in &by_job {
                let changed = done
                    .by_ref()
                    .take(os.len())
                    .any(|x| x != sitrep_store::Ingested::Unchanged);
                stored.push((*i, changed));
            }
        }
        Err(e) => {
            tracing::warn!("storing a batch of {}: {e}; storing one by one", outs.len());
            for (i, os) in &by_job {
                match store.ingest_all(os) {
                    Ok(x) => stored.push((
                        *i,
                        x.iter().any(|x| *x != sitrep_store::Ingested::Unchanged),
                    )),
                    Err(e) => {
                        failed.insert(*i, format!("storing failed: {e}"));
                    }
                }
            }
        }
    }
    counters
        .store_us
        .fetch_add(t1.elapsed().as_micros() as u64, Ordering::Relaxed);
    counters.batches.fetch_add(1, Ordering::Relaxed);
    rt.block_on(acknowledge(js, dead, a, counters, &jobs, stored, failed));
}

/// Acknowledges what is committed (`stored`: index, whether it changed
/// the store); leaves the failed to come back, or dead-letters them.
async fn acknowledge(
    js: &jetstream::Context,
    dead: &str,
    a: &WorkerArgs,
    counters: &Counters,
    jobs: &[Job],
    stored: Vec<(usize, bool)>,
    failed: BTreeMap<usize, String>,
) {
    // Acknowledge only what is committed.
    for (i, changed) in &stored {
        if let Err(e) = jobs[*i].msg.ack().await {
            tracing::warn!("acknowledging: {e}");
        }
        if *changed {
            &counters.stored
        } else {
            &counters.unchanged
        }
        .fetch_add(1, Ordering::Relaxed);
    }
    for (i, err) in failed {
        let j = &jobs[i];
        // Unreadable messages are dead at once.
        let final_try = j.docs.is_err() || j.deliveries >= a.max_tries;
        if final_try {
            let mut headers = async_nats::HeaderMap::new();
            headers.insert("Sitrep-Error", one_line(&err).as_str());
            headers.insert("Sitrep-Deliveries", j.deliveries.to_string().as_str());
            headers.insert(
                "Nats-Msg-Id",
                format!("dead-{}", content_id(&j.msg.payload)).as_str(),
            );
            let sent = match js
                .publish_with_headers(dead.to_string(), headers, j.msg.payload.clone())
                .await
            {
                Ok(ack) => ack.await.map(|_| ()).map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match sent {
                Ok(()) => {
                    tracing::warn!(error = err, deliveries = j.deliveries, "dead-lettered");
                    counters.dead.fetch_add(1, Ordering::Relaxed);
                    let _ = j.msg.ack_with(AckKind::Term).await;
                }
                Err(e) => {
                    // Not recorded anywhere yet: let it come back.
                    tracing::warn!("dead-lettering failed ({e}); the message will come back");
                    let _ = j
                        .msg
                        .ack_with(AckKind::Nak(Some(Duration::from_secs(1))))
                        .await;
                }
            }
        } else {
            tracing::warn!(
                error = err,
                deliveries = j.deliveries,
                "will be delivered again"
            );
            counters.retried.fetch_add(1, Ordering::Relaxed);
            let _ = j
                .msg
                .ack_with(AckKind::Nak(Some(Duration::from_secs(1))))
                .await;
        }
    }
}

/// A header value: one line, at most 1,000 bytes.
fn one_line(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if out.len() > 1000 {
        let mut cut = 1000;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_checked_before_coding() {
        assert!(decode(b"{not json").is_err());
        assert!(decode(br#"{"id":"a","text":"  "}"#)
            .unwrap_err()
            .contains("no \"text\""));
        assert!(decode(br#"{"id":"","text":"x"}"#)
            .unwrap_err()
            .contains("no \"id\""));
        let d =
            decode(br#"{"id":"a","text":"Gunmen killed two.","published":"2025-09-20"}"#).unwrap();
        assert_eq!(
            (d[0].id.as_str(), d[0].published.map(|p| p.to_string())),
            ("a", Some("2025-09-20".into()))
        );
        let wire = serde_json::to_vec(&record(&d[0])).unwrap();
        assert_eq!(
            decode(&wire).unwrap()[0].text,
            d[0].text,
            "submit's record reads back"
        );
        assert!(check_stream("news-2025").is_ok());
        assert!(check_stream("a.b").is_err());
        assert_eq!(content_id(b"abc").len(), 64);
        assert_eq!(one_line("a\nb"), "a b");
    }
}
