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

pub mod cameo;
pub mod classify;
pub mod lexicon;
pub mod tabari;

use chrono::{Duration, NaiveDate};
use lexicon::{Class, Def, Pos};
use sitrep_actors::{phrase_actor, sector_of_noun, Actor, DocActors};
use sitrep_core::{
    Acled, ActorRef, Claim, Dispute, EntityType, Event, EventDate, Evidence, FieldSpan, Mode,
    Place, Plover, Precision, Role, Span, TimeExpr, TimexType,
};
use sitrep_entities::Entities;
use sitrep_geo::Gazetteer;
use sitrep_text::Analysis;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

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

const CUE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "reported",
    "announced",
    "stated",
    "claimed",
    "confirmed",
    "added",
    "told",
    "denied",
    "quoted",
    "cited",
    "alleged",
    "insisted",
    "noted",
    "wrote",
    "tweeted",
    "posted",
];
const GENERIC_SOURCES: &[&str] = &[
    "report",
    "statement",
    "announcement",
    "communique",
    "release",
    "post",
];
const HYPOTHETICAL: &[&str] = &[
    "seeking",
    "seek",
    "seeks",
    "plotting",
    "plot",
    "plotted",
    "planning",
    "plan",
    "plans",
    "planned",
    "intend",
    "intends",
    "intended",
    "threatened",
    "threatens",
    "could",
    "would",
    "might",
    "may",
    "attempt",
    "attempted",
    "tried",
    "trying",
    "aims",
    "aimed",
    "wants",
    "wanted",
    "prepare",
    "preparing",
    "vowed",
    "vows",
    "potential",
    "possible",
    "discuss",
    "discussing",
    "negotiate",
    "negotiating",
    "urged",
    "urging",
    "demanded",
    "demanding",
    "proposed",
    "proposing",
];
const NEGATION: &[&str] = &[
    "not", "n't", "never", "no", "denied", "deny", "denies", "without",
];
const DETERMINERS: &[&str] = &[
    "the", "this", "that", "these", "those", "his", "her", "its", "their", "our",
];
/// Words that are no modifier between a support verb and its noun.
const MODIFIER_STOPS: &[&str] = &[
    "to", "and", "or", "of", "in", "on", "at", "by", "for", "with", "from", "that", "which", "who",
    "not", "no", "more", "new", "joint", "future", "further", "possible", "planned",
];
const SUPPORT_VERBS: &[&str] = &[
    "conducted",
    "carried",
    "launched",
    "staged",
    "held",
    "organised",
    "organized",
    "began",
    "started",
    "mounted",
    "led",
    "executed",
    "claimed",
    "undertook",
    "performed",
    "conduct",
    "launch",
    "involved",
    "responsible",
    "behind",
    "participated",
    "orchestrated",
    "masterminded",
    "planned",
    "planted",
    "detonated",
    "hurled",
    "threw",
    "placed",
];
const PRONOUNS: &[&str] = &["they", "he", "she", "it", "we"];
const PLACE_PREPS: &[&str] = &[
    "in",
    "near",
    "inside",
    "at",
    "across",
    "from",
    "into",
    "toward",
    "towards",
    "outside",
    "around",
    "of",
    "to",
    "throughout",
    "within",
];
/// Common nouns that name participants when no name is given.
const GENERIC_ACTORS: &[&str] = &[
    "police",
    "policemen",
    "troops",
    "soldiers",
    "gunmen",
    "militants",
    "rebels",
    "insurgents",
    "fighters",
    "protesters",
    "demonstrators",
    "residents",
    "civilians",
    "villagers",
    "men",
    "women",
    "children",
    "people",
    "students",
    "farmers",
    "workers",
    "journalists",
    "worshippers",
    "attackers",
    "assailants",
    "jihadists",
    "pirates",
    "bandits",
    "forces",
    "man",
    "woman",
    "boy",
    "girl",
    "teenager",
    "suspect",
    "suspects",
    "gunman",
    "bomber",
    "bombers",
    "attacker",
    "assailant",
    "soldier",
    "policeman",
    "officers",
    "activists",
    "militiamen",
    "guards",
    "hostages",
    "journalist",
    "activist",
    "officer",
    "civilian",
    "resident",
    "student",
    "worker",
    "farmer",
    "guerrillas",
    "guerrilla",
    "terrorists",
    "terrorist",
    "paramilitaries",
    "militia",
    "militias",
    "extremists",
    "kidnappers",
    "hitmen",
    "assassins",
    "murderers",
    "criminals",
    "traffickers",
    "individuals",
    "persons",
    "commandos",
    "peasants",
    "rioters",
    "looters",
    "settlers",
    "prisoners",
    "inmates",
    "detainees",
    "passengers",
    "pilgrims",
    "refugees",
    "migrants",
    "miners",
    "teachers",
    "doctors",
    "priests",
    "person",
    "mob",
    "mobs",
    "crowd",
    "crowds",
    "personnel",
    "constable",
    "constables",
    "cops",
    "patrol",
    "patrols",
    "convoy",
    "convoys",
    "chief",
    "chiefs",
    "teacher",
    "trader",
    "traders",
    "driver",
    "drivers",
    "pastor",
    "imam",
    "priest",
    "doctor",
    "nurse",
    "herder",
    "herders",
    "fishermen",
    "villager",
    "coalition",
    "fundamentalists",
    "islamists",
    "nationalists",
    "youths",
    "landowners",
    "supporters",
    "opponents",
    "dissidents",
    "monks",
    "clerics",
    "lawyers",
    "employees",
    "separatists",
    "secessionists",
    "loyalists",
    "vigilantes",
    "hackers",
];
/// Verbs that carry an act on: its doer is their subject ("continued
/// their hunger strike", "resumed its offensive").
const GOING_ON: &[&str] = &[
    "continued",
    "continue",
    "continues",
    "continuing",
    "resumed",
    "resume",
    "resumes",
];
/// Generic participants too: institutions named by their kind once the
/// story has named the country ("the army shelled", "the government
/// imposed a curfew"), which often modify the noun after them.
const INSTITUTIONS: &[&str] = &[
    "army",
    "military",
    "navy",
    "government",
    "authorities",
    "junta",
    "regime",
];
/// Nouns an institution modifies besides the generic participants: "army
/// reservists", "government officials", "military spokesman".
const INSTITUTION_HEADS: &[&str] = &[
    "reservists",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "commanders",
    "chief",
    "base",
    "bases",
    "headquarters",
    "statement",
    "source",
    "sources",
    "units",
    "unit",
    "vehicles",
    "vehicle",
    "helicopter",
    "helicopters",
    "jets",
    "aircraft",
    "positions",
    "post",
    "posts",
    "buildings",
    "building",
    "offices",
    "office",
    "ministers",
    "minister",
    "leaders",
    "critics",
    "spending",
    "court",
    "courts",
];

/// Words that may stand between a preposition and a place ("in eastern Syria").
const PLACE_MODIFIERS: &[&str] = &[
    "the",
    "a",
    "an",
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north",
    "south",
    "east",
    "west",
    "rural",
    "neighbouring",
    "neighboring",
    "nearby",
    "occupied",
    "war-torn",
    "besieged",
    "greater",
    "upper",
    "lower",
];
const ACTOR_NOUNS: &[&str] = &[
    "forces",
    "force",
    "troops",
    "soldiers",
    "military",
    "army",
    "member",
    "members",
    "operative",
    "operatives",
    "figure",
    "leader",
    "leaders",
    "commander",
    "fighters",
    "militants",
    "intelligence",
    "government",
    "embassy",
    "police",
    "officials",
    "authorities",
    "jets",
    "warplanes",
    "drones",
    "militia",
    "cell",
    "cells",
];

/// Buildings, vehicles and installations an attack can hit.
const OBJECT_NOUNS: &[&str] = &[
    "station",
    "stations",
    "headquarters",
    "barracks",
    "garrison",
    "garrisons",
    "checkpoint",
    "checkpoints",
    "compound",
    "office",
    "offices",
    "building",
    "buildings",
    "house",
    "houses",
    "home",
    "homes",
    "residence",
    "farm",
    "farms",
    "store",
    "stores",
    "shop",
    "shops",
    "market",
    "restaurant",
    "hotel",
    "bank",
    "school",
    "schools",
    "church",
    "mosque",
    "hospital",
    "clinic",
    "car",
    "cars",
    "bus",
    "buses",
    "truck",
    "trucks",
    "vehicle",
    "vehicles",
    "train",
    "bridge",
    "bridges",
    "pipeline",
    "tower",
    "towers",
    "substation",
    "plant",
    "factory",
    "warehouse",
    "facilities",
    "installations",
    "property",
    "airport",
    "port",
    "exchange",
];

/// Words a nationality's noun phrase does not run past.
const NOT_MODIFIED: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "from", "by", "with", "for", "near", "and",
    "or", "but", "as", "who", "which", "that", "was", "were", "is", "are", "has", "have", "had",
    "be", "been", "will", "would", "said", "says", "say", "told", "after", "before", "during",
    "into", "against", "while", "when", "where", "since", "until", "about", "also", "not", "its",
    "their", "his", "her", "than", "there", "this", "these", "those", "it", "they", "he", "she",
    "we", "could", "should", "may", "might", "can", "did", "do", "does", "across", "along", "out",
    "up", "off", "down", "over",
];

/// A lowercase word that may modify the noun after it: not a function
/// word, a verb form ("-ing", "-ed") or a time word.
fn modifier_word(lw: &str) -> bool {
    !NOT_MODIFIED.contains(&lw)
        && !lw.ends_with("ing")
        && !lw.ends_with("ed")
        // "Algerian landowners began a hunger strike": a verb ends it.
        && !IRREGULAR_PAST.contains(&lw)
        && !SUPPORT_VERBS.contains(&lw)
        && !sitrep_time::is_time_word(lw)
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

/// A peaceful protest told in the same sentence as arrests or force used
/// by the authorities, or in a story where they arrest or use force on
/// protesters, is, in ACLED's terms, a protest with intervention
/// ("villagers protested …; police arrested 4 protesters").
fn protests_met_with_force(events: &mut [Event]) {
    let sentences_of = |e: &Event| -> Vec<(usize, usize)> {
        e.evidence.iter().map(|x| (x.start, x.end)).collect()
    };
    let on_protesters = |e: &Event| {
        e.actors.iter().any(|a| {
            a.role == Role::Target && {
                let t = a.text.to_lowercase();
                ["protest", "demonstrat", "marchers"]
                    .iter()
                    .any(|w| t.contains(w))
            }
        })
    };
    // (The sentences of each intervention; whether it was on protesters.)
    let forced: Vec<(Vec<(usize, usize)>, bool)> = events
        .iter()
        .filter(|e| {
            matches!(e.kind.as_str(), "arrest" | "repression")
                || e.acled.as_ref().is_some_and(|a| {
                    a.sub_event_type == "Protest with intervention"
                        || a.sub_event_type == "Excessive force against protesters"
                })
        })
        .map(|e| (sentences_of(e), on_protesters(e)))
        .collect();
    for e in events.iter_mut() {
        let peaceful = e
            .acled
            .as_ref()
            .is_some_and(|a| a.sub_event_type == "Peaceful protest");
        if peaceful && {
            let mine = sentences_of(e);
            forced
                .iter()
                .any(|(f, on)| *on || f.iter().any(|s| mine.contains(s)))
        } {
            e.acled = Some(Acled {
                event_type: "Protests".into(),
                sub_event_type: "Protest with intervention".into(),
            });
        }
    }
}

/// Participant phrases of sentence `si`: named entities, extended over
/// actor nouns ("US forces", "ISIS operative") and "a member of (the) X";
/// pronouns resolved to the nearest organisation or person before them.
/// In a text without capitals (`caseless`), phrases of two words or more
/// are also looked up in the Phoenix dictionaries ("shining path").
fn chunks(inp: &Inputs, si: usize, prev: &[Chunk], caseless: bool) -> Vec<Chunk> {
    let (text, an) = (inp.text, inp.an);
    let s = inp.an.sentences[si];
    let mut out: Vec<Chunk> = Vec::new();
    let in_sentence: Vec<(usize, &sitrep_core::Entity)> = inp.ents.within(s.span()).collect();
    let roles: Vec<Span> = in_sentence
        .iter()
        .filter_map(|(i, _)| inp.ents.roles.get(i).copied())
        .collect();
    for &(i, e) in &in_sentence {
        // A miscellaneous name takes part only when the actor stage coded
        // it ("Bosnian Serbs": a people of a country).
        let coded = || {
            inp.actors
                .by_cluster
                .get(&inp.ents.cluster[i])
                .is_some_and(|a| a.country.is_some() || a.sector.is_some())
        };
        if e.kind == EntityType::Misc && !coded() {
            continue;
        }
        // Words of a person's role ("Syrian President", "CENTCOM Commander") describe the person.
        if roles.iter().any(|r| r.contains(e.span())) {
            continue;
        }
        let role_start = inp.ents.roles.get(&i).map(|r| r.start);
        let ti = an.token_at(e.start);
        let te = an.token_at(e.end);
        // A nationality before a title and a name describes the person:
        // "Salvadoran Presidency Minister Antonio Rodriguez Porth" (in text
        // without capitals, "salvadoran leader hector oqueli").
        if e.kind == EntityType::Norp {
            let person_follows = in_sentence.iter().any(|(_, p)| {
                p.kind == EntityType::Per && p.start > e.end && {
                    let (a, b) = (te, an.token_at(p.start));
                    b <= a + 3
                        && (a..b).all(|k| {
                            let w = an.tokens[k].text(text);
                            w.starts_with(|c: char| c.is_uppercase())
                                || caseless
                                    && w.chars().all(char::is_alphabetic)
                                    && !NOT_MODIFIED.contains(&w)
                        })
                }
            });
            if person_follows {
                continue;
            }
        }
        // Extend right over actor nouns, and over a possessive before one
        // ("Thailand's army").
        let mut end_tok = te;
        if te + 1 < s.tokens.1
            && matches!(an.tokens[te].text(text), "'s" | "’s")
            && ACTOR_NOUNS.contains(&an.tokens[te + 1].text(text).to_lowercase().as_str())
        {
            end_tok = te + 1;
        }
        while end_tok < s.tokens.1
            && ACTOR_NOUNS.contains(&an.tokens[end_tok].text(text).to_lowercase().as_str())
        {
            end_tok += 1;
        }
        // A nationality or country before a noun is that noun's: "two U.S.
        // missionaries", "a Salvadoran air force helicopter", "Ukrainian
        // positions" (up to three lowercase words, not past a function
        // word, a verb form or an event word).
        // (A people named in the plural is no adjective: "The
        // Palestinians reject …", "Kurds say".)
        let people = {
            let t = &text[e.start..e.end];
            t.len() > 3 && t.ends_with('s') && !t.ends_with("ss")
        };
        let attributive = e.kind == EntityType::Norp && !people
            || e.kind == EntityType::Gpe && ti > s.tokens.0 && {
                let p = an.tokens[ti - 1].text(text).to_lowercase();
                matches!(p.as_str(), "a" | "an" | "the") || number_of(&p).is_some()
            };
        if attributive && end_tok == te {
            let mut j = te;
            while j < s.tokens.1 && j < te + 3 {
                let w = an.tokens[j].text(text);
                let next = an.tokens.get(j + 1).map(|t| t.text(text).to_lowercase());
                let lw = w.to_lowercase();
                let starts_entity = in_sentence
                    .iter()
                    .any(|(_, x)| x.start == an.tokens[j].start);
                if !w.chars().all(|c| c.is_lowercase() || c == '-')
                    || starts_entity
                    || !modifier_word(&lw)
                    || lexicon::lookup(&lw, next.as_deref()).is_some()
                {
                    break;
                }
                j += 1;
            }
            end_tok = j;
        }
        // Extend left over "a (senior) member of (the)".
        let mut start_tok = ti;
        let mut k = ti;
        if k > s.tokens.0 && an.tokens[k - 1].text(text).eq_ignore_ascii_case("the") {
            k -= 1;
        }
        if k > s.tokens.0 + 1
            && an.tokens[k - 1].text(text) == "of"
            && ACTOR_NOUNS.contains(&an.tokens[k - 2].text(text).to_lowercase().as_str())
        {
            start_tok = k - 2;
            while start_tok > s.tokens.0
                && matches!(
                    an.tokens[start_tok - 1].text(text).to_lowercase().as_str(),
                    "a" | "an" | "one" | "senior" | "top" | "the" | "two" | "three" | "several"
                )
            {
                start_tok -= 1;
            }
        }
        let span = Span::new(
            role_start
                .unwrap_or(an.tokens[start_tok].start)
                .min(an.tokens[start_tok].start),
            an.tokens[end_tok - 1].end,
        );
        let tw = |k: usize| {
            if k >= s.tokens.0 && k < s.tokens.1 {
                an.tokens[k].text(text).to_lowercase()
            } else {
                String::new()
            }
        };
        let is_geo = matches!(e.kind, EntityType::Gpe | EntityType::Loc);
        // "in Syria", "in eastern Syria", "in the north of Syria", "Atmeh, Syria".
        let prep_before = (1..=3).any(|b| {
            ti >= s.tokens.0 + b
                && PLACE_PREPS.contains(&tw(ti - b).as_str())
                && (1..b).all(|c| PLACE_MODIFIERS.contains(&tw(ti - c).as_str()))
        });
        let after_place = ti > s.tokens.0 + 1
            && tw(ti - 1) == ","
            && out
                .last()
                .is_some_and(|c: &Chunk| c.place && c.span.end == an.tokens[ti - 2].end);
        let place = is_geo && end_tok == te && (prep_before || after_place);
        let actor = if end_tok > te || start_tok < ti || matches!(e.kind, EntityType::Norp) {
            phrase_actor(text, an, inp.ents, inp.actors, inp.gaz, span).map(|x| x.0)
        } else {
            inp.actors.by_cluster.get(&inp.ents.cluster[i]).cloned()
        };
        let actor = actor.unwrap_or_else(|| Actor {
            canonical: e.canonical.clone(),
            ..Default::default()
        });
        let _ = (te, ti);
        // A national capital that opens a clause and is followed by what
        // it did stands for the country's government, as CAMEO codes it:
        // "Berlin rejected …", "Beirut again rejected …" (not "Kabul
        // residents said", "Berlin, Germany").
        if is_geo && actor.country.is_none() && !place && end_tok == te {
            if let Some(a) = capital_government(inp, span, start_tok == s.tokens.0, end_tok) {
                out.push(Chunk {
                    span,
                    actor: a,
                    kind: e.kind,
                    place: false,
                    object: false,
                });
                continue;
            }
        }
        if is_geo && actor.country.is_none() && !place {
            // A town or region that is not a country is not a participant.
            out.push(Chunk {
                span,
                actor,
                kind: e.kind,
                place: true,
                object: false,
            });
            continue;
        }
        out.push(Chunk {
            span,
            actor,
            kind: e.kind,
            place,
            object: false,
        });
    }
    // Actor-dictionary phrases written in lower case ("the US-led global coalition").
    let toks = &an.tokens[s.tokens.0..s.tokens.1];
    for a in 0..toks.len() {
        for len in (1..=5).rev() {
            if a + len > toks.len() {
                continue;
            }
            let sp = Span::new(toks[a].start, toks[a + len - 1].end);
            // A phrase starts and ends with a word; a single word, or a
            // short name ("IS", "UN"), must be written in capitals (not
            // ") is", "un").
            let (first, last) = (toks[a].text(text), toks[a + len - 1].text(text));
            let wordy = |t: &str| t.chars().next().is_some_and(|c| c.is_alphanumeric());
            let phrase = &text[sp.start..sp.end];
            let capital = phrase.chars().any(|c| c.is_uppercase());
            if !wordy(first) || !wordy(last) || len == 1 && !capital {
                continue;
            }
            if out.iter().any(|c| c.span.overlaps(sp)) {
                continue;
            }
            let found = inp
                .dict
                .get(phrase)
                .filter(|_| capital || sitrep_geo::normalize(phrase).len() > 3)
                .cloned()
                .or_else(|| {
                    (caseless && len >= 2)
                        .then(|| inp.dict.phoenix_actor(phrase, inp.dct, inp.gaz))
                        .flatten()
                });
            if let Some(actor) = found {
                out.push(Chunk {
                    span: sp,
                    actor,
                    kind: EntityType::Org,
                    place: false,
                    object: false,
                });
                break;
            }
        }
    }
    // Things attacked: "a police station", "an electric power
    // substation", "two buses" (the noun and up to three modifiers before
    // it; the sector of an actor noun among them: "army barracks" MIL).
    for (k, t) in toks.iter().enumerate() {
        let w = t.text(text).to_lowercase();
        if !is_object_noun(&w)
            || !t.text(text).starts_with(|c: char| c.is_lowercase())
            || out.iter().any(|c| c.span.overlaps(t.span()))
        {
            continue;
        }
        let mut first = k;
        while first > 0 && k - first < 3 && {
            let p = toks[first - 1].text(text);
            let lp = p.to_lowercase();
            p.chars().all(|c| c.is_lowercase() || c == '-')
                && (modifier_word(&lp) || matches!(lp.as_str(), "armored" | "armoured"))
                && lexicon::lookup(&lp, Some(&w)).is_none()
                && !out.iter().any(|c| c.span.overlaps(toks[first - 1].span()))
        } {
            first -= 1;
        }
        let sector = (first..k).find_map(|j| {
            let m = toks[j].text(text).to_lowercase();
            sector_of_noun(&m).or_else(|| sector_of_noun(&format!("{m}s")))
        });
        out.push(Chunk {
            span: Span::new(toks[first].start, t.end),
            actor: Actor {
                canonical: w.clone(),
                country: None,
                sector: sector.map(str::to_string),
                affiliation: None,
                generic: true,
            },
            kind: EntityType::Misc,
            place: false,
            object: true,
        });
    }
    // Unnamed participants: "police", "three men", "hundreds of residents".
    for (k, t) in toks.iter().enumerate() {
        let w = t.text(text).to_lowercase();
        if !is_generic_actor(&w) || out.iter().any(|c| c.span.overlaps(t.span())) {
            continue;
        }
        // An institution that modifies the next noun is not the
        // participant: "army reservists", "government officials".
        if INSTITUTIONS.contains(&w.as_str())
            && toks.get(k + 1).is_some_and(|n| {
                let n = n.text(text).to_lowercase();
                is_generic_actor(&n) || INSTITUTION_HEADS.contains(&n.as_str())
            })
        {
            continue;
        }
        // "CENTCOM forces", "(SDF) fighters": a noun after a name belongs to that name.
        // (A capital that only starts the sentence, "Unidentified gunmen",
        // "Two soldiers", is not a name.)
        let prev_name = k > 0 && {
            let p = toks[k - 1];
            p.text(text) == ")"
                || p.text(text)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase())
                    && inp.ents.within(p.span()).next().is_some_and(|(i, e)| {
                        // (A miscellaneous name that takes no part, "Islamic
                        // fundamentalists", leaves the noun its own.)
                        e.kind != EntityType::Misc
                            || inp
                                .actors
                                .by_cluster
                                .get(&inp.ents.cluster[i])
                                .is_some_and(|a| a.country.is_some() || a.sector.is_some())
                    })
        };
        if prev_name {
            continue;
        }
        let mut first = k;
        while first > 0 && {
            let p = toks[first - 1].text(text).to_lowercase();
            // "of" only after a count or a collective noun: "hundreds of
            // residents", "a group of armed men" (not "the killing of people").
            let of_count = p == "of"
                && first > 1
                && matches!(
                    toks[first - 2].text(text).to_lowercase().as_str(),
                    "hundreds"
                        | "dozens"
                        | "tens"
                        | "scores"
                        | "millions"
                        | "thousands"
                        | "group"
                        | "band"
                        | "number"
                        | "crowd"
                        | "gang"
                        | "column"
                        | "squad"
                        | "unit"
                        | "handful"
                        | "couple"
                );
            // "the Saudi-led coalition", "Russian-backed separatists",
            // "pro-government militias".
            let allied = ["-led", "-backed", "-allied", "-aligned", "-affiliated"]
                .iter()
                .any(|x| p.ends_with(x))
                || p.starts_with("pro-");
            number_of(&p).is_some()
                || of_count
                || allied
                || matches!(
                    p.as_str(),
                    "hundreds"
                        | "group"
                        | "band"
                        | "crowd"
                        | "gang"
                        | "column"
                        | "squad"
                        | "handful"
                        | "couple"
                        | "dozens"
                        | "tens"
                        | "scores"
                        | "millions"
                        | "thousands"
                        | "several"
                        | "armed"
                        | "unidentified"
                        | "local"
                        | "security"
                        | "government"
                        | "suspected"
                        | "unknown"
                        | "intelligence"
                        | "special"
                        | "masked"
                        | "suicide"
                        | "lone"
                        | "police"
                        | "opposition"
                        | "urban"
                        | "drug"
                        | "leftist"
                        | "rightist"
                        | "alleged"
                        | "heavily"
                        | "hooded"
                        | "rebel"
                        | "enemy"
                        | "rival"
                        | "guerrilla"
                        | "army"
                        | "military"
                        | "navy"
                        | "terrorist"
                )
        } {
            first -= 1;
        }
        let span = Span::new(toks[first].start, t.end);
        // "journalist" has the sector of "journalists"; "a police patrol"
        // that of its modifier.
        let sector_of = |x: &str| sector_of_noun(x).or_else(|| sector_of_noun(&format!("{x}s")));
        let sector = sector_of(&w)
            .or_else(|| (first..k).find_map(|j| sector_of(&toks[j].text(text).to_lowercase())))
            .map(str::to_string);
        out.push(Chunk {
            span,
            actor: Actor {
                canonical: w.clone(),
                country: None,
                sector,
                affiliation: None,
                generic: true,
            },
            kind: EntityType::Misc,
            place: false,
            object: false,
        });
    }
    // Pronouns.
    for t in &an.tokens[s.tokens.0..s.tokens.1] {
        let w = t.text(text).to_lowercase();
        if PRONOUNS.contains(&w.as_str()) {
            let ante = out
                .iter()
                .filter(|c| {
                    c.span.end <= t.start
                        && !c.place
                        && matches!(c.kind, EntityType::Org | EntityType::Per)
                })
                // "We" is an organisation or the person who speaks for it
                // ("Cooper said: 'We will not yield'"), never a nationality
                // from an earlier sentence ("the Turkish border").
                .rfind(|c| w == "we" || (w == "they" || w == "it") == (c.kind == EntityType::Org))
                .or_else(|| {
                    prev.iter().rev().find(|c| {
                        !c.place
                            && (c.kind == EntityType::Per) == (w == "he" || w == "she")
                            && !(w == "we" && c.kind == EntityType::Norp)
                    })
                })
                .cloned();
            if let Some(a) = ante {
                out.push(Chunk {
                    span: t.span(),
                    actor: a.actor,
                    kind: a.kind,
                    place: false,
                    object: false,
                });
            }
        }
    }
    out.sort_by_key(|c| c.span.start);
    // Drop chunks nested in a longer one.
    let all = out.clone();
    out.retain(|c| {
        !all.iter()
            .any(|o| o.span != c.span && o.span.contains(c.span))
    });
    out
}

