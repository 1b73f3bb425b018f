//! # sitrep-events: who did what to whom, where, when, according to whom
//!
//! Per sentence it finds trigger words ([`lexicon`]; words that are attacks
//! only in context: a passive "was shot/struck/hit/targeted" with a
//! participant, "struck/hit" after a weapon or armed forces, "fired … at";
//! past-tense verbs of the CAMEO dictionary, through [`classify`], for the
//! non-violent PLOVER categories the lexicon does not list, when asserted
//! right after a named subject with another named participant; not a
//! participle used as an adjective, "15 kidnapped villagers", nor a noun
//! that only modifies another, "riot police"), their arguments (subject and
//! object of a verb; "by/on/against/of/with" and support verbs for a noun),
//! the event's own place and date (not a reporting verb's: "reported
//! Friday"), casualty counts, the mode (negated, hypothetical, future;
//! historical when it ended two months before the story, or in a past
//! year named whole) and the claims (who says it: "X said", "according to
//! X", "…, X reported", nested as source + via). Then it merges mentions
//! into events: an outcome ("killed", "the death of") joins the attack in
//! its sentence; a definite or anaphoric mention ("the strike", "his
//! arrest") joins the event it refers to; a new report of a compatible
//! event (overlapping date and country) joins it as one more claim when it
//! names the same participant (an unnamed one only within two sentences
//! and with no other doer), when it is violence in the same town, or when
//! it is the lead after a headline; claims that disagree on the
//! participants or the death toll are recorded as a dispute.

use crate::acled::protests_met_with_force;
use crate::claims::cues;
use crate::merge::{build_events, merge_in_sentence};
use crate::participants::chunks;
use crate::triggers::triggers;
use chrono::NaiveDate;
use sitrep_entities::Entities;
use sitrep_geo::Gazetteer;
use sitrep_text::Analysis;

mod acled;
mod arguments;
pub mod cameo;
mod casualties;
mod claims;
pub mod classify;
pub mod lexicon;
mod merge;
mod participants;
mod reading;
mod record;
pub mod tabari;
mod triggers;
mod vocabulary;
mod when_where;

use lexicon::Def;
use sitrep_actors::{Actor, DocActors};
use sitrep_core::{Claim, EntityType, Event, Mode, Place, Role, Span, TimeExpr};

/// Everything the event stage reads.
pub struct Inputs<'a> {
    pub doc_id: &'a str,
    pub text: &'a str,
    pub an: &'a Analysis,
    pub dct: Option<NaiveDate>,
    pub doc_source: Option<&'a str>,
    pub times: &'a [TimeExpr],
    pub places: &'a [Place],
    pub ents: &'a Entities,
    pub actors: &'a DocActors,
    pub dict: &'a sitrep_actors::ActorDict,
    pub gaz: &'a Gazetteer,
}

/// A participant phrase in a sentence.
#[derive(Debug, Clone)]
struct Chunk {
    span: Span,
    actor: Actor,
    kind: EntityType,
    /// A place used as a place ("in Syria"), not as a participant.
    place: bool,
    /// A thing, not an actor ("a police station", "two buses"): only ever
    /// what an event harms.
    object: bool,
}

/// A reporting cue with its source.
#[derive(Debug, Clone)]
struct Cue {
    word: String,
    at: usize, // byte offset of the cue word
    source: String,
    canonical: Option<String>,
    source_span: Span,
    according: bool,
}

/// One event mention before merging.
#[derive(Debug, Clone)]
struct Mention {
    sent: usize,
    trig: Span,
    def: Def,
    head: String,
    definite: bool,
    /// Told as another incident or an earlier one ("another missile", "a
    /// second strike", "since the shooting", a sentence opening
    /// "Separately").
    distinct: bool,
    mode: Mode,
    actors: Vec<(Role, Chunk)>,
    place: Option<Place>,
    time: Option<TimeExpr>,
    fatalities: Option<(u32, Span)>,
    injuries: Option<(u32, Span)>,
    claim: Option<Claim>,
    /// A number before the trigger noun ("432 arrests", "two attacks").
    counted: bool,
}

fn lower(text: &str, an: &Analysis, range: (usize, usize)) -> Vec<String> {
    an.tokens[range.0..range.1]
        .iter()
        .map(|t| t.text(text).to_lowercase())
        .collect()
}

fn number_of(w: &str) -> Option<u32> {
    sitrep_time::number_word(w.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Codes the events of one document.
pub fn extract(inp: &Inputs) -> Vec<Event> {
    let mut mentions: Vec<Mention> = Vec::new();
    let mut last_named_source: Option<(String, Option<String>)> = None;
    let mut prev_chunks: Vec<Chunk> = Vec::new();
    let caseless = sitrep_text::segment::is_caseless(inp.text);
    for (si, s) in inp.an.sentences.iter().enumerate() {
        let chunks = chunks(inp, si, &prev_chunks, caseless);
        let cues = cues(inp, si, &chunks, &mut last_named_source);
        let mut sent_mentions = triggers(inp, si, &chunks, &cues);
        merge_in_sentence(&mut sent_mentions);
        mentions.extend(sent_mentions);
        let _ = s;
        prev_chunks = chunks;
    }
    let mut events = build_events(inp, mentions);
    protests_met_with_force(&mut events);
    events
}

/// Whether `s` has at most `n` words; reads no further than word `n + 1`, so
/// the gap to a far word costs no more than to a near one.
fn words_at_most(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_none()
}
