//! # sitrep-incidents: the same happening told by many reports
//!
//! Each document's events are coded on their own; ten reports of one
//! bombing are ten events. This crate decides which events of *different*
//! documents report the same happening, and builds the incident record they
//! make together. It holds no state: the store (`sitrep-store`) keeps the
//! events, finds candidates through its index and calls [`group`] and
//! [`build`] inside the transaction that stores a document.
//!
//! ## When two events are one incident
//!
//! Two events are *compatible* ([`compatible`]; [`why_apart`] names the
//! rule that keeps two apart) when all of these hold:
//! - they come from different documents, and both are told as real:
//!   asserted or historical, never negated, hypothetical or future;
//! - both are anchored, or their stories share names: an event is anchored
//!   by a place its own text names (not only the story's focus country) or
//!   a named participant; one with neither ("a man killed three people",
//!   placed only in the story's country) links only with an event whose
//!   document shares at least [`STORY_NAMES`] of its [`story_names`] (the
//!   people, organisations and places below a country it names: the
//!   gunman, the town, the police force). Two stories of one shooting share
//!   those; two shootings in one country rarely share three;
//! - their types agree: the same ACLED event type, or the same PLOVER
//!   category (sources type one killing as an attack or as a clash);
//! - their dates overlap, or lie within [`LinkOptions::day_window`] days
//!   of each other where either is a day; a date vaguer than
//!   [`LinkOptions::max_days`] days (a quarter, a year) never links, and an
//!   undated event (from an undated document) links only with undated ones;
//! - their places agree: the same country, and then the same GeoNames
//!   place, or a country-level place on either side, or the same province
//!   where either is a province, or points within the larger of the two
//!   radii that grow with the coarser precision (`km_place`, `km_district`,
//!   `km_province`); an unplaced event contradicts no place;
//! - no named victim contradicts: where both name targets or second actors
//!   (a name with a capital letter), at least one name is shared (one name's
//!   words within the other's, "Omar Abdul Qader" in "Omar Abdul Qader
//!   Bassam"). Who did it never separates reports: sources disagreeing on
//!   the doer is a dispute of one incident, not two incidents.
//!
//! ## From compatibility to incidents
//!
//! Compatibility is not transitive (a vague report fits two incidents that
//! do not fit each other), so incidents are not the connected components
//! of the compatibility graph. [`group`] takes each component and fills
//! incidents greedily: events in a fixed order (the most specific first —
//! named participants, place precision, date precision —, then by id), each
//! joining an incident that holds an event it is compatible with and none
//! it *clashes* with, preferring the one that shares the most named
//! participants and things hit ("the market"); else it starts one. A clash
//! is a type, date, place or victim that disagrees; a missing anchor or
//! too few shared story names is not one (the story's names tie an event
//! to the report it shares them with, not to every report). Then two
//! incidents that hold a compatible pair and no clash become one.
//!
//! Two events of one document are never compatible, but they may meet in
//! one incident through other reports: a document's own merge leaves one
//! happening in two events when its second mention names nothing new ("the
//! attack" after "a gunman opened fire"), and the reports of other outlets
//! tie them. Two events of one document that hit different things ("a
//! market", "a mosque") clash: they are two happenings. An incident counts
//! each document once in `reports`.
//!
//! Every step depends on the set of events only, never on the order they
//! arrived in, so ingesting the same documents in any order gives the same
//! incidents; and a component is closed (no event outside it is compatible
//! with one inside), so the store recomputes only the components a new
//! document touches.
//!
//! A component of [`LinkOptions::max_component`] events is full and takes
//! no more: that bounds one document's work (a component is regrouped
//! whole), at the price of order-dependence for a happening told more
//! often than that.

