//! Event records scored as incidents, on MUC-4's full answer keys (issue 28).
//!
//! The per-stage scorers check triggers, arguments or places one at a
//! time. This one checks what a user gets: one record per real incident,
//! of the right type, in the right place, on the right day.
//!
//! **Gold.** Every answer-key template whose `INCIDENT: TYPE` is not `*` is
//! one incident: ATTACK, BOMBING, KIDNAPPING, ARSON, ROBBERY or FORCED WORK
//! STOPPAGE, with its date (`21 JAN 89`; `15 JAN 89 - 21 JAN 89`, on or
//! between; `- 21 JAN 89`, on or within a month before), its location
//! (`COUNTRY: DEPARTMENT (DEPARTMENT): TOWN (CITY)`), and its dead: the
//! `HUM TGT: NUMBER` of each target whose `EFFECT OF INCIDENT` is DEATH.
//! Templates marked OPTIONAL count like the others.
//!
//! **Predictions.** The message is coded with the publication date of its
//! dateline (`SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --`: 1990-01-03, two-digit
//! years read as 19YY; `NO DATE`: none). Its records are the violent events
//! that are not negated, hypothetical or future:
//! - PLOVER ASSAULT;
//! - ACLED Violence against civilians or Explosions/Remote violence;
//! - kidnappings, arson and robbery.
//!
//! ACLED Battles are left out, since MUC-4 does not annotate clashes between
//! armed forces.
//!
//! **Matching.** One to one, within a message (a maximum matching). A
//! record matches an incident when all of these hold:
//! - its type is compatible: the same MUC-4 type, or a generic attack
//!   against a bombing or arson;
//! - its location is in the gold country;
//! - where the gold names a department or town, the location names one of
//!   them (its own name, its province or its district);
//! - where the gold gives a date, the record's date interval overlaps it.
//!
//! **Unmatched records** are split between messages that report no
//! incident (MUC-4's irrelevant messages: military clashes, politics) and
//! the others (a second record of one incident, or one MUC-4 leaves out).
//!
//! **Field accuracy.** Records are paired with incidents of their message
//! by type alone (the same maximum matching, preferring pairs that agree on
//! more fields). Over those pairs the scorer reports how often the date,
//! country, town, exact type and death toll are right.

use crate::Prf;
use anyhow::{bail, Context, Result};
use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use sitrep_core::{Event, Mode, Output};
use std::collections::BTreeMap;
use std::path::Path;

/// Which answer keys to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Muc4Split {
    /// The 1,300 DEV messages, where rules are developed.
    Dev,
    /// TST1 (100 messages).
    Tst1,
    /// TST2 (100 messages).
    Tst2,
    /// TST1 and TST2 together, the figure to report.
    Tst12,
}

impl Muc4Split {
    pub fn name(self) -> &'static str {
        match self {
            Muc4Split::Dev => "dev",
            Muc4Split::Tst1 => "tst1",
            Muc4Split::Tst2 => "tst2",
            Muc4Split::Tst12 => "tst1+tst2",
        }
    }
    /// The sub-folders of the templates folder it reads.
    fn folders(self) -> &'static [&'static str] {
        match self {
            Muc4Split::Dev => &["dev"],
            Muc4Split::Tst1 => &["tst1"],
            Muc4Split::Tst2 => &["tst2"],
            Muc4Split::Tst12 => &["tst1", "tst2"],
        }
    }
}

/// The MUC-4 incident types.
const TYPES: [&str; 6] = [
    "ATTACK",
    "BOMBING",
    "KIDNAPPING",
    "ARSON",
    "ROBBERY",
    "FORCED WORK STOPPAGE",
];

/// One gold incident.
#[derive(Debug, Clone)]
pub struct Incident {
    pub message: String,
    pub template: String,
    /// The type, and any alternative the key allows ("BOMBING / ATTACK").
    pub types: Vec<String>,
    /// The date intervals the key allows (inclusive); empty when it gives
    /// no date.
    pub dates: Vec<(NaiveDate, NaiveDate)>,
    /// The country as written ("EL SALVADOR"); empty when not given.
    pub country: String,
    /// The departments, towns and places named below the country.
    pub places: Vec<String>,
    /// The dead, where the key counts them.
    pub deaths: Option<u32>,
}

