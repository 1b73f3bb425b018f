//! Resolution on real sentences with the embedded gazetteer.

use sitrep_core::{Place, Span};
use sitrep_geo::{default_gazetteer, resolve};

/// Resolves the given mentions (each the first occurrence at or after the previous).
fn places(text: &str, names: &[&str]) -> Vec<Option<Place>> {
    let gaz = default_gazetteer().expect("embedded gazetteer");
    let an = sitrep_text::segment(text);
    let mut from = 0;
    let spans: Vec<Span> = names
        .iter()
        .map(|n| {
            let s = from + text[from..].find(n).expect("mention in text");
            from = s + n.len();
            Span::new(s, s + n.len())
        })
        .collect();
    resolve(gaz, text, &an, &spans)
}

fn cc(p: &Option<Place>) -> &str {
    p.as_ref()
        .and_then(|p| p.country_code.as_deref())
        .unwrap_or("-")
}

#[test]
fn damascus_is_the_syrian_capital() {
    let r = places(
        "Cooper was in Damascus to meet the Syrian president.",
        &["Damascus"],
    );
    let p = r[0].as_ref().unwrap();
    assert_eq!(
        (p.country_code.as_deref(), p.feature.as_deref(), p.precision),
        (Some("SY"), Some("PPLC"), 1)
    );
}

#[test]
fn idlib_city_versus_province() {
    let r = places(
        "Fighting spread across Idlib province. In Idlib, shops closed.",
        &["Idlib", "Idlib"],
    );
    let prov = r[0].as_ref().unwrap();
    let city = r[1].as_ref().unwrap();
    assert_eq!((prov.feature.as_deref(), prov.precision), (Some("ADM1"), 3));
    assert_eq!((city.feature.as_deref(), city.precision), (Some("PPLA"), 1));
}

#[test]
fn countryside_of_a_province_and_unknown_village() {
    let t = "The incident took place near the village of Muheimida in the northwestern countryside of Deir ez-Zor, the SDF reported.";
    let r = places(t, &["Muheimida", "Deir ez-Zor"]);
    let prov = r[1].as_ref().unwrap();
    assert_eq!(
        (prov.feature.as_deref(), prov.admin1.as_deref()),
        (Some("ADM1"), Some("Deir ez-Zor"))
    );
    let v = r[0]
        .as_ref()
        .expect("unknown village falls back to its province");
    assert_eq!(
        (
            v.name.as_str(),
            v.admin1.as_deref(),
            v.precision,
            v.country_code.as_deref()
        ),
        ("Muheimida", Some("Deir ez-Zor"), 2, Some("SY"))
    );
}

#[test]
fn unknown_town_falls_back_to_province_named_elsewhere() {
    let t = "This follows a raid in Atmeh, Syria, last month. Atmeh is in Idlib province near the Turkish border.";
    let r = places(t, &["Atmeh", "Syria", "Atmeh", "Idlib province"]);
    let a = r[0].as_ref().unwrap();
    assert_eq!(
        (a.name.as_str(), a.admin1.as_deref(), a.precision),
        ("Atmeh", Some("Idlib"), 2)
    );
}

#[test]
fn georgia_by_context() {
    let us = places(
        "Atlanta police said the shooting in Georgia left two dead, the American officials said.",
        &["Atlanta", "Georgia"],
    );
    assert_eq!(cc(&us[1]), "US");
    let ge = places(
        "Russian troops moved toward Tbilisi, the capital of Georgia.",
        &["Tbilisi", "Georgia"],
    );
    assert_eq!(cc(&ge[1]), "GE");
}

#[test]
fn paris_texas() {
    let r = places(
        "A tornado hit Paris, Texas, on Sunday.",
        &["Paris", "Texas"],
    );
    assert_eq!(cc(&r[0]), "US");
    assert_eq!(r[0].as_ref().unwrap().admin1.as_deref(), Some("Texas"));
    let r = places("Protesters marched in Paris.", &["Paris"]);
    assert_eq!(cc(&r[0]), "FR");
}

