//! An event's place and date ([`event_place`], [`event_date`]): the place
//! and the date its own clause names, never a dateline's place or a
//! reporting verb's date ("reported Friday"), with a country named for its
//! capital read as the capital.

use crate::participants::PLACE_MODIFIERS;
use crate::{Chunk, Cue, Inputs};
use sitrep_core::{Mode, Place, Span, TimeExpr, TimexType};
use sitrep_text::Sentence;
use std::collections::HashSet;

/// The event's place: the most precise place after the trigger in its
/// clause (up to `right_limit`), else before it back to the last cue; a
/// country named for its capital is the capital. A place inside a
/// participant's name ("the Syrian army") is no place.
pub(crate) fn event_place(
    inp: &Inputs,
    chunks: &[Chunk],
    cues: &[Cue],
    s: Sentence,
    trig: Span,
    right_limit: usize,
) -> (Option<Place>, bool) {
    let text = inp.text;
    let named = std::cell::Cell::new(false);
    let places_in = |a: usize, b: usize| -> Vec<&Place> {
        let from = inp.places.partition_point(|p| p.start < a);
        inp.places[from..]
            .iter()
            .take_while(|p| p.start < b)
            .filter(|p| p.end <= b)
            .filter(|p| !chunks.iter().any(|c| !c.place && c.span.contains(p.span())))
            .filter(|p| {
                named.set(true);
                locative(inp, s, p, Some(trig))
            })
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
    let place = pick(places_in(trig.end, right_limit.max(trig.end))).or_else(|| {
        let clause_start = cues
            .iter()
            .filter(|c| c.at < trig.start && !c.according)
            .map(|c| c.at)
            .max()
            .unwrap_or(s.start);
        pick(places_in(clause_start, trig.start))
    });
    let place = place.map(|p| capital_meant(inp, &p).unwrap_or(p));
    (place, named.get())
}

/// Prepositions that say where something happened: "in Karak", "near the
/// border", "on Kabul", "off Somalia". Not "from" or "to": an origin or a
/// destination is not where the event took place.
const WHERE_PREPS: &[&str] = &[
    "in",
    "near",
    "at",
    "inside",
    "outside",
    "across",
    "around",
    "throughout",
    "within",
    "into",
    "on",
    "over",
    "off",
    "along",
    "between",
    "and",
];

/// Nouns whose "of" introduces where: "the outskirts of Kabul", "the town
/// of Karak", "30 km north of Aleppo".
const AREA_NOUNS: &[&str] = &[
    "outskirts",
    "suburbs",
    "suburb",
    "city",
    "town",
    "village",
    "villages",
    "hamlet",
    "province",
    "provinces",
    "department",
    "departments",
    "region",
    "district",
    "municipality",
    "state",
    "governorate",
    "capital",
    "centre",
    "center",
    "heart",
    "streets",
    "area",
    "areas",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "jurisdiction",
    "countryside",
    "port",
    "border",
    "neighbourhood",
    "neighborhood",
    "neighbourhoods",
    "neighborhoods",
    "quarter",
    "camp",
    "island",
    "coast",
];

/// Whether place `p` is named as where something happened: after a
/// locative preposition ("in Karak", "in the southern city of Karak",
/// "near the town of Karak"), after another such place and a comma
/// ("Karak, Jordan"), or as the modifier of the trigger noun ("the Karak
/// attack"). A place named otherwise is a participant's nationality or
/// home ("U.S. Ambassador", "Canadian tourist"), an origin or a
/// destination, or a topic, and says nothing of where the event was.
fn locative(inp: &Inputs, s: Sentence, p: &Place, trig: Option<Span>) -> bool {
    let toks = &inp.an.tokens[s.tokens.0..s.tokens.1];
    let ti = toks.partition_point(|t| t.start < p.start);
    let w = |i: usize| toks[i].text(inp.text).to_lowercase();
    // Back over "the", "a", "southern", "the city of", ...
    let mut i = ti;
    let mut via_of = false;
    while i > 0 {
        let prev = w(i - 1);
        if PLACE_MODIFIERS.contains(&prev.as_str()) {
            i -= 1;
        } else if prev == "of" && i >= 2 && AREA_NOUNS.contains(&w(i - 2).as_str()) {
            via_of = true;
            i -= 2;
        } else {
            break;
        }
    }
    if via_of {
        return true;
    }
    if i == 0 {
        // A sentence opening with the place ("Karak, Jordan" lines; "Kabul
        // was shaken"): only as the trigger's modifier.
        return trig
            .is_some_and(|t| p.end <= t.start && words_between(inp.text, p.end, t.start) == 0);
    }
    let prev = w(i - 1);
    if WHERE_PREPS.contains(&prev.as_str()) {
        return true;
    }
    // What the attack struck: "shelled Aleppo", "assault Omaha Beach".
    if trig.is_some_and(|t| toks[i - 1].end == t.end) {
        return true;
    }
    // "Karak, Jordan": the country after a place; "Syria's Idlib
    // province": a place within a place.
    if matches!(prev.as_str(), "," | "'s" | "’s") && i >= 2 {
        let before = toks[i - 2].end;
        if inp.places.iter().any(|q| q.end == before) {
            return true;
        }
    }
    // "the Karak attack", "Sunday's Kabul bombing".
    let determiner = matches!(prev.as_str(), "the" | "a" | "an" | "this" | "that" | "last")
        || prev.ends_with("'s")
        || prev.ends_with("’s");
    determiner
        && trig.is_some_and(|t| {
            p.end <= t.start
                && words_between(inp.text, p.end, t.start) <= 2
                && !inp.text[p.end..t.start].contains([',', ';', '.'])
        })
}

fn words_between(text: &str, a: usize, b: usize) -> usize {
    text.get(a..b)
        .map_or(usize::MAX, |t| t.split_whitespace().count())
}

/// The places an event record falls back on when its sentences name none,
/// found once per document: the dateline's place, for the lead; a place
/// named as where something happened earlier in the event's paragraph;
/// and the story's focus country, for any other event.
pub(crate) struct StoryPlaces {
    dateline: Option<(Place, usize)>,
    focus: Option<Place>,
    /// Places named as where something happened ("in Barranquilla"), with
    /// their sentence and its paragraph, in text order.
    local: Vec<(usize, usize, Place)>,
    /// The paragraph of each sentence.
    paragraph: Vec<usize>,
}

impl StoryPlaces {
    pub(crate) fn of(inp: &Inputs) -> StoryPlaces {
        let paragraph = paragraphs(inp);
        let mut local = Vec::new();
        let mut si = 0;
        for p in inp.places {
            let sents = &inp.an.sentences;
            while si < sents.len() && sents[si].end <= p.start {
                si += 1;
            }
            if si == sents.len() {
                break;
            }
            if p.start >= sents[si].start
                && !in_dateline(inp.text, p.start)
                && locative(inp, sents[si], p, None)
            {
                let mut place = p.clone();
                place.basis = Some("context".into());
                local.push((si, paragraph[si], place));
            }
        }
        StoryPlaces {
            dateline: dateline_place(inp),
            focus: story_focus(inp),
            local,
            paragraph,
        }
    }

    /// The place of an event told in sentences `sents` whose sentences name
    /// none: the dateline's place when one of them is the lead the dateline
    /// opens (the lead's event happened where its dateline says); else the
    /// last place named as a scene earlier in the paragraph of its first
    /// sentence ("an attack in Barranquilla. Residents are shaken by the
    /// car bomb"), with basis "context"; else the story's focus country.
    /// (Placing every event at the dateline would guess a town the text
    /// does not tie to it: a dateline names where the report was filed.)
    pub(crate) fn fallback(&self, sents: impl Iterator<Item = usize>) -> Option<Place> {
        let sents: Vec<usize> = sents.collect();
        let first = sents.iter().copied().min()?;
        if let Some((p, _)) = self
            .dateline
            .as_ref()
            .filter(|(_, lead)| sents.contains(lead))
        {
            return Some(p.clone());
        }
        let para = self.paragraph.get(first).copied();
        self.local
            .iter()
            .rev()
            .find(|(si, pa, _)| *si < first && Some(*pa) == para)
            .map(|(_, _, p)| p.clone())
            .or_else(|| self.focus.clone())
    }
}

/// The paragraph of each sentence: a new one starts after a blank line or
/// at an indented line.
fn paragraphs(inp: &Inputs) -> Vec<usize> {
    let mut out = Vec::with_capacity(inp.an.sentences.len());
    let (mut n, mut prev_end) = (0, 0);
    for s in &inp.an.sentences {
        let gap = inp.text.get(prev_end..s.start).unwrap_or("");
        if prev_end > 0 && (gap.contains("\n\n") || gap.contains("\n ") || gap.contains("\n\t")) {
            n += 1;
        }
        out.push(n);
        prev_end = s.end;
    }
    out
}

/// The place of the story's dateline ("SAN SALVADOR, 3 JAN 90 --", "KYIV,
/// Ukraine (AP) —"), where the report was filed, with the sentence it
/// opens: the first place the story names inside a dateline.
fn dateline_place(inp: &Inputs) -> Option<(Place, usize)> {
    let p = inp.places.iter().find(|p| in_dateline(inp.text, p.start))?;
    let si = inp
        .an
        .sentences
        .iter()
        .position(|s| s.start <= p.start && p.start < s.end)?;
    let mut place = p.clone();
    place.basis = Some("dateline".into());
    Some((place, si))
}

/// The story's focus country, the fallback place of an event whose
/// sentences name none: the country in which the story names the most
/// distinct places (its dateline's too); on a tie, the one named first. It
/// is a place of country precision (3) with basis "story", at the story's
/// first mention of that country, or else of a place in it.
fn story_focus(inp: &Inputs) -> Option<Place> {
    // (Country, names, first mention.) A name counts once: one homonym
    // told again and again ("San Francisco Javier" read in Mexico) does not
    // outweigh a story's several places. (A set keeps this linear in the
    // number of mentions.)
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    let mut seen: HashSet<(&str, String)> = HashSet::new();
    for (i, p) in inp.places.iter().enumerate() {
        let Some(cc) = p.country_code.as_deref() else {
            continue;
        };
        if !seen.insert((cc, sitrep_geo::normalize(&p.text))) {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == cc) {
            Some(c) => c.1 += 1,
            None => counts.push((cc, 1, i)),
        }
    }
    let (cc, _, _) = counts
        .iter()
        .max_by_key(|c| (c.1, std::cmp::Reverse(c.2)))
        .copied()?;
    let in_country = || {
        inp.places
            .iter()
            .filter(move |p| p.country_code.as_deref() == Some(cc))
    };
    let mention = in_country()
        .find(|p| p.feature.as_deref().is_some_and(|f| f.starts_with("PCL")))
        .or_else(|| in_country().next())?;
    let country = inp.gaz.entry(inp.gaz.country(cc)?);
    let mut place = sitrep_geo::to_place(inp.gaz, inp.text, mention.span(), country, None, 3);
    place.basis = Some("story".into());
    Some(place)
}

/// The event's date: the nearest date in the sentence that is not a
/// reporting verb's, on the trigger's side of a fronted phrase's end.
/// What is told as done did not happen after the story was written: in
/// "despite his arrest, he will play on Sunday" Sunday is not the arrest's
/// date.
pub(crate) fn event_date(
    inp: &Inputs,
    cues: &[Cue],
    s: Sentence,
    trig: Span,
    phrase_end: usize,
    mode: Mode,
) -> Option<TimeExpr> {
    let from = inp.times.partition_point(|t| t.start < s.start);
    inp.times[from..]
        .iter()
        .take_while(|t| t.start < s.end)
        .filter(|t| t.end <= s.end && t.kind == TimexType::Date && t.start_date.is_some())
        .filter(|t| t.start < phrase_end || trig.start > phrase_end)
        .filter(|t| !is_reporting_time(inp, cues, t))
        .filter(|t| {
            !matches!(mode, Mode::Asserted | Mode::Negated)
                || !matches!((t.start_date, inp.dct), (Some(start), Some(d)) if start > d)
        })
        .min_by_key(|t| {
            if t.start >= trig.end {
                t.start - trig.end
            } else {
                trig.start - t.end
            }
        })
        .cloned()
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
