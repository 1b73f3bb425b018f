//! # sitrep-time: time expressions
//!
//! Finds TIMEX3 expressions (DATE, TIME, DURATION, SET) in a segmented text
//! and normalises them against the document creation time (DCT):
//!
//! - values follow TimeML: `2025-09-19`, `2025-W37`, `2025-09`, `2025-Q3`,
//!   `2025-SU`, `2013`, `199` (the 1990s), `19` (the 20th century),
//!   `2025-09-19TMO`, `2025-09-19T10:35`, `P3D`, `PT5H30M`, `PXY`,
//!   `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`, `XXXX-WXX-4`;
//! - a DATE or TIME also gets its calendar interval and precision, derived
//!   from the value ([`interval`]);
//! - relative expressions are tense-aware: in a past-tense clause "Friday" is
//!   the last Friday on or before the DCT, in a future one the next; a bare
//!   month or quarter takes the year that the tense implies;
//! - "two days later", "the next day", "that year" and "a year earlier" count
//!   from the last date mentioned in the text; "ago" counts from the DCT.
//!
//! Extents follow the TimeML conventions the TempEval-3 data uses: a leading
//! determiner and modifiers belong to the expression ("the past three
//! months", "nearly two years", "early next year"), prepositions do not.
//! Without a DCT, relative expressions are still found; their values keep
//! `X` placeholders and they get no interval.
//!
//! `sitrep eval time` scores this stage on TimeML (see the sitrep-eval crate).

mod lex;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
pub use lex::number_word;

/// Whether a lowercase word names a time by itself: a month or day name,
/// "today", "yesterday", "tonight", "overnight", "now".
pub fn is_time_word(w: &str) -> bool {
    lex::month(w).is_some()
        || lex::weekday(w).is_some()
        || matches!(
            w,
            "today" | "yesterday" | "tonight" | "tomorrow" | "overnight" | "now" | "last"
        )
}
use lex::{Unit, *};
use sitrep_core::{Precision, TimeExpr, TimexType};
use sitrep_text::{Analysis, TokKind};

/// One word of a sentence as the time stage sees it: hyphenated words are
/// split into their parts and the hyphens.
#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    w: String,
    num: bool,
    cap: bool,
}

/// The tense of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// A normalised value before its interval is computed.
#[derive(Debug, Clone)]
struct Val {
    value: String,
    kind: TimexType,
    /// Overrides the interval derived from the value (e.g. "earlier this
    /// month" ends the day before the DCT).
    bounds: Option<(NaiveDate, NaiveDate)>,
    relative: bool,
    /// Whether later expressions may count from this one ("two days
    /// later"); values computed from another mention are not.
    reference: bool,
}

impl Val {
    fn date(value: String, relative: bool) -> Val {
        Val {
            value,
            kind: TimexType::Date,
            bounds: None,
            relative,
            reference: true,
        }
    }
    fn of(kind: TimexType, value: impl Into<String>) -> Val {
        Val {
            value: value.into(),
            kind,
            bounds: None,
            relative: false,
            reference: true,
        }
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = add_months(y, m, 1);
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
}

fn week_value(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

/// The calendar interval and precision a TIMEX3 DATE/TIME value denotes.
pub fn interval(value: &str) -> Option<(Precision, NaiveDate, NaiveDate)> {
    let v = value.split('T').next().unwrap_or(value);
    let num = |s: &str| -> Option<i32> {
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let parts: Vec<&str> = v.split('-').collect();
    let y = num(parts.first()?);
    match parts.as_slice() {
        [c] if c.len() == 2 => {
            let c = y?;
            Some((
                Precision::Century,
                NaiveDate::from_ymd_opt(c * 100, 1, 1)?,
                NaiveDate::from_ymd_opt(c * 100 + 99, 12, 31)?,
            ))
        }
        [d] if d.len() == 3 => {
            let d = y?;
            Some((
                Precision::Decade,
                NaiveDate::from_ymd_opt(d * 10, 1, 1)?,
                NaiveDate::from_ymd_opt(d * 10 + 9, 12, 31)?,
            ))
        }
        [yy] if yy.len() == 4 => {
            let y = y?;
            Some((
                Precision::Year,
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ))
        }
        [_, p] => {
            let y = y?;
            if let Some(w) = p.strip_prefix('W').filter(|x| *x != "I") {
                let w = num(w)? as u32;
                let s = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
                return Some((Precision::Week, s, s + Duration::days(6)));
            }
            if let Some(q) = p.strip_prefix('Q') {
                let q = num(q)? as u32;
                if !(1..=4).contains(&q) {
                    return None;
                }
                let s = NaiveDate::from_ymd_opt(y, q * 3 - 2, 1)?;
                return Some((Precision::Quarter, s, month_end(y, q * 3)?));
            }
            if let Some(h) = p.strip_prefix('H') {
                let h = num(h)? as u32;
                if !(1..=2).contains(&h) {
                    return None;
                }
                let s = NaiveDate::from_ymd_opt(y, h * 6 - 5, 1)?;
                return Some((Precision::Quarter, s, month_end(y, h * 6)?));
            }
            let (a, b) = match *p {
                "SP" => ((y, 3), (y, 5)),
                "SU" => ((y, 6), (y, 8)),
                "FA" => ((y, 9), (y, 11)),
                "WI" => ((y, 12), add_months(y, 12, 2)),
                _ => {
                    let m = num(p)? as u32;
                    let s = NaiveDate::from_ymd_opt(y, m, 1)?;
                    return Some((Precision::Month, s, month_end(y, m)?));
                }
            };
            Some((
                Precision::Quarter,
                NaiveDate::from_ymd_opt(a.0, a.1, 1)?,
                month_end(b.0, b.1)?,
            ))
        }
        [_, m, d] => {
            let d = NaiveDate::from_ymd_opt(y?, num(m)? as u32, num(d)? as u32)?;
            Some((Precision::Day, d, d))
        }
        _ => None,
    }
}

/// Words that look forward in time.
fn future_word(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "'ll"
            | "’ll"
            | "shall"
            | "would"
            | "may"
            | "might"
            | "should"
            | "going"
            | "scheduled"
            | "expects"
            | "expected"
            | "due"
            | "upcoming"
            | "hopes"
            | "intends"
            | "aims"
    )
}

/// Present-tense auxiliaries: the clause is about now, so an unmarked date
/// is the nearest one.
fn present_word(w: &str) -> bool {
    matches!(
        w,
        "is" | "are" | "am" | "remains" | "begins" | "starts" | "ends" | "effective"
    )
}

/// Words that mark a past-tense clause.
fn past_word(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "met"
            | "took"
            | "went"
            | "came"
            | "made"
            | "began"
            | "held"
            | "left"
            | "fell"
            | "rose"
            | "won"
            | "lost"
            | "saw"
            | "gave"
            | "got"
            | "sold"
            | "bought"
            | "paid"
            | "struck"
            | "ago"
            | "last"
            | "earlier"
            | "since"
            | "became"
            | "brought"
            | "sent"
            | "spoke"
            | "wrote"
            | "fled"
            | "hit"
            | "shot"
            | "found"
            | "ran"
            | "led"
            | "put"
            | "set"
            | "kept"
            | "grew"
            | "knew"
            | "thought"
            | "felt"
            | "stood"
            | "heard"
            | "meant"
            | "seized"
            | "won't"
    ) || (w.len() > 4
        && w.ends_with("ed")
        // "succeed", "proceed", "need" are no past forms; "agreed" is.
        && (!w.ends_with("eed") || matches!(w, "agreed" | "freed" | "decreed" | "guaranteed")))
}

fn reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "reported"
            | "announced"
            | "added"
            | "noted"
            | "stated"
            | "according"
            | "disclosed"
            | "estimated"
    )
}

