//! The event stage on short news-style reports written for these tests:
//! non-violent PLOVER categories coded from the CAMEO verb dictionary, and
//! the sentences that must not become events.

use sitrep_core::{Document, Mode, Role};
use sitrep_pipeline::Pipeline;

/// (PLOVER category, trigger, participants) of one coded event.
type Coded = (String, String, Vec<(Role, String)>);

fn run(text: &str) -> sitrep_core::Output {
    let p = Pipeline::new().expect("embedded resources load");
    let doc = Document {
        id: "t".into(),
        source: None,
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 5),
        language: "en".into(),
        url: None,
        title: None,
        text: text.into(),
    };
    p.run(&doc, Vec::new())
}

fn events(text: &str) -> Vec<Coded> {
    run(text)
        .events
        .into_iter()
        .map(|e| {
            let actors = e.actors.into_iter().map(|a| (a.role, a.text)).collect();
            (e.plover.category, e.trigger, actors)
        })
        .collect()
}

/// Each text codes an event of `category` with its mode.
fn assert_coded_with_mode(cases: &[(&str, &str)], category: &str) {
    for (text, mode) in cases {
        let out = run(text);
        assert!(
            out.events
                .iter()
                .any(|e| e.plover.category == category && e.plover.mode.as_deref() == Some(*mode)),
            "{text}\n{:?}",
            out.events
        );
    }
}

/// No event of `category` is coded in `text`.
fn assert_not_coded(text: &str, category: &str) {
    let out = run(text);
    assert!(
        out.events.iter().all(|e| e.plover.category != category),
        "{text}\n{:?}",
        out.events
    );
}

/// The texts of an event's participants in one role, in order.
/// The first event of a PLOVER category, or a panic that lists them all.
fn event_of<'a>(out: &'a sitrep_core::Output, category: &str) -> &'a sitrep_core::Event {
    out.events
        .iter()
        .find(|e| e.plover.category == category)
        .unwrap_or_else(|| panic!("no {category} event in {:?}", out.events))
}

fn in_role(e: &sitrep_core::Event, role: Role) -> Vec<&str> {
    e.actors
        .iter()
        .filter(|a| a.role == role)
        .map(|a| a.text.as_str())
        .collect()
}

fn has(evs: &[Coded], cat: &str, actor1: &str, other: &str) -> bool {
    evs.iter().any(|(c, _, a)| {
        c == cat
            && a.iter().any(|(r, t)| *r == Role::Actor1 && t == actor1)
            && a.iter()
                .any(|(r, t)| *r != Role::Actor1 && t.contains(other))
    })
}

#[test]
fn dictionary_verbs_code_non_violent_categories() {
    let cases = [
        (
            "Turkey accused Russia on Tuesday of violating its airspace near the Syrian border.",
            "ACCUSE",
            "Turkey",
            "Russia",
        ),
        (
            "Egypt rejected Ethiopia's proposal on the dam, the foreign ministry said on Sunday.",
            "REJECT",
            "Egypt",
            "Ethiopia",
        ),
        (
            "China threatened Taiwan with unspecified countermeasures after the visit.",
            "THREATEN",
            "China",
            "Taiwan",
        ),
        (
            "Norway deported 20 Afghan migrants to Russia on Monday, police said.",
            "COERCE",
            "Norway",
            "Afghan",
        ),
        // A speech act before "to" is the event itself.
        (
            "China threatened to impose new tariffs on Australia.",
            "THREATEN",
            "China",
            "Australia",
        ),
    ];
    for (text, cat, a1, other) in cases {
        let evs = events(text);
        assert!(has(&evs, cat, a1, other), "{text}\n{evs:?}");
        assert_eq!(evs.len(), 1, "{text}\n{evs:?}");
    }
}

#[test]
fn no_dictionary_event_without_a_named_actor_or_an_assertion() {
    for text in [
        // A control verb: the event would be the infinitive.
        "Iraq has sought to boost its ties with Syria.",
        "Iraq is seeking to boost its capabilities along the Syrian border.",
        // No named actor.
        "Critics accused the government of corruption.",
        // A participle used as an adjective.
        "The failed embargo on Cuba was debated in Congress.",
        // Negated and hypothetical.
        "Germany has not accused Russia of the attack.",
        "France could threaten Italy with a lawsuit.",
        // Passive voice would invert the roles.
        "Russia was accused by Turkey of violating its airspace.",
    ] {
        let evs = events(text);
        assert!(evs.is_empty(), "{text}\n{evs:?}");
    }
}

#[test]
fn a_group_that_is_only_mentioned_is_not_an_event() {
    for text in [
        "ISIS continues to operate cells in the Syrian desert, analysts say.",
        "Al-Shabaab remains active in southern Somalia and controls several towns.",
        "The militia has a long history of attacks on aid convoys.",
    ] {
        let evs = events(text);
        assert!(evs.is_empty(), "{text}\n{evs:?}");
    }
    let text = "Boko Haram fighters attacked a village in Borno State on Monday, killing 12 people, officials said.";
    let out = run(text);
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let e = &out.events[0];
    assert_eq!(e.plover.category, "ASSAULT");
    assert_eq!(e.fatalities, Some(12));
    assert!(
        e.actors
            .iter()
            .any(|a| a.role == Role::Actor1 && a.text.contains("Boko Haram")),
        "{e:?}"
    );
}

#[test]
fn devices_going_off_and_unnamed_participants() {
    // A device that goes off is an attack, even with no perpetrator named:
    // the place and the casualties make it an event.
    let out = run("A car bomb exploded outside a police station in Mogadishu on Sunday, wounding four people.");
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let e = &out.events[0];
    assert_eq!(
        (e.plover.category.as_str(), e.plover.mode.as_deref()),
        ("ASSAULT", Some("explosives"))
    );
    assert_eq!(e.injuries, Some(4));
    assert_eq!(
        e.location.as_ref().map(|p| p.name.as_str()),
        Some("Mogadishu")
    );
    // A bare reference with nothing of its own is not an event.
    assert!(events("Officials said the explosion was under investigation.").is_empty());
    // "shot", "struck", "hit", "targeted" are attacks in the passive only.
    let evs = events("A soldier was shot by a sniper near Avdiivka on Tuesday.");
    assert!(
        evs.iter().any(|(c, t, _)| c == "ASSAULT" && t == "shot"),
        "{evs:?}"
    );
    assert!(events("The film was shot in Morocco by a Spanish crew.").is_empty());
    assert!(events("The singer hit a high note in Paris.").is_empty());
    // Passives, with an adverb or without an auxiliary: the subject is the
    // target, the by-phrase the actor.
    for (text, target, actor) in [
        (
            "The journalist was later detained by intelligence officers in Tehran.",
            "journalist",
            "intelligence officers",
        ),
        (
            "A man was reportedly shot dead by soldiers near Hebron.",
            "A man",
            "soldiers",
        ),
        (
            "Two farmers killed by gunmen in Zamfara were buried on Friday.",
            "Two farmers",
            "gunmen",
        ),
    ] {
        let evs = events(text);
        assert!(
            evs.iter().any(|(_, _, a)| a
                .iter()
                .any(|(r, t)| *r == Role::Actor1 && t.contains(actor))
                && a.iter()
                    .any(|(r, t)| *r == Role::Target && t.contains(target))),
            "{text}\n{evs:?}"
        );
    }
}

#[test]
fn acled_type_follows_the_targets() {
    let acled = |text: &str| {
        let out = run(text);
        assert_eq!(out.events.len(), 1, "{text}\n{:?}", out.events);
        let a = out.events[0].acled.clone().expect("an ACLED type");
        (a.event_type, a.sub_event_type)
    };
    let vac = (
        "Violence against civilians".to_string(),
        "Attack".to_string(),
    );
    let battle = ("Battles".to_string(), "Armed clash".to_string());
    // Unarmed targets: violence against civilians.
    assert_eq!(
        acled("Gunmen killed 12 villagers in Zamfara State on Monday."),
        vac
    );
    assert_eq!(
        acled("Unidentified attackers shot dead a journalist in Kabul on Friday."),
        vac
    );
    // Armed targets: a battle.
    assert_eq!(
        acled("Boko Haram fighters attacked a military base in Borno on Monday, killing five soldiers."),
        battle
    );
    assert_eq!(
        acled("Al-Shabaab militants ambushed AMISOM troops near Afgoye on Tuesday."),
        battle
    );
    // Protesters or rioters doing violence or damage: a violent
    // demonstration, whatever they hit (and not the same as police
    // attacking them).
    let violent_demo = ("Riots".to_string(), "Violent demonstration".to_string());
    assert_eq!(
        acled("Rioters set fire to a bank in Lagos on Tuesday."),
        violent_demo
    );
    assert_eq!(
        acled("Protesters attacked a police station in Karachi and set it ablaze."),
        violent_demo
    );
    assert_ne!(
        acled("Police attacked protesters in Nairobi on Monday, injuring 12."),
        violent_demo
    );
}

