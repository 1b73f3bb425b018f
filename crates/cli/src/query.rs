//! `sitrep query`: read stored events back, filtered, as JSON Lines or CSV.

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
pub(crate) struct QueryArgs {
    #[arg(long, default_value = "sitrep.db")]
    db: String,
    #[command(flatten)]
    filter: FilterArgs,
    #[arg(long, value_enum, default_value_t = QueryFormat::Jsonl)]
    format: QueryFormat,
}

pub(crate) fn query(a: QueryArgs) -> Result<i32> {
    let store = open_store(&a.db)?;
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
                    opt(e
                        .date
                        .as_ref()
                        .and_then(|d| serde_json::to_value(d.precision).ok())
                        .and_then(|v| v.as_str().map(str::to_string))),
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
