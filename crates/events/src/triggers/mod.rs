//! Trigger mentions of a sentence: the trigger lexicon, the phrase rules of
//! each family (in the submodules), and the dictionary reading of a sentence
//! where the triggers make no event with a participant.

use crate::arguments::{arguments, weapons};
use crate::lexicon::{Class, Def, Pos};
use crate::reading::{cameo_trigger, named_clause, reading_gate, speaker_as_doer, visited_capital};
use crate::triggers::coercion::{arrest_phrase, disrupted_weapons, imposed_restriction};
use crate::triggers::diplomacy::{met_as_satisfied, signed_agreement};
use crate::triggers::forces::{forces_withdrawn, took_territory};
use crate::triggers::protest::{
    blocked_passage, demonstrated, dispersed_crowd, gathered_in_protest,
};
use crate::triggers::violence::{
    armed_firing, attempted_assassination, blew_self_up, defaced_sites, fired_at, passive_attack,
    set_fire, struck_by, threw_explosive,
};
use crate::vocabulary::{
    is_adverb, is_generic_actor, is_weapon_noun, DETERMINERS, GOING_ON, SUPPORT_VERBS,
};
use crate::{classify, lexicon, number_of, Chunk, Cue, Inputs, Mention};
use mode::mode_of;
use sitrep_core::{Mode, Role, Span};
use sitrep_text::Sentence;

