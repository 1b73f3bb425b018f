//! Casualty counts ([`casualties`]): the number of dead and wounded that an
//! outcome word ("killed", "wounded", "death toll") tells, counted after it
//! or before it.

use crate::{number_of, words_at_most, Chunk, Inputs, Mention, Words};
use sitrep_core::EntityType;

/// People counted in a toll: "two persons", "a policeman" (were killed).
pub(crate) const COUNTED_NOUNS: &[&str] = &[
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

impl Words<'_> {
    /// The first token from `i` past quotes and hedges ("at least", "more
    /// than", "nearly", "another").
    fn skip_hedges(&self, mut i: usize) -> usize {
        while i < self.s.tokens.1
            && matches!(
                self.tw(i).as_str(),
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
    }
}

/// Casualty counts around the outcome words of the mention's sentence: the
/// highest count of dead becomes its fatalities, of wounded its injuries.
pub(crate) fn casualties(inp: &Inputs, si: usize, chunks: &[Chunk], m: &mut Mention) {
    let ws = Words {
        inp,
        s: inp.an.sentences[si],
    };
    for i in ws.s.tokens.0..ws.s.tokens.1 {
        let w = ws.tw(i);
        let Some(kill) = outcome(&w, &ws.tw(i + 1)) else {
            continue;
        };
        let at = inp.an.tokens[i].span();
        let n = count_after(&ws, chunks, i, &w, kill).or_else(|| count_before(&ws, i));
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

/// Whether a word tells deaths (`Some(true)`: "killed", "dead", "gunned
/// down", "toll") or injuries (`Some(false)`: "wounded", "hurt"); `next` is
/// the word after it.
fn outcome(w: &str, next: &str) -> Option<bool> {
    let kill = matches!(
        w,
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
    ) || w == "gunned" && next == "down";
    let hurt = matches!(w, "injured" | "injuring" | "wounded" | "wounding" | "hurt");
    (kill || hurt).then_some(kill)
}

/// The count after the outcome word `w` at token `i`: "killed N", "killed
/// a member", "death of a", "the death toll rose to 21", "a death toll of
/// 14"; else the people named right after it ("killed X and (Guatemalan
/// politician) Y": each person named), or one person within the next few
/// words ("killed senior ISIS member X").
fn count_after(ws: &Words, chunks: &[Chunk], i: usize, w: &str, kill: bool) -> Option<u32> {
    let (text, an, s) = (ws.inp.text, ws.inp.an, ws.s);
    let tw = |k: usize| ws.tw(k);
    let mut j = ws.skip_hedges(i + 1);
    if matches!(w, "death" | "murder") && tw(i + 1) == "of" || w == "gunned" {
        j = ws.skip_hedges(i + 2);
    }
    let mut n = count_at(&tw, j);
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
    if n.is_some() {
        return n;
    }
    if let Some(c) = chunks
        .iter()
        .find(|c| c.kind == EntityType::Per && an.token_at(c.span.start) == j)
    {
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
        return Some(count);
    }
    if kill && w != "dead" {
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
            return Some(1);
        }
    }
    None
}

/// The count before the outcome word at token `i`: "N people were
/// killed", "14 people dead", "and 40 wounded", "20 were killed" (right
/// before the word only a number that is not "a"/"an"); "a dozen", "two
/// hundred"; "Two soldiers and a policeman were killed": each counted
/// group joined by "and" or a comma; "Hundreds of people were killed",
/// "dozens of others hurt".
fn count_before(ws: &Words, i: usize) -> Option<u32> {
    let s = ws.s;
    let tw = |k: usize| ws.tw(k);
    let mut b = i;
    while b > s.tokens.0
        && (matches!(
            tw(b - 1).as_str(),
            "were" | "was" | "been" | "have" | "had" | "are" | "others"
        ) || COUNTED_NOUNS.contains(&tw(b - 1).as_str()))
    {
        b -= 1;
    }
    if !(b > s.tokens.0 && (b < i || !matches!(tw(b - 1).as_str(), "a" | "an"))) {
        return None;
    }
    let mut n = number_of(&tw(b - 1)).filter(|&x| x < 100_000);
    if matches!(tw(b - 1).as_str(), "dozen" | "hundred" | "thousand") {
        if let Some(k) = (b > s.tokens.0 + 1)
            .then(|| number_of(&tw(b - 2)))
            .flatten()
        {
            n = n.map(|x| x * k);
        }
    }
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
    if n.is_none() && b < i && tw(b - 1) == "of" && b > s.tokens.0 + 1 {
        n = count_at(&tw, b - 2).filter(|_| tw(b - 2).ends_with('s'));
    }
    n
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

/// Words that tell a toll changed: "the toll rose to 11", "bringing the
/// death toll to 11".
const TOLL_UPDATES: &[&str] = &[
    "rose",
    "risen",
    "rises",
    "rising",
    "climbed",
    "climbs",
    "reached",
    "reaches",
    "increased",
    "jumped",
    "mounted",
    "bringing",
    "raising",
    "pushing",
    "taking",
];

/// A death toll updated later in the story ("By evening the death toll had
/// risen to 11") updates the latest violent event told before it: the
/// event keeps the highest toll, the update's sentence joins its evidence,
/// and the earlier figure is kept as a dispute between the first and the
/// later report.
pub(crate) fn toll_updates(inp: &Inputs, events: &mut [sitrep_core::Event]) {
    for s in &inp.an.sentences {
        let ws = Words { inp, s: *s };
        let tw = |i: usize| ws.tw(i);
        let Some(t) = (s.tokens.0..s.tokens.1).find(|&i| tw(i) == "toll") else {
            continue;
        };
        let before = (t.saturating_sub(3).max(s.tokens.0)..t)
            .any(|i| TOLL_UPDATES.contains(&tw(i).as_str()));
        let mut found = None;
        let mut updated = before;
        for j in t + 1..(t + 9).min(s.tokens.1) {
            let w = tw(j);
            updated |= TOLL_UPDATES.contains(&w.as_str());
            if w == "to" && updated {
                let mut k = j + 1;
                while matches!(tw(k).as_str(), "at" | "least" | "more" | "than" | "over") {
                    k += 1;
                }
                found = count_at(&tw, k).map(|n| (n, k));
                break;
            }
        }
        let Some((n, k)) = found else { continue };
        let Some(e) = events
            .iter_mut()
            .filter(|e| e.plover.category == "ASSAULT")
            .filter(|e| e.evidence.first().is_some_and(|ev| ev.start < s.start))
            .filter(|e| e.mode != sitrep_core::Mode::Historical)
            .max_by_key(|e| e.evidence.last().map(|ev| ev.start))
        else {
            continue;
        };
        if e.fatalities.is_some_and(|f| f >= n) {
            continue;
        }
        let tok = inp.an.tokens[k];
        if let Some(old) = e.fatalities {
            e.disputed.push(sitrep_core::Dispute {
                field: "fatalities".into(),
                sides: vec![format!("first report: {old}"), format!("later report: {n}")],
            });
        }
        e.fatalities = Some(n);
        e.fields.retain(|f| f.field != "fatalities");
        e.fields.push(sitrep_core::FieldSpan {
            field: "fatalities".into(),
            start: tok.start,
            end: tok.end,
        });
        let ev = sitrep_core::Evidence {
            start: s.start,
            end: s.end,
        };
        if !e.evidence.contains(&ev) {
            e.evidence.push(ev);
            e.evidence.sort_by_key(|x| x.start);
        }
    }
}