/// The tense of the clause around tokens `a..b`: the nearest tense marker,
/// looking left first, within the sentence.
fn tense(toks: &[Tok], a: usize, b: usize) -> Tense {
    // A participle after "be" is passive, not past: "will be held". A
    // reporting verb ("said") sets the tense only right next to the
    // expression ("said Friday"); further away it frames another clause.
    let classify = |k: usize| {
        let w = toks[k].w.as_str();
        let near = k + 2 >= a && k <= b + 1;
        if !near && reporting_verb(w) {
            None
        } else if future_word(w)
            || matches!(w, "is" | "are" | "set" | "planned" | "planning" | "plan")
                && toks.get(k + 1).is_some_and(|t| t.w == "to")
        {
            // "is to resume trading Tuesday", "set to resume Monday",
            // "planned to leave on Thursday", "did not plan to remove him on
            // Thursday" look ahead (TBAQ train value F1 0.786 → 0.787, dev
            // unchanged; "plans to" is left out: "it announced plans to
            // acquire" is a noun, and it costs dev 0.003).
            Some(Tense::Future)
        } else if past_word(w)
            // A participle after "be" or a present "is" is passive, not
            // past: "when the case is heard in May".
            && !(k > 0
                && matches!(
                    toks[k - 1].w.as_str(),
                    "be" | "been" | "being" | "is" | "are" | "the" | "a" | "an" | "its" | "their"
                        | "his" | "her"
                ))
        {
            Some(Tense::Past)
        } else if present_word(w) {
            Some(Tense::Unknown)
        } else {
            None
        }
    };
    // "as early as Tuesday", "as soon as Monday" look ahead; "until" and
    // "by" leave it open.
    if a >= 3 && toks[a - 1].w == "as" && matches!(toks[a - 2].w.as_str(), "early" | "soon") {
        return Tense::Future;
    }
    if a >= 1 && matches!(toks[a - 1].w.as_str(), "until" | "till" | "by") {
        return Tense::Unknown;
    }
    for d in 1..=10 {
        if a >= d {
            if matches!(toks[a - d].w.as_str(), "." | ";") {
                break;
            }
            if let Some(t) = classify(a - d) {
                return t;
            }
        }
    }
    for (k, t) in toks.iter().enumerate().skip(b).take(10) {
        if matches!(t.w.as_str(), "." | ";") {
            break;
        }
        if let Some(t) = classify(k) {
            return t;
        }
    }
    Tense::Unknown
}

/// Context carried through a document.
struct Ctx {
    dct: Option<NaiveDate>,
    /// The last date value mentioned (DATE or TIME, resolved).
    last: Option<String>,
    /// The last day-precision date mentioned.
    last_day: Option<NaiveDate>,
}

impl Ctx {
    fn anchor_day(&self) -> Option<NaiveDate> {
        self.last_day.or(self.dct)
    }
    /// The last date mentioned when it is a quarter ("1989-Q3"): the
    /// quarter a report is about.
    fn last_quarter(&self) -> Option<&str> {
        self.last.as_deref().filter(|v| v.contains("-Q"))
    }
}

/// Finds and normalises the time expressions of a text.
pub fn extract(text: &str, an: &Analysis, dct: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut ctx = Ctx {
        dct,
        last: None,
        last_day: None,
    };
    let mut toks: Vec<Tok> = Vec::new();
    // Text written without capitals: day and month names count as
    // capitalised ("may" and "march" only next to a number).
    let caseless = sitrep_text::segment::is_caseless(text);
    for sent in &an.sentences {
        toks.clear();
        for t in &an.tokens[sent.tokens.0..sent.tokens.1] {
            let raw = t.text(text);
            if t.kind == TokKind::Word && raw.contains('-') && raw.len() > 1 {
                let mut off = t.start;
                for (k, part) in raw.split('-').enumerate() {
                    if k > 0 {
                        toks.push(tok(off, off + 1, "-", false));
                        off += 1;
                    }
                    if !part.is_empty() {
                        let num = part.bytes().all(|b| b.is_ascii_digit());
                        toks.push(tok(off, off + part.len(), part, num));
                    }
                    off += part.len();
                }
            } else {
                toks.push(tok(t.start, t.end, raw, t.kind == TokKind::Number));
            }
        }
        if caseless {
            for k in 0..toks.len() {
                let wk = toks[k].w.as_str();
                let named = weekday(wk).is_some() && wk.len() > 3
                    || month(wk).is_some() && !matches!(wk, "may" | "march")
                    || matches!(wk, "may" | "march")
                        && (k > 0 && toks[k - 1].num || toks.get(k + 1).is_some_and(|t| t.num));
                if named {
                    toks[k].cap = true;
                }
            }
        }
        let mut i = 0;
        while i < toks.len() {
            if !may_start(&toks[i]) {
                i += 1;
                continue;
            }
            let Some((j, val)) = match_at(&toks, i, &mut ctx) else {
                i += 1;
                continue;
            };
            let (i0, j) = extend(&toks, i, j, &val);
            let (s, e) = (toks[i0].start, toks[j - 1].end);
            let (precision, start_date, end_date) = match (val.kind, val.bounds) {
                (TimexType::Date | TimexType::Time, Some((a, b))) => {
                    (interval(&val.value).map(|x| x.0), Some(a), Some(b))
                }
                (TimexType::Date | TimexType::Time, None) => match interval(&val.value) {
                    Some((p, a, b)) => (Some(p), Some(a), Some(b)),
                    None => (None, None, None),
                },
                _ => (None, None, None),
            };
            if val.reference
                && matches!(val.kind, TimexType::Date | TimexType::Time)
                && start_date.is_some()
            {
                ctx.last = Some(val.value.clone());
                if precision == Some(Precision::Day) {
                    ctx.last_day = start_date;
                }
            }
            out.push(TimeExpr {
                text: text[s..e].to_string(),
                start: s,
                end: e,
                kind: val.kind,
                value: val.value,
                precision,
                start_date,
                end_date,
                relative: val.relative,
            });
            i = j;
        }
    }
    out
}

fn tok(start: usize, end: usize, raw: &str, num: bool) -> Tok {
    Tok {
        start,
        end,
        w: raw.to_lowercase(),
        num,
        cap: raw.chars().next().is_some_and(|c| c.is_uppercase()),
    }
}

/// A cheap filter: can an expression start at this token?
fn may_start(t: &Tok) -> bool {
    if t.num {
        return true;
    }
    let w = t.w.as_str();
    month(w).is_some()
        || weekday(w).is_some()
        || season(w).is_some()
        || unit(w).is_some()
        || number_word(w).is_some()
        || ordinal(w).is_some()
        || matches!(
            w,
            "today"
                | "tonight"
                | "yesterday"
                | "tomorrow"
                | "now"
                | "currently"
                | "current"
                | "recently"
                | "recent"
                | "nowadays"
                | "future"
                | "last"
                | "this"
                | "next"
                | "past"
                | "coming"
                | "previous"
                | "following"
                | "earlier"
                | "later"
                | "the"
                | "that"
                | "fiscal"
                | "daily"
                | "weekly"
                | "monthly"
                | "annually"
                | "yearly"
                | "hourly"
                | "quarterly"
                | "every"
                | "each"
                | "several"
                | "few"
                | "some"
                | "many"
                | "noon"
                | "midnight"
                | "midday"
                | "christmas"
                | "new"
                | "independence"
                | "halloween"
                | "valentine's"
                | "veterans"
                | "labor"
                | "labour"
                | "easter"
                | "thanksgiving"
                | "year"
                | "mid"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "overnight"
                | "weekend"
                | "nineties"
                | "eighties"
                | "seventies"
                | "sixties"
                | "fifties"
                | "once"
        )
}

fn w(toks: &[Tok], k: usize) -> &str {
    toks.get(k).map(|t| t.w.as_str()).unwrap_or("")
}

/// A 4-digit year token in a plausible range.
fn year_tok(t: Option<&Tok>) -> Option<i32> {
    let t = t?;
    if !t.num || t.w.len() != 4 {
        return None;
    }
    t.w.parse::<i32>()
        .ok()
        .filter(|y| (1000..=2999).contains(y))
}

/// A year at token `k`, written in digits or spelled ("nineteen
/// ninety-four", "nineteen eighty", "two thousand"), with the index after it.
fn year_at(toks: &[Tok], k: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_tok(toks.get(k)) {
        return Some((y, k + 1));
    }
    spelled_year(toks, k)
}

/// "nineteen ninety-four" → 1994; "two thousand" → 2000.
fn spelled_year(toks: &[Tok], i: usize) -> Option<(i32, usize)> {
    const TENS: [&str; 9] = [
        "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match w(toks, i) {
        "nineteen" => {
            let t = TENS.iter().position(|x| *x == w(toks, i + 1))?;
            let mut y = 1900 + 10 * (t as i32 + 1);
            let mut j = i + 2;
            let k = if w(toks, j) == "-" { j + 1 } else { j };
            if let Some(u) = number_word(w(toks, k)).filter(|u| (1..10).contains(u)) {
                y += u as i32;
                j = k + 1;
            }
            Some((y, j))
        }
        "two" if w(toks, i + 1) == "thousand" => Some((2000, i + 2)),
        _ => None,
    }
}

