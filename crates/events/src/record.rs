//! An event record from its merged mentions: its type, participants, claims,
//! disputes, place, date, toll and evidence.

use crate::acled::{acled_type, ARMED_NOUNS};
use crate::lexicon::Class;
use crate::merge::{max_count, specificity, Acc};
use crate::Inputs;
use chrono::Duration;
use sitrep_actors::sector_of_noun;
use sitrep_core::{
    Acled, ActorRef, Claim, Dispute, Event, EventDate, Evidence, FieldSpan, Mode, Plover,
    Precision, Role, Span,
};
use std::collections::HashSet;

pub(crate) fn finish(inp: &Inputs, n: usize, acc: Acc) -> Event {
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