#[test]
fn a_present_tense_right_after_its_subject_is_an_event() {
    // Headlines and leads in the present tense: the verb right after its
    // subject is finite, not a noun ("rejects" is no plural here).
    for (text, cat) in [
        (
            "The Palestinians reject the Israeli proposal for the border crossing.",
            "REJECT",
        ),
        (
            "Iran firmly rejects the demands of the European negotiators.",
            "REJECT",
        ),
    ] {
        let evs = events(text);
        assert!(evs.iter().any(|(c, _, _)| c == cat), "{text}\n{evs:?}");
    }
    // A bare noun phrase has no finite verb and codes nothing.
    let evs = events("Palestinian rejection of the Israeli proposal for the crossing.");
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn casualty_counts_in_their_usual_forms() {
    for (text, dead, hurt) in [
        (
            "The attack in Mogadishu on Friday killed a dozen soldiers.",
            Some(12),
            None,
        ),
        (
            "Two dozen people were killed in an airstrike on Idlib on Monday.",
            Some(24),
            None,
        ),
        (
            "A car bomb in Bogota on Thursday left at least 20 dead.",
            Some(20),
            None,
        ),
        (
            "A suicide bombing in Kabul on Monday left 14 people dead and 40 wounded.",
            Some(14),
            Some(40),
        ),
        (
            "The death toll from Sunday's bombing in Quetta rose to 21.",
            Some(21),
            None,
        ),
        // Vague counts as ACLED codes them ("dozens" 12, "hundreds" 100).
        (
            "Militants killed dozens of villagers in Borno on Monday.",
            Some(12),
            None,
        ),
    ] {
        let out = run(text);
        assert_eq!(out.events.len(), 1, "{text}\n{:?}", out.events);
        let e = &out.events[0];
        assert_eq!((e.fatalities, e.injuries), (dead, hurt), "{text}");
    }
}

#[test]
fn protests_riots_and_trigger_words_that_only_modify() {
    let evs = events("Thousands joined a demonstration against the new tax in Nairobi on Tuesday.");
    assert!(
        evs.iter()
            .any(|(c, t, _)| c == "PROTEST" && t == "demonstration"),
        "{evs:?}"
    );
    // "riot police", "protest movement", "attack helicopters" are not events
    // (the police's deployment is one, but no riot).
    let evs = events("Riot police were deployed in central Nairobi on Tuesday.");
    assert!(evs.iter().all(|(c, _, _)| c == "MOBILIZE"), "{evs:?}");
    let evs = events("A new protest movement has arisen in Caracas.");
    assert!(evs.is_empty(), "{evs:?}");
    // (The purchase itself is coded, as cooperation with the seller.)
    let evs = events("The army bought twelve attack helicopters from Russia.");
    assert!(evs.iter().all(|(c, _, _)| c != "ASSAULT"), "{evs:?}");
}

#[test]
fn weapons_that_strike_and_datelines() {
    let out = run("KYIV, Ukraine (AP) — A Russian missile struck a residential building in Kharkiv on Saturday, killing seven people and wounding at least 30, the regional governor said.");
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let e = &out.events[0];
    assert_eq!(
        e.acled.as_ref().map(|a| a.sub_event_type.as_str()),
        Some("Shelling/artillery/missile attack")
    );
    assert_eq!((e.fatalities, e.injuries), (Some(7), Some(30)));
    // The dateline names where the report was filed, not the event's place.
    assert_eq!(
        e.location.as_ref().map(|p| p.name.as_str()),
        Some("Kharkiv")
    );
    // An active "hit" with no weapon or armed subject is no attack.
    assert!(events("The storm hit the coast of Kerala on Monday.").is_empty());
}

#[test]
fn unnamed_sources_modifier_actors_and_adjective_participles() {
    let out = run("An Israeli air strike on a school in Gaza City killed at least 12 people on Sunday, the Hamas-run health ministry said.");
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let e = &out.events[0];
    // The nationality right before the trigger noun is the actor.
    assert!(
        e.actors
            .iter()
            .any(|a| a.role == Role::Actor1 && a.country.as_deref() == Some("ISR")),
        "{e:?}"
    );
    // An unnamed institutional source is still the claim's source.
    assert_eq!(e.claims[0].source, "Hamas-run health ministry");
    // "kidnapped villagers" describes people, it reports no abduction.
    let evs = events(
        "Troops killed 20 bandits and rescued 15 kidnapped villagers in Zamfara on Tuesday.",
    );
    assert!(
        evs.iter()
            .all(|(c, t, _)| c == "ASSAULT" && t != "kidnapped"),
        "{evs:?}"
    );
    // Talks about a ceasefire are not one.
    let out =
        run("Qatar's prime minister met the US envoy in Doha on Monday to discuss a ceasefire.");
    assert!(
        out.events
            .iter()
            .filter(|e| e.kind == "ceasefire")
            .all(|e| e.mode == sitrep_core::Mode::Hypothetical),
        "{:?}",
        out.events
    );
}

#[test]
fn firing_at_protesters() {
    let out = run("Police fired tear gas and live rounds at protesters in Nairobi on Tuesday, killing at least five people, a rights group said.");
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let e = &out.events[0];
    let a = e.acled.as_ref().expect("an ACLED type");
    assert_eq!(
        (a.event_type.as_str(), a.sub_event_type.as_str()),
        ("Protests", "Excessive force against protesters")
    );
    assert_eq!(e.fatalities, Some(5));
    // Without deaths it is an intervention; "set fire to" is not firing at.
    let out = run("Police fired rubber bullets at demonstrators in Dhaka on Monday.");
    assert_eq!(
        out.events[0]
            .acled
            .as_ref()
            .map(|a| a.sub_event_type.as_str()),
        Some("Protest with intervention")
    );
    // (It is property destruction.)
    let out = run("Vandals set fire to a car on the outskirts of Lyon.");
    assert!(
        out.events.iter().all(|e| e.kind == "property destruction"),
        "{:?}",
        out.events
    );
}

#[test]
fn sources_that_disagree_on_the_death_toll() {
    let out = run("Nigerian troops killed 20 bandits near Tsafe in Zamfara on Tuesday, the army said. Residents said Nigerian troops killed 26 people near Tsafe on Tuesday.");
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let e = &out.events[0];
    assert_eq!(e.claims.len(), 2, "{e:?}");
    let d = e
        .disputed
        .iter()
        .find(|d| d.field == "fatalities")
        .unwrap_or_else(|| panic!("no fatality dispute: {e:?}"));
    assert!(d.sides.iter().any(|s| s.ends_with(": 20")), "{d:?}");
    assert!(d.sides.iter().any(|s| s.ends_with(": 26")), "{d:?}");
    // The event keeps the most conservative toll, as ACLED does.
    assert_eq!(e.fatalities, Some(20));
    // One source, one toll: no dispute.
    let out =
        run("Nigerian troops killed 20 bandits near Tsafe in Zamfara on Tuesday, the army said.");
    assert!(out.events[0].disputed.is_empty(), "{:?}", out.events[0]);
}

#[test]
fn a_roundup_of_separate_incidents_stays_separate() {
    // Five incidents in five countries, each with its own doer; the
    // unnamed victims ("people", "civilians") they share do not join them.
    let text = "Israeli air strikes killed at least 12 people in the Gaza Strip on Tuesday, \
        the health ministry said.\n\n\
        Two Palestinians were shot dead by Israeli troops in the West Bank city of Jenin.\n\n\
        Fighters of the Rapid Support Forces attacked a camp for displaced people, killing \
        20 civilians, witnesses said.\n\n\
        Azerbaijani forces launched an offensive, killing 27 people, Armenian officials said.\n\n\
        Israeli drones struck targets near the border on Sunday.";
    let out = run(text);
    let kinds: Vec<(&str, Option<u32>)> = out
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.fatalities))
        .collect();
    assert!(out.events.len() >= 5, "{kinds:?}");
    // The bare plural that killed is an event of its own kind.
    let first = &out.events[0];
    assert_eq!(first.kind, "airstrike", "{kinds:?}");
    assert_eq!(first.fatalities, Some(12));
    // No event mixes two doers or two death tolls' sources.
    for e in &out.events {
        let doers: std::collections::HashSet<_> = e
            .actors
            .iter()
            .filter(|a| matches!(a.role, Role::Actor1 | Role::AssocActor1))
            .filter_map(|a| a.country.clone().or(Some(a.canonical.clone())))
            .collect();
        assert!(doers.len() <= 1, "{}: {:?}", e.trigger, e.actors);
        assert!(e.claims.len() <= 1, "{}: {:?}", e.trigger, e.claims);
    }
    // A source is the phrase before "said", not a participant before it.
    let sources: Vec<&str> = out
        .events
        .iter()
        .flat_map(|e| e.claims.iter().map(|c| c.source.as_str()))
        .collect();
    assert!(sources.contains(&"witnesses"), "{sources:?}");
    assert!(!sources.contains(&"20 civilians"), "{sources:?}");
    // The Sunday drone strike is not the Jenin shooting.
    let jenin = out
        .events
        .iter()
        .find(|e| e.location.as_ref().is_some_and(|l| l.text == "Jenin"))
        .expect("the Jenin shooting");
    assert_ne!(jenin.kind, "airstrike");
    assert_ne!(
        jenin.date.as_ref().map(|d| d.value.as_str()),
        Some("2024-03-03")
    );
}