use chrono::{Datelike, NaiveDate};
use sitrep_core::{
    Dispute, Event, Incident, IncidentActor, IncidentReport, Mode, Place, Precision, Role,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The windows of linking. The defaults follow ACLED's rule (one day, one
/// place, the same actors) with a day of slack for reports that date the
/// same night differently.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkOptions {
    /// Days a day-precision date is widened on each side (default 1).
    pub day_window: u32,
    /// A date interval longer than this many days never links (default 31:
    /// a month links, a quarter or a year does not).
    pub max_days: u32,
    /// A component of this many events is full: it leaves the candidate
    /// index and later events no longer link into it (default 100). This bounds the work of storing one
    /// document, since a component is regrouped whole; a happening told
    /// more often is split into incidents of at most this many reports, and
    /// which reports fall in which then depends on the order they came in.
    pub max_component: u32,
    /// Radius for two places resolved to the place itself (precision 1),
    /// in km (default 25).
    pub km_place: f64,
    /// Radius where either is only known to its district (precision 2),
    /// in km (default 100).
    pub km_district: f64,
    /// Radius where either is only known to its province (precision 3
    /// with coordinates), in km (default 300).
    pub km_province: f64,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            day_window: 1,
            max_days: 31,
            max_component: 100,
            km_place: 25.0,
            km_district: 100.0,
            km_province: 300.0,
        }
    }
}

/// The document a report came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocInfo {
    pub id: String,
    pub source: Option<String>,
    pub published: Option<NaiveDate>,
    /// The names the story is told with ([`story_names`]); empty where
    /// they are not needed (rebuilding an incident).
    pub story: Vec<String>,
}

/// The names a story is told with: the persons, organisations and places
/// below a country that the document names, lowercased and sorted; at
/// most [`STORY_NAMES_KEPT`] of them, the most often named first, so that
/// a document naming thousands keeps a small profile. Two reports of one
/// happening share several (the victim, the town, the police force); two
/// stories of the same kind of happening rarely share three.
pub fn story_names(out: &sitrep_core::Output) -> Vec<String> {
    use sitrep_core::EntityType;
    // Countries (and places known only to their country) tie nothing.
    let countries: BTreeSet<String> = out
        .places
        .iter()
        .filter(|p| p.feature.as_deref().is_some_and(|f| f.starts_with("PCL")))
        .map(|p| p.name.to_lowercase())
        .collect();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for e in &out.entities {
        if !matches!(
            e.kind,
            EntityType::Per | EntityType::Org | EntityType::Loc | EntityType::Gpe
        ) {
            continue;
        }
        let n = e.canonical.trim().to_lowercase();
        if n.chars().filter(|c| c.is_alphabetic()).count() < 3
            || countries.contains(&n)
            || countries.contains(&e.text.to_lowercase())
        {
            continue;
        }
        *names.entry(n).or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = names.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(STORY_NAMES_KEPT);
    let mut kept: Vec<String> = ranked.into_iter().map(|(n, _)| n).collect();
    kept.sort();
    kept
}

/// How many of a story's names its events' profiles keep.
pub const STORY_NAMES_KEPT: usize = 64;

/// The day key of an undated event: undated events meet only each other.
pub const UNDATED: i64 = 0;

/// What linking reads of one event (stored beside it, so that linking
/// never parses a whole event it does not rebuild).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub event_id: String,
    pub doc_id: String,
    linkable: bool,
    acled: Option<String>,
    plover: String,
    /// Day numbers (days from the common era) of the date interval; `None`
    /// when undated.
    days: Option<(i64, i64)>,
    day_precision: bool,
    place: Option<Loc>,
    /// The named targets and second actors, each as its lowercase words.
    victims: Vec<BTreeSet<String>>,
    /// Every named participant, each as its lowercase words.
    named: Vec<BTreeSet<String>>,
    /// How specific the event is: higher first in [`group`]'s order.
    specificity: u32,
    /// Whether its own text ties it to one happening (a place it names, a
    /// participant it names); one that is not links only through its
    /// story's names.
    #[serde(default = "yes")]
    anchored: bool,
    /// Its document's [`story_names`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    story: Vec<String>,
    /// What it hit: the last word of each object, named or not ("market",
    /// "mosque"), sorted. (People hit are `victims`, where named.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hit: Vec<String>,
}

fn yes() -> bool {
    true
}

/// How many names two stories share before an event that its own text
/// does not tie to one happening may link through them.
pub const STORY_NAMES: usize = 3;