/// A day-of-month token: "19", "19th", "nineteenth".
fn day_tok(t: Option<&Tok>) -> Option<u32> {
    let t = t?;
    let d = match t.w.parse() {
        Ok(d) if t.num => d,
        _ => ordinal(&t.w)?,
    };
    (1..=31).contains(&d).then_some(d)
}

/// Parses a number phrase at `i`: digits, words ("twenty - four", "a
/// couple of"), halves ("2 1/2", "one and a half"). Returns the value, the
/// index after it, and whether the count is vague (`several`, `a few`).
fn number_at(toks: &[Tok], i: usize) -> Option<(Option<f64>, usize)> {
    let a = w(toks, i);
    match a {
        "several" | "few" | "many" | "some" | "numerous" => return Some((None, i + 1)),
        "a" if w(toks, i + 1) == "few" => return Some((None, i + 2)),
        "a" if w(toks, i + 1) == "couple" && w(toks, i + 2) == "of" => {
            return Some((Some(2.0), i + 3))
        }
        "a" | "an" if w(toks, i + 1) == "half" => return Some((Some(0.5), i + 2)),
        "half" if w(toks, i + 1) == "a" => return Some((Some(0.5), i + 2)),
        _ => {}
    }
    let mut n = number_word(a)? as f64;
    let mut j = i + 1;
    // "twenty - four", "twenty four".
    if (20.0..100.0).contains(&n) && n % 10.0 == 0.0 && !toks[i].num {
        let k = if w(toks, j) == "-" { j + 1 } else { j };
        if let Some(u) = number_word(w(toks, k)).filter(|u| (1..10).contains(u)) {
            n += u as f64;
            j = k + 1;
        }
    }
    if w(toks, j) == "1/2"
        || (w(toks, j) == "and" && w(toks, j + 1) == "a" && w(toks, j + 2) == "half")
    {
        n += 0.5;
        j += if w(toks, j) == "1/2" { 1 } else { 3 };
    }
    Some((Some(n), j))
}

/// The value of a weekday relative to `anchor` in a clause of tense `t`:
/// `shift` -1 for "last", +1 for "next", 0 for bare.
fn weekday_date(anchor: NaiveDate, wd: Weekday, t: Tense, shift: i32) -> NaiveDate {
    let back =
        (7 + anchor.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
    let fwd = (7 - back) % 7;
    match (shift, t) {
        (1, _) => anchor + Duration::days(if fwd == 0 { 7 } else { fwd }),
        (-1, _) => anchor - Duration::days(if back == 0 { 7 } else { back }),
        (_, Tense::Future) => anchor + Duration::days(fwd),
        (_, Tense::Past) => anchor - Duration::days(back),
        _ if fwd < back && fwd <= 2 => anchor + Duration::days(fwd),
        _ => anchor - Duration::days(back),
    }
}

/// How far ahead of the document date a month and day in a past-tense
/// clause may lie and still be this year's ("said the meeting is set for
/// Nov. 20"), and how far behind one in a future-tense clause. TBAQ train
/// value F1 0.775 at 2 and 0, 0.782 at 30 and 0, 0.783 at 30 and 14 (60
/// and 120 ahead: the same on train, 0.003 lower on dev).
const PAST_AHEAD: i64 = 30;
const FUTURE_BEHIND: i64 = 14;

/// The year of a month (and day) given without a year.
fn year_for(dct: NaiveDate, m: u32, d: u32, t: Tense) -> i32 {
    // `d == 0` is a whole month: it is "past" once it has begun, "future"
    // until it has ended.
    let this = NaiveDate::from_ymd_opt(dct.year(), m, d.clamp(1, 28)).unwrap_or(dct);
    let this_end = if d > 0 {
        this
    } else {
        month_end(dct.year(), m).unwrap_or(this)
    };
    match t {
        // Past-tense news may report a date some days ahead.
        Tense::Past if this > dct + Duration::days(PAST_AHEAD) => dct.year() - 1,
        Tense::Past => dct.year(),
        Tense::Future if this_end < dct - Duration::days(FUTURE_BEHIND) => dct.year() + 1,
        Tense::Future => dct.year(),
        Tense::Unknown => {
            // No tense: the nearest such date.
            let mid = |y: i32| NaiveDate::from_ymd_opt(y, m, if d > 0 { d.min(28) } else { 15 });
            [dct.year() - 1, dct.year(), dct.year() + 1]
                .into_iter()
                .min_by_key(|y| mid(*y).map_or(i64::MAX, |x| (x - dct).num_days().abs()))
                .unwrap_or(dct.year())
        }
    }
}

/// Shifts a date value by `n` units (years, months, weeks, days or quarters
/// at the value's own granularity when `unit` is its granularity's parent).
fn shift_value(value: &str, u: Unit, n: i32) -> Option<String> {
    let (p, s, _) = interval(value)?;
    let v = match (p, u) {
        (Precision::Day, Unit::Day) => ymd(s + Duration::days(n as i64)),
        (Precision::Day, Unit::Week) => ymd(s + Duration::weeks(n as i64)),
        (Precision::Day, Unit::Month) => {
            let (y, m) = add_months(s.year(), s.month(), n);
            ymd(NaiveDate::from_ymd_opt(y, m, s.day().min(28))?)
        }
        (Precision::Day, Unit::Year) => ymd(s.with_year(s.year() + n).unwrap_or(s)),
        (Precision::Month, Unit::Month) => {
            let (y, m) = add_months(s.year(), s.month(), n);
            ym(y, m)
        }
        (Precision::Month, Unit::Year) => ym(s.year() + n, s.month()),
        (Precision::Quarter, Unit::Year) => {
            let rest = value.split_once('-')?.1;
            format!("{:04}-{rest}", s.year() + n)
        }
        (Precision::Year, Unit::Year) => format!("{:04}", s.year() + n),
        (Precision::Week, Unit::Week) => week_value(s + Duration::weeks(n as i64)),
        _ => return None,
    };
    Some(v)
}

/// A date value `n` units from `d` at the unit's granularity.
fn relative_to(d: NaiveDate, u: Unit, n: i32) -> Option<String> {
    Some(match u {
        Unit::Day => ymd(d + Duration::days(n as i64)),
        Unit::Week => week_value(d + Duration::weeks(n as i64)),
        Unit::Month => {
            let (y, m) = add_months(d.year(), d.month(), n);
            ym(y, m)
        }
        Unit::Quarter => {
            let (y, m) = add_months(d.year(), d.month(), 3 * n);
            format!("{y:04}-Q{}", quarter_of(m))
        }
        Unit::Year => format!("{:04}", d.year() + n),
        Unit::Decade => format!("{:03}", (d.year() + 10 * n).div_euclid(10)),
        Unit::Century => format!("{:02}", (d.year() + 100 * n).div_euclid(100)),
        _ => return None,
    })
}

/// Tries every rule at token `i`; returns the end (exclusive) and the value.
fn match_at(toks: &[Tok], i: usize, ctx: &mut Ctx) -> Option<(usize, Val)> {
    let a = w(toks, i);
    let dct = ctx.dct;

    // ISO and numeric dates: 1998-03-04, 3/4/1998, 9/27/89.
    if toks[i].num {
        if let Some(v) = numeric_date(a) {
            return Some((i + 1, Val::date(v, false)));
        }
    }
    if let Some(r) = clock(toks, i, ctx) {
        return Some(r);
    }
    if let Some(r) = calendar(toks, i, ctx) {
        return Some(r);
    }
    if let Some(r) = weekday_rule(toks, i, ctx) {
        return Some(r);
    }
    if let Some(r) = deictic(toks, i, ctx) {
        return Some(r);
    }
    // "this year's third quarter", "last year's quarter": one expression,
    // before "this year" is read alone.
    if matches!(a, "this" | "last" | "next")
        && w(toks, i + 1) == "year"
        && matches!(w(toks, i + 2), "'s" | "’s")
    {
        if let Some(r) = quarter(toks, i, ctx) {
            return Some(r);
        }
    }
    if let Some(r) = the_year(toks, i, ctx) {
        return Some(r);
    }
    if let Some(r) = relative_unit(toks, i, ctx) {
        return Some(r);
    }
    if let Some(r) = quarter(toks, i, ctx) {
        return Some(r);
    }
    if let Some(r) = year_ago_adjective(toks, i, ctx) {
        return Some(r);
    }
    if let Some(r) = duration_or_shift(toks, i, ctx) {
        return Some(r);
    }
    if let Some(r) = sets(toks, i) {
        return Some(r);
    }
    if let Some(r) = year_rule(toks, i) {
        return Some(r);
    }
    // Holidays.
    // Past the sentence end `w` gives "", which no holiday pattern matches.
    let words = [a, w(toks, i + 1), w(toks, i + 2)];
    if let Some((n, m, d)) = fixed_holiday(&words) {
        if let Some(y) = year_tok(toks.get(i + n)) {
            let v = NaiveDate::from_ymd_opt(y, m, d).map(ymd)?;
            return Some((i + n + 1, Val::date(v, false)));
        }
        let v = match dct {
            Some(dct) => {
                let t = tense(toks, i, i + n);
                let y = year_for(dct, m, d, t);
                ymd(NaiveDate::from_ymd_opt(y, m, d)?)
            }
            None => format!("XXXX-{m:02}-{d:02}"),
        };
        return Some((i + n, Val::date(v, true)));
    }
    // "the weekend", "last weekend", "this weekend".
    if matches!(a, "the" | "this" | "last" | "next" | "past") && w(toks, i + 1) == "weekend" {
        let Some(d) = dct else {
            return Some((i + 2, Val::date("XXXX-WXX-WE".into(), true)));
        };
        let t = match a {
            "last" | "past" => Tense::Past,
            "next" => Tense::Future,
            _ => tense(toks, i, i + 2),
        };
        let sat = weekday_date(d, Weekday::Sat, t, 0);
        let sat = if a == "next" && sat <= d {
            sat + Duration::weeks(1)
        } else {
            sat
        };
        return Some((i + 2, Val::date(format!("{}-WE", week_value(sat)), true)));
    }
    // Thanksgiving: the fourth Thursday of November.
    if a == "thanksgiving" && toks[i].cap {
        let n = if w(toks, i + 1) == "day" { 2 } else { 1 };
        let v = match dct {
            Some(d) => {
                let t = if i > 0 && w(toks, i - 1) == "last" {
                    Tense::Past
                } else {
                    tense(toks, i, i + n)
                };
                let y = year_for(d, 11, 25, t);
                let first = NaiveDate::from_ymd_opt(y, 11, 1)?;
                let off = (7 + 3 - first.weekday().num_days_from_monday() as i64) % 7;
                ymd(first + Duration::days(off + 21))
            }
            None => "XXXX-11-XX".into(),
        };
        return Some((i + n, Val::date(v, true)));
    }
    // References to the present, past and future.
    let r = |n: usize, v: &str| Some((i + n, Val::of(TimexType::Date, v)));
    match (a, w(toks, i + 1), w(toks, i + 2)) {
        // A sentence that opens "Now," turns the story ("Now, he says, …"):
        // TBAQ leaves all 3 unmarked ("For now," and "right now," are times).
        ("now", ",", _) if i == 0 || matches!(w(toks, i - 1), "``" | "\"" | "“") => return None,
        ("now" | "currently" | "nowadays", _, _) => return r(1, "PRESENT_REF"),
        ("recently", _, _) => return r(1, "PAST_REF"),
        ("the", "future", _) => return r(2, "FUTURE_REF"),
        ("the", "near" | "short" | "long", "term" | "future") => return r(3, "FUTURE_REF"),
        ("the", "past", x) if unit(x).is_none() && number_at(toks, i + 2).is_none() => {
            return r(2, "PAST_REF")
        }
        // "recent months": an unknown stretch of them (PXM; a quarter's
        // count is given in months); "recent years" is the past at large
        // (all of TBAQ: 5 of 7 "recent days/weeks/months/quarters" are
        // PX…, 3 of 5 "recent years" PAST_REF).
        ("recent", x, _) if unit(x).is_some_and(|u| u.1 && u.0 != Unit::Year) => {
            let u = unit(x)?.0;
            let v = if u == Unit::Quarter {
                "PXM".to_string()
            } else {
                u.duration(None)
            };
            return Some((i + 2, Val::of(TimexType::Duration, v)));
        }
        ("recent", x, _) if unit(x).is_some_and(|u| u.1) => return r(2, "PAST_REF"),
        _ => {}
    }
    None
}

fn numeric_date(a: &str) -> Option<String> {
    if a.len() == 10 && a.as_bytes()[4] == b'-' && a.as_bytes()[7] == b'-' {
        let d = NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?;
        return Some(ymd(d));
    }
    let parts: Vec<&str> = a.split('/').collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4) {
        let m: u32 = parts[0].parse().ok()?;
        let d: u32 = parts[1].parse().ok()?;
        let mut y: i32 = parts[2].parse().ok()?;
        if parts[2].len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        } else if parts[2].len() != 4 {
            return None;
        }
        return NaiveDate::from_ymd_opt(y, m, d).map(ymd);
    }
    None
}

