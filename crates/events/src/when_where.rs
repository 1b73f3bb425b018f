//! An event's date and place: datelines, reporting times that are not the
//! event's, and a country named for its capital.

use crate::{Cue, Inputs};
use sitrep_core::{Place, Span, TimeExpr};

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
pub(crate) fn in_dateline(text: &str, at: usize) -> bool {
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

pub(crate) fn is_reporting_time(inp: &Inputs, cues: &[Cue], t: &TimeExpr) -> bool {
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
pub(crate) fn capital_meant(inp: &Inputs, p: &Place) -> Option<Place> {
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
