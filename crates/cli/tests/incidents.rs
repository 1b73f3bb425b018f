//! Incidents across reports (issue 29), on short reports written for these
//! tests: the same happening told by several documents is one incident in
//! the store, with every report, every source and every disagreement; two
//! happenings stay two, whatever order the documents arrive in.

use proptest::prelude::*;
use sitrep_core::{Document, Incident, Output};
use sitrep_pipeline::Pipeline;
use sitrep_store::{Filter, Store};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("embedded resources load"))
}

fn code(id: &str, source: &str, published: &str, text: &str) -> Output {
    let doc = Document {
        id: id.into(),
        source: Some(source.into()),
        published: Some(published.parse().unwrap()),
        language: "en".into(),
        url: None,
        title: None,
        text: text.into(),
    };
    pipeline().run(&doc, Vec::new())
}

/// Five reports of one market bombing over three days, the toll rising
/// from three to seven.
fn bombing_reports() -> Vec<Output> {
    [
        ("kirkuk-1", "Wire A", "2024-03-04",
         "A car bomb exploded at a crowded market in Kirkuk, Iraq, on Monday, killing three people, police said."),
        ("kirkuk-2", "Wire B", "2024-03-05",
         "Four people were killed when a car bomb went off in a busy market in the Iraqi city of Kirkuk on Monday, officials said on Tuesday."),
        ("kirkuk-3", "Daily C", "2024-03-05",
         "Five people died in Monday's car bomb attack on a market in Kirkuk, Iraq, a health official said."),
        ("kirkuk-4", "Radio D", "2024-03-06",
         "Six people were killed in the car bombing of a market in Kirkuk, Iraq, on Monday, hospital officials said on Wednesday."),
        ("kirkuk-5", "Times E", "2024-03-06",
         "Seven people died when a car bomb struck a market in Kirkuk, Iraq, on Monday, police said on Wednesday."),
    ]
    .iter()
    .map(|(id, s, p, t)| code(id, s, p, t))
    .collect()
}

/// Two shootings in one city on one day, with different victims.
fn two_shootings() -> Vec<Output> {
    vec![
        code("basra-1", "Wire A", "2024-05-07",
             "Gunmen shot dead a judge, Ali Hassan, outside his home in Basra, Iraq, on Tuesday, police said."),
        code("basra-2", "Wire B", "2024-05-07",
             "Gunmen shot dead a tribal leader, Karim Jabbar, at a checkpoint in Basra, Iraq, on Tuesday, police said."),
    ]
}

fn ingest(outs: &[Output]) -> Store {
    let mut s = Store::open(":memory:").unwrap();
    for o in outs {
        s.ingest(o).unwrap();
    }
    s
}

/// The incidents as sets of event ids, with the incidents themselves.
fn grouping(s: &Store) -> BTreeSet<Vec<String>> {
    s.incidents(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|i| i.events.into_iter().map(|r| r.event).collect())
        .collect()
}

fn violent_incidents(s: &Store) -> Vec<Incident> {
    s.incidents(&Filter::default())
        .unwrap()
        .into_iter()
        .filter(|i| i.plover == "ASSAULT")
        .collect()
}

