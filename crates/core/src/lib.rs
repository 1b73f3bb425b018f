//! # sitrep-core: the data model
//!
//! Every stage of sitrep reads and writes the types in this crate, and the
//! `sitrep/1` JSON schema is exactly their serde form. The invariant that
//! holds everywhere: a `start`/`end` pair is a UTF-8 byte range into
//! [`Document::text`], on `char` boundaries, and any `text` field next to it
//! equals that slice (see [`Document::slice`] and [`Output::check_spans`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The version tag written into every output object.
pub const SCHEMA: &str = "sitrep/1";

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One input document with its metadata; `text` is what every span indexes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub source: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: String,
    pub url: Option<String>,
    pub title: Option<String>,
    #[serde(skip)]
    pub text: String,
}

impl Document {
    /// The text under `span`; empty if the span is out of range or not on
    /// char boundaries (never panics).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// Coarse entity classes (CoNLL/OntoNotes style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Per,
    Org,
    Loc,
    Gpe,
    Norp,
    Misc,
}

impl EntityType {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Gpe => "GPE",
            EntityType::Norp => "NORP",
            EntityType::Misc => "MISC",
        }
    }
}

/// One mention of a named entity. Mentions of the same entity share a
/// `canonical` name and list the document's other names for it in `aliases`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub text: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub start: usize,
    pub end: usize,
    pub canonical: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Entity {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Calendar granularity of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Precision {
    /// The precision's name as written in the output ("day", "month", …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A normalised time expression. `value` is a TIMEX3 value; for dates,
/// `start_date..=end_date` is the calendar interval it denotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
    pub precision: Option<Precision>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// True when the value was computed from the document date (or another
    /// date in the text) rather than read off the text alone.
    #[serde(default)]
    pub relative: bool,
}

impl TimeExpr {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A date assigned to an event: the time expression it came from (if any)
/// or the document date at lower confidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    pub value: String,
    pub precision: Precision,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// The expression in the text; `None` when the date is the document's.
    pub text: Option<String>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// `"text"` when read from the text, `"document"` when it falls back to
    /// the publication date (ACLED practice: the report date bounds the event).
    pub basis: String,
}

/// A resolved (or partially resolved) place mention. Precision follows
/// ACLED's geo_precision: 1 = the place itself, 2 = somewhere in a named
/// district/province, 3 = province or country only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The name the place is known by: the gazetteer's, or the text's own
    /// when the gazetteer does not know it and a containing area is used.
    pub name: String,
    pub geonames_id: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country_code: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    /// GeoNames feature code of what was resolved ("PPLC", "ADM1", "PCLI"…).
    pub feature: Option<String>,
    pub precision: u8,
    /// For an event's location only, where it came from: `"text"`, a place
    /// the event's own clause or sentences name; `"dateline"`, the place of
    /// the dateline that opens the lead the event is told in, where its
    /// sentences name none; `"story"`, the story's focus country, where they
    /// name none otherwise (then the span is the story's first mention in
    /// that country). Absent on the document's `places`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

impl Place {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// PLOVER category and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    pub category: String,
    pub mode: Option<String>,
}

/// ACLED event type and sub-event type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acled {
    pub event_type: String,
    pub sub_event_type: String,
}

/// Argument roles, as in ACLED (actor1/actor2/assoc) plus an explicit
/// target, the things an event harmed (buildings, vehicles, installations:
/// "a police station", "two buses") and the weapons it used ("a car bomb",
/// "rifles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Actor1,
    Actor2,
    AssocActor1,
    AssocActor2,
    Target,
    Object,
    Weapon,
}

/// An event participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    pub role: Role,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Canonical actor name (from the actor dictionary or in-document aliases).
    pub canonical: String,
    /// ISO 3166-1 alpha-3 country code, if known.
    pub country: Option<String>,
    /// Sector code in CAMEO/PLOVER style: GOV, MIL, REB, IMG (militant
    /// group), MED, CVL, COP, …
    pub sector: Option<String>,
    /// Group the actor belongs to, when it is a person or a unit ("ISIS").
    pub affiliation: Option<String>,
    /// Which claims name this participant (indexes into `Event::claims`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claimed_by: Vec<usize>,
}

