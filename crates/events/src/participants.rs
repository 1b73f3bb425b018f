//! Participant phrases of a sentence: named entities extended over actor nouns,
//! actor-dictionary phrases, the things an attack can harm, unnamed participants
//! ("police", "three men") and pronouns resolved to a name before them.

use crate::vocabulary::{
    is_generic_actor, is_object_noun, modifier_word, INSTITUTIONS, NOT_MODIFIED,
};
use crate::{lexicon, number_of, Chunk, Inputs, Words};
use sitrep_actors::{phrase_actor, sector_of_noun, Actor};
use sitrep_core::{Entity, EntityType, Place, Span};
use sitrep_text::{Sentence, Token};

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
pub(crate) const PLACE_MODIFIERS: &[&str] = &[
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
    "downtown",
    "suburban",
    "provincial",
    "restive",
    "remote",
    "mountainous",
    "coastal",
    "frontier",
    "troubled",
    "volatile",
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

/// Participant phrases of sentence `si`, in text order, none nested in
/// another: named entities extended over actor nouns ("US forces", "ISIS
/// operative") and "a member of (the) X"; actor-dictionary phrases
/// written in lower case; things an attack can harm; unnamed participants;
/// pronouns resolved to the nearest organisation or person before them
/// (in this sentence, else in `prev`, the previous sentence's phrases).
/// In a text without capitals (`caseless`), phrases of two words or more
/// are also looked up in the Phoenix dictionaries ("shining path").
pub(crate) fn chunks(inp: &Inputs, si: usize, prev: &[Chunk], caseless: bool) -> Vec<Chunk> {
    let s = inp.an.sentences[si];
    let mut out = named_chunks(inp, s, caseless);
    dictionary_chunks(inp, s, caseless, &mut out);
    object_chunks(inp, s, &mut out);
    unnamed_chunks(inp, s, &mut out);
    pronoun_chunks(inp, s, prev, &mut out);
    out.sort_by_key(|c| c.span.start);
    // Drop chunks nested in a longer one.
    let all = out.clone();
    out.retain(|c| {
        !all.iter()
            .any(|o| o.span != c.span && o.span.contains(c.span))
    });
    out
}

/// Whether the actor stage coded entity `i` with a country or a sector.
fn coded(inp: &Inputs, i: usize) -> bool {
    inp.actors
        .by_cluster
        .get(&inp.ents.cluster[i])
        .is_some_and(|a| a.country.is_some() || a.sector.is_some())
}

/// The named entities of a sentence as participant phrases (or places).
fn named_chunks(inp: &Inputs, s: Sentence, caseless: bool) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let in_sentence: Vec<(usize, &Entity)> = inp.ents.within(s.span()).collect();
    let roles: Vec<Span> = in_sentence
        .iter()
        .filter_map(|(i, _)| inp.ents.roles.get(i).copied())
        .collect();
    for &(i, e) in &in_sentence {
        // A miscellaneous name takes part only when the actor stage coded
        // it ("Bosnian Serbs": a people of a country).
        if e.kind == EntityType::Misc && !coded(inp, i) {
            continue;
        }
        // Words of a person's role ("Syrian President", "CENTCOM Commander") describe the person.
        if roles.iter().any(|r| r.contains(e.span())) {
            continue;
        }
        if e.kind == EntityType::Norp && describes_person(inp, &in_sentence, e, caseless) {
            continue;
        }
        let c = named_chunk(inp, s, &in_sentence, (i, e), out.last());
        out.push(c);
    }
    out
}

/// A nationality before a title and a name describes the person:
/// "Salvadoran Presidency Minister Antonio Rodriguez Porth" (in text
/// without capitals, "salvadoran leader hector oqueli").
fn describes_person(
    inp: &Inputs,
    in_sentence: &[(usize, &Entity)],
    e: &Entity,
    caseless: bool,
) -> bool {
    let (text, an) = (inp.text, inp.an);
    let te = an.token_at(e.end);
    in_sentence.iter().any(|(_, p)| {
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
    })
}

