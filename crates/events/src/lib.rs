//! # sitrep-events: who did what to whom, where, when, according to whom
//!
//! [`extract`] codes one document. It reads each sentence once, in order,
//! and each step takes what the step before it built:
//!
//! 1. `participants`: the entities and actors of the sentence become
//!    participant phrases (`Chunk`s): names extended over actor nouns, actor
//!    dictionary phrases, things an attack can harm, unnamed participants
//!    ("police", "three men"), pronouns. No later step reads the entities or
//!    actors again.
//! 2. `claims`: reporting cues ("X said", "according to X") with their
//!    sources (`Cue`s).
//! 3. `triggers`: trigger mentions (`Mention`s), from the trigger [`lexicon`],
//!    the phrase rules of each family (`triggers::{violence, protest,
//!    coercion, diplomacy, forces}`), the dictionary verbs and the
//!    one-sentence reading of [`classify`] (through `reading`), with each
//!    mention's mode (`triggers::mode`). For each mention:
//!    - `arguments`: participants and roles, objects and weapons;
//!    - `when_where`: the event's own place and date (not a dateline's, not
//!      a reporting verb's: "reported Friday");
//!    - `casualties`: the dead and wounded;
//!    - `claims`: the claim it falls under.
//! 4. `merge`: outcomes and anaphors join the attack of their sentence; then,
//!    across sentences, a compatible report joins the event it tells.
//! 5. `record`: each merged event becomes an [`Event`] record with its claims,
//!    disputes, evidence and field spans; `acled` gives its ACLED type.
//!
//! `vocabulary` holds the word lists several steps share. [`cameo`] and
//! [`tabari`] read the CAMEO/PETRARCH dictionary formats (the second codes
//! PETRARCH's validation suite, not the pipeline). The rule catalogue, step
//! by step, is in this crate's README.md.

use crate::acled::protests_met_with_force;
use crate::claims::cues;
use crate::merge::{build_events, merge_in_sentence};
use crate::participants::chunks;
use crate::triggers::triggers;
use crate::when_where::StoryPlaces;
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
    /// Its clause names a place, if not as where it happened ("the U.S.
    /// embassy was attacked"): something of its own all the same.
    names_place: bool,
    time: Option<TimeExpr>,
    fatalities: Option<(u32, Span)>,
    injuries: Option<(u32, Span)>,
    claim: Option<Claim>,
    /// A number before the trigger noun ("432 arrests", "two attacks").
    counted: bool,
}

/// The words of one sentence, lowercased on demand ("" outside it).
struct Words<'a> {
    inp: &'a Inputs<'a>,
    s: sitrep_text::Sentence,
}

impl Words<'_> {
    fn tw(&self, i: usize) -> String {
        if i >= self.s.tokens.0 && i < self.s.tokens.1 {
            self.inp.an.tokens[i].text(self.inp.text).to_lowercase()
        } else {
            String::new()
        }
    }
}

/// The lowercased words of tokens `range`.
fn lower(text: &str, an: &Analysis, range: (usize, usize)) -> Vec<String> {
    an.tokens[range.0..range.1]
        .iter()
        .map(|t| t.text(text).to_lowercase())
        .collect()
}

/// The number a word writes ("12", "twelve").
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
        let words = lower(inp.text, inp.an, s.tokens);
        let chunks = chunks(inp, si, &prev_chunks, caseless);
        let cues = cues(inp, si, &words, &chunks, &mut last_named_source);
        let mut sent_mentions = triggers(inp, si, &words, &chunks, &cues);
        merge_in_sentence(&mut sent_mentions);
        mentions.extend(sent_mentions);
        prev_chunks = chunks;
    }
    let story = StoryPlaces::of(inp);
    let mut events = build_events(inp, mentions, &story);
    protests_met_with_force(&mut events);
    casualties::toll_updates(inp, &mut events);
    events
}

/// Whether `s` has at most `n` words; reads no further than word `n + 1`, so
/// the gap to a far word costs no more than to a near one.
fn words_at_most(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_none()
}
