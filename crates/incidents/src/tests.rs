use super::*;
use proptest::prelude::*;
use sitrep_core::{Acled, ActorRef, Claim, EventDate, Plover};

/// An event of document `doc`: an ACLED-typed attack on `day` (of
/// September 2025) in `place`, naming `target` as its target.
fn event(doc: &str, day: u32, place: Option<(&str, u64, f64, f64, u8)>, target: &str) -> Event {
    let d = NaiveDate::from_ymd_opt(2025, 9, day).unwrap();
    let location = place.map(|(name, id, lat, lon, precision)| Place {
        text: name.into(),
        start: 0,
        end: 0,
        name: name.into(),
        geonames_id: Some(id),
        lat: Some(lat),
        lon: Some(lon),
        country_code: Some("SY".into()),
        admin1: None,
        admin2: None,
        feature: Some(if precision == 3 { "PCLI" } else { "PPL" }.into()),
        precision,
        basis: Some("text".into()),
    });
    let mut actors = vec![ActorRef {
        role: Role::Actor1,
        text: "gunmen".into(),
        start: 0,
        end: 0,
        canonical: "gunmen".into(),
        country: None,
        sector: None,
        affiliation: None,
        claimed_by: vec![],
    }];
    if !target.is_empty() {
        actors.push(ActorRef {
            role: Role::Target,
            canonical: target.into(),
            text: target.into(),
            ..actors[0].clone()
        });
    }
    Event {
        id: format!("{doc}#e1"),
        kind: "attack".into(),
        trigger: "attacked".into(),
        plover: Plover {
            category: "ASSAULT".into(),
            mode: None,
        },
        cameo: "190".into(),
        acled: Some(Acled {
            event_type: "Violence against civilians".into(),
            sub_event_type: "Attack".into(),
        }),
        date: Some(EventDate {
            value: d.to_string(),
            precision: Precision::Day,
            start_date: d,
            end_date: d,
            text: None,
            start: None,
            end: None,
            basis: "text".into(),
        }),
        location,
        actors,
        fatalities: None,
        injuries: None,
        mode: Mode::Asserted,
        claims: vec![Claim {
            source: "the document".into(),
            source_canonical: None,
            via: None,
            cue: None,
            start: 0,
            end: 0,
        }],
        disputed: vec![],
        evidence: vec![],
        fields: vec![],
    }
}

fn doc(id: &str) -> DocInfo {
    DocInfo {
        id: id.into(),
        source: Some(format!("Wire {id}")),
        published: NaiveDate::from_ymd_opt(2025, 9, 20),
        story: Vec::new(),
    }
}

const ALEPPO: (&str, u64, f64, f64, u8) = ("Aleppo", 170063, 36.2, 37.16, 1);
const AZAZ: (&str, u64, f64, f64, u8) = ("Azaz", 170017, 36.59, 37.04, 1);
const SYRIA: (&str, u64, f64, f64, u8) = ("Syria", 163843, 35.0, 38.0, 3);

fn prof(e: &Event) -> Profile {
    Profile::of(
        e,
        &doc(e.id.split('#').next().unwrap()),
        &LinkOptions::default(),
    )
}

fn compat(a: &Event, b: &Event) -> bool {
    compatible(&prof(a), &prof(b), &LinkOptions::default())
}

#[test]
fn the_same_attack_told_twice_is_compatible() {
    let a = event("a", 19, Some(ALEPPO), "Ahmad Haddad");
    let b = event("b", 20, Some(ALEPPO), "Haddad");
    assert!(compat(&a, &b));
    // A country-level place fits a town in it.
    assert!(compat(&a, &event("c", 19, Some(SYRIA), "")));
    // An unplaced report that names a participant contradicts no place.
    assert!(compat(&a, &event("c", 19, None, "Haddad")));
    // One that names nothing and is placed nowhere could be anything.
    assert!(!compat(&a, &event("c", 19, None, "")));
    assert!(!prof(&event("c", 19, None, "")).linkable());
}

#[test]
fn date_place_type_victims_mode_and_document_keep_events_apart() {
    let a = event("a", 19, Some(ALEPPO), "Ahmad Haddad");
    // Two days apart: beyond the one-day window.
    assert!(!compat(&a, &event("b", 21, Some(ALEPPO), "")));
    // Azaz is 44 km from Aleppo: two towns.
    assert!(!compat(&a, &event("b", 19, Some(AZAZ), "")));
    // Another named victim.
    assert!(!compat(&a, &event("b", 19, Some(ALEPPO), "Samir Khoury")));
    // Another country.
    let mut far = event("b", 19, Some(ALEPPO), "");
    far.location.as_mut().unwrap().country_code = Some("IQ".into());
    assert!(!compat(&a, &far));
    // Another type.
    let mut other = event("b", 19, Some(ALEPPO), "");
    other.plover.category = "PROTEST".into();
    other.acled = None;
    assert!(!compat(&a, &other));
    // Told as not having happened.
    let mut negated = event("b", 19, Some(ALEPPO), "");
    negated.mode = Mode::Negated;
    assert!(!compat(&a, &negated));
    // The same document's events were kept apart by its own merge.
    let mut same_doc = event("a", 19, Some(ALEPPO), "");
    same_doc.id = "a#e2".into();
    assert!(!compat(&a, &same_doc));
}