#[test]
fn a_suicide_bomber_and_a_group_claiming_a_higher_toll() {
    let out = run(
        "A suicide bomber killed at least 14 soldiers at a training camp in \
        Mogadishu on Saturday, officials said, in an attack claimed by al-Shabab. \
        Al-Shabab said in a statement on its Andalus radio station that it had killed 27 soldiers.",
    );
    let kinds: Vec<&str> = out.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["suicide bombing"], "{:?}", out.events);
    let e = &out.events[0];
    assert_eq!(e.fatalities, Some(14));
    let fields: Vec<&str> = e.disputed.iter().map(|d| d.field.as_str()).collect();
    // The unnamed bomber is no side in a dispute over who did it.
    assert_eq!(fields, ["fatalities"], "{:?}", e.disputed);
    assert_eq!(
        e.location.as_ref().map(|l| l.name.as_str()),
        Some("Mogadishu")
    );
}

#[test]
fn a_country_named_for_its_capital_places_the_event_in_the_city() {
    for text in [
        "A car bomb killed nine people in Somalia's capital on Monday, police said.",
        "A car bomb killed nine people in the capital of Somalia on Monday, police said.",
    ] {
        let out = run(text);
        let loc = out.events[0].location.as_ref().expect("a place");
        assert_eq!(
            (loc.name.as_str(), loc.text.as_str(), loc.precision),
            ("Mogadishu", "Somalia", 1),
            "{text}"
        );
    }
    // The country alone stays the country.
    let out = run("A car bomb killed nine people in Somalia on Monday, police said.");
    assert_eq!(out.events[0].location.as_ref().unwrap().precision, 3);
}

#[test]
fn weapons_as_doers_vague_counts_and_one_count_per_sentence() {
    // A drone doing it makes a drone strike.
    let out = run("Overnight, Russian drones attacked the city of Kharkiv, wounding 12 people, the governor said.");
    let e = &out.events[0];
    assert_eq!(
        (e.kind.as_str(), e.injuries),
        ("airstrike", Some(12)),
        "{e:?}"
    );
    assert_eq!(
        e.acled.as_ref().map(|a| a.sub_event_type.as_str()),
        Some("Air/drone strike")
    );
    // "Hundreds" and "dozens" count as ACLED codes them.
    let out = run("Hundreds of people were killed in fighting in Khartoum last week, medics said.");
    assert_eq!(out.events[0].fatalities, Some(100), "{:?}", out.events);
    // The dead of police fire are not also the protest's dead.
    let out = run(
        "Police fired live rounds at protesters in Nairobi, killing at least five people, \
        a rights group said, as thousands demonstrated against tax increases.",
    );
    let dead: Vec<(&str, Option<u32>)> = out
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.fatalities))
        .collect();
    assert_eq!(dead.iter().filter_map(|d| d.1).sum::<u32>(), 5, "{dead:?}");
}

#[test]
fn one_arrest_told_three_times() {
    // A headline's bare participle is a passive; "his arrest" refers back;
    // the same named person arrested again is the same arrest; a date the
    // story looks ahead to is not the arrest's.
    let out = run("Jackson arrested on drunk-driving charge\n\n\
        Despite his arrest, Jackson will play in Pittsburgh on Sunday.\n\n\
        Jackson was arrested by the California Highway Patrol early Monday.");
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let e = &out.events[0];
    let roles: Vec<(Role, &str)> = e.actors.iter().map(|a| (a.role, a.text.as_str())).collect();
    assert!(roles.contains(&(Role::Target, "Jackson")), "{roles:?}");
    assert!(
        roles.contains(&(Role::Actor1, "California Highway Patrol")),
        "{roles:?}"
    );
    assert_eq!(
        e.date.as_ref().map(|d| d.value.as_str()),
        Some("2024-03-04")
    );
    // Pittsburgh is where he will play, past the fronted phrase's comma:
    // the arrest's sentences name no place, so it is only placed in the
    // story's country, with country precision.
    let loc = e.location.as_ref().expect("the story's country");
    assert_eq!(loc.basis.as_deref(), Some("story"), "{loc:?}");
    assert_eq!((loc.name.as_str(), loc.precision), ("United States", 3));
}

#[test]
fn a_headline_and_its_lead_are_one_event() {
    let out = run("Gunmen kill eight in Mogadishu hotel attack\n\n\
        Al-Shabab fighters attacked a hotel near the presidential palace on Sunday, \
        killing at least eight people, police said.");
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    assert_eq!(out.events[0].fatalities, Some(8));
    // Both the headline and the lead are its evidence.
    assert_eq!(out.events[0].evidence.len(), 2, "{:?}", out.events[0]);
    // A first line that ends in a full stop is a sentence, not a headline:
    // a second incident in it stays apart.
    let out = run("Gunmen attacked a bank in Lagos on Monday.\n\n\
        Separately, Boko Haram fighters attacked a village in Borno on Sunday, killing five.");
    assert_eq!(out.events.len(), 2, "{:?}", out.events);
}

#[test]
fn each_side_reporting_the_strike_on_one_town() {
    let text = "A Russian missile struck a residential building in Odesa overnight, killing \
        eight people, Ukrainian officials said.\n\n\
        Russia's Defense Ministry said its forces had hit military infrastructure in Odesa.";
    let out = run(text);
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let sources: Vec<&str> = out.events[0]
        .claims
        .iter()
        .map(|c| c.source.as_str())
        .collect();
    assert!(sources.contains(&"Ukrainian officials"), "{sources:?}");
    assert!(
        sources.iter().any(|s| s.contains("Defense Ministry")),
        "{sources:?}"
    );
    // A report that says it is another strike stays another.
    let out = run("A Russian missile struck a residential building in Odesa overnight, killing \
        eight people, officials said.\n\nAnother missile hit a port warehouse in Odesa, officials said.");
    assert_eq!(out.events.len(), 2, "{:?}", out.events);
}

#[test]
fn a_rally_its_clashes_and_last_years_bombing() {
    // `run` dates the story 2024-03-05.
    let out = run(
        "Tens of thousands of people rallied in Tbilisi on Sunday against the law, and police \
        detained 20 protesters after clashes outside parliament, the ministry said.\n\n\
        ISIS continues to operate cells in the region, officials said. Last year, a bombing \
        in Batumi killed three people.",
    );
    let got: Vec<(&str, &str, String)> = out
        .events
        .iter()
        .map(|e| {
            (
                e.kind.as_str(),
                e.acled.as_ref().map_or("", |a| a.sub_event_type.as_str()),
                format!("{:?}", e.mode),
            )
        })
        .collect();
    assert!(got.iter().any(|g| g.0 == "protest"), "{got:?}");
    let rally = out.events.iter().find(|e| e.kind == "protest").unwrap();
    assert_eq!(rally.actors[0].text, "Tens of thousands of people");
    // Clashes among protesters with no armed group named are a riot.
    assert!(
        got.iter()
            .any(|g| g.0 == "clash" && g.1 == "Violent demonstration"),
        "{got:?}"
    );
    // Last year's bombing is background; ISIS operating cells is no event.
    assert!(
        got.iter().any(|g| g.0 == "bombing" && g.2 == "Historical"),
        "{got:?}"
    );
    assert_eq!(got.len(), 4, "{got:?}");
    // Prices that rallied are no protest.
    assert!(run("Oil prices rallied in London on Monday.")
        .events
        .is_empty());
}