/// Clock times: "10:35 a.m.", "10 p.m. EST", "noon", "midnight", with the
/// day they attach to ("10 p.m. Wednesday", "Friday at noon").
fn clock(toks: &[Tok], i: usize, ctx: &mut Ctx) -> Option<(usize, Val)> {
    let a = w(toks, i);
    // "4 in the morning", "nine in the evening", "11 at night". The words
    // after the token are checked first: reading an hour is the dearer test
    // and this runs at every token.
    let part = match (w(toks, i + 1), w(toks, i + 2), w(toks, i + 3)) {
        ("in", "the", p @ ("morning" | "afternoon" | "evening")) => Some((p, i + 4)),
        ("at", "night", _) => Some(("night", i + 3)),
        _ => None,
    };
    let hour = part
        .and_then(|_| {
            if toks[i].num {
                a.parse::<u32>().ok()
            } else {
                number_word(a)
            }
        })
        .filter(|h| (1..=12).contains(h));
    let (hh, mm, mut j) = match (hour, part) {
        (Some(h), Some((p, e))) => {
            let h = match p {
                "morning" if h == 12 => 0,
                "morning" => h,
                "night" if h < 5 || h == 12 => h % 12,
                _ if h == 12 => 12,
                _ => h + 12,
            };
            (h, 0, e)
        }
        _ => match a {
            "noon" | "midday" => (12, 0, i + 1),
            "midnight" => (24, 0, i + 1),
            _ if toks[i].num => {
                let (h, m) = match a.split_once(':') {
                    Some((h, m)) if m.len() == 2 => {
                        (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)
                    }
                    Some(_) => return None,
                    None => (a.parse::<u32>().ok()?, 0),
                };
                let ampm = w(toks, i + 1);
                let h = match ampm {
                    "a.m." | "am" | "a.m" => {
                        if h == 12 {
                            0
                        } else {
                            h
                        }
                    }
                    "p.m." | "pm" | "p.m" => {
                        if h == 12 {
                            12
                        } else {
                            h + 12
                        }
                    }
                    "o'clock" => h,
                    _ if a.contains(':') && h < 24 && w(toks, i + 1) != "," => h,
                    _ => return None,
                };
                if h > 24
                    || m > 59
                    || !(1..=12).contains(&a.split(':').next()?.parse::<u32>().ok()?)
                        && !a.contains(':')
                {
                    return None;
                }
                let j = if a.contains(':')
                    && !matches!(
                        ampm,
                        "a.m." | "am" | "a.m" | "p.m." | "pm" | "p.m" | "o'clock"
                    ) {
                    i + 1
                } else {
                    i + 2
                };
                (h, m, j)
            }
            _ => return None,
        },
    };
    // Time zones.
    if matches!(
        w(toks, j),
        "est" | "edt" | "gmt" | "utc" | "pst" | "pdt" | "cst" | "cdt" | "mst" | "bst" | "cet"
    ) {
        j += 1;
    } else if w(toks, j) == "local" && w(toks, j + 1) == "time" {
        j += 2;
    }
    // The day: "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST Nov. 9".
    let mut day = None;
    let k = if w(toks, j) == "," { j + 1 } else { j };
    if let Some((e, v)) = weekday_rule(toks, k, ctx)
        .or_else(|| deictic(toks, k, ctx))
        .or_else(|| calendar(toks, k, ctx))
    {
        if let Some((Precision::Day, d, _)) = interval(&v.value) {
            day = Some(d);
            j = e;
        }
    }
    // "at 4 a.m. on Thursday": the day dates the clock time but stays an
    // expression of its own.
    if day.is_none() && w(toks, j) == "on" {
        if let Some((_, v)) = weekday_rule(toks, j + 1, ctx).or_else(|| calendar(toks, j + 1, ctx))
        {
            if let Some((Precision::Day, d, _)) = interval(&v.value) {
                day = Some(d);
            }
        }
    }
    let day = day.or(ctx.anchor_day());
    let hm = if mm == 0 && matches!(a, "noon" | "midday" | "midnight") {
        format!("{hh:02}:00")
    } else {
        format!("{hh:02}:{mm:02}")
    };
    let value = match day {
        Some(d) => format!("{}T{hm}", ymd(d)),
        None => format!("XXXX-XX-XXT{hm}"),
    };
    Some((
        j,
        Val {
            value,
            kind: TimexType::Time,
            bounds: None,
            relative: true,
            reference: true,
        },
    ))
}

