//! The store's behaviour, written once and run on both backends (see the
//! `both!` list at the end).

use super::*;
use crate::testkit::{Backend, TestDb};
use sitrep_core::*;

/// A fresh store on `b`; `None` when `b` is PostgreSQL and none answers.
fn fresh(b: Backend, tag: &str) -> Option<(TestDb, Store)> {
    let t = TestDb::new(b, tag)?;
    let s = Store::open(&t.url).unwrap();
    Some((t, s))
}

fn output(id: &str, kind: &str, actor: &str) -> Output {
    let d = chrono::NaiveDate::from_ymd_opt(2025, 9, 19).unwrap();
    Output {
        schema: SCHEMA.into(),
        document: DocMeta {
            id: id.into(),
            source: Some("wire".into()),
            published: Some(d),
            language: "en".into(),
            url: None,
            title: None,
        },
        text: "x".into(),
        entities: vec![],
        times: vec![],
        places: vec![],
        events: vec![Event {
            id: format!("{id}#e1"),
            kind: kind.into(),
            trigger: kind.into(),
            plover: Plover {
                category: "ASSAULT".into(),
                mode: None,
            },
            cameo: "190".into(),
            acled: None,
            date: Some(EventDate {
                value: "2025-09-19".into(),
                precision: Precision::Day,
                start_date: d,
                end_date: d,
                text: None,
                start: None,
                end: None,
                basis: "text".into(),
            }),
            location: None,
            actors: vec![ActorRef {
                role: Role::Actor1,
                text: actor.into(),
                start: 0,
                end: 1,
                canonical: actor.into(),
                country: Some("USA".into()),
                sector: None,
                affiliation: None,
                claimed_by: vec![],
            }],
            fatalities: Some(1),
            injuries: None,
            mode: Mode::Asserted,
            claims: vec![],
            disputed: vec![],
            evidence: vec![],
            fields: vec![],
        }],
        warnings: vec![],
    }
}

fn ingest_is_idempotent_and_replaces(b: Backend) {
    let Some((_t, mut s)) = fresh(b, "idem") else {
        return;
    };
    assert_eq!(
        s.ingest(&output("a", "raid", "US CENTCOM")).unwrap(),
        Ingested::New
    );
    assert_eq!(
        s.ingest(&output("a", "raid", "US CENTCOM")).unwrap(),
        Ingested::Unchanged
    );
    assert_eq!(s.counts().unwrap(), (1, 1));
    assert_eq!(
        s.ingest(&output("a", "airstrike", "US CENTCOM")).unwrap(),
        Ingested::Replaced
    );
    assert_eq!(s.counts().unwrap(), (1, 1));
    assert_eq!(
        s.query(&Filter::default()).unwrap()[0].event.kind,
        "airstrike"
    );
}

