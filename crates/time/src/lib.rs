//! # sitrep-time: time expressions
//!
//! Finds TIMEX3-style expressions in a segmented text and normalises them
//! against the document creation time (DCT): "Friday" in past-tense news is
//! the last Friday on or before the DCT, "last week" the ISO week before the
//! DCT's, "earlier this month" the DCT's month up to the day before the DCT,
//! "two days later" counts from the previous date in the text. Without a DCT,
//! relative expressions are still found but get the value `XXXX…` and no
//! interval. This is the rule baseline that the time-expression issue
//! replaces with a measured one.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sitrep_core::{Precision, TimeExpr, TimexType};
use sitrep_text::{Analysis, TokKind};

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("jan.", 1),
    ("february", 2),
    ("feb", 2),
    ("feb.", 2),
    ("march", 3),
    ("mar.", 3),
    ("april", 4),
    ("apr", 4),
    ("apr.", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("jun.", 6),
    ("july", 7),
    ("jul", 7),
    ("jul.", 7),
    ("august", 8),
    ("aug", 8),
    ("aug.", 8),
    ("september", 9),
    ("sept", 9),
    ("sept.", 9),
    ("sep", 9),
    ("sep.", 9),
    ("october", 10),
    ("oct", 10),
    ("oct.", 10),
    ("november", 11),
    ("nov", 11),
    ("nov.", 11),
    ("december", 12),
    ("dec", 12),
    ("dec.", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn month_of(w: &str) -> Option<u32> {
    MONTHS.iter().find(|(n, _)| *n == w).map(|x| x.1)
}
fn weekday_of(w: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(n, _)| *n == w).map(|x| x.1)
}

/// Small cardinal numbers written as words or digits.
pub fn number_word(w: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u32);
    }
    match w {
        "a" | "an" => Some(1),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "hundred" => Some(100),
        "dozen" => Some(12),
        _ => w.replace(',', "").parse().ok(),
    }
}

fn unit_of(w: &str) -> Option<char> {
    match w.trim_end_matches('s') {
        "day" => Some('D'),
        "week" => Some('W'),
        "month" => Some('M'),
        "year" => Some('Y'),
        "decade" => Some('E'),
        "hour" => Some('H'),
        _ => None,
    }
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .map(|d| d - Duration::days(1))
        .unwrap_or(NaiveDate::MAX)
}

fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// A resolved calendar value.
#[derive(Debug, Clone, PartialEq)]
struct Val {
    value: String,
    precision: Option<Precision>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    kind: TimexType,
    relative: bool,
}

fn day(d: NaiveDate, relative: bool) -> Val {
    Val {
        value: d.format("%Y-%m-%d").to_string(),
        precision: Some(Precision::Day),
        start: Some(d),
        end: Some(d),
        kind: TimexType::Date,
        relative,
    }
}
fn month(y: i32, m: u32, relative: bool) -> Option<Val> {
    let s = NaiveDate::from_ymd_opt(y, m, 1)?;
    Some(Val {
        value: format!("{y:04}-{m:02}"),
        precision: Some(Precision::Month),
        start: Some(s),
        end: Some(month_end(y, m)),
        kind: TimexType::Date,
        relative,
    })
}
fn year(y: i32, relative: bool) -> Option<Val> {
    Some(Val {
        value: format!("{y:04}"),
        precision: Some(Precision::Year),
        start: NaiveDate::from_ymd_opt(y, 1, 1),
        end: NaiveDate::from_ymd_opt(y, 12, 31),
        kind: TimexType::Date,
        relative,
    })
}
fn week_of(d: NaiveDate) -> Val {
    let w = d.iso_week();
    let mon = d - Duration::days(d.weekday().num_days_from_monday() as i64);
    Val {
        value: format!("{:04}-W{:02}", w.year(), w.week()),
        precision: Some(Precision::Week),
        start: Some(mon),
        end: Some(mon + Duration::days(6)),
        kind: TimexType::Date,
        relative: true,
    }
}
fn unresolved(value: &str, precision: Precision) -> Val {
    Val {
        value: value.into(),
        precision: Some(precision),
        start: None,
        end: None,
        kind: TimexType::Date,
        relative: true,
    }
}

