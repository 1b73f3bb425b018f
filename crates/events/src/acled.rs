//! ACLED event and sub-event types: the trigger's type, refined by the weapon,
//! the targets, the doer and what met a protest.

use crate::lexicon::Def;
use crate::Inputs;
use sitrep_core::{Acled, ActorRef, Event, Evidence, Role};

/// Sectors of armed actors (state forces, rebels, militant groups).
const ARMED: &[&str] = &["MIL", "COP", "REB", "IMG", "SPY", "UAF"];

/// The ACLED type of a finished event: [`acled_type`], except that clashes
/// told among protesters, with no armed group named, are a violent
/// demonstration, not a battle (ACLED's battles are between armed,
/// organised groups).
pub(crate) fn event_acled(
    inp: &Inputs,
    def: Def,
    actors: &[ActorRef],
    fatalities: Option<u32>,
    evidence: &[Evidence],
) -> Option<Acled> {
    let acled = acled_type(def, actors, fatalities);
    let armed = actors.iter().any(|a| {
        a.sector
            .as_deref()
            .is_some_and(|s| matches!(s, "MIL" | "REB" | "IMG" | "COP"))
            || ARMED_NOUNS.contains(&a.canonical.to_lowercase().as_str())
    });
    let protest_words = evidence.iter().any(|e| {
        let t = inp.text[e.start..e.end].to_lowercase();
        ["protest", "demonstrat", "rallied", "marchers"]
            .iter()
            .any(|w| t.contains(w))
    });
    if def.kind == "clash" && !armed && protest_words {
        return Some(Acled {
            event_type: "Riots".into(),
            sub_event_type: "Violent demonstration".into(),
        });
    }
    acled
}

/// The ACLED type of an event: the trigger's, except that an attack whose
/// targets are all unarmed (civilians, officials, journalists, "a man") is
/// violence against civilians, not a battle (ACLED's definitions: a battle
/// is between armed, organised groups).
fn acled_type(def: Def, actors: &[ActorRef], fatalities: Option<u32>) -> Option<Acled> {
    let (t, s) = def.acled?;
    let targets: Vec<&ActorRef> = actors
        .iter()
        .filter(|a| {
            matches!(
                a.role,
                Role::Target | Role::Actor2 | Role::AssocActor2 | Role::Object
            )
        })
        .collect();
    let unarmed = |a: &&ActorRef| {
        !a.sector.as_deref().is_some_and(|s| ARMED.contains(&s))
            && a.affiliation.is_none()
            && !ARMED_NOUNS.contains(&a.canonical.to_lowercase().as_str())
    };
    let at_protesters = targets.iter().any(|a| {
        matches!(
            a.canonical.to_lowercase().as_str(),
            "protesters" | "demonstrators"
        )
    });
    let by_state = actors.iter().any(|a| {
        matches!(a.role, Role::Actor1 | Role::AssocActor1)
            && matches!(a.sector.as_deref(), Some("COP" | "MIL"))
    });
    // The weapon an attack used says how (ACLED's Explosions/Remote
    // violence sub-events): "a roadside bomb killed", "grenade", "mortar".
    let by_weapon = if matches!(
        (t, s),
        ("Battles", "Armed clash") | ("Violence against civilians", "Attack")
    ) {
        actors
            .iter()
            .filter(|a| a.role == Role::Weapon)
            .find_map(|a| remote_weapon(&a.canonical))
    } else {
        None
    };
    // Whether an assault's doer is named by one of these words.
    let assault_by = |words: &[&str]| {
        def.plover.0 == "ASSAULT"
            && actors.iter().any(|a| {
                matches!(a.role, Role::Actor1 | Role::AssocActor1)
                    && a.text
                        .to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| words.contains(&w))
            })
    };
    // A mob, a crowd or villagers attacking: mob violence (ACLED Riots).
    let by_mob = assault_by(&["mob", "mobs", "crowd", "vigilantes"]);
    // Protesters or rioters doing violence or damage: a violent
    // demonstration (ACLED Riots), whoever they hit.
    let by_demonstrators = assault_by(&["protesters", "protestors", "demonstrators", "rioters"]);
    // Territory taken by state forces is regained; by anyone else, overtaken.
    let by_state_forces = actors.iter().any(|a| {
        matches!(a.role, Role::Actor1 | Role::AssocActor1)
            && matches!(a.sector.as_deref(), Some("MIL" | "GOV" | "COP"))
    });
    let suicide = actors.iter().any(|a| {
        matches!(a.role, Role::Actor1 | Role::AssocActor1)
            && a.text.to_lowercase().contains("suicide bomber")
    });
    let (t, s) = if suicide && t == "Explosions/Remote violence" {
        (t, "Suicide bomb")
    } else if let Some(sub) = by_weapon {
        ("Explosions/Remote violence", sub)
    } else if by_demonstrators {
        ("Riots", "Violent demonstration")
    } else if by_mob && !at_protesters {
        ("Riots", "Mob violence")
    } else if (t, s) == ("Battles", "Non-state actor overtakes territory") && by_state_forces {
        ("Battles", "Government regains territory")
    } else if def.plover.0 == "ASSAULT" && at_protesters && by_state {
        // State forces firing on a protest (ACLED: lethal force is
        // "excessive force", other force an "intervention").
        if fatalities.is_some_and(|n| n > 0) {
            ("Protests", "Excessive force against protesters")
        } else {
            ("Protests", "Protest with intervention")
        }
    } else if (t, s) == ("Battles", "Armed clash")
        && def.kind != "clash"
        && !targets.is_empty()
        && targets.iter().all(unarmed)
    {
        ("Violence against civilians", "Attack")
    } else {
        (t, s)
    };
    Some(Acled {
        event_type: t.into(),
        sub_event_type: s.into(),
    })
}

