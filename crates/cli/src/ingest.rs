//! `sitrep ingest`: code documents and store them in the SQLite store.

use crate::input::{code_inputs, finish, InputArgs};
use clap::Args;
use sitrep_pipeline::Pipeline;

use anyhow::{Context, Result};

#[derive(Args)]
pub(crate) struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// SQLite database file (created if missing).
    #[arg(long, default_value = "sitrep.db")]
    db: String,
}

pub(crate) fn ingest(a: IngestArgs) -> Result<i32> {
    let pipeline = Pipeline::new().map_err(anyhow::Error::msg)?;
    let mut store =
        sitrep_store::Store::open(&a.db).with_context(|| format!("opening {}", a.db))?;
    let (mut new, mut replaced, mut same) = (0, 0, 0);
    let (docs, errors) = code_inputs(&a.input, &pipeline, |o| {
        match store
            .ingest(&o)
            .with_context(|| format!("storing {}", o.document.id))?
        {
            sitrep_store::Ingested::New => new += 1,
            sitrep_store::Ingested::Replaced => replaced += 1,
            sitrep_store::Ingested::Unchanged => same += 1,
        }
        Ok(())
    })?;
    let (d, e) = store.counts()?;
    eprintln!("{}: {new} new, {replaced} replaced, {same} unchanged; the store holds {d} documents, {e} events", a.db);
    finish(docs, errors)
}