/// Calendar dates: "September 19", "Sept. 19, 2025", "19 September 2025",
/// "September 2025", "September", "the 1990s", "fiscal 1989".
fn calendar(toks: &[Tok], i: usize, ctx: &Ctx) -> Option<(usize, Val)> {
    let a = w(toks, i);
    let cap = toks.get(i)?.cap;
    if let Some(m) = month(a) {
        if matches!(a, "may" | "march") && !cap {
            return None;
        }
        // Month day [, year].
        if let Some(d) = day_tok(toks.get(i + 1)) {
            let yi = if w(toks, i + 2) == "," { i + 3 } else { i + 2 };
            if let Some(y) = year_tok(toks.get(yi)) {
                let v = NaiveDate::from_ymd_opt(y, m, d).map(ymd)?;
                return Some((yi + 1, Val::date(v, false)));
            }
            let v = match ctx.dct {
                Some(dct) => {
                    let t = tense(toks, i, i + 2);
                    let y = year_for(dct, m, d, t);
                    ymd(NaiveDate::from_ymd_opt(y, m, d)?)
                }
                None => format!("XXXX-{m:02}-{d:02}"),
            };
            return Some((i + 2, Val::date(v, true)));
        }
        // Month [of|,] year.
        let yi = if matches!(w(toks, i + 1), "of" | ",") {
            i + 2
        } else {
            i + 1
        };
        if let Some((y, j)) = year_at(toks, yi) {
            return Some((j, Val::date(ym(y, m), false)));
        }
        // "June last year", "January of this year", "March next year".
        let ri = if w(toks, i + 1) == "of" { i + 2 } else { i + 1 };
        let shift = match (w(toks, ri), w(toks, ri + 1)) {
            ("this", "year") => Some(0),
            ("last" | "past", "year") => Some(-1),
            ("next", "year") => Some(1),
            _ => None,
        };
        if let (Some(n), Some(dct), true) = (shift, ctx.dct, cap) {
            return Some((ri + 2, Val::date(ym(dct.year() + n, m), true)));
        }
        // "the March for Life", "the March of the Combatant Mothers" are
        // marches.
        if a == "march"
            && i > 0
            && matches!(
                w(toks, i - 1),
                "the" | "annual" | "a" | "`" | "``" | "\"" | "“"
            )
            && (w(toks, i + 1) == "for"
                || w(toks, i + 1) == "of"
                    && w(toks, i + 2) == "the"
                    && toks.get(i + 3).is_some_and(|t| t.cap))
        {
            return None;
        }
        // A bare abbreviation ("Jan", "Dec") is too often something else;
        // "May" is a whole name, read as the month beside a date word.
        if !cap
            || a == "may" && !month_context(toks, i)
            || a.len() <= 3 && !a.ends_with('.') && a != "may"
        {
            return None;
        }
        let v = match ctx.dct {
            Some(dct) => {
                let t = tense(toks, i, i + 1);
                ym(year_for(dct, m, 0, t), m)
            }
            None => format!("XXXX-{m:02}"),
        };
        return Some((i + 1, Val::date(v, true)));
    }
    // Day month [year].
    if let Some(d) = day_tok(toks.get(i)) {
        let mi = if w(toks, i + 1) == "of" { i + 2 } else { i + 1 };
        if let Some(m) = toks.get(mi).and_then(|t| month(&t.w).filter(|_| t.cap)) {
            let yi = if w(toks, mi + 1) == "," {
                mi + 2
            } else {
                mi + 1
            };
            if let Some(y) = year_tok(toks.get(yi)) {
                let v = NaiveDate::from_ymd_opt(y, m, d).map(ymd)?;
                return Some((yi + 1, Val::date(v, false)));
            }
            let v = match ctx.dct {
                Some(dct) => {
                    let t = tense(toks, i, mi + 1);
                    ymd(NaiveDate::from_ymd_opt(year_for(dct, m, d, t), m, d)?)
                }
                None => format!("XXXX-{m:02}-{d:02}"),
            };
            return Some((mi + 1, Val::date(v, true)));
        }
    }
    // Decades: "1990s", "the nineties".
    if toks.get(i)?.num && a.len() == 5 && a.ends_with('s') {
        let y: i32 = a[..4].parse().ok()?;
        if y % 10 == 0 {
            return Some((i + 1, Val::date(format!("{:03}", y / 10), false)));
        }
    }
    let dec = match a {
        "fifties" => Some(195),
        "sixties" => Some(196),
        "seventies" => Some(197),
        "eighties" => Some(198),
        "nineties" => Some(199),
        _ => None,
    };
    if let Some(d) = dec {
        if i > 0 && w(toks, i - 1) == "the" {
            return Some((i + 1, Val::date(format!("{d}"), false)));
        }
    }
    // Centuries: "the 20th century", "this century".
    if let Some(n) = ordinal(a) {
        if w(toks, i + 1) == "century" && (1..=30).contains(&n) {
            return Some((i + 2, Val::date(format!("{:02}", n - 1), false)));
        }
    }
    // "fiscal 1989", "fiscal year 1990".
    if a == "fiscal" {
        let k = if w(toks, i + 1) == "year" {
            i + 2
        } else {
            i + 1
        };
        if let Some(y) = year_tok(toks.get(k)) {
            return Some((k + 1, Val::date(format!("{y:04}"), false)));
        }
    }
    // Seasons: "summer", "summer 1998", "the summer of 1998".
    if let Some(s) = season(a) {
        let yi = if w(toks, i + 1) == "of" { i + 2 } else { i + 1 };
        if let Some((y, j)) = year_at(toks, yi) {
            return Some((j, Val::date(format!("{y:04}-{s}"), false)));
        }
        let prev = if i > 0 { w(toks, i - 1) } else { "" };
        let shift = match (prev, if i > 1 { w(toks, i - 2) } else { "" }) {
            ("past", "this") => Some(-1),
            ("last" | "past", _) => Some(-1),
            ("next" | "coming", _) => Some(1),
            ("this", _) => Some(0),
            _ => None,
        };
        let dct = ctx.dct?;
        let shift = shift?;
        let cur = dct.year();
        let (sm, _) = match s {
            "SP" => (3, 5),
            "SU" => (6, 8),
            "FA" => (9, 11),
            _ => (12, 2),
        };
        let y = match shift {
            -1 => {
                // "last fall": this year's once it is over; "this past
                // spring" once it has begun.
                let begun = NaiveDate::from_ymd_opt(cur, sm, 1)? < dct && s != "WI";
                let this_past = prev == "past" && w(toks, i.saturating_sub(2)) == "this";
                if begun && (this_past || dct.month() > sm + 2) {
                    cur
                } else {
                    cur - 1
                }
            }
            1 => {
                if NaiveDate::from_ymd_opt(cur, sm, 1)? > dct {
                    cur
                } else {
                    cur + 1
                }
            }
            _ => cur,
        };
        return Some((i + 1, Val::date(format!("{y:04}-{s}"), true)));
    }
    None
}

/// Whether a capitalised "May" is the month: next to a date-like word.
fn month_context(toks: &[Tok], i: usize) -> bool {
    let prev = if i > 0 { w(toks, i - 1) } else { "" };
    matches!(
        prev,
        "in" | "since"
            | "until"
            | "by"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "of"
            | "-"
            | "through"
            | "from"
            | "before"
            | "after"
            | "during"
            | "and"
            | "to"
    ) && i > 0
}

