//! `sitrep bench`: the pipeline's throughput on a corpus, in articles and MB per second.

use crate::input::{collect_paths, read_source};
use clap::Args;
use rayon::prelude::*;
use sitrep_core::Document;
use sitrep_pipeline::Pipeline;
use sitrep_text::ReadOptions;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Result};

#[derive(Args)]
pub(crate) struct BenchArgs {
    /// Files or folders to code (default: the repository's examples/).
    inputs: Vec<PathBuf>,
    /// Repeat the corpus this many times.
    #[arg(long, default_value_t = 20)]
    repeat: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

pub(crate) fn bench(b: BenchArgs) -> Result<i32> {
    let inputs = if b.inputs.is_empty() {
        vec![PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples"
        ))]
    } else {
        b.inputs
    };
    let pipeline = Pipeline::new().map_err(anyhow::Error::msg)?;
    let mut docs = Vec::new();
    for p in collect_paths(&inputs)? {
        let src = read_source(&p)?;
        let r = sitrep_text::read_documents(
            &src.name,
            &src.bytes,
            &ReadOptions {
                published: chrono::NaiveDate::from_ymd_opt(2025, 9, 20),
                ..Default::default()
            },
        );
        docs.extend(r.documents.into_iter().map(|x| x.0));
    }
    if docs.is_empty() {
        bail!("no documents to benchmark");
    }
    let corpus: Vec<&Document> = (0..b.repeat.max(1)).flat_map(|_| docs.iter()).collect();
    let bytes: usize = corpus.iter().map(|d| d.text.len()).sum();
    let words: usize = corpus
        .iter()
        .map(|d| d.text.split_whitespace().count())
        .sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(b.threads.unwrap_or(0))
        .build()?;
    // Warm-up (loads the gazetteer).
    pipeline.run(corpus[0], vec![]);
    let t = Instant::now();
    let events: usize = pool.install(|| {
        corpus
            .par_iter()
            .map(|d| pipeline.run(d, vec![]).events.len())
            .sum()
    });
    let s = t.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "documents": corpus.len(),
        "bytes": bytes,
        "words": words,
        "events": events,
        "threads": pool.current_num_threads(),
        "seconds": (s * 1e4).round() / 1e4,
        "docs_per_sec": (corpus.len() as f64 / s).round(),
        "mb_per_sec": ((bytes as f64 / 1e6 / s) * 100.0).round() / 100.0,
        "articles_600w_per_sec": ((words as f64 / 600.0 / s) * 10.0).round() / 10.0,
    });
    out!("{}", serde_json::to_string_pretty(&report)?);
    Ok(0)
}
