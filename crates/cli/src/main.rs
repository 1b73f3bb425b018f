//! The `sitrep` command: parses the command line and runs one command, each
//! in its own module (`extract`, `ingest`, `query`, `gazetteer`, `actors`,
//! `bench`, `eval`, `train`; `input` reads what they code).

use crate::actors::{actors, ActorsCmd};
use crate::bench::{bench, BenchArgs};
use crate::eval::{eval, EvalCmd};
use crate::export::{export, ExportArgs};
use crate::extract::{extract, ExtractArgs};
use crate::gazetteer::{gazetteer, GazCmd};
use crate::ingest::{ingest, IngestArgs};
use crate::query::{query, QueryArgs};
use crate::queue::{submit, worker, SubmitArgs, WorkerArgs};
use crate::serve::{basemap, serve, BasemapArgs, ServeArgs};
use crate::train::{train_classes, train_events, train_ner, TrainCmd};
use anyhow::Result;

/// `println!` that returns the write error (a closed pipe: `sitrep … | head`)
/// instead of panicking on it.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($t)*)?;
    }};
}

mod actors;
mod bench;
mod eval;
mod explain;
mod export;
mod extract;
mod filter;
mod gazetteer;
mod ingest;
mod input;
mod query;
mod queue;
mod serve;
mod train;

use clap::{Parser, Subcommand};

/// sitrep turns news reports into a source-attributed, geolocated
/// conflict-event dataset: who did what to whom, where, when, how many, and
/// according to whom — every field with the byte span it came from.
#[derive(Parser)]
#[command(name = "sitrep", version, about, long_about = None, after_help = "Examples:
  sitrep extract examples/dispatch.txt --published 2025-09-20 --source demo
  sitrep extract examples/dispatch.txt --published 2025-09-20 --explain
  cat feed.jsonl | sitrep extract --format jsonl > coded.jsonl
  sitrep ingest news/ --db events.db && sitrep query --db events.db --type raid --country SY --format csv
  sitrep export --db events.db --format acled-csv --from 2025-09-01 > events.csv
  sitrep submit news/ --stream news && sitrep worker --stream news --db postgres://localhost/sitrep")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Code documents and print one sitrep/1 JSON object per document.
    Extract(ExtractArgs),
    /// Code documents and store them (idempotently) in a SQLite file or a
    /// PostgreSQL database.
    Ingest(IngestArgs),
    /// Print stored events matching filters, as JSON Lines or CSV.
    Query(QueryArgs),
    /// Export stored events as ACLED CSV, GeoJSON, Parquet or JSON Lines.
    Export(ExportArgs),
    /// Publish documents to a NATS JetStream stream for `sitrep worker`s to
    /// code (content-addressed: resubmitting a document is a no-op).
    Submit(SubmitArgs),
    /// Code documents from a JetStream stream into a shared store; run as
    /// many as you like, on any machines (see README, "Many workers").
    Worker(WorkerArgs),
    /// Serve a store: the HTTP API and the web map (http://127.0.0.1:8080/).
    Serve(ServeArgs),
    /// Rebuild the web map's embedded country outlines from world-atlas TopoJSON.
    Basemap(BasemapArgs),
    /// Build or inspect the GeoNames gazetteer.
    #[command(subcommand)]
    Gazetteer(GazCmd),
    /// Build or inspect the actor dictionary.
    #[command(subcommand)]
    Actors(ActorsCmd),
    /// Measure extraction throughput (documents/s, MB/s) on a corpus.
    Bench(BenchArgs),
    /// Score a stage on a public benchmark and print the standard metric as JSON.
    #[command(subcommand)]
    Eval(EvalCmd),
    /// Train a model from annotated corpora.
    #[command(subcommand)]
    Train(TrainCmd),
}

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            // The worker's progress lines show by default; SITREP_LOG
            // (e.g. "info", "sitrep::access=info") sets everything else.
            tracing_subscriber::EnvFilter::try_from_env("SITREP_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new("error,sitrep::queue=info,sitrep_store=warn")
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        // The reader went away (`sitrep … | head`): stop quietly.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            0
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    };
    std::process::exit(code);
}

fn run(cli: Cli) -> Result<i32> {
    match cli.cmd {
        Cmd::Extract(a) => extract(a),
        Cmd::Ingest(a) => ingest(a),
        Cmd::Query(a) => query(a),
        Cmd::Export(a) => export(a),
        Cmd::Submit(a) => submit(a),
        Cmd::Worker(a) => worker(a),
        Cmd::Serve(a) => serve(a),
        Cmd::Basemap(a) => basemap(a),
        Cmd::Gazetteer(g) => gazetteer(g),
        Cmd::Actors(a) => actors(a),
        Cmd::Bench(b) => bench(b),
        Cmd::Eval(e) => eval(e),
        Cmd::Train(TrainCmd::Ner(a)) => train_ner(a),
        Cmd::Train(TrainCmd::Classes(a)) => train_classes(a),
        Cmd::Train(TrainCmd::Events(a)) => train_events(a),
    }
}