fn shared(a: &[String], b: &[String]) -> usize {
    // Both sorted.
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Loc {
    geonames_id: Option<u64>,
    point: Option<(f64, f64)>,
    country: String,
    admin1: Option<String>,
    precision: u8,
    /// A country (or a place only known to its country).
    country_level: bool,
    /// A first-order division (province, state).
    province_level: bool,
}

/// A name's lowercase words, without articles; empty for a name without
/// a capital letter ("gunmen", "police"): only names can contradict.
fn name_words(canonical: &str) -> BTreeSet<String> {
    if !canonical.chars().any(char::is_uppercase) {
        return BTreeSet::new();
    }
    canonical
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "of"))
        .collect()
}

fn same_name(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    !a.is_empty() && !b.is_empty() && (a.is_subset(b) || b.is_subset(a))
}

fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

impl Profile {
    /// Reads an event of a document.
    pub fn of(e: &Event, doc: &DocInfo, o: &LinkOptions) -> Profile {
        let days = e
            .date
            .as_ref()
            .map(|d| (day(d.start_date), day(d.end_date)));
        let too_vague = days.is_some_and(|(s, t)| t - s + 1 > i64::from(o.max_days));
        let place = e.location.as_ref().and_then(loc);
        let mut victims = Vec::new();
        let mut named = Vec::new();
        let mut hit: Vec<String> = e
            .actors
            .iter()
            .filter(|a| a.role == Role::Object)
            .filter_map(|a| {
                a.canonical
                    .split(|c: char| !c.is_alphanumeric())
                    .rfind(|w| !w.is_empty())
                    .map(str::to_lowercase)
            })
            .collect();
        hit.sort();
        hit.dedup();
        for a in &e.actors {
            let w = name_words(&a.canonical);
            if w.is_empty() || matches!(a.role, Role::Object | Role::Weapon) {
                continue;
            }
            if matches!(a.role, Role::Target | Role::Actor2) {
                victims.push(w.clone());
            }
            named.push(w);
        }
        let day_precision = e
            .date
            .as_ref()
            .is_some_and(|d| d.precision == Precision::Day);
        let specificity = named.len() as u32 * 4
            + place
                .as_ref()
                .map_or(0, |p| 4 - u32::from(p.precision.min(3)))
            + u32::from(day_precision);
        // What ties the event to one happening: a place its own text names,
        // or a participant it names. Without either ("farmers complained",
        // placed nowhere or only in the story's country) nothing tells one
        // such event from another, and it links to none.
        let placed_by_text = e
            .location
            .as_ref()
            .is_some_and(|l| !matches!(l.basis.as_deref(), Some("story")));
        let anchored = placed_by_text || !named.is_empty();
        Profile {
            event_id: e.id.clone(),
            doc_id: doc.id.clone(),
            linkable: matches!(e.mode, Mode::Asserted | Mode::Historical)
                && !too_vague
                && (anchored || doc.story.len() >= STORY_NAMES),
            acled: e.acled.as_ref().map(|a| a.event_type.clone()),
            plover: e.plover.category.clone(),
            days,
            day_precision,
            place,
            victims,
            named,
            specificity,
            anchored,
            story: doc.story.clone(),
            hit,
        }
    }

    /// The profile as the store keeps it (compact JSON).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a profile always serialises")
    }

    /// Reads what [`Profile::to_json`] wrote.
    pub fn from_json(s: &str) -> Result<Profile, serde_json::Error> {
        serde_json::from_str(s)
    }

    /// Whether the event can link at all (real, and dated to a month or
    /// better, or undated).
    pub fn linkable(&self) -> bool {
        self.linkable
    }

    /// The index rows of a linkable event: one per day of its date interval
    /// ([`UNDATED`] when undated), each with its cell (the ISO country of
    /// its place, "" when unplaced). Empty when it cannot link.
    pub fn keys(&self) -> Vec<(i64, String)> {
        if !self.linkable {
            return Vec::new();
        }
        let cell = self.cell().to_string();
        match self.days {
            None => vec![(UNDATED, cell)],
            Some((s, t)) => (s..=t).map(|d| (d, cell.clone())).collect(),
        }
    }

    /// Where to look for candidates: the day range (widened by the window)
    /// and the cell ("" when unplaced: then every cell of those days).
    /// Every event compatible with this one has a key in it, in this cell
    /// or in "" (or in any cell, when this cell is ""). `None` when it
    /// cannot link.
    pub fn probe(&self, o: &LinkOptions) -> Option<(i64, i64, String)> {
        if !self.linkable {
            return None;
        }
        let w = i64::from(o.day_window);
        let (s, t) = match self.days {
            None => (UNDATED, UNDATED),
            Some((s, t)) => (s - w, t + w),
        };
        Some((s, t, self.cell().to_string()))
    }

    /// Its PLOVER category and ACLED event type: a compatible event shares
    /// one of them (the store narrows its candidates by them).
    pub fn types(&self) -> (&str, Option<&str>) {
        (&self.plover, self.acled.as_deref())
    }

    fn cell(&self) -> &str {
        self.place.as_ref().map_or("", |p| p.country.as_str())
    }
}

