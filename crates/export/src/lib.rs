//! # sitrep-export: stored events in the formats analysts load
//!
//! Takes the event rows a store query selects ([`sitrep_store::EventRow`])
//! and writes them as:
//!
//! - **ACLED CSV** ([`acled`]): ACLED's 31 columns in ACLED's order, so that
//!   scripts written for ACLED's own files read sitrep's;
//! - **GeoJSON** ([`geojson`]): an RFC 7946 FeatureCollection of points;
//! - **Parquet** ([`parquet`]): typed columns (dates as dates, coordinates
//!   as doubles), written with arrow-rs in row groups;
//! - **JSON Lines**: each event as `sitrep/1` writes it, plus `doc_id`.
//!
//! Every writer streams: rows arrive one at a time ([`Exporter::push`]) and
//! only Parquet holds a row group (8,192 rows) in memory.

pub mod acled;
pub mod countries;
pub mod geojson;
pub mod incidents;
pub mod parquet;

use sitrep_core::{Event, Role};
use sitrep_store::EventRow;
use std::io::Write;

/// Export errors.
#[derive(Debug)]
pub enum ExportError {
    Io(std::io::Error),
    Csv(csv::Error),
    Json(serde_json::Error),
    Parquet(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Io(e) => write!(f, "write: {e}"),
            ExportError::Csv(e) => write!(f, "csv: {e}"),
            ExportError::Json(e) => write!(f, "json: {e}"),
            ExportError::Parquet(e) => write!(f, "parquet: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Io(e)
    }
}
impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        ExportError::Csv(e)
    }
}
impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        ExportError::Json(e)
    }
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    AcledCsv,
    GeoJson,
    Parquet,
    Jsonl,
}

impl Format {
    /// All formats, by the names `parse` reads.
    pub const NAMES: &'static [&'static str] = &["acled-csv", "geojson", "parquet", "jsonl"];

    /// Reads a format name ("acled-csv", "geojson", "parquet", "jsonl").
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "acled-csv" | "csv" => Format::AcledCsv,
            "geojson" => Format::GeoJson,
            "parquet" => Format::Parquet,
            "jsonl" => Format::Jsonl,
            _ => return None,
        })
    }

    /// The MIME type of a file in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::AcledCsv => "text/csv; charset=utf-8",
            Format::GeoJson => "application/geo+json",
            Format::Parquet => "application/vnd.apache.parquet",
            Format::Jsonl => "application/x-ndjson",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::AcledCsv => "csv",
            Format::GeoJson => "geojson",
            Format::Parquet => "parquet",
            Format::Jsonl => "jsonl",
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rows (features, records) written.
    pub written: usize,
    /// Events left out because the format cannot hold them: events outside
    /// ACLED's scope (meetings, statements) in an ACLED CSV.
    pub out_of_scope: usize,
}

/// A streaming writer of one format.
pub struct Exporter<W: Write + Send> {
    inner: Inner<W>,
    summary: Summary,
}

enum Inner<W: Write + Send> {
    Acled(Box<acled::Writer<W>>),
    GeoJson(geojson::Writer<W>),
    Parquet(Box<parquet::Writer<W>>),
    Jsonl(W),
}

impl<W: Write + Send> Exporter<W> {
    /// Starts an export to `out` (writes the CSV header or the GeoJSON
    /// opening).
    pub fn new(format: Format, out: W) -> Result<Self, ExportError> {
        let inner = match format {
            Format::AcledCsv => Inner::Acled(Box::new(acled::Writer::new(out)?)),
            Format::GeoJson => Inner::GeoJson(geojson::Writer::new(out)?),
            Format::Parquet => Inner::Parquet(Box::new(parquet::Writer::new(out)?)),
            Format::Jsonl => Inner::Jsonl(out),
        };
        Ok(Exporter {
            inner,
            summary: Summary::default(),
        })
    }

    /// Writes one row.
    pub fn push(&mut self, row: &EventRow) -> Result<(), ExportError> {
        let wrote = match &mut self.inner {
            Inner::Acled(w) => w.push(row)?,
            Inner::GeoJson(w) => {
                w.push(row)?;
                true
            }
            Inner::Parquet(w) => {
                w.push(row)?;
                true
            }
            Inner::Jsonl(w) => {
                serde_json::to_writer(&mut *w, &jsonl_value(row)?)?;
                w.write_all(b"\n")?;
                true
            }
        };
        if wrote {
            self.summary.written += 1;
        } else {
            self.summary.out_of_scope += 1;
        }
        Ok(())
    }

    /// Closes the file (the GeoJSON closing bracket, the Parquet footer) and
    /// returns what was written.
    pub fn finish(self) -> Result<Summary, ExportError> {
        match self.inner {
            Inner::Acled(w) => w.finish()?,
            Inner::GeoJson(w) => w.finish()?,
            Inner::Parquet(w) => w.finish()?,
            Inner::Jsonl(mut w) => w.flush()?,
        }
        Ok(self.summary)
    }
}