#[test]
fn unnamed_armed_groups_and_words_for_killing() {
    // (text, actor1, its sector, fatalities)
    let cases = [
        (
            "Guerrillas attacked a police station in the north on Friday.",
            "Guerrillas",
            "REB",
            None,
        ),
        (
            "Terrorists massacred 12 peasants in the village of Los Llanos.",
            "Terrorists",
            "IMG",
            Some(12),
        ),
        (
            "Unidentified individuals murdered two policemen in the capital.",
            "Unidentified individuals",
            "",
            Some(2),
        ),
        (
            "drug traffickers gunned down two police officers in medellin on tuesday.",
            "drug traffickers",
            "CRM",
            Some(2),
        ),
    ];
    for (text, actor, sector, dead) in cases {
        let out = run(text);
        assert_eq!(out.events.len(), 1, "{text}: {:?}", out.events);
        let e = &out.events[0];
        assert_eq!(e.plover.category, "ASSAULT", "{text}");
        let a = e
            .actors
            .iter()
            .find(|a| a.role == Role::Actor1)
            .unwrap_or_else(|| panic!("{text}: no actor1 in {:?}", e.actors));
        assert_eq!(a.text, actor, "{text}");
        assert_eq!(a.sector.as_deref().unwrap_or(""), sector, "{text}");
        assert_eq!(e.fatalities, dead, "{text}");
    }
    // Text without capitals keeps its day names: the document is dated
    // Tuesday 2024-03-05, so "monday" is the day before.
    let out = run("drug traffickers gunned down two police officers in medellin on monday.");
    let date = out.events[0].date.as_ref().map(|d| d.value.as_str());
    assert_eq!(date, Some("2024-03-04"));
}

#[test]
fn a_nationality_belongs_to_the_noun_after_it() {
    // (text, participant, its country)
    let cases = [
        (
            "Gunmen killed two U.S. missionaries in La Paz on Wednesday.",
            "U.S. missionaries",
            "USA",
        ),
        (
            "Rebels ambushed a Salvadoran air force helicopter near San Miguel.",
            "Salvadoran air force helicopter",
            "SLV",
        ),
        (
            "Russian troops shelled Ukrainian positions near Bakhmut.",
            "Ukrainian positions",
            "UKR",
        ),
    ];
    for (text, who, country) in cases {
        let out = run(text);
        let e = &out.events[0];
        let a = e
            .actors
            .iter()
            .find(|a| a.role == Role::Target)
            .unwrap_or_else(|| panic!("{text}: no target in {:?}", e.actors));
        assert_eq!(
            (a.text.as_str(), a.country.as_deref()),
            (who, Some(country)),
            "{text}"
        );
    }
    // Not past the event word: "Israeli airstrikes" stays the doer and the event.
    let out = run("Israeli airstrikes killed 12 people in Gaza on Monday.");
    let e = &out.events[0];
    assert_eq!(e.kind, "airstrike");
    assert!(e
        .actors
        .iter()
        .any(|a| a.role == Role::Actor1 && a.text == "Israeli"));
    // A nationality before a title and a name is the person's, not a participant.
    let out = run("Gunmen assassinated Salvadoran Presidency Minister Antonio Rodriguez Porth.");
    let e = &out.events[0];
    assert!(
        e.actors.iter().all(|a| a.text != "Salvadoran"),
        "{:?}",
        e.actors
    );
    assert!(e
        .actors
        .iter()
        .any(|a| a.text.ends_with("Antonio Rodriguez Porth")));
}

#[test]
fn joined_victims_groups_and_dictionary_names_without_capitals() {
    let out = run("Gunmen killed Hector Oqueli and Gilda Flores near the border on Friday.");
    let targets = in_role(&out.events[0], Role::Target);
    assert_eq!(targets, vec!["Hector Oqueli", "Gilda Flores"]);
    // "of" joins a count or a group, not the event it follows.
    let out = run("A group of armed men killed three people in the village.");
    assert!(out.events[0]
        .actors
        .iter()
        .any(|a| a.role == Role::Actor1 && a.text == "A group of armed men"));
    let out = run("The killing of people in the village was condemned.");
    assert!(out.events[0]
        .actors
        .iter()
        .all(|a| !a.text.starts_with("of")));
    // A text without capitals finds armed groups in the Phoenix dictionaries.
    let out = run("members of the shining path killed two soldiers in ayacucho.");
    let a = out.events[0]
        .actors
        .iter()
        .find(|a| a.role == Role::Actor1)
        .expect("an actor1");
    assert_eq!(
        (a.country.as_deref(), a.sector.as_deref()),
        (Some("PER"), Some("REB"))
    );
}

#[test]
fn things_attacked_are_objects_never_actors() {
    let out = run("Rebels attacked a police station in the north on Friday.");
    let e = &out.events[0];
    let obj = e
        .actors
        .iter()
        .find(|a| a.role == Role::Object)
        .expect("an object");
    assert_eq!(
        (obj.text.as_str(), obj.sector.as_deref()),
        ("police station", Some("COP"))
    );
    // Armed actors' posts make it a battle, as their people would.
    assert_eq!(e.acled.as_ref().unwrap().sub_event_type, "Armed clash");
    // A passive subject may be a thing; the people killed stay targets.
    let out = run("A bus was bombed in the capital on Monday, killing four passengers.");
    let e = &out.events[0];
    let roles: Vec<(Role, &str)> = e.actors.iter().map(|a| (a.role, a.text.as_str())).collect();
    assert!(roles.contains(&(Role::Object, "bus")), "{roles:?}");
    assert!(
        roles.contains(&(Role::Target, "four passengers")),
        "{roles:?}"
    );
    // A thing is never who acted, and a noun that only names a kind of
    // school board is no event.
    let out = run("The truck attacked the village on Monday.");
    assert!(out.events.iter().all(|e| e
        .actors
        .iter()
        .all(|a| a.role != Role::Actor1 || a.text != "truck")));
    // A patrol or a convoy is people, with the sector of its modifier.
    let out = run("Military patrols killed three journalists in San Salvador.");
    let a = out.events[0]
        .actors
        .iter()
        .find(|a| a.role == Role::Actor1)
        .expect("actor1");
    assert_eq!(
        (a.text.as_str(), a.sector.as_deref()),
        ("Military patrols", Some("MIL"))
    );
    assert!(run("The school board met on Monday.").events.is_empty());
}

#[test]
fn weapons_used() {
    let weapons = |text: &str| -> Vec<String> {
        let out = run(text);
        in_role(&out.events[0], Role::Weapon)
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        weapons("Gunmen armed with rifles and grenades attacked a police station."),
        vec!["rifles", "grenades"]
    );
    assert_eq!(
        weapons("A dynamite charge exploded at the bank, the police said."),
        vec!["dynamite charge"]
    );
    let out =
        run("Terrorists set off a powerful car bomb outside the embassy, killing three people.");
    let e = &out.events[0];
    assert!(e
        .actors
        .iter()
        .any(|a| a.role == Role::Weapon && a.text == "powerful car bomb"));
    // Who sets off a bomb did it.
    assert!(e
        .actors
        .iter()
        .any(|a| a.role == Role::Actor1 && a.text == "Terrorists"));
    // In a text with capitals, a common noun is no place: "at the garrison".
    let out = run("Rebels fired rockets at the garrison on Monday.");
    assert!(
        out.events[0].location.is_none(),
        "{:?}",
        out.events[0].location
    );
}

#[test]
fn two_people_named_as_victims_without_capitals_or_with_titles() {
    let out = run("Gunmen killed Hector Oqueli and Guatemalan politician Gilda Flores.");
    let e = &out.events[0];
    let targets = in_role(e, Role::Target);
    assert_eq!(targets, vec!["Hector Oqueli", "Gilda Flores"]);
    assert_eq!(e.fatalities, Some(2));
    // Without capitals, a nationality and a title before a name are the
    // person's, not a participant of their own.
    let out =
        run("the ministry condemned the assassination of leftist salvadoran leader hector oqueli.");
    let targets = in_role(&out.events[0], Role::Target);
    assert_eq!(targets, vec!["hector oqueli"]);
}

#[test]
fn shooting_someone_and_jailing() {
    let out = run("A gunman shot three people outside a bar in Oslo on Saturday.");
    let e = &out.events[0];
    assert_eq!(e.plover.category, "ASSAULT");
    assert_eq!(in_role(e, Role::Actor1), vec!["A gunman"]);
    assert_eq!(in_role(e, Role::Target), vec!["three people"]);
    // Shooting a film is no attack.
    assert!(run("She shot a video of the rally in Oslo.")
        .events
        .is_empty());
    let out = run("Police jailed two activists in Minsk on Monday.");
    let e = &out.events[0];
    assert_eq!(
        (e.plover.category.as_str(), e.plover.mode.as_deref()),
        ("COERCE", Some("arrest"))
    );
}

#[test]
fn setting_off_and_blowing_up() {
    let out = run("A suspect set off a bomb at the station, killing two people.");
    let e = &out.events[0];
    assert_eq!(
        (e.kind.as_str(), e.trigger.as_str()),
        ("bombing", "set off")
    );
    assert_eq!(in_role(e, Role::Weapon), vec!["bomb"]);
    assert_eq!(e.fatalities, Some(2));
    // Setting off on a journey is no event.
    assert!(run("The team set off for Kabul on Monday.")
        .events
        .is_empty());
    let out = run("Militants tried to blow up a bridge near Mosul.");
    assert_eq!(in_role(&out.events[0], Role::Object), vec!["bridge"]);
}