fn filters(b: Backend) {
    let Some((_t, mut s)) = fresh(b, "filters") else {
        return;
    };
    s.ingest(&output("a", "raid", "US CENTCOM")).unwrap();
    s.ingest(&output("b", "arrest", "Kenya Police")).unwrap();
    let q = |f: Filter| {
        s.query(&f)
            .unwrap()
            .into_iter()
            .map(|r| r.doc_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        q(Filter {
            actor: Some("centcom".into()),
            ..Default::default()
        }),
        vec!["a"]
    );
    assert_eq!(
        q(Filter {
            kind: Some("arrest".into()),
            ..Default::default()
        }),
        vec!["b"]
    );
    assert_eq!(
        q(Filter {
            kind: Some("assault".into()),
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        q(Filter {
            country: Some("usa".into()),
            ..Default::default()
        })
        .len(),
        2
    );
    assert!(q(Filter {
        from: Some("2025-09-20".into()),
        ..Default::default()
    })
    .is_empty());
    assert_eq!(
        q(Filter {
            to: Some("2025-09-19".into()),
            source: Some("wir".into()),
            ..Default::default()
        })
        .len(),
        2
    );
    assert!(q(Filter {
        actor: Some("100%_".into()),
        ..Default::default()
    })
    .is_empty());
}

fn failed_transaction_keeps_previous_version(b: Backend) {
    let Some((_t, mut s)) = fresh(b, "failed") else {
        return;
    };
    s.ingest(&output("a", "raid", "US CENTCOM")).unwrap();
    // Two events with the same id violate the primary key mid-document.
    let mut bad = output("a", "airstrike", "X");
    bad.events.push(bad.events[0].clone());
    assert!(s.ingest(&bad).is_err());
    let rows = s.query(&Filter::default()).unwrap();
    assert_eq!((rows.len(), rows[0].event.kind.as_str()), (1, "raid"));
}

/// `n` documents, each with one event dated `2025-09-(day)` at
/// (lat, lon) = (day, day) with `day` deaths.
fn filled(b: Backend, n: u32) -> Option<(TestDb, Store)> {
    let (t, mut s) = fresh(b, "filled")?;
    for day in 1..=n {
        let mut o = output(&format!("d{day:02}"), "raid", "US CENTCOM");
        let d = chrono::NaiveDate::from_ymd_opt(2025, 9, day).unwrap();
        let e = &mut o.events[0];
        let date = e.date.as_mut().unwrap();
        (date.start_date, date.end_date, date.value) = (d, d, d.to_string());
        e.fatalities = Some(day);
        e.location = Some(Place {
            text: "x".into(),
            start: 0,
            end: 1,
            name: "Somewhere".into(),
            geonames_id: None,
            lat: Some(day as f64),
            lon: Some(day as f64),
            country_code: Some("SY".into()),
            admin1: None,
            admin2: None,
            feature: None,
            precision: 1,
            basis: Some("text".into()),
        });
        e.evidence = vec![Evidence { start: 0, end: 1 }];
        s.ingest(&o).unwrap();
    }
    Some((t, s))
}

fn pages_follow_the_cursor_without_gaps_or_repeats(b: Backend) {
    let Some((_t, s)) = filled(b, 7) else { return };
    let mut f = Filter {
        limit: Some(3),
        ..Default::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = s.query(&f).unwrap();
        let Some(last) = page.last() else { break };
        f.after = Some(Cursor {
            date_start: last.event.date.as_ref().unwrap().start_date.to_string(),
            id: last.event.id.clone(),
        });
        let token = f.after.as_ref().unwrap().encode();
        assert_eq!(Cursor::decode(&token).as_ref(), f.after.as_ref());
        seen.extend(page.into_iter().map(|r| r.doc_id));
    }
    let want: Vec<String> = (1..=7).map(|d| format!("d{d:02}")).collect();
    assert_eq!(seen, want);
    assert_eq!(s.count(&f).unwrap(), 7, "count ignores the cursor");
    assert!(Cursor::decode("zz").is_none());
    assert!(Cursor::decode("abc").is_none());
}

fn bbox_toll_and_stats(b: Backend) {
    let Some((_t, s)) = filled(b, 9) else { return };
    let ids =
        |f: Filter| -> Vec<String> { s.query(&f).unwrap().into_iter().map(|r| r.doc_id).collect() };
    assert_eq!(
        ids(Filter {
            bbox: Some([2.5, 2.5, 4.0, 4.0]),
            ..Default::default()
        }),
        vec!["d03", "d04"]
    );
    assert_eq!(
        ids(Filter {
            fatalities_min: Some(8),
            ..Default::default()
        }),
        vec!["d08", "d09"]
    );
    assert_eq!(
        ids(Filter {
            fatalities_max: Some(1),
            ..Default::default()
        }),
        vec!["d01"]
    );
    let st = s
        .stats(&Filter {
            from: Some("2025-09-08".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(st.total, 2);
    assert_eq!(
        st.by_day,
        vec![("2025-09-08".to_string(), 1), ("2025-09-09".to_string(), 1)]
    );
    assert_eq!(st.by_country, vec![("SY".to_string(), 2)]);
    let one = s.event("d05#e1").unwrap().unwrap();
    assert_eq!(
        (one.notes.as_str(), one.doc_source.as_deref()),
        ("x", Some("wire"))
    );
    assert!(s.event("nope").unwrap().is_none());
}

fn linking_options_are_remembered_and_a_change_relinks(b: Backend) {
    // Two reports of one raid on one day.
    let Some((_t, mut s)) = fresh(b, "relink") else {
        return;
    };
    s.ingest(&output("a", "raid", "US CENTCOM")).unwrap();
    s.ingest(&output("b", "raid", "US CENTCOM")).unwrap();
    assert_eq!(s.incident_count().unwrap(), 1);
    s.set_linking(None).unwrap();
    assert_eq!(s.incident_count().unwrap(), 2);
    assert_eq!(s.linking(), None);
    s.set_linking(Some(LinkOptions::default())).unwrap();
    assert_eq!(s.incident_count().unwrap(), 1);
    let i = &s.incidents(&Filter::default()).unwrap()[0];
    assert_eq!((i.reports, i.id.as_str()), (2, "inc:a#e1"));
}

#[test]
fn bbox_is_checked() {
    assert_eq!(
        parse_bbox("-10,5.5,20,30").unwrap(),
        [-10.0, 5.5, 20.0, 30.0]
    );
    assert!(parse_bbox("1,2,3").is_err());
    assert!(parse_bbox("1,2,3,x").is_err());
    assert!(parse_bbox("10,0,5,1").is_err());
    assert!(parse_bbox("0,0,200,1").is_err());
    assert!(parse_bbox("NaN,0,1,1").is_err());
}

/// Brings a store back to the shape schema version 1 had (no notes, no
/// incidents), as an older sitrep left it.
fn downgrade_to_v1(s: &mut Store) {
    s.write(|db| {
        db.batch(
            "DROP INDEX IF EXISTS events_incident; DROP INDEX IF EXISTS events_component;
             ALTER TABLE events DROP COLUMN notes; ALTER TABLE events DROP COLUMN incident_id;
             ALTER TABLE events DROP COLUMN component; ALTER TABLE events DROP COLUMN link_profile;
             DROP TABLE incident_keys; DROP TABLE incidents;
             UPDATE settings SET value = '1' WHERE key = 'schema_version'",
        )
    })
    .unwrap();
}

fn an_older_store_is_migrated(b: Backend) {
    let Some((t, mut s)) = filled(b, 3) else {
        return;
    };
    downgrade_to_v1(&mut s);
    drop(s);
    let s = Store::open(&t.url).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::VERSION);
    let rows = s.query(&Filter::default()).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.notes == "x"), "notes filled");
    let incidents = s.incidents(&Filter::default()).unwrap();
    let reports: usize = incidents.iter().map(|i| i.reports).sum();
    assert_eq!(reports, 3, "{incidents:?}");
    assert_eq!(s.linking(), Some(LinkOptions::default()));
    // Opening again changes nothing.
    drop(s);
    let s = Store::open(&t.url).unwrap();
    assert_eq!(s.incident_count().unwrap(), incidents.len());
}

fn a_newer_store_is_refused(b: Backend) {
    let Some((t, mut s)) = fresh(b, "newer") else {
        return;
    };
    s.write(|db| schema::set_version(db, schema::VERSION + 1))
        .unwrap();
    drop(s);
    let e = Store::open(&t.url)
        .err()
        .expect("a newer schema is refused");
    assert!(e.to_string().contains("upgrade sitrep"), "{e}");
}

fn delete_relinks_and_says_what_it_did(b: Backend) {
    let Some((_t, mut s)) = fresh(b, "delete") else {
        return;
    };
    s.ingest(&output("a", "raid", "US CENTCOM")).unwrap();
    s.ingest(&output("b", "raid", "US CENTCOM")).unwrap();
    assert_eq!(s.incident_count().unwrap(), 1);
    assert!(s.delete("a").unwrap());
    assert!(!s.delete("a").unwrap());
    let i = s.incidents(&Filter::default()).unwrap();
    assert_eq!(
        (i.len(), i[0].reports, i[0].id.as_str()),
        (1, 1, "inc:b#e1")
    );
    assert_eq!(s.counts().unwrap(), (1, 1));
}

/// Two writers, each with its own connection, store reports of the same
/// raids at the same moment: each raid ends as one incident of two
/// reports, whoever commits first.
fn concurrent_writers_make_one_incident(b: Backend) {
    let Some((t, s)) = fresh(b, "concurrent") else {
        return;
    };
    drop(s);
    // Days three apart, so that the raids of two rounds never link.
    let rounds = 9u32;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let writers: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|side| {
            let url = t.url.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&url).unwrap();
                for round in 0..rounds {
                    let day = 1 + 3 * round;
                    let mut o = output(&format!("{side}{day:02}"), "raid", "US CENTCOM");
                    let d = chrono::NaiveDate::from_ymd_opt(2025, 8, day).unwrap();
                    let date = o.events[0].date.as_mut().unwrap();
                    (date.start_date, date.end_date, date.value) = (d, d, d.to_string());
                    barrier.wait();
                    s.ingest(&o).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let s = Store::open(&t.url).unwrap();
    let incidents = s.incidents(&Filter::default()).unwrap();
    assert_eq!(incidents.len(), rounds as usize, "{incidents:#?}");
    assert!(incidents.iter().all(|i| i.reports == 2));
}

fn a_store_written_before_versions_is_read_off_its_columns() {
    let Some((t, mut s)) = filled(Backend::Sqlite, 2) else {
        return;
    };
    // As sitrep wrote it before incidents: notes, but no settings table.
    downgrade_to_v1(&mut s);
    s.write(|db| {
        db.batch("ALTER TABLE events ADD COLUMN notes TEXT; UPDATE events SET notes = 'x'; DROP TABLE settings")
    })
    .unwrap();
    drop(s);
    let s = Store::open(&t.url).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::VERSION);
    assert_eq!(s.incident_count().unwrap(), 2);
}

#[test]
fn sqlite_legacy_store() {
    a_store_written_before_versions_is_read_off_its_columns();
}

/// Runs each behavioural test above on SQLite and on PostgreSQL.
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test] fn $name() { super::$name(super::Backend::Sqlite) })*
        }
        mod on_postgres {
            $(#[test] fn $name() { super::$name(super::Backend::Postgres) })*
        }
    };
}

both!(
    ingest_is_idempotent_and_replaces,
    filters,
    failed_transaction_keeps_previous_version,
    pages_follow_the_cursor_without_gaps_or_repeats,
    bbox_toll_and_stats,
    linking_options_are_remembered_and_a_change_relinks,
    an_older_store_is_migrated,
    a_newer_store_is_refused,
    delete_relinks_and_says_what_it_did,
    concurrent_writers_make_one_incident,
);