fn describe(outs: &[Output]) -> String {
    outs.iter()
        .flat_map(|o| {
            o.events.iter().map(|e| {
                format!(
                    "{} {} {:?} {:?} {:?}",
                    e.id,
                    e.plover.category,
                    e.date.as_ref().map(|d| &d.value),
                    e.location.as_ref().map(|l| &l.name),
                    e.fatalities
                )
            })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn five_reports_with_a_rising_toll_are_one_incident_with_the_lowest_toll() {
    let outs = bombing_reports();
    let s = ingest(&outs);
    let v = violent_incidents(&s);
    assert_eq!(v.len(), 1, "{}\n{v:#?}", describe(&outs));
    let inc = &v[0];
    assert_eq!(inc.reports, 5, "{}", describe(&outs));
    assert_eq!(inc.sources, 5);
    assert_eq!(inc.fatalities, Some(3));
    let toll = inc
        .disputed
        .iter()
        .find(|d| d.field == "fatalities")
        .expect("a toll dispute");
    assert_eq!(toll.sides.len(), 5, "{toll:?}");
    assert_eq!(
        inc.date.as_ref().map(|d| d.value.as_str()),
        Some("2024-03-04")
    );
    assert_eq!(
        inc.location
            .as_ref()
            .and_then(|l| l.country_code.as_deref()),
        Some("IQ")
    );
    assert_eq!(
        inc.first_seen.map(|d| d.to_string()).as_deref(),
        Some("2024-03-04")
    );
    assert_eq!(
        inc.last_seen.map(|d| d.to_string()).as_deref(),
        Some("2024-03-06")
    );
}

#[test]
fn two_shootings_in_one_city_on_one_day_stay_two() {
    let outs = two_shootings();
    let s = ingest(&outs);
    let v = violent_incidents(&s);
    assert_eq!(v.len(), 2, "{}\n{v:#?}", describe(&outs));
    assert!(v.iter().all(|i| i.reports == 1));
}

/// Two bombings in one city on one day, a market and a mosque, each
/// story telling both.
#[test]
fn two_bombings_told_together_by_two_stories_stay_two() {
    let outs = vec![
        code("mosul-1", "Wire A", "2024-06-11",
             "A car bomb exploded at a crowded market in Mosul, Iraq, on Monday, killing four people, police said. Another bomb exploded at a mosque in Mosul on Monday, killing two worshippers."),
        code("mosul-2", "Wire B", "2024-06-11",
             "A bomb exploded at a mosque in Mosul, Iraq, on Monday, killing two worshippers, officials said. Another bomb exploded at a vegetable market in Mosul on Monday, killing four people."),
    ];
    let s = ingest(&outs);
    let v = violent_incidents(&s);
    // The market with the market, the mosque with the mosque: each
    // incident told by both stories, its toll undisputed.
    assert_eq!(v.len(), 2, "{}\n{v:#?}", describe(&outs));
    for i in &v {
        assert_eq!(i.reports, 2, "{}\n{v:#?}", describe(&outs));
        assert!(i.disputed.iter().all(|d| d.field != "fatalities"), "{v:#?}");
    }
    let tolls: BTreeSet<Option<u32>> = v.iter().map(|i| i.fatalities).collect();
    assert_eq!(tolls, BTreeSet::from([Some(2), Some(4)]));
}

#[test]
fn replacing_and_deleting_a_report_relinks_its_incident() {
    let outs = bombing_reports();
    let mut s = ingest(&outs);
    assert!(s.delete("kirkuk-1").unwrap());
    let v = violent_incidents(&s);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].reports, 4);
    // The lowest toll left is four.
    assert_eq!(v[0].fatalities, Some(4));
    assert!(!s.delete("kirkuk-1").unwrap());
    // Stored again, it joins again, and the incident is as before.
    s.ingest(&outs[0]).unwrap();
    assert_eq!(grouping(&s), grouping(&ingest(&outs)));
    // A replaced report that now tells another day leaves the incident.
    let moved = code(
        "kirkuk-5",
        "Times E",
        "2024-03-20",
        "Seven people died when a car bomb struck a market in Kirkuk, Iraq, on Tuesday, police said.",
    );
    s.ingest(&moved).unwrap();
    let v = violent_incidents(&s);
    assert_eq!(v.len(), 2, "{v:#?}");
    assert!(v.iter().any(|i| i.reports == 4));
}

#[test]
fn the_seed_and_a_second_report_of_the_raid_are_one_incident() {
    let Some(path) = sitrep_eval::shared_path("examples/seed/article.txt") else {
        eprintln!("SKIP: ../shared/examples/seed is absent");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let seed = code("seed", "seed", "2025-09-20", &text);
    let second = code(
        "second-report",
        "Baghdad Test Wire",
        "2025-09-21",
        "Iraqi Counter-Terrorism Service forces killed a senior Islamic State leader, Omar \
         Abdul Qader, in a raid inside Syria on Friday night, the service said on Saturday. \
         The operation was carried out together with the US-led coalition, it said.",
    );
    let s = ingest(&[seed.clone(), second.clone()]);
    let joined: Vec<Incident> = s
        .incidents(&Filter::default())
        .unwrap()
        .into_iter()
        .filter(|i| i.reports > 1)
        .collect();
    assert_eq!(
        joined.len(),
        1,
        "{}\n{joined:#?}",
        describe(&[seed, second])
    );
    let inc = &joined[0];
    let docs: BTreeSet<&str> = inc.events.iter().map(|r| r.doc_id.as_str()).collect();
    assert_eq!(docs, BTreeSet::from(["seed", "second-report"]));
    assert_eq!(
        inc.date.as_ref().map(|d| d.value.as_str()),
        Some("2025-09-19")
    );
    // Who took part is disputed across the two reports.
    assert!(
        inc.disputed.iter().any(|d| d.field == "actor1"),
        "{:#?}",
        inc.disputed
    );
    // Its reports side by side.
    let (again, rows) = s.incident(&inc.id).unwrap().unwrap();
    assert_eq!(&again, inc);
    assert_eq!(rows.len(), 2);
}

fn all_reports() -> &'static Vec<Output> {
    static R: OnceLock<Vec<Output>> = OnceLock::new();
    R.get_or_init(|| {
        let mut v = bombing_reports();
        v.extend(two_shootings());
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Ingesting the same documents in any order gives the same incidents,
    /// field for field.
    #[test]
    fn any_order_gives_the_same_incidents(order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle()) {
        let outs = all_reports();
        let sorted = ingest(outs);
        let shuffled: Vec<Output> = order.iter().map(|&i| outs[i].clone()).collect();
        let other = ingest(&shuffled);
        prop_assert_eq!(
            sorted.incidents(&Filter::default()).unwrap(),
            other.incidents(&Filter::default()).unwrap()
        );
    }
}

/// `sitrep ingest` then `sitrep query`: incidents read back from JSON Lines
/// and from CSV agree field for field, and `--incident` shows each report.
#[test]
fn query_by_incident_round_trips_through_json_lines_and_csv() {
    let dir = std::env::temp_dir().join(format!("sitrep-incidents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let feed = dir.join("feed.jsonl");
    let lines: Vec<String> = bombing_reports()
        .iter()
        .map(|o| {
            serde_json::json!({
                "id": o.document.id,
                "source": o.document.source,
                "published": o.document.published,
                "text": o.text,
            })
            .to_string()
        })
        .collect();
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let db = dir.join("t.db");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let db_s = db.to_str().unwrap();
    run(&["ingest", feed.to_str().unwrap(), "--db", db_s]);
    let jsonl = run(&["query", "--db", db_s]);
    let incidents: Vec<Incident> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let five = incidents
        .iter()
        .find(|i| i.reports == 5)
        .expect("the five reports are one incident");
    let csv_text = run(&["query", "--db", db_s, "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = r.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), incidents.len());
    for (row, inc) in rows.iter().zip(&incidents) {
        let get = |c: &str| {
            row.get(headers.iter().position(|h| h == c).unwrap())
                .unwrap()
        };
        assert_eq!(get("incident_id"), inc.id);
        assert_eq!(get("reports"), inc.reports.to_string());
        assert_eq!(get("sources"), inc.sources.to_string());
        assert_eq!(
            get("fatalities"),
            inc.fatalities.map(|x| x.to_string()).unwrap_or_default()
        );
        assert_eq!(
            get("date"),
            inc.date
                .as_ref()
                .map(|d| d.value.clone())
                .unwrap_or_default()
        );
        let events: Vec<&str> = inc.events.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(get("events"), events.join("; "));
    }
    // One incident's reports side by side: one CSV row per report.
    let side = run(&[
        "query",
        "--db",
        db_s,
        "--incident",
        &five.id,
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv::Reader::from_reader(side.as_bytes()).records().count(),
        5
    );
    // The raw events are still there.
    let events = run(&["query", "--db", db_s, "--events"]);
    assert!(events.lines().count() >= 5);
    std::fs::remove_dir_all(&dir).ok();
}
