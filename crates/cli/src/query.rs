//! `sitrep query`: read stored incidents (or, with `--events`, their
//! events) back, filtered, as JSON Lines or CSV; `--incident ID` shows one
//! incident's reports side by side.

use crate::filter::{open_store, FilterArgs};
use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum QueryFormat {
    Jsonl,
    Csv,
}

#[derive(Args)]
#[command(after_help = "\
By default each row is an incident: the events that one or more documents \
report of the same happening, with its best type, date, place, toll and \
participants, how many reports and sources it has, and every field they \
disagree on (the toll kept is the lowest any report gives). The filters \
select the incidents that have at least one matching event.

Examples:
  sitrep query --country SY --from 2025-09-01 --format csv > incidents.csv
  sitrep query --events --acled Battles          # one row per report
  sitrep query --incident 'inc:seed-centcom-raid-2025-09#e1'  # its reports side by side")]
pub(crate) struct QueryArgs {
    /// The store to read (written by `sitrep ingest`): a SQLite file or a
    /// `postgres://user@host:port/database` URL.
    #[arg(long, default_value = "sitrep.db")]
    db: String,
    #[command(flatten)]
    filter: FilterArgs,
    #[arg(long, value_enum, default_value_t = QueryFormat::Jsonl)]
    format: QueryFormat,
    /// One row per event (per report) instead of per incident.
    #[arg(long, conflicts_with = "incident")]
    events: bool,
    /// Show one incident and every report of it: JSON Lines writes the
    /// incident with its reports; CSV one row per report, the same columns
    /// for each, so that they read side by side.
    #[arg(long, value_name = "ID")]
    incident: Option<String>,
}

pub(crate) fn query(a: QueryArgs) -> Result<i32> {
    let store = open_store(&a.db)?;
    if let Some(id) = &a.incident {
        return show_incident(&store, id, a.format);
    }
    if !a.events {
        return incidents(&store, &a);
    }
    let rows = store.query(&a.filter.filter())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        QueryFormat::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, &sitrep_export::jsonl_value(r)?)?;
                writeln!(out)?;
            }
        }
        QueryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "event_id",
                "doc_id",
                "type",
                "plover",
                "plover_mode",
                "cameo",
                "acled_event_type",
                "acled_sub_event_type",
                "date",
                "date_precision",
                "location",
                "country_code",
                "admin1",
                "lat",
                "lon",
                "geo_precision",
                "actor1",
                "actor1_country",
                "actor2",
                "target",
                "object",
                "weapon",
                "assoc_actor1",
                "fatalities",
                "injuries",
                "mode",
                "sources",
                "disputed",
            ])?;
            for r in &rows {
                let e = &r.event;
                let who = |role: sitrep_core::Role| {
                    e.actors
                        .iter()
                        .filter(|x| x.role == role)
                        .map(|x| x.canonical.clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let a1c = e
                    .actors
                    .iter()
                    .find(|x| x.role == sitrep_core::Role::Actor1)
                    .and_then(|x| x.country.clone())
                    .unwrap_or_default();
                let loc = e.location.as_ref();
                let opt = |v: Option<String>| v.unwrap_or_default();
                w.write_record([
                    e.id.clone(),
                    r.doc_id.clone(),
                    e.kind.clone(),
                    e.plover.category.clone(),
                    opt(e.plover.mode.clone()),
                    e.cameo.clone(),
                    opt(e.acled.as_ref().map(|x| x.event_type.clone())),
                    opt(e.acled.as_ref().map(|x| x.sub_event_type.clone())),
                    opt(e.date.as_ref().map(|d| d.value.clone())),
                    opt(sitrep_export::precision_name(e)),
                    opt(loc.map(|l| l.name.clone())),
                    opt(loc.and_then(|l| l.country_code.clone())),
                    opt(loc.and_then(|l| l.admin1.clone())),
                    opt(loc.and_then(|l| l.lat).map(|x| x.to_string())),
                    opt(loc.and_then(|l| l.lon).map(|x| x.to_string())),
                    opt(loc.map(|l| l.precision.to_string())),
                    who(sitrep_core::Role::Actor1),
                    a1c,
                    who(sitrep_core::Role::Actor2),
                    who(sitrep_core::Role::Target),
                    who(sitrep_core::Role::Object),
                    who(sitrep_core::Role::Weapon),
                    who(sitrep_core::Role::AssocActor1),
                    opt(e.fatalities.map(|x| x.to_string())),
                    opt(e.injuries.map(|x| x.to_string())),
                    serde_json::to_value(e.mode)?
                        .as_str()
                        .unwrap_or("")
                        .to_string(),
                    e.claims
                        .iter()
                        .map(|c| match &c.via {
                            Some(v) => format!("{} (via {v})", c.source),
                            None => c.source.clone(),
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                    e.disputed
                        .iter()
                        .map(|d| format!("{}: {}", d.field, d.sides.join(" | ")))
                        .collect::<Vec<_>>()
                        .join("; "),
                ])?;
            }
            w.flush()?;
        }
    }
    out.flush()?;
    eprintln!("{} event(s)", rows.len());
    Ok(0)
}

/// Incidents as JSON Lines (each as `Incident` serialises) or CSV (one row
/// per incident).
fn incidents(store: &sitrep_store::Store, a: &QueryArgs) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let filter = a.filter.filter();
    let n = match a.format {
        QueryFormat::Jsonl => {
            // The first write error, kept to stop on it after the scan.
            let mut failed: Option<std::io::Error> = None;
            let n = store.for_each_incident(&filter, |i| {
                if failed.is_none() {
                    if let Err(e) = serde_json::to_writer(&mut out, &i)
                        .map_err(std::io::Error::from)
                        .and_then(|()| writeln!(out))
                    {
                        failed = Some(e);
                    }
                }
                Ok(())
            })?;
            if let Some(e) = failed {
                return Err(e.into());
            }
            n
        }
        QueryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(sitrep_export::incidents::COLUMNS)?;
            let mut failed = None;
            let n = store.for_each_incident(&filter, |i| {
                if failed.is_none() {
                    if let Err(e) = w.write_record(sitrep_export::incidents::record(&i)) {
                        failed = Some(e);
                    }
                }
                Ok(())
            })?;
            if let Some(e) = failed {
                return Err(e.into());
            }
            w.flush()?;
            n
        }
    };
    out.flush()?;
    eprintln!("{n} incident(s)");
    Ok(0)
}

