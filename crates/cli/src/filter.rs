//! The event filters `query` and `export` share (and `serve` reads from a
//! URL): one definition, so that the same flags select the same events.

use crate::input::parse_day;
use anyhow::{bail, Result};
use clap::Args;
use std::path::Path;

#[derive(Args, Clone, Default)]
pub(crate) struct FilterArgs {
    /// Actor name (substring of canonical name or text, case-insensitive).
    #[arg(long)]
    actor: Option<String>,
    /// Event type ("raid") or PLOVER category ("ASSAULT").
    #[arg(long = "type")]
    kind: Option<String>,
    /// ACLED event type ("Battles") or sub-event type ("Air/drone strike").
    #[arg(long)]
    acled: Option<String>,
    /// Country: ISO alpha-2 of the location ("SY") or alpha-3 of an actor ("USA").
    #[arg(long)]
    country: Option<String>,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    from: Option<chrono::NaiveDate>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    to: Option<chrono::NaiveDate>,
    /// Document source or claim source (substring).
    #[arg(long)]
    source: Option<String>,
    /// Events inside a box: MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (degrees).
    #[arg(long, value_parser = sitrep_store::parse_bbox, allow_hyphen_values = true)]
    bbox: Option<[f64; 4]>,
    /// Events with at least this many reported deaths.
    #[arg(long)]
    min_fatalities: Option<u32>,
    /// Events with at most this many reported deaths.
    #[arg(long)]
    max_fatalities: Option<u32>,
    /// At most this many events.
    #[arg(long)]
    limit: Option<usize>,
}

impl FilterArgs {
    pub(crate) fn filter(&self) -> sitrep_store::Filter {
        sitrep_store::Filter {
            actor: self.actor.clone(),
            kind: self.kind.clone(),
            country: self.country.clone(),
            from: self.from.map(|d| d.to_string()),
            to: self.to.map(|d| d.to_string()),
            source: self.source.clone(),
            acled: self.acled.clone(),
            bbox: self.bbox,
            fatalities_min: self.min_fatalities,
            fatalities_max: self.max_fatalities,
            after: None,
            limit: self.limit,
        }
    }
}

/// Opens an existing store, or says how to make one.
pub(crate) fn open_store(db: &str) -> Result<sitrep_store::Store> {
    if db != ":memory:" && !sitrep_store::is_url(db) && !Path::new(db).exists() {
        bail!("{db}: no such database (create one with `sitrep ingest … --db {db}`)");
    }
    Ok(sitrep_store::Store::open(db)?)
}
