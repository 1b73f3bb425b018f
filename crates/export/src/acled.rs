//! ACLED CSV: ACLED's 31 columns in ACLED's order, one row per event in
//! ACLED's scope (an event with an ACLED type; meetings and statements are
//! counted as out of scope, not written).
//!
//! How each column is filled, and where sitrep has no value, is in the
//! README ("Exports"). The codes follow ACLED's codebook
//! (`../shared/data/events/acled/`): `time_precision` 1 = the day, 2 = a
//! week, 3 = a month or more (then `event_date` is the middle of the
//! interval, as ACLED dates such events); `geo_precision` 1–3 is the place's
//! own precision; `inter1`/`inter2` are ACLED's actor categories from the
//! actor's sector; `interaction` is the two categories as ACLED's two-digit
//! code (lower first; one actor alone: its category × 10).

use crate::countries;
use crate::ExportError;
use sitrep_core::{ActorRef, Event, Precision, Role};
use sitrep_store::EventRow;
use std::io::Write;

/// ACLED's columns, in ACLED's order.
pub const COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// ACLED's actor categories (`inter1`, `inter2`).
pub const INTER: [(u8, &str); 8] = [
    (1, "State forces"),
    (2, "Rebel groups"),
    (3, "Political militias"),
    (4, "Identity militias"),
    (5, "Rioters"),
    (6, "Protesters"),
    (7, "Civilians"),
    (8, "External/Other forces"),
];

/// ACLED's disorder type of a sub-event type: political violence (mob
/// violence among them), demonstrations, both (excessive force against
/// protesters), or strategic developments.
pub fn disorder_type(event_type: &str, sub_event_type: &str) -> &'static str {
    match (event_type, sub_event_type) {
        ("Protests", "Excessive force against protesters") => "Political violence; Demonstrations",
        ("Riots", "Mob violence") => "Political violence",
        ("Protests", _) | ("Riots", _) => "Demonstrations",
        ("Strategic developments", _) | ("Strategic Developments", _) => "Strategic developments",
        _ => "Political violence",
    }
}

/// ACLED's category of a participant in an event placed in `event_iso3`:
/// state actors of another country are external forces.
pub fn inter_of(a: &ActorRef, event_iso3: Option<&str>) -> Option<u8> {
    let text = a.text.to_lowercase();
    if text.contains("protest") || text.contains("demonstrat") {
        return Some(6);
    }
    if text.contains("rioter") || text.contains("mob") {
        return Some(5);
    }
    let sector = a.sector.as_deref()?;
    Some(match sector {
        "GOV" | "MIL" | "COP" | "SPY" | "JUD" | "LEG" => match (a.country.as_deref(), event_iso3) {
            (Some(c), Some(e)) if c != e => 8,
            _ => 1,
        },
        "REB" | "INS" | "IMG" => 2,
        "UAF" | "PTY" | "OPP" | "CRM" => 3,
        "ETH" => 4,
        "IGO" | "NGO" => 8,
        _ => 7,
    })
}

/// ACLED's two-digit interaction code of two categories.
pub fn interaction(i1: Option<u8>, i2: Option<u8>) -> Option<u8> {
    match (i1, i2) {
        (Some(a), Some(b)) => Some(a.min(b) * 10 + a.max(b)),
        (Some(a), None) | (None, Some(a)) => Some(a * 10),
        (None, None) => None,
    }
}

/// The event's date as ACLED writes it (YYYY-MM-DD; the middle of a
/// coarser interval) and its time precision.
fn date_of(e: &Event) -> Option<(chrono::NaiveDate, u8)> {
    let d = e.date.as_ref()?;
    let mid = d.start_date + (d.end_date - d.start_date) / 2;
    Some(match d.precision {
        Precision::Day => (d.start_date, 1),
        Precision::Week => (mid, 2),
        _ => (mid, 3),
    })
}

/// The first participant in one of `roles`, in that order of preference.
fn first<'a>(e: &'a Event, roles: &[Role]) -> Option<&'a ActorRef> {
    roles
        .iter()
        .find_map(|r| e.actors.iter().find(|a| a.role == *r))
}