/// Weekdays: "Friday", "last Friday", "Friday morning", "Friday, Oct. 13",
/// and plural weekdays as sets ("Tuesday nights").
fn weekday_rule(toks: &[Tok], i: usize, ctx: &Ctx) -> Option<(usize, Val)> {
    let a = w(toks, i);
    let plural = a.strip_suffix('s').and_then(weekday);
    if let Some(wd) = plural {
        let n = wd.num_days_from_monday() + 1;
        let (j, pod) = match part_of_day(w(toks, i + 1)) {
            Some(p) => (i + 2, format!("T{p}")),
            None => (i + 1, String::new()),
        };
        return Some((j, Val::of(TimexType::Set, format!("XXXX-WXX-{n}{pod}"))));
    }
    let wd = weekday(a)?;
    if !toks.get(i)?.cap {
        return None;
    }
    let mut j = i + 1;
    // "Friday, Oct. 13" / "Friday Oct. 13": the explicit date wins.
    let k = if w(toks, j) == "," { j + 1 } else { j };
    if month(w(toks, k)).is_some() {
        if let Some((e, v)) = calendar(toks, k, ctx) {
            if interval(&v.value).is_some_and(|x| x.0 == Precision::Day) {
                return Some((e, v));
            }
        }
    }
    let prev = if i > 0 { w(toks, i - 1) } else { "" };
    let shift = match prev {
        "last" | "past" | "previous" => -1,
        "next" | "coming" | "following" => 1,
        _ => 0,
    };
    let t = tense(toks, i, i + 1);
    let base = if matches!(prev, "previous" | "following") {
        ctx.anchor_day()
    } else {
        ctx.dct
    };
    let d = base.map(|d| weekday_date(d, wd, t, shift));
    let value = match d {
        Some(d) => ymd(d),
        None => "XXXX-XX-XX".to_string(),
    };
    let pod = part_of_day(w(toks, j));
    if pod.is_some() {
        j += 1;
    }
    Some((j, day_part(value, pod)))
}

/// A day's value relative to the DCT, with its part of day as a TIME
/// ("2025-09-19TMO") or without one as a DATE.
fn day_part(mut value: String, pod: Option<&str>) -> Val {
    let mut kind = TimexType::Date;
    if let Some(p) = pod {
        value.push('T');
        value.push_str(p);
        kind = TimexType::Time;
    }
    Val {
        value,
        kind,
        bounds: None,
        relative: true,
        reference: true,
    }
}

/// "today", "yesterday morning", "tonight", "this morning", "last night".
fn deictic(toks: &[Tok], i: usize, ctx: &Ctx) -> Option<(usize, Val)> {
    let a = w(toks, i);
    // "yesterday", "today", "tomorrow": days from the document date.
    let day_off = |w: &str| match w {
        "yesterday" => Some(-1),
        "today" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    };
    let next = w(toks, i + 1);
    let (off, mut j, mut pod) = match (a, next) {
        ("tonight", _) => (0, i + 1, Some("NI")),
        ("this", p) if part_of_day(p).is_some() && p != "overnight" => (0, i + 2, part_of_day(p)),
        ("last", "night") => (-1, i + 2, Some("NI")),
        // "mid-afternoon yesterday", "morning today".
        (p, d) if part_of_day(p).is_some() && !p.ends_with('s') && p != "overnight" => {
            (day_off(d)?, i + 2, part_of_day(p))
        }
        (d, _) => (day_off(d)?, i + 1, None),
    };
    if pod.is_none() {
        if let Some(p) = part_of_day(w(toks, j)) {
            pod = Some(p);
            j += 1;
        }
    }
    let value = match ctx.dct {
        Some(d) => ymd(d + Duration::days(off)),
        None => "XXXX-XX-XX".into(),
    };
    Some((j, day_part(value, pod)))
}

/// "this/last/next week|month|year|quarter|weekend|decade|century",
/// "earlier this month", "later this year", "the following day", "that
/// year", "the same day".
fn relative_unit(toks: &[Tok], i: usize, ctx: &Ctx) -> Option<(usize, Val)> {
    let a = w(toks, i);
    let (lead, k) = match (a, w(toks, i + 1)) {
        ("earlier" | "later", "this" | "last" | "next" | "that") => (Some(a), i + 1),
        ("the", "previous" | "following" | "next" | "same" | "last" | "past") => (None, i + 1),
        ("that", "same") => (None, i + 1),
        _ => (None, i),
    };
    let rel = w(toks, k);
    // "past" only after "the": "the past year".
    let known = matches!(
        rel,
        "last" | "this" | "next" | "coming" | "previous" | "following" | "same" | "that"
    ) || (rel == "past" && k > i);
    if !known {
        return None;
    }
    let uw = w(toks, k + 1);
    let weekend = uw == "weekend";
    let (u, plural) = if weekend {
        (Unit::Week, false)
    } else {
        unit(uw)?
    };
    if plural || u.is_time() {
        return None;
    }
    // "the past year" is last year (both in TBAQ); "the past decade" is a
    // stretch of ten years and "the past century" goes unannotated.
    if rel == "past" && !matches!(u, Unit::Week | Unit::Month | Unit::Year) {
        return None;
    }
    let the = k > i && a == "the";
    let ref_based =
        matches!(rel, "previous" | "following" | "same" | "that") || (the && rel == "next");
    let off = match rel {
        "last" | "previous" | "past" => -1,
        "next" | "following" | "coming" => 1,
        _ => 0,
    };
    let j = k + 2;
    let base = if ref_based {
        // "In March … The following month": a month or a year after the
        // last date mentioned at that precision or finer.
        let last_start = ctx
            .last
            .as_deref()
            .and_then(interval)
            .and_then(|(p, s, _)| {
                let fine = match u {
                    Unit::Month => matches!(p, Precision::Day | Precision::Week | Precision::Month),
                    Unit::Year => matches!(
                        p,
                        Precision::Day
                            | Precision::Week
                            | Precision::Month
                            | Precision::Quarter
                            | Precision::Year
                    ),
                    _ => false,
                };
                fine.then_some(s)
            });
        last_start.or(ctx.anchor_day())
    } else {
        ctx.dct
    };
    let Some(d) = base else {
        return Some((j, Val::date("XXXX".into(), true)));
    };
    if rel == "that" && matches!(u, Unit::Year) {
        // "that year": the year of the last date mentioned.
        let y = ctx
            .last
            .as_deref()
            .and_then(interval)
            .map(|x| x.1.year())
            .unwrap_or(d.year());
        return Some((j, Val::date(format!("{y:04}"), true)));
    }
    if weekend {
        let wk = d + Duration::weeks(off as i64);
        return Some((j, Val::date(format!("{}-WE", week_value(wk)), true)));
    }
    let mut v = Val::date(relative_to(d, u, off)?, true);
    if off == 0 && base == ctx.dct {
        if let Some((_, s, e)) = interval(&v.value) {
            if lead == Some("earlier") {
                v.bounds = Some((s, (d - Duration::days(1)).max(s)));
            } else if lead == Some("later") {
                v.bounds = Some((d.min(e), e));
            }
        }
    }
    Some((j, v))
}

/// A company's year in a report: "the year ended March 31" is a stretch of
/// a year (TBAQ: P1Y 5 times, the year once); "for the year", "of the
/// year", "the full year", "the fiscal year" are the current one (as TBAQ
/// marks them, but for one "throughout the fiscal year", P1Y). A bare "the
/// year" elsewhere is left alone.
fn the_year(toks: &[Tok], i: usize, ctx: &Ctx) -> Option<(usize, Val)> {
    if w(toks, i) != "the" {
        return None;
    }
    let mut k = i + 1;
    let modified = matches!(w(toks, k), "full" | "fiscal" | "current");
    if modified {
        k += 1;
        if w(toks, k) == "fiscal" {
            k += 1;
        }
    }
    if w(toks, k) != "year" {
        return None;
    }
    let next = w(toks, k + 1);
    if matches!(next, "-" | "'s" | "’s") || year_at(toks, k + 1).is_some() {
        return None;
    }
    if matches!(next, "ended" | "ending") {
        return Some((k + 1, Val::of(TimexType::Duration, "P1Y")));
    }
    let prev = if i > 0 { w(toks, i - 1) } else { "" };
    if !(modified || matches!(prev, "for" | "of")) {
        return None;
    }
    let v = match ctx.dct {
        Some(d) => format!("{:04}", d.year()),
        None => "XXXX".into(),
    };
    Some((k + 1, Val::date(v, true)))
}

