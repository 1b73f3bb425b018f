//! Event records on short reports written for these tests (issue 28): one
//! record per incident, placed where it happened, dated when it happened,
//! with its toll. Each text is ordinary English news prose; none comes
//! from a benchmark.

use sitrep_core::{Document, Event, Mode, Output};
use sitrep_pipeline::Pipeline;

fn run_on(text: &str, published: (i32, u32, u32)) -> Output {
    let p = Pipeline::new().expect("embedded resources load");
    let doc = Document {
        id: "t".into(),
        source: None,
        published: chrono::NaiveDate::from_ymd_opt(published.0, published.1, published.2),
        language: "en".into(),
        url: None,
        title: None,
        text: text.into(),
    };
    p.run(&doc, Vec::new())
}

fn violent(out: &Output) -> Vec<&Event> {
    out.events
        .iter()
        .filter(|e| e.plover.category == "ASSAULT")
        .collect()
}

fn summary(out: &Output) -> Vec<String> {
    out.events
        .iter()
        .map(|e| {
            format!(
                "{} {:?} {:?} {:?} {:?}",
                e.trigger,
                e.location
                    .as_ref()
                    .map(|l| (&l.name, &l.country_code, &l.basis)),
                e.date.as_ref().map(|d| &d.value),
                e.fatalities,
                e.mode
            )
        })
        .collect()
}

fn country(e: &Event) -> Option<&str> {
    e.location.as_ref().and_then(|l| l.country_code.as_deref())
}

#[test]
fn a_victims_nationality_is_not_the_place() {
    let out = run_on(
        "KANO, Nigeria (Reuters) - Gunmen shot dead a U.S. aid worker and two Nigerian \
         colleagues on Tuesday, police said.",
        (2024, 3, 6),
    );
    let v = violent(&out);
    assert_eq!(v.len(), 1, "{:?}", summary(&out));
    assert_eq!(country(v[0]), Some("NG"), "{:?}", summary(&out));
}

#[test]
fn an_origin_is_not_the_place() {
    let out = run_on(
        "Militants who crossed from Afghanistan attacked a checkpoint in the Kurram \
         district of Pakistan on Friday, killing four soldiers, the army said.",
        (2024, 3, 9),
    );
    let v = violent(&out);
    assert!(!v.is_empty(), "{:?}", summary(&out));
    assert!(
        v.iter().all(|e| country(e) == Some("PK")),
        "{:?}",
        summary(&out)
    );
}

#[test]
fn a_homonym_is_read_in_the_storys_country() {
    let out = run_on(
        "BEIRUT (Reuters) - A bomb exploded outside a mosque in Tripoli after Friday \
         prayers, killing 12 people, Lebanese security sources said. The Lebanese army \
         sealed off the northern city.",
        (2024, 3, 9),
    );
    let v = violent(&out);
    assert_eq!(v.len(), 1, "{:?}", summary(&out));
    assert_eq!(country(v[0]), Some("LB"), "{:?}", summary(&out));
}

#[test]
fn a_place_named_earlier_in_the_paragraph_places_a_later_report() {
    let out = run_on(
        "Residents of Maiduguri woke to gunfire on Sunday. Fighters on motorcycles \
         attacked a market in Maiduguri at dawn.\n\n\
         The governor said the fighters also burned two churches.",
        (2024, 3, 11),
    );
    let v = violent(&out);
    assert!(!v.is_empty(), "{:?}", summary(&out));
    for e in &v {
        let l = e.location.as_ref().expect("a place");
        assert_eq!(l.country_code.as_deref(), Some("NG"), "{:?}", summary(&out));
    }
}

#[test]
fn a_headline_and_its_lead_make_one_record() {
    let out = run_on(
        "Suicide bomber kills 14 at wedding in Kabul\n\n\
         KABUL (AP) - A suicide bomber blew himself up at a wedding party in the Afghan \
         capital on Saturday, killing 14 guests, officials said. The bombing was \
         condemned by the United Nations.",
        (2024, 5, 5),
    );
    let v = violent(&out);
    assert_eq!(v.len(), 1, "{:?}", summary(&out));
    assert_eq!(v[0].fatalities, Some(14), "{:?}", summary(&out));
    assert_eq!(country(v[0]), Some("AF"), "{:?}", summary(&out));
}

#[test]
fn a_later_mention_without_place_or_date_joins_the_incident() {
    let out = run_on(
        "Gunmen attacked a police station in Quetta on Monday, killing three officers, \
         officials said.\n\n\
         Rescue workers took the wounded to a hospital.\n\n\
         Provincial leaders condemned the cowardly killing and promised an inquiry.",
        (2024, 3, 12),
    );
    let v = violent(&out);
    assert_eq!(v.len(), 1, "{:?}", summary(&out));
    assert_eq!(country(v[0]), Some("PK"), "{:?}", summary(&out));
}

#[test]
fn a_toll_updated_later_updates_the_record() {
    let out = run_on(
        "A car bomb exploded near a bus station in Mogadishu on Thursday, killing five \
         people, police said.\n\n\
         By evening the death toll had risen to 11, hospital officials said.",
        (2024, 3, 15),
    );
    let v = violent(&out);
    assert_eq!(v.len(), 1, "{:?}", summary(&out));
    assert_eq!(v[0].fatalities, Some(11), "{:?}", summary(&out));
}

#[test]
fn a_background_incident_stays_separate_and_historical() {
    let out = run_on(
        "A bomb exploded at a market in Peshawar on Friday, killing six people, police \
         said.\n\n\
         It was the deadliest attack in the city since a suicide bombing at a mosque \
         killed more than 60 worshippers in 2022.",
        (2024, 3, 16),
    );
    let v = violent(&out);
    assert_eq!(v.len(), 2, "{:?}", summary(&out));
    let old = v
        .iter()
        .find(|e| e.date.as_ref().is_some_and(|d| d.value.starts_with("2022")))
        .unwrap_or_else(|| panic!("{:?}", summary(&out)));
    assert_eq!(old.mode, Mode::Historical, "{:?}", summary(&out));
    let new = v
        .iter()
        .find(|e| e.mode != Mode::Historical)
        .expect("the new attack");
    assert_eq!(new.fatalities, Some(6), "{:?}", summary(&out));
}

#[test]
fn a_bare_month_is_read_with_the_publication_date() {
    // "In January", in a July story, is this January.
    let out = run_on(
        "Gunmen killed four soldiers at a checkpoint in Diffa in January, the army said \
         on Tuesday.",
        (2017, 7, 11),
    );
    let v = violent(&out);
    assert_eq!(v.len(), 1, "{:?}", summary(&out));
    let d = v[0].date.as_ref().expect("a date");
    assert_eq!(d.value, "2017-01", "{:?}", summary(&out));
}
