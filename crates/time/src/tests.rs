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
/// (text, value) of the single expression found.
fn tv(text: &str, dct: NaiveDate) -> (String, String) {
    let t = one(text, dct);
    (t.text, t.value)
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
    assert_eq!(
        (t.start_date, t.end_date),
        (Some(d(2025, 9, 19)), Some(d(2025, 9, 19)))
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
    assert_eq!(
        one("He was freed last Tuesday.", d(2025, 9, 19)).value,
        "2025-09-16"
    );
}

#[test]
fn month_day_without_year_follows_tense() {
    assert_eq!(
        one("On September 19, forces raided a house.", d(2025, 9, 20)).value,
        "2025-09-19"
    );
    // Across a year boundary.
    assert_eq!(
        one("It began on December 30.", d(2026, 1, 2)).value,
        "2025-12-30"
    );
    assert_eq!(
        one("Elections will be held on January 4.", d(2025, 12, 20)).value,
        "2026-01-04"
    );
    let t = one("a raid on Aug. 19, 2025 in the town", d(2025, 9, 20));
    assert_eq!(
        (t.value.as_str(), t.precision),
        ("2025-08-19", Some(Precision::Day))
    );
    assert_eq!(one("on 3 March 2024", d(2025, 9, 20)).value, "2024-03-03");
    assert_eq!(
        one("on the 3rd of March 2024", d(2025, 9, 20)).value,
        "2024-03-03"
    );
    // Leap day.
    let t = one("Voting ended on Feb. 29, 2024.", d(2024, 3, 5));
    assert_eq!(t.end_date, Some(d(2024, 2, 29)));
    // A bare month: the last one in past tense, the next one in future.
    assert_eq!(
        one("Prices fell in December.", d(2025, 3, 4)).value,
        "2024-12"
    );
    assert_eq!(
        one("The vote will take place in December.", d(2025, 3, 4)).value,
        "2025-12"
    );
    // An intention looks ahead, though its verb is a past form: 22 March
    // 1998 was a Sunday.
    assert_eq!(
        one("The talks are set to resume Monday.", d(1998, 3, 22)).value,
        "1998-03-23"
    );
    assert_eq!(
        one("The team planned to leave on Thursday.", d(1998, 9, 30)).value,
        "1998-10-01"
    );
    assert_eq!(
        one("The team left on Thursday.", d(1998, 9, 30)).value,
        "1998-09-24"
    );
    let t = one("in September 2025", d(2025, 9, 20));
    assert_eq!(
        (t.start_date, t.end_date),
        (Some(d(2025, 9, 1)), Some(d(2025, 9, 30)))
    );
    assert_eq!(one("since 1998-03-04", d(2025, 9, 20)).value, "1998-03-04");
    assert!(run("She may leave.", d(2025, 9, 20)).is_empty());
}

#[test]
fn the_past_year_is_last_year() {
    assert_eq!(
        tv("Hate groups grew over the past year.", d(1998, 2, 13)),
        ("the past year".to_string(), "1997".to_string())
    );
    assert_eq!(
        tv("Sales fell in the past month.", d(1998, 1, 10)),
        ("the past month".to_string(), "1997-12".to_string())
    );
    // A decade or a century is no calendar unit here.
    assert!(run("It grew over the past century.", d(1989, 10, 2)).is_empty());
    // With a count it stays a stretch of time.
    assert_eq!(
        tv("It grew over the past two years.", d(1998, 2, 13)).1,
        "P2Y"
    );
}

#[test]
fn years_decades_centuries() {
    let t = one("involved in the 2013 bombing", d(2025, 9, 20));
    assert_eq!(
        (t.text.as_str(), t.value.as_str(), t.start_date, t.end_date),
        ("2013", "2013", Some(d(2013, 1, 1)), Some(d(2013, 12, 31)))
    );
    // After "since" the number is a year, even before "were"; after "by"
    // a count may follow.
    assert_eq!(
        tv(
            "Eight of the killings since 1993 were solved.",
            d(1998, 4, 2)
        ),
        ("1993".to_string(), "1993".to_string())
    );
    assert!(run("It was reinforced by 2000 troops.", d(1998, 4, 2)).is_empty());
    // A year after a possessive or "into", "both": "its 1990 invasion".
    assert_eq!(
        tv("after its 1990 invasion of Kuwait", d(1998, 3, 6)),
        ("1990".to_string(), "1990".to_string())
    );
    assert_eq!(
        tv("we expect that to continue into 1990.", d(1989, 10, 30)),
        ("1990".to_string(), "1990".to_string())
    );
    assert!(run("It sold its 1990 shares.", d(1998, 4, 2)).is_empty());
    // After an article or a demonstrative: "a 1996 law", "That 1978
    // resolution"; a number before a measure is still a count.
    assert_eq!(
        tv("A 1996 law named for him passed.", d(2000, 1, 15)),
        ("1996".to_string(), "1996".to_string())
    );
    assert_eq!(
        tv("That 1978 resolution stands.", d(1998, 4, 2)),
        ("1978".to_string(), "1978".to_string())
    );
    assert!(run("It saw a 2000 percent rise.", d(1998, 4, 2)).is_empty());
    assert!(run("They dropped a 2000 pound bomb.", d(1998, 4, 2)).is_empty());
    assert_eq!(
        tv("It sold bonds due 1993.", d(1989, 11, 2)),
        ("1993".to_string(), "1993".to_string())
    );
    let t = one("fighting in the 1990s", d(2025, 9, 20));
    assert_eq!(
        (t.text.as_str(), t.value.as_str(), t.precision),
        ("the 1990s", "199", Some(Precision::Decade))
    );
    assert_eq!(
        one("since the early 1980s", d(2025, 9, 20)).text,
        "the early 1980s"
    );
    assert_eq!(
        tv("back in the nineties", d(2025, 9, 20)),
        ("the nineties".into(), "199".into())
    );
    let t = one("in the 20th century", d(2025, 9, 20));
    assert_eq!(
        (t.value.as_str(), t.start_date),
        ("19", Some(d(1900, 1, 1)))
    );
    assert_eq!(
        one("profit in fiscal 1989 rose", d(1989, 11, 2)).value,
        "1989"
    );
    assert_eq!(one("in nineteen ninety-six", d(1998, 1, 2)).value, "1996");
    assert!(run("The blast killed 2013 people.", d(2025, 9, 20)).is_empty());
}

#[test]
fn weeks_months_quarters_seasons() {
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
    assert_eq!(one("next week", d(2025, 12, 24)).value, "2026-W01");
    let t = one("Profit rose in the third quarter.", d(1989, 11, 2));
    assert_eq!(
        (t.text.as_str(), t.value.as_str()),
        ("the third quarter", "1989-Q3")
    );
    assert_eq!(
        (t.start_date, t.end_date),
        (Some(d(1989, 7, 1)), Some(d(1989, 9, 30)))
    );
    assert_eq!(one("third-quarter profit", d(1989, 11, 2)).value, "1989-Q3");
    assert_eq!(
        one("the fourth quarter of 1990", d(1989, 11, 2)).value,
        "1990-Q4"
    );
    assert_eq!(
        tv("They met last fall.", d(1999, 4, 10)),
        ("last fall".into(), "1998-FA".into())
    );
    assert_eq!(one("this summer", d(1998, 3, 22)).value, "1998-SU");
}

#[test]
fn deictic_days_and_clock_times() {
    assert_eq!(
        one("Officials said today.", d(2024, 3, 1)).value,
        "2024-03-01"
    );
    assert_eq!(one("He left yesterday.", d(2024, 3, 1)).value, "2024-02-29");
    let t = one("The blast came at 10:35 a.m. Friday.", d(1998, 8, 8));
    assert_eq!(
        (t.text.as_str(), t.value.as_str(), t.kind),
        ("10:35 a.m. Friday", "1998-08-07T10:35", TimexType::Time)
    );
    assert_eq!(
        one("Troops moved in Friday morning.", d(1998, 8, 8)).value,
        "1998-08-07TMO"
    );
    assert_eq!(
        one("Shelling resumed last night.", d(1998, 8, 8)).value,
        "1998-08-07TNI"
    );
    assert_eq!(
        one("They met at noon Thursday.", d(1998, 8, 8)).value,
        "1998-08-06T12:00"
    );
    // A part of the day before the day: "mid-afternoon yesterday".
    let t = one("Trading halted mid-afternoon yesterday.", d(1989, 11, 2));
    assert_eq!(
        (t.text.as_str(), t.value.as_str(), t.kind),
        ("mid-afternoon yesterday", "1989-11-01TAF", TimexType::Time)
    );
    // An hour with its part of the day; 2000-04-05 is a Wednesday.
    let dct = d(2000, 4, 5);
    assert_eq!(
        tv("Shelling began at nine in the evening.", dct),
        (
            "nine in the evening".to_string(),
            "2000-04-05T21:00".to_string()
        )
    );
    assert_eq!(
        tv("The blast came at 11 at night.", dct).1,
        "2000-04-05T23:00"
    );
    assert_eq!(tv("It ended at 2 at night.", dct).1, "2000-04-05T02:00");
    // A day after "on" dates the clock time and stays its own expression.
    let v: Vec<(String, String)> = run("He leaves at 4 in the morning on Thursday.", dct)
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect();
    assert_eq!(
        v,
        [
            (
                "4 in the morning".to_string(),
                "2000-04-06T04:00".to_string()
            ),
            ("Thursday".to_string(), "2000-04-06".to_string())
        ]
    );
    assert_eq!(
        run("The attack began at 4 a.m. on Friday.", d(2025, 9, 20))[0].value,
        "2025-09-19T04:00"
    );
    // A count before "in the morning" that is no hour is no time.
    assert!(run("Some 40 in the morning shift were hurt.", dct).is_empty());
}

#[test]
fn ago_later_and_durations() {
    assert_eq!(one("two days ago", d(2024, 3, 1)).value, "2024-02-28"); // leap year
    let v = run(
        "The raid was on March 3, 2024. Two days later, troops left.",
        d(2024, 3, 10),
    );
    assert_eq!(v[1].value, "2024-03-05");
    let v = run(
        "The raid was on March 3, 2024. The next day, troops left.",
        d(2024, 3, 10),
    );
    assert_eq!(v[1].value, "2024-03-04");
    let v = run("a three-week siege lasted 3 months", d(2024, 3, 10));
    assert_eq!(
        v.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
        ["P3W", "P3M"]
    );
    assert_eq!(one("a month-long siege", d(2024, 3, 10)).value, "P1M");
    assert_eq!(
        tv("over the past three months", d(2024, 3, 10)),
        ("the past three months".into(), "P3M".into())
    );
    assert_eq!(
        tv("It took nearly two years.", d(2024, 3, 10)),
        ("nearly two years".into(), "P2Y".into())
    );
    assert_eq!(one("after 2 1/2 years", d(2024, 3, 10)).value, "P2Y6M");
    assert_eq!(one("for 5 1/2 hours", d(2024, 3, 10)).value, "PT5H30M");
    assert_eq!(one("for several years", d(2024, 3, 10)).value, "PXY");
    assert_eq!(one("a 16-hour standoff", d(2024, 3, 10)).value, "PT16H");
    assert_eq!(
        one("a twenty-four hour curfew", d(2024, 3, 10)).value,
        "PT24H"
    );
    // Ages are not time expressions.
    assert!(run("an 8-month-old girl", d(2024, 3, 10)).is_empty());
}

#[test]
fn references_and_sets() {
    assert_eq!(
        one("Prices are now falling.", d(2024, 3, 10)).value,
        "PRESENT_REF"
    );
    assert_eq!(
        one("He recently resigned.", d(2024, 3, 10)).value,
        "PAST_REF"
    );
    // "Now," opening a sentence turns the story; "For now," is a time.
    assert!(run("Now, he says, it looks bad.", d(2024, 3, 10)).is_empty());
    assert_eq!(
        tv("For now, the plan holds.", d(2024, 3, 10)),
        ("now".to_string(), "PRESENT_REF".to_string())
    );
    assert_eq!(
        one("in the near future", d(2024, 3, 10)).value,
        "FUTURE_REF"
    );
    let t = one("The paper is printed daily.", d(2024, 3, 10));
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Set, "P1D"));
    assert_eq!(
        one("They meet each Thursday.", d(2024, 3, 10)).value,
        "XXXX-WXX-4"
    );
}