/// "year-earlier", "year-ago" before a noun other than a quarter or period
/// ("year-earlier profit", "the year-ago results"): the same quarter a year
/// before when a quarter is being reported, else last year (TBAQ: 5 and 3).
fn year_ago_adjective(toks: &[Tok], i: usize, ctx: &Ctx) -> Option<(usize, Val)> {
    if w(toks, i) != "year"
        || w(toks, i + 1) != "-"
        || !matches!(w(toks, i + 2), "earlier" | "ago")
        || !toks
            .get(i + 3)
            .is_some_and(|t| !t.num && t.w.chars().all(char::is_alphabetic))
        || number_at(toks, i + 3).is_some()
    {
        return None;
    }
    let value = match ctx.last_quarter() {
        Some(q) => shift_value(q, Unit::Year, -1)?,
        None => format!("{:04}", ctx.dct?.year() - 1),
    };
    let mut v = Val::date(value, true);
    v.reference = false;
    Some((i + 3, v))
}

/// Quarters and halves: "the third quarter", "third-quarter", "the fourth
/// quarter of 1990", "the 1988 second quarter", "the first half", "the
/// quarter", "the year-earlier quarter".
fn quarter(toks: &[Tok], i: usize, ctx: &Ctx) -> Option<(usize, Val)> {
    let mut k = i;
    let mut year = None;
    if w(toks, k) == "the" {
        k += 1;
    }
    if let Some(y) = year_tok(toks.get(k)) {
        year = Some(y);
        k += 1;
    } else if w(toks, k + 1) == "year" && matches!(w(toks, k + 2), "'s" | "’s") {
        let shift = match w(toks, k) {
            "this" => 0,
            "last" => -1,
            "next" => 1,
            _ => return None,
        };
        year = Some(ctx.dct?.year() + shift);
        k += 3;
    }
    if w(toks, k) == "fiscal" {
        k += 1;
    }
    let mut year_ago = false;
    if matches!(w(toks, k), "year")
        && w(toks, k + 1) == "-"
        && matches!(w(toks, k + 2), "earlier" | "ago")
    {
        year_ago = true;
        k += 3;
    } else if matches!(w(toks, k), "latest" | "current" | "same") {
        k += 1;
    }
    let n = ordinal(w(toks, k));
    let mut j = if n.is_some() { k + 1 } else { k };
    if w(toks, j) == "-" {
        // "the third-quarter results": the article is the noun's, not the
        // adjective's; the match starts at the ordinal instead.
        if w(toks, i) == "the" && k == i + 1 {
            return None;
        }
        j += 1;
    }
    let what = w(toks, j);
    let half = what == "half";
    // "the latest period", "the year-earlier period": a company's quarter
    // (TBAQ marks all 8 so).
    let period = what == "period"
        && n.is_none()
        && (year_ago || matches!(w(toks, k.saturating_sub(1)), "latest"));
    if what != "quarter" && !half && !period {
        return None;
    }
    if n.is_none() && !(k > i || year_ago) {
        return None;
    }
    if half && !matches!(n, Some(1 | 2)) {
        return None;
    }
    if matches!(n, Some(q) if q == 0 || q > 4) {
        return None;
    }
    j += 1;
    if year.is_none() && w(toks, j) == "of" {
        if let Some(y) = year_tok(toks.get(j + 1)) {
            year = Some(y);
            j += 2;
        }
    }
    // "the quarter" / "the year-earlier quarter": the last quarter mentioned.
    let last_q = ctx.last_quarter();
    let letter = if half { "H" } else { "Q" };
    let value = match (n, year) {
        (Some(q), Some(y)) => format!("{y:04}-{letter}{q}"),
        (Some(q), None) => match ctx.dct {
            Some(d) => {
                format!("{:04}-{letter}{q}", d.year())
            }
            None => format!("XXXX-{letter}{q}"),
        },
        (None, _) if half => return None,
        (None, Some(y)) => {
            // "the 1988 quarter": the quarter last talked about, that year.
            let q = last_q
                .and_then(|v| v.split_once("-Q"))
                .map(|x| x.1.to_string())
                .or_else(|| {
                    ctx.dct
                        .map(|d| (((quarter_of(d.month()) + 2) % 4) + 1).to_string())
                })?;
            format!("{y:04}-Q{q}")
        }
        (None, None) if w(toks, k.saturating_sub(1)) == "current" => {
            let d = ctx.dct?;
            relative_to(d, Unit::Quarter, 0)?
        }
        (None, None) => match last_q {
            Some(v) => v.to_string(),
            None => relative_to(ctx.dct?, Unit::Quarter, -1)?,
        },
    };
    let value = if year_ago {
        shift_value(&value, Unit::Year, -1)?
    } else {
        value
    };
    let mut v = Val::date(value, n.is_none() || year.is_none());
    // The year-ago quarter is a comparison: "the quarter" after it is still
    // the one being reported.
    v.reference = !year_ago;
    Some((j, v))
}

/// Durations ("three years", "a two-week", "the past 18 months", "2 1/2
/// hours"), ages ("8-month-old") and shifts ("two days later", "a year
/// earlier", "three weeks ago").
fn duration_or_shift(toks: &[Tok], i: usize, ctx: &Ctx) -> Option<(usize, Val)> {
    let (n, mut j) = number_at(toks, i)?;
    let article = matches!(w(toks, i), "a" | "an");
    // "two more weeks", "20 more years", "an additional year": a stretch
    // of time (TBAQ marks all 3).
    if n.is_some() && matches!(w(toks, j), "more" | "additional" | "extra" | "further") {
        if let Some((u, plural)) = unit(w(toks, j + 1)) {
            if plural == (n != Some(1.0)) {
                return Some((j + 2, Val::of(TimexType::Duration, u.duration(n))));
            }
        }
    }
    let hyphen = w(toks, j) == "-";
    if hyphen {
        j += 1;
    }
    let uw = w(toks, j);
    let (u, plural) = unit(uw)?;
    // "one day" / "a day": a duration only as a measure, not "one day he left".
    if n.is_none() && !plural {
        return None;
    }
    j += 1;
    // "two to three weeks": the range keeps the first count.
    let after = w(toks, j);
    // "a month-long siege".
    if after == "-" && w(toks, j + 1) == "long" {
        return Some((j + 2, Val::of(TimexType::Duration, u.duration(n))));
    }
    // Ages ("a 45-year-old", "52 years old") are not time expressions (TBAQ
    // marks 1 of 40), nor fractions ("three-quarters of its food").
    if hyphen && after == "-" && w(toks, j + 1) == "old" || after == "old" {
        return None;
    }
    if u == Unit::Quarter
        && after == "of"
        && matches!(
            w(toks, j + 1),
            "the" | "its" | "their" | "his" | "her" | "our" | "all" | "those" | "these" | "a"
        )
    {
        return None;
    }
    // "two days later" is a date; "two days after the vote" a duration
    // anchored on an event.
    if matches!(
        after,
        "ago" | "earlier" | "later" | "afterward" | "afterwards"
    ) && !hyphen
    {
        let count = n.map(|x| x.round() as i32);
        let sign = if after == "ago" || after == "earlier" {
            -1
        } else {
            1
        };
        // "several years ago" is a vague past.
        let Some(c) = count else {
            let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some((j + 1, Val::of(TimexType::Date, v)));
        };
        if u.is_time() {
            return Some((j + 1, Val::of(TimexType::Duration, u.duration(n))));
        }
        // "a year earlier/ago" in a report on a quarter: the year-ago quarter.
        let quarter_ref = ctx.last_quarter();
        let value = if after == "ago" {
            match (quarter_ref, u) {
                (Some(q), Unit::Year) => shift_value(q, u, -c),
                _ => ctx.dct.and_then(|d| relative_to(d, u, -c)),
            }
        } else {
            match ctx.last.as_deref() {
                Some(last) => shift_value(last, u, sign * c).or_else(|| {
                    let d = interval(last)?.1;
                    relative_to(d, u, sign * c)
                }),
                None => ctx.dct.and_then(|d| relative_to(d, u, sign * c)),
            }
        };
        let value = value.unwrap_or_else(|| {
            if sign < 0 {
                "PAST_REF".into()
            } else {
                "FUTURE_REF".into()
            }
        });
        let mut v = Val::date(value, true);
        v.reference = false;
        return Some((j + 1, v));
    }
    if matches!(after, "to" | "or")
        && number_word(w(toks, j + 1)).is_some()
        && unit(w(toks, j + 2)).is_some()
    {
        j += 3;
    }
    // A bare "a year"/"a day" is a duration only as a measure: after "for",
    // "over", "within", "in", "after", "about"… or before "-long".
    if article && !hyphen {
        let prev = if i > 0 { w(toks, i - 1) } else { "" };
        let measure = matches!(
            prev,
            "for"
                | "over"
                | "within"
                | "in"
                | "after"
                | "about"
                | "nearly"
                | "almost"
                | "than"
                | "least"
                | "past"
                | "last"
                | "next"
                | "first"
                | "only"
                | "just"
                | "some"
                | "lasted"
                | "took"
                | "spent"
                | "than,"
                | "up"
        );
        if !measure {
            return None;
        }
    }
    Some((j, Val::of(TimexType::Duration, u.duration(n))))
}