#[test]
fn police_firing_and_firing_at_a_crowd() {
    // "police firing" is the police's attack; the dead are counted.
    let out = run("One person was killed in police firing in the old city on Tuesday.");
    let e = event_of(&out, "ASSAULT");
    assert_eq!(in_role(e, Role::Actor1), vec!["police"]);
    assert_eq!(e.fatalities, Some(1));
    // Firing "at" someone is active: the police are the doers, not the target.
    let out = run("Police fired at the mob, killing one and injuring eight others.");
    let e = &out.events[0];
    assert_eq!(in_role(e, Role::Actor1), vec!["Police"]);
    assert_eq!(in_role(e, Role::Target), vec!["mob"]);
    assert_eq!((e.fatalities, e.injuries), (Some(1), Some(8)));
    // The firing of a manager is no attack.
    assert!(events("The firing of the manager surprised investors.").is_empty());
    // "police station" names a place, "police stationed" the police.
    let out = run("Police stationed in the market fired at the mob on Friday.");
    assert_eq!(in_role(&out.events[0], Role::Actor1), vec!["Police"]);
}

#[test]
fn tolls_of_groups_joined_by_and() {
    let out = run("Two soldiers and a policeman were killed in the ambush near the border.");
    assert_eq!(out.events[0].fatalities, Some(3));
    let out = run("A man was killed in the attack on the market.");
    assert_eq!(out.events[0].fatalities, Some(1));
}

#[test]
fn arrests_and_crowd_control_in_indian_english() {
    let evs = events("Over 100 persons were rounded up in combing operations in the city.");
    assert!(
        evs.iter()
            .any(|(c, t, _)| c == "COERCE" && t == "rounded up"),
        "{evs:?}"
    );
    // "tear gas" is no plural of "tear ga".
    let evs = events("Police used teargas on the protesters outside the collectorate.");
    assert!(
        evs.iter()
            .any(|(c, t, a)| c == "ASSAULT" && t == "teargas" && !a.is_empty()),
        "{evs:?}"
    );
    let evs = events("Police lathicharged the protesters outside the collectorate.");
    assert!(has(&evs, "ASSAULT", "Police", "protesters"), "{evs:?}");
    let evs = events("The police fired 64 rounds in the air to quell the mob.");
    assert!(
        evs.iter().any(|(c, _, a)| c == "ASSAULT"
            && a.iter().any(|(r, t)| *r == Role::Actor1 && t == "police")),
        "{evs:?}"
    );
}

#[test]
fn arrests_that_failed_or_were_only_asked_for() {
    use sitrep_core::Mode;
    let mode = |t: &str| run(t).events.first().map(|e| e.mode);
    assert_eq!(
        mode("Police have failed to arrest the killers of the shopkeeper."),
        Some(Mode::Negated)
    );
    assert_eq!(
        mode("The police have not been able to arrest the kidnappers."),
        Some(Mode::Negated)
    );
    assert_eq!(
        mode("The court asked the police to arrest the accused."),
        Some(Mode::Hypothetical)
    );
    assert_eq!(
        mode("Police were able to arrest the kidnappers on Monday."),
        Some(Mode::Asserted)
    );
}

#[test]
fn an_attack_someone_is_ready_for_has_not_happened() {
    use sitrep_core::Mode;
    let mode = |t: &str| run(t).events.first().map(|e| e.mode);
    assert_eq!(
        mode("The army is ready to attack the town of Idlib, a commander said on Monday."),
        Some(Mode::Hypothetical)
    );
    assert_eq!(
        mode("The Taliban were prepared to attack Kabul, officials said on Monday."),
        Some(Mode::Hypothetical)
    );
    assert_eq!(
        mode("The army attacked the town of Idlib on Monday, a commander said."),
        Some(Mode::Asserted)
    );
}

#[test]
fn arrests_told_without_the_word_arrest() {
    let arrest = |t: &str| {
        run(t)
            .events
            .iter()
            .any(|e| e.plover.category == "COERCE" && e.cameo.starts_with("173"))
    };
    assert!(arrest(
        "Over 30 activists were taken into custody at different places."
    ));
    assert!(arrest(
        "Sixty people have been booked under the anti-terror law."
    ));
    assert!(arrest(
        "In Surat, 50 persons were held and weapons were seized."
    ));
    assert!(arrest(
        "Two activists were caught by the Kolkata police near the border."
    ));
    assert!(arrest(
        "So far more than 432 arrests have been made in the city."
    ));
    // Not arrests.
    assert!(!arrest("The talks were held in Geneva on Monday."));
    assert!(!arrest("He booked a flight to Delhi."));
    assert!(!arrest("Arrests are a matter for the courts."));
}

#[test]
fn deployments_belong_to_the_force_that_moves() {
    let out = run("Heavy police force was deployed in the walled city on Friday.");
    let e = event_of(&out, "MOBILIZE");
    assert_eq!(in_role(e, Role::Actor1), vec!["police"]);
    let out = run("Russia deployed troops to the border on Monday.");
    let e = &out.events[0];
    assert_eq!(e.plover.category, "MOBILIZE");
    assert_eq!(in_role(e, Role::Actor1), vec!["Russia"]);
    assert_eq!(in_role(e, Role::AssocActor1), vec!["troops"]);
    assert!(in_role(e, Role::Target).is_empty());
}

#[test]
fn a_sentence_without_a_trigger_is_read_with_its_stance() {
    // Promises and a refusal: the stance word is the event.
    let cases = [
        (
            "Serbian President Vojislav Kostunica promised to release the prisoners held by the army.",
            "AGREE",
            "promised",
        ),
        (
            "Pakistan has refused to deploy peacekeepers in Iraq, officials said.",
            "REJECT",
            "refused",
        ),
        (
            "Algeria offered to mediate between Mali and the rebels, the ministry said.",
            "AGREE",
            "offered",
        ),
        (
            "Mexico will send a delegation to Guatemala next week to discuss migration.",
            "AGREE",
            "will send",
        ),
    ];
    for (text, cat, trigger) in cases {
        let evs = events(text);
        assert!(
            evs.iter().any(|(c, t, _)| c == cat && t == trigger),
            "{text}\n{evs:?}"
        );
    }
    // A refused meeting: the refusal is an event, the meeting is negated.
    let out = run(
        "Israeli President Moshe Katsav has refused to meet Jordan's King Abdullah II in Amman.",
    );
    let cats: Vec<(&str, Mode)> = out
        .events
        .iter()
        .map(|e| (e.plover.category.as_str(), e.mode))
        .collect();
    assert!(cats.contains(&("REJECT", Mode::Asserted)), "{cats:?}");
    assert!(cats.contains(&("CONSULT", Mode::Negated)), "{cats:?}");
    // The speaker of a reported promise made through a pronoun, and of a
    // demand made of someone else.
    let evs = events("Hungary has said it will support the Security Council resolution.");
    assert!(has(&evs, "AGREE", "Hungary", "Security Council"), "{evs:?}");
    let evs = events("Syria says it is willing to withdraw its troops from Lebanon.");
    assert!(
        evs.iter()
            .any(|(c, _, a)| c == "AGREE"
                && a.iter().any(|(r, x)| *r == Role::Actor1 && x == "Syria")),
        "{evs:?}"
    );
    let evs = events("Egypt said Israel must release the detained fishermen.");
    assert!(has(&evs, "REQUEST", "Egypt", "Israel"), "{evs:?}");
    // A progressive form is active: its subject makes the demand.
    let evs = events("Ethnic Albanians in Serbia are demanding autonomy from Belgrade.");
    assert!(
        evs.iter().any(|(c, t, a)| c == "REQUEST"
            && t == "demanding"
            && a.iter()
                .any(|(r, x)| *r == Role::Actor1 && x.contains("Albanians"))),
        "{evs:?}"
    );
    // A speech act about a meeting is the event, before the meeting.
    let evs = events("Pakistan rejected a fresh offer from Afghanistan for direct talks.");
    assert_eq!(evs.first().map(|e| e.0.as_str()), Some("REJECT"), "{evs:?}");
    // The doer must be one the dictionaries can code, and a present
    // tense form is a state.
    for text in [
        "He promised to release the prisoners.",
        "Hezbollah controls several villages near the border.",
    ] {
        let evs = events(text);
        assert!(evs.is_empty(), "{text}\n{evs:?}");
    }
}