/// One message: its text and what its dateline says.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: String,
    pub text: String,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
}

/// A template's slots: slot number → its fills, one per line.
type Slots = BTreeMap<u32, Vec<String>>;

/// Reads an answer-key file into templates' slots.
fn read_templates(raw: &str) -> Vec<Slots> {
    let mut out: Vec<Slots> = Vec::new();
    let mut last: Option<u32> = None;
    for line in raw.lines() {
        if line.starts_with(";;;") {
            continue;
        }
        let trimmed = line.trim_start();
        // "12. PHYS TGT: ID   value": a slot number, its name, two spaces, the value.
        let numbered = trimmed
            .split_once(". ")
            .and_then(|(n, rest)| n.parse::<u32>().ok().map(|n| (n, rest)));
        if let Some((n, rest)) = numbered {
            let value = rest
                .split_once("  ")
                .map_or("", |(_, v)| v)
                .trim()
                .to_string();
            if n == 0 {
                out.push(Slots::new());
            }
            if let Some(t) = out.last_mut() {
                t.entry(n).or_default().push(value);
                last = Some(n);
            }
        } else if !trimmed.is_empty() && line.starts_with(' ') {
            // A further fill of the same slot, on its own line.
            if let (Some(t), Some(n)) = (out.last_mut(), last) {
                t.entry(n).or_default().push(trimmed.to_string());
            }
        }
    }
    out
}

/// The first fill of a slot ("" where absent).
fn first(t: &Slots, n: u32) -> &str {
    t.get(&n).and_then(|v| v.first()).map_or("", String::as_str)
}

