//! An event record from its merged mentions ([`finish`]): its type, claims,
//! participants (one entry per actor, with the claims that name it), date,
//! place, toll (the lowest where sources differ), mode, the disputes
//! between claims, and its evidence sentences and field spans.

use crate::acled::event_acled;
use crate::lexicon::Class;
use crate::merge::{max_count, specificity, Acc};
use crate::reading::SPEECH_ACTS;
use crate::when_where::StoryPlaces;
use crate::{Inputs, Mention};
use chrono::Duration;
use sitrep_actors::sector_of_noun;
use sitrep_core::{
    ActorRef, Claim, Dispute, Event, EventDate, Evidence, FieldSpan, Mode, Place, Plover,
    Precision, Role, Span,
};
use std::collections::HashSet;

/// A count with the span that tells it.
type Count = Option<(u32, Span)>;

/// The `n`th event of the document, from its merged mentions; `story`
/// places it where its sentences name no place.
pub(crate) fn finish(inp: &Inputs, n: usize, acc: Acc, story: &StoryPlaces) -> Event {
    let main = acc
        .mentions
        .iter()
        .min_by_key(|m| (specificity(m.def.kind), m.trig.start))
        .unwrap();
    let def = main.def;
    let (claims, claim_of) = claims_of(inp, &acc.mentions);
    let (actors, unnamed) = participants(inp, &acc.mentions, &claim_of);
    let date = date_of(inp, &acc);
    // The most precise place its sentences name; else, for the lead, the
    // dateline's place; else the story's focus country. A statement (a
    // rejection, demand, accusation, promise or threat) is made where its
    // speaker is, which the story need not say: it takes no fallback.
    let statement = SPEECH_ACTS.contains(&def.plover.0);
    let location = acc
        .mentions
        .iter()
        .filter_map(|m| m.place.clone())
        .min_by_key(|p| p.precision)
        .map(|p| Place {
            basis: Some("text".into()),
            ..p
        })
        .or_else(|| {
            (!statement)
                .then(|| story.fallback(acc.mentions.iter().map(|m| m.sent)))
                .flatten()
        });
    let tolls = tolls_by_claim(&acc.mentions, &claim_of);
    let tolls_differ = tolls.iter().any(|t| t.1 .0 != tolls[0].1 .0);
    // Where sources differ, the event takes the lowest toll, as ACLED does
    // ("the most conservative estimate"), and the dispute names each.
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
    let fields = field_spans(
        main,
        &acc.mentions,
        &actors,
        &date,
        &location,
        (fatalities, injuries),
    );
    // Mode: asserted if any mention asserts it; historical if it ended
    // well before the story.
    let mut mode = if acc.mentions.iter().any(|m| m.mode == Mode::Asserted) {
        Mode::Asserted
    } else {
        acc.mentions[0].mode
    };
    if mode == Mode::Asserted && acc.historical(inp.dct) {
        mode = Mode::Historical;
    }
    let disputed = if claims.len() > 1 {
        disputes(
            &claims,
            &actors,
            &unnamed,
            tolls_differ.then_some(&tolls[..]),
        )
    } else {
        Vec::new()
    };
    let evidence = evidence_of(inp, &acc.mentions);
    let acled = event_acled(inp, def, &actors, fatalities.map(|x| x.0), &evidence);
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

/// The event's claims, deduplicated by source and channel, and the claim
/// of each mention; a document-voice claim when nobody is cited.
fn claims_of(inp: &Inputs, mentions: &[Mention]) -> (Vec<Claim>, Vec<Option<usize>>) {
    let mut claims: Vec<Claim> = Vec::new();
    let mut claim_of: Vec<Option<usize>> = Vec::new();
    for m in mentions {
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
        let s = inp.an.sentences[mentions[0].sent];
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
    (claims, claim_of)
}

/// The event's participants, one per canonical actor, with the claims
/// that name them, and the canonical names of the unnamed ones ("a suicide
/// bomber"), which say nothing about who did it when sources are compared.
fn participants(
    inp: &Inputs,
    mentions: &[Mention],
    claim_of: &[Option<usize>],
) -> (Vec<ActorRef>, HashSet<String>) {
    let mut actors = collect_actors(inp, mentions, claim_of);
    drop_superseded(&mut actors);
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
    let unnamed: HashSet<String> = actors
        .iter()
        .filter(|(_, generic)| *generic)
        .map(|(a, _)| a.canonical.clone())
        .collect();
    (actors.into_iter().map(|x| x.0).collect(), unnamed)
}

/// Participants in mention order, one entry per canonical actor, each
/// with whether it is generic.
fn collect_actors(
    inp: &Inputs,
    mentions: &[Mention],
    claim_of: &[Option<usize>],
) -> Vec<(ActorRef, bool)> {
    let mut actors: Vec<(ActorRef, bool)> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
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
    actors
}

/// A generic phrase ("US forces") gives way to a named actor of the same
/// country and sector on the same side; a group's generic mention ("an
/// ISIS operative") gives way to the named member ("Omar Abdul Qader").
/// The claims of a dropped actor pass to its replacement.
fn drop_superseded(actors: &mut Vec<(ActorRef, bool)>) {
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
}

/// The event's date: the date its mentions' text gives (basis "text"),
/// else the week before the document's date (basis "document").
fn date_of(inp: &Inputs, acc: &Acc) -> Option<EventDate> {
    match acc.date() {
        Some(t) => Some(EventDate {
            value: t.value.clone(),
            precision: t.precision.unwrap_or(Precision::Day),
            start_date: t.start_date.unwrap_or_default(),
            end_date: t.end_date.unwrap_or_default(),
            text: Some(t.text.clone()),
            start: Some(t.start),
            end: Some(t.end),
            basis: "text".into(),
        }),
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
    }
}

/// Each claim's death toll: its highest, as tolls rise while a story is
/// updated.
fn tolls_by_claim(mentions: &[Mention], claim_of: &[Option<usize>]) -> Vec<(usize, (u32, Span))> {
    let mut tolls: Vec<(usize, (u32, Span))> = Vec::new();
    for (m, ci) in mentions.iter().zip(claim_of) {
        if let (Some(ci), Some(f)) = (*ci, m.fatalities) {
            match tolls.iter_mut().find(|(c, _)| *c == ci) {
                Some(t) => t.1 = max_count(Some(t.1), Some(f)).unwrap_or(f),
                None => tolls.push((ci, f)),
            }
        }
    }
    tolls
}

/// Where each field came from: the trigger (type), the event's other
/// mentions ("the strike", a second report's "raid"; outcomes such as
/// "killed" are casualty evidence, not mentions), the participants, the
/// date, the place and the tolls.
fn field_spans(
    main: &Mention,
    mentions: &[Mention],
    actors: &[ActorRef],
    date: &Option<EventDate>,
    location: &Option<Place>,
    (fatalities, injuries): (Count, Count),
) -> Vec<FieldSpan> {
    let span = |field: &str, start: usize, end: usize| FieldSpan {
        field: field.into(),
        start,
        end,
    };
    let mut fields = vec![span("type", main.trig.start, main.trig.end)];
    for m in mentions {
        if !std::ptr::eq(m, main) && m.def.class != Class::Outcome && m.trig != main.trig {
            fields.push(span("mention", m.trig.start, m.trig.end));
        }
    }
    for a in actors {
        fields.push(span(&format!("actors.{}", a.role.as_str()), a.start, a.end));
    }
    if let Some(EventDate {
        start: Some(s),
        end: Some(e),
        ..
    }) = date
    {
        fields.push(span("date", *s, *e));
    }
    if let Some(p) = location {
        fields.push(span("location", p.start, p.end));
    }
    if let Some((_, sp)) = fatalities {
        fields.push(span("fatalities", sp.start, sp.end));
    }
    if let Some((_, sp)) = injuries {
        fields.push(span("injuries", sp.start, sp.end));
    }
    fields
}

/// Disputes between claims: claims that name different perpetrators, and
/// (`tolls`, when they differ) different death tolls ("20 bandits, the
/// army said" against "26 people, residents said").
fn disputes(
    claims: &[Claim],
    actors: &[ActorRef],
    unnamed: &HashSet<String>,
    tolls: Option<&[(usize, (u32, Span))]>,
) -> Vec<Dispute> {
    let mut disputed = Vec::new();
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
    if let Some(tolls) = tolls {
        disputed.push(Dispute {
            field: "fatalities".into(),
            sides: tolls
                .iter()
                .map(|(ci, (n, _))| format!("{}: {n}", claims[*ci].source))
                .collect(),
        });
    }
    disputed
}

/// The sentences of the event's mentions, in text order, once each.
fn evidence_of(inp: &Inputs, mentions: &[Mention]) -> Vec<Evidence> {
    let mut evidence: Vec<Evidence> = mentions
        .iter()
        .map(|m| inp.an.sentences[m.sent])
        .map(|s| Evidence {
            start: s.start,
            end: s.end,
        })
        .collect();
    evidence.sort_by_key(|e| e.start);
    evidence.dedup();
    evidence
}