impl Role {
    /// The role's name as written in the output ("actor1", "target", …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Actor1 => "actor1",
            Role::Actor2 => "actor2",
            Role::AssocActor1 => "assoc_actor1",
            Role::AssocActor2 => "assoc_actor2",
            Role::Target => "target",
            Role::Object => "object",
            Role::Weapon => "weapon",
        }
    }
}

/// Whether the text asserts that the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Asserted,
    Historical,
    Negated,
    Hypothetical,
    Future,
}

/// Who says an event happened, and through whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Who asserts it ("US Central Command"). "the document" when the
    /// reporter states it in their own voice.
    pub source: String,
    /// Canonical actor of the source, if it resolved to one.
    pub source_canonical: Option<String>,
    /// Who relays it ("Rudaw Media Network"), if anyone.
    pub via: Option<String>,
    /// The reporting cue ("reported", "said", "according to").
    pub cue: Option<String>,
    /// Span of the clause that carries the claim (source + cue + content).
    pub start: usize,
    pub end: usize,
}

/// A field on which two claims about one event disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    /// "participants", "fatalities", "location", …
    pub field: String,
    /// One line per side: "<source>: <its value>".
    pub sides: Vec<String>,
}

/// A span of text used as evidence, with what it supported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
}

/// Where each field of an event came from (for `--explain`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSpan {
    pub field: String,
    pub start: usize,
    pub end: usize,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// The word(s) that evoked the event ("raid"), in its first mention.
    pub trigger: String,
    pub plover: Plover,
    pub cameo: String,
    /// ACLED type, or `None` for events outside ACLED's scope (meetings).
    pub acled: Option<Acled>,
    pub date: Option<EventDate>,
    pub location: Option<Place>,
    pub actors: Vec<ActorRef>,
    pub fatalities: Option<u32>,
    pub injuries: Option<u32>,
    pub mode: Mode,
    pub claims: Vec<Claim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<Dispute>,
    /// Sentences used, in text order.
    pub evidence: Vec<Evidence>,
    /// Field → span provenance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldSpan>,
}

/// An incident: the events that one or more documents report of the same
/// happening, linked in the store (`sitrep-incidents`). Its own fields are
/// the best of its reports' (`from` says which report gave each); where
/// the reports disagree, `disputed` keeps every side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable for the same set of reports: `inc:` and the lowest member
    /// event id, so that the same documents give the same ids in any order.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub plover: String,
    pub acled: Option<Acled>,
    pub date: Option<EventDate>,
    pub location: Option<Place>,
    /// Every participant any report names, once per role and name.
    pub actors: Vec<IncidentActor>,
    /// The lowest toll any report gives (ACLED's rule); the others are in
    /// `disputed`.
    pub fatalities: Option<u32>,
    pub injuries: Option<u32>,
    /// How many documents report it (one event each as a rule; two where
    /// a document's own merge left one happening in two events and other
    /// reports tie them together).
    pub reports: usize,
    /// How many distinct sources (outlets: the documents' `source`, or
    /// their id where they name none) report it.
    pub sources: usize,
    /// Those sources, sorted.
    pub source_names: Vec<String>,
    /// Who makes its claims, with the outlet that carries each ("police
    /// (Wire A)"; the outlet alone where the reporter speaks in their own
    /// voice), sorted.
    pub claimants: Vec<String>,
    /// The earliest and latest publication date of its reports.
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    /// Field ("type", "date", "location", "fatalities", "injuries") → the
    /// id of the event it was taken from.
    pub from: std::collections::BTreeMap<String, String>,
    /// Fields the reports disagree on ("fatalities", "injuries", "actor1"),
    /// one side per value: "<value>: <sources> (<event ids>)".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<Dispute>,
    /// Its reports, by event id.
    pub events: Vec<IncidentReport>,
}