#[test]
fn without_a_document_date() {
    let an_text = "Forces withdrew on Friday, two days ago.";
    let an = sitrep_text::segment(an_text);
    let v = extract(an_text, &an, None);
    assert_eq!(v[0].value, "XXXX-XX-XX");
    assert!(v[0].start_date.is_none());
}

#[test]
fn interval_of_values() {
    assert_eq!(
        interval("2020-W53"),
        Some((Precision::Week, d(2020, 12, 28), d(2021, 1, 3)))
    );
    assert_eq!(
        interval("2024-02"),
        Some((Precision::Month, d(2024, 2, 1), d(2024, 2, 29)))
    );
    assert_eq!(
        interval("1999-WI"),
        Some((Precision::Quarter, d(1999, 12, 1), d(2000, 2, 29)))
    );
    assert_eq!(interval("PRESENT_REF"), None);
    assert_eq!(interval("2024-13"), None);
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,200}", y in -5000i32..10000, doy in 1u32..366) {
        let dct = NaiveDate::from_yo_opt(y, doy);
        let an = sitrep_text::segment(&s);
        for t in extract(&s, &an, dct) {
            proptest::prop_assert_eq!(&s[t.start..t.end], t.text.as_str());
        }
    }

    #[test]
    fn never_panics_on_date_words(
        words in proptest::collection::vec(proptest::sample::select(vec![
            "the", "last", "next", "Friday", "May", "3", "31", "2024", "9999", "0", "years", "ago",
            "later", "quarter", "third", "-", "a", "1/2", "10:35", "p.m.", "morning", "earlier",
            "this", "week", "fiscal", "1990s", "Dec.", ",", "each", "day", "that", "year", "nineteen",
            "ninety", "25:99", "13/45/2020", "9999-99-99", "weekend", "past", "following",
        ]), 0..12),
        y in -3000i32..9000, doy in 1u32..366,
    ) {
        let s = words.join(" ");
        let an = sitrep_text::segment(&s);
        let _ = extract(&s, &an, NaiveDate::from_yo_opt(y, doy));
    }
}

