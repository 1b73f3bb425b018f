//! Word tables of the time stage: months, weekdays, seasons, parts of day,
//! units, holidays and numbers written as words.

use chrono::Weekday;

pub fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" | "jan." => 1,
        "february" | "feb" | "feb." => 2,
        "march" | "mar." => 3,
        "april" | "apr" | "apr." => 4,
        "may" => 5,
        "june" | "jun" | "jun." => 6,
        "july" | "jul" | "jul." => 7,
        "august" | "aug" | "aug." => 8,
        "september" | "sept" | "sept." | "sep" | "sep." => 9,
        "october" | "oct" | "oct." => 10,
        "november" | "nov" | "nov." => 11,
        "december" | "dec" | "dec." => 12,
        _ => return None,
    })
}

pub fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" | "mon." => Weekday::Mon,
        "tuesday" | "tue." | "tues." => Weekday::Tue,
        "wednesday" | "wed." => Weekday::Wed,
        "thursday" | "thu." | "thur." | "thurs." => Weekday::Thu,
        "friday" | "fri." => Weekday::Fri,
        "saturday" | "sat." => Weekday::Sat,
        "sunday" | "sun." => Weekday::Sun,
        _ => return None,
    })
}

/// Seasons as TIMEX3 codes.
pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Parts of the day as TIMEX3 codes.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" | "mornings" => "MO",
        "afternoon" | "afternoons" => "AF",
        "evening" | "evenings" => "EV",
        "night" | "nights" | "overnight" => "NI",
        _ => return None,
    })
}

/// Calendar units. `code` is the TIMEX3 duration letter; time units are
/// written after a `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub fn is_time(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
    /// The TIMEX3 duration for `n` of this unit (`None` = unknown count).
    pub fn duration(self, n: Option<f64>) -> String {
        let (t, letter) = match self {
            Unit::Second => ("T", "S"),
            Unit::Minute => ("T", "M"),
            Unit::Hour => ("T", "H"),
            Unit::Day => ("", "D"),
            Unit::Week => ("", "W"),
            Unit::Month => ("", "M"),
            Unit::Quarter => ("", "Q"),
            Unit::Year => ("", "Y"),
            Unit::Decade => ("", "DE"),
            Unit::Century => ("", "CE"),
        };
        let Some(n) = n else {
            return format!("P{t}X{letter}");
        };
        if n.fract() == 0.0 {
            return match self {
                Unit::Decade => format!("P{}Y", n as u64 * 10),
                Unit::Century => format!("P{}Y", n as u64 * 100),
                _ => format!("P{t}{}{letter}", n as u64),
            };
        }
        // Halves: "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M.
        let whole = n.trunc() as u64;
        let (sub, sub_letter, sub_n) = match self {
            Unit::Year => ("", "M", (n.fract() * 12.0).round() as u64),
            Unit::Month => ("", "D", (n.fract() * 30.0).round() as u64),
            Unit::Week => ("", "D", (n.fract() * 7.0).round() as u64),
            Unit::Day => ("T", "H", (n.fract() * 24.0).round() as u64),
            Unit::Hour => ("", "M", (n.fract() * 60.0).round() as u64),
            Unit::Minute => ("", "S", (n.fract() * 60.0).round() as u64),
            _ => ("", letter, 0),
        };
        if whole == 0 {
            return format!("P{t}{sub}{sub_n}{sub_letter}").replace("PTT", "PT");
        }
        format!("P{t}{whole}{letter}{sub}{sub_n}{sub_letter}")
    }
}

/// A unit word, and whether it was plural.
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) => (s, true),
        None => (w, false),
    };
    let u = match stem {
        "second" | "sec" => Unit::Second,
        "minute" | "min" => Unit::Minute,
        "hour" | "hr" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" | "yr" => Unit::Year,
        "decade" => Unit::Decade,
        "centurie" if plural => Unit::Century,
        "century" => Unit::Century,
        _ => return None,
    };
    Some((u, plural))
}

const SMALL: &[&str] = &[
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
];

fn tens(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// A cardinal number written as one word or digits: "three", "twenty-four",
/// "dozen", "1,000", "a"/"an" (one).
pub fn number_word(w: &str) -> Option<u32> {
    if let Some(i) = SMALL.iter().position(|x| *x == w) {
        return Some(i as u32);
    }
    if let Some(t) = tens(w) {
        return Some(t);
    }
    if let Some((a, b)) = w.split_once('-') {
        if let (Some(t), Some(u)) = (tens(a), SMALL.iter().position(|x| *x == b)) {
            if (1..10).contains(&u) {
                return Some(t + u as u32);
            }
        }
    }
    match w {
        "a" | "an" => Some(1),
        "hundred" => Some(100),
        "thousand" => Some(1000),
        "dozen" => Some(12),
        _ => {
            if w.is_empty() || !w.bytes().all(|b| b.is_ascii_digit() || b == b',') {
                return None;
            }
            w.replace(',', "").parse().ok()
        }
    }
}

/// Ordinals as words or digits with a suffix: "third", "3rd", "twenty-first".
pub fn ordinal(w: &str) -> Option<u32> {
    const ORD: &[&str] = &[
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if let Some(i) = ORD.iter().position(|x| *x == w) {
        return Some(i as u32);
    }
    if let Some((a, b)) = w.split_once('-') {
        if let (Some(t), Some(u)) = (tens(a), ORD.iter().position(|x| *x == b)) {
            return Some(t + u as u32);
        }
    }
    if w == "thirtieth" {
        return Some(30);
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th") {
        return digits.parse().ok();
    }
    None
}

/// Holidays with a fixed date: (month, day).
pub fn fixed_holiday(words: &[&str]) -> Option<(usize, u32, u32)> {
    let h = |n: usize, m: u32, d: u32| Some((n, m, d));
    match words {
        ["christmas", "eve", ..] => h(2, 12, 24),
        ["christmas", "day", ..] => h(2, 12, 25),
        ["christmas", ..] => h(1, 12, 25),
        ["new", "year's" | "year’s", "day", ..] => h(3, 1, 1),
        ["new", "year's" | "year’s", "eve", ..] => h(3, 12, 31),
        ["independence", "day", ..] => h(2, 7, 4),
        ["halloween", ..] => h(1, 10, 31),
        ["valentine's" | "valentine’s", "day", ..] => h(2, 2, 14),
        ["veterans", "day", ..] => h(2, 11, 11),
        ["labor" | "labour", "day", ..] => h(2, 5, 1),
        _ => None,
    }
}