/// A row as JSON Lines write it: the event as in `sitrep/1`, plus `doc_id`.
pub fn jsonl_value(row: &EventRow) -> Result<serde_json::Value, ExportError> {
    let mut v = serde_json::to_value(&row.event)?;
    v["doc_id"] = serde_json::Value::String(row.doc_id.clone());
    Ok(v)
}

/// The canonical names of an event's participants in `role`, joined by "; ".
pub fn names(e: &Event, role: Role) -> String {
    let mut out: Vec<&str> = Vec::new();
    for a in e.actors.iter().filter(|a| a.role == role) {
        if !out.contains(&a.canonical.as_str()) {
            out.push(&a.canonical);
        }
    }
    out.join("; ")
}

/// Who reported the event: each claim's source ("the document" read as the
/// document's own source) and who relayed it, de-duplicated, joined by "; ".
pub fn claimants(row: &EventRow) -> String {
    let mut out: Vec<String> = Vec::new();
    for c in &row.event.claims {
        let who = if c.source == "the document" {
            row.doc_source.clone().unwrap_or_else(|| c.source.clone())
        } else {
            c.source.clone()
        };
        let who = match &c.via {
            Some(v) => format!("{who} (via {v})"),
            None => who,
        };
        if !out.contains(&who) {
            out.push(who);
        }
    }
    if out.is_empty() {
        if let Some(s) = &row.doc_source {
            out.push(s.clone());
        }
    }
    out.join("; ")
}

/// The event's date precision as written in `sitrep/1` ("day", "month"…).
pub fn precision_name(e: &Event) -> Option<String> {
    Some(e.date.as_ref()?.precision.as_str().to_string())
}

/// The event's mode as written in `sitrep/1` ("asserted", "historical"…).
pub fn mode_name(e: &Event) -> String {
    serde_json::to_value(e.mode)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The disputed fields, "field: side | side", joined by "; ".
pub fn disputes(e: &Event) -> String {
    e.disputed
        .iter()
        .map(|d| format!("{}: {}", d.field, d.sides.join(" | ")))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
pub(crate) mod testing {
    use sitrep_core::*;
    use sitrep_store::EventRow;

    /// A raid in Syria by US forces that killed one ISIS member, as a
    /// stored row; `n` varies its id and day.
    pub fn row(n: u32) -> EventRow {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 9, 1 + n % 28).unwrap();
        let actor = |role, text: &str, country: &str, sector: &str| ActorRef {
            role,
            text: text.into(),
            start: 0,
            end: 1,
            canonical: text.into(),
            country: Some(country.into()),
            sector: Some(sector.into()),
            affiliation: None,
            claimed_by: vec![],
        };
        EventRow {
            doc_id: format!("doc{n}"),
            doc_source: Some("wire".into()),
            published: Some("2025-09-30".into()),
            ingested_at: "2025-10-01T12:00:00Z".into(),
            notes: "US forces conducted a raid in Syria that killed \"Abu X\", an ISIS leader."
                .into(),
            event: Event {
                id: format!("doc{n}#e1"),
                kind: "raid".into(),
                trigger: "raid".into(),
                plover: Plover {
                    category: "ASSAULT".into(),
                    mode: None,
                },
                cameo: "190".into(),
                acled: Some(Acled {
                    event_type: "Battles".into(),
                    sub_event_type: "Armed clash".into(),
                }),
                date: Some(EventDate {
                    value: d.to_string(),
                    precision: Precision::Day,
                    start_date: d,
                    end_date: d,
                    text: None,
                    start: None,
                    end: None,
                    basis: "text".into(),
                }),
                location: Some(Place {
                    text: "Syria".into(),
                    start: 0,
                    end: 5,
                    name: "Syria".into(),
                    geonames_id: Some(163843),
                    lat: Some(35.0),
                    lon: Some(38.0),
                    country_code: Some("SY".into()),
                    admin1: None,
                    admin2: None,
                    feature: Some("PCLI".into()),
                    precision: 3,
                    basis: Some("text".into()),
                }),
                actors: vec![
                    actor(Role::Actor1, "US forces", "USA", "MIL"),
                    actor(Role::Target, "Abu X", "SYR", "IMG"),
                ],
                fatalities: Some(1),
                injuries: None,
                mode: Mode::Asserted,
                claims: vec![Claim {
                    source: "US Central Command".into(),
                    source_canonical: None,
                    via: None,
                    cue: Some("said".into()),
                    start: 0,
                    end: 1,
                }],
                disputed: vec![],
                evidence: vec![],
                fields: vec![],
            },
        }
    }
}