mod coercion;
mod diplomacy;
mod forces;
mod mode;
mod protest;
mod violence;

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
pub(crate) fn triggers(
    inp: &Inputs,
    si: usize,
    w: &[String],
    chunks: &[Chunk],
    cues: &[Cue],
) -> Vec<Mention> {
    let s = inp.an.sentences[si];
    let mut out = triggers_with(inp, si, w, chunks, cues, None);
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
        .sentence_reading_cased(w, &caps)
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
        let extra = triggers_with(inp, si, w, chunks, cues, Some(r));
        for m in extra {
            if !out
                .iter()
                .any(|o| o.trig.start < m.trig.end && m.trig.start < o.trig.end)
            {
                // "Israel completed a troop withdrawal": the reading's
                // mention, with its doer, stands for a bare trigger of the
                // same category.
                out.retain(|o| {
                    m.actors.is_empty()
                        || o.def.plover.0 != m.def.plover.0
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
    let mut out: Vec<Mention> = Vec::new();
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
        let listed = by_reading
            .map(|(_, n, def)| (n, Pos::Verb, def))
            .or_else(|| lexicon::lookup(&w[k], w.get(k + 1).map(|x| x.as_str())))
            .or_else(|| phrase_rule(inp, s, w, k));
        let Some(found) = trigger_at(inp, si, w, k, chunks, listed, &mut sent_probs) else {
            k += 1;
            continue;
        };
        let (len, pos, def) = (found.len, found.pos, found.def);
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
        if describes_not_reports(w, k, pos, prev)
            || modifies_next_noun(w, k, pos)
            || compares_since(w, k, prev)
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
        let Some((definite, counted)) = reference(inp, s, w, (k, len), pos, def) else {
            continue;
        };
        let mut m = Mention {
            sent: si,
            trig,
            def,
            head: lexicon::singular(word),
            definite,
            distinct: told_as_distinct(w, k - len),
            mode: mode_of(inp, s, w, (k, len)),
            actors: Vec::new(),
            place: None,
            names_place: false,
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
        if keep_mention(inp, si, chunks, cues, &mut m, reading, &found, word) {
            out.push(m);
        }
    }
    out
}

/// A trigger found at a word: its length in words, part of speech and
/// definition, and whether it came from a passive or the CAMEO dictionary.
struct Found {
    len: usize,
    pos: Pos,
    def: Def,
    from_passive: bool,
    from_cameo: bool,
}

/// The phrase rules, family by family, for triggers the lexicon's two-word
/// keys cannot hold, tried in order at word `k`: (length, part of speech,
/// definition).
fn phrase_rule(inp: &Inputs, s: Sentence, w: &[String], k: usize) -> Option<(usize, Pos, Def)> {
    let (text, an) = (inp.text, inp.an);
    struck_by(w, k)
        .map(|d| (1, Pos::Verb, d))
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
        .or_else(|| blocked_passage(w, k).map(|d| (1, Pos::Verb, d)))
}

/// The trigger at word `k`: what the lexicon or a phrase rule `listed`;
/// else a passive attack verb ("was shot"), "set off" a device, an active
/// "shot" with a participant right after it; else a CAMEO dictionary verb.
fn trigger_at(
    inp: &Inputs,
    si: usize,
    w: &[String],
    k: usize,
    chunks: &[Chunk],
    mut listed: Option<(usize, Pos, Def)>,
    sent_probs: &mut Option<[f32; classify::NC]>,
) -> Option<Found> {
    let s = inp.an.sentences[si];
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
        let next = inp.an.tokens.get(s.tokens.0 + k + 1).map(|t| t.start);
        if next.is_some_and(|at| {
            chunks
                .iter()
                .any(|c| c.span.start == at && !c.object && !c.place)
        }) {
            listed = Some((1, Pos::Verb, lexicon::attack_def(Some("firearms"))));
        }
    }
    let from_cameo = listed.is_none();
    let (len, pos, def) = listed.or_else(|| cameo_trigger(inp, si, w, k, sent_probs))?;
    Some(Found {
        len,
        pos,
        def,
        from_passive,
        from_cameo,
    })
}

/// A participle used as an adjective describes, it does not report:
/// "rescued 15 kidnapped villagers", "the wounded soldiers" (`k`: the word
/// after the trigger).
fn describes_not_reports(w: &[String], k: usize, pos: Pos, prev: &str) -> bool {
    pos == Pos::Verb
        && (number_of(prev).is_some() || DETERMINERS.contains(&prev))
        && w.get(k).is_some_and(|x| is_generic_actor(x))
}

/// "The deadliest attack in the city since a bombing killed 60": a
/// superlative measured against an earlier incident compares the story's
/// event with it and is no event of its own (the incident after "since"
/// is one, told as background).
fn compares_since(w: &[String], k: usize, prev: &str) -> bool {
    matches!(
        prev,
        "deadliest" | "bloodiest" | "worst" | "biggest" | "largest" | "heaviest" | "fiercest"
    ) && w[k..].iter().any(|x| x == "since")
}

/// A trigger noun that only modifies the next noun (word `k`) is no event:
/// "riot police", "protest movement", "attack helicopters", "strike group".
fn modifies_next_noun(w: &[String], k: usize, pos: Pos) -> bool {
    pos == Pos::Noun
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
}

/// How the trigger (the `len` words before word `k`) refers: whether it is
/// definite ("the attack", "the Boston Marathon bombing", "a death toll of
/// 11") and whether it is counted ("two attacks", "twin blasts", "a series
/// of explosions"). None for a bare plural, which is generic ("joint
/// raids", "future attacks"), unless someone carried it out ("staged
/// rallies", "carried out airstrikes", "held large peaceful rallies") or it
/// did something ("air strikes killed 12").
fn reference(
    inp: &Inputs,
    s: Sentence,
    w: &[String],
    (k, len): (usize, usize),
    pos: Pos,
    def: Def,
) -> Option<(bool, bool)> {
    let text = inp.text;
    let prev = if k - len > 0 {
        w[k - len - 1].as_str()
    } else {
        ""
    };
    let prev2 = if k - len > 1 {
        w[k - len - 2].as_str()
    } else {
        ""
    };
    let word = w[k - 1].as_str();
    let plural =
        pos == Pos::Noun && word != lexicon::singular(word) && !matches!(word, "talks" | "clashes");
    // A determiner before the trigger, also past a name or a year
    // ("the Boston Marathon bombing", "the 2013 attacks", "Saturday's attack").
    let name_run = {
        let mut j = k - len;
        let mut n = 0;
        while j > 0 && n < 4 && {
            let t = inp.an.tokens[s.tokens.0 + j - 1].text(text);
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
    let counted = number_of(prev).is_some() && prev != "a" && prev != "an"
        || matches!(prev, "twin" | "double" | "triple")
        || prev == "of" && matches!(prev2, "series" | "wave" | "string");
    // "staged mass demonstrations": up to two lowercase modifiers between
    // the support verb and its noun.
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
        return None;
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
    Some((definite, counted))
}

/// Told as another incident or an earlier one: "since", "after",
/// "another", "a second" within four words before the trigger (its first
/// word `first`), or a sentence opening "Separately".
fn told_as_distinct(w: &[String], first: usize) -> bool {
    w[first.saturating_sub(4)..first].iter().any(|x| {
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
    }) || w.first().is_some_and(|x| x == "separately")
}

/// After its arguments: the weapons of a violent mention, and the gates a
/// mention passes to be kept. A dictionary verb is an event only when
/// asserted, right after its named subject, with another named
/// participant ("Norway deported …", not "critics accused", "seeking to
/// attack", "the failed embargo"); a reading's mention has the speaker as
/// doer and must pass [`reading_gate`]; a passive "shot"/"hit" needs a
/// participant ("a soldier was shot", not "the film was shot"); a rally
/// needs people ("thousands rallied", not "oil rallied in London").
#[allow(clippy::too_many_arguments)]
fn keep_mention(
    inp: &Inputs,
    si: usize,
    chunks: &[Chunk],
    cues: &[Cue],
    m: &mut Mention,
    reading: Option<classify::Reading>,
    found: &Found,
    word: &str,
) -> bool {
    if m.def.plover.0 == "ASSAULT" {
        weapons(inp, si, m);
    }
    // "A suicide bomber killed 14": the weapon is in who did it.
    if matches!(m.def.kind, "attack" | "killing" | "clash") {
        let doer = m
            .actors
            .iter()
            .find(|(r, _)| *r == Role::Actor1)
            .map(|(_, c)| inp.text[c.span.start..c.span.end].to_lowercase());
        if let Some(d) = doer.as_deref().and_then(lexicon::weapon_of_doer) {
            m.def = Def {
                class: m.def.class,
                ..d
            };
        }
    }
    if found.from_cameo && !(m.mode == Mode::Asserted && named_clause(inp, m)) {
        return false;
    }
    if reading.is_some() {
        speaker_as_doer(inp, si, chunks, cues, m);
    }
    // "arrived in Amman on a visit": a visit to a national capital is
    // one to its country, as CAMEO's dictionaries code the capital.
    if reading.is_some()
        && m.def.plover.0 == "CONSULT"
        && m.actors.iter().all(|(r, _)| *r == Role::Actor1)
    {
        if let Some(host) = visited_capital(inp, m) {
            m.actors.push((Role::Actor2, host));
        }
    }
    if reading.is_some_and(|r| !reading_gate(inp, m, r)) {
        return false;
    }
    if found.from_passive && m.actors.is_empty() {
        return false;
    }
    !(m.def.kind == "protest" && word.starts_with("rall") && m.actors.is_empty())
}

/// Words that are no modifier between a support verb and its noun.
const MODIFIER_STOPS: &[&str] = &[
    "to", "and", "or", "of", "in", "on", "at", "by", "for", "with", "from", "that", "which", "who",
    "not", "no", "more", "new", "joint", "future", "further", "possible", "planned",
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

/// Whether one of `nouns` is among the `n` words after word `k`.
pub(crate) fn noun_within(w: &[String], k: usize, n: usize, nouns: &[&str]) -> bool {
    w[k + 1..(k + 1 + n).min(w.len())]
        .iter()
        .any(|x| nouns.contains(&x.as_str()))
}

/// Whether the participle at token `first` follows a form of "be", maybe
/// past an adverb or two ("was detained", "were reportedly killed", "was
/// also shot"); `floor` is the sentence's first token.
pub(crate) fn passive_before(word: impl Fn(usize) -> String, first: usize, floor: usize) -> bool {
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