/// A participant of an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentActor {
    pub role: Role,
    pub canonical: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// How many of the incident's reports name it in this role.
    pub reports: usize,
}

/// One report of an incident: an event and the document that told it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentReport {
    pub event: String,
    pub doc_id: String,
    pub source: Option<String>,
    pub published: Option<NaiveDate>,
}

/// Document metadata as written in the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: String,
    pub source: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: String,
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl From<&Document> for DocMeta {
    fn from(d: &Document) -> Self {
        DocMeta {
            id: d.id.clone(),
            source: d.source.clone(),
            published: d.published,
            language: d.language.clone(),
            url: d.url.clone(),
            title: d.title.clone(),
        }
    }
}

/// One output object: everything sitrep found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Output {
    pub schema: String,
    pub document: DocMeta,
    /// The document text, so that every span can be checked against it.
    pub text: String,
    pub entities: Vec<Entity>,
    pub times: Vec<TimeExpr>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    /// Non-fatal problems met while reading or coding this document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Output {
    /// Checks the span invariant over every field; returns the offending
    /// field descriptions (empty when all spans are valid).
    pub fn check_spans(&self) -> Vec<String> {
        let mut bad = Vec::new();
        let text = &self.text;
        let mut check = |what: &str, s: usize, e: usize, expect: Option<&str>| match text.get(s..e)
        {
            None => bad.push(format!("{what}: {s}..{e} is not a char range of the text")),
            Some(got) => {
                if let Some(x) = expect {
                    if got != x {
                        bad.push(format!("{what}: text {x:?} != slice {got:?}"));
                    }
                }
            }
        };
        for x in &self.entities {
            check("entity", x.start, x.end, Some(&x.text));
        }
        for x in &self.times {
            check("time", x.start, x.end, Some(&x.text));
        }
        for x in &self.places {
            check("place", x.start, x.end, Some(&x.text));
        }
        for ev in &self.events {
            for a in &ev.actors {
                check("actor", a.start, a.end, Some(&a.text));
            }
            if let Some(p) = &ev.location {
                check("location", p.start, p.end, Some(&p.text));
            }
            if let Some(d) = &ev.date {
                if let (Some(s), Some(e)) = (d.start, d.end) {
                    check("date", s, e, d.text.as_deref());
                }
            }
            for c in &ev.claims {
                check("claim", c.start, c.end, None);
            }
            for v in &ev.evidence {
                check("evidence", v.start, v.end, None);
            }
            for f in &ev.fields {
                check("field", f.start, f.end, None);
            }
        }
        bad
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_names_are_the_serialised_ones() {
        use Precision::*;
        for p in [Day, Week, Month, Quarter, Year, Decade, Century] {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
    }

    #[test]
    fn span_geometry() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(5, 6)));
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(Span::new(0, 10).contains(a));
    }

    #[test]
    fn slice_out_of_range_is_empty_not_panic() {
        let d = Document {
            text: "Atmeh é".into(),
            ..Default::default()
        };
        assert_eq!(d.slice(Span::new(0, 5)), "Atmeh");
        assert_eq!(d.slice(Span::new(7, 8)), ""); // inside the 2-byte é
        assert_eq!(d.slice(Span::new(3, 99)), "");
    }

    #[test]
    fn check_spans_reports_mismatch() {
        let out = Output {
            schema: SCHEMA.into(),
            document: DocMeta::from(&Document::default()),
            text: "Damascus is calm".into(),
            entities: vec![Entity {
                text: "Damascus".into(),
                kind: EntityType::Gpe,
                start: 0,
                end: 7,
                canonical: "Damascus".into(),
                aliases: vec![],
            }],
            times: vec![],
            places: vec![],
            events: vec![],
            warnings: vec![],
        };
        let bad = out.check_spans();
        assert_eq!(bad.len(), 1, "{bad:?}");
    }
}