/// One named entity as a phrase: extended over the words that belong to
/// it, marked as a place where it is used as one (`last` is the phrase
/// before it, for "Atmeh, Syria"), with its actor; a capital that acts
/// stands for its government.
fn named_chunk(
    inp: &Inputs,
    s: Sentence,
    in_sentence: &[(usize, &Entity)],
    (i, e): (usize, &Entity),
    last: Option<&Chunk>,
) -> Chunk {
    let (text, an) = (inp.text, inp.an);
    let role_start = inp.ents.roles.get(&i).map(|r| r.start);
    let ti = an.token_at(e.start);
    let te = an.token_at(e.end);
    let end_tok = extend_right(inp, s, in_sentence, e, (ti, te));
    let start_tok = extend_left(inp, s, ti);
    let span = Span::new(
        role_start
            .unwrap_or(an.tokens[start_tok].start)
            .min(an.tokens[start_tok].start),
        an.tokens[end_tok - 1].end,
    );
    let is_geo = matches!(e.kind, EntityType::Gpe | EntityType::Loc);
    let place = is_geo && end_tok == te && used_as_place(inp, s, ti, last);
    let actor = if end_tok > te || start_tok < ti || matches!(e.kind, EntityType::Norp) {
        phrase_actor(text, an, inp.ents, inp.actors, inp.gaz, span).map(|x| x.0)
    } else {
        inp.actors.by_cluster.get(&inp.ents.cluster[i]).cloned()
    };
    let actor = actor.unwrap_or_else(|| Actor {
        canonical: e.canonical.clone(),
        ..Default::default()
    });
    // A national capital that opens a clause and is followed by what
    // it did stands for the country's government, as CAMEO codes it:
    // "Berlin rejected …", "Beirut again rejected …" (not "Kabul
    // residents said", "Berlin, Germany").
    if is_geo && actor.country.is_none() && !place && end_tok == te {
        if let Some(a) = capital_government(inp, span, start_tok == s.tokens.0, end_tok) {
            return Chunk {
                span,
                actor: a,
                kind: e.kind,
                place: false,
                object: false,
            };
        }
    }
    // A town or region that is not a country is not a participant.
    let place = place || is_geo && actor.country.is_none();
    Chunk {
        span,
        actor,
        kind: e.kind,
        place,
        object: false,
    }
}

/// The token after a named entity's phrase (its tokens `ti..te`): past
/// actor nouns and a possessive before one ("Thailand's army"); and a
/// nationality or country before a noun is that noun's: "two U.S.
/// missionaries", "a Salvadoran air force helicopter", "Ukrainian
/// positions" (up to three lowercase words, not past a function word, a
/// verb form or an event word). A people named in the plural is no
/// adjective: "The Palestinians reject …", "Kurds say".
fn extend_right(
    inp: &Inputs,
    s: Sentence,
    in_sentence: &[(usize, &Entity)],
    e: &Entity,
    (ti, te): (usize, usize),
) -> usize {
    let (text, an) = (inp.text, inp.an);
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
    end_tok
}

/// The first token of a named entity's phrase (its first token `ti`):
/// back over "a (senior) member of (the)".
fn extend_left(inp: &Inputs, s: Sentence, ti: usize) -> usize {
    let (text, an) = (inp.text, inp.an);
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
    start_tok
}

/// Whether a name at token `ti` is used as a place: "in Syria", "in
/// eastern Syria", "in the north of Syria", or after a place and a comma,
/// "Atmeh, Syria" (`last`: the phrase before it).
fn used_as_place(inp: &Inputs, s: Sentence, ti: usize, last: Option<&Chunk>) -> bool {
    let ws = Words { inp, s };
    let tw = |k: usize| ws.tw(k);
    let prep_before = (1..=3).any(|b| {
        ti >= s.tokens.0 + b
            && PLACE_PREPS.contains(&tw(ti - b).as_str())
            && (1..b).all(|c| PLACE_MODIFIERS.contains(&tw(ti - c).as_str()))
    });
    let after_place = ti > s.tokens.0 + 1
        && tw(ti - 1) == ","
        && last.is_some_and(|c: &Chunk| c.place && c.span.end == inp.an.tokens[ti - 2].end);
    prep_before || after_place
}