#[test]
fn country_names_resolve_to_countries() {
    for name in [
        "China",
        "Syria",
        "Lebanon",
        "Iraq",
        "United States",
        "Russia",
        "India",
        "Brazil",
    ] {
        let t = format!("Officials in {name} said so.");
        let r = places(&t, &[name]);
        let p = r[0].as_ref().unwrap();
        assert_eq!(
            (p.feature.as_deref(), p.precision),
            (Some("PCLI"), 3),
            "{name}: {p:?}"
        );
    }
}

#[test]
fn spans_in_any_order_overlapping_or_invalid_never_panic() {
    let gaz = default_gazetteer().expect("embedded gazetteer");
    let text = "Fighting in Idlib, Syria spread to Aleppo, officials in Café Damascus said.";
    let an = sitrep_text::segment(text);
    let at = |n: &str| {
        let s = text.find(n).unwrap();
        Span::new(s, s + n.len())
    };
    let cafe = text.find("Café").unwrap();
    let spans = vec![
        at("Aleppo"),
        at("Idlib"),
        at("Idlib, Syria"),            // overlaps "Idlib"
        Span::new(cafe + 4, cafe + 2), // reversed
        Span::new(cafe + 2, cafe + 4), // inside "é": not a char boundary
        Span::new(500, 510),           // out of range
        at("Syria"),
    ];
    let r = resolve(gaz, text, &an, &spans);
    assert_eq!(r.len(), spans.len());
    assert_eq!(cc(&r[0]), "SY");
    assert_eq!(cc(&r[1]), "SY");
    assert!(r[3].is_none() && r[4].is_none() && r[5].is_none());
    assert_eq!(cc(&r[6]), "SY");
}

#[test]
fn demonyms_and_state_abbreviations() {
    let r = places(
        "Russian troops crossed into Georgia as Gainesville, Fla. residents watched.",
        &["Russian", "Gainesville", "Fla."],
    );
    assert_eq!(cc(&r[0]), "RU");
    assert_eq!(
        r[1].as_ref().and_then(|p| p.admin1.as_deref()),
        Some("Florida")
    );
    assert_eq!(r[2].as_ref().map(|p| p.name.as_str()), Some("Florida"));
}

#[test]
fn names_that_share_a_state_resolve_together() {
    // Read alone, "Columbus" is the biggest one (the Ohio capital); beside
    // Muscogee County, which only Georgia has, it is Columbus, Georgia.
    let r = places(
        "Columbus police said the crash closed a road.",
        &["Columbus"],
    );
    assert_eq!(r[0].as_ref().unwrap().admin1.as_deref(), Some("Ohio"));
    let r = places(
        "Columbus police said the crash closed a road in Muscogee County.",
        &["Columbus", "Muscogee County"],
    );
    let p = r[0].as_ref().expect("Columbus");
    assert_eq!(
        (p.name.as_str(), p.admin1.as_deref()),
        ("Columbus", Some("Georgia")),
        "{p:?}"
    );
    // A town named like a country is the town when the story's other
    // places are around it, however often the name itself recurs.
    let text = "Palestine police arrested two men, the Anderson County sheriff \
                in Texas said. Both had lived in Palestine for years, and \
                Palestine schools were closed.";
    let r = places(
        text,
        &[
            "Palestine",
            "Anderson County",
            "Texas",
            "Palestine",
            "Palestine",
        ],
    );
    for p in &r {
        let p = p.as_ref().expect("resolved");
        assert_eq!(
            (cc(&Some(p.clone())), p.admin1.as_deref()),
            ("US", Some("Texas")),
            "{p:?}"
        );
    }
    // Without that context the country stays the reading.
    let r = places(
        "Rockets were fired from Palestine into Israel.",
        &["Palestine", "Israel"],
    );
    assert_eq!(cc(&r[0]), "PS");
}