#[test]
fn a_vague_report_joins_one_incident_and_never_bridges_two() {
    let events = [
        event("a", 19, Some(ALEPPO), "Ahmad Haddad"),
        event("b", 19, Some(ALEPPO), "Samir Khoury"),
        event("c", 19, Some(ALEPPO), ""),
        event("d", 19, Some(ALEPPO), "Ahmad Haddad"),
    ];
    let p: Vec<Profile> = events.iter().map(prof).collect();
    let g = group(&p, &LinkOptions::default());
    assert_eq!(g.len(), 2, "{g:?}");
    // Haddad's two reports are one incident, Khoury's another.
    assert!(
        g.contains(&vec![0, 2, 3]) || g.contains(&vec![0, 3]),
        "{g:?}"
    );
    assert!(g.iter().any(|x| x.contains(&1) && !x.contains(&0)));
}

/// An event its own text does not anchor: placed only by the story's
/// country, naming nobody.
fn unanchored(doc: &str) -> Event {
    let mut e = event(doc, 19, Some(SYRIA), "");
    e.location.as_mut().unwrap().basis = Some("story".into());
    e
}

fn told_with(e: &Event, names: &[&str]) -> Profile {
    let mut d = doc(e.id.split('#').next().unwrap());
    d.story = names.iter().map(|n| n.to_string()).collect();
    d.story.sort();
    Profile::of(e, &d, &LinkOptions::default())
}

#[test]
fn an_unanchored_report_links_only_through_names_its_story_shares() {
    let o = LinkOptions::default();
    let names = [
        "aleppo",
        "ahmad haddad",
        "white helmets",
        "al-razi hospital",
    ];
    let a = told_with(&unanchored("a"), &names);
    let b = told_with(&unanchored("b"), &names[1..]);
    assert!(a.linkable() && compatible(&a, &b, &o));
    // Two names in common are not enough: two shootings in one city told
    // by the same police force.
    let c = told_with(&unanchored("c"), &["aleppo", "white helmets", "idlib"]);
    assert_eq!(why_apart(&a, &c, &o), Some("story"));
    // A story that names too little cannot anchor anything.
    let d = told_with(&unanchored("d"), &["aleppo"]);
    assert!(!d.linkable());
    assert_eq!(why_apart(&a, &d, &o), Some("not linkable"));
}

#[test]
fn two_events_of_one_document_meet_through_another_report_unless_they_hit_different_things() {
    let o = LinkOptions::default();
    let mut a2 = event("a", 19, Some(ALEPPO), "");
    a2.id = "a#e2".into();
    let events = [
        event("a", 19, Some(ALEPPO), ""),
        a2.clone(),
        event("b", 19, Some(ALEPPO), ""),
    ];
    let p: Vec<Profile> = events.iter().map(prof).collect();
    assert_eq!(why_apart(&p[0], &p[1], &o), Some("same document"));
    // Whatever the order, the second report ties the document's two
    // events of one attack together.
    assert_eq!(group(&p, &o), vec![vec![0, 1, 2]]);
    let rev: Vec<Profile> = p.iter().rev().cloned().collect();
    assert_eq!(group(&rev, &o).len(), 1);
    // A market and a mosque: two bombings, told by both documents.
    let object = |e: &mut Event, what: &str| {
        e.actors.push(ActorRef {
            role: Role::Object,
            canonical: what.into(),
            text: what.into(),
            ..e.actors[0].clone()
        })
    };
    let mut events = events.to_vec();
    let mut b2 = event("b", 19, Some(ALEPPO), "");
    b2.id = "b#e2".into();
    events.push(b2);
    for (e, what) in events
        .iter_mut()
        .zip(["the market", "a mosque", "a market", "the mosque"])
    {
        object(e, what);
    }
    let p: Vec<Profile> = events.iter().map(prof).collect();
    let g = group(&p, &o);
    assert_eq!(g, vec![vec![0, 2], vec![1, 3]], "{g:?}");
    // An incident told twice by one document counts one report.
    let d = [doc("a"), doc("a"), doc("b")];
    let members: Vec<Member> = events[..3]
        .iter()
        .zip(&d)
        .map(|(event, doc)| Member { event, doc })
        .collect();
    assert_eq!(build(&members).reports, 2);
}