/// A date of the keys: "21 JAN 89", "21 JAN 1989", or "21 JAN" in the
/// message's year.
fn key_date(s: &str, year: Option<i32>) -> Option<NaiveDate> {
    let ws: Vec<&str> = s.split_whitespace().collect();
    let day: u32 = ws.first()?.parse().ok()?;
    let month = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    .iter()
    .position(|m| ws.get(1).is_some_and(|w| w.starts_with(m)))? as u32
        + 1;
    let year = match ws.get(2) {
        Some(y) => {
            let y: i32 = y.parse().ok()?;
            if y < 100 {
                1900 + y
            } else {
                y
            }
        }
        None => year?,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The intervals a DATE fill allows (alternatives split on " / ").
fn key_dates(fill: &str, year: Option<i32>) -> Vec<(NaiveDate, NaiveDate)> {
    fill.split(" / ")
        .filter_map(|alt| {
            let alt = alt
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim();
            if let Some(before) = alt.strip_prefix('-') {
                let d = key_date(before.trim(), year)?;
                return Some((d - Duration::days(31), d));
            }
            match alt.split_once(" - ") {
                Some((a, b)) => Some((key_date(a, year)?, key_date(b, year)?)),
                None => key_date(alt, year).map(|d| (d, d)),
            }
        })
        .collect()
}

/// A LOCATION fill: its country and the places named below it, without
/// their kinds ("SAN MIGUEL (DEPARTMENT)" → "SAN MIGUEL"). Alternatives in
/// brackets ("(EL SALVADOR: X (CITY)) / (EL SALVADOR: Y (CITY))") pool
/// their places.
fn key_location(fill: &str) -> (String, Vec<String>) {
    let fill = fill.trim_start_matches('?').trim();
    if matches!(fill, "" | "*" | "-") {
        return (String::new(), Vec::new());
    }
    let fill = fill.replace(") / (", " / ");
    let fill = fill.trim_start_matches('(').trim_end_matches(')');
    let mut parts = fill.split(':');
    let country = parts.next().unwrap_or("").trim();
    let country = country.split(" / ").next().unwrap_or("").trim().to_string();
    let places = parts
        .flat_map(|p| p.split(" - ").flat_map(|q| q.split(" / ")))
        .map(|p| match p.find('(') {
            Some(i) => p[..i].trim(),
            None => p.trim(),
        })
        .map(|p| {
            p.trim_matches(|c: char| c == '"' || c == '?')
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect();
    (country, places)
}

/// The quoted filler a fill ends with (`DEATH: "CIVILIAN"` → `CIVILIAN`).
fn filler(fill: &str) -> Option<&str> {
    let (_, q) = fill.split_once(": ")?;
    Some(q.trim())
}

/// The dead of a template: the NUMBER of each human target whose EFFECT is
/// DEATH. None where a number is not a count ("PLURAL", "7 - 10").
fn key_deaths(t: &Slots) -> Option<u32> {
    let effects = t.get(&23).cloned().unwrap_or_default();
    if effects.iter().any(|e| e.trim() == "*") {
        return None;
    }
    let numbers = t.get(&21).cloned().unwrap_or_default();
    let mut total = 0;
    for e in effects.iter().filter(|e| e.contains("DEATH")) {
        let who = filler(e)?;
        let n = numbers.iter().find(|n| filler(n) == Some(who))?;
        let count: u32 = n
            .split(':')
            .next()?
            .trim()
            .trim_start_matches('?')
            .parse()
            .ok()?;
        total += count;
    }
    Some(total)
}

/// The gold incidents of an answer-key file, given each message's year.
pub fn read_keys(raw: &str, years: &BTreeMap<String, i32>) -> Vec<Incident> {
    read_templates(raw)
        .into_iter()
        .filter_map(|t| {
            let kind = first(&t, 4).trim_start_matches('?').trim();
            if matches!(kind, "" | "*") {
                return None;
            }
            // "DEV-MUC3-0001 (NCCOSC)": the ID is the first word.
            let message = first(&t, 0)
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            let year = years.get(&message).copied();
            let (country, places) = key_location(first(&t, 3));
            Some(Incident {
                template: first(&t, 1).to_string(),
                types: kind
                    .split(" / ")
                    .map(|k| k.trim().to_string())
                    .filter(|k| TYPES.contains(&k.as_str()))
                    .collect(),
                dates: key_dates(first(&t, 2), year),
                country,
                places,
                deaths: key_deaths(&t),
                message,
            })
        })
        .collect()
}

/// The messages of a text file: each starts with its ID on a line of its
/// own ("DEV-MUC3-0001 (NOSC)"); the dateline opens its text.
pub fn read_messages(raw: &str) -> Vec<Message> {
    let is_id = |l: &str| {
        let w = l.split_whitespace().next().unwrap_or("");
        (w.starts_with("DEV-MUC") || w.starts_with("TST")) && w.matches('-').count() == 2
    };
    let mut out: Vec<Message> = Vec::new();
    for line in raw.lines() {
        if is_id(line) {
            out.push(Message {
                id: line.split_whitespace().next().unwrap_or("").to_string(),
                text: String::new(),
                published: None,
                source: None,
            });
        } else if let Some(m) = out.last_mut() {
            m.text.push_str(line);
            m.text.push('\n');
        }
    }
    for m in &mut out {
        let dateline = m.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let head = dateline.split(" --").next().unwrap_or("");
        // "SAN SALVADOR, 3 JAN 90 (ACAN-EFE)": the date after the first comma.
        if let Some((_, rest)) = head.split_once(", ") {
            let date = rest.split('(').next().unwrap_or("").trim();
            m.published = key_date(date, None);
            m.source = rest
                .split_once('(')
                .and_then(|(_, s)| s.split_once(')'))
                .map(|(s, _)| s.trim().to_string());
        }
        m.text = m.text.trim().to_string();
    }
    out
}

/// The MUC-4 type a record is: KIDNAPPING, BOMBING, ARSON (property
/// destroyed), ROBBERY (property plundered) or a generic ATTACK; None for an event that is no record (not violent, a
/// battle, or not asserted).
pub fn record_type(e: &Event) -> Option<&'static str> {
    if matches!(e.mode, Mode::Negated | Mode::Hypothetical | Mode::Future) {
        return None;
    }
    let acled_type = e.acled.as_ref().map(|a| a.event_type.as_str());
    let sub = e.acled.as_ref().map_or("", |a| a.sub_event_type.as_str());
    let kind = e.kind.as_str();
    // Property destroyed or plundered is one kind in sitrep; its trigger
    // tells plunder ("looted", "ransacked") from burning ("torched", "set
    // fire").
    let plunder = ["loot", "plunder", "ransack", "rob", "stole", "steal"];
    let trigger = e.trigger.to_lowercase();
    let named = match kind {
        "abduction" | "kidnapping" | "hostage taking" => Some("KIDNAPPING"),
        "property destruction" if plunder.iter().any(|w| trigger.contains(w)) => Some("ROBBERY"),
        "property destruction" | "arson" => Some("ARSON"),
        "robbery" | "looting" => Some("ROBBERY"),
        _ => None,
    };
    if acled_type == Some("Battles") && named.is_none() {
        return None;
    }
    let violent = e.plover.category == "ASSAULT"
        || matches!(
            acled_type,
            Some("Violence against civilians" | "Explosions/Remote violence")
        )
        || named.is_some();
    if !violent {
        return None;
    }
    if let Some(t) = named {
        return Some(t);
    }
    if sub == "Abduction/forced disappearance" {
        return Some("KIDNAPPING");
    }
    let bombing = matches!(
        sub,
        "Remote explosive/landmine/IED" | "Suicide bomb" | "Grenade"
    ) || kind.contains("bomb")
        || kind.contains("explosion");
    Some(if bombing { "BOMBING" } else { "ATTACK" })
}

/// Whether a record of type `sys` may stand for an incident of type
/// `gold`: the same type, or a generic attack for a bombing or an arson
/// (and the other way round).
fn compatible(sys: &str, gold: &str) -> bool {
    sys == gold
        || sys == "ATTACK" && matches!(gold, "BOMBING" | "ARSON")
        || gold == "ATTACK" && matches!(sys, "BOMBING" | "ARSON")
}

/// Folds a place name for comparison: lowercase ASCII words, without the
/// words that name a kind of area.
fn fold(s: &str) -> String {
    sitrep_geo::normalize(s)
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "department" | "departamento" | "province" | "municipality" | "district" | "city"
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a record is checked on.
struct Record<'a> {
    event: &'a Event,
    kind: &'static str,
}

/// The checks of one record against one incident.
#[derive(Clone, Copy, Default)]
struct Checks {
    kind: bool,
    country: bool,
    town: bool,
    date: bool,
}

impl Checks {
    fn all(self) -> bool {
        self.kind && self.country && self.town && self.date
    }
    fn count(self) -> usize {
        self.kind as usize + self.country as usize + self.town as usize + self.date as usize
    }
    /// The first condition that fails, in the order a user notices it; a
    /// record that passes them all matched another incident of its message
    /// (one record told two incidents).
    fn failure(self) -> &'static str {
        if self.all() {
            "record matched another incident"
        } else if !self.kind {
            "type"
        } else if !self.country {
            "country"
        } else if !self.town {
            "town"
        } else {
            "date"
        }
    }
}

/// The ISO codes the gazetteer gives a country's name.
fn country_codes(gaz: &sitrep_geo::Gazetteer, name: &str) -> Vec<String> {
    gaz.lookup(name)
        .into_iter()
        .map(|(id, _)| gaz.entry(id))
        .filter(|e| e.level == sitrep_geo::Level::Country)
        .map(|e| e.cc.clone())
        .collect()
}

fn check(r: &Record, g: &Incident, codes: &[String]) -> Checks {
    let loc = r.event.location.as_ref();
    let country = loc
        .and_then(|p| p.country_code.as_ref())
        .is_some_and(|cc| codes.contains(cc));
    let names: Vec<String> = loc
        .map(|p| [Some(&p.name), p.admin1.as_ref(), p.admin2.as_ref()])
        .into_iter()
        .flatten()
        .flatten()
        .map(|n| fold(n))
        .filter(|n| !n.is_empty())
        .collect();
    let town = g.places.is_empty() || g.places.iter().any(|p| names.contains(&fold(p)));
    let date = g.dates.is_empty()
        || r.event.date.as_ref().is_some_and(|d| {
            g.dates
                .iter()
                .any(|&(a, b)| d.start_date <= b && a <= d.end_date)
        });
    Checks {
        kind: g.types.iter().any(|t| compatible(r.kind, t)),
        country,
        town,
        date,
    }
}

/// A maximum one-to-one matching of records to incidents over the pairs
/// `ok` allows, trying incidents in order and, for each, its records by
/// `rank` (best first). Returns, per incident, its record.
fn matching(
    n_sys: usize,
    n_gold: usize,
    ok: impl Fn(usize, usize) -> bool,
    rank: impl Fn(usize, usize) -> usize,
) -> Vec<Option<usize>> {
    let mut of_sys: Vec<Option<usize>> = vec![None; n_sys];
    fn augment(
        g: usize,
        seen: &mut [bool],
        of_sys: &mut [Option<usize>],
        cand: &[Vec<usize>],
    ) -> bool {
        for &s in &cand[g] {
            if seen[s] {
                continue;
            }
            seen[s] = true;
            if of_sys[s].is_none_or(|h| augment(h, seen, of_sys, cand)) {
                of_sys[s] = Some(g);
                return true;
            }
        }
        false
    }
    let cand: Vec<Vec<usize>> = (0..n_gold)
        .map(|g| {
            let mut v: Vec<usize> = (0..n_sys).filter(|&s| ok(s, g)).collect();
            v.sort_by_key(|&s| std::cmp::Reverse(rank(s, g)));
            v
        })
        .collect();
    for g in 0..n_gold {
        let mut seen = vec![false; n_sys];
        augment(g, &mut seen, &mut of_sys, &cand);
    }
    let mut of_gold = vec![None; n_gold];
    for (s, g) in of_sys.iter().enumerate() {
        if let Some(g) = g {
            of_gold[*g] = Some(s);
        }
    }
    of_gold
}

/// Right answers over the pairs a field is scored on.
#[derive(Default, Clone, Copy)]
struct Acc {
    right: usize,
    n: usize,
}

impl Acc {
    fn add(&mut self, right: bool) {
        self.right += right as usize;
        self.n += 1;
    }
    fn json(self) -> Value {
        let a = if self.n > 0 {
            self.right as f64 / self.n as f64
        } else {
            0.0
        };
        json!({"accuracy": a, "right": self.right, "of": self.n})
    }
}

/// A short account of a record for the error list.
fn describe(e: &Event, kind: &str, text: &str) -> Value {
    let loc = e.location.as_ref();
    json!({
        "type": kind,
        "trigger": e.trigger,
        "date": e.date.as_ref().map(|d| d.value.clone()),
        "place": loc.map(|p| p.name.clone()),
        "place_basis": loc.and_then(|p| p.basis.clone()),
        "country": loc.and_then(|p| p.country_code.clone()),
        "fatalities": e.fatalities,
        "mode": e.mode,
        "acled": e.acled.as_ref().map(|a| format!("{} / {}", a.event_type, a.sub_event_type)),
        "actors": e.actors.iter().map(|a| format!("{:?}: {} ({})", a.role, a.text, a.sector.as_deref().unwrap_or("-"))).collect::<Vec<_>>(),
        "sentence": e.evidence.first().and_then(|ev| text.get(ev.start..ev.end))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect::<String>()),
    })
}

/// Reads the split's messages and keys from the templates folder.
pub fn read(dir: &Path, split: Muc4Split) -> Result<(Vec<Message>, Vec<Incident>)> {
    let mut messages = Vec::new();
    let mut keys = Vec::new();
    for folder in split.folders() {
        let d = dir.join(folder);
        let mut files: Vec<_> = std::fs::read_dir(&d)
            .with_context(|| format!("reading {}", d.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            let raw =
                std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            let name = f.file_name().unwrap_or_default().to_string_lossy();
            if name.starts_with("key-") {
                keys.push(raw);
            } else {
                messages.extend(read_messages(&raw));
            }
        }
    }
    if messages.is_empty() || keys.is_empty() {
        bail!(
            "{}: no MUC-4 messages or answer keys for {} (expected the folders dev/, tst1/, tst2/ of the templates release)",
            dir.display(),
            split.name()
        );
    }
    let years: BTreeMap<String, i32> = messages
        .iter()
        .filter_map(|m| {
            use chrono::Datelike;
            m.published.map(|d| (m.id.clone(), d.year()))
        })
        .collect();
    let incidents = keys.iter().flat_map(|k| read_keys(k, &years)).collect();
    Ok((messages, incidents))
}

/// Codes every message of the split and scores its records as incidents.
pub fn eval(dir: &Path, split: Muc4Split, errors: bool) -> Result<Value> {
    let (messages, incidents) = read(dir, split)?;
    let pipe = sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?;
    let gaz = sitrep_geo::default_gazetteer().map_err(anyhow::Error::msg)?;
    let mut by_message: BTreeMap<&str, Vec<&Incident>> = BTreeMap::new();
    for g in &incidents {
        by_message.entry(g.message.as_str()).or_default().push(g);
    }
    let t0 = std::time::Instant::now();
    let mut strict = Prf::default();
    let (mut date, mut country, mut town, mut kind, mut deaths) = (
        Acc::default(),
        Acc::default(),
        Acc::default(),
        Acc::default(),
        Acc::default(),
    );
    let mut failures: BTreeMap<&str, usize> = BTreeMap::new();
    // Records that match no incident: in messages that report none, and
    // beside the incidents of the others.
    let (mut in_empty, mut beside) = (0usize, 0usize);
    let mut misses = Vec::new();
    let mut spurious = Vec::new();
    let mut matched_list = Vec::new();
    for m in &messages {
        let mut doc = crate::eval_doc(&m.id, None, &m.text);
        doc.published = m.published;
        doc.source = m.source.clone();
        let out: Output = pipe.run(&doc, Vec::new());
        let records: Vec<Record> = out
            .events
            .iter()
            .filter_map(|e| record_type(e).map(|kind| Record { event: e, kind }))
            .collect();
        let gold = by_message.get(m.id.as_str()).cloned().unwrap_or_default();
        let codes: Vec<Vec<String>> = gold
            .iter()
            .map(|g| country_codes(gaz, &g.country))
            .collect();
        let checks: Vec<Vec<Checks>> = records
            .iter()
            .map(|r| {
                gold.iter()
                    .zip(&codes)
                    .map(|(g, c)| check(r, g, c))
                    .collect()
            })
            .collect();
        let full = matching(
            records.len(),
            gold.len(),
            |s, g| checks[s][g].all(),
            |_, _| 0,
        );
        let hits = full.iter().filter(|x| x.is_some()).count();
        if gold.is_empty() {
            in_empty += records.len();
        } else {
            beside += records.len() - hits;
        }
        strict.add(Prf {
            hit: hits,
            sys: records.len(),
            gold: gold.len(),
        });
        // Field accuracy over the records paired by type alone.
        let loose = matching(
            records.len(),
            gold.len(),
            |s, g| checks[s][g].kind,
            |s, g| checks[s][g].count(),
        );
        for (gi, s) in loose.iter().enumerate() {
            let Some(s) = *s else { continue };
            let (c, g, e) = (checks[s][gi], gold[gi], records[s].event);
            country.add(c.country);
            if !g.places.is_empty() {
                town.add(c.town);
            }
            if !g.dates.is_empty() {
                date.add(c.date);
            }
            kind.add(g.types.iter().any(|t| t == records[s].kind));
            if let Some(n) = g.deaths {
                deaths.add(e.fatalities.unwrap_or(0) == n);
            }
        }
        if errors {
            for (gi, s) in full.iter().enumerate() {
                if let Some(s) = *s {
                    matched_list.push(json!({
                        "message": m.id,
                        "template": gold[gi].template,
                        "record": describe(records[s].event, records[s].kind, &m.text),
                    }));
                }
            }
            for (s, r) in records.iter().enumerate() {
                if !full.contains(&Some(s)) {
                    spurious.push(json!({
                        "message": m.id,
                        "message_incidents": gold.len(),
                        "record": describe(r.event, r.kind, &m.text),
                    }));
                }
            }
        }
        for (gi, g) in gold.iter().enumerate() {
            if full[gi].is_some() {
                continue;
            }
            // The record that comes closest, and the first check it fails.
            let best = (0..records.len()).max_by_key(|&s| (checks[s][gi].count(), usize::MAX - s));
            let why = match best {
                None => "no violent record",
                Some(s) => checks[s][gi].failure(),
            };
            *failures.entry(why).or_default() += 1;
            if errors {
                misses.push(json!({
                    "message": m.id,
                    "template": g.template,
                    "gold": {"type": g.types, "country": g.country, "places": g.places,
                             "dates": g.dates.iter().map(|(a, b)| format!("{a}..{b}")).collect::<Vec<_>>(),
                             "deaths": g.deaths},
                    "failed": why,
                    "closest": best.map(|s| describe(records[s].event, records[s].kind, &m.text)),
                }));
            }
        }
    }
    let (p, r, f) = crate::f1(strict.hit, strict.sys, strict.gold);
    let mut report = json!({
        "benchmark": "MUC-4 answer keys: event records as incidents",
        "split": split.name(),
        "messages": messages.len(),
        "gold_incidents": strict.gold,
        "records": strict.sys,
        "matched": strict.hit,
        "precision": p,
        "recall": r,
        "f1": f,
        "records_per_gold_incident": if strict.gold > 0 { strict.sys as f64 / strict.gold as f64 } else { 0.0 },
        "missed_by_first_failed_check": failures,
        "unmatched_records": {
            "in_messages_without_incidents": in_empty,
            "in_messages_with_incidents": beside,
        },
        "fields_over_type_matched_pairs": {
            "date": date.json(), "country": country.json(), "town": town.json(),
            "type_exact": kind.json(), "deaths": deaths.json(),
        },
        "seconds": t0.elapsed().as_secs_f64(),
    });
    if errors {
        report["misses"] = Value::Array(misses);
        report["unmatched"] = Value::Array(spurious);
        report["matched_records"] = Value::Array(matched_list);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn key_dates_read_the_three_forms_and_alternatives() {
        assert_eq!(
            key_dates("02 FEB 90", None),
            vec![(d(1990, 2, 2), d(1990, 2, 2))]
        );
        assert_eq!(
            key_dates("15 JAN 89 - 21 JAN 89", None),
            vec![(d(1989, 1, 15), d(1989, 1, 21))]
        );
        assert_eq!(
            key_dates("- 21 JAN 89", None),
            vec![(d(1988, 12, 21), d(1989, 1, 21))]
        );
        assert_eq!(
            key_dates("30 DEC", Some(1989)),
            vec![(d(1989, 12, 30), d(1989, 12, 30))]
        );
        assert_eq!(key_dates("(- 10 NOV 89) / (- 12 NOV 89)", None).len(), 2);
        assert!(key_dates("-", None).is_empty());
        assert!(key_dates("*", None).is_empty());
    }

    #[test]
    fn locations_give_the_country_and_the_places_below_it() {
        let (c, p) =
            key_location("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)");
        assert_eq!(c, "EL SALVADOR");
        assert_eq!(p, vec!["SAN MIGUEL", "SAN LUIS DE LA REINA"]);
        let (c, p) = key_location("COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)");
        assert_eq!((c.as_str(), p.len()), ("COLOMBIA", 2));
        assert_eq!(key_location("PERU"), ("PERU".to_string(), vec![]));
        let (c, p) = key_location("(EL SALVADOR: APOPA (CITY)) / (EL SALVADOR: SOYAPANGO (CITY))");
        assert_eq!(c, "EL SALVADOR");
        assert!(
            p.contains(&"APOPA".to_string()) && p.contains(&"SOYAPANGO".to_string()),
            "{p:?}"
        );
        assert_eq!(key_location("*"), (String::new(), vec![]));
    }

    #[test]
    fn a_key_template_becomes_an_incident_with_its_dead() {
        let key = "\
0.  MESSAGE: ID                     TST1-MUC3-0001 (NCCOSC)
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  02 FEB 90
3.  INCIDENT: LOCATION              GUATEMALA: SANTO TOMAS (FARM)
4.  INCIDENT: TYPE                  ATTACK
21. HUM TGT: NUMBER                 1: \"CEREZO\"
                                    2: \"CIVILIANS\"
23. HUM TGT: EFFECT OF INCIDENT     NO INJURY: \"CEREZO\"
                                    DEATH: \"CIVILIANS\"

0.  MESSAGE: ID                     TST1-MUC3-0002
1.  MESSAGE: TEMPLATE               *
4.  INCIDENT: TYPE                  *
";
        let inc = read_keys(key, &BTreeMap::new());
        assert_eq!(inc.len(), 1, "a template of type * is no incident");
        let g = &inc[0];
        assert_eq!(g.message, "TST1-MUC3-0001");
        assert_eq!(g.types, vec!["ATTACK"]);
        assert_eq!(g.country, "GUATEMALA");
        assert_eq!(g.places, vec!["SANTO TOMAS"]);
        assert_eq!(g.deaths, Some(2));
        assert_eq!(g.dates, vec![(d(1990, 2, 2), d(1990, 2, 2))]);
    }

    #[test]
    fn messages_take_their_date_and_source_from_the_dateline() {
        let raw = "DEV-MUC3-0001 (NOSC)\n\n   SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] A BOMB EXPLODED.\n\nDEV-MUC3-0002 (NOSC)\n\n   CLANDESTINE, NO DATE (RADIO VENCEREMOS) -- [TEXT] NOTHING.\n";
        let ms = read_messages(raw);
        assert_eq!(ms.len(), 2);
        assert_eq!(ms[0].id, "DEV-MUC3-0001");
        assert_eq!(ms[0].published, Some(d(1990, 1, 3)));
        assert_eq!(ms[0].source.as_deref(), Some("ACAN-EFE"));
        assert!(ms[0].text.starts_with("SAN SALVADOR, 3 JAN 90"));
        assert_eq!(ms[1].published, None);
    }

    #[test]
    fn the_matching_is_one_to_one_and_maximal() {
        // Record 0 fits both incidents, record 1 only the first: both match.
        let ok = |s: usize, g: usize| s == 0 || g == 0;
        let m = matching(2, 2, ok, |_, _| 0);
        assert_eq!(m, vec![Some(1), Some(0)]);
        // Two records for one incident: one matches, the other is spurious.
        assert_eq!(matching(2, 1, |_, _| true, |_, _| 0).len(), 1);
    }

    #[test]
    fn property_destroyed_is_arson_and_plundered_is_robbery() {
        let out = |kind: &str, trigger: &str| Event {
            id: "d#e1".into(),
            kind: kind.into(),
            trigger: trigger.into(),
            plover: sitrep_core::Plover {
                category: "ASSAULT".into(),
                mode: Some("destroy".into()),
            },
            cameo: "1712".into(),
            acled: None,
            date: None,
            location: None,
            actors: vec![],
            fatalities: None,
            injuries: None,
            mode: Mode::Asserted,
            claims: vec![],
            disputed: vec![],
            evidence: vec![],
            fields: vec![],
        };
        assert_eq!(
            record_type(&out("property destruction", "TORCHED")),
            Some("ARSON")
        );
        assert_eq!(
            record_type(&out("property destruction", "looted")),
            Some("ROBBERY")
        );
        let mut negated = out("property destruction", "burned");
        negated.mode = Mode::Negated;
        assert_eq!(record_type(&negated), None);
    }

    #[test]
    fn types_are_compatible_as_muc4_coders_would_allow() {
        assert!(compatible("ATTACK", "BOMBING"));
        assert!(compatible("BOMBING", "ATTACK"));
        assert!(!compatible("KIDNAPPING", "ATTACK"));
        assert!(!compatible("ATTACK", "FORCED WORK STOPPAGE"));
    }
}