#[test]
fn adjectives_of_regions_resolve_to_the_region() {
    let r = places(
        "Tigrayan forces withdrew from the town, Ethiopian officials said.",
        &["Tigrayan", "Ethiopian"],
    );
    let t = r[0].as_ref().expect("Tigrayan");
    assert_eq!(
        (cc(&r[0]), t.feature.as_deref()),
        ("ET", Some("ADM1")),
        "{t:?}"
    );
    assert_eq!(cc(&r[1]), "ET");
    let r = places("Many Ohioans voted early.", &["Ohioans"]);
    assert_eq!(r[0].as_ref().map(|p| p.name.as_str()), Some("Ohio"));
    let r = places("The Abkhaz leadership rejected the plan.", &["Abkhaz"]);
    assert_eq!(r[0].as_ref().map(|p| p.name.as_str()), Some("Abkhazia"));
    // The adjective of a country whose name is a plural.
    let r = places("Philippine troops moved south.", &["Philippine"]);
    assert_eq!(cc(&r[0]), "PH");
    // The UK's nations by their adjectives.
    let r = places("English and Welsh councils voted.", &["English", "Welsh"]);
    assert_eq!(r[0].as_ref().map(|p| p.name.as_str()), Some("England"));
    assert_eq!(r[1].as_ref().map(|p| p.name.as_str()), Some("Wales"));
    // A name that is itself a country stays that country.
    let r = places("Typhoon warnings were issued in Guam.", &["Guam"]);
    assert_eq!(cc(&r[0]), "GU");
    // An unknown word is not forced onto an area by stripping a suffix.
    let r = places("The Zorblatians arrived.", &["Zorblatians"]);
    assert!(r[0].is_none(), "{:?}", r[0]);
}

#[test]
fn two_capitals_are_an_abbreviation_not_a_town() {
    let r = places(
        "EU ministers met US envoys in Brussels.",
        &["EU", "US", "Brussels"],
    );
    // As a place, the EU is Europe.
    assert_eq!(
        r[0].as_ref().map(|p| p.name.as_str()),
        Some("Europe"),
        "EU is not the Norman town of Eu: {:?}",
        r[0]
    );
    assert_eq!(cc(&r[1]), "US");
    assert_eq!(r[1].as_ref().unwrap().feature.as_deref(), Some("PCLI"));
    assert_eq!(cc(&r[2]), "BE");
}

#[test]
fn provinces_named_with_the_other_compass_form() {
    let r = places(
        "The RSF shelled El Fasher, the capital of North Darfur, and fighting spread to South Kordofan and West Kordofan.",
        &["El Fasher", "North Darfur", "South Kordofan", "West Kordofan"],
    );
    for (p, want) in r[1..].iter().zip([
        "Northern Darfur",
        "Southern Kordofan",
        "West Kordofan State",
    ]) {
        let p = p.as_ref().expect("resolved");
        assert_eq!(
            (p.name.as_str(), p.feature.as_deref(), cc(&Some(p.clone()))),
            (want, Some("ADM1"), "SD")
        );
    }
    assert_eq!(
        r[0].as_ref().unwrap().admin1.as_deref(),
        Some("Northern Darfur")
    );
}