fn loc(p: &Place) -> Option<Loc> {
    let country = p.country_code.clone()?;
    let feature = p.feature.as_deref().unwrap_or("");
    let point = p.lat.zip(p.lon);
    Some(Loc {
        geonames_id: p.geonames_id,
        point,
        country_level: feature.starts_with("PCL") || point.is_none(),
        province_level: feature == "ADM1",
        admin1: p.admin1.clone(),
        country,
        precision: p.precision,
    })
}

/// Great-circle distance in km.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

fn places_agree(a: &Loc, b: &Loc, o: &LinkOptions) -> bool {
    if a.country != b.country {
        return false;
    }
    if a.geonames_id.is_some() && a.geonames_id == b.geonames_id {
        return true;
    }
    if a.country_level || b.country_level {
        return true;
    }
    if a.province_level || b.province_level {
        return match (&a.admin1, &b.admin1) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        };
    }
    let radius = |p: u8| match p {
        0 | 1 => o.km_place,
        2 => o.km_district,
        _ => o.km_province,
    };
    match (a.point, b.point) {
        (Some(x), Some(y)) => km(x, y) <= radius(a.precision).max(radius(b.precision)),
        _ => true,
    }
}

/// Whether two events may be the same incident (the rules are in the
/// crate's documentation).
pub fn compatible(a: &Profile, b: &Profile, o: &LinkOptions) -> bool {
    why_apart(a, b, o).is_none()
}

/// The first rule that keeps two events apart ("not linkable", "type",
/// "date", "story", "place", "victims", "same document"), or `None` when
/// they are [`compatible`]. Scorers print it beside a missed link.
pub fn why_apart(a: &Profile, b: &Profile, o: &LinkOptions) -> Option<&'static str> {
    if !a.linkable || !b.linkable {
        return Some("not linkable");
    }
    if !same_type(a, b) {
        return Some("type");
    }
    if !dates_meet(a, b, o) {
        return Some("date");
    }
    if !(a.anchored && b.anchored) && shared(&a.story, &b.story) < STORY_NAMES {
        return Some("story");
    }
    contradiction(a, b, o).or((a.doc_id == b.doc_id).then_some("same document"))
}

/// The same ACLED event type, or the same PLOVER category.
fn same_type(a: &Profile, b: &Profile) -> bool {
    match (&a.acled, &b.acled) {
        (Some(x), Some(y)) if x == y => true,
        _ => a.plover == b.plover,
    }
}

/// Dates that overlap, within the window of each other where either is a
/// day; or both undated.
fn dates_meet(a: &Profile, b: &Profile, o: &LinkOptions) -> bool {
    match (a.days, b.days) {
        (None, None) => true,
        (Some((s1, t1)), Some((s2, t2))) => {
            let w = if a.day_precision || b.day_precision {
                i64::from(o.day_window)
            } else {
                0
            };
            s1 <= t2 + w && s2 <= t1 + w
        }
        _ => false,
    }
}

/// Whether two events cannot share an incident, even through other
/// reports: their types, dates, places or named victims disagree, or they
/// are one document's events that hit different things.
fn clash(a: &Profile, b: &Profile, o: &LinkOptions) -> bool {
    !same_type(a, b)
        || !dates_meet(a, b, o)
        || contradiction(a, b, o).is_some()
        || (a.doc_id == b.doc_id
            && !a.hit.is_empty()
            && !b.hit.is_empty()
            && shared(&a.hit, &b.hit) == 0)
}