#[test]
fn readings_in_irregular_pasts_adjectives_and_described_names() {
    // An irregular past is as finite as one in "-ed".
    let evs = events("The European Union gave Chad 5 million dollars of aid on Monday.");
    let aid = evs
        .iter()
        .find(|e| e.0 == "AID")
        .unwrap_or_else(|| panic!("{evs:?}"));
    assert!(
        aid.2
            .iter()
            .any(|(r, x)| *r == Role::Actor1 && x == "European Union"),
        "{evs:?}"
    );
    // "is opposed to" is an adjective: its subject opposes.
    let evs = events("Israel is opposed to French mediation in peace negotiations with Syria.");
    let reject = evs
        .iter()
        .find(|e| e.0 == "REJECT")
        .unwrap_or_else(|| panic!("{evs:?}"));
    assert!(
        reject
            .2
            .iter()
            .any(|(r, x)| *r == Role::Actor1 && x == "Israel"),
        "{evs:?}"
    );
    // A name after the words that describe it is coded by the name.
    let out = run(
        "Human rights organization Amnesty International demanded that the government end curbs on the press.",
    );
    let e = event_of(&out, "REQUEST");
    let a1 = e
        .actors
        .iter()
        .find(|a| a.role == Role::Actor1)
        .unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(a1.sector.as_deref(), Some("NGO"), "{a1:?}");
}

#[test]
fn a_base_form_in_ed_is_no_past_and_we_is_never_a_nationality() {
    // "need" ends in "ed" but is no past form: a stated need is no request.
    let evs = events(
        "The area lies near the Turkish border, where government forces need to coordinate with local militias.",
    );
    assert!(evs.iter().all(|e| e.0 != "REQUEST"), "{evs:?}");
    // "We" in a quote is the speaker's side, not a nationality named in
    // the sentence before.
    let out = run("The town lies near the Turkish border. \
         General John Smith said: \"We will not yield to the terrorists.\"");
    for e in &out.events {
        for a in &e.actors {
            if a.text == "We" {
                assert_ne!(a.country.as_deref(), Some("TUR"), "{e:?}");
            }
        }
    }
}

#[test]
fn a_capital_that_acts_stands_for_its_government() {
    let out = run("Berlin rejected a United Nations appeal for immediate aid to the region.");
    let e = event_of(&out, "REJECT");
    let a1 = e
        .actors
        .iter()
        .find(|a| a.role == Role::Actor1)
        .unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(a1.text, "Berlin");
    assert_eq!(a1.country.as_deref(), Some("DEU"));
    assert_eq!(a1.sector.as_deref(), Some("GOV"));
    // A capital that names a place or modifies a noun stays a place.
    for text in [
        "Kabul residents said gunmen attacked a checkpoint on Monday.",
        "Berlin, the German capital, hosted the talks.",
    ] {
        let out = run(text);
        assert!(
            out.events.iter().all(
                |e| e.actors.iter().all(|a| a.sector.as_deref() != Some("GOV")
                    || a.text != text.split([' ', ',']).next().unwrap())
            ),
            "{text}\n{:?}",
            out.events
        );
    }
}

#[test]
fn protests_told_as_marches_strikes_and_blocked_roads() {
    let cases = [
        (
            "Thousands of Kurds demonstrated in Kirkuk on Sunday, calling for independence.",
            "demo",
        ),
        (
            "Angry activists have staged rallies in the Gaza Strip against the party's leader.",
            "demo",
        ),
        (
            "University students staged mass demonstrations in Jakarta on Saturday.",
            "demo",
        ),
        (
            "Prisoners began a hunger strike in Ramallah on Monday to demand their release.",
            "hunger",
        ),
        // A nationality before the doers does not swallow the verb.
        (
            "Algerian landowners began a hunger strike outside Parliament on Monday.",
            "hunger",
        ),
        (
            "Teachers went on strike in Nairobi on Monday over unpaid wages.",
            "boycott",
        ),
        (
            "About 200 supporters of the former president blocked roads in Algiers on Friday.",
            "obstruct",
        ),
    ];
    assert_coded_with_mode(&cases, "PROTEST");
    // Other senses: an air campaign, a verb with an object, a market.
    for (text, not) in [
        (
            "US jets launched strikes on ISIS positions near Raqqa.",
            "PROTEST",
        ),
        ("The test demonstrated the army's resolve.", "PROTEST"),
        ("Oil prices rallied in London on Monday.", "PROTEST"),
    ] {
        assert_not_coded(text, not);
    }
    let out = run("US jets launched strikes on ISIS positions near Raqqa.");
    assert!(
        out.events.iter().any(|e| e.plover.category == "ASSAULT"),
        "{:?}",
        out.events
    );
}