#[test]
fn named_regions_and_seas_that_are_no_admin_unit() {
    let t = "Indian troops killed three militants in Kashmir. The RSF attacked a camp in \
        Darfur. Egyptian forces fought militants in Sinai. Russian shelling hit the Donbas. \
        Houthi rebels attacked a ship in the Red Sea. Clashes broke out in Nagorno-Karabakh.";
    let names = [
        "Kashmir",
        "Darfur",
        "Sinai",
        "Donbas",
        "Red Sea",
        "Nagorno-Karabakh",
    ];
    let r = places(t, &names);
    let got: Vec<(&str, &str, u8)> = r
        .iter()
        .map(|p| {
            let p = p.as_ref().expect("resolved");
            (
                p.name.as_str(),
                p.country_code.as_deref().unwrap_or("-"),
                p.precision,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Kashmir", "-", 3),
            ("Darfur", "SD", 3),
            ("Sinai", "EG", 3),
            ("Donbas", "UA", 3),
            ("Red Sea", "-", 3),
            ("Nagorno-Karabakh", "AZ", 3),
        ]
    );
    // Placed among their members: Darfur in western Sudan, the sea between
    // Sudan and Saudi Arabia; no GeoNames id is invented for them.
    let darfur = r[1].as_ref().unwrap();
    assert!(
        (10.0..16.0).contains(&darfur.lat.unwrap()) && (22.0..27.0).contains(&darfur.lon.unwrap())
    );
    let sea = r[4].as_ref().unwrap();
    assert!((36.0..41.0).contains(&sea.lon.unwrap()));
    assert_eq!(sea.geonames_id, None);
}

#[test]
fn provinces_before_country_aliases_and_formal_names() {
    // The Gaza Strip and Gaza are in Gaza, not at Palestine's point in the
    // West Bank; Wales is the province, not the United Kingdom; a formal
    // name finds its country.
    let r = places(
        "Air strikes hit the Gaza Strip and Gaza. Storms hit Wales. The Republic of Armenia protested.",
        &["Gaza Strip", "Gaza", "Wales", "Republic of Armenia"],
    );
    let p = |i: usize| r[i].as_ref().expect("resolved");
    assert_eq!(
        (p(0).name.as_str(), p(0).feature.as_deref()),
        ("Gaza Strip", Some("ADM1"))
    );
    assert!(p(1).lon.unwrap() < 34.6, "{:?}", p(1));
    assert_eq!(
        (p(2).name.as_str(), p(2).feature.as_deref()),
        ("Wales", Some("ADM1"))
    );
    assert_eq!((cc(&r[3]), p(3).feature.as_deref()), ("AM", Some("PCLI")));
}

#[test]
fn the_city_of_a_name_is_the_town() {
    // GeoNames knows Jenin as a district by its primary name and the town
    // only by an alternate one; "the city of" says which is meant.
    let r = places(
        "Troops raided the West Bank city of Jenin. The Jenin governorate was sealed off.",
        &["Jenin", "Jenin"],
    );
    let town = r[0].as_ref().unwrap();
    assert_eq!((town.feature.as_deref(), town.precision), (Some("PPL"), 1));
    assert_eq!(r[1].as_ref().unwrap().feature.as_deref(), Some("ADM2"));
}

#[test]
fn a_town_and_the_county_it_lies_in_pick_each_other() {
    // Many states have a Paris and a Henry County; only in Tennessee is the
    // one inside the other.
    let r = places(
        "Paris and Henry County are rich in history. The Henry County class toured Paris on Wednesday.",
        &["Paris", "Henry County", "Henry County", "Paris"],
    );
    for p in &r {
        let p = p.as_ref().unwrap();
        assert_eq!(
            (p.country_code.as_deref(), p.admin1.as_deref()),
            (Some("US"), Some("Tennessee")),
            "{p:?}"
        );
    }
}

fn recognised(text: &str, names: &[&str]) -> Vec<Option<Place>> {
    let gaz = default_gazetteer().expect("embedded gazetteer");
    let an = sitrep_text::segment(text);
    let spans: Vec<Span> = names
        .iter()
        .map(|n| {
            let s = text.find(n).expect("mention in text");
            Span::new(s, s + n.len())
        })
        .collect();
    sitrep_geo::resolve_recognised(gaz, text, &an, &spans)
}

#[test]
fn an_unknown_street_falls_back_to_the_town_the_story_is_about() {
    let t = "Firefighters were called to Marlowe Street late on Tuesday. Dayton police said \
             the fire was the third in Dayton this month; Ohio officials will investigate.";
    let names = ["Marlowe Street", "Dayton", "Ohio"];
    for r in [places(t, &names), recognised(t, &names)] {
        let street = r[0].as_ref().unwrap();
        let town = r[1].as_ref().unwrap();
        assert_eq!(street.name, "Marlowe Street");
        assert_eq!(street.precision, 2);
        assert_eq!(street.geonames_id, town.geonames_id);
        assert_eq!(town.admin1.as_deref(), Some("Ohio"));
    }
}

#[test]
fn on_a_tie_the_story_falls_back_to_its_biggest_town_in_its_own_country() {
    // Each town is named once; "Grand" is only a French village to the
    // gazetteer. The street falls back to the town the story's country and
    // state hold most of, the bigger one on a tie: Chicago, not Grand.
    let t = "The victim was found on North State Street near Grand in River North. \
             Chicago police said a man from Park Ridge was charged.";
    let names = ["North State Street", "Grand", "Chicago", "Park Ridge"];
    let r = places(t, &names);
    let street = r[0].as_ref().unwrap();
    assert_eq!(street.name, "North State Street");
    assert_eq!(cc(&r[0]), "US");
    assert_eq!(street.admin1.as_deref(), Some("Illinois"));
    assert_eq!(street.geonames_id, r[2].as_ref().unwrap().geonames_id);
}

#[test]
fn a_recognised_name_that_says_nothing_of_being_a_place_is_not_placed_by_the_story() {
    // Given as a toponym, an unknown name takes the story's focus; found by a
    // recogniser, "Kwiatkowski" may be a person and stays unplaced.
    let t = "Kwiatkowski spoke to reporters in Dayton on Tuesday. Dayton is in Ohio.";
    let names = ["Kwiatkowski", "Dayton", "Ohio"];
    assert!(places(t, &names)[0].is_some());
    assert!(recognised(t, &names)[0].is_none());
}

#[test]
fn names_in_a_list_ending_in_counties_are_counties() {
    let r = places(
        "Water is over the roadway in Becker, Clay, Douglas and Grant counties, Minnesota officials said.",
        &["Becker", "Clay", "Douglas", "Grant", "Minnesota"],
    );
    for p in &r[..4] {
        let p = p.as_ref().unwrap();
        assert_eq!(
            (p.feature.as_deref(), p.admin1.as_deref()),
            (Some("ADM2"), Some("Minnesota")),
            "{p:?}"
        );
    }
    // One name before "counties" is no list: the state's counties.
    let r = places(
        "Jobless rates rose in most Indiana counties, state figures show.",
        &["Indiana"],
    );
    let p = r[0].as_ref().expect("Indiana");
    assert_eq!(
        (p.name.as_str(), p.feature.as_deref()),
        ("Indiana", Some("ADM1")),
        "{p:?}"
    );
}

#[test]
fn the_state_a_story_names_most_places_its_counties() {
    let text = "Boone County's jobless rate rose, Indiana officials said. \
                Indiana's rate was higher; Indiana counties to the north fared \
                worse. Indiana lost jobs faster than Illinois.";
    let r = places(
        text,
        &[
            "Boone County",
            "Indiana",
            "Indiana",
            "Indiana",
            "Indiana",
            "Illinois",
        ],
    );
    let p = r[0].as_ref().expect("Boone County");
    assert_eq!(p.admin1.as_deref(), Some("Indiana"), "{p:?}");
}

#[test]
fn abbreviations_read_as_written() {
    // "L.A." is Los Angeles; "La." is Louisiana's newspaper abbreviation.
    let r = places(
        "Fans in L.A. cheered while a storm hit Monroe, La. overnight.",
        &["L.A.", "Monroe", "La."],
    );
    let la = r[0].as_ref().expect("L.A.");
    assert_eq!(
        (la.name.as_str(), la.admin1.as_deref()),
        ("Los Angeles", Some("California"))
    );
    assert_eq!(r[2].as_ref().map(|p| p.name.as_str()), Some("Louisiana"));
    // Canadian provinces as the Canadian Press abbreviates them.
    let r = places(
        "Wildfires forced evacuations near Kamloops, B.C. and in northern Ont. towns.",
        &["Kamloops", "B.C.", "Ont."],
    );
    assert_eq!(
        r[1].as_ref().map(|p| p.name.as_str()),
        Some("British Columbia")
    );
    assert_eq!(r[2].as_ref().map(|p| p.name.as_str()), Some("Ontario"));
}

#[test]
fn common_town_names_do_not_pull_a_story_into_one_state() {
    // Chicago, Rochester, Oregon and Washington all have an Illinois town;
    // that is no reason to read Atlanta and Georgia as Illinois places.
    let text = "ATLANTA - A man from Georgia was charged, Georgia officials said. \
                The group also helped people in Chicago, Rochester, Oregon and Washington.";
    let r = places(
        text,
        &[
            "ATLANTA",
            "Georgia",
            "Georgia",
            "Chicago",
            "Rochester",
            "Oregon",
            "Washington",
        ],
    );
    let atlanta = r[0].as_ref().expect("Atlanta");
    assert_eq!(atlanta.admin1.as_deref(), Some("Georgia"), "{atlanta:?}");
    for p in &r[1..3] {
        let p = p.as_ref().expect("Georgia");
        assert_eq!(
            (cc(&Some(p.clone())), p.feature.as_deref()),
            ("US", Some("ADM1")),
            "{p:?}"
        );
    }
}

#[test]
fn a_name_with_one_big_reading_is_evidence_for_its_country() {
    // "Dallas" is Texas (a Melbourne suburb shares the name), which makes
    // "Paris" the Texas town rather than the French capital.
    let text = "A Paris man was flown to a Dallas hospital after the crash, \
                and two other Paris residents were treated at home.";
    let r = places(text, &["Paris", "Dallas", "Paris"]);
    for p in &r {
        let p = p.as_ref().expect("resolved");
        assert_eq!(p.admin1.as_deref(), Some("Texas"), "{p:?}");
    }
    // Alone, Paris is the capital.
    let r = places("A Paris man was arrested.", &["Paris"]);
    assert_eq!(cc(&r[0]), "FR");
}

#[test]
fn seats_of_government_stand_in_their_town() {
    let r = places(
        "Protesters gathered outside the White House as a drone flew over the Kremlin.",
        &["White House", "Kremlin"],
    );
    let wh = r[0].as_ref().expect("White House");
    assert_eq!(
        (wh.country_code.as_deref(), wh.precision),
        (Some("US"), 1),
        "{wh:?}"
    );
    // Washington, not White House, Tennessee.
    assert!((wh.lat.unwrap() - 38.9).abs() < 0.1, "{wh:?}");
    assert!((wh.lon.unwrap() + 77.04).abs() < 0.1, "{wh:?}");
    assert_eq!(cc(&r[1]), "RU");
}

#[test]
fn an_institution_is_placed_where_the_place_in_its_name_lies() {
    let t = "Economists at the Bank of Mexico and at Arizona State University \
             disagreed with the British Embassy Tokyo about the Seaside Wildlife Trust.";
    let r = places(
        t,
        &[
            "Bank of Mexico",
            "Arizona State University",
            "British Embassy Tokyo",
            "Seaside Wildlife Trust",
        ],
    );
    let got: Vec<(&str, Option<&str>, Option<u8>)> = r
        .iter()
        .map(|p| {
            let p = p.as_ref();
            (
                p.map_or("-", |p| p.country_code.as_deref().unwrap_or("-")),
                p.and_then(|p| p.admin1.as_deref()),
                p.map(|p| p.precision),
            )
        })
        .collect();
    // The institution keeps its own name, at the named place's point, with
    // a coarser precision than the place itself.
    assert_eq!(got[0].0, "MX");
    assert_eq!(got[1], ("US", Some("Arizona"), Some(2)));
    assert_eq!(got[2].0, "JP");
    assert_eq!(r[0].as_ref().unwrap().name, "Bank of Mexico");
    // No place in its name, no institution word: nothing to place it by.
    assert!(r[3].is_none() || r[3].as_ref().unwrap().country_code.as_deref() != Some("MX"));
}

#[test]
fn official_long_forms_name_their_country() {
    let t = "Envoys of the Democratic People's Republic of Korea met officials \
             of the Hashemite Kingdom of Jordan.";
    let r = places(
        t,
        &[
            "Democratic People's Republic of Korea",
            "Hashemite Kingdom of Jordan",
        ],
    );
    assert_eq!(cc(&r[0]), "KP");
    assert_eq!(cc(&r[1]), "JO");
}

#[test]
fn korea_unqualified_is_the_south_and_the_soviet_union_russia() {
    let r = places(
        "Korean exporters expect Korea to cut rates.",
        &["Korean", "Korea"],
    );
    assert_eq!((cc(&r[0]), cc(&r[1])), ("KR", "KR"));
    // The Soviet Union, which no current place bears, is placed at Russia.
    let r = places("The Soviet Union sent advisers.", &["Soviet Union"]);
    assert_eq!(cc(&r[0]), "RU");
    // Qualified, the North stays the North.
    let r = places(
        "North Korean troops crossed into South Korea.",
        &["North Korean"],
    );
    assert_eq!(cc(&r[0]), "KP");
}

#[test]
fn a_province_adjective_in_ian_from_a_name_in_y() {
    let r = places("Sicilian fishermen protested in Palermo.", &["Sicilian"]);
    let p = r[0].as_ref().expect("a place");
    assert_eq!(
        (p.country_code.as_deref(), p.feature.as_deref()),
        (Some("IT"), Some("ADM1"))
    );
}

#[test]
fn australian_state_abbreviations() {
    let r = places(
        "Bushfires spread from NSW into Vic. on Sunday.",
        &["NSW", "Vic."],
    );
    let admin1 = |p: &Option<Place>| {
        p.as_ref()
            .and_then(|p| p.admin1.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        (
            cc(&r[0]),
            admin1(&r[0]).as_str(),
            cc(&r[1]),
            admin1(&r[1]).as_str()
        ),
        ("AU", "New South Wales", "AU", "Victoria")
    );
}

#[test]
fn a_province_named_by_a_direction_needs_its_country_in_the_story() {
    // New Zealand has a "West Coast" region; an Oregon story's is not it.
    let t = "Storms battered the West Coast on Friday, Oregon officials said.";
    let r = places(t, &["West Coast", "Oregon"]);
    assert_ne!(cc(&r[0]), "NZ");
    let t = "Floods hit the West Coast region near Greymouth, New Zealand officials said.";
    let r = places(t, &["West Coast", "Greymouth", "New Zealand"]);
    assert_eq!(cc(&r[0]), "NZ");
}

#[test]
fn a_compass_part_of_an_area_is_placed_in_the_area() {
    // Found by a recogniser, "Northern Mali" is Mali at country precision,
    // keeping its own name; "Northeast Georgia" beside Atlanta the state.
    let t = "Rebels attacked a base in Northern Mali on Friday.";
    let r = recognised(t, &["Northern Mali"]);
    let p = r[0].as_ref().expect("placed");
    assert_eq!(
        (p.name.as_str(), cc(&r[0]), p.precision),
        ("Northern Mali", "ML", 3)
    );
    let t = "Schools in Northeast Georgia, north of Atlanta, cut teachers.";
    let r = recognised(t, &["Northeast Georgia", "Atlanta"]);
    assert_eq!(cc(&r[0]), "US");
    assert_eq!(r[0].as_ref().unwrap().precision, 2);
}