/// One event as ACLED's 31 values, or `None` outside ACLED's scope.
pub fn record(row: &EventRow) -> Option<[String; 31]> {
    let e = &row.event;
    let acled = e.acled.as_ref()?;
    let loc = e.location.as_ref();
    let cc = loc.and_then(|l| l.country_code.as_deref());
    let country = cc.and_then(countries::by_iso2);
    let a1 = first(e, &[Role::Actor1]);
    // ACLED's actor2 is whoever the event was between or against.
    let a2 = first(e, &[Role::Actor2, Role::Target]);
    let iso3 = country.map(|c| c.iso3);
    // Civilians who protest or riot are ACLED's protesters and rioters.
    let crowd = match acled.event_type.as_str() {
        "Protests" => Some(6),
        "Riots" => Some(5),
        _ => None,
    };
    let i1 = a1
        .and_then(|a| inter_of(a, iso3))
        .map(|i| if i == 7 { crowd.unwrap_or(i) } else { i });
    let i2 = a2.and_then(|a| inter_of(a, iso3));
    let date = date_of(e);
    let opt = |v: Option<String>| v.unwrap_or_default();
    let assoc2: Vec<String> = [Role::AssocActor2]
        .iter()
        .map(|r| crate::names(e, *r))
        .chain(
            // Further targets beyond the first are associated with actor2.
            e.actors
                .iter()
                .filter(|a| a.role == Role::Target && Some(*a) != a2)
                .map(|a| a.canonical.clone()),
        )
        .filter(|s| !s.is_empty())
        .collect();
    let civilian = i2 == Some(7) && acled.event_type != "Protests";
    let mut tags: Vec<String> = Vec::new();
    if let Some(b) = loc.and_then(|l| l.basis.as_deref()) {
        if b != "text" {
            tags.push(format!("location from {b}"));
        }
    }
    if e.date.as_ref().is_some_and(|d| d.basis != "text") {
        tags.push("date from publication".into());
    }
    if e.mode != sitrep_core::Mode::Asserted {
        tags.push(format!("mode {}", crate::mode_name(e)));
    }
    for d in &e.disputed {
        tags.push(format!("disputed {}", d.field));
    }
    let timestamp = chrono::NaiveDateTime::parse_from_str(&row.ingested_at, "%Y-%m-%dT%H:%M:%SZ")
        .map(|t| t.and_utc().timestamp().to_string())
        .unwrap_or_default();
    Some([
        e.id.clone(),
        opt(date.map(|(d, _)| d.format("%Y-%m-%d").to_string())),
        opt(date.map(|(d, _)| d.format("%Y").to_string())),
        opt(date.map(|(_, p)| p.to_string())),
        disorder_type(&acled.event_type, &acled.sub_event_type).to_string(),
        acled.event_type.clone(),
        acled.sub_event_type.clone(),
        opt(a1.map(|a| a.canonical.clone())),
        crate::names(e, Role::AssocActor1),
        opt(i1.map(|i| i.to_string())),
        opt(a2.map(|a| a.canonical.clone())),
        assoc2.join("; "),
        opt(i2.map(|i| i.to_string())),
        opt(interaction(i1, i2).map(|i| i.to_string())),
        if civilian { "Civilian targeting" } else { "" }.to_string(),
        opt(country.map(|c| c.numeric.to_string())),
        opt(cc.and_then(countries::acled_region).map(str::to_string)),
        opt(country.map(|c| c.name.to_string())),
        opt(loc.and_then(|l| l.admin1.clone())),
        opt(loc.and_then(|l| l.admin2.clone())),
        String::new(),
        opt(loc.map(|l| l.name.clone())),
        opt(loc.and_then(|l| l.lat).map(|x| format!("{x:.4}"))),
        opt(loc.and_then(|l| l.lon).map(|x| format!("{x:.4}"))),
        opt(loc.map(|l| l.precision.clamp(1, 3).to_string())),
        crate::claimants(row),
        String::new(),
        row.notes.clone(),
        e.fatalities.unwrap_or(0).to_string(),
        tags.join("; "),
        timestamp,
    ])
}