/// Reporting cues of sentence `si`.
fn cues(
    inp: &Inputs,
    si: usize,
    chunks: &[Chunk],
    last_named: &mut Option<(String, Option<String>)>,
) -> Vec<Cue> {
    let (text, an) = (inp.text, inp.an);
    let s = an.sentences[si];
    let w = lower(text, an, s.tokens);
    let mut out = Vec::new();
    for (k, word) in w.iter().enumerate() {
        let tok = an.tokens[s.tokens.0 + k];
        if word == "according" && w.get(k + 1).map(|x| x.as_str()) == Some("to") {
            let after = an
                .tokens
                .get(s.tokens.0 + k + 2)
                .map(|t| t.start)
                .unwrap_or(s.end);
            let (source, canonical, span) = match chunks
                .iter()
                .find(|c| c.span.start >= after && c.span.start <= after + 12)
            {
                Some(c) => (
                    text[c.span.start..c.span.end].to_string(),
                    Some(c.actor.canonical.clone()),
                    c.span,
                ),
                None => {
                    // An unnamed source: the words up to the next punctuation.
                    let mut e = s.tokens.0 + k + 2;
                    while e < s.tokens.1
                        && an.tokens[e].kind == sitrep_text::TokKind::Word
                        && e < s.tokens.0 + k + 6
                    {
                        e += 1;
                    }
                    if e == s.tokens.0 + k + 2 {
                        continue;
                    }
                    let sp = Span::new(an.tokens[s.tokens.0 + k + 2].start, an.tokens[e - 1].end);
                    (text[sp.start..sp.end].to_string(), None, sp)
                }
            };
            if canonical.is_some() {
                *last_named = Some((source.clone(), canonical.clone()));
            }
            out.push(Cue {
                word: "according to".into(),
                at: tok.start,
                source,
                canonical,
                source_span: span,
                according: true,
            });
            continue;
        }
        if !CUE_VERBS.contains(&word.as_str()) {
            continue;
        }
        // Source: the participant just before the cue (adverbs and "also" may
        // intervene), or before an appositive ("X, a Syrian news agency …, reported").
        // Only adverbs and auxiliaries may come between ("X also said", "X
        // has said"): in "killing 20 civilians, witnesses said" or "the
        // Palestinian health ministry said" the words between are the source.
        let mut before = chunks.iter().rev().find(|c| {
            if c.span.end > tok.start || c.place {
                return false;
            }
            let gap = &text[c.span.end..tok.start];
            words_at_most(gap, 2)
                && gap
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|x| !x.is_empty())
                    .all(|x| {
                        let x = x.to_lowercase();
                        is_adverb(&x) || matches!(x.as_str(), "has" | "had" | "have" | "however")
                    })
                && !gap.contains([',', ';', '.'])
        });
        if text[s.start..tok.start].trim_end().ends_with(',') {
            let head = &text[s.start..tok.start];
            if let Some(ap) = [", a ", ", an ", ", the "]
                .iter()
                .filter_map(|p| head.find(p))
                .min()
            {
                let ap = s.start + ap;
                if let Some(c) = chunks
                    .iter()
                    .rev()
                    .find(|c| c.span.end <= ap && text[c.span.end..ap].trim().is_empty())
                {
                    before = Some(c);
                }
            }
        }
        let cue = match before {
            Some(c) => {
                let src = text[c.span.start..c.span.end].to_string();
                *last_named = Some((src.clone(), Some(c.actor.canonical.clone())));
                Cue {
                    word: word.clone(),
                    at: tok.start,
                    source: src,
                    canonical: Some(c.actor.canonical.clone()),
                    source_span: c.span,
                    according: false,
                }
            }
            None => {
                // "the report said": a generic source stands for the last named one.
                let k0 = k.saturating_sub(2);
                let generic = w[k0..k]
                    .iter()
                    .any(|x| GENERIC_SOURCES.contains(&x.as_str()));
                if generic {
                    if let Some((src, can)) = last_named.clone() {
                        let sp = Span::new(
                            an.tokens[s.tokens.0 + k0].start,
                            an.tokens[s.tokens.0 + k - 1].end,
                        );
                        Cue {
                            word: word.clone(),
                            at: tok.start,
                            source: src,
                            canonical: can,
                            source_span: sp,
                            according: false,
                        }
                    } else {
                        continue;
                    }
                } else if let Some(sp) = unnamed_source(text, an, s, k) {
                    // "the army said", "the Hamas-run health ministry said",
                    // "police said", "witnesses told Reuters".
                    Cue {
                        word: word.clone(),
                        at: tok.start,
                        source: text[sp.start..sp.end].to_string(),
                        canonical: None,
                        source_span: sp,
                        according: false,
                    }
                } else {
                    continue;
                }
            }
        };
        out.push(cue);
    }
    out
}

/// Common nouns that name who speaks ("the army said", "officials said").
const SOURCE_NOUNS: &[&str] = &[
    "army",
    "military",
    "ministry",
    "police",
    "officials",
    "official",
    "residents",
    "witnesses",
    "sources",
    "source",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "prosecutors",
    "governor",
    "authorities",
    "activists",
    "medics",
    "doctors",
    "monitor",
    "agency",
    "government",
    "mayor",
    "statement",
    "group",
    "observers",
    "diplomats",
    "analysts",
    "committee",
    "council",
    "office",
    "service",
    "hospital",
    "command",
    "forces",
    "rebels",
    "militants",
    "insurgents",
    "villagers",
];

/// The unnamed source right before the cue at sentence word `k`: a phrase of
/// at most five words after the last punctuation, ending (adverbs aside)
/// with a source noun. "the Hamas-run health ministry" for "…, the Hamas-run
/// health ministry said".
fn unnamed_source(text: &str, an: &Analysis, s: sitrep_text::Sentence, k: usize) -> Option<Span> {
    let word = |i: usize| an.tokens[s.tokens.0 + i].text(text).to_lowercase();
    let mut end = k;
    while end > 0
        && matches!(
            word(end - 1).as_str(),
            "also" | "later" | "earlier" | "has" | "had" | "have"
        )
    {
        end -= 1;
    }
    if end == 0 || !SOURCE_NOUNS.contains(&word(end - 1).as_str()) {
        return None;
    }
    let mut start = end - 1;
    while start > 0
        && end - start < 5
        && an.tokens[s.tokens.0 + start - 1].kind == sitrep_text::TokKind::Word
        && !matches!(
            word(start - 1).as_str(),
            "and" | "that" | "but" | "as" | "when" | "while"
        )
    {
        start -= 1;
    }
    // "the army" and "army" are one source.
    while start + 1 < end && matches!(word(start).as_str(), "the" | "a" | "an") {
        start += 1;
    }
    Some(Span::new(
        an.tokens[s.tokens.0 + start].start,
        an.tokens[s.tokens.0 + end - 1].end,
    ))
}

/// Whether `s` has at most `n` words; reads no further than word `n + 1`, so
/// the gap to a far word costs no more than to a near one.
fn words_at_most(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_none()
}

/// Where the line holding byte `at` starts, if within [`DATELINE_BYTES`] of
/// it: a dateline opens its line, so a line start further back means none
/// (and a text without line breaks is not searched back to its start at
/// every mention).
const DATELINE_BYTES: usize = 200;
fn line_start_near(text: &str, at: usize) -> Option<usize> {
    let mut lo = at.saturating_sub(DATELINE_BYTES);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    match text.get(lo..at)?.rfind('\n') {
        Some(i) => Some(lo + i + 1),
        None => (lo == 0).then_some(0),
    }
}

/// Whether byte `at` lies in a line's dateline: "KYIV, Ukraine (AP) —",
/// "KANDAHAR, Afghanistan, Oct. 3 (Xinhua) --", "BEIRUT -": an all-capital
/// first word, then only capitalised words, numbers and parentheses up to a
/// dash.
fn in_dateline(text: &str, at: usize) -> bool {
    let Some(line_start) = line_start_near(text, at) else {
        return false;
    };
    let line: String = text[line_start..].chars().take(100).collect();
    let Some(dash) = ["—", " – ", " - ", "--"]
        .iter()
        .filter_map(|d| line.find(d))
        .min()
    else {
        return false;
    };
    let head = &line[..dash];
    let mut words = head.split_whitespace();
    let first_caps = words.next().is_some_and(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    });
    first_caps
        && head
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '('))
        && at < line_start + dash
}

/// "MOGADISHU, March 14 (Agency) —": a dateline gives the report's date.
fn is_dateline(inp: &Inputs, t: &TimeExpr) -> bool {
    let Some(line_start) = line_start_near(inp.text, t.start) else {
        return false;
    };
    let head = inp.text[line_start..t.start].trim_end();
    let city = head.trim_end_matches(',');
    let after: String = inp.text[t.end..].chars().take(60).collect();
    head.ends_with(',')
        && !city.is_empty()
        && city
            .chars()
            .all(|c| c.is_uppercase() || c.is_whitespace() || c == '-' || c == '.')
        && (after.contains('—') || after.contains(" - ") || after.trim_start().starts_with('('))
}

fn is_reporting_time(inp: &Inputs, cues: &[Cue], t: &TimeExpr) -> bool {
    if is_dateline(inp, t) {
        return true;
    }
    // "reported Friday", "announced earlier on Friday", "said on Monday".
    // (`all` stops at the first other word: a sentence of thousands of
    // words costs no more per cue than a short one.)
    cues.iter().filter(|c| !c.according).any(|c| {
        let cue_end = c.at + c.word.len();
        t.start >= cue_end
            && inp
                .text
                .get(cue_end..t.start)
                .unwrap_or("")
                .split_whitespace()
                .all(|w| matches!(w, "on" | "earlier" | "late" | "early" | "last" | "this"))
    })
}

/// Trigger mentions of sentence `si` with their arguments. A sentence in
/// which no trigger makes a mention with a participant or a toll, or whose
/// first dictionary event is carried by a stance word or comes before every
/// trigger and is of a category the trigger lexicon leaves to the
/// dictionary ("rejected an offer of talks", "suspended aid deliveries
/// after … were hit"), is also read as
/// CAMEO coders read one sentence
/// ([`classify::Lexicon::sentence_reading_cased`]): "will visit" is a
/// promise (AGREE), "refused to meet" a rejection (REJECT, beside the
/// meeting, negated), "vowed to attack" a threat. On the PLOVER gold
/// records, stance readings beside the triggers' mentions take the
/// pipeline's accuracy from 0.351 to 0.370.
fn triggers(inp: &Inputs, si: usize, chunks: &[Chunk], cues: &[Cue]) -> Vec<Mention> {
    let s = inp.an.sentences[si];
    let w = lower(inp.text, inp.an, s.tokens);
    let mut out = triggers_with(inp, si, &w, chunks, cues, None);
    // A trigger with neither participant nor toll ("the detained
    // fishermen") leaves the sentence to the reading.
    let covered = out
        .iter()
        .any(|m| !m.actors.is_empty() || m.fatalities.is_some() || m.injuries.is_some());
    let caps: Vec<bool> = inp.an.tokens[s.tokens.0..s.tokens.1]
        .iter()
        .map(|t| t.text(inp.text).starts_with(char::is_uppercase))
        .collect();
    if let Some(r) = classify::Classifier::embedded()
        .lexicon()
        .sentence_reading_cased(&w, &caps)
    {
        // A speech act before the first trigger governs it and is an event
        // of its own: "rejected an offer of talks", "demanded a meeting"
        // (PLOVER gold pipeline accuracy 0.401 → 0.419); so is any act the
        // trigger lexicon does not cover: "suspended aid deliveries after
        // two of their vehicles were hit", "extradited a suspected
        // militant" (0.593 → 0.606).
        let act_first = !matches!(
            classify::CATEGORIES[r.category],
            "ASSAULT" | "COERCE" | "PROTEST" | "MOBILIZE"
        ) && {
            let at = inp.an.tokens[s.tokens.0 + r.start].start;
            out.iter().all(|m| m.trig.start > at)
        }
            // A control verb's event is the infinitive ("failed to arrest").
            && w.get(r.end).is_none_or(|x| x != "to")
            // "completed a troop withdrawal": the trigger's event already.
            && !out
                .iter()
                .any(|m| m.def.plover.0 == classify::CATEGORIES[r.category]);
        if covered && !r.stance && !act_first {
            return out;
        }
        let extra = triggers_with(inp, si, &w, chunks, cues, Some(r));
        for m in extra {
            if !out
                .iter()
                .any(|o| o.trig.start < m.trig.end && m.trig.start < o.trig.end)
            {
                // "Israel completed a troop withdrawal": the reading's
                // mention, with its doer, stands for a bare trigger of the
                // same category.
                out.retain(|o| {
                    o.def.plover.0 != m.def.plover.0
                        || !o.actors.is_empty()
                        || o.fatalities.is_some()
                        || o.injuries.is_some()
                });
                out.push(m);
            }
        }
        out.sort_by_key(|m| m.trig.start);
    }
    out
}