#[test]
fn month_with_a_relative_year() {
    let dct = d(2025, 1, 8);
    assert_eq!(
        tv("The ceasefire collapsed in June last year.", dct),
        ("June last year".into(), "2024-06".into())
    );
    assert_eq!(
        tv("Elections are due in March of next year.", dct),
        ("March of next year".into(), "2026-03".into())
    );
    let t = one("Fighting resumed in January this year.", dct);
    assert_eq!(t.value, "2025-01");
    assert_eq!(
        (t.start_date, t.end_date),
        (Some(d(2025, 1, 1)), Some(d(2025, 1, 31)))
    );
}

#[test]
fn day_and_month_names_without_capitals() {
    // 1989-11-20 is a Monday.
    let dct = d(1989, 11, 20);
    let v = run(
        "guerrillas attacked the garrison on tuesday, the army said. \
         the offensive began on 11 november and may go on until january.",
        dct,
    );
    let got: Vec<(&str, &str)> = v
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("tuesday", "1989-11-14"),
            ("11 november", "1989-11-11"),
            ("january", "1990-01")
        ]
    );
    // With capitals elsewhere, a lowercase "may" or "sunday" is no date.
    assert!(run("They may visit. He said sunday was fine.", dct).is_empty());
}

#[test]
fn dates_a_little_ahead_in_past_tense_clauses_stay_in_the_year() {
    // Past tense, but the vote is three weeks ahead.
    assert_eq!(
        one("The vote was set for Nov. 20.", d(1989, 11, 2)).value,
        "1989-11-20"
    );
    assert_eq!(
        one(
            "The board approved the dividend, payable Nov. 20.",
            d(1989, 11, 2)
        )
        .value,
        "1989-11-20"
    );
    // Months ahead, a past-tense date is last year's.
    assert_eq!(
        one("The plant closed on Sept. 20.", d(1989, 3, 2)).value,
        "1988-09-20"
    );
    // "succeed" is no past form: the clause looks ahead.
    assert_eq!(
        one("Mr. Smith will succeed Mr. Jones Feb. 1.", d(1989, 10, 26)).value,
        "1990-02-01"
    );
    // A future-tense date a few days back is still this year's.
    assert_eq!(
        one("Talks that began Aug. 7 will resume.", d(1998, 8, 18)).value,
        "1998-08-07"
    );
}