#[test]
fn the_record_keeps_the_lowest_toll_and_every_side() {
    let mut events = Vec::new();
    for (i, toll) in [3u32, 5, 7].iter().enumerate() {
        let mut e = event(&format!("d{i}"), 19, Some(ALEPPO), "");
        e.fatalities = Some(*toll);
        events.push(e);
    }
    events[1].actors[0].canonical = "Ansar Brigade".into();
    events[2].actors[0].canonical = "Islamic State".into();
    let docs: Vec<DocInfo> = (0..3).map(|i| doc(&format!("d{i}"))).collect();
    let members: Vec<Member> = events
        .iter()
        .zip(&docs)
        .map(|(event, doc)| Member { event, doc })
        .collect();
    let inc = build(&members);
    assert_eq!(inc.id, "inc:d0#e1");
    assert_eq!(inc.fatalities, Some(3));
    assert_eq!(inc.from["fatalities"], "d0#e1");
    assert_eq!(inc.reports, 3);
    assert_eq!(inc.sources, 3);
    let toll = inc
        .disputed
        .iter()
        .find(|d| d.field == "fatalities")
        .unwrap();
    assert_eq!(toll.sides.len(), 3);
    assert!(toll.sides[2].starts_with("7: Wire d2"), "{:?}", toll.sides);
    let doers = inc.disputed.iter().find(|d| d.field == "actor1").unwrap();
    assert_eq!(doers.sides.len(), 2, "{doers:?}");
    // The record depends on the set of reports, not their order.
    let mut rev = members.clone();
    rev.reverse();
    assert_eq!(build(&rev), inc);
}

#[test]
fn keys_cover_every_compatible_event() {
    let o = LinkOptions::default();
    let a = prof(&event("a", 19, Some(ALEPPO), ""));
    let b = prof(&event("b", 20, None, "Samir Khoury"));
    assert!(compatible(&a, &b, &o));
    let (lo, hi, cell) = a.probe(&o).unwrap();
    assert_eq!(cell, "SY");
    assert!(b
        .keys()
        .iter()
        .any(|(d, c)| (lo..=hi).contains(d) && c.is_empty()));
    // A year never links.
    let mut vague = event("c", 19, Some(ALEPPO), "");
    let d = vague.date.as_mut().unwrap();
    d.precision = Precision::Year;
    d.start_date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    d.end_date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let v = prof(&vague);
    assert!(!v.linkable() && v.keys().is_empty() && v.probe(&o).is_none());
}

proptest! {
    /// Grouping depends on the set of events, never on their order.
    #[test]
    fn grouping_ignores_order(
        spec in prop::collection::vec((0usize..4, 18u32..22, 0usize..3), 1..14),
        seed in any::<u64>(),
    ) {
        let places = [Some(ALEPPO), Some(AZAZ), Some(SYRIA), None];
        let victims = ["", "Ahmad Haddad", "Samir Khoury"];
        let events: Vec<Event> = spec
            .iter()
            .enumerate()
            .map(|(i, &(p, d, v))| {
                // Two events to a document, as a document's merge can leave.
                let mut e = event(&format!("doc{:02}", i / 2), d, places[p], victims[v]);
                e.id = format!("doc{:02}#e{}", i / 2, i % 2);
                e
            })
            .collect();
        let o = LinkOptions::default();
        let ids = |order: &[usize]| -> BTreeSet<Vec<String>> {
            let p: Vec<Profile> = order.iter().map(|&i| prof(&events[i])).collect();
            group(&p, &o)
                .into_iter()
                .map(|g| g.into_iter().map(|k| p[k].event_id.clone()).collect())
                .collect()
        };
        let mut order: Vec<usize> = (0..events.len()).collect();
        let first = ids(&order);
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(first, ids(&order));
    }
}

#[test]
fn a_story_keeps_its_most_named_names_and_never_a_country() {
    use sitrep_core::{DocMeta, Entity, EntityType, Output};
    let entity = |name: &str, kind| Entity {
        text: name.into(),
        kind,
        start: 0,
        end: 0,
        canonical: name.into(),
        aliases: vec![],
    };
    // Thousands of names, one named three times, and a country.
    let mut entities: Vec<Entity> = (0..5000)
        .map(|i| entity(&format!("Person Number{i}"), EntityType::Per))
        .collect();
    for _ in 0..3 {
        entities.push(entity("Kirkuk Police", EntityType::Org));
    }
    entities.push(entity("Syria", EntityType::Gpe));
    let mut syria = event("a", 19, Some(SYRIA), "").location.unwrap();
    syria.feature = Some("PCLI".into());
    let out = Output {
        schema: "sitrep/1".into(),
        document: DocMeta {
            id: "a".into(),
            source: None,
            published: None,
            language: "en".into(),
            url: None,
            title: None,
        },
        text: String::new(),
        entities,
        times: vec![],
        places: vec![syria],
        events: vec![],
        warnings: vec![],
    };
    let names = story_names(&out);
    assert_eq!(names.len(), STORY_NAMES_KEPT);
    assert!(names.contains(&"kirkuk police".to_string()));
    assert!(!names.contains(&"syria".to_string()));
    assert!(names.windows(2).all(|w| w[0] < w[1]));
}