/// [`triggers`]: the trigger lexicon's mentions, or, with `reading`, the
/// one mention of that dictionary reading.
fn triggers_with(
    inp: &Inputs,
    si: usize,
    w: &[String],
    chunks: &[Chunk],
    cues: &[Cue],
    reading: Option<classify::Reading>,
) -> Vec<Mention> {
    let (text, an) = (inp.text, inp.an);
    let s = an.sentences[si];
    let mut out = Vec::new();
    let mut sent_probs = None;
    // With a reading, its one mention: (first word, length, definition).
    let by_reading = match reading {
        Some(r) => match lexicon::cameo_fallback(classify::CATEGORIES[r.category]) {
            Some(def) => Some((r.start, r.end - r.start, def)),
            None => return out,
        },
        None => None,
    };
    let mut k = 0;
    while k < w.len() {
        if by_reading.is_some_and(|(at, _, _)| k != at) {
            k += 1;
            continue;
        }
        let mut listed = by_reading
            .map(|(_, n, def)| (n, Pos::Verb, def))
            .or_else(|| lexicon::lookup(&w[k], w.get(k + 1).map(|x| x.as_str())))
            .or_else(|| struck_by(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| fired_at(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| armed_firing(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| arrest_phrase(w, k).map(|n| (n, Pos::Verb, lexicon::ARREST)))
            .or_else(|| blew_self_up(w, k).map(|d| (3, Pos::Verb, d)))
            .or_else(|| demonstrated(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| threw_explosive(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| disrupted_weapons(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| signed_agreement(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| dispersed_crowd(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| forces_withdrawn(w, k).map(|d| (1, Pos::Noun, d)))
            .or_else(|| attempted_assassination(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| gathered_in_protest(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| defaced_sites(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| imposed_restriction(w, k).map(|d| (1, Pos::Verb, d)))
            .or_else(|| {
                took_territory(w, k, |i| {
                    an.tokens
                        .get(s.tokens.0 + i)
                        .filter(|_| s.tokens.0 + i < s.tokens.1)
                        .is_some_and(|t| t.text(text).starts_with(char::is_uppercase))
                })
                .map(|(n, d)| (n, Pos::Verb, d))
            })
            .or_else(|| set_fire(w, k).map(|(n, d)| (n, Pos::Verb, d)))
            .or_else(|| blocked_passage(w, k).map(|d| (1, Pos::Verb, d)));
        let from_passive = listed.is_none()
            && passive_attack(&w[k]).is_some()
            && passive_before(|i| w[i].clone(), k, 0);
        if from_passive {
            listed = passive_attack(&w[k]).map(|d| (1, Pos::Verb, d));
        }
        // "set off a bomb", "set off explosives": the device within a few words.
        if listed.is_none()
            && w[k] == "set"
            && w.get(k + 1).is_some_and(|x| x == "off")
            && w[k + 2..(k + 6).min(w.len())]
                .iter()
                .any(|x| is_weapon_noun(x) && x != "weapons")
        {
            listed = Some((2, Pos::Verb, lexicon::BOMB_DEVICE));
        }
        // "a gunman shot three people", "troops shot him": active "shot"
        // with a participant right after it (not "shot a video").
        if listed.is_none() && matches!(w[k].as_str(), "shot" | "shoots" | "shoot") {
            let next = an.tokens.get(s.tokens.0 + k + 1).map(|t| t.start);
            if next.is_some_and(|at| {
                chunks
                    .iter()
                    .any(|c| c.span.start == at && !c.object && !c.place)
            }) {
                listed = Some((1, Pos::Verb, lexicon::attack_def(Some("firearms"))));
            }
        }
        let from_cameo = listed.is_none();
        let Some((len, pos, def)) =
            listed.or_else(|| cameo_trigger(inp, si, w, k, &mut sent_probs))
        else {
            k += 1;
            continue;
        };
        // "until their demands are met", "failed to meet the deadline":
        // "meet" as satisfy is no meeting.
        if def.plover.0 == "CONSULT" && met_as_satisfied(w, k) {
            k += len;
            continue;
        }
        let t0 = an.tokens[s.tokens.0 + k];
        let t1 = an.tokens[s.tokens.0 + k + len - 1];
        let trig = Span::new(t0.start, t1.end);
        let prev = if k > 0 { w[k - 1].as_str() } else { "" };
        let prev2 = if k > 1 { w[k - 2].as_str() } else { "" };
        let word = w[k + len - 1].as_str();
        k += len;
        // "car bomb attack", "suicide bombing attack": one trigger whose
        // head noun follows another attack word.
        if let Some(last) = out.last_mut().filter(|l: &&mut Mention| {
            l.def.class == Class::Attack
                && def.class == Class::Attack
                && pos == Pos::Noun
                && text[l.trig.end..trig.start].trim().is_empty()
        }) {
            last.trig.end = trig.end;
            continue;
        }
        // A participle used as an adjective describes, it does not report:
        // "rescued 15 kidnapped villagers", "the wounded soldiers".
        if pos == Pos::Verb
            && (number_of(prev).is_some() || DETERMINERS.contains(&prev))
            && w.get(k).is_some_and(|x| is_generic_actor(x))
        {
            continue;
        }
        // A trigger noun that only modifies the next noun is no event: "riot
        // police", "protest movement", "attack helicopters", "strike group".
        if pos == Pos::Noun
            && w.get(k).is_some_and(|x| {
                matches!(
                    x.as_str(),
                    "police"
                        | "gear"
                        | "movement"
                        | "movements"
                        | "leader"
                        | "leaders"
                        | "organizer"
                        | "organizers"
                        | "organiser"
                        | "organisers"
                        | "group"
                        | "groups"
                        | "helicopter"
                        | "helicopters"
                        | "dog"
                        | "dogs"
                        | "squad"
                        | "rifle"
                        | "rifles"
                        | "aircraft"
                        | "drone"
                        | "drones"
                        | "boat"
                        | "boats"
                        | "submarine"
                        | "submarines"
                        | "force"
                        | "forces"
                        | "troops"
                        | "capability"
                        | "capabilities"
                        | "zone"
                        | "song"
                        | "songs"
                        | "center"
                        | "centers"
                        | "centre"
                        | "centres"
                        | "chamber"
                        | "chambers"
                        | "camp"
                        | "camps"
                        | "allegations"
                        | "charges"
                        | "case"
                        | "cases"
                )
            })
        {
            continue;
        }
        // Workers "on strike", a "labour strike": a protest, not an attack.
        let def = if def.kind == "strike" && matches!(prev, "on" | "labour" | "labor") {
            lexicon::LABOUR_STRIKE
        } else {
            def
        };
        // A verb form right after a determiner is a noun: "his arrest",
        // "the attack", "a raid".
        let pos = if pos == Pos::Verb && (DETERMINERS.contains(&prev) || matches!(prev, "a" | "an"))
        {
            Pos::Noun
        } else {
            pos
        };
        let plural = pos == Pos::Noun
            && word != lexicon::singular(word)
            && !matches!(word, "talks" | "clashes");
        // A determiner before the trigger, also past a name or a year
        // ("the Boston Marathon bombing", "the 2013 attacks", "Saturday's attack").
        let name_run = {
            let mut j = k - len;
            let mut n = 0;
            while j > 0 && n < 4 && {
                let t = an.tokens[s.tokens.0 + j - 1].text(text);
                t.starts_with(|c: char| c.is_uppercase())
                    || t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())
            } {
                j -= 1;
                n += 1;
            }
            (n > 0 && j > 0).then(|| w[j - 1].as_str())
        };
        let has_det = DETERMINERS.contains(&prev)
            || DETERMINERS.contains(&prev2) && !matches!(prev, "," | ".")
            || name_run.is_some_and(|d| DETERMINERS.contains(&d) || d == "’s" || d == "'s");
        // "two attacks", "twin blasts", "a series of explosions".
        let counted = number_of(prev).is_some() && prev != "a" && prev != "an"
            || matches!(prev, "twin" | "double" | "triple")
            || prev == "of" && matches!(prev2, "series" | "wave" | "string");
        // Bare plurals are generic ("joint raids", "future attacks"): no
        // event, unless they did something ("air strikes killed 12").
        // "staged rallies", "held protests": a plural someone carried out.
        // ("carried out airstrikes": the support verb before its particle.)
        // "staged mass demonstrations", "held large peaceful rallies": up to
        // two lowercase modifiers between the support verb and its noun.
        let before = |d: usize| (k - len >= d).then(|| w[k - len - d].as_str());
        let modifier = |x: &str| {
            !x.is_empty()
                && x.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !MODIFIER_STOPS.contains(&x)
        };
        let supported = SUPPORT_VERBS.contains(&prev)
            || prev == "out" && SUPPORT_VERBS.contains(&prev2)
            || (2..=3).any(|d| {
                before(d).is_some_and(|v| SUPPORT_VERBS.contains(&v))
                    && (1..d).all(|e| before(e).is_some_and(modifier))
            });
        if plural && !has_det && !counted && !supported && !subject_of_past(w, k) {
            continue;
        }
        // "a death toll of 11" reports on an attack already told.
        let toll = word == "death" && w.get(k).is_some_and(|x| x == "toll");
        // "continued their hunger strike", "staged its first protest": the
        // subject's own act, not one told before.
        let own = matches!(prev, "their" | "its" | "his" | "her")
            && (SUPPORT_VERBS.contains(&prev2) || GOING_ON.contains(&prev2));
        let definite = pos == Pos::Noun
            && (has_det || def.class == Class::Anaphor || toll)
            && (!matches!(prev, "a" | "an") || toll)
            && !own;
        // Mode.
        let lo = k.saturating_sub(len + 5);
        // The month "May" ("On 9 May 2020,") is no modal.
        let digits = |x: &String| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
        let month_may = |i: usize| {
            an.tokens[s.tokens.0 + i].text(text) == "May"
                && (i > 0 && digits(&w[i - 1]) || w.get(i + 1).is_some_and(digits))
        };
        let window: Vec<&str> = (lo..k - len)
            .filter(|&i| !month_may(i))
            .map(|i| w[i].as_str())
            .collect();
        let mut mode = Mode::Asserted;
        // "did not arrest", "denied that any such arrest", "failed to
        // arrest", "have not been able to arrest".
        if window.iter().rev().take(3).any(|x| NEGATION.contains(x))
            || prev == "to"
                && window.iter().any(|x| {
                    matches!(
                        *x,
                        "failed" | "fail" | "fails" | "unable" | "not" | "refused" | "refuse"
                    )
                })
        {
            mode = Mode::Negated;
        }
        if window.iter().any(|x| HYPOTHETICAL.contains(x))
            || prev == "to"
                && window.iter().any(|x| {
                    matches!(
                        *x,
                        "seeking"
                            | "plotting"
                            | "plan"
                            | "planning"
                            | "ready"
                            | "prepared"
                            | "willing"
                            | "poised"
                            | "threatened"
                            | "vowed"
                            | "expect"
                            | "expected"
                            | "asked"
                            | "urged"
                            | "demanded"
                            | "demand"
                            | "sought"
                            | "want"
                            | "wants"
                            | "wanted"
                            | "ordered"
                            | "directed"
                            | "instructed"
                    )
                })
        {
            mode = Mode::Hypothetical;
        }
        if matches!(prev, "future" | "planned" | "upcoming")
            || window.iter().any(|x| matches!(*x, "will" | "’ll" | "'ll"))
        {
            mode = Mode::Future;
        }
        if w.get(k)
            .is_some_and(|x| x == "plot" || x == "plots" || x == "threat" || x == "threats")
        {
            mode = Mode::Hypothetical;
        }
        let distinct = w[(k - len).saturating_sub(4)..k - len].iter().any(|x| {
            matches!(
                x.as_str(),
                "since"
                    | "after"
                    | "following"
                    | "before"
                    | "previous"
                    | "another"
                    | "second"
                    | "third"
                    | "separate"
                    | "fresh"
            )
        }) || w.first().is_some_and(|x| x == "separately");
        let mut m = Mention {
            sent: si,
            trig,
            def,
            head: lexicon::singular(word),
            definite,
            distinct,
            mode,
            actors: Vec::new(),
            place: None,
            time: None,
            fatalities: None,
            injuries: None,
            claim: None,
            counted,
        };
        arguments(
            inp,
            si,
            chunks,
            cues,
            &mut m,
            pos,
            s.tokens.0 + k - len,
            s.tokens.0 + k,
        );
        if m.def.plover.0 == "ASSAULT" {
            weapons(inp, si, &mut m);
        }
        // "A suicide bomber killed 14": the weapon is in who did it.
        if matches!(m.def.kind, "attack" | "killing" | "clash") {
            let doer = m
                .actors
                .iter()
                .find(|(r, _)| *r == Role::Actor1)
                .map(|(_, c)| text[c.span.start..c.span.end].to_lowercase());
            if let Some(d) = doer.as_deref().and_then(lexicon::weapon_of_doer) {
                m.def = Def {
                    class: m.def.class,
                    ..d
                };
            }
        }
        // A dictionary verb is an event only when asserted, right after its
        // named subject, with another named participant: "Norway deported
        // …", not "critics accused", "seeking to attack", "the failed
        // embargo".
        if from_cameo && !(m.mode == Mode::Asserted && named_clause(inp, &m)) {
            continue;
        }
        if reading.is_some() {
            speaker_as_doer(inp, si, chunks, cues, &mut m);
        }
        // "arrived in Amman on a visit": a visit to a national capital is
        // one to its country, as CAMEO's dictionaries code the capital.
        if reading.is_some()
            && m.def.plover.0 == "CONSULT"
            && m.actors.iter().all(|(r, _)| *r == Role::Actor1)
        {
            if let Some(host) = visited_capital(inp, &m) {
                m.actors.push((Role::Actor2, host));
            }
        }
        if reading.is_some_and(|r| !reading_gate(inp, &m, r)) {
            continue;
        }
        // A passive "shot"/"hit" needs a participant ("a soldier was shot",
        // not "the film was shot").
        if from_passive && m.actors.is_empty() {
            continue;
        }
        // A rally needs people ("thousands rallied"), not prices ("oil
        // rallied in London").
        if m.def.kind == "protest" && word.starts_with("rall") && m.actors.is_empty() {
            continue;
        }
        out.push(m);
    }
    out
}

/// Membership in a word list, through a set built on first use (the lists
/// are checked for every word of every sentence).
fn in_list(
    w: &str,
    list: &'static [&'static str],
    cell: &'static OnceLock<HashSet<&'static str>>,
) -> bool {
    cell.get_or_init(|| list.iter().copied().collect())
        .contains(w)
}

/// "meet" meaning satisfy at word `k`: a passive with no one met by or
/// with ("demands are met"), or a demand, need or limit as its object
/// ("meet the deadline", "met their demands").
fn met_as_satisfied(w: &[String], k: usize) -> bool {
    if !matches!(w[k].as_str(), "meet" | "meets" | "met" | "meeting") {
        return false;
    }
    let prev = if k > 0 { w[k - 1].as_str() } else { "" };
    let next = w.get(k + 1).map_or("", String::as_str);
    // ("were meeting" is a meeting in progress.)
    let passive = w[k] == "met"
        && matches!(
            prev,
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
        && !matches!(next, "by" | "with");
    let object = w[k + 1..(k + 4).min(w.len())].iter().any(|x| {
        matches!(
            x.as_str(),
            "demand"
                | "demands"
                | "need"
                | "needs"
                | "condition"
                | "conditions"
                | "requirement"
                | "requirements"
                | "deadline"
                | "deadlines"
                | "target"
                | "targets"
                | "goal"
                | "goals"
                | "expectations"
                | "criteria"
                | "standards"
                | "obligations"
                | "commitments"
                | "costs"
        )
    });
    passive || object
}

/// The categories of speech acts, events in what is said: a speech act
/// before every trigger is coded beside them ("rejected an offer of
/// talks"), and one in the present tense after its subject is finite.
const SPEECH_ACTS: &[&str] = &["AGREE", "REJECT", "REQUEST", "ACCUSE", "THREATEN"];

fn is_generic_actor(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_list(w, GENERIC_ACTORS, &SET) || INSTITUTIONS.contains(&w)
}

fn is_object_noun(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_list(w, OBJECT_NOUNS, &SET)
}

fn is_weapon_noun(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    in_list(w, WEAPON_NOUNS, &SET)
}

/// Head nouns of weapons ("a car bomb", "two grenades", "rifles").
const WEAPON_NOUNS: &[&str] = &[
    "bomb",
    "bombs",
    "explosives",
    "dynamite",
    "tnt",
    "grenade",
    "grenades",
    "rifle",
    "rifles",
    "machinegun",
    "machineguns",
    "machine-gun",
    "machine-guns",
    "gun",
    "guns",
    "pistol",
    "pistols",
    "firearm",
    "firearms",
    "mortar",
    "mortars",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "mine",
    "mines",
    "landmine",
    "landmines",
    "ied",
    "ieds",
    "knife",
    "knives",
    "machete",
    "machetes",
    "bullets",
    "weapons",
    "cocktails",
];

/// Heads that are weapons only after a word for explosives ("an explosive
/// device", "a dynamite charge").
const CHARGE_NOUNS: &[&str] = &["device", "devices", "charge", "charges"];

/// The weapons named in a violent event's sentence: a weapon noun with up
/// to two modifiers before it ("a powerful car bomb", "two dynamite
/// charges"), or the trigger itself when it names one ("rockets").
fn weapons(inp: &Inputs, si: usize, m: &mut Mention) {
    let (text, an) = (inp.text, inp.an);
    let s = an.sentences[si];
    let toks = &an.tokens[s.tokens.0..s.tokens.1];
    let lw = |k: usize| toks[k].text(text).to_lowercase();
    for k in 0..toks.len() {
        let w = lw(k);
        let charge = CHARGE_NOUNS.contains(&w.as_str())
            && k > 0
            && matches!(
                lw(k - 1).as_str(),
                "explosive" | "explosives" | "dynamite" | "incendiary" | "bomb"
            );
        if !is_weapon_noun(&w) && !charge {
            continue;
        }
        // "dynamite charge", "mortar rounds": the head comes last.
        if k + 1 < toks.len() && {
            let n = lw(k + 1);
            is_weapon_noun(&n) || CHARGE_NOUNS.contains(&n.as_str())
        } {
            continue;
        }
        // "mine" the pronoun, "mines" the pits: only in lower case after
        // a modifier or a number ("land mines", "two mines").
        if matches!(w.as_str(), "mine" | "mines")
            && !(k > 0 && (lw(k - 1) == "land" || number_of(&lw(k - 1)).is_some()))
        {
            continue;
        }
        let mut first = k;
        while first > 0 && k - first < 2 && {
            let p = toks[first - 1].text(text);
            let lp = p.to_lowercase();
            p.chars().all(|c| c.is_alphabetic() || c == '-')
                && modifier_word(&lp)
                && !is_generic_actor(&lp)
                || number_of(&lp).is_some() && !matches!(lp.as_str(), "a" | "an")
        } {
            first -= 1;
        }
        // "weapons" alone is any arms ("seized weapons"); "automatic weapons" names some.
        if w == "weapons" && first == k {
            continue;
        }
        let span = Span::new(toks[first].start, toks[k].end);
        if m.actors.iter().any(|(_, c)| c.span.overlaps(span)) && !span.overlaps(m.trig) {
            continue;
        }
        if m.actors
            .iter()
            .any(|(r, c)| *r == Role::Weapon && c.span == span)
        {
            continue;
        }
        m.actors.push((
            Role::Weapon,
            Chunk {
                span,
                actor: Actor {
                    canonical: w.clone(),
                    country: None,
                    sector: None,
                    affiliation: None,
                    generic: true,
                },
                kind: EntityType::Misc,
                place: false,
                object: true,
            },
        ));
    }
}

/// Sectors of armed actors (state forces, rebels, militant groups).
const ARMED: &[&str] = &["MIL", "COP", "REB", "IMG", "SPY", "UAF"];

/// The ACLED type of an event: the trigger's, except that an attack whose
/// targets are all unarmed (civilians, officials, journalists, "a man") is
/// violence against civilians, not a battle (ACLED's definitions: a battle
/// is between armed, organised groups).
fn acled_type(def: Def, actors: &[ActorRef], fatalities: Option<u32>) -> Option<Acled> {
    let (t, s) = def.acled?;
    let targets: Vec<&ActorRef> = actors
        .iter()
        .filter(|a| {
            matches!(
                a.role,
                Role::Target | Role::Actor2 | Role::AssocActor2 | Role::Object
            )
        })
        .collect();
    let unarmed = |a: &&ActorRef| {
        !a.sector.as_deref().is_some_and(|s| ARMED.contains(&s))
            && a.affiliation.is_none()
            && !ARMED_NOUNS.contains(&a.canonical.to_lowercase().as_str())
    };
    let at_protesters = targets.iter().any(|a| {
        matches!(
            a.canonical.to_lowercase().as_str(),
            "protesters" | "demonstrators"
        )
    });
    let by_state = actors.iter().any(|a| {
        matches!(a.role, Role::Actor1 | Role::AssocActor1)
            && matches!(a.sector.as_deref(), Some("COP" | "MIL"))
    });
    // The weapon an attack used says how (ACLED's Explosions/Remote
    // violence sub-events): "a roadside bomb killed", "grenade", "mortar".
    let by_weapon = if matches!(
        (t, s),
        ("Battles", "Armed clash") | ("Violence against civilians", "Attack")
    ) {
        actors
            .iter()
            .filter(|a| a.role == Role::Weapon)
            .find_map(|a| remote_weapon(&a.canonical))
    } else {
        None
    };
    // Whether an assault's doer is named by one of these words.
    let assault_by = |words: &[&str]| {
        def.plover.0 == "ASSAULT"
            && actors.iter().any(|a| {
                matches!(a.role, Role::Actor1 | Role::AssocActor1)
                    && a.text
                        .to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| words.contains(&w))
            })
    };
    // A mob, a crowd or villagers attacking: mob violence (ACLED Riots).
    let by_mob = assault_by(&["mob", "mobs", "crowd", "vigilantes"]);
    // Protesters or rioters doing violence or damage: a violent
    // demonstration (ACLED Riots), whoever they hit.
    let by_demonstrators = assault_by(&["protesters", "protestors", "demonstrators", "rioters"]);
    // Territory taken by state forces is regained; by anyone else, overtaken.
    let by_state_forces = actors.iter().any(|a| {
        matches!(a.role, Role::Actor1 | Role::AssocActor1)
            && matches!(a.sector.as_deref(), Some("MIL" | "GOV" | "COP"))
    });
    let suicide = actors.iter().any(|a| {
        matches!(a.role, Role::Actor1 | Role::AssocActor1)
            && a.text.to_lowercase().contains("suicide bomber")
    });
    let (t, s) = if suicide && t == "Explosions/Remote violence" {
        (t, "Suicide bomb")
    } else if let Some(sub) = by_weapon {
        ("Explosions/Remote violence", sub)
    } else if by_demonstrators {
        ("Riots", "Violent demonstration")
    } else if by_mob && !at_protesters {
        ("Riots", "Mob violence")
    } else if (t, s) == ("Battles", "Non-state actor overtakes territory") && by_state_forces {
        ("Battles", "Government regains territory")
    } else if def.plover.0 == "ASSAULT" && at_protesters && by_state {
        // State forces firing on a protest (ACLED: lethal force is
        // "excessive force", other force an "intervention").
        if fatalities.is_some_and(|n| n > 0) {
            ("Protests", "Excessive force against protesters")
        } else {
            ("Protests", "Protest with intervention")
        }
    } else if (t, s) == ("Battles", "Armed clash")
        && def.kind != "clash"
        && !targets.is_empty()
        && targets.iter().all(unarmed)
    {
        ("Violence against civilians", "Attack")
    } else {
        (t, s)
    };
    Some(Acled {
        event_type: t.into(),
        sub_event_type: s.into(),
    })
}

/// The ACLED remote-violence sub-event a weapon's head noun tells.
fn remote_weapon(head: &str) -> Option<&'static str> {
    Some(match head {
        "grenade" | "grenades" => "Grenade",
        "bomb" | "bombs" | "explosives" | "dynamite" | "tnt" | "mine" | "mines" | "landmine"
        | "landmines" | "ied" | "ieds" => "Remote explosive/landmine/IED",
        "mortar" | "mortars" | "rocket" | "rockets" | "missile" | "missiles" => {
            "Shelling/artillery/missile attack"
        }
        _ => return None,
    })
}

/// Generic participants that are armed whatever their sector says.
const ARMED_NOUNS: &[&str] = &[
    "gunmen",
    "gunman",
    "militants",
    "rebels",
    "insurgents",
    "fighters",
    "soldiers",
    "soldier",
    "troops",
    "police",
    "policemen",
    "policeman",
    "officers",
    "forces",
    "attackers",
    "assailants",
    "militiamen",
    "guards",
    "bandits",
    "pirates",
    "jihadists",
];

/// Whether the noun phrase ending before word `k` is the subject of a
/// past-tense verb of harm within the next six words ("air strikes on the
/// city killed 12", "shelling overnight wounded five"), with no clause
/// boundary or modal between.
fn subject_of_past(w: &[String], k: usize) -> bool {
    const HARM: &[&str] = &[
        "killed",
        "wounded",
        "injured",
        "hit",
        "struck",
        "destroyed",
        "damaged",
        "targeted",
        "pounded",
        "rocked",
        "left",
        "claimed",
        "levelled",
        "leveled",
        "flattened",
        // Going on: "air strikes continued", "clashes erupted".
        "continued",
        "continuing",
        "erupted",
        "raged",
        "intensified",
        "escalated",
    ];
    for x in w.iter().skip(k).take(6) {
        if HARM.contains(&x.as_str()) {
            return true;
        }
        if matches!(
            x.as_str(),
            "," | "."
                | ";"
                | ":"
                | "that"
                | "which"
                | "who"
                | "can"
                | "could"
                | "may"
                | "might"
                | "would"
                | "will"
                | "should"
                | "must"
                | "have"
                | "has"
                | "are"
                | "were"
                | "is"
        ) {
            return false;
        }
    }
    false
}

/// Where a country is named for its capital ("in Somalia's capital", "in
/// the capital of Afghanistan"), the event is in that city. The toponym
/// still names the country; the event's place is the city, at precision 1,
/// with the country's name as the text it came from.
fn capital_meant(inp: &Inputs, p: &Place) -> Option<Place> {
    if p.precision != 3 || p.feature.as_deref() != Some("PCLI") {
        return None;
    }
    let after = inp.text.get(p.end..)?.trim_start();
    let before = inp.text.get(..p.start)?.trim_end();
    let possessive = ["’s capital", "'s capital"].iter().any(|x| {
        after.starts_with(x) && !after[x.len()..].starts_with(|c: char| c.is_alphanumeric())
    });
    let of = before.ends_with(" capital of") || before.ends_with(" capital of the");
    if !(possessive || of) {
        return None;
    }
    let e = inp.gaz.entry(inp.gaz.capital(p.country_code.as_deref()?)?);
    Some(sitrep_geo::to_place(
        inp.gaz,
        inp.text,
        Span::new(p.start, p.end),
        e,
        None,
        1,
    ))
}

/// "threw a grenade at", "hurled a petrol bomb": an attack by a thrown
/// explosive (the weapon, found after it, gives the ACLED sub-event).
fn threw_explosive(w: &[String], k: usize) -> Option<Def> {
    if !matches!(
        w[k].as_str(),
        "threw" | "thrown" | "hurled" | "lobbed" | "tossed" | "throwing" | "hurling"
    ) {
        return None;
    }
    noun_within(
        w,
        k,
        4,
        &[
            "grenade",
            "grenades",
            "bomb",
            "bombs",
            "explosive",
            "explosives",
        ],
    )
    .then(|| lexicon::attack_def(None))
}

/// Whether one of `nouns` is among the `n` words after word `k`.
fn noun_within(w: &[String], k: usize, n: usize, nouns: &[&str]) -> bool {
    w[k + 1..(k + 1 + n).min(w.len())]
        .iter()
        .any(|x| nouns.contains(&x.as_str()))
}

/// "defused a bomb", "seized a cache of weapons and explosives": weapons
/// kept from use (ACLED Disrupted weapons use).
fn disrupted_weapons(w: &[String], k: usize) -> Option<Def> {
    const ARMS: &[&str] = &[
        "weapons",
        "arms",
        "explosives",
        "ammunition",
        "cache",
        "rifles",
        "grenades",
        "rockets",
        "bombs",
        "ieds",
        "detonators",
    ];
    const DEVICES: &[&str] = &[
        "bomb",
        "bombs",
        "device",
        "devices",
        "explosive",
        "explosives",
        "ied",
        "ieds",
        "mine",
        "mines",
        "landmine",
        "landmines",
        "grenade",
    ];
    let hit = match w[k].as_str() {
        "defused" | "defuse" | "defusing" | "disarmed" | "dismantled" => {
            noun_within(w, k, 4, DEVICES)
        }
        "seized" | "confiscated" | "recovered" | "impounded" => noun_within(w, k, 5, ARMS),
        _ => false,
    };
    hit.then_some(lexicon::DISRUPTED_WEAPONS)
}

/// "signed a peace agreement", "signed a treaty of friendship": a formal
/// agreement (CAMEO 057); ACLED's Agreement when it ends or pauses
/// fighting.
fn signed_agreement(w: &[String], k: usize) -> Option<Def> {
    if !matches!(w[k].as_str(), "signed" | "sign" | "signing" | "inked") {
        return None;
    }
    let deal = noun_within(
        w,
        k,
        5,
        &[
            "agreement",
            "agreements",
            "accord",
            "accords",
            "deal",
            "treaty",
            "pact",
            "memorandum",
            "ceasefire",
            "truce",
            "armistice",
        ],
    );
    let peace = noun_within(w, k, 5, &["peace", "ceasefire", "truce", "armistice"]);
    match (deal, peace) {
        (true, true) => Some(lexicon::SIGNED_PEACE),
        (true, false) => Some(lexicon::SIGNED),
        _ => None,
    }
}

/// "imposed a curfew", "declared a state of emergency", "slapped martial
/// law on", "reimposed blockades", "banned the opposition party":
/// restrictions put in force (CAMEO 191, 1722, 1723 and 1724); and
/// "lifted the curfew", "ended the state of emergency" (CAMEO 0813, 0814;
/// CONCEDE), "eased the blockade" (0872, RETREAT): restrictions lifted.
fn imposed_restriction(w: &[String], k: usize) -> Option<Def> {
    // "banned the opposition party", "banned all protests": a ban on
    // political life (not "banned the player for six matches").
    if matches!(w[k].as_str(), "banned" | "bans" | "ban") {
        return noun_within(
            w,
            k,
            4,
            &[
                "party",
                "parties",
                "group",
                "groups",
                "organisation",
                "organization",
                "movement",
                "opposition",
                "brotherhood",
                "union",
                "unions",
                "newspaper",
                "newspapers",
                "protests",
                "rallies",
                "demonstrations",
                "gatherings",
            ],
        )
        .then_some(lexicon::BAN);
    }
    let lifted = matches!(
        w[k].as_str(),
        "lifted"
            | "lifts"
            | "lift"
            | "eased"
            | "eases"
            | "relaxed"
            | "relaxes"
            | "ended"
            | "ends"
            | "revoked"
            | "revokes"
            | "rescinded"
            | "scrapped"
            | "shortened"
            | "shortens"
    );
    if !lifted
        && !matches!(
            w[k].as_str(),
            "imposed"
                | "imposes"
                | "impose"
                | "declared"
                | "declares"
                | "declare"
                | "ordered"
                | "orders"
                | "enforced"
                | "extended"
                | "extends"
                | "reimposed"
                | "slapped"
                | "clamped"
        )
    {
        return None;
    }
    // ("a 30-day state of siege": up to eight words.)
    let ahead = &w[k + 1..(k + 9).min(w.len())];
    let at = |i: usize| ahead.get(i).map_or("", String::as_str);
    // Up to the first word that ends the object ("declared that", a comma).
    let end = ahead
        .iter()
        .position(|x| matches!(x.as_str(), "that" | "to" | "," | "." | ";"))
        .unwrap_or(ahead.len());
    let state_of = |i: usize| i > 1 && at(i - 1) == "of" && at(i - 2) == "state";
    // (Lifting a siege may be breaking it by force: not read.)
    let pick = |put: Def, off: Def| Some(if lifted { off } else { put });
    (0..end).find_map(|i| match at(i) {
        "curfew" | "curfews" => pick(lexicon::CURFEW, lexicon::CURFEW_LIFTED),
        "blockade" | "blockades" => pick(lexicon::BLOCKADE, lexicon::BLOCKADE_LIFTED),
        // "a state of siege" is a state of emergency.
        "siege" if state_of(i) => pick(lexicon::EMERGENCY_RULE, lexicon::EMERGENCY_LIFTED),
        "siege" if !lifted => Some(lexicon::BLOCKADE),
        "law" if i > 0 && at(i - 1) == "martial" => {
            pick(lexicon::EMERGENCY_RULE, lexicon::EMERGENCY_LIFTED)
        }
        "emergency" if state_of(i) => pick(lexicon::EMERGENCY_RULE, lexicon::EMERGENCY_LIFTED),
        // "eased emergency measures", "lifted restrictions on travel".
        "measures" | "rule" | "powers" | "laws" if lifted && i > 0 && at(i - 1) == "emergency" => {
            Some(lexicon::EMERGENCY_LIFTED)
        }
        "restrictions" if lifted => Some(lexicon::RESTRICTIONS_EASED),
        _ => None,
    })
}

/// "police dispersed the protesters", "broke up a rally": force used on a
/// crowd (ACLED Protest with intervention).
/// "attempted to assassinate", "tried to assassinate": an attempt is an
/// attack made (a plot or plan to is none; MUC-4's gold, for one, leaves
/// them out).
fn attempted_assassination(w: &[String], k: usize) -> Option<Def> {
    (w[k] == "assassinate"
        && k > 1
        && w[k - 1] == "to"
        && matches!(
            w[k - 2].as_str(),
            "attempted" | "tried" | "attempt" | "attempts" | "trying" | "attempting"
        ))
    .then_some(lexicon::ASSASSINATION)
}

fn forces_withdrawn(w: &[String], k: usize) -> Option<Def> {
    if !matches!(
        w[k].as_str(),
        "withdrawal" | "pullout" | "pull-out" | "pullback" | "pull-back"
    ) {
        return None;
    }
    // "the withdrawal of some invasion forces", "a troop withdrawal" (not
    // "its withdrawal from the treaty").
    let forces = |x: &String| {
        classify::FORCES.contains(&x.as_str()) || matches!(x.as_str(), "troop" | "militias")
    };
    let ahead = w[k + 1..(k + 6).min(w.len())]
        .iter()
        .take_while(|x| !matches!(x.as_str(), "," | "." | ";"));
    // Talked about, planned or demanded, it has not happened: "renewed
    // negotiations on an Israeli troop pullback".
    let topic = w[k.saturating_sub(6)..k].iter().any(|x| {
        matches!(
            x.as_str(),
            "negotiations"
                | "talks"
                | "plan"
                | "plans"
                | "agreement"
                | "deal"
                | "demand"
                | "demands"
                | "demanded"
                | "calls"
                | "called"
                | "urged"
                | "timetable"
                | "discuss"
                | "discussed"
        )
    });
    (!topic && (k > 0 && forces(&w[k - 1]) || ahead.into_iter().any(forces)))
        .then_some(lexicon::WITHDRAWAL)
}

fn dispersed_crowd(w: &[String], k: usize) -> Option<Def> {
    let verb = matches!(w[k].as_str(), "dispersed" | "dispersing" | "disperse")
        || w[k] == "broke" && w.get(k + 1).is_some_and(|x| x == "up");
    let crowd = noun_within(
        w,
        k,
        5,
        &[
            "protesters",
            "protestors",
            "demonstrators",
            "crowd",
            "crowds",
            "rally",
            "protest",
            "protests",
            "demonstration",
            "demonstrations",
            "gathering",
            "mob",
            "marchers",
        ],
    );
    (verb && crowd).then_some(lexicon::DISPERSAL)
}

/// "captured the town of …", "seized control of", "recaptured the
/// village", "overran a base": territory taken by force (ACLED Battles;
/// state forces regain it, others overtake it; CAMEO 192, PLOVER COERCE
/// seize). The word count covers "seized control of".
fn took_territory(w: &[String], k: usize, named: impl Fn(usize) -> bool) -> Option<(usize, Def)> {
    let verb = matches!(
        w[k].as_str(),
        "captured"
            | "seized"
            | "recaptured"
            | "retook"
            | "retaken"
            | "overran"
            | "overrun"
            | "regained"
            | "took"
    );
    if !verb {
        return None;
    }
    let control =
        w.get(k + 1).is_some_and(|x| x == "control") && w.get(k + 2).is_some_and(|x| x == "of");
    if w[k] == "took" && !control {
        return None;
    }
    let from = if control { k + 3 } else { k + 1 };
    // "captured part of a Karen guerrilla stronghold".
    let from = if w.get(from).is_some_and(|x| x == "part" || x == "parts")
        && w.get(from + 1).is_some_and(|x| x == "of")
    {
        from + 2
    } else {
        from
    };
    let place = noun_within(
        w,
        from - 1,
        4,
        &[
            "town",
            "towns",
            "village",
            "villages",
            "city",
            "district",
            "districts",
            "territory",
            "base",
            "bases",
            "airport",
            "airbase",
            "province",
            "region",
            "area",
            "areas",
            "hill",
            "positions",
            "checkpoint",
            "stronghold",
            "outpost",
        ],
    );
    // "took control of Kunduz": a name right after "of" is a place too.
    let named_place = control && named(from);
    (place || named_place).then_some((if control { 3 } else { 1 }, lexicon::TERRITORY))
}

/// Buildings and goods that are burnt or looted.
const PROPERTY_NOUNS: &[&str] = &[
    "house",
    "houses",
    "homes",
    "home",
    "church",
    "churches",
    "mosque",
    "mosques",
    "school",
    "schools",
    "shops",
    "shop",
    "market",
    "village",
    "villages",
    "vehicles",
    "vehicle",
    "cars",
    "car",
    "buses",
    "office",
    "offices",
    "buildings",
    "building",
    "huts",
    "crops",
];

/// "set fire to houses", "torched a school", "looted shops": property
/// destroyed or plundered (ACLED Looting/property destruction; PLOVER
/// ASSAULT destroy).
fn set_fire(w: &[String], k: usize) -> Option<(usize, Def)> {
    match w[k].as_str() {
        "torched" | "looted" | "ransacked" | "vandalised" | "vandalized" | "razed" => {
            Some((1, lexicon::PROPERTY_DESTRUCTION))
        }
        "burned" | "burnt" | "burning"
            if w.get(k + 1).is_some_and(|x| x == "down")
                || noun_within(w, k, 3, PROPERTY_NOUNS) =>
        {
            Some((1, lexicon::PROPERTY_DESTRUCTION))
        }
        "set" | "sets" | "setting" if w.get(k + 1).is_some_and(|x| x == "ablaze") => {
            Some((2, lexicon::PROPERTY_DESTRUCTION))
        }
        "set" | "sets" | "setting"
            if w.get(k + 1).is_some_and(|x| x == "fire")
                && w.get(k + 2).is_some_and(|x| x == "to" || x == "on") =>
        {
            Some((2, lexicon::PROPERTY_DESTRUCTION))
        }
        _ => None,
    }
}

/// "Thousands demonstrated in Kirkuk", "demonstrated outside the
/// embassy": the verb used without an object is a protest ("demonstrated
/// its resolve" is not).
fn demonstrated(w: &[String], k: usize) -> Option<Def> {
    let verb = matches!(
        w[k].as_str(),
        "demonstrated" | "demonstrating" | "demonstrate" | "demonstrates" | "marched"
    );
    let intransitive = w.get(k + 1).is_some_and(|x| {
        matches!(
            x.as_str(),
            "in" | "outside"
                | "at"
                | "near"
                | "against"
                | "for"
                | "across"
                | "over"
                | "on"
                | "through"
                | "before"
                | "peacefully"
                | "to"
                | ","
                | "."
        )
    });
    // "to" only as a march's destination, not "demonstrate to the world".
    let to_ok = w.get(k + 1).is_none_or(|x| x != "to") || w[k] == "marched";
    // A march of troops is a deployment, not a protest.
    let troops = k > 0 && {
        let p = w[k - 1].as_str();
        matches!(
            p,
            "troops" | "soldiers" | "army" | "forces" | "fighters" | "militants" | "rebels"
        )
    };
    (verb && intransitive && to_ok && !(w[k] == "marched" && troops))
        .then_some(lexicon::DEMONSTRATION)
}

/// "gathered outside parliament to protest the decision", "stayed home in
/// protest", "shunned work on Monday to protest": a crowd's gathering, or
/// a stoppage of work, whose purpose is a protest is one (CAMEO 141, 143),
/// not the verbal protest (disapproval) CAMEO's dictionary reads in "to
/// protest".
fn gathered_in_protest(w: &[String], k: usize) -> Option<Def> {
    let gathering = matches!(
        w[k].as_str(),
        "gathered" | "assembled" | "converged" | "massed" | "congregated" | "flocked"
    );
    let stoppage = matches!(
        w[k].as_str(),
        "stayed" | "shunned" | "stopped" | "downed" | "walked" | "boycotted"
    ) && w
        .get(k + 1)
        .is_some_and(|x| matches!(x.as_str(), "home" | "work" | "tools" | "out" | "classes"));
    if !gathering && !stoppage {
        return None;
    }
    // The purpose within the clause: "to protest", "in protest".
    let purpose = w[k + 1..(k + 12).min(w.len())]
        .windows(2)
        .take_while(|p| !matches!(p[0].as_str(), "." | ";"))
        .any(|p| {
            matches!(p[0].as_str(), "to" | "in")
                && matches!(
                    p[1].as_str(),
                    "protest" | "demonstrate" | "denounce" | "condemn" | "demand"
                )
        });
    purpose.then_some(if stoppage {
        lexicon::LABOUR_STRIKE
    } else {
        lexicon::DEMONSTRATION
    })
}

/// "defaced nearly 3,000 Danish web sites": a cyber attack (PLOVER COERCE
/// "cyber"), not the vandalism of a statue.
fn defaced_sites(w: &[String], k: usize) -> Option<Def> {
    (matches!(w[k].as_str(), "defaced" | "defacing" | "defaces" | "deface")
        && noun_within(
            w,
            k,
            6,
            &[
                "web", "site", "sites", "website", "websites", "page", "pages", "accounts",
            ],
        ))
    .then_some(lexicon::CYBER)
}

/// "blocked roads", "blocked the main highway into the city": obstructing
/// passage, which CAMEO codes as a protest (144), by people, not by a
/// government closing a crossing ("Israel blocked the crossing" stays
/// unread: the noun must be a road or traffic).
fn blocked_passage(w: &[String], k: usize) -> Option<Def> {
    if !matches!(w[k].as_str(), "blocked" | "blocking" | "blockaded") {
        return None;
    }
    let passage = noun_within(w, k, 4, classify::PASSAGES);
    passage.then_some(lexicon::OBSTRUCTION)
}

/// "blew himself up", "blowing themselves up": a suicide bombing.
fn blew_self_up(w: &[String], k: usize) -> Option<Def> {
    let ok = matches!(
        w[k].as_str(),
        "blew" | "blown" | "blowing" | "blows" | "blow"
    ) && w
        .get(k + 1)
        .is_some_and(|x| matches!(x.as_str(), "himself" | "herself" | "themselves"))
        && w.get(k + 2).is_some_and(|x| x == "up");
    if ok {
        lexicon::lookup("suicide", Some("bombing")).map(|(_, _, d)| d)
    } else {
        None
    }
}

/// "Police fired tear gas and live rounds at protesters", "opened fire on
/// the convoy": firing at someone, with "at"/"on" within seven words.
fn fired_at(w: &[String], k: usize) -> Option<Def> {
    let fire = matches!(w[k].as_str(), "fired" | "fire" | "fires" | "firing")
        && (k == 0
            || !matches!(
                w[k - 1].as_str(),
                "set" | "sets" | "setting" | "caught" | "on" | "the" | "a"
            ));
    if !fire {
        return None;
    }
    // "fired at the crowd", "fired 50 rounds", "fired shots in the air".
    w.iter()
        .skip(k + 1)
        .take(7)
        .any(|x| {
            matches!(
                x.as_str(),
                "at" | "on" | "upon" | "rounds" | "shots" | "bullets" | "pellets"
            )
        })
        .then(|| lexicon::attack_def(Some("firearms")))
}

/// "Killed in police firing", "army firing on the village": "firing" after
/// an armed force's noun is that force's attack (read like a verb, so that
/// the force is its subject).
fn armed_firing(w: &[String], k: usize) -> Option<Def> {
    (w[k] == "firing"
        && k > 0
        && matches!(
            sitrep_actors::sector_of_noun(&w[k - 1]),
            Some("COP" | "MIL" | "REB")
        ))
    .then(|| lexicon::attack_def(Some("firearms")))
}

/// Arrests told without "arrest" (its word count from `k`): "taken into
/// custody", "remanded to police custody", "picked up by police", "caught
/// by the Kolkata police", "booked under POTO" (charged, CAMEO 173), and a
/// passive "held" whose subject is people ("50 persons were held"; not
/// "talks were held").
fn arrest_phrase(w: &[String], k: usize) -> Option<usize> {
    let at = |i: usize| w.get(i).map(String::as_str).unwrap_or("");
    let police_within =
        |from: usize, n: usize| (from..from + n).any(|i| sector_of_noun(at(i)) == Some("COP"));
    // Checked only for the words below, not for every word of every sentence.
    let passive = || passive_before(|i| w[i].clone(), k, 0);
    match at(k) {
        "taken" | "remanded" | "sent" | "placed"
            if matches!(at(k + 1), "into" | "to" | "in" | "under") =>
        {
            (k + 2..k + 4)
                .find(|&i| at(i) == "custody")
                .map(|i| i + 1 - k)
        }
        // "remanded them to police custody".
        "remanded" if (k + 1..k + 7).any(|i| at(i) == "custody") => Some(1),
        "picked"
            if at(k + 1) == "up" && (passive() || at(k + 2) == "by" && police_within(k + 3, 3)) =>
        {
            Some(2)
        }
        "caught" if at(k + 1) == "by" && police_within(k + 2, 4) => Some(1),
        "booked" if matches!(at(k + 1), "under" | "for") || passive() => Some(1),
        "held"
            if passive() && k >= 2 && {
                let subj = at(k - 2);
                COUNTED_NOUNS.contains(&subj)
                    || matches!(
                        subj,
                        "people" | "accused" | "suspects" | "activists" | "workers"
                    )
                    || number_of(subj).is_some()
            } =>
        {
            Some(1)
        }
        _ => None,
    }
}

/// "A Russian missile struck …", "Ukrainian forces hit an oil depot": an
/// active "struck"/"hit" is an attack when its subject, at most three words
/// before it, is a weapon (coded by the weapon) or armed forces.
fn struck_by(w: &[String], k: usize) -> Option<Def> {
    if !matches!(w[k].as_str(), "struck" | "hit" | "hits" | "strikes") {
        return None;
    }
    w[k.saturating_sub(3)..k].iter().rev().find_map(|x| {
        let by = |word: &str| lexicon::lookup(word, None).map(|(_, _, d)| d);
        match x.as_str() {
            "missile" | "missiles" | "rocket" | "rockets" | "shell" | "shells" | "mortar"
            | "mortars" | "artillery" => by("shelling"),
            "drone" | "drones" | "jets" | "warplanes" | "aircraft" | "airstrike" | "airstrikes" => {
                by("airstrike")
            }
            "bomb" | "bombs" => by("bombing"),
            "forces" | "troops" | "army" | "military" | "militants" | "fighters" | "rebels"
            | "gunmen" | "insurgents" => Some(lexicon::attack_def(None)),
            _ => None,
        }
    })
}

/// Whether the participle at token `first` follows a form of "be", maybe
/// past an adverb or two ("was detained", "were reportedly killed", "was
/// also shot"); `floor` is the sentence's first token.
fn passive_before(word: impl Fn(usize) -> String, first: usize, floor: usize) -> bool {
    let mut i = first;
    let mut skipped = 0;
    while i > floor && skipped < 2 && is_adverb(&word(i - 1)) {
        i -= 1;
        skipped += 1;
    }
    i > floor
        && matches!(
            word(i - 1).as_str(),
            "was" | "were" | "been" | "being" | "is" | "are"
        )
}

/// Verbs that are an attack in the passive only ("was shot by police", "was
/// struck by a roadside bomb", "was targeted by militants"; not "shot a
/// film", "hit a record").
fn passive_attack(word: &str) -> Option<Def> {
    let mode = match word {
        "shot" => Some("firearms"),
        "struck" | "targeted" | "hit" => None,
        _ => return None,
    };
    Some(lexicon::attack_def(mode))
}

/// An adverb that may stand between an auxiliary and its participle.
fn is_adverb(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ly"))
        || matches!(
            w,
            "also" | "later" | "then" | "soon" | "since" | "just" | "already" | "all" | "both"
        )
}

/// Whether a mention's actor 1 is named (a person, organisation or country;
/// not a pronoun or bare demonym) and ends at most three words before the
/// trigger with no clause break between, and another participant is named.
fn named_clause(inp: &Inputs, m: &Mention) -> bool {
    let named = |c: &Chunk, kinds: &[EntityType]| {
        let t = inp.text.get(c.span.start..c.span.end).unwrap_or("");
        kinds.contains(&c.kind)
            && t.starts_with(|ch: char| ch.is_uppercase())
            && !matches!(
                t.to_lowercase().as_str(),
                "we" | "they" | "he" | "she" | "it" | "i" | "you"
            )
    };
    let close = |c: &Chunk| {
        if c.span.end > m.trig.start {
            return false;
        }
        let gap = inp.text.get(c.span.end..m.trig.start).unwrap_or(",");
        let words: Vec<&str> = gap.split_whitespace().collect();
        words.len() <= 3
            && !gap.contains([',', ';', ':', '(', '"', '“', '”'])
            && !words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "that" | "who" | "which" | "and" | "to"
                )
            })
    };
    let strict = [EntityType::Per, EntityType::Org, EntityType::Gpe];
    m.actors
        .iter()
        .any(|(r, c)| *r == Role::Actor1 && named(c, &strict) && close(c))
        && m.actors.iter().any(|(r, c)| {
            *r != Role::Actor1
                && named(
                    c,
                    &[
                        EntityType::Per,
                        EntityType::Org,
                        EntityType::Gpe,
                        EntityType::Norp,
                    ],
                )
        })
}

/// The government a capital's name stands for when it opens the sentence
/// and a lowercase word other than an actor noun follows it: the place the
/// geo stage resolved at `span` must be a national capital (PPLC).
fn capital_government(inp: &Inputs, span: Span, opens: bool, next_tok: usize) -> Option<Actor> {
    let next = inp.an.tokens.get(next_tok)?.text(inp.text);
    if !opens
        || !next.starts_with(|c: char| c.is_lowercase())
        || is_generic_actor(&next.to_lowercase())
        || ACTOR_NOUNS.contains(&next.to_lowercase().as_str())
    {
        return None;
    }
    government_of_capital(inp, inp.places.iter().find(|p| p.span() == span)?)
}

/// The government of the country a place is the national capital of, as
/// CAMEO's dictionaries code a capital.
fn government_of_capital(inp: &Inputs, p: &Place) -> Option<Actor> {
    if p.feature.as_deref() != Some("PPLC") {
        return None;
    }
    let cc = p.country_code.as_deref()?;
    let country = inp.gaz.entry(inp.gaz.country(cc)?);
    Some(Actor {
        canonical: format!("{} government", country.name),
        country: Some(inp.gaz.iso3(cc)?.to_string()),
        sector: Some("GOV".into()),
        ..Default::default()
    })
}

/// The government of the country whose national capital is a meeting's
/// place, when the one who came is from elsewhere: the host of a visit.
fn visited_capital(inp: &Inputs, m: &Mention) -> Option<Chunk> {
    let p = m.place.as_ref()?;
    let host = government_of_capital(inp, p)?;
    let guest = m
        .actors
        .iter()
        .find(|(r, _)| *r == Role::Actor1)
        .and_then(|(_, c)| c.actor.country.as_deref());
    // A visit needs a visitor from elsewhere.
    if guest.is_none_or(|g| Some(g) == host.country.as_deref()) {
        return None;
    }
    Some(Chunk {
        span: p.span(),
        actor: host,
        kind: EntityType::Gpe,
        place: false,
        object: false,
    })
}

/// The speaker of a reading's clause as its doer. "Hungary has said it
/// will support …", "the rebels said they would boycott …": a pronoun
/// right before the reading's words, with no doer of its own, stands for
/// the speaker whose cue comes before it. "Egypt said Israel must release
/// …": a demand is the speaker's, made of the one who must.
fn speaker_as_doer(inp: &Inputs, si: usize, chunks: &[Chunk], cues: &[Cue], m: &mut Mention) {
    let s = inp.an.sentences[si];
    let Some(speaker) = cues
        .iter()
        .filter(|c| c.source_span.end <= m.trig.start && c.at < m.trig.start && c.at >= s.start)
        .max_by_key(|c| c.at)
        .and_then(|cue| chunks.iter().find(|c| c.span == cue.source_span))
    else {
        return;
    };
    let trigger = inp.text[m.trig.start..m.trig.end].to_lowercase();
    if trigger.starts_with("must ") {
        for (r, _) in m.actors.iter_mut() {
            if *r == Role::Actor1 {
                *r = Role::Target;
            }
        }
        m.actors.push((Role::Actor1, speaker.clone()));
        return;
    }
    if m.actors.iter().any(|(r, _)| *r == Role::Actor1) {
        return;
    }
    // The pronoun, past up to two auxiliaries ("it is willing to").
    let before: Vec<String> = inp.text[s.start..m.trig.start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|x| !x.is_empty())
        .rev()
        .take(3)
        .map(str::to_lowercase)
        .collect();
    let pronoun = before
        .iter()
        .find(|x| {
            !matches!(
                x.as_str(),
                "is" | "are" | "was" | "were" | "has" | "have" | "had" | "been" | "now" | "also"
            )
        })
        .is_some_and(|x| matches!(x.as_str(), "it" | "they" | "he" | "she" | "we"));
    if pronoun {
        m.actors.push((Role::Actor1, speaker.clone()));
    }
}

/// Whether the mention made from a one-sentence dictionary reading is
/// coded: it must be asserted and done by a participant named before it
/// whom the actor dictionaries can code (a country or a sector), its word
/// a past or progressive form ("rejected", "are demanding"; a simple
/// present is mostly a state, "controls several towns") unless a stance
/// word carries it ("will visit", "refused to"), and its category one the trigger lexicon
/// does not already cover (attacks, arrests, protests and deployments are
/// found there; the dictionary's forms for them — "forces", "took",
/// "cordoned off" — were mostly nouns or other senses on WikiEvents). A
/// meeting needs someone met. With this gate the pipeline's accuracy on
/// the PLOVER gold records goes from 0.189 to 0.348 (0.48 with every
/// reading) and WikiEvents trigger F1 stays at 0.574 (0.511 ungated;
/// 0.567 without the codable source).
/// A regular past form or participle: "-ed", but not a base form that
/// ends so ("need", "proceed", "exceed", "shed").
fn regular_past(w: &str) -> bool {
    w.len() > 3
        && w.ends_with("ed")
        && !matches!(
            w,
            "need"
                | "feed"
                | "seed"
                | "speed"
                | "breed"
                | "bleed"
                | "heed"
                | "proceed"
                | "succeed"
                | "exceed"
                | "indeed"
                | "embed"
                | "shed"
                | "shred"
                | "deed"
                | "greed"
                | "weed"
        )
}

/// Irregular past forms of verbs the CAMEO dictionary codes ("gave",
/// "met", "sent"), read as finite as "-ed" forms are.
const IRREGULAR_PAST: &[&str] = &[
    "gave",
    "sent",
    "met",
    "held",
    "made",
    "took",
    "began",
    "won",
    "sought",
    "told",
    "brought",
    "struck",
    "fought",
    "led",
    "withdrew",
    "threw",
    "spoke",
    "broke",
    "drove",
    "forgave",
    "overthrew",
    "undertook",
    "upheld",
    "withheld",
    "swore",
    "beat",
    "built",
    "bought",
    "caught",
    "dealt",
    "fled",
    "forbade",
    "kept",
    "laid",
    "lent",
    "lost",
    "paid",
    "ran",
    "rose",
    "sold",
    "shook",
    "spent",
    "stood",
    "taught",
    "went",
    "wrote",
    "overran",
    "overtook",
    "freed",
    "flew",
    "bade",
    "bid",
    "cut",
    "hit",
    "put",
    "set",
    "shut",
    "spread",
    "quit",
    "let",
];

fn reading_gate(inp: &Inputs, m: &Mention, r: classify::Reading) -> bool {
    let first = inp
        .text
        .get(m.trig.start..m.trig.end)
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or("")
        .to_lowercase();
    // (From the end: the text before may be the whole document.)
    let prev = inp.text[..m.trig.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    let progressive =
        first.ends_with("ing") && matches!(prev.as_str(), "is" | "are" | "was" | "were" | "been");
    // A speech act in the present tense right after its subject: "The
    // Palestinians reject", "Iran firmly rejects" (headlines, leads). Other
    // present tenses tell a state: "Hezbollah controls several villages".
    let present = SPEECH_ACTS.contains(&m.def.plover.0)
        && !first.ends_with("ing")
        && !first.ends_with("ed")
        && m.actors.iter().any(|(role, c)| {
            *role == Role::Actor1
                && c.span.end <= m.trig.start
                && inp.text[c.span.end..m.trig.start]
                    .split_whitespace()
                    .all(|g| is_adverb(&g.to_lowercase()))
        });
    let finite = r.stance
        || regular_past(&first)
        || IRREGULAR_PAST.contains(&first.as_str())
        || progressive
        || present;
    // CAMEO codes an event only for a source it can code.
    let codable = |c: &Chunk| c.actor.country.is_some() || c.actor.sector.is_some();
    // (Either side of a two-sided act named before it: "X and Y agreed".)
    let done_by = m.actors.iter().any(|(r, c)| {
        matches!(r, Role::Actor1 | Role::Actor2) && c.span.end <= m.trig.start && codable(c)
    });
    let other = m.actors.iter().any(|(r, _)| *r != Role::Actor1);
    // A control verb's event is the infinitive ("is seeking to boost"),
    // unless the verb is itself a demand, refusal or threat.
    let control = !r.stance
        && inp.text[m.trig.end..].split_whitespace().next() == Some("to")
        && !matches!(m.def.plover.0, "THREATEN" | "REQUEST" | "REJECT");
    finite
        && !control
        && m.mode == Mode::Asserted
        && done_by
        && !matches!(
            m.def.plover.0,
            "ASSAULT" | "COERCE" | "PROTEST" | "MOBILIZE"
        )
        && (m.def.plover.0 != "CONSULT" || other)
}

/// A verb of the CAMEO dictionary (through the classifier's hashed lexicon)
/// at word `k`, where the trigger lexicon lists none: a lowercase regular
/// past-tense form ("-ed") in running text whose dictionary category is one
/// of the non-violent PLOVER categories. Nouns that share a verb's form
/// ("the issue", "its support", "charges") are kept out by the ending and
/// by refusing a determiner, preposition, "to" or a form of "be" before it
/// (the passive would swap the roles).
fn cameo_trigger(
    inp: &Inputs,
    si: usize,
    w: &[String],
    k: usize,
    sent_probs: &mut Option<[f32; classify::NC]>,
) -> Option<(usize, Pos, Def)> {
    let s = inp.an.sentences[si];
    let tok = inp.an.tokens[s.tokens.0 + k].text(inp.text);
    if !tok.starts_with(|c: char| c.is_lowercase()) || !regular_past(tok) {
        return None;
    }
    let prev = if k > 0 { w[k - 1].as_str() } else { "" };
    if !prev.starts_with(|c: char| c.is_alphabetic())
        || DETERMINERS.contains(&prev)
        || matches!(
            prev,
            "a" | "an"
                | "of"
                | "for"
                | "to"
                | "in"
                | "on"
                | "by"
                | "with"
                | "as"
                | "be"
                | "been"
                | "being"
                | "is"
                | "are"
                | "was"
                | "were"
                | "so"
                | "not"
        )
    {
        return None;
    }
    // "launched strikes", "staged a protest": the noun is the event.
    if SUPPORT_VERBS.contains(&w[k].as_str()) {
        return None;
    }
    let model = classify::Classifier::embedded();
    // The PLOVER manual's reading first ("imposed sanctions" is SANCTION,
    // where CAMEO's first pattern for "imposed" is a curfew).
    let (n, cat) = classify::manual_reading(w, k)
        .map(|(n, c)| (n, Some(c)))
        .or_else(|| model.lexicon().at(w, k))?;
    let cat = cat?;
    // Control verbs: the event is the infinitive ("sought to boost"),
    // except for speech acts, which are events themselves ("offered to
    // mediate" is AGREE, "threatened to retaliate" THREATEN).
    let speech_act = matches!(
        classify::CATEGORIES[cat],
        "AGREE" | "THREATEN" | "REQUEST" | "REJECT"
    );
    if w.get(k + n).is_some_and(|x| x == "to") && !speech_act {
        return None;
    }
    let def = lexicon::cameo_fallback(classify::CATEGORIES[cat])?;
    // The learned classifier, on the sentence, must rank the dictionary's
    // category among its first two. On 300 RAMS news documents (before
    // speech acts were let through) this kept 14 of 20 such events right,
    // against 15 of 24 without it; with speech acts, 15 of 21.
    let p = sent_probs
        .get_or_insert_with(|| model.probs(None, inp.text.get(s.start..s.end).unwrap_or("")));
    if p.iter().filter(|&&x| x > p[cat]).count() >= 2 {
        return None;
    }
    Some((n, Pos::Verb, def))
}

/// Fills a mention's participants, place, date, casualties and claim.
#[allow(clippy::too_many_arguments)]
fn arguments(
    inp: &Inputs,
    si: usize,
    chunks: &[Chunk],
    cues: &[Cue],
    m: &mut Mention,
    pos: Pos,
    t_first: usize,
    t_end: usize,
) {
    let (text, an) = (inp.text, inp.an);
    let s = an.sentences[si];
    let tw = |i: usize| {
        an.tokens
            .get(i)
            .map(|t| t.text(text).to_lowercase())
            .unwrap_or_default()
    };
    let source_spans: Vec<Span> = cues.iter().map(|c| c.source_span).collect();
    // A noun that modifies a place or state is no participant: "police
    // custody", "police station", "police lines".
    let modifier_only = |c: &Chunk| {
        let rest: String = text[c.span.end..]
            .trim_start()
            .chars()
            .take(24)
            .flat_map(char::to_lowercase)
            .collect();
        let next = rest.split(|ch: char| !ch.is_alphanumeric()).next();
        matches!(next, Some("custody" | "station" | "lines" | "headquarters"))
            || rest.starts_with("control room")
    };
    let participant = |c: &&Chunk| !c.place && !source_spans.contains(&c.span) && !modifier_only(c);
    let trig = m.trig;
    // Next trigger-ish boundary to the right: a cue, ';', or the sentence end.
    // A trigger in a fronted phrase ("Despite his arrest, he will play at
    // Pittsburgh on Sunday") has nothing of its own past the phrase's comma.
    let phrase_end = {
        let first = an.tokens[s.tokens.0].text(text).to_lowercase();
        let fronted = matches!(
            first.as_str(),
            "despite" | "after" | "before" | "since" | "following" | "amid" | "besides" | "unlike"
        );
        fronted
            .then(|| text[trig.end..s.end].find(',').map(|i| trig.end + i))
            .flatten()
            .unwrap_or(s.end)
    };
    let right_limit = cues
        .iter()
        .filter(|c| c.at > trig.end && !c.according)
        .map(|c| c.source_span.start.min(c.at))
        .min()
        .unwrap_or(s.end)
        .min(phrase_end);
    let after: Vec<&Chunk> = chunks
        .iter()
        .filter(|c| c.span.start >= trig.end && c.span.end <= right_limit)
        .filter(participant)
        .collect();
    // "Pakistan, a key U.S. ally, has refused": what the appositive names
    // describes the subject and does not act.
    let apposition = {
        let toks = &an.tokens[s.tokens.0..s.tokens.1];
        // (Cheap test first: a comma among the first words, an article
        // after it.)
        let likely = toks
            .iter()
            .take(7)
            .position(|t| t.text(text) == ",")
            .is_some_and(|c| {
                toks.get(c + 1).is_some_and(|t| {
                    matches!(
                        t.text(text).to_ascii_lowercase().as_str(),
                        "a" | "an" | "the"
                    )
                })
            });
        let toks = if likely { toks } else { &[] };
        let ws: Vec<String> = toks.iter().map(|t| t.text(text).to_lowercase()).collect();
        let caps: Vec<bool> = toks
            .iter()
            .map(|t| t.text(text).starts_with(char::is_uppercase))
            .collect();
        classify::appositive(&ws, &caps)
            .map(|(c, d)| Span::new(toks[c].start, toks[d].end))
            .filter(|a| a.end <= trig.start)
    };
    let before_any: Vec<&Chunk> = chunks
        .iter()
        .filter(|c| c.span.end <= trig.start)
        .filter(|c| !c.place)
        .filter(|c| !apposition.is_some_and(|a| a.contains(c.span)))
        .collect();
    // Who acts is never a thing.
    let before: Vec<&Chunk> = before_any.iter().copied().filter(|c| !c.object).collect();
    // "was detained", "were reportedly killed", "was also shot dead".
    // ("are demanding" is active.)
    let progressive = tw(t_first).ends_with("ing");
    // "is opposed to", "is committed to": an adjective, not a passive.
    let adjectival = matches!(
        tw(t_first).as_str(),
        "opposed" | "committed" | "determined" | "dedicated" | "resigned" | "inclined"
    ) && text[trig.end..].split_whitespace().next() == Some("to");
    let passive = !progressive && !adjectival && passive_before(tw, t_first, s.tokens.0);
    let by_chunk = after.iter().find(|c| {
        let ti = an.token_at(c.span.start);
        let near = words_at_most(&text[trig.end..c.span.start], 4);
        near && (ti > 0 && matches!(tw(ti - 1).as_str(), "by")
            || ti > 1 && tw(ti - 1) == "the" && tw(ti - 2) == "by")
    });
    let prep_chunk = |preps: &[&str], max_gap: usize| -> Option<&Chunk> {
        after.iter().copied().find(|c| {
            let gap: Vec<String> = inp.text[trig.end..c.span.start]
                .split_whitespace()
                .take(max_gap + 1)
                .map(|x| x.to_lowercase())
                .collect();
            // The preposition, then only lower-case words ("on the", "against local").
            gap.len() <= max_gap
                && gap.first().is_some_and(|g| preps.contains(&g.as_str()))
                && gap[1..]
                    .iter()
                    .all(|g| g.chars().all(|ch| ch.is_lowercase()))
        })
    };
    let push = |m: &mut Mention, role: Role, c: &Chunk| {
        // A thing harmed is an object, never an actor.
        let role = match role {
            Role::Target | Role::Actor2 if c.object => Role::Object,
            _ if c.object => return,
            r => r,
        };
        if !m
            .actors
            .iter()
            .any(|(r, x)| *r == role && x.actor.canonical == c.actor.canonical)
        {
            m.actors.push((role, c.clone()));
        }
    };
    // "Hector Oqueli and Gilda Flores", "two soldiers and a civilian": the
    // participant joined to `c` by "and", after it or (`back`) before it.
    let joined = |c: &Chunk, back: bool| -> Option<Chunk> {
        let pool = if back { &before } else { &after };
        // Between two people, a title may follow the "and": "Hector Oqueli
        // and Guatemalan political leader Gilda Flores".
        let is_and = |a: Span, b: Span, people: bool| {
            a.end <= b.start && {
                let gap = text[a.end..b.start].trim();
                let rest = gap
                    .strip_prefix(", and")
                    .or_else(|| gap.strip_prefix("and"));
                rest.is_some_and(|r| {
                    let ws: Vec<&str> = r.split_whitespace().collect();
                    ws.is_empty()
                        || people
                            && ws.len() <= 3
                            && ws.iter().all(|w| {
                                w.chars().all(char::is_alphabetic)
                                    && !NOT_MODIFIED.contains(&w.to_lowercase().as_str())
                            })
                })
            }
        };
        pool.iter()
            .find(|d| {
                let people = d.kind == EntityType::Per && c.kind == EntityType::Per;
                (d.kind == EntityType::Per) == (c.kind == EntityType::Per)
                    && if back {
                        is_and(d.span, c.span, people)
                    } else {
                        is_and(c.span, d.span, people)
                    }
            })
            .map(|d| (*d).clone())
    };
    let is_meeting = m.def.plover.0 == "CONSULT";
    // Who the event is done to: the other side of a meeting, else the target.
    // (What a deployment moves is the doer's own force: "Russia deployed
    // troops".)
    let other_side = if is_meeting {
        Role::Actor2
    } else if m.def.plover.0 == "MOBILIZE" {
        Role::AssocActor1
    } else {
        Role::Target
    };
    // A participant and the one joined to it by "and".
    let push_with_joined = |m: &mut Mention, role: Role, c: &Chunk| {
        push(m, role, c);
        if let Some(d) = joined(c, false) {
            push(m, role, &d);
        }
    };
    match pos {
        Pos::Verb => {
            // Subject: the nearest participant before the verb in its clause
            // (not a claim source, unless it is the pronoun's antecedent).
            let subject_ok = |c: &&&Chunk| {
                let gap = &text[c.span.end..trig.start];
                let described = apposition
                    .filter(|a| a.start >= c.span.end)
                    .map_or(0, |a| text[a.start..a.end].split_whitespace().count());
                !source_spans.contains(&c.span)
                    && words_at_most(gap, 8 + described)
                    && !gap.contains(';')
            };
            let subj = before.iter().rev().find(subject_ok);
            // A passive subject may be a thing: "a bus was bombed".
            let subj_harmed = before_any.iter().rev().find(subject_ok);
            // A participle with its agent right after it and no auxiliary
            // ("Chekatt, shot dead by police", "a man killed by troops").
            let reduced = by_chunk.is_some_and(|c| {
                let gap = text[trig.end..c.span.start].trim().to_lowercase();
                (gap == "by" || gap == "by the")
                    && (tw(t_first).ends_with("ed")
                        || matches!(
                            tw(t_first).as_str(),
                            "shot" | "hit" | "struck" | "held" | "blown"
                        ))
            });
            // Headlinese and reduced passives: a harm or arrest participle
            // right after its subject with no object, "Jackson arrested on
            // DUI charge", "Five soldiers killed in Kabul blast".
            let participle = tw(t_first).ends_with("ed")
                || matches!(
                    tw(t_first).as_str(),
                    "shot" | "hit" | "struck" | "held" | "slain"
                );
            // ("killed at least 14", "killed over 20" have their object.)
            let no_object = matches!(
                tw(t_end).as_str(),
                "" | "on"
                    | "in"
                    | "at"
                    | "for"
                    | "after"
                    | "near"
                    | "over"
                    | "during"
                    | "outside"
                    | "amid"
                    | "following"
                    | "as"
                    | ","
                    | "."
                    | ":"
                    | ";"
            ) && !matches!(tw(t_end + 1).as_str(), "least" | "most")
                && number_of(&tw(t_end + 1)).is_none();
            let harm =
                matches!(m.def.class, Class::Attack | Class::Outcome) || m.def.plover.0 == "COERCE";
            // ("Police fired at the mob", "troops opened fire on" are active.)
            let bare = participle
                && no_object
                && harm
                && !matches!(tw(t_first).as_str(), "fired" | "opened")
                && subj_harmed.is_some_and(|c| text[c.span.end..trig.start].trim().is_empty());
            // What is deployed is the force that moves: "police were
            // deployed" is the police's deployment.
            let moved = m.def.plover.0 == "MOBILIZE";
            if passive && moved {
                if let Some(c) = subj {
                    push(m, Role::Actor1, c);
                }
            } else if passive || reduced || bare {
                if let Some(c) = subj_harmed {
                    push(m, Role::Target, c);
                    if let Some(d) = joined(c, true) {
                        push(m, Role::Target, &d);
                    }
                }
                if let Some(c) = by_chunk {
                    push(m, Role::Actor1, c);
                }
            } else {
                if let Some(c) = subj {
                    // "Israel and Hamas agreed", "the army and the rebels
                    // clashed": the two sides of a two-sided act, in their
                    // order; "Russia and Iran attacked": a second doer.
                    let two_sided = m.def.kind == "clash"
                        || matches!(
                            m.def.plover.0,
                            "AGREE" | "CONSULT" | "SUPPORT" | "COOPERATE"
                        );
                    match joined(c, true) {
                        Some(d) if two_sided => {
                            push(m, Role::Actor1, &d);
                            push(m, Role::Actor2, c);
                        }
                        Some(d) => {
                            push(m, Role::Actor1, c);
                            push(m, Role::AssocActor1, &d);
                        }
                        None => push(m, Role::Actor1, c),
                    }
                }
                // Object: participants right after the verb, a named person first.
                // A thing after "at"/"in" is where it happened ("killed at his
                // residence"), unless a blast or a strike hit it ("exploded
                // at the bank").
                let blast = matches!(
                    m.def.kind,
                    "bombing" | "suicide bombing" | "airstrike" | "shelling"
                );
                let obj: Vec<&Chunk> = after
                    .iter()
                    .copied()
                    .filter(|c| words_at_most(&inp.text[trig.end..c.span.start], 8))
                    .filter(|c| {
                        !c.object || blast || {
                            let gap = inp.text[trig.end..c.span.start].to_lowercase();
                            let first = gap.split_whitespace().next().unwrap_or("");
                            !matches!(
                                first,
                                "at" | "in" | "inside" | "near" | "outside" | "from" | "into"
                            )
                        }
                    })
                    .collect();
                let with = if is_meeting {
                    prep_chunk(&["with"], 3)
                } else {
                    None
                };
                let pick = with.or_else(|| {
                    obj.iter()
                        .copied()
                        .find(|c| c.kind == EntityType::Per)
                        .or(obj.first().copied())
                });
                if let Some(c) = pick {
                    push_with_joined(m, other_side, c);
                }
            }
        }
        Pos::Noun => {
            if let Some(c) = by_chunk {
                push(m, Role::Actor1, c);
            }
            // ("the withdrawal of Russian troops": they withdraw; forces of
            // no known side go with the doer.)
            let of_doer = m.def.kind == "withdrawal";
            if let Some(c) = prep_chunk(&["of"], 5).filter(|_| of_doer) {
                let role = if c.actor.country.is_some() {
                    Role::Actor1
                } else {
                    Role::AssocActor1
                };
                push_with_joined(m, role, c);
            } else if let Some(c) = prep_chunk(&["on", "against", "of", "targeting"], 5) {
                push_with_joined(m, other_side, c);
            }
            if let Some(c) = prep_chunk(&["with"], 5) {
                push(
                    m,
                    if is_meeting {
                        Role::Actor2
                    } else {
                        Role::AssocActor1
                    },
                    c,
                );
            }
            // "X conducted a raid": the subject of a support verb; also of
            // one that goes on with it ("continued their hunger strike"),
            // and of a state ("troops remained on alert", "workers were on
            // strike").
            let ti = t_first;
            let lo = ti.saturating_sub(5).max(s.tokens.0);
            let state = tw(ti) == "on" || ti > s.tokens.0 && tw(ti - 1) == "on";
            if let Some(sv) = (lo..ti).rev().find(|&i| {
                let v = tw(i);
                SUPPORT_VERBS.contains(&v.as_str())
                    || v == "set" && tw(i + 1) == "off"
                    || GOING_ON.contains(&v.as_str())
                    || state
                        && matches!(
                            v.as_str(),
                            "remained"
                                | "remain"
                                | "remains"
                                | "were"
                                | "was"
                                | "are"
                                | "is"
                                | "put"
                                | "placed"
                                | "kept"
                                | "went"
                        )
            }) {
                let sv_start = an.tokens[sv].start;
                if let Some(c) = before.iter().rev().find(|c| {
                    c.span.end <= sv_start
                        && text[c.span.end..sv_start]
                            .split_whitespace()
                            .filter(|w| w.chars().any(char::is_alphanumeric))
                            .count()
                            <= 4
                        && !source_spans.contains(&c.span)
                }) {
                    push(m, Role::Actor1, c);
                }
            }
            // "an Israeli air strike", "a US drone strike", "an ISIS attack":
            // the name right before the trigger noun.
            if let Some(c) = before.iter().rev().find(|c| {
                text[c.span.end..trig.start].trim().is_empty()
                    && matches!(c.kind, EntityType::Norp | EntityType::Gpe | EntityType::Org)
            }) {
                push(m, Role::Actor1, c);
            }
            // "X's raid", "X's deadliest attack", "X's VBIED attacks" (at most
            // two words between; not "Colombia's National Liberation Army …
            // carried out the attack").
            if let Some(c) = before.iter().rev().find(|c| {
                let gap = text[c.span.end..trig.start].trim();
                let rest = gap.strip_prefix("’s").or_else(|| gap.strip_prefix("'s"));
                rest.is_some_and(|r| {
                    let ws: Vec<&str> = r
                        .split(|ch: char| ch.is_whitespace() || "\"“”'‘".contains(ch))
                        .filter(|w| !w.is_empty())
                        .collect();
                    ws.len() <= 2
                })
            }) {
                push(m, Role::Actor1, c);
            }
            // "The target of the strike was X".
            if t_first >= s.tokens.0 + 3 && tw(t_first - 2) == "of" && tw(t_first - 3) == "target" {
                if let Some(c) = after.iter().find(|c| {
                    inp.text[trig.end..c.span.start].trim() == "was"
                        || inp.text[trig.end..c.span.start].trim() == "is"
                }) {
                    push(m, Role::Target, c);
                }
            }
            if is_meeting {
                if let Some(c) = before
                    .iter()
                    .rev()
                    .find(|c| !source_spans.contains(&c.span))
                {
                    push(m, Role::Actor1, c);
                }
            }
        }
    }
    // Place: the most precise place after the trigger in its clause, else before it.
    let places_in = |a: usize, b: usize| -> Vec<&Place> {
        let from = inp.places.partition_point(|p| p.start < a);
        inp.places[from..]
            .iter()
            .take_while(|p| p.start < b)
            .filter(|p| p.end <= b)
            .filter(|p| !chunks.iter().any(|c| !c.place && c.span.contains(p.span())))
            .collect()
    };
    // The most precise; among equals, the nearest to the trigger. A
    // dateline's place ("KYIV, Ukraine (AP) —") is where the report was
    // filed, not where the event took place.
    let pick = |v: Vec<&Place>| {
        v.into_iter()
            .filter(|p| !in_dateline(text, p.start))
            .min_by_key(|p| {
                let dist = if p.start >= trig.end {
                    p.start - trig.end
                } else {
                    trig.start.saturating_sub(p.end)
                };
                (p.precision, dist)
            })
            .cloned()
    };
    m.place = pick(places_in(trig.end, right_limit.max(trig.end))).or_else(|| {
        let clause_start = cues
            .iter()
            .filter(|c| c.at < trig.start && !c.according)
            .map(|c| c.at)
            .max()
            .unwrap_or(s.start);
        pick(places_in(clause_start, trig.start))
    });
    if let Some(p) = m.place.take() {
        m.place = Some(capital_meant(inp, &p).unwrap_or(p));
    }
    // Date: the nearest date in the sentence that is not a reporting verb's.
    let from = inp.times.partition_point(|t| t.start < s.start);
    m.time = inp.times[from..]
        .iter()
        .take_while(|t| t.start < s.end)
        .filter(|t| t.end <= s.end && t.kind == TimexType::Date && t.start_date.is_some())
        .filter(|t| t.start < phrase_end || trig.start > phrase_end)
        .filter(|t| !is_reporting_time(inp, cues, t))
        // What is told as done did not happen after the story was written:
        // in "despite his arrest, he will play on Sunday" Sunday is not the
        // arrest's date.
        .filter(|t| {
            !matches!(m.mode, Mode::Asserted | Mode::Negated)
                || !matches!((t.start_date, inp.dct), (Some(start), Some(d)) if start > d)
        })
        .min_by_key(|t| {
            if t.start >= trig.end {
                t.start - trig.end
            } else {
                trig.start - t.end
            }
        })
        .cloned();
    // Casualties.
    casualties(inp, si, chunks, m, t_first, t_end);
    // Claim.
    m.claim = claim_for(inp, s.span(), cues, trig);
}

/// Casualty counts around outcome words in the sentence.
/// People counted in a toll: "two persons", "a policeman" (were killed).
const COUNTED_NOUNS: &[&str] = &[
    "people",
    "civilians",
    "persons",
    "person",
    "man",
    "men",
    "woman",
    "women",
    "boy",
    "boys",
    "girl",
    "girls",
    "child",
    "children",
    "youth",
    "youths",
    "civilian",
    "soldier",
    "soldiers",
    "policeman",
    "policemen",
    "officer",
    "officers",
    "constable",
    "constables",
    "fighters",
    "members",
    "militants",
];

fn casualties(
    inp: &Inputs,
    si: usize,
    chunks: &[Chunk],
    m: &mut Mention,
    t_first: usize,
    t_end: usize,
) {
    let (text, an) = (inp.text, inp.an);
    let s = an.sentences[si];
    let tw = |i: usize| {
        if i >= s.tokens.0 && i < s.tokens.1 {
            an.tokens[i].text(text).to_lowercase()
        } else {
            String::new()
        }
    };
    let skip_q = |mut i: usize| {
        while i < s.tokens.1
            && matches!(
                tw(i).as_str(),
                "‘" | "“"
                    | "'"
                    | "\""
                    | "at"
                    | "least"
                    | "more"
                    | "than"
                    | "some"
                    | "about"
                    | "nearly"
                    | "over"
                    | "around"
                    | "another"
            )
        {
            i += 1;
        }
        i
    };
    let _ = (t_first, t_end);
    for i in s.tokens.0..s.tokens.1 {
        let w = tw(i);
        let kill = matches!(
            w.as_str(),
            "killed"
                | "killing"
                | "kill"
                | "kills"
                | "killings"
                | "dead"
                | "died"
                | "death"
                | "deaths"
                | "eliminated"
                | "assassinated"
                | "executed"
                | "murdered"
                | "murder"
                | "slain"
                | "massacred"
                | "beheaded"
                | "toll"
        ) || w == "gunned" && tw(i + 1) == "down";
        let hurt = matches!(
            w.as_str(),
            "injured" | "injuring" | "wounded" | "wounding" | "hurt"
        );
        if !kill && !hurt {
            continue;
        }
        let at = an.tokens[i].span();
        // "killed N", "killed a member", "killed <Person>", "death of a".
        let mut j = skip_q(i + 1);
        if matches!(w.as_str(), "death" | "murder") && tw(i + 1) == "of" || w == "gunned" {
            j = skip_q(i + 2);
        }
        let mut n = count_at(&tw, j);
        // "the death toll rose to 21", "a death toll of 14".
        if w == "toll" {
            n = (i + 1..(i + 12).min(s.tokens.1))
                .find(|&k| {
                    matches!(
                        tw(k - 1).as_str(),
                        "to" | "at" | "of" | "reached" | "hit" | "is" | "was"
                    ) && number_of(&tw(k)).is_some_and(|x| x > 1)
                })
                .and_then(|k| count_at(&tw, k));
        }
        if n.is_none() {
            if let Some(c) = chunks
                .iter()
                .find(|c| c.kind == EntityType::Per && an.token_at(c.span.start) == j)
            {
                // "killed X and (Guatemalan politician) Y": each person named.
                let mut count = 1;
                let mut last = c.span;
                while let Some(d) = chunks.iter().find(|d| {
                    d.kind == EntityType::Per && d.span.start >= last.end && {
                        let gap = text[last.end..d.span.start].trim();
                        (gap.starts_with("and") || gap.starts_with(',')) && words_at_most(gap, 4)
                    }
                }) {
                    count += 1;
                    last = d.span;
                }
                n = Some(count);
            }
            // "killed senior ISIS member X": a person within the next few words.
            if n.is_none() && kill && w != "dead" {
                let limit = an
                    .tokens
                    .get((j + 5).min(s.tokens.1.saturating_sub(1)))
                    .map(|t| t.end)
                    .unwrap_or(s.end);
                if chunks.iter().any(|c| {
                    c.kind == EntityType::Per
                        && c.span.start >= an.tokens[i].end
                        && c.span.end <= limit
                        && !c.place
                }) {
                    n = Some(1);
                }
            }
        }
        // "N people were killed", "N dead", "N injured".
        if n.is_none() {
            let mut b = i;
            while b > s.tokens.0
                && (matches!(
                    tw(b - 1).as_str(),
                    "were" | "was" | "been" | "have" | "had" | "are" | "others"
                ) || COUNTED_NOUNS.contains(&tw(b - 1).as_str()))
            {
                b -= 1;
            }
            // "14 people dead", "and 40 wounded", "20 were killed"; right
            // before the word only a number that is not "a"/"an".
            if b > s.tokens.0 && (b < i || !matches!(tw(b - 1).as_str(), "a" | "an")) {
                n = number_of(&tw(b - 1)).filter(|&x| x < 100_000);
                // "a dozen", "two hundred".
                if matches!(tw(b - 1).as_str(), "dozen" | "hundred" | "thousand") {
                    if let Some(k) = (b > s.tokens.0 + 1)
                        .then(|| number_of(&tw(b - 2)))
                        .flatten()
                    {
                        n = n.map(|x| x * k);
                    }
                }
                // "Two soldiers and a policeman were killed": each counted
                // group joined by "and" or a comma.
                let mut k = b - 1;
                while let Some(t) = n {
                    if k < s.tokens.0 + 2 || !matches!(tw(k - 1).as_str(), "and" | ",") {
                        break;
                    }
                    let mut r = k - 1;
                    while r > s.tokens.0 && COUNTED_NOUNS.contains(&tw(r - 1).as_str()) {
                        r -= 1;
                    }
                    let more = (r < k - 1 && r > s.tokens.0)
                        .then(|| number_of(&tw(r - 1)))
                        .flatten();
                    match more {
                        Some(x) => {
                            n = Some(t + x);
                            k = r - 1;
                        }
                        None => break,
                    }
                }
                // "Hundreds of people were killed", "dozens of others hurt".
                if n.is_none() && b < i && tw(b - 1) == "of" && b > s.tokens.0 + 1 {
                    n = count_at(&tw, b - 2).filter(|_| tw(b - 2).ends_with('s'));
                }
            }
        }
        if let Some(n) = n.filter(|&x| x > 0 && x < 1_000_000) {
            let slot = if kill {
                &mut m.fatalities
            } else {
                &mut m.injuries
            };
            if slot.is_none_or(|(old, _)| n > old) {
                *slot = Some((n, at));
            }
        }
    }
}

/// The count written at token `j`: "12", "twelve", "a dozen" (12), "two
/// hundred" (200), "1,200", "a" (1, as in "killed a soldier"); the vague
/// "dozens" and "hundreds" as ACLED codes them (12, 100).
fn count_at(tw: &impl Fn(usize) -> String, j: usize) -> Option<u32> {
    let (a, b) = (tw(j), tw(j + 1));
    // Vague counts as ACLED codes them: "dozens" 12, "hundreds" 100.
    match a.as_str() {
        "tens" => return Some(10),
        "dozens" => return Some(12),
        "scores" => return Some(20),
        "hundreds" => return Some(100),
        "thousands" => return Some(1000),
        _ => {}
    }
    let base = number_of(&a).filter(|_| !a.is_empty())?;
    match b.as_str() {
        "dozen" => Some(base * 12),
        "hundred" => Some(base * 100),
        "thousand" => Some(base * 1000),
        "dozens" | "hundreds" | "thousands" => None,
        _ => Some(base),
    }
}

/// The claim a trigger falls under: the nearest cue before it whose clause
/// contains it ("X said that …"), else a trailing cue ("…, X reported"),
/// else "according to X"; another cue in the sentence relays it (`via`).
fn claim_for(inp: &Inputs, sent: Span, cues: &[Cue], trig: Span) -> Option<Claim> {
    let direct = cues.iter().rfind(|c| c.at < trig.start && !c.according);
    // A cue after the trigger covers it only when it closes the sentence
    // ("…, the SDF reported."), not when it opens a quote ("X said: …").
    let closes = |c: &&Cue| {
        let rest = &inp.text[c.at + c.word.len()..sent.end];
        // "…, X reported.", "X said in a statement on Friday."
        rest.split_whitespace()
            .filter(|w| w.chars().any(|ch| ch.is_alphanumeric()))
            .count()
            <= 6
            && !rest.trim_start().starts_with(':')
            && !rest.contains(['“', '"'])
    };
    let trailing = cues
        .iter()
        .filter(|c| c.at > trig.end && !c.according)
        .find(closes);
    let according = cues.iter().find(|c| c.according);
    let (primary, via) = match (direct, trailing, according) {
        (Some(d), t, a) => (d, t.or(a.filter(|a| a.at < d.at))),
        (None, Some(t), a) => (t, a.filter(|a| a.source != t.source)),
        (None, None, Some(a)) => (a, None),
        (None, None, None) => return None,
    };
    Some(Claim {
        source: primary.source.clone(),
        source_canonical: primary.canonical.clone(),
        via: via.map(|v| v.source.clone()),
        cue: Some(primary.word.clone()),
        start: sent.start,
        end: sent.end,
    })
}

fn is_violent(d: &Def) -> bool {
    d.plover.0 == "ASSAULT"
}

/// Within a sentence: outcomes and anaphors join the attack they belong to.
fn merge_in_sentence(ms: &mut Vec<Mention>) {
    let mut i = 0;
    while i < ms.len() {
        let joinable = matches!(ms[i].def.class, Class::Outcome | Class::Anaphor);
        if joinable {
            // The nearest attack mention in the sentence (before, else after).
            let host = (0..ms.len())
                .filter(|&j| j != i && ms[j].def.class == Class::Attack && is_violent(&ms[i].def))
                .min_by_key(|&j| (j > i, (j as isize - i as isize).abs()));
            if let Some(h) = host {
                let src = ms[i].clone();
                absorb(&mut ms[h], src);
                ms.remove(i);
                continue;
            }
        }
        i += 1;
    }
    // A casualty count a violent mention of the sentence holds is not also
    // a protest's or a meeting's: "police fired at protesters, killing
    // five, as thousands demonstrated" counts the five dead once.
    let held: Vec<Span> = ms
        .iter()
        .filter(|m| is_violent(&m.def))
        .flat_map(|m| [m.fatalities, m.injuries])
        .flatten()
        .map(|(_, sp)| sp)
        .collect();
    for m in ms.iter_mut().filter(|m| !is_violent(&m.def)) {
        for slot in [&mut m.fatalities, &mut m.injuries] {
            if slot.is_some_and(|(_, sp)| held.contains(&sp)) {
                *slot = None;
            }
        }
    }
    // An outcome joined by an anaphor ("killed … in a joint operation").
    let mut i = 0;
    while i < ms.len() {
        if ms[i].def.class == Class::Anaphor {
            if let Some(h) = (0..ms.len()).find(|&j| j != i && ms[j].def.class == Class::Outcome) {
                let src = ms[i].clone();
                absorb(&mut ms[h], src);
                ms.remove(i);
                continue;
            }
        }
        i += 1;
    }
}

/// Folds mention `b` into `a` (same sentence).
fn absorb(a: &mut Mention, b: Mention) {
    // "A suicide bomber killed 14 … in an attack": the attack is the
    // suicide bombing.
    if specificity(b.def.kind) < specificity(a.def.kind) && is_violent(&a.def) {
        a.def = Def {
            class: a.def.class,
            ..b.def
        };
    }
    for (r, c) in b.actors {
        let role = if r == Role::Actor1
            && a.actors
                .iter()
                .any(|(x, y)| *x == Role::Actor1 && y.actor.canonical != c.actor.canonical)
        {
            Role::AssocActor1
        } else {
            r
        };
        if !a
            .actors
            .iter()
            .any(|(_, y)| y.actor.canonical == c.actor.canonical)
        {
            a.actors.push((role, c));
        }
    }
    if a.place
        .as_ref()
        .is_none_or(|p| b.place.as_ref().is_some_and(|q| q.precision < p.precision))
    {
        a.place = b.place.or(a.place.take());
    }
    a.time = a.time.take().or(b.time);
    a.fatalities = max_count(a.fatalities, b.fatalities);
    a.injuries = max_count(a.injuries, b.injuries);
    a.claim = a.claim.take().or(b.claim);
    if b.mode != Mode::Asserted && a.mode == Mode::Asserted {
        a.mode = b.mode;
    }
}

fn max_count(a: Option<(u32, Span)>, b: Option<(u32, Span)>) -> Option<(u32, Span)> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 > x.0 { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// Specificity of an event kind (lower = more specific).
fn specificity(kind: &str) -> u8 {
    match kind {
        "raid"
        | "airstrike"
        | "suicide bombing"
        | "bombing"
        | "shelling"
        | "assassination"
        | "execution"
        | "abduction"
        | "arrest"
        | "protest"
        | "riot"
        | "meeting"
        | "visit"
        | "ceasefire"
        | "torture"
        | "beating"
        | "sexual violence"
        | "chemical attack"
        | "grenade attack"
        | "lynching"
        | "property destruction"
        | "capture"
        | "hunger strike"
        | "blockade" => 0,
        "clash" | "attack" | "invasion" => 1,
        "strike" => 2,
        "killing" => 3,
        _ => 4,
    }
}

fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn interval(t: &TimeExpr) -> Option<(NaiveDate, NaiveDate)> {
    Some((t.start_date?, t.end_date?))
}

/// An event under construction, with what merging compares kept up to date.
struct Acc {
    mentions: Vec<Mention>,
    last_sent: usize,
    date: Option<TimeExpr>,
    countries: HashSet<String>,
    /// Identifying participants: named?, last sentence.
    participants: HashMap<String, (bool, usize)>,
    /// Who did it, by [`doers`].
    doers: HashSet<String>,
    heads: HashSet<String>,
    kinds: HashSet<&'static str>,
    towns: HashSet<Option<u64>>,
}

impl Acc {
    fn new(m: Mention) -> Acc {
        let mut a = Acc {
            mentions: Vec::new(),
            last_sent: m.sent,
            date: None,
            countries: HashSet::new(),
            participants: HashMap::new(),
            doers: HashSet::new(),
            heads: HashSet::new(),
            kinds: HashSet::new(),
            towns: HashSet::new(),
        };
        a.push(m);
        a
    }
    fn push(&mut self, m: Mention) {
        self.last_sent = self.last_sent.max(m.sent);
        if let Some(t) = &m.time {
            if self.date.as_ref().is_none_or(|d| t.precision < d.precision) {
                self.date = Some(t.clone());
            }
        }
        if let Some(p) = &m.place {
            if let Some(cc) = &p.country_code {
                self.countries.insert(cc.clone());
            }
            if p.precision == 1 {
                self.towns.insert(p.geonames_id);
            }
        }
        self.doers.extend(doers(&m));
        for (id, named) in identities(&m) {
            let e = self.participants.entry(id).or_insert((named, m.sent));
            e.0 |= named;
            e.1 = e.1.max(m.sent);
        }
        self.heads.insert(m.head.clone());
        self.kinds.insert(m.def.kind);
        self.mentions.push(m);
    }
    fn date(&self) -> Option<&TimeExpr> {
        self.date.as_ref()
    }
    /// Told as background: it ended two months or more before the story,
    /// or in a past year named as a whole ("last year", "in 2013").
    fn historical(&self, dct: Option<NaiveDate>) -> bool {
        let (Some(t), Some(d)) = (self.date(), dct) else {
            return false;
        };
        let Some(e) = t.end_date else {
            return false;
        };
        e < d - Duration::days(60)
            || e < d
                && matches!(
                    t.precision,
                    Some(Precision::Year | Precision::Decade | Precision::Century)
                )
    }
}

/// The participants that tell one event from another, with their groups,
/// each with whether it is named. An unnamed one ("12 people", "Israeli
/// troops") identifies an event only over a few sentences
/// (`GENERIC_REACH`), since a story that moves on to another incident keeps
/// saying "civilians" and "Israeli troops".
fn identities(m: &Mention) -> impl Iterator<Item = (String, bool)> + '_ {
    // A weapon ("a bomb") says nothing of which event it is.
    m.actors
        .iter()
        .filter(|(r, _)| *r != Role::Weapon)
        .flat_map(|(_, c)| {
            let named = !c.actor.generic;
            std::iter::once((c.actor.canonical.clone(), named))
                .chain(c.actor.affiliation.clone().map(|a| (a, named)))
        })
}

/// Who a mention says did it (actor1), named or of a known country: by
/// country where there is one ("US forces" and CENTCOM are one side).
fn doers(m: &Mention) -> HashSet<String> {
    m.actors
        .iter()
        .filter(|(r, c)| *r == Role::Actor1 && (!c.actor.generic || c.actor.country.is_some()))
        .map(|(_, c)| {
            c.actor
                .country
                .clone()
                .unwrap_or_else(|| c.actor.canonical.clone())
        })
        .collect()
}

/// How many sentences apart two reports may be joined by an unnamed
/// participant alone.
const GENERIC_REACH: usize = 2;

fn compatible(acc: &Acc, m: &Mention) -> bool {
    let first = &acc.mentions[0];
    let same_family = is_violent(&first.def) == is_violent(&m.def)
        && (is_violent(&m.def) || first.def.kind == m.def.kind);
    if !same_family {
        return false;
    }
    // What did not happen (or not yet) is not the same event as what did.
    let unreal = |m: Mode| matches!(m, Mode::Hypothetical | Mode::Future | Mode::Negated);
    if unreal(first.mode) != unreal(m.mode) {
        return false;
    }
    if let (Some(a), Some(b)) = (
        acc.date().and_then(interval),
        m.time.as_ref().and_then(interval),
    ) {
        if !overlaps(a, b) {
            return false;
        }
    }
    if let Some(cc) = m.place.as_ref().and_then(|p| p.country_code.clone()) {
        let cs = &acc.countries;
        if !cs.is_empty() && !cs.contains(&cc) {
            return false;
        }
    }
    // Two different towns are two events.
    if let Some(p) = m.place.as_ref().filter(|p| p.precision == 1) {
        if acc.towns.iter().any(|q| *q != p.geonames_id) {
            return false;
        }
    }
    true
}

/// Whether sentence `si` is a headline: one of the first three sentences, a
/// line of its own with no closing full stop ("Jackson arrested on DUI
/// charge").
fn is_headline(inp: &Inputs, si: usize) -> bool {
    let Some(s) = inp.an.sentences.get(si).filter(|_| si < 3) else {
        return false;
    };
    let t = inp.text[s.start..s.end].trim_end();
    let line_start = s.start == 0
        || inp.text[..s.start]
            .trim_end_matches([' ', '\t'])
            .ends_with('\n');
    let line_end = inp.text[s.end..]
        .trim_start_matches([' ', '\t'])
        .starts_with('\n')
        || s.end >= inp.text.len();
    line_start && line_end && !t.ends_with(['.', '!', '?', '"', '”']) && t.contains(' ')
}

/// How many sentences back a mention may find the event it refers to.
const MERGE_WINDOW: usize = 40;

fn build_events(inp: &Inputs, mentions: Vec<Mention>) -> Vec<Event> {
    let mut accs: Vec<Acc> = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // events referred to within the window
    for m in mentions {
        open.retain(|&i| accs[i].last_sent + MERGE_WINDOW >= m.sent);
        let anaphoric = m.definite || m.def.class == Class::Anaphor;
        // Something of its own: a participant, a casualty count or a
        // place ("a blast in Lyon"); a bare reference to no known event
        // ("the attack") is not an event.
        // ("432 arrests have been made": a count of its own.)
        let has_args = !m.actors.is_empty()
            || m.counted && m.def.plover.0 == "COERCE"
            || m.fatalities.is_some()
            || m.injuries.is_some()
            || m.place.is_some();
        let pick = if anaphoric {
            // Prefer an event referred to by the same word, then the latest one.
            // A bare anaphor ("the operation", "the incident") refers back only a few sentences.
            let reach = if m.def.class == Class::Anaphor {
                5
            } else {
                MERGE_WINDOW
            };
            let cands: Vec<usize> = open
                .iter()
                .copied()
                .filter(|&i| {
                    accs[i].last_sent + reach >= m.sent
                        && compatible(&accs[i], &m)
                        && !(accs[i].historical(inp.dct) && m.time.is_none())
                })
                .collect();
            cands
                .iter()
                .copied()
                .filter(|&i| accs[i].heads.contains(&m.head))
                .max_by_key(|&i| accs[i].last_sent)
                .or_else(|| cands.iter().copied().max_by_key(|&i| accs[i].last_sent))
        } else {
            // A new report of a known event: a shared participant, or the same
            // specific kind ("drone strike" in the headline and in the lead).
            let mine: Vec<(String, bool)> = identities(&m).collect();
            let my_doers = doers(&m);
            // A report told as another or an earlier incident joins no event by
            // kind or town alone; one with nothing of its own stays a mention
            // of the series ("a second explosion went off").
            let another = m.distinct && has_args;
            // Violence reported again in the same town ("a missile struck
            // Odesa" / "its forces hit military infrastructure in Odesa").
            let town = m
                .place
                .as_ref()
                .filter(|p| p.precision == 1)
                .map(|p| p.geonames_id);
            let same_town = |acc: &Acc| {
                !another && town.is_some_and(|t| acc.towns.len() == 1 && acc.towns.contains(&t))
            };
            let shares_named = |acc: &Acc| {
                mine.iter().any(|(id, named)| {
                    *named && acc.participants.get(id).is_some_and(|&(named2, _)| named2)
                })
            };
            let shares = |acc: &Acc| {
                // Two known actors doing it: the same side or another event
                // (a shared named victim still joins them, as a dispute).
                let other_doer = !my_doers.is_empty()
                    && !acc.doers.is_empty()
                    && acc.doers.is_disjoint(&my_doers);
                mine.iter().any(|(id, named)| {
                    acc.participants.get(id).is_some_and(|&(named2, last)| {
                        (*named && named2) || !other_doer && last + GENERIC_REACH >= m.sent
                    })
                })
            };
            open.iter()
                .copied()
                .filter(|&i| compatible(&accs[i], &m))
                .filter(|&i| {
                    if !is_violent(&m.def) {
                        // An arrest, a protest, a meeting of the same kind
                        // told again of the same named participant
                        // ("Police arrested Jackson …", "Jackson was
                        // arrested by the highway patrol …").
                        return shares_named(&accs[i]);
                    }
                    shares(&accs[i])
                        || !another
                            && specificity(m.def.kind) == 0
                            && accs[i].kinds.contains(m.def.kind)
                        || same_town(&accs[i])
                })
                .chain(
                    // The lead tells the headline's event: "Navy foils pirate
                    // attack" / "The navy thwarted an attack by brigands".
                    open.iter().copied().filter(|&i| {
                        let a = &accs[i];
                        a.mentions.iter().all(|x| is_headline(inp, x.sent))
                            && m.sent <= a.last_sent + 3
                            && !is_headline(inp, m.sent)
                            && compatible(a, &m)
                            && (is_violent(&m.def) || a.kinds.contains(m.def.kind))
                    }),
                )
                .max_by_key(|&i| accs[i].last_sent)
        };
        match pick {
            Some(i) => accs[i].push(m),
            None if has_args && m.def.class != Class::Anaphor => {
                open.push(accs.len());
                accs.push(Acc::new(m));
            }
            None => {} // a reference to no event we know of, with nothing of its own
        }
    }
    accs.into_iter()
        .enumerate()
        .map(|(n, a)| finish(inp, n, a))
        .collect()
}

fn finish(inp: &Inputs, n: usize, acc: Acc) -> Event {
    let main = acc
        .mentions
        .iter()
        .min_by_key(|m| (specificity(m.def.kind), m.trig.start))
        .unwrap();
    let def = main.def;
    // Claims, deduplicated; a document-voice claim when nobody is cited.
    let mut claims: Vec<Claim> = Vec::new();
    let mut claim_of: Vec<Option<usize>> = Vec::new();
    for m in &acc.mentions {
        claim_of.push(m.claim.as_ref().map(|c| {
            match claims.iter().position(|x| {
                x.source_canonical.as_ref().unwrap_or(&x.source)
                    == c.source_canonical.as_ref().unwrap_or(&c.source)
                    && x.via == c.via
            }) {
                Some(i) => i,
                None => {
                    claims.push(c.clone());
                    claims.len() - 1
                }
            }
        }));
    }
    if claims.is_empty() {
        let s = inp.an.sentences[acc.mentions[0].sent];
        claims.push(Claim {
            source: inp.doc_source.unwrap_or("the document").to_string(),
            source_canonical: None,
            via: None,
            cue: None,
            start: s.start,
            end: s.end,
        });
        for c in claim_of.iter_mut() {
            *c = Some(0);
        }
    }
    // Participants, in mention order; one entry per canonical actor.
    let mut actors: Vec<(ActorRef, bool)> = Vec::new(); // (actor, generic)
    for (mi, m) in acc.mentions.iter().enumerate() {
        for (role, c) in &m.actors {
            if let Some((x, _)) = actors
                .iter_mut()
                .find(|(x, _)| x.canonical == c.actor.canonical)
            {
                if let Some(ci) = claim_of[mi] {
                    if !x.claimed_by.contains(&ci) {
                        x.claimed_by.push(ci);
                    }
                }
                continue;
            }
            let text_here = &inp.text[c.span.start..c.span.end];
            actors.push((
                ActorRef {
                    role: *role,
                    text: text_here.to_string(),
                    start: c.span.start,
                    end: c.span.end,
                    canonical: c.actor.canonical.clone(),
                    country: c.actor.country.clone(),
                    sector: c.actor.sector.clone().or_else(|| {
                        sector_of_noun(text_here.rsplit(' ').next().unwrap_or(""))
                            .map(str::to_string)
                    }),
                    affiliation: c.actor.affiliation.clone(),
                    claimed_by: claim_of[mi].into_iter().collect(),
                },
                c.actor.generic,
            ));
        }
    }
    // A generic phrase ("US forces") gives way to a named actor of the same
    // country and sector on the same side; a group's generic mention ("an
    // ISIS operative") gives way to the named member ("Omar Abdul Qader").
    let side = |r: Role| matches!(r, Role::Actor1 | Role::AssocActor1);
    let snapshot = actors.clone();
    actors.retain(|(a, generic)| {
        let superseded_generic = *generic
            && snapshot.iter().any(|(b, g)| {
                !g && side(b.role) == side(a.role)
                    && b.country.is_some()
                    && b.country == a.country
                    && (a.sector.is_none() || b.sector == a.sector)
            });
        let superseded_group = a.role == Role::Target
            && a.affiliation.is_none()
            && snapshot.iter().any(|(b, _)| {
                b.role == Role::Target && b.affiliation.as_deref() == Some(a.canonical.as_str())
            });
        !(superseded_generic || superseded_group)
    });
    // Merge the claims of dropped actors into their replacements.
    for (a, _) in &snapshot {
        if actors.iter().any(|(x, _)| x.canonical == a.canonical) {
            continue;
        }
        if let Some((x, _)) = actors.iter_mut().find(|(x, _)| {
            side(x.role) == side(a.role)
                && (x.country == a.country
                    || x.affiliation.as_deref() == Some(a.canonical.as_str()))
        }) {
            for c in &a.claimed_by {
                if !x.claimed_by.contains(c) {
                    x.claimed_by.push(*c);
                }
            }
        }
    }
    // One actor1: the others on that side are associated actors.
    let mut seen_a1 = false;
    for (a, _) in actors.iter_mut() {
        if a.role == Role::Actor1 {
            if seen_a1 {
                a.role = Role::AssocActor1;
            }
            seen_a1 = true;
        }
    }
    if !seen_a1 {
        if let Some((a, _)) = actors.iter_mut().find(|(a, _)| a.role == Role::AssocActor1) {
            a.role = Role::Actor1;
        }
    }
    // Unnamed participants ("a suicide bomber") say nothing about who did it
    // when sources are compared.
    let unnamed: HashSet<String> = actors
        .iter()
        .filter(|(_, generic)| *generic)
        .map(|(a, _)| a.canonical.clone())
        .collect();
    let actors: Vec<ActorRef> = actors.into_iter().map(|x| x.0).collect();
    let mut fields: Vec<FieldSpan> = vec![FieldSpan {
        field: "type".into(),
        start: main.trig.start,
        end: main.trig.end,
    }];
    // The event's other mentions ("the strike", a second report's "raid");
    // outcomes ("killed") are casualty evidence, not mentions.
    for m in &acc.mentions {
        if !std::ptr::eq(m, main) && m.def.class != Class::Outcome && m.trig != main.trig {
            fields.push(FieldSpan {
                field: "mention".into(),
                start: m.trig.start,
                end: m.trig.end,
            });
        }
    }
    for a in &actors {
        fields.push(FieldSpan {
            field: format!("actors.{}", a.role.as_str()),
            start: a.start,
            end: a.end,
        });
    }
    // Date.
    let date = acc.date().cloned();
    let date = match date {
        Some(t) => {
            fields.push(FieldSpan {
                field: "date".into(),
                start: t.start,
                end: t.end,
            });
            Some(EventDate {
                value: t.value.clone(),
                precision: t.precision.unwrap_or(Precision::Day),
                start_date: t.start_date.unwrap_or_default(),
                end_date: t.end_date.unwrap_or_default(),
                text: Some(t.text.clone()),
                start: Some(t.start),
                end: Some(t.end),
                basis: "text".into(),
            })
        }
        None => inp.dct.map(|d| EventDate {
            value: d.format("%Y-%m-%d").to_string(),
            precision: Precision::Week,
            start_date: d - Duration::days(7),
            end_date: d,
            text: None,
            start: None,
            end: None,
            basis: "document".into(),
        }),
    };
    let location = acc
        .mentions
        .iter()
        .filter_map(|m| m.place.clone())
        .min_by_key(|p| p.precision);
    if let Some(p) = &location {
        fields.push(FieldSpan {
            field: "location".into(),
            start: p.start,
            end: p.end,
        });
    }
    // Each source's death toll (its highest: tolls rise as a story is
    // updated). Where sources differ, the event takes the lowest, as ACLED
    // does ("the most conservative estimate"), and the dispute names each.
    let mut tolls: Vec<(usize, (u32, Span))> = Vec::new();
    for (m, ci) in acc.mentions.iter().zip(&claim_of) {
        if let (Some(ci), Some(f)) = (*ci, m.fatalities) {
            match tolls.iter_mut().find(|(c, _)| *c == ci) {
                Some(t) => t.1 = max_count(Some(t.1), Some(f)).unwrap_or(f),
                None => tolls.push((ci, f)),
            }
        }
    }
    let tolls_differ = tolls.iter().any(|t| t.1 .0 != tolls[0].1 .0);
    let fatalities = if tolls_differ {
        tolls.iter().map(|t| t.1).min_by_key(|f| f.0)
    } else {
        acc.mentions
            .iter()
            .fold(None, |a, m| max_count(a, m.fatalities))
    };
    let injuries = acc
        .mentions
        .iter()
        .fold(None, |a, m| max_count(a, m.injuries));
    if let Some((_, sp)) = fatalities {
        fields.push(FieldSpan {
            field: "fatalities".into(),
            start: sp.start,
            end: sp.end,
        });
    }
    if let Some((_, sp)) = injuries {
        fields.push(FieldSpan {
            field: "injuries".into(),
            start: sp.start,
            end: sp.end,
        });
    }
    // Mode.
    let mut mode = if acc.mentions.iter().any(|m| m.mode == Mode::Asserted) {
        Mode::Asserted
    } else {
        acc.mentions[0].mode
    };
    if mode == Mode::Asserted && acc.historical(inp.dct) {
        mode = Mode::Historical;
    }
    // Disputes: claims that name different perpetrators or death tolls.
    let mut disputed = Vec::new();
    if claims.len() > 1 {
        let mut sides: Vec<(usize, Vec<String>)> = Vec::new();
        for (ci, _) in claims.iter().enumerate() {
            let mut who: Vec<String> = actors
                .iter()
                .filter(|a| {
                    matches!(a.role, Role::Actor1 | Role::AssocActor1)
                        && a.claimed_by.contains(&ci)
                        && !unnamed.contains(&a.canonical)
                })
                .map(|a| a.canonical.clone())
                .collect();
            who.sort();
            who.dedup();
            if !who.is_empty() {
                sides.push((ci, who));
            }
        }
        if sides.len() > 1 && sides.iter().any(|s| s.1 != sides[0].1) {
            disputed.push(Dispute {
                field: "participants".into(),
                sides: sides
                    .iter()
                    .map(|(ci, w)| format!("{}: {}", claims[*ci].source, w.join(", ")))
                    .collect(),
            });
        }
        // Death tolls that differ between sources ("20 bandits, the army
        // said" against "26 people, residents said").
        if tolls_differ {
            disputed.push(Dispute {
                field: "fatalities".into(),
                sides: tolls
                    .iter()
                    .map(|(ci, (n, _))| format!("{}: {n}", claims[*ci].source))
                    .collect(),
            });
        }
    }
    let mut evidence: Vec<Evidence> = acc
        .mentions
        .iter()
        .map(|m| inp.an.sentences[m.sent])
        .map(|s| Evidence {
            start: s.start,
            end: s.end,
        })
        .collect();
    evidence.sort_by_key(|e| e.start);
    evidence.dedup();
    // Clashes told among protesters, with no armed group named: a violent
    // demonstration, not a battle (ACLED's battles are between armed,
    // organised groups).
    let mut acled = acled_type(def, &actors, fatalities.map(|x| x.0));
    let armed = actors.iter().any(|a| {
        a.sector
            .as_deref()
            .is_some_and(|s| matches!(s, "MIL" | "REB" | "IMG" | "COP"))
            || ARMED_NOUNS.contains(&a.canonical.to_lowercase().as_str())
    });
    let protest_words = evidence.iter().any(|e| {
        let t = inp.text[e.start..e.end].to_lowercase();
        ["protest", "demonstrat", "rallied", "marchers"]
            .iter()
            .any(|w| t.contains(w))
    });
    if def.kind == "clash" && !armed && protest_words {
        acled = Some(Acled {
            event_type: "Riots".into(),
            sub_event_type: "Violent demonstration".into(),
        });
    }
    Event {
        id: format!("{}#e{}", inp.doc_id, n + 1),
        kind: def.kind.to_string(),
        trigger: inp.text[main.trig.start..main.trig.end].to_string(),
        plover: Plover {
            category: def.plover.0.to_string(),
            mode: def.plover.1.map(str::to_string),
        },
        cameo: def.cameo.to_string(),
        acled,
        date,
        location,
        actors,
        fatalities: fatalities.map(|x| x.0),
        injuries: injuries.map(|x| x.0),
        mode,
        claims,
        disputed,
        evidence,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let t = "KYIV, Ukraine (AP) — A missile struck Kharkiv.\nKANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- Seven died in Kandahar.\nIn Kyiv, sirens sounded — again.";
        let at = |w: &str, n: usize| t.match_indices(w).nth(n).unwrap().0;
        assert!(in_dateline(t, at("KYIV", 0)));
        assert!(in_dateline(t, at("Ukraine", 0)));
        assert!(!in_dateline(t, at("Kharkiv", 0)));
        assert!(in_dateline(t, at("Afghanistan", 0)));
        assert!(!in_dateline(t, at("Kandahar", 0)));
        // A sentence that starts with a place and has a dash is no dateline.
        assert!(!in_dateline(t, at("Kyiv", 0)));
    }
}