/// Whether two events cannot be one incident whatever else they share:
/// places that disagree, or named victims with none in common; the rule
/// that separates them.
fn contradiction(a: &Profile, b: &Profile, o: &LinkOptions) -> Option<&'static str> {
    if let (Some(x), Some(y)) = (&a.place, &b.place) {
        if !places_agree(x, y, o) {
            return Some("place");
        }
    }
    let victims_apart = !a.victims.is_empty()
        && !b.victims.is_empty()
        && !a
            .victims
            .iter()
            .any(|x| b.victims.iter().any(|y| same_name(x, y)));
    victims_apart.then_some("victims")
}

/// How many of `a`'s named participants `b` names too, and how many of
/// the things it hit ("market") `b` hit too.
fn affinity(a: &Profile, b: &Profile) -> usize {
    a.named
        .iter()
        .filter(|x| b.named.iter().any(|y| same_name(x, y)))
        .count()
        + shared(&a.hit, &b.hit)
}

/// Splits events into incidents (index lists into `p`, each sorted by
/// event id, the lists ordered by their first event id). Depends on the
/// set of events only, not on their order in `p`.
pub fn group(p: &[Profile], o: &LinkOptions) -> Vec<Vec<usize>> {
    grouping(p, o).incidents
}

/// Incidents and the compatibility components they were cut from.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// As [`group`] returns them.
    pub incidents: Vec<Vec<usize>>,
    /// For each event of `p`, the event of its component with the lowest
    /// id: the component's name in the store.
    pub component_of: Vec<usize>,
}

/// [`group`], with each event's component.
pub fn grouping(p: &[Profile], o: &LinkOptions) -> Grouping {
    let n = p.len();
    // Pairs compatible, once; only pairs whose dates can meet are tried
    // (events in date order, each against those starting before its end
    // and the window), so the work grows with the neighbours, not n².
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    let w = i64::from(o.day_window);
    let mut dated: Vec<usize> = (0..n)
        .filter(|&i| p[i].linkable && p[i].days.is_some())
        .collect();
    dated.sort_by_key(|&i| p[i].days.map(|d| d.0));
    for (k, &i) in dated.iter().enumerate() {
        let end = p[i].days.map_or(0, |d| d.1) + w;
        for &j in &dated[k + 1..] {
            if p[j].days.map_or(0, |d| d.0) > end {
                break;
            }
            if compatible(&p[i], &p[j], o) {
                adj[i].push(j);
                adj[j].push(i);
            }
        }
    }
    let undated: Vec<usize> = (0..n)
        .filter(|&i| p[i].linkable && p[i].days.is_none())
        .collect();
    for (k, &i) in undated.iter().enumerate() {
        for &j in &undated[k + 1..] {
            if compatible(&p[i], &p[j], o) {
                adj[i].push(j);
                adj[j].push(i);
            }
        }
    }
    for a in &mut adj {
        a.sort_unstable();
    }
    // A group takes an event compatible with one of its members that
    // clashes with none: the story's names tie an event to the one report
    // it shares them with, not to every report of the incident. Two events
    // of one document (its own merge left one happening in two events, as
    // it does when the second mention names nothing new) may meet in one
    // incident through other reports, unless they hit different things
    // ("a market", "a mosque"): then they are two happenings.
    let ok = |i: usize, j: usize| adj[i].binary_search(&j).is_ok() || !clash(&p[i], &p[j], o);
    // Connected components, then greedy grouping in each.
    let mut seen = vec![false; n];
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut component_of = vec![0; n];
    for start in 0..n {
        if seen[start] {
            continue;
        }
        let mut comp = vec![start];
        seen[start] = true;
        let mut k = 0;
        while k < comp.len() {
            for &j in &adj[comp[k]] {
                if !seen[j] {
                    seen[j] = true;
                    comp.push(j);
                }
            }
            k += 1;
        }
        let name = *comp
            .iter()
            .min_by(|&&x, &&y| p[x].event_id.cmp(&p[y].event_id))
            .expect("non-empty");
        for &i in &comp {
            component_of[i] = name;
        }
        comp.sort_by(|&x, &y| {
            p[y].specificity
                .cmp(&p[x].specificity)
                .then_with(|| p[x].event_id.cmp(&p[y].event_id))
        });
        let mut groups: Vec<Vec<usize>> = Vec::new();
        // The group each placed event is in.
        let mut group_of: HashMap<usize, usize> = HashMap::new();
        for &e in &comp {
            // Only a group holding a neighbour can take the event.
            let mut near: Vec<usize> = adj[e]
                .iter()
                .filter_map(|m| group_of.get(m).copied())
                .collect();
            near.sort_unstable();
            near.dedup();
            let best = near
                .iter()
                .map(|&i| (i, &groups[i]))
                .filter(|(_, g)| g.iter().all(|&m| ok(e, m)))
                .max_by(|(ia, ga), (ib, gb)| {
                    let aff =
                        |g: &Vec<usize>| g.iter().map(|&m| affinity(&p[e], &p[m])).sum::<usize>();
                    aff(ga).cmp(&aff(gb)).then_with(|| ib.cmp(ia))
                })
                .map(|(i, _)| i);
            match best {
                Some(i) => {
                    groups[i].push(e);
                    group_of.insert(e, i);
                }
                None => {
                    group_of.insert(e, groups.len());
                    groups.push(vec![e]);
                }
            }
        }
        // Then groups that could be one (a link between them, no clash
        // inside) become one: the greedy pass leaves a document's second
        // event alone when it came before the report that ties the two.
        let mut merged = true;
        while merged {
            merged = false;
            'pairs: for i in 0..groups.len() {
                for j in i + 1..groups.len() {
                    let linked = groups[j]
                        .iter()
                        .any(|&x| groups[i].iter().any(|&y| adj[x].binary_search(&y).is_ok()));
                    if linked
                        && groups[j]
                            .iter()
                            .all(|&x| groups[i].iter().all(|&y| ok(x, y)))
                    {
                        let g = groups.remove(j);
                        groups[i].extend(g);
                        merged = true;
                        break 'pairs;
                    }
                }
            }
        }
        out.extend(groups);
    }
    for g in &mut out {
        g.sort_by(|&x, &y| p[x].event_id.cmp(&p[y].event_id));
    }
    out.sort_by(|x, y| p[x[0]].event_id.cmp(&p[y[0]].event_id));
    Grouping {
        incidents: out,
        component_of,
    }
}

