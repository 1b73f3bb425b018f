//! Incidents as CSV: one row per incident, with how many reports and
//! sources it has and every field its reports disagree on.

use sitrep_core::{Incident, Role};

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "incident_id",
    "type",
    "plover",
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
    "assoc_actor1",
    "actor2",
    "target",
    "fatalities",
    "injuries",
    "reports",
    "sources",
    "source_names",
    "claimants",
    "first_seen",
    "last_seen",
    "disputed",
    "events",
];

/// The names an incident gives a role, joined by "; ".
fn names(i: &Incident, role: Role) -> String {
    i.actors
        .iter()
        .filter(|a| a.role == role)
        .map(|a| a.canonical.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One incident's row, in [`COLUMNS`]' order.
pub fn record(i: &Incident) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let loc = i.location.as_ref();
    vec![
        i.id.clone(),
        i.kind.clone(),
        i.plover.clone(),
        opt(i.acled.as_ref().map(|a| a.event_type.clone())),
        opt(i.acled.as_ref().map(|a| a.sub_event_type.clone())),
        opt(i.date.as_ref().map(|d| d.value.clone())),
        opt(i.date.as_ref().map(|d| d.precision.as_str().to_string())),
        opt(loc.map(|l| l.name.clone())),
        opt(loc.and_then(|l| l.country_code.clone())),
        opt(loc.and_then(|l| l.admin1.clone())),
        opt(loc.and_then(|l| l.lat).map(|x| x.to_string())),
        opt(loc.and_then(|l| l.lon).map(|x| x.to_string())),
        opt(loc.map(|l| l.precision.to_string())),
        names(i, Role::Actor1),
        names(i, Role::AssocActor1),
        names(i, Role::Actor2),
        names(i, Role::Target),
        opt(i.fatalities.map(|x| x.to_string())),
        opt(i.injuries.map(|x| x.to_string())),
        i.reports.to_string(),
        i.sources.to_string(),
        i.source_names.join("; "),
        i.claimants.join("; "),
        opt(i.first_seen.map(|d| d.to_string())),
        opt(i.last_seen.map(|d| d.to_string())),
        i.disputed
            .iter()
            .map(|d| format!("{}: {}", d.field, d.sides.join(" | ")))
            .collect::<Vec<_>>()
            .join("; "),
        i.events
            .iter()
            .map(|e| e.event.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    ]
}