#[test]
fn is_to_looks_ahead() {
    // 1989-10-27 is a Friday.
    assert_eq!(
        one(
            "The stock is to resume trading in Paris Tuesday.",
            d(1989, 10, 27)
        )
        .value,
        "1989-10-31"
    );
}

#[test]
fn the_following_month_counts_from_the_last_month_mentioned() {
    let v = run(
        "The talks failed in March 1989. The following month, the company was sold.",
        d(1989, 10, 27),
    );
    assert_eq!(v[1].text, "The following month");
    assert_eq!(v[1].value, "1989-04");
}

#[test]
fn recent_months_is_a_duration_recent_years_the_past() {
    let t = one("Prices rose in recent months.", d(1998, 4, 2));
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Duration, "PXM"));
    let t = one("Prices rose in recent quarters.", d(1998, 4, 2));
    assert_eq!(t.value, "PXM");
    assert_eq!(
        one("Prices rose in recent years.", d(1998, 4, 2)).value,
        "PAST_REF"
    );
}

#[test]
fn may_alone_is_the_month_beside_a_date_word() {
    let dct = d(2000, 3, 29);
    assert_eq!(
        tv("The two presidents signed the treaty last May.", dct),
        ("last May".to_string(), "1999-05".to_string())
    );
    assert_eq!(
        tv("The case will be heard in May.", dct),
        ("May".to_string(), "2000-05".to_string())
    );
    // A present passive is no past tense.
    assert_eq!(
        tv("They wait until the case is heard in May.", dct).1,
        "2000-05"
    );
    assert_eq!(
        tv("They did not plan to remove him on Thursday.", dct).1,
        "2000-03-30"
    );
    assert!(run("May I ask a question?", dct).is_empty());
    assert!(run("Theresa May spoke.", dct).is_empty());
}

