//! `sitrep export`: stored events, filtered as `query` filters them, as
//! ACLED CSV, GeoJSON, Parquet or JSON Lines (`sitrep-export`).

use crate::filter::{open_store, FilterArgs};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use sitrep_export::{Exporter, Format};
use std::io::{IsTerminal, Write};

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ExportFormat {
    /// ACLED's 31 columns in ACLED's order (events in ACLED's scope only).
    AcledCsv,
    /// An RFC 7946 FeatureCollection of points.
    Geojson,
    /// Typed columns (dates, doubles, integers), for pandas, R, DuckDB, QGIS.
    Parquet,
    /// Each event as sitrep/1 writes it, plus its doc_id.
    Jsonl,
}

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// The store to read (written by `sitrep ingest`): a SQLite file or a
    /// `postgres://user@host:port/database` URL.
    #[arg(long, default_value = "sitrep.db")]
    db: String,
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write here instead of standard output (needed for Parquet on a terminal).
    #[arg(long, short)]
    out: Option<std::path::PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

pub(crate) fn export(a: ExportArgs) -> Result<i32> {
    let format = match a.format {
        ExportFormat::AcledCsv => Format::AcledCsv,
        ExportFormat::Geojson => Format::GeoJson,
        ExportFormat::Parquet => Format::Parquet,
        ExportFormat::Jsonl => Format::Jsonl,
    };
    let store = open_store(&a.db)?;
    let filter = a.filter.filter();
    // A file is written beside its name and renamed when complete, so that
    // a failed export never leaves a short file that looks whole.
    let partial = a.out.as_ref().map(|p| {
        let mut name = p.as_os_str().to_owned();
        name.push(".partial");
        std::path::PathBuf::from(name)
    });
    let sink: Box<dyn Write + Send> = match &partial {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => {
            if format == Format::Parquet && std::io::stdout().is_terminal() {
                bail!("Parquet is binary: give --out FILE or redirect standard output");
            }
            Box::new(std::io::stdout())
        }
    };
    let written = (|| -> Result<sitrep_export::Summary> {
        let mut ex = Exporter::new(format, std::io::BufWriter::new(sink))?;
        store.for_each(&filter, |row| {
            ex.push(&row)
                .map_err(|e| sitrep_store::StoreError::Invalid(e.to_string()))
        })?;
        Ok(ex.finish()?)
    })();
    let s = match (written, &partial, &a.out) {
        (Ok(s), Some(tmp), Some(out)) => {
            std::fs::rename(tmp, out)
                .with_context(|| format!("renaming {} to {}", tmp.display(), out.display()))?;
            s
        }
        (Ok(s), _, _) => s,
        (Err(e), tmp, _) => {
            if let Some(t) = tmp {
                let _ = std::fs::remove_file(t);
            }
            return Err(e);
        }
    };
    let target = a
        .out
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "standard output".into());
    eprintln!("{} event(s) written to {target}", s.written);
    if s.out_of_scope > 0 {
        eprintln!(
            "{} event(s) outside ACLED's scope (meetings, statements) left out of the ACLED CSV; `--format jsonl` or `geojson` holds them",
            s.out_of_scope
        );
    }
    Ok(0)
}