/// An incident's id: `inc:` and its lowest event id.
pub fn incident_id(lowest_event_id: &str) -> String {
    format!("inc:{lowest_event_id}")
}

/// One report of an incident: the event and its document.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    pub event: &'a Event,
    pub doc: &'a DocInfo,
}

/// Who a report's claims come from: each claim's source with the outlet
/// that carries it ("police (Wire A)"), the outlet alone for the
/// reporter's own voice.
fn claimants(m: &Member) -> Vec<String> {
    let outlet = outlet(m);
    let mut v: Vec<String> = m
        .event
        .claims
        .iter()
        .map(|c| {
            if c.source == "the document" || c.source.is_empty() {
                outlet.clone()
            } else {
                format!("{} ({outlet})", c.source)
            }
        })
        .collect();
    if v.is_empty() {
        v.push(outlet);
    }
    v
}

/// The document's source, or its id where it names none.
fn outlet(m: &Member) -> String {
    m.doc.source.clone().unwrap_or_else(|| m.doc.id.clone())
}

/// One side of a dispute: the value, who gives it, and in which events.
fn side(value: &str, who: &[&Member]) -> String {
    let outlets: BTreeSet<String> = who.iter().map(|m| outlet(m)).collect();
    let ids: Vec<&str> = who.iter().map(|m| m.event.id.as_str()).collect();
    format!(
        "{value}: {} ({})",
        outlets.into_iter().collect::<Vec<_>>().join(", "),
        ids.join(", ")
    )
}