/// The ACLED remote-violence sub-event a weapon's head noun tells.
fn remote_weapon(head: &str) -> Option<&'static str> {
    Some(match head {
        "grenade" | "grenades" => "Grenade",
        "bomb" | "bombs" | "explosives" | "dynamite" | "tnt" | "mine" | "mines" | "landmine"
        | "landmines" | "ied" | "ieds" => "Remote explosive/landmine/IED",
        "mortar" | "mortars" | "rocket" | "rockets" | "missile" | "missiles" => {
            "Shelling/artillery/missile attack"
        }
        _ => return None,
    })
}

/// Generic participants that are armed whatever their sector says.
const ARMED_NOUNS: &[&str] = &[
    "gunmen",
    "gunman",
    "militants",
    "rebels",
    "insurgents",
    "fighters",
    "soldiers",
    "soldier",
    "troops",
    "police",
    "policemen",
    "policeman",
    "officers",
    "forces",
    "attackers",
    "assailants",
    "militiamen",
    "guards",
    "bandits",
    "pirates",
    "jihadists",
];

/// A peaceful protest told in the same sentence as arrests or force used
/// by the authorities, or in a story where they arrest or use force on
/// protesters, is, in ACLED's terms, a protest with intervention
/// ("villagers protested …; police arrested 4 protesters").
pub(crate) fn protests_met_with_force(events: &mut [Event]) {
    let sentences_of = |e: &Event| -> Vec<(usize, usize)> {
        e.evidence.iter().map(|x| (x.start, x.end)).collect()
    };
    let on_protesters = |e: &Event| {
        e.actors.iter().any(|a| {
            a.role == Role::Target && {
                let t = a.text.to_lowercase();
                ["protest", "demonstrat", "marchers"]
                    .iter()
                    .any(|w| t.contains(w))
            }
        })
    };
    // (The sentences of each intervention; whether it was on protesters.)
    let forced: Vec<(Vec<(usize, usize)>, bool)> = events
        .iter()
        .filter(|e| {
            matches!(e.kind.as_str(), "arrest" | "repression")
                || e.acled.as_ref().is_some_and(|a| {
                    a.sub_event_type == "Protest with intervention"
                        || a.sub_event_type == "Excessive force against protesters"
                })
        })
        .map(|e| (sentences_of(e), on_protesters(e)))
        .collect();
    for e in events.iter_mut() {
        let peaceful = e
            .acled
            .as_ref()
            .is_some_and(|a| a.sub_event_type == "Peaceful protest");
        if peaceful && {
            let mine = sentences_of(e);
            forced
                .iter()
                .any(|(f, on)| *on || f.iter().any(|s| mine.contains(s)))
        } {
            e.acled = Some(Acled {
                event_type: "Protests".into(),
                sub_event_type: "Protest with intervention".into(),
            });
        }
    }
}
