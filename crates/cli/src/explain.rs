//! `--explain`: a human-readable account of each event.

use sitrep_core::Output;
use std::io::Write;

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// Writes, for each event, its codes, its fields with the span each came
/// from, its claims and its evidence sentences.
pub fn write(out: &mut impl Write, o: &Output) -> std::io::Result<()> {
    let t = &o.text;
    let sl = |s: usize, e: usize| t.get(s..e).unwrap_or("");
    writeln!(
        out,
        "== {} ({} events; published {})",
        o.document.id,
        o.events.len(),
        o.document
            .published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "unknown".into())
    )?;
    for ev in &o.events {
        let acled = ev
            .acled
            .as_ref()
            .map(|a| format!("{} / {}", a.event_type, a.sub_event_type))
            .unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "\n{}  {}  [PLOVER {}{}; CAMEO {}; ACLED {}]  mode: {:?}",
            ev.id,
            ev.kind,
            ev.plover.category,
            ev.plover
                .mode
                .as_ref()
                .map(|m| format!("/{m}"))
                .unwrap_or_default(),
            ev.cameo,
            acled,
            ev.mode
        )?;
        for f in &ev.fields {
            let value = match f.field.as_str() {
                "date" => ev
                    .date
                    .as_ref()
                    .map(|d| format!("{} ({:?})", d.value, d.precision))
                    .unwrap_or_default(),
                "location" => ev
                    .location
                    .as_ref()
                    .map(|p| {
                        format!(
                            "{} [{}{}] precision {}",
                            p.name,
                            p.country_code.clone().unwrap_or_default(),
                            p.admin1
                                .as_ref()
                                .map(|a| format!(", {a}"))
                                .unwrap_or_default(),
                            p.precision
                        )
                    })
                    .unwrap_or_default(),
                "fatalities" => ev.fatalities.map(|x| x.to_string()).unwrap_or_default(),
                "injuries" => ev.injuries.map(|x| x.to_string()).unwrap_or_default(),
                "type" => ev.kind.clone(),
                other => ev
                    .actors
                    .iter()
                    .find(|a| {
                        a.start == f.start
                            && a.end == f.end
                            && other.ends_with(
                                &format!("{:?}", a.role)
                                    .to_lowercase()
                                    .replace("assocactor", "assoc_actor"),
                            )
                    })
                    .map(|a| {
                        format!(
                            "{} ({}/{}{})",
                            a.canonical,
                            a.country.clone().unwrap_or("-".into()),
                            a.sector.clone().unwrap_or("-".into()),
                            a.affiliation
                                .as_ref()
                                .map(|x| format!(", {x}"))
                                .unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
            };
            writeln!(
                out,
                "  {:<20} {:<45} ← “{}” @{}..{}",
                f.field,
                value,
                sl(f.start, f.end),
                f.start,
                f.end
            )?;
        }
        if ev.date.as_ref().is_some_and(|d| d.basis == "document") {
            writeln!(
                out,
                "  {:<20} (none in the text: the week before publication)",
                "date"
            )?;
        }
        for (i, c) in ev.claims.iter().enumerate() {
            writeln!(
                out,
                "  claim[{i}]             {}{}{}",
                c.source,
                c.via
                    .as_ref()
                    .map(|v| format!(" via {v}"))
                    .unwrap_or_default(),
                c.cue
                    .as_ref()
                    .map(|v| format!(" (“{v}”)"))
                    .unwrap_or_default()
            )?;
        }
        for d in &ev.disputed {
            writeln!(out, "  disputed {}: {}", d.field, d.sides.join(" | "))?;
        }
        for e in &ev.evidence {
            writeln!(out, "  > {}", clip(sl(e.start, e.end), 240))?;
        }
    }
    writeln!(out)
}