/// Actor-dictionary phrases written in lower case ("the US-led global
/// coalition"): the longest of up to five words at each word that no
/// phrase already covers.
fn dictionary_chunks(inp: &Inputs, s: Sentence, caseless: bool, out: &mut Vec<Chunk>) {
    let (text, an) = (inp.text, inp.an);
    let toks = &an.tokens[s.tokens.0..s.tokens.1];
    let all_caps = !text[s.start..s.end].chars().any(char::is_lowercase);
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
            // Where case says nothing (a sentence in lower or upper case
            // only), a function word is only itself ("IS THE SECOND
            // MAYOR", "WE DEMAND"), never a short name.
            let function_word = len == 1
                && (caseless || all_caps)
                && NOT_MODIFIED.contains(&first.to_lowercase().as_str());
            if !wordy(first) || !wordy(last) || len == 1 && !capital || function_word {
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
}

/// Things attacked: "a police station", "an electric power substation",
/// "two buses" (the noun and up to three modifiers before it; the sector
/// of an actor noun among them: "army barracks" MIL).
fn object_chunks(inp: &Inputs, s: Sentence, out: &mut Vec<Chunk>) {
    let text = inp.text;
    let toks = &inp.an.tokens[s.tokens.0..s.tokens.1];
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
}

/// Unnamed participants: "police", "three men", "hundreds of residents",
/// with the sector of the noun or of a modifier ("a police patrol").
fn unnamed_chunks(inp: &Inputs, s: Sentence, out: &mut Vec<Chunk>) {
    let text = inp.text;
    let toks = &inp.an.tokens[s.tokens.0..s.tokens.1];
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
        if after_name(inp, toks, k) {
            continue;
        }
        let mut first = k;
        while first > 0 && {
            let p = toks[first - 1].text(text).to_lowercase();
            let before = (first > 1).then(|| toks[first - 2].text(text).to_lowercase());
            describes_unnamed(&p, before.as_deref())
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
}

/// "CENTCOM forces", "(SDF) fighters": a noun right after a name belongs
/// to that name. (A capital that only starts the sentence, "Unidentified
/// gunmen", "Two soldiers", is not a name; a miscellaneous name that takes
/// no part, "Islamic fundamentalists", leaves the noun its own.)
fn after_name(inp: &Inputs, toks: &[Token], k: usize) -> bool {
    let text = inp.text;
    k > 0 && {
        let p = toks[k - 1];
        p.text(text) == ")"
            || p.text(text)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
                && inp
                    .ents
                    .within(p.span())
                    .next()
                    .is_some_and(|(i, e)| e.kind != EntityType::Misc || coded(inp, i))
    }
}

/// Whether the lowercase word `p` before an unnamed participant belongs to
/// its phrase (`before`: the word before `p`): a count, "hundreds of" or "a
/// group of" (not "the killing of people"), an alliance ("the Saudi-led
/// coalition", "Russian-backed separatists", "pro-government militias"),
/// or a word that describes such groups.
fn describes_unnamed(p: &str, before: Option<&str>) -> bool {
    let of_count = p == "of"
        && before.is_some_and(|b| {
            matches!(
                b,
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
            )
        });
    let allied = ["-led", "-backed", "-allied", "-aligned", "-affiliated"]
        .iter()
        .any(|x| p.ends_with(x))
        || p.starts_with("pro-");
    number_of(p).is_some()
        || of_count
        || allied
        || matches!(
            p,
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
}

/// Pronouns, as the nearest fitting phrase before them: "they" and "it"
/// an organisation, "he" and "she" a person, in this sentence; else from
/// `prev`, the previous sentence's phrases.
fn pronoun_chunks(inp: &Inputs, s: Sentence, prev: &[Chunk], out: &mut Vec<Chunk>) {
    let text = inp.text;
    for t in &inp.an.tokens[s.tokens.0..s.tokens.1] {
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
pub(crate) fn government_of_capital(inp: &Inputs, p: &Place) -> Option<Actor> {
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