#[test]
fn spelled_years_after_months_seasons_and_the_year() {
    let dct = d(1998, 2, 23);
    assert_eq!(
        tv("It began in the winter of nineteen ninety-four.", dct),
        (
            "the winter of nineteen ninety-four".to_string(),
            "1994-WI".to_string()
        )
    );
    assert_eq!(
        tv("He was born in January nineteen ninety-seven.", dct).1,
        "1997-01"
    );
    assert_eq!(
        tv("In the year two thousand, all changes.", dct),
        ("the year two thousand".to_string(), "2000".to_string())
    );
    assert_eq!(tv("by the year 2000", dct).0, "the year 2000");
    assert!(run("Some two thousand people fled.", dct).is_empty());
}

#[test]
fn a_years_quarter_is_one_expression() {
    assert_eq!(
        tv(
            "Net sales for this year's third quarter fell.",
            d(1989, 11, 1)
        ),
        (
            "this year's third quarter".to_string(),
            "1989-Q3".to_string()
        )
    );
    assert_eq!(
        tv(
            "It expects a profit in next year's first quarter.",
            d(1989, 10, 31)
        ),
        (
            "next year's first quarter".to_string(),
            "1990-Q1".to_string()
        )
    );
    // The quarter talked about, a year back.
    let v = run(
        "Profit rose in the third quarter, up from last year's quarter.",
        d(1989, 11, 1),
    );
    assert_eq!(v.last().map(|t| t.value.as_str()), Some("1988-Q3"));
}

