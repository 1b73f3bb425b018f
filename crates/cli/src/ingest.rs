//! `sitrep ingest`: code documents and store them in the SQLite store.

use crate::input::{code_inputs, finish, InputArgs};
use clap::Args;
use sitrep_pipeline::Pipeline;

use anyhow::{Context, Result};

#[derive(Args)]
pub(crate) struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The store: a SQLite file (created if missing) or a
    /// `postgres://user@host:port/database` URL (its tables are created
    /// if missing; the database must exist).
    #[arg(long, default_value = "sitrep.db")]
    db: String,
    #[command(flatten)]
    link: LinkArgs,
}

/// How events of different documents are linked into incidents. The
/// store remembers the options; giving others relinks all it holds.
#[derive(Args)]
pub(crate) struct LinkArgs {
    /// Do not link: each event is its own incident.
    #[arg(long, conflicts_with_all = ["link_days", "link_km"])]
    no_link: bool,
    /// Days of slack each side of a day-precision date (default: the
    /// store's own; 1 for a new store).
    #[arg(long, value_name = "DAYS")]
    link_days: Option<u32>,
    /// Radius within which two places resolved to the place itself are one
    /// (km); a district-level place allows 4×, a province-level 12×
    /// (default: the store's own; 25 for a new store).
    #[arg(long, value_name = "KM", value_parser = positive_km)]
    link_km: Option<f64>,
}

fn positive_km(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!("{s:?}: expected a distance in km, 0 or more")),
    }
}

impl LinkArgs {
    /// The options asked for, or `None` to keep the store's own.
    fn options(
        &self,
        current: Option<sitrep_store::LinkOptions>,
    ) -> Option<Option<sitrep_store::LinkOptions>> {
        if self.no_link {
            return Some(None);
        }
        if self.link_days.is_none() && self.link_km.is_none() {
            return None;
        }
        let mut o = current.unwrap_or_default();
        if let Some(d) = self.link_days {
            o.day_window = d;
        }
        if let Some(k) = self.link_km {
            o.km_place = k;
            o.km_district = 4.0 * k;
            o.km_province = 12.0 * k;
        }
        Some(Some(o))
    }
}

pub(crate) fn ingest(a: IngestArgs) -> Result<i32> {
    let pipeline = Pipeline::new().map_err(anyhow::Error::msg)?;
    let mut store = sitrep_store::Store::open(&a.db)
        .with_context(|| format!("opening {}", sitrep_store::redact(&a.db)))?;
    if let Some(o) = a.link.options(store.linking()) {
        if o != store.linking() && store.counts()?.0 > 0 {
            eprintln!(
                "{}: linking with new options; relinking what it holds",
                sitrep_store::redact(&a.db)
            );
        }
        store.set_linking(o)?;
    }
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
    let i = store.incident_count()?;
    eprintln!("{}: {new} new, {replaced} replaced, {same} unchanged; the store holds {d} documents, {e} events, {i} incidents", sitrep_store::redact(&a.db));
    finish(docs, errors)
}