/// Words that mark the clause as future-oriented.
fn future_cue(words: &[String], at: usize) -> bool {
    let lo = at.saturating_sub(8);
    words[lo..at].iter().any(|w| {
        matches!(
            w.as_str(),
            "will"
                | "'ll"
                | "’ll"
                | "shall"
                | "plans"
                | "planned"
                | "scheduled"
                | "expected"
                | "next"
                | "upcoming"
        )
    })
}

/// The year that puts month/day nearest to the anchor (past-leaning unless
/// the clause is future-oriented).
fn nearest_year(anchor: NaiveDate, m: u32, d: u32, future: bool) -> Option<NaiveDate> {
    let mut best: Option<(i64, NaiveDate)> = None;
    for y in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
        if let Some(c) = NaiveDate::from_ymd_opt(y, m, d) {
            let diff = (c - anchor).num_days();
            // Past-tense news: a date up to a week ahead is still "this year's".
            let cost = if future {
                if diff < 0 {
                    diff.abs() * 3
                } else {
                    diff
                }
            } else if diff > 7 {
                diff * 3
            } else {
                diff.abs()
            };
            if best.is_none_or(|(b, _)| cost < b) {
                best = Some((cost, c));
            }
        }
    }
    best.map(|x| x.1)
}

/// Finds and normalises the time expressions of a text.
pub fn extract(text: &str, an: &Analysis, dct: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut last_day: Option<NaiveDate> = None;
    for sent in &an.sentences {
        let toks = &an.tokens[sent.tokens.0..sent.tokens.1];
        let words: Vec<String> = toks.iter().map(|t| t.text(text).to_lowercase()).collect();
        let orig: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let mut i = 0;
        while i < toks.len() {
            if let Some((len, val)) = match_at(
                &words,
                &orig,
                toks.iter().map(|t| t.kind).collect::<Vec<_>>().as_slice(),
                i,
                dct,
                last_day,
            ) {
                let (s, e) = (toks[i].start, toks[i + len - 1].end);
                if val.precision == Some(Precision::Day) {
                    last_day = val.start;
                }
                out.push(TimeExpr {
                    text: text[s..e].to_string(),
                    start: s,
                    end: e,
                    kind: val.kind,
                    value: val.value,
                    precision: val.precision,
                    start_date: val.start,
                    end_date: val.end,
                    relative: val.relative,
                });
                i += len;
            } else {
                i += 1;
            }
        }
    }
    out
}

fn is_year_number(w: &str, kind: TokKind) -> Option<i32> {
    if kind != TokKind::Number || w.len() != 4 {
        return None;
    }
    w.parse::<i32>().ok().filter(|y| (1800..=2100).contains(y))
}