/// Sets: "daily", "weekly", "every day", "each year", "each Thursday".
fn sets(toks: &[Tok], i: usize) -> Option<(usize, Val)> {
    let a = w(toks, i);
    let v = match a {
        "daily" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "annually" | "yearly" => "P1Y",
        "hourly" => "PT1H",
        "every" | "each" => {
            let b = w(toks, i + 1);
            if let Some(wd) = weekday(b) {
                let n = wd.num_days_from_monday() + 1;
                return Some((i + 2, Val::of(TimexType::Set, format!("XXXX-WXX-{n}"))));
            }
            if let Some(m) = month(b).filter(|_| toks.get(i + 1).is_some_and(|t| t.cap)) {
                return Some((i + 2, Val::of(TimexType::Set, format!("XXXX-{m:02}"))));
            }
            let (n, k) = match number_word(b).filter(|_| !matches!(b, "a" | "an")) {
                Some(n) => (n, i + 2),
                None => (1, i + 1),
            };
            let (u, _) = unit(w(toks, k))?;
            return Some((k + 1, Val::of(TimexType::Set, u.duration(Some(n as f64)))));
        }
        _ => return None,
    };
    Some((i + 1, Val::of(TimexType::Set, v)))
}

/// Years: "in 2013", "the 2013 bombing", spelled years ("nineteen
/// ninety-six").
fn year_rule(toks: &[Tok], i: usize) -> Option<(usize, Val)> {
    // "two thousand" alone is a count ("two thousand people") but for
    // "the year two thousand".
    if let Some((y, j)) = spelled_year(toks, i)
        .filter(|_| w(toks, i) == "nineteen" || i > 0 && w(toks, i - 1) == "year")
    {
        return Some((j, Val::date(format!("{y}"), false)));
    }
    let y = year_tok(toks.get(i))?;
    if !(1800..=2100).contains(&y) {
        return None;
    }
    let prev = if i > 0 { w(toks, i - 1) } else { "" };
    let next = w(toks, i + 1);
    let yearish_prev = matches!(
        prev,
        "in" | "since"
            | "of"
            | "by"
            | "until"
            | "till"
            | "from"
            | "the"
            | "early"
            | "late"
            | "mid"
            | "before"
            | "after"
            | "during"
            | "through"
            | "throughout"
            | "to"
            | "and"
            | ","
            | "’s"
            | "'s"
            | "year"
            | "between"
            | "around"
            | "circa"
            | "–"
            | "-"
            | "fiscal"
            | "for"
            | "at"
            | "on"
            | "("
            | "or"
            | "spring"
            | "summer"
            | "fall"
            | "winter"
            | "autumn"
            | "post"
            | "pre"
            | "end"
            // "its 1990 invasion", "continue into 1990", "both 1990 and
            // 1991": TBAQ train value F1 0.787 → 0.789, relaxed F1 0.914 →
            // 0.916, dev unchanged.
            | "into"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "both"
            | "a"
            | "an"
            | "that"
            | "this"
            // "bonds due 1993".
            | "due"
    );
    let count_next = matches!(
        next,
        "people"
            | "troops"
            | "soldiers"
            | "civilians"
            | "fighters"
            | "members"
            | "persons"
            | "killed"
            | "dead"
            | "were"
            | "homes"
            | "families"
            | "residents"
            | "shares"
            | "points"
            | "%"
            | "percent"
            | "tons"
            | "acres"
            | "miles"
            | "feet"
            | "meters"
            | "employees"
            | "workers"
            | "jobs"
            | "units"
            | "cars"
            | "votes"
            // Measures after "a": "a 2000 pound bomb", "a 1200 km border".
            | "pound"
            | "pounds"
            | "ton"
            | "tonne"
            | "tonnes"
            | "km"
            | "kilometre"
            | "kilometres"
            | "kilometer"
            | "kilometers"
            | "mile"
            | "metre"
            | "meter"
            | "foot"
            | "square"
            | "barrels"
            | "dollars"
            | "strong"
    );
    // After "since" or "until" a number is a year whatever follows ("the
    // killings since 1993 were").
    let year_only_prev = matches!(
        prev,
        "since" | "until" | "till" | "during" | "throughout" | "circa" | "fiscal" | "year"
    );
    if (yearish_prev || i == 0) && (!count_next || year_only_prev) && !matches!(prev, "$" | "#") {
        return Some((i + 1, Val::date(format!("{y:04}"), false)));
    }
    None
}

/// Extends a match over the modifiers and determiners TimeML puts inside the
/// expression: "the", "early", "late", "mid-", "nearly", "more than", "the
/// past", "at least"…
fn extend(toks: &[Tok], i: usize, j: usize, val: &Val) -> (usize, usize) {
    let mut s = i;
    loop {
        let p1 = if s > 0 { w(toks, s - 1) } else { "" };
        let p2 = if s > 1 { w(toks, s - 2) } else { "" };
        let p3 = if s > 2 { w(toks, s - 3) } else { "" };
        let dur = val.kind == TimexType::Duration;
        let take = match p1 {
            "-" if matches!(p2, "mid" | "post" | "pre" | "late" | "early") => 2,
            "early" | "late" | "mid" | "nearly" | "roughly" | "approximately" | "some"
            | "around" | "sometime" => 1,
            // "the end of 1990", "the beginning of the month".
            "of" if matches!(p2, "end" | "beginning" | "start" | "middle") && p3 == "the" => 3,
            "than" if matches!(p2, "more" | "less" | "fewer") => {
                if p3 == "no" {
                    3
                } else {
                    2
                }
            }
            "least" if p2 == "at" => 2,
            // "the year two thousand", "the year 2000".
            "year" if p2 == "the" && year_at(toks, s).is_some() => 2,
            "most" if p2 == "at" => 2,
            "past" | "last" | "next" | "first" | "latest" | "coming" | "previous" | "final"
            | "following" | "initial"
                if dur =>
            {
                1
            }
            "past" if p2 == "this" => 2,
            "last" | "this" | "next" | "coming" | "past" | "previous" | "following"
                if season(&toks[i].w).is_some()
                    || month(&toks[i].w).is_some()
                    || weekday(&toks[i].w).is_some() =>
            {
                1
            }
            // "the two-week", "the 14-day": an adjective's article stays out;
            // "the past two weeks" keeps it.
            // "the nine months" keeps it (TBAQ train: 66 of 74 unhyphenated
            // durations after "the" include it, 1 of 5 hyphenated ones).
            "the" if dur && s == i && toks[i..j].iter().any(|t| t.w == "-") => 0,
            "the" if s == i && w(toks, i + 1) == "-" && w(toks, i + 2) == "quarter" => 0,
            // "the year-ago results": the adjective leaves it out too.
            "the" if s == i && w(toks, i) == "year" && w(toks, i + 1) == "-" => 0,
            "the" => 1,
            _ => 0,
        };
        if take == 0 || s < take {
            break;
        }
        s -= take;
        if p1 == "the" {
            break;
        }
    }
    // A lone "the" before a plain year or month is not part of it ("the 2013
    // bombing"), but it is before decades, quarters and durations.
    if s < i && w(toks, s) == "the" && s + 1 == i && val.kind == TimexType::Date {
        let v = &val.value;
        let keep =
            v.len() <= 3 || v.contains("-Q") || v.contains("-H") || !toks[i].num && !toks[i].cap;
        if !keep {
            s += 1;
        }
    }
    (s, j)
}

#[cfg(test)]
mod tests;
