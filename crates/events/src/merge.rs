//! Mentions into events: outcomes and anaphors join the attack of their
//! sentence; across sentences a compatible report joins the event it tells.

use crate::lexicon::{Class, Def};
use crate::record::finish;
use crate::when_where::StoryPlaces;
use crate::{Inputs, Mention};
use chrono::{Duration, NaiveDate};
use sitrep_core::{Event, Mode, Precision, Role, Span, TimeExpr};
use std::collections::{HashMap, HashSet};

fn is_violent(d: &Def) -> bool {
    d.plover.0 == "ASSAULT"
}

/// Within a sentence: outcomes and anaphors join the attack they belong to.
pub(crate) fn merge_in_sentence(ms: &mut Vec<Mention>) {
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
    // (The attack keeps its own mode: an outcome told as unreal does not
    // unmake what was done, "attacked the convoy in a bid to kill the
    // governor", "the priests who were assassinated, in a murder no one
    // knew who had planned".)
}

pub(crate) fn max_count(a: Option<(u32, Span)>, b: Option<(u32, Span)>) -> Option<(u32, Span)> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 > x.0 { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// Specificity of an event kind (lower = more specific).
pub(crate) fn specificity(kind: &str) -> u8 {
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

pub(crate) fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn interval(t: &TimeExpr) -> Option<(NaiveDate, NaiveDate)> {
    Some((t.start_date?, t.end_date?))
}

/// An event under construction, with what merging compares kept up to date.
pub(crate) struct Acc {
    pub(crate) mentions: Vec<Mention>,
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
    pub(crate) fn date(&self) -> Option<&TimeExpr> {
        self.date.as_ref()
    }
    /// Told as background: it ended two months or more before the story,
    /// or in a past year named as a whole ("last year", "in 2013").
    pub(crate) fn historical(&self, dct: Option<NaiveDate>) -> bool {
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

pub(crate) fn compatible(acc: &Acc, m: &Mention) -> bool {
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

/// The document's events from its mentions, in text order; `story` holds
/// the places of events whose sentences name none.
pub(crate) fn build_events(
    inp: &Inputs,
    mentions: Vec<Mention>,
    story: &StoryPlaces,
) -> Vec<Event> {
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
            || m.place.is_some()
            || m.names_place;
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
    let accs = fold_unplaced(accs);
    accs.into_iter()
        .enumerate()
        .map(|(n, a)| finish(inp, n, a, story))
        .collect()
}

/// One record per incident: violence told with neither place nor date of
/// its own ("the murder of the priests", "the attack was condemned") is a
/// further report of a violent event of the same story that has them, the
/// nearest before it (else after it), when the two are compatible; it
/// stays an event of its own only where the story has no such event.
fn fold_unplaced(accs: Vec<Acc>) -> Vec<Acc> {
    let bare = |a: &Acc| {
        let m = &a.mentions[0];
        is_violent(&m.def)
            && !m.distinct
            && a.mentions
                .iter()
                .all(|m| m.place.is_none() && m.time.is_none())
    };
    let is_bare: Vec<bool> = accs.iter().map(bare).collect();
    // Each event's named participants, and who did it, named or not
    // ("police", "a mob"), found once.
    let named: Vec<HashSet<&str>> = accs
        .iter()
        .map(|x| {
            x.participants
                .iter()
                .filter(|(_, (n, _))| *n)
                .map(|(id, _)| id.as_str())
                .collect()
        })
        .collect();
    let by: Vec<HashSet<&str>> = accs
        .iter()
        .map(|x| {
            x.mentions
                .iter()
                .flat_map(|m| &m.actors)
                .filter(|(r, _)| *r == Role::Actor1)
                .map(|(_, c)| c.actor.canonical.as_str())
                .collect()
        })
        .collect();
    let mut into: Vec<Option<usize>> = vec![None; accs.len()];
    for (i, a) in accs.iter().enumerate() {
        if !is_bare[i] {
            continue;
        }
        // Nothing of its own that tells another incident: no doer other
        // than the event's, and where both name participants, one they
        // share.
        let mine = &named[i];
        let ok = |j: &usize| {
            let b = &accs[*j];
            let theirs = &named[*j];
            !is_bare[*j]
                && a.mentions.iter().all(|m| compatible(b, m))
                && (a.doers.is_empty() || b.doers.is_empty() || !a.doers.is_disjoint(&b.doers))
                && by[i].is_subset(&by[*j])
                && (mine.is_empty() || theirs.is_empty() || !mine.is_disjoint(theirs))
        };
        into[i] = (0..i)
            .rev()
            .find(ok)
            .or_else(|| (i + 1..accs.len()).find(ok));
    }
    let mut slots: Vec<Option<Acc>> = accs.into_iter().map(Some).collect();
    for i in 0..slots.len() {
        if let Some(j) = into[i] {
            let a = slots[i].take().expect("each folded once");
            let target = slots[j].as_mut().expect("targets are never folded");
            for m in a.mentions {
                target.push(m);
            }
        }
    }
    slots.into_iter().flatten().collect()
}