fn match_at(
    w: &[String],
    orig: &[&str],
    kinds: &[TokKind],
    i: usize,
    dct: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
) -> Option<(usize, Val)> {
    let get = |k: usize| w.get(k).map(|s| s.as_str()).unwrap_or("");
    let a = get(i);
    let future = future_cue(w, i);
    let cap = orig[i].chars().next().is_some_and(|c| c.is_uppercase());

    // Month-first dates: "September 19", "Sept. 19, 2025", "September 2025", "September".
    if let Some(m) = month_of(a) {
        // "may" and "march" are months only when capitalised and near numbers.
        if matches!(a, "may" | "march") && !cap {
            return None;
        }
        let dnum = get(i + 1)
            .trim_end_matches(['s', 't', 'h', 'n', 'd', 'r'])
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d) && kinds.get(i + 1) == Some(&TokKind::Number));
        if let Some(d) = dnum {
            let (yi, has_comma) = if get(i + 2) == "," {
                (i + 3, true)
            } else {
                (i + 2, false)
            };
            if let Some(y) = w.get(yi).and_then(|s| is_year_number(s, kinds[yi])) {
                return NaiveDate::from_ymd_opt(y, m, d).map(|x| (yi + 1 - i, day(x, false)));
            }
            let _ = has_comma;
            let v = match dct.and_then(|a| nearest_year(a, m, d, future)) {
                Some(x) => day(x, true),
                None => unresolved(&format!("XXXX-{m:02}-{d:02}"), Precision::Day),
            };
            return Some((2, v));
        }
        if let Some(y) = w.get(i + 1).and_then(|s| is_year_number(s, kinds[i + 1])) {
            return month(y, m, false).map(|v| (2, v));
        }
        if !cap || a == "may" {
            return None;
        }
        // A bare month: the nearest one (past-leaning).
        let v = match dct.and_then(|a| nearest_year(a, m, 1, future)) {
            Some(x) => month(x.year(), m, true)?,
            None => unresolved(&format!("XXXX-{m:02}"), Precision::Month),
        };
        return Some((1, v));
    }
    // Day-first: "19 September 2025", "19 September".
    if kinds[i] == TokKind::Number {
        if let (Ok(d), Some(m)) = (a.parse::<u32>(), month_of(get(i + 1))) {
            if (1..=31).contains(&d) {
                if let Some(y) = w.get(i + 2).and_then(|s| is_year_number(s, kinds[i + 2])) {
                    return NaiveDate::from_ymd_opt(y, m, d).map(|x| (3, day(x, false)));
                }
                let v = match dct.and_then(|a| nearest_year(a, m, d, future)) {
                    Some(x) => day(x, true),
                    None => unresolved(&format!("XXXX-{m:02}-{d:02}"), Precision::Day),
                };
                return Some((2, v));
            }
        }
        // Decades: "1990s".
        if a.len() == 5 && a.ends_with('s') {
            if let Ok(y) = a[..4].parse::<i32>() {
                if (1800..=2090).contains(&y) && y % 10 == 0 {
                    let v = Val {
                        value: format!("{}X", &a[..3]),
                        precision: Some(Precision::Decade),
                        start: NaiveDate::from_ymd_opt(y, 1, 1),
                        end: NaiveDate::from_ymd_opt(y + 9, 12, 31),
                        kind: TimexType::Date,
                        relative: false,
                    };
                    return Some((1, v));
                }
            }
        }
        // A year: "in 2013", "the 2013 bombing", "2019's".
        if let Some(y) = is_year_number(a, kinds[i]) {
            let prev = if i > 0 { get(i - 1) } else { "" };
            let next = get(i + 1);
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
            );
            if (yearish_prev || i == 0) && !count_next {
                return year(y, false).map(|v| (1, v));
            }
        }
    }
    // Weekdays: "Friday", "last Friday", "next Friday".
    let (shift, wi) = match a {
        "last" | "past" => (-1, i + 1),
        "next" | "coming" => (1, i + 1),
        "this" => (0, i + 1),
        _ => (0, i),
    };
    if let Some(wd) = weekday_of(get(wi)) {
        let len = wi + 1 - i;
        let v = match dct {
            Some(a) => {
                let back = (7 + a.weekday().num_days_from_monday() as i64
                    - wd.num_days_from_monday() as i64)
                    % 7;
                let fwd = (7 - back) % 7;
                let d = if shift > 0 || (shift == 0 && future && wi == i) {
                    a + Duration::days(if fwd == 0 { 7 } else { fwd })
                } else if shift < 0 {
                    a - Duration::days(if back == 0 { 7 } else { back })
                } else {
                    a - Duration::days(back)
                };
                day(d, true)
            }
            None => unresolved("XXXX-XX-XX", Precision::Day),
        };
        return Some((len, v));
    }
    // Deictic days.
    let deictic = match a {
        "today" | "tonight" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(off) = deictic {
        let v = match dct {
            Some(d) => day(d + Duration::days(off), true),
            None => unresolved("XXXX-XX-XX", Precision::Day),
        };
        return Some((1, v));
    }
    // "last/this/next week|month|year", with "earlier/later this …".
    let (lead, k) = match a {
        "earlier" | "later" if matches!(get(i + 1), "this" | "last" | "next") => (Some(a), i + 1),
        _ => (None, i),
    };
    let rel = get(k);
    if matches!(rel, "last" | "this" | "next" | "past") {
        let unit = get(k + 1);
        if let Some(u) = unit_of(unit).filter(|_| !unit.ends_with('s') || unit == "this") {
            let off = match rel {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            let len = k + 2 - i;
            let Some(d) = dct else {
                return Some((len, unresolved("XXXX", Precision::Year)));
            };
            let mut v = match u {
                'W' => week_of(d + Duration::weeks(off)),
                'M' => {
                    let (y, m) = add_months(d.year(), d.month(), off as i32);
                    month(y, m, true)?
                }
                'Y' => year(d.year() + off as i32, true)?,
                _ => return None,
            };
            v.relative = true;
            if off == 0 {
                if lead == Some("earlier") {
                    v.end = Some((d - Duration::days(1)).max(v.start.unwrap_or(d)));
                } else if lead == Some("later") {
                    v.start = Some(d);
                }
            }
            return Some((len, v));
        }
    }
    // "two days ago", "three weeks later", "a month-long".
    if let Some(n) = number_word(a) {
        let unit = get(i + 1);
        if let Some(u) = unit_of(unit) {
            let after = get(i + 2);
            if after == "ago" {
                if let Some(d) = dct {
                    let v = match u {
                        'D' => day(d - Duration::days(n as i64), true),
                        'W' => week_of(d - Duration::weeks(n as i64)),
                        'M' => {
                            let (y, m) = add_months(d.year(), d.month(), -(n as i32));
                            month(y, m, true)?
                        }
                        'Y' => year(d.year() - n as i32, true)?,
                        _ => return None,
                    };
                    return Some((3, v));
                }
            }
            if matches!(after, "later" | "earlier" | "before") && u == 'D' {
                if let Some(base) = last_day.or(dct) {
                    let sign = if after == "later" { 1 } else { -1 };
                    return Some((3, day(base + Duration::days(sign * n as i64), true)));
                }
            }
            // "a day" is a duration only after "for", "over", "within"…
            let article = matches!(a, "a" | "an");
            let duration_cue = matches!(
                get(i.wrapping_sub(1)),
                "for" | "over" | "past" | "last" | "within" | "after"
            );
            if u != 'H' && (!article || duration_cue) {
                let unit_code = if u == 'E' {
                    "10Y".to_string()
                } else {
                    u.to_string()
                };
                let value = if u == 'E' {
                    format!("P{}Y", n * 10)
                } else {
                    format!("P{n}{unit_code}")
                };
                return Some((
                    2,
                    Val {
                        value,
                        precision: None,
                        start: None,
                        end: None,
                        kind: TimexType::Duration,
                        relative: false,
                    },
                ));
            }
        }
    }
    if let Some(u) = a.strip_suffix("-long").and_then(unit_of) {
        return Some((
            1,
            Val {
                value: format!("P1{u}"),
                precision: None,
                start: None,
                end: None,
                kind: TimexType::Duration,
                relative: false,
            },
        ));
    }
    if matches!(a, "the") && matches!(get(i + 1), "next" | "following") && get(i + 2) == "day" {
        if let Some(base) = last_day.or(dct) {
            return Some((3, day(base + Duration::days(1), true)));
        }
    }
    if matches!(a, "now" | "currently" | "nowadays") {
        return Some((
            1,
            Val {
                value: "PRESENT_REF".into(),
                precision: None,
                start: dct,
                end: dct,
                kind: TimexType::Date,
                relative: true,
            },
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }
    fn run(text: &str, dct: NaiveDate) -> Vec<TimeExpr> {
        let an = sitrep_text::segment(text);
        extract(text, &an, Some(dct))
    }
    fn one(text: &str, dct: NaiveDate) -> TimeExpr {
        let v = run(text, dct);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn weekday_is_the_last_one_in_past_news() {
        // 2025-09-20 is a Saturday.
        let t = one(
            "The army reported Friday that it had withdrawn.",
            d(2025, 9, 20),
        );
        assert_eq!(
            (t.text.as_str(), t.value.as_str()),
            ("Friday", "2025-09-19")
        );
        // Said on a Friday, "Friday" is that day.
        assert_eq!(
            one("Officials said on Friday.", d(2025, 9, 19)).value,
            "2025-09-19"
        );
        assert_eq!(
            one("Talks resume next Friday.", d(2025, 9, 19)).value,
            "2025-09-26"
        );
        assert_eq!(
            one("Talks will resume on Monday.", d(2025, 9, 19)).value,
            "2025-09-22"
        );
    }

    #[test]
    fn month_day_without_year_takes_the_nearest() {
        assert_eq!(
            one("On September 19, forces raided a house.", d(2025, 9, 20)).value,
            "2025-09-19"
        );
        assert_eq!(
            one("It began on December 30.", d(2026, 1, 2)).value,
            "2025-12-30"
        );
        let t = one("a raid on Aug. 19, 2025 in the town", d(2025, 9, 20));
        assert_eq!(
            (t.value.as_str(), t.precision),
            ("2025-08-19", Some(Precision::Day))
        );
        assert_eq!(one("on 3 March 2024", d(2025, 9, 20)).value, "2024-03-03");
    }

    #[test]
    fn years_decades_and_counts() {
        let t = one("involved in the 2013 bombing", d(2025, 9, 20));
        assert_eq!(
            (t.value.as_str(), t.start_date, t.end_date),
            ("2013", Some(d(2013, 1, 1)), Some(d(2013, 12, 31)))
        );
        assert_eq!(one("fighting in the 1990s", d(2025, 9, 20)).value, "199X");
        assert!(run("The blast killed 2013 people.", d(2025, 9, 20)).is_empty());
    }

    #[test]
    fn weeks_months_relative() {
        let t = one("ISIS killed a member of the SDF last week.", d(2025, 9, 20));
        assert_eq!(
            (t.value.as_str(), t.start_date, t.end_date),
            ("2025-W37", Some(d(2025, 9, 8)), Some(d(2025, 9, 14)))
        );
        let t = one("He was in Damascus earlier this month.", d(2025, 9, 20));
        assert_eq!(
            (t.value.as_str(), t.precision, t.start_date, t.end_date),
            (
                "2025-09",
                Some(Precision::Month),
                Some(d(2025, 9, 1)),
                Some(d(2025, 9, 19))
            )
        );
        assert_eq!(one("last month", d(2025, 1, 15)).value, "2024-12");
        assert_eq!(one("next year", d(2025, 1, 15)).value, "2026");
        // ISO week across a year end: 2021-01-01 is in 2020-W53.
        assert_eq!(one("last week", d(2021, 1, 8)).value, "2020-W53");
    }

    #[test]
    fn ago_later_and_durations() {
        assert_eq!(one("two days ago", d(2024, 3, 1)).value, "2024-02-28"); // leap year
        let v = run(
            "The raid was on March 3, 2024. Two days later, troops left.",
            d(2024, 3, 10),
        );
        assert_eq!(v[1].value, "2024-03-05");
        assert_eq!(
            one("a three-week siege lasted 3 months", d(2024, 3, 10)).value,
            "P3M"
        );
        assert_eq!(one("a month-long siege", d(2024, 3, 10)).value, "P1M");
    }
}
