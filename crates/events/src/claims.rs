//! Who says so: reporting cues ("X said", "according to X", "…, X reported")
//! with their sources, and the claim each trigger falls under.

use crate::vocabulary::is_adverb;
use crate::{words_at_most, Chunk, Cue, Inputs};
use sitrep_core::{Claim, Span};
use sitrep_text::{Analysis, Sentence};

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

/// The last named source, for a generic one ("the report said") to stand
/// for: its text and canonical name.
type LastNamed = Option<(String, Option<String>)>;

/// Reporting cues of sentence `si` (lowercase words `w`): "according to X" and reporting verbs
/// ("said", "reported") with their sources. `last_named` carries the last
/// named source across sentences.
pub(crate) fn cues(
    inp: &Inputs,
    si: usize,
    w: &[String],
    chunks: &[Chunk],
    last_named: &mut LastNamed,
) -> Vec<Cue> {
    let s = inp.an.sentences[si];
    let mut out = Vec::new();
    for (k, word) in w.iter().enumerate() {
        let cue = if word == "according" && w.get(k + 1).map(|x| x.as_str()) == Some("to") {
            according_to(inp, s, k, chunks, last_named)
        } else if CUE_VERBS.contains(&word.as_str()) {
            verb_cue(inp, s, w, k, chunks, last_named)
        } else {
            None
        };
        out.extend(cue);
    }
    out
}

/// "according to X": the participant right after it, else an unnamed
/// source, the words up to the next punctuation.
fn according_to(
    inp: &Inputs,
    s: Sentence,
    k: usize,
    chunks: &[Chunk],
    last_named: &mut LastNamed,
) -> Option<Cue> {
    let (text, an) = (inp.text, inp.an);
    let tok = an.tokens[s.tokens.0 + k];
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
            let mut e = s.tokens.0 + k + 2;
            while e < s.tokens.1
                && an.tokens[e].kind == sitrep_text::TokKind::Word
                && e < s.tokens.0 + k + 6
            {
                e += 1;
            }
            if e == s.tokens.0 + k + 2 {
                return None;
            }
            let sp = Span::new(an.tokens[s.tokens.0 + k + 2].start, an.tokens[e - 1].end);
            (text[sp.start..sp.end].to_string(), None, sp)
        }
    };
    if canonical.is_some() {
        *last_named = Some((source.clone(), canonical.clone()));
    }
    Some(Cue {
        word: "according to".into(),
        at: tok.start,
        source,
        canonical,
        source_span: span,
        according: true,
    })
}

/// A reporting verb at word `k` with its source: a named participant
/// before it; else a generic source ("the report said") standing for the
/// last named one; else an unnamed one ("the army said", "the Hamas-run
/// health ministry said", "police said", "witnesses told Reuters").
fn verb_cue(
    inp: &Inputs,
    s: Sentence,
    w: &[String],
    k: usize,
    chunks: &[Chunk],
    last_named: &mut LastNamed,
) -> Option<Cue> {
    let (text, an) = (inp.text, inp.an);
    let tok = an.tokens[s.tokens.0 + k];
    let cue = |source: String, canonical: Option<String>, source_span: Span| Cue {
        word: w[k].clone(),
        at: tok.start,
        source,
        canonical,
        source_span,
        according: false,
    };
    if let Some(c) = named_source(inp, s, tok.start, chunks) {
        let src = text[c.span.start..c.span.end].to_string();
        *last_named = Some((src.clone(), Some(c.actor.canonical.clone())));
        return Some(cue(src, Some(c.actor.canonical.clone()), c.span));
    }
    let k0 = k.saturating_sub(2);
    let generic = w[k0..k]
        .iter()
        .any(|x| GENERIC_SOURCES.contains(&x.as_str()));
    if generic {
        let (src, can) = last_named.clone()?;
        let sp = Span::new(
            an.tokens[s.tokens.0 + k0].start,
            an.tokens[s.tokens.0 + k - 1].end,
        );
        return Some(cue(src, can, sp));
    }
    let sp = unnamed_source(text, an, s, k)?;
    Some(cue(text[sp.start..sp.end].to_string(), None, sp))
}

/// The named source of a reporting verb at byte `at`: the participant just
/// before it, with only adverbs and auxiliaries between ("X also said", "X
/// has said"; in "killing 20 civilians, witnesses said" or "the
/// Palestinian health ministry said" the words between are the source), or
/// the one before an appositive ("X, a Syrian news agency …, reported").
fn named_source<'a>(
    inp: &Inputs,
    s: Sentence,
    at: usize,
    chunks: &'a [Chunk],
) -> Option<&'a Chunk> {
    let text = inp.text;
    let mut before = chunks.iter().rev().find(|c| {
        if c.span.end > at || c.place {
            return false;
        }
        let gap = &text[c.span.end..at];
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
    if text[s.start..at].trim_end().ends_with(',') {
        let head = &text[s.start..at];
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
    before
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

/// The claim a trigger falls under: the nearest cue before it whose clause
/// contains it ("X said that …"), else a trailing cue ("…, X reported"),
/// else "according to X"; another cue in the sentence relays it (`via`).
pub(crate) fn claim_for(inp: &Inputs, sent: Span, cues: &[Cue], trig: Span) -> Option<Claim> {
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