/// Writes ACLED CSV rows.
pub struct Writer<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Result<Self, ExportError> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(COLUMNS)?;
        Ok(Writer { csv })
    }

    /// Writes the row; `false` if the event is outside ACLED's scope.
    pub fn push(&mut self, row: &EventRow) -> Result<bool, ExportError> {
        match record(row) {
            Some(r) => {
                self.csv.write_record(&r)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    pub fn finish(mut self) -> Result<(), ExportError> {
        self.csv.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::row;

    fn field<'a>(r: &'a [String; 31], name: &str) -> &'a str {
        &r[COLUMNS.iter().position(|c| *c == name).unwrap()]
    }

    #[test]
    fn a_raid_as_acled_codes_it() {
        let r = record(&row(18)).unwrap();
        assert_eq!(field(&r, "event_date"), "2025-09-19");
        assert_eq!(field(&r, "year"), "2025");
        assert_eq!(field(&r, "time_precision"), "1");
        assert_eq!(field(&r, "disorder_type"), "Political violence");
        assert_eq!(field(&r, "actor1"), "US forces");
        // US forces in Syria are external; an ISIS member a rebel.
        assert_eq!(field(&r, "inter1"), "8");
        assert_eq!(field(&r, "inter2"), "2");
        assert_eq!(field(&r, "interaction"), "28");
        assert_eq!(field(&r, "iso"), "760");
        assert_eq!(field(&r, "region"), "Middle East");
        assert_eq!(field(&r, "country"), "Syria");
        assert_eq!(field(&r, "geo_precision"), "3");
        assert_eq!(field(&r, "source"), "US Central Command");
        assert_eq!(field(&r, "fatalities"), "1");
        assert_eq!(field(&r, "timestamp"), "1759320000");
    }

    #[test]
    fn civilians_who_protest_are_protesters() {
        let mut x = row(0);
        x.event.acled = Some(sitrep_core::Acled {
            event_type: "Protests".into(),
            sub_event_type: "Peaceful protest".into(),
        });
        x.event.actors[0].text = "hundreds of residents".into();
        x.event.actors[0].sector = Some("CVL".into());
        x.event.actors.truncate(1);
        let r = record(&x).unwrap();
        assert_eq!(field(&r, "inter1"), "6");
        assert_eq!(field(&r, "interaction"), "60");
        assert_eq!(field(&r, "disorder_type"), "Demonstrations");
    }

    #[test]
    fn coarse_dates_take_the_middle_and_precision_three() {
        let mut x = row(0);
        let d = x.event.date.as_mut().unwrap();
        d.precision = Precision::Month;
        d.start_date = chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        d.end_date = chrono::NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
        d.basis = "document".into();
        let r = record(&x).unwrap();
        assert_eq!(field(&r, "event_date"), "2025-09-15");
        assert_eq!(field(&r, "time_precision"), "3");
        assert_eq!(field(&r, "tags"), "date from publication");
    }

    #[test]
    fn out_of_scope_events_are_counted_not_written() {
        let mut x = row(0);
        x.event.acled = None;
        let mut w = Writer::new(Vec::new()).unwrap();
        assert!(!w.push(&x).unwrap());
        assert!(w.push(&row(1)).unwrap());
        w.finish().unwrap();
    }

    /// Every sub-event type in ACLED's own table gets the disorder type
    /// the table gives it.
    #[test]
    fn disorder_types_follow_acleds_table() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/events/acled/acled_event_categories.csv");
        let Ok(text) = std::fs::read_to_string(&src) else {
            if std::env::var_os("SITREP_REQUIRE_SHARED").is_some() {
                panic!("{} is missing", src.display());
            }
            eprintln!("SKIPPED: {} is missing", src.display());
            return;
        };
        let mut n = 0;
        for l in text.lines().skip(1) {
            let f: Vec<&str> = l.split(',').collect();
            let (pv, dem) = (f[2] == "1.0", f[5] == "1.0");
            let want = match (pv, dem) {
                (true, true) => "Political violence; Demonstrations",
                (true, false) => "Political violence",
                (false, true) => "Demonstrations",
                (false, false) => "Strategic developments",
            };
            assert_eq!(disorder_type(f[0], f[1]), want, "{l}");
            n += 1;
        }
        assert!(n >= 24, "{n} rows");
    }

    #[test]
    fn columns_are_acleds_codebook_variables() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/events/acled/acled_codebook.csv");
        let Ok(text) = std::fs::read_to_string(&src) else {
            eprintln!("SKIPPED: {} is missing", src.display());
            return;
        };
        let vars: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .collect();
        // The codebook names inter1/inter2 on one line and lists the
        // region, admin and tag columns that its CSV header carries.
        for c in COLUMNS {
            let known = vars.contains(&c)
                || (c.starts_with("inter") && vars.contains(&"Inter1/Inter2"))
                || matches!(
                    c,
                    "disorder_type"
                        | "civilian_targeting"
                        | "tags"
                        | "admin1"
                        | "admin2"
                        | "admin3"
                        | "source_scale"
                        | "assoc_actor_1"
                        | "assoc_actor_2"
                );
            assert!(known, "{c} is not in ACLED's codebook");
        }
    }
}