/// One incident with its reports.
fn show_incident(store: &sitrep_store::Store, id: &str, format: QueryFormat) -> Result<i32> {
    let Some((inc, rows)) = store.incident(id)? else {
        anyhow::bail!("{id}: no such incident (list them with `sitrep query`)");
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        QueryFormat::Jsonl => {
            let reports = rows
                .iter()
                .map(|r| {
                    let mut v = sitrep_export::jsonl_value(r)?;
                    v["source"] = serde_json::json!(r.doc_source);
                    v["published"] = serde_json::json!(r.published);
                    v["notes"] = serde_json::json!(r.notes);
                    Ok(v)
                })
                .collect::<Result<Vec<_>, sitrep_export::ExportError>>()?;
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({"incident": inc, "reports": reports}),
            )?;
            writeln!(out)?;
        }
        QueryFormat::Csv => {
            use sitrep_core::Role;
            use sitrep_export::names;
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "incident_id",
                "event_id",
                "doc_id",
                "source",
                "published",
                "claims",
                "type",
                "acled_event_type",
                "acled_sub_event_type",
                "date",
                "location",
                "country_code",
                "actor1",
                "assoc_actor1",
                "target",
                "fatalities",
                "injuries",
                "disputed",
                "sentences",
            ])?;
            for r in &rows {
                let e = &r.event;
                let opt = |v: Option<String>| v.unwrap_or_default();
                w.write_record([
                    inc.id.clone(),
                    e.id.clone(),
                    r.doc_id.clone(),
                    opt(r.doc_source.clone()),
                    opt(r.published.clone()),
                    sitrep_export::claimants(r),
                    e.kind.clone(),
                    opt(e.acled.as_ref().map(|x| x.event_type.clone())),
                    opt(e.acled.as_ref().map(|x| x.sub_event_type.clone())),
                    opt(e.date.as_ref().map(|d| d.value.clone())),
                    opt(e.location.as_ref().map(|l| l.name.clone())),
                    opt(e.location.as_ref().and_then(|l| l.country_code.clone())),
                    names(e, Role::Actor1),
                    names(e, Role::AssocActor1),
                    names(e, Role::Target),
                    opt(e.fatalities.map(|x| x.to_string())),
                    opt(e.injuries.map(|x| x.to_string())),
                    sitrep_export::disputes(e),
                    r.notes.clone(),
                ])?;
            }
            w.flush()?;
        }
    }
    out.flush()?;
    eprintln!(
        "{}: {} report(s), {} source(s)",
        inc.id, inc.reports, inc.sources
    );
    Ok(0)
}