#[test]
fn torture_sexual_violence_beatings_and_invasions() {
    let cases = [
        (
            "Security forces in Guinea tortured scores of refugees, Human Rights Watch said.",
            "torture",
        ),
        (
            "Soldiers raped two women in the village of Minova on Tuesday, witnesses said.",
            "sexual",
        ),
        (
            "Police beat up three journalists outside the court in Harare on Monday.",
            "beat",
        ),
    ];
    assert_coded_with_mode(&cases, "ASSAULT");
    let evs = events("Russian troops invaded Ukraine on Thursday.");
    assert!(has(&evs, "ASSAULT", "Russian troops", "Ukraine"), "{evs:?}");
    // A trigger noun that names a place or an accusation is no event.
    let evs = events("Human Rights Watch documented torture centers run by the police.");
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn acled_sub_events_from_weapons_territory_property_and_mobs() {
    let acled = |text: &str| -> Vec<(String, String)> {
        run(text)
            .events
            .into_iter()
            .filter_map(|e| e.acled)
            .map(|a| (a.event_type, a.sub_event_type))
            .collect()
    };
    let cases = [
        (
            "Unknown assailants threw a grenade at a police station in Srinagar, injuring two officers.",
            "Grenade",
        ),
        (
            "A roadside bomb killed three soldiers near Kandahar on Monday.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Rebels fired mortars at the presidential palace in Mogadishu, killing two guards.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Residents said a chemical attack killed dozens of people in Douma.",
            "Chemical weapon",
        ),
        (
            "Al-Shabaab fighters captured the town of Bulo Burde from government forces on Sunday.",
            "Non-state actor overtakes territory",
        ),
        (
            "The Syrian army recaptured the village of Kafr Nabudah from rebels on Friday.",
            "Government regains territory",
        ),
        (
            "Militants torched a school in Borno State overnight, residents said.",
            "Looting/property destruction",
        ),
        (
            "A mob lynched a man suspected of theft in Bihar on Sunday.",
            "Mob violence",
        ),
        (
            "Police defused a bomb planted near a school in Peshawar on Monday.",
            "Disrupted weapons use",
        ),
        (
            "Security forces seized a large cache of weapons and explosives in Kirkuk.",
            "Disrupted weapons use",
        ),
        (
            "The government and the rebels signed a peace agreement in Juba on Sunday.",
            "Agreement",
        ),
        (
            "Police dispersed hundreds of protesters in Nairobi on Tuesday.",
            "Protest with intervention",
        ),
        (
            "A suicide bomber detonated explosives at a mosque in Maiduguri, killing 7.",
            "Suicide bomb",
        ),
        (
            "A mob beat to death a man accused of stealing a cow in Bihar.",
            "Mob violence",
        ),
        (
            "Unknown assailants burned down a church in Sokoto on Sunday.",
            "Looting/property destruction",
        ),
        (
            "The Saudi-led coalition carried out airstrikes on Sanaa, killing 5 civilians.",
            "Air/drone strike",
        ),
    ];
    for (text, sub) in cases {
        let got = acled(text);
        assert!(got.iter().any(|(_, s)| s == sub), "{text}\n{got:?}");
    }
    // Control of a market is no territory; a trade treaty is no ACLED
    // agreement.
    let got = acled("The company took control of the market last year.");
    assert!(got.is_empty(), "{got:?}");
    let got = acled("Czechia and China signed a trade agreement in Prague on Monday.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn the_month_of_may_is_no_modal() {
    // ACLED's notes open with the date.
    let out = run(
        "On 9 May 2020, a landmine exploded under a vehicle in Kidal, killing 3 Malian soldiers.",
    );
    assert!(
        out.events
            .iter()
            // (Historical: the test documents are dated 2024.)
            .any(|e| e.mode == Mode::Historical && e.fatalities == Some(3)),
        "{:?}",
        out.events
    );
}

#[test]
fn subjects_joined_by_and() {
    let out = run("Israel and Hamas agreed to a ceasefire in Gaza on Friday.");
    let e = event_of(&out, "AGREE");
    assert_eq!(in_role(e, Role::Actor1), ["Israel"], "{e:?}");
    assert_eq!(in_role(e, Role::Actor2), ["Hamas"], "{e:?}");
    let out = run("Russian and Syrian forces attacked Idlib on Monday.");
    let e = event_of(&out, "ASSAULT");
    assert_eq!(in_role(e, Role::AssocActor1).len(), 1, "{e:?}");
}

#[test]
fn coalitions_and_backed_groups_are_participants() {
    for (text, doer) in [
        (
            "The Saudi-led coalition carried out airstrikes on Sanaa on Monday.",
            "Saudi-led coalition",
        ),
        (
            "Russian-backed separatists shelled Mariupol overnight.",
            "Russian-backed separatists",
        ),
    ] {
        let out = run(text);
        assert!(
            out.events
                .iter()
                .any(|e| in_role(e, Role::Actor1).contains(&doer)),
            "{text}\n{:?}",
            out.events
        );
    }
}

#[test]
fn a_protest_met_with_arrests_is_an_intervention() {
    let sub = |text: &str| -> Vec<String> {
        run(text)
            .events
            .into_iter()
            .filter(|e| e.plover.category == "PROTEST")
            .filter_map(|e| e.acled.map(|a| a.sub_event_type))
            .collect()
    };
    for text in [
        "Villagers protested in Kisumu on Monday; police arrested 4 protesters.",
        "Hundreds of students protested in Dhaka on Monday. Police arrested 12 protesters.",
    ] {
        assert_eq!(sub(text), ["Protest with intervention"], "{text}");
    }
    let text = "Teachers protested in Patna on Monday. In a separate incident, police arrested two robbers.";
    assert_eq!(sub(text), ["Peaceful protest"], "{text}");
}

#[test]
fn meeting_a_demand_is_no_meeting() {
    // "meet" as satisfy: a passive with no one met, or a demand, deadline
    // or need as the object.
    for text in [
        "Workers in Lagos said the strike would go on until their demands are met.",
        "Kenya failed to meet the deadline set by the International Monetary Fund.",
    ] {
        let evs = events(text);
        assert!(
            evs.iter().all(|(c, _, _)| c != "CONSULT"),
            "{text}\n{evs:?}"
        );
    }
    // A meeting is still one, in progress or met with someone.
    let evs =
        events("The Iranian foreign minister met his Turkish counterpart in Ankara on Monday.");
    assert!(evs.iter().any(|(c, _, _)| c == "CONSULT"), "{evs:?}");
    let evs = events("Hamas leaders were meeting Egyptian mediators in Cairo on Sunday.");
    assert!(evs.iter().any(|(c, _, _)| c == "CONSULT"), "{evs:?}");
}

#[test]
fn a_people_named_by_its_country_takes_part() {
    // The tagger calls "Bosnian Serbs" a miscellaneous name; the actor stage
    // codes it by the country in its first word, and it does the demand.
    let out = run("Bosnian Serbs demanded a truce with government forces in east Bosnia.");
    let e = event_of(&out, "REQUEST");
    assert_eq!(in_role(e, Role::Actor1), ["Bosnian Serbs"]);
    let a = e.actors.iter().find(|a| a.role == Role::Actor1).unwrap();
    assert_eq!(a.country.as_deref(), Some("BIH"));
}

#[test]
fn deportations_are_coerce_deport() {
    let cases = [(
        "Ghanaian authorities have deported 168 Liberians for travelling without proper documents.",
        "deport",
    )];
    assert_coded_with_mode(&cases, "COERCE");
    let out = run(cases[0].0);
    let e = event_of(&out, "COERCE");
    assert_eq!(in_role(e, Role::Actor1), ["Ghanaian authorities"]);
    assert_eq!(in_role(e, Role::Target), ["Liberians"]);
}

#[test]
fn curfews_and_states_of_emergency_imposed_are_coerce() {
    let cases = [
        (
            "Turkish authorities have imposed a curfew in the town of Cizre after the protests.",
            "curfew",
        ),
        (
            "Pakistan's president declared a state of emergency in the capital on Saturday.",
            "martial-law",
        ),
        (
            "Thailand's army imposed martial law across the country on Friday.",
            "martial-law",
        ),
    ];
    assert_coded_with_mode(&cases, "COERCE");
    // Lifting one is no coercion but a concession: CONCEDE for a curfew or
    // a state of emergency (the PLOVER manual), RETREAT for a blockade
    // (CAMEO 0872, a withdrawal).
    let imposed = run("The army imposed a curfew in Srinagar on Monday.");
    assert!(imposed.events.iter().any(|e| e.plover.category == "COERCE"));
    assert_not_coded(
        "The army lifted the curfew in Srinagar on Monday.",
        "COERCE",
    );
    for (text, category, cameo) in [
        (
            "The army lifted the curfew in Srinagar on Monday.",
            "CONCEDE",
            "0813",
        ),
        (
            "The government ended the state of emergency on Tuesday.",
            "CONCEDE",
            "0814",
        ),
        (
            "Israel eased the blockade of Gaza on Sunday.",
            "RETREAT",
            "0872",
        ),
    ] {
        let out = run(text);
        assert_eq!(event_of(&out, category).cameo, cameo, "{text}");
    }
    // Lifting a siege may be breaking it: not read.
    assert_not_coded("The army lifted the siege of the city.", "RETREAT");
}

#[test]
fn an_institution_named_by_its_kind_is_the_actor() {
    // Once a story has named the country, "the army", "the government".
    let out = run("The army shelled the town of Kupiansk on Monday.");
    let e = event_of(&out, "ASSAULT");
    assert_eq!(in_role(e, Role::Actor1), ["army"]);
    let out = run("The government imposed a curfew in the capital.");
    let e = event_of(&out, "COERCE");
    assert_eq!(in_role(e, Role::Actor1), ["government"]);
    // An institution that modifies the next noun is not the actor:
    // "army reservists" were mobilised, the army did not act on them.
    let out = run("Britain mobilized army reservists on Tuesday.");
    assert!(out
        .events
        .iter()
        .flat_map(|e| in_role(e, Role::Target))
        .all(|t| t != "army"));
}

#[test]
fn hacking_and_bans_on_political_life_are_coerce() {
    let cases = [
        (
            "North Korea has tried to hack into the computers of South Korean army officers.",
            "cyber",
        ),
        (
            "Unknown hackers hacked the website of the Danish foreign ministry on Sunday.",
            "cyber",
        ),
        (
            "The British government on Monday outlawed the largest Protestant paramilitary group.",
            "ban",
        ),
        ("Egypt banned the Muslim Brotherhood in 2013.", "ban"),
    ];
    assert_coded_with_mode(&cases, "COERCE");
    // A ban outside political life is no coercion.
    assert_not_coded("FIFA banned the player for six matches.", "COERCE");
}

#[test]
fn a_dictionary_act_before_every_trigger_is_coded_beside_them() {
    // The suspension comes first and no trigger covers it; the attack
    // after it is coded too.
    let out = run("Red Cross officials suspended aid deliveries in Baghdad on Wednesday after two of their vehicles were hit by gunfire.");
    let cats: Vec<&str> = out
        .events
        .iter()
        .map(|e| e.plover.category.as_str())
        .collect();
    assert_eq!(cats.first(), Some(&"SANCTION"), "{:?}", out.events);
    assert!(cats.contains(&"ASSAULT"), "{:?}", out.events);
}

#[test]
fn part_of_a_place_taken_and_blockades_imposed() {
    // "captured part of" is territory taken, not CAMEO's "take part".
    let out = run("Burmese troops have captured part of a Karen guerrilla stronghold on Monday.");
    assert!(
        out.events
            .iter()
            .any(|e| e.plover.category == "COERCE" && e.plover.mode.as_deref() == Some("seize")),
        "{:?}",
        out.events
    );
    assert!(out.events.iter().all(|e| e.plover.category != "AGREE"));
    assert_coded_with_mode(
        &[(
            "Israel on Friday reimposed blockades in the West Bank after the shooting.",
            "restrict",
        )],
        "COERCE",
    );
}

#[test]
fn a_visit_to_a_national_capital_is_one_to_its_country() {
    let out = run("Iraqi President Saddam Hussein arrived in Amman on a visit on Wednesday.");
    let e = event_of(&out, "CONSULT");
    let host = e
        .actors
        .iter()
        .find(|a| a.role == Role::Actor2)
        .expect("a host");
    assert_eq!(host.country.as_deref(), Some("JOR"));
    assert_eq!(host.sector.as_deref(), Some("GOV"));
    // Coming home is no visit.
    let out = run("Jordan's King Abdullah arrived in Amman on Wednesday.");
    assert!(
        out.events.iter().all(|e| e.plover.category != "CONSULT"),
        "{:?}",
        out.events
    );
}

#[test]
fn the_subject_is_the_name_an_appositive_describes() {
    let out = run(
        "Pakistan, a key U.S. ally in the war against terrorism, attacked the rebels on Monday.",
    );
    let e = event_of(&out, "ASSAULT");
    assert_eq!(in_role(e, Role::Actor1), ["Pakistan"]);
    // A fronted place is no subject with an appositive.
    let out = run("In Kabul, a bomb exploded near the embassy on Monday, killing five people.");
    assert!(out.events.iter().any(|e| e.plover.category == "ASSAULT"));
}

#[test]
fn acts_carried_on_and_states_of_readiness_have_their_subject() {
    // "continued their hunger strike": the subject's own act, not one told
    // before; an uncoded name before the noun leaves it the participant.
    let out = run("Islamic fundamentalists continued their hunger strike on Monday.");
    let e = event_of(&out, "PROTEST");
    assert_eq!(in_role(e, Role::Actor1), ["fundamentalists"]);
    // Forces on alert are mobilised (CAMEO 152).
    let out = run("Israeli troops remained on high alert in the West Bank on Monday.");
    let e = event_of(&out, "MOBILIZE");
    assert_eq!(e.cameo, "152");
    assert_eq!(in_role(e, Role::Actor1), ["Israeli troops"]);
    // A name that is the target of an earlier attack is not its doer.
    let out = run("The village was the target of an attack by gunmen on Monday.");
    assert!(out
        .events
        .iter()
        .flat_map(|e| in_role(e, Role::Actor1))
        .all(|a| a != "village"));
}

#[test]
fn forces_withdrawn_are_a_retreat_unless_only_talked_about() {
    let out = run("The withdrawal of Russian troops from the town began on Monday.");
    let e = event_of(&out, "RETREAT");
    assert_eq!(e.cameo, "0874");
    assert_eq!(in_role(e, Role::Actor1), ["Russian troops"]);
    // One event, with its doer, when a dictionary verb and the noun tell it.
    let out = run("Israel completed a troop withdrawal from Gaza on Monday.");
    let retreats: Vec<_> = out
        .events
        .iter()
        .filter(|e| e.plover.category == "RETREAT")
        .collect();
    assert_eq!(retreats.len(), 1, "{:?}", out.events);
    assert_eq!(in_role(retreats[0], Role::Actor1), ["Israel"]);
    // The topic of talks, or a withdrawal from a treaty, is none; nor are
    // "invasion forces" an invasion.
    for text in [
        "Israel and Lebanon renewed negotiations today on an Israeli troop pullback.",
        "Washington announced its withdrawal from the treaty on Monday.",
    ] {
        assert_not_coded(text, "RETREAT");
    }
    assert_not_coded("The invasion forces left Panama on Wednesday.", "ASSAULT");
}

#[test]
fn ethnic_cleansing_attempts_and_attacks_that_go_on() {
    let out = run("Serb forces were engaged in ethnic cleansing in Montenegro, the US said.");
    assert_eq!(event_of(&out, "ASSAULT").cameo, "203");
    // An attempt is an attack made; a plot is none.
    let out = run("Militants tried to assassinate the provincial governor on Monday.");
    assert_eq!(event_of(&out, "ASSAULT").cameo, "186");
    assert_not_coded(
        "Police said the group had plotted to assassinate the governor.",
        "ASSAULT",
    );
    // A bare plural that goes on is an event ("air strikes continued").
    let out = run("Russian air strikes continued across Idlib province on Monday.");
    event_of(&out, "ASSAULT");
}

#[test]
fn gatherings_and_stoppages_in_protest_and_defaced_sites() {
    // A crowd gathered "to protest" protests (not a verbal disapproval).
    let out = run("Students gathered outside parliament on Monday to protest the decision.");
    assert_eq!(
        event_of(&out, "PROTEST").plover.mode.as_deref(),
        Some("demo")
    );
    assert_not_coded(
        "Students gathered outside parliament on Monday to protest the decision.",
        "ACCUSE",
    );
    let out = run("Workers stayed home on Monday to protest the new tax.");
    assert_eq!(
        in_role(event_of(&out, "PROTEST"), Role::Actor1),
        ["Workers"]
    );
    // A gathering for anything else is none.
    assert_not_coded(
        "Leaders gathered in Paris to discuss the crisis.",
        "PROTEST",
    );
    // Defaced web sites are a cyber attack.
    let out = run("Muslim hackers have defaced nearly 3,000 Danish web sites this month.");
    assert_eq!(
        event_of(&out, "COERCE").plover.mode.as_deref(),
        Some("cyber")
    );
}

#[test]
fn the_plover_manual_decides_for_dictionary_verbs_in_the_pipeline_too() {
    // CAMEO's first pattern for "imposed" is a curfew (COERCE); sanctions
    // imposed are SANCTION.
    let out = run("President Bill Clinton imposed sanctions on the Taliban on Friday.");
    assert_eq!(event_of(&out, "SANCTION").cameo, "16");
    assert_not_coded(
        "President Bill Clinton imposed sanctions on the Taliban on Friday.",
        "COERCE",
    );
}

#[test]
fn states_of_siege_and_restrictions_eased() {
    let out = run("The military government declared a 30-day state of siege in Haiti on Saturday.");
    assert_eq!(event_of(&out, "COERCE").cameo, "1724");
    let out = run("Serbia eased emergency measures in Montenegro on Wednesday.");
    assert_eq!(event_of(&out, "CONCEDE").cameo, "0814");
    let out = run("Israel lifted restrictions on the movement of Palestinians on Sunday.");
    assert_eq!(event_of(&out, "CONCEDE").cameo, "081");
}

#[test]
fn an_event_whose_sentences_name_no_place_takes_the_story_country() {
    let out = run(
        "Gunmen opened fire on a bus carrying pilgrims near Quetta on Tuesday, \
        killing six people, police said.\n\n\
        In a separate incident, militants kidnapped two engineers working on a road project.\n\n\
        Pakistan's interior minister condemned both attacks.",
    );
    let bus = out
        .events
        .iter()
        .find(|e| e.fatalities == Some(6))
        .expect("the attack on the bus");
    let loc = bus.location.as_ref().expect("Quetta");
    assert_eq!(loc.basis.as_deref(), Some("text"), "{loc:?}");
    assert_eq!(loc.country_code.as_deref(), Some("PK"), "{loc:?}");
    let kidnap = out
        .events
        .iter()
        .find(|e| e.kind == "abduction" || e.kind == "kidnapping")
        .unwrap_or_else(|| panic!("the kidnapping: {:?}", out.events));
    let loc = kidnap.location.as_ref().expect("the story's country");
    assert_eq!(loc.basis.as_deref(), Some("story"), "{loc:?}");
    assert_eq!(loc.country_code.as_deref(), Some("PK"), "{loc:?}");
    assert_eq!(loc.precision, 3, "country precision: {loc:?}");
    // The span is a mention in the text, as every span is.
    assert_eq!(&out.text[loc.start..loc.end], loc.text);
}

#[test]
fn the_lead_is_placed_at_its_dateline_and_later_events_only_in_the_country() {
    let out = run(
        "KHARKIV, Ukraine (AP) — Russian drones struck an apartment block overnight, \
        killing three people, officials said.\n\n\
        Hours later a missile hit a grain warehouse, wounding two workers, the governor said.",
    );
    let lead = out
        .events
        .iter()
        .find(|e| e.fatalities == Some(3))
        .unwrap_or_else(|| panic!("the drone strike: {:?}", out.events));
    let loc = lead.location.as_ref().expect("the dateline's place");
    assert_eq!(loc.basis.as_deref(), Some("dateline"), "{loc:?}");
    assert_eq!(loc.text, "KHARKIV", "{loc:?}");
    let later = out
        .events
        .iter()
        .find(|e| e.injuries == Some(2))
        .unwrap_or_else(|| panic!("the missile strike: {:?}", out.events));
    let loc = later.location.as_ref().expect("the story's country");
    assert_eq!(loc.basis.as_deref(), Some("story"), "{loc:?}");
    assert_eq!(
        (loc.country_code.as_deref(), loc.precision),
        (Some("UA"), 3),
        "{loc:?}"
    );
}

#[test]
fn a_statement_takes_no_fallback_place() {
    // The attack happened where the story says; the rejection was made
    // wherever Tehran spoke, which the story does not say.
    let out = run(
        "Gunmen killed five villagers near Jalalabad on Sunday, police said.\n\n\
        Iran rejected the proposal on Monday.",
    );
    let reject = out
        .events
        .iter()
        .find(|e| e.plover.category == "REJECT")
        .unwrap_or_else(|| panic!("the rejection: {:?}", out.events));
    assert!(reject.location.is_none(), "{:?}", reject.location);
    let attack = out
        .events
        .iter()
        .find(|e| e.fatalities == Some(5))
        .unwrap_or_else(|| panic!("the killing: {:?}", out.events));
    assert_eq!(
        attack.location.as_ref().and_then(|p| p.basis.as_deref()),
        Some("text")
    );
}
