//! Phrase rules for violence the lexicon's two-word keys cannot hold: thrown
//! explosives, suicide bombings, firing at, a passive "was shot", "struck by",
//! attempted assassinations, property set on fire or looted, sites defaced.

use crate::lexicon;
use crate::lexicon::Def;
use crate::triggers::noun_within;

/// "threw a grenade at", "hurled a petrol bomb": an attack by a thrown
/// explosive (the weapon, found after it, gives the ACLED sub-event).
pub(crate) fn threw_explosive(w: &[String], k: usize) -> Option<Def> {
    if !matches!(
        w[k].as_str(),
        "threw" | "thrown" | "hurled" | "lobbed" | "tossed" | "throwing" | "hurling"
    ) {
        return None;
    }
    noun_within(
        w,
        k,
        4,
        &[
            "grenade",
            "grenades",
            "bomb",
            "bombs",
            "explosive",
            "explosives",
        ],
    )
    .then(|| lexicon::attack_def(None))
}

/// "police dispersed the protesters", "broke up a rally": force used on a
/// crowd (ACLED Protest with intervention).
/// "attempted to assassinate", "tried to assassinate": an attempt is an
/// attack made (a plot or plan to is none; MUC-4's gold, for one, leaves
/// them out).
pub(crate) fn attempted_assassination(w: &[String], k: usize) -> Option<Def> {
    (w[k] == "assassinate"
        && k > 1
        && w[k - 1] == "to"
        && matches!(
            w[k - 2].as_str(),
            "attempted" | "tried" | "attempt" | "attempts" | "trying" | "attempting"
        ))
    .then_some(lexicon::ASSASSINATION)
}

/// "blew himself up", "blowing themselves up": a suicide bombing.
pub(crate) fn blew_self_up(w: &[String], k: usize) -> Option<Def> {
    let ok = matches!(
        w[k].as_str(),
        "blew" | "blown" | "blowing" | "blows" | "blow"
    ) && w
        .get(k + 1)
        .is_some_and(|x| matches!(x.as_str(), "himself" | "herself" | "themselves"))
        && w.get(k + 2).is_some_and(|x| x == "up");
    if ok {
        lexicon::lookup("suicide", Some("bombing")).map(|(_, _, d)| d)
    } else {
        None
    }
}

/// "Police fired tear gas and live rounds at protesters", "opened fire on
/// the convoy": firing at someone, with "at"/"on" within seven words.
pub(crate) fn fired_at(w: &[String], k: usize) -> Option<Def> {
    let fire = matches!(w[k].as_str(), "fired" | "fire" | "fires" | "firing")
        && (k == 0
            || !matches!(
                w[k - 1].as_str(),
                "set" | "sets" | "setting" | "caught" | "on" | "the" | "a"
            ));
    if !fire {
        return None;
    }
    // "fired at the crowd", "fired 50 rounds", "fired shots in the air".
    w.iter()
        .skip(k + 1)
        .take(7)
        .any(|x| {
            matches!(
                x.as_str(),
                "at" | "on" | "upon" | "rounds" | "shots" | "bullets" | "pellets"
            )
        })
        .then(|| lexicon::attack_def(Some("firearms")))
}

/// "Killed in police firing", "army firing on the village": "firing" after
/// an armed force's noun is that force's attack (read like a verb, so that
/// the force is its subject).
pub(crate) fn armed_firing(w: &[String], k: usize) -> Option<Def> {
    (w[k] == "firing"
        && k > 0
        && matches!(
            sitrep_actors::sector_of_noun(&w[k - 1]),
            Some("COP" | "MIL" | "REB")
        ))
    .then(|| lexicon::attack_def(Some("firearms")))
}

/// "A Russian missile struck …", "Ukrainian forces hit an oil depot": an
/// active "struck"/"hit" is an attack when its subject, at most three words
/// before it, is a weapon (coded by the weapon) or armed forces.
pub(crate) fn struck_by(w: &[String], k: usize) -> Option<Def> {
    if !matches!(w[k].as_str(), "struck" | "hit" | "hits" | "strikes") {
        return None;
    }
    w[k.saturating_sub(3)..k].iter().rev().find_map(|x| {
        let by = |word: &str| lexicon::lookup(word, None).map(|(_, _, d)| d);
        match x.as_str() {
            "missile" | "missiles" | "rocket" | "rockets" | "shell" | "shells" | "mortar"
            | "mortars" | "artillery" => by("shelling"),
            "drone" | "drones" | "jets" | "warplanes" | "aircraft" | "airstrike" | "airstrikes" => {
                by("airstrike")
            }
            "bomb" | "bombs" => by("bombing"),
            "forces" | "troops" | "army" | "military" | "militants" | "fighters" | "rebels"
            | "gunmen" | "insurgents" => Some(lexicon::attack_def(None)),
            _ => None,
        }
    })
}

/// Verbs that are an attack in the passive only ("was shot by police", "was
/// struck by a roadside bomb", "was targeted by militants"; not "shot a
/// film", "hit a record").
pub(crate) fn passive_attack(word: &str) -> Option<Def> {
    let mode = match word {
        "shot" => Some("firearms"),
        "struck" | "targeted" | "hit" => None,
        _ => return None,
    };
    Some(lexicon::attack_def(mode))
}

/// Buildings and goods that are burnt or looted.
const PROPERTY_NOUNS: &[&str] = &[
    "house",
    "houses",
    "homes",
    "home",
    "church",
    "churches",
    "mosque",
    "mosques",
    "school",
    "schools",
    "shops",
    "shop",
    "market",
    "village",
    "villages",
    "vehicles",
    "vehicle",
    "cars",
    "car",
    "buses",
    "office",
    "offices",
    "buildings",
    "building",
    "huts",
    "crops",
];

/// "set fire to houses", "torched a school", "looted shops": property
/// destroyed or plundered (ACLED Looting/property destruction; PLOVER
/// ASSAULT destroy).
pub(crate) fn set_fire(w: &[String], k: usize) -> Option<(usize, Def)> {
    match w[k].as_str() {
        "torched" | "looted" | "ransacked" | "vandalised" | "vandalized" | "razed" => {
            Some((1, lexicon::PROPERTY_DESTRUCTION))
        }
        "burned" | "burnt" | "burning"
            if w.get(k + 1).is_some_and(|x| x == "down")
                || noun_within(w, k, 3, PROPERTY_NOUNS) =>
        {
            Some((1, lexicon::PROPERTY_DESTRUCTION))
        }
        "set" | "sets" | "setting" if w.get(k + 1).is_some_and(|x| x == "ablaze") => {
            Some((2, lexicon::PROPERTY_DESTRUCTION))
        }
        "set" | "sets" | "setting"
            if w.get(k + 1).is_some_and(|x| x == "fire")
                && w.get(k + 2).is_some_and(|x| x == "to" || x == "on") =>
        {
            Some((2, lexicon::PROPERTY_DESTRUCTION))
        }
        _ => None,
    }
}

/// "defaced nearly 3,000 Danish web sites": a cyber attack (PLOVER COERCE
/// "cyber"), not the vandalism of a statue.
pub(crate) fn defaced_sites(w: &[String], k: usize) -> Option<Def> {
    (matches!(w[k].as_str(), "defaced" | "defacing" | "defaces" | "deface")
        && noun_within(
            w,
            k,
            6,
            &[
                "web", "site", "sites", "website", "websites", "page", "pages", "accounts",
            ],
        ))
    .then_some(lexicon::CYBER)
}