#[test]
fn ages_fractions_and_marches_are_no_time() {
    for t in [
        "Howes, 37 years old when he was kidnapped, died soon after.",
        "Mr. Schwarz, a 52-year-old banker, will succeed him.",
        "Iraq imports about three-quarters of its foodstuffs.",
        "Agents scanned the crowd at the annual March for Life.",
        "She marched at the head of the March of the Combatant Mothers.",
    ] {
        assert!(run(t, d(2000, 1, 15)).is_empty(), "{t}");
    }
    // A month is still a month: "in March for health reasons".
    assert_eq!(
        one(
            "He stepped down in March for health reasons.",
            d(1989, 10, 30)
        )
        .value,
        "1989-03"
    );
    assert_eq!(
        one(
            "It returned to profit after several quarters of losses.",
            d(1989, 10, 30)
        )
        .value,
        "PXQ"
    );
}

#[test]
fn the_article_of_a_duration_or_an_adjective() {
    // A plural duration keeps its article; a hyphenated adjective does not.
    assert_eq!(
        run(
            "Profit rose in the nine months ended Sept. 30.",
            d(1989, 10, 26)
        )[0]
        .text,
        "the nine months"
    );
    assert_eq!(
        one("He signed the two-week truce.", d(1989, 10, 26)).text,
        "two-week"
    );
    assert_eq!(
        one("It released the third-quarter results.", d(1989, 10, 26)).text,
        "third-quarter"
    );
}

#[test]
fn a_companys_year_and_latest_period() {
    let dct = d(1989, 11, 2);
    assert_eq!(
        tv("For the year, pet food volume was flat.", dct),
        ("the year".to_string(), "1989".to_string())
    );
    assert_eq!(
        tv("Sales for the full year were $6.6 billion.", dct),
        ("the full year".to_string(), "1989".to_string())
    );
    let v = run("It earned $76 million in the year ended March 31.", dct);
    assert_eq!(
        v.iter()
            .map(|t| (t.text.as_str(), t.value.as_str(), t.kind))
            .collect::<Vec<_>>(),
        [
            ("the year", "P1Y", TimexType::Duration),
            ("March 31", "1989-03-31", TimexType::Date)
        ]
    );
    // A bare "the year" is left alone.
    assert!(run("It was the year he left.", dct).is_empty());
    // "the latest period" is the quarter being reported; the year-ago
    // period the same quarter a year before, which does not become the
    // reported quarter.
    let v: Vec<(String, String)> = run(
        "Net rose in the third quarter. In the year-ago period, it fell. \
         The latest period had gains. Sales in the quarter rose.",
        dct,
    )
    .into_iter()
    .map(|t| (t.text, t.value))
    .collect();
    let want = [
        ("the third quarter", "1989-Q3"),
        ("the year-ago period", "1988-Q3"),
        ("The latest period", "1989-Q3"),
        ("the quarter", "1989-Q3"),
    ];
    assert_eq!(
        v,
        want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
}

#[test]
fn more_units_and_year_ago_adjectives() {
    let dct = d(1998, 2, 27);
    assert_eq!(
        tv("Russia keeps its fleet there for 20 more years.", dct),
        ("20 more years".to_string(), "P20Y".to_string())
    );
    assert_eq!(tv("The boy stays for two more weeks.", dct).1, "P2W");
    assert_eq!(
        tv("It was run by the group for an additional year.", dct).1,
        "P1Y"
    );
    // "more" without a unit after it is no time.
    assert!(run("Two more soldiers died.", dct).is_empty());
    let dct = d(1989, 10, 26);
    // Without a quarter in view, last year; the article stays out.
    assert_eq!(
        tv("The year-ago results included a gain.", dct),
        ("year-ago".to_string(), "1988".to_string())
    );
    // After the reported quarter, that quarter a year before.
    let v: Vec<(String, String)> = run(
        "Profit fell in the third quarter, against year-earlier profit of $3 million.",
        dct,
    )
    .into_iter()
    .map(|t| (t.text, t.value))
    .collect();
    assert_eq!(
        v,
        [
            ("the third quarter".to_string(), "1989-Q3".to_string()),
            ("year-earlier".to_string(), "1988-Q3".to_string())
        ]
    );
    // Before a count it is left to the count ("the year-earlier nine months").
    assert!(run("Net for the year-earlier nine months rose.", dct)
        .iter()
        .all(|t| t.text != "year-earlier"));
}