/// The lowest of the reported figures, the event it came from, and a
/// dispute when the reports give more than one figure.
fn lowest(
    members: &[Member],
    field: &str,
    get: impl Fn(&Event) -> Option<u32>,
) -> (Option<u32>, Option<String>, Option<Dispute>) {
    let mut by: BTreeMap<u32, Vec<&Member>> = BTreeMap::new();
    for m in members {
        if let Some(v) = get(m.event) {
            by.entry(v).or_default().push(m);
        }
    }
    let Some((&v, who)) = by.iter().next() else {
        return (None, None, None);
    };
    let from = who[0].event.id.clone();
    let dispute = (by.len() > 1).then(|| Dispute {
        field: field.to_string(),
        sides: by.iter().map(|(v, w)| side(&v.to_string(), w)).collect(),
    });
    (Some(v), Some(from), dispute)
}

const ROLE_ORDER: [Role; 7] = [
    Role::Actor1,
    Role::AssocActor1,
    Role::Actor2,
    Role::AssocActor2,
    Role::Target,
    Role::Object,
    Role::Weapon,
];

fn role_rank(r: Role) -> usize {
    ROLE_ORDER
        .iter()
        .position(|x| *x == r)
        .unwrap_or(ROLE_ORDER.len())
}

/// How good a location is as the incident's: told in the text first, then
/// the dateline, the paragraph, the story; then the finer precision.
fn place_rank(p: &Place) -> (u8, u8) {
    let basis = match p.basis.as_deref() {
        None | Some("text") => 0,
        Some("dateline") => 1,
        Some("context") => 2,
        _ => 3,
    };
    (basis, p.precision)
}

