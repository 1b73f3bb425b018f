//! A mention's arguments: its participants and their roles, the things it
//! harmed and the weapons it used; its place, date, toll and claim through
//! `when_where`, `casualties` and `claims`.

use crate::casualties::casualties;
use crate::claims::claim_for;
use crate::lexicon::{Class, Pos};
use crate::triggers::passive_before;
use crate::vocabulary::{
    is_generic_actor, is_weapon_noun, modifier_word, GOING_ON, NOT_MODIFIED, SUPPORT_VERBS,
};
use crate::when_where::{capital_meant, in_dateline, is_reporting_time};
use crate::{classify, number_of, words_at_most, Chunk, Cue, Inputs, Mention};
use sitrep_actors::Actor;
use sitrep_core::{EntityType, Mode, Place, Role, Span, TimexType};

/// Fills a mention's participants, place, date, casualties and claim.
#[allow(clippy::too_many_arguments)]
pub(crate) fn arguments(
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

/// Heads that are weapons only after a word for explosives ("an explosive
/// device", "a dynamite charge").
const CHARGE_NOUNS: &[&str] = &["device", "devices", "charge", "charges"];

/// The weapons named in a violent event's sentence: a weapon noun with up
/// to two modifiers before it ("a powerful car bomb", "two dynamite
/// charges"), or the trigger itself when it names one ("rockets").
pub(crate) fn weapons(inp: &Inputs, si: usize, m: &mut Mention) {
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