/// The incident record of its reports (in any order; the result depends
/// on the set only).
pub fn build(members: &[Member]) -> Incident {
    assert!(!members.is_empty(), "an incident has at least one report");
    let mut members: Vec<Member> = members.to_vec();
    members.sort_by(|a, b| a.event.id.cmp(&b.event.id));
    let mut from = BTreeMap::new();

    // Type: the most frequent (PLOVER category, ACLED type) pair.
    let mut counts: HashMap<(String, Option<String>), usize> = HashMap::new();
    for m in &members {
        let k = (
            m.event.plover.category.clone(),
            m.event.acled.as_ref().map(|a| a.event_type.clone()),
        );
        *counts.entry(k).or_default() += 1;
    }
    let typed = members
        .iter()
        .max_by(|a, b| {
            let c = |m: &Member| {
                counts[&(
                    m.event.plover.category.clone(),
                    m.event.acled.as_ref().map(|a| a.event_type.clone()),
                )]
            };
            // On a tie, the earliest published report, then the lowest id.
            let first = |m: &Member| m.doc.published.unwrap_or(NaiveDate::MAX);
            c(a).cmp(&c(b))
                .then_with(|| first(b).cmp(&first(a)))
                .then_with(|| b.event.id.cmp(&a.event.id))
        })
        .expect("non-empty");
    from.insert("type".to_string(), typed.event.id.clone());

    // Date: the finest precision, then the most frequent start, then the
    // earliest start, then the lowest event id.
    let mut starts: HashMap<NaiveDate, usize> = HashMap::new();
    for d in members.iter().filter_map(|m| m.event.date.as_ref()) {
        *starts.entry(d.start_date).or_default() += 1;
    }
    let dated = members
        .iter()
        .filter(|m| m.event.date.is_some())
        .min_by(|a, b| {
            let (x, y) = (
                a.event.date.as_ref().unwrap(),
                b.event.date.as_ref().unwrap(),
            );
            x.precision
                .cmp(&y.precision)
                .then_with(|| starts[&y.start_date].cmp(&starts[&x.start_date]))
                .then_with(|| x.start_date.cmp(&y.start_date))
                .then_with(|| a.event.id.cmp(&b.event.id))
        });
    if let Some(m) = dated {
        from.insert("date".to_string(), m.event.id.clone());
    }

    // Place: the best told, then the most frequent, then the lowest id.
    let mut names: HashMap<String, usize> = HashMap::new();
    for p in members.iter().filter_map(|m| m.event.location.as_ref()) {
        *names.entry(place_key(p)).or_default() += 1;
    }
    let placed = members
        .iter()
        .filter(|m| m.event.location.is_some())
        .min_by(|a, b| {
            let (x, y) = (
                a.event.location.as_ref().unwrap(),
                b.event.location.as_ref().unwrap(),
            );
            place_rank(x)
                .cmp(&place_rank(y))
                .then_with(|| names[&place_key(y)].cmp(&names[&place_key(x)]))
                .then_with(|| a.event.id.cmp(&b.event.id))
        });
    if let Some(m) = placed {
        from.insert("location".to_string(), m.event.id.clone());
    }

    let mut disputed = Vec::new();
    let (fatalities, f_from, f_dispute) = lowest(&members, "fatalities", |e| e.fatalities);
    let (injuries, i_from, i_dispute) = lowest(&members, "injuries", |e| e.injuries);
    if let Some(f) = f_from {
        from.insert("fatalities".to_string(), f);
    }
    if let Some(f) = i_from {
        from.insert("injuries".to_string(), f);
    }
    disputed.extend(f_dispute);
    disputed.extend(i_dispute);

    // Participants: each (role, name) once, with how many reports name it.
    let mut actors: BTreeMap<(usize, String), (IncidentActor, BTreeSet<&str>)> = BTreeMap::new();
    for m in &members {
        for a in &m.event.actors {
            let k = (role_rank(a.role), a.canonical.to_lowercase());
            let entry = actors.entry(k).or_insert_with(|| {
                (
                    IncidentActor {
                        role: a.role,
                        canonical: a.canonical.clone(),
                        country: a.country.clone(),
                        sector: a.sector.clone(),
                        reports: 0,
                    },
                    BTreeSet::new(),
                )
            });
            entry.1.insert(m.event.id.as_str());
        }
    }
    let mut actors: Vec<IncidentActor> = actors
        .into_values()
        .map(|(mut a, r)| {
            a.reports = r.len();
            a
        })
        .collect();
    actors.sort_by(|a, b| {
        role_rank(a.role)
            .cmp(&role_rank(b.role))
            .then_with(|| b.reports.cmp(&a.reports))
            .then_with(|| a.canonical.cmp(&b.canonical))
    });

    // Who did it, where reports name different doers (names only: "gunmen"
    // or "forces" takes no side).
    let mut doers: BTreeMap<String, Vec<&Member>> = BTreeMap::new();
    for m in &members {
        let set: BTreeSet<&str> = m
            .event
            .actors
            .iter()
            .filter(|a| a.role == Role::Actor1 && !name_words(&a.canonical).is_empty())
            .map(|a| a.canonical.as_str())
            .collect();
        if !set.is_empty() {
            let key = set.into_iter().collect::<Vec<_>>().join("; ");
            doers.entry(key).or_default().push(m);
        }
    }
    if doers.len() > 1 {
        disputed.push(Dispute {
            field: "actor1".to_string(),
            sides: doers.iter().map(|(k, w)| side(k, w)).collect(),
        });
    }

    let sources: BTreeSet<String> = members.iter().map(outlet).collect();
    let claimed: BTreeSet<String> = members.iter().flat_map(claimants).collect();
    let published: Vec<NaiveDate> = members.iter().filter_map(|m| m.doc.published).collect();
    Incident {
        id: incident_id(&members[0].event.id),
        kind: typed.event.kind.clone(),
        plover: typed.event.plover.category.clone(),
        acled: typed.event.acled.clone(),
        date: dated.and_then(|m| m.event.date.clone()),
        location: placed.and_then(|m| m.event.location.clone()),
        actors,
        fatalities,
        injuries,
        reports: members
            .iter()
            .map(|m| m.doc.id.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        sources: sources.len(),
        source_names: sources.into_iter().collect(),
        claimants: claimed.into_iter().collect(),
        first_seen: published.iter().min().copied(),
        last_seen: published.iter().max().copied(),
        from,
        disputed,
        events: members
            .iter()
            .map(|m| IncidentReport {
                event: m.event.id.clone(),
                doc_id: m.doc.id.clone(),
                source: m.doc.source.clone(),
                published: m.doc.published,
            })
            .collect(),
    }
}

fn place_key(p: &Place) -> String {
    match p.geonames_id {
        Some(g) => g.to_string(),
        None => p.name.to_lowercase(),
    }
}

#[cfg(test)]
mod tests;
