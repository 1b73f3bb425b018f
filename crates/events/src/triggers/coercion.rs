//! Phrase rules for coercion and restrictions: arrests told without "arrest",
//! curfews, states of emergency and blockades imposed or lifted, weapons
//! seized or bombs defused.

use crate::casualties::COUNTED_NOUNS;
use crate::lexicon::Def;
use crate::triggers::{noun_within, passive_before};
use crate::{lexicon, number_of};
use sitrep_actors::sector_of_noun;

/// Arrests told without "arrest" (its word count from `k`): "taken into
/// custody", "remanded to police custody", "picked up by police", "caught
/// by the Kolkata police", "booked under POTO" (charged, CAMEO 173), and a
/// passive "held" whose subject is people ("50 persons were held"; not
/// "talks were held").
pub(crate) fn arrest_phrase(w: &[String], k: usize) -> Option<usize> {
    let at = |i: usize| w.get(i).map(String::as_str).unwrap_or("");
    let police_within =
        |from: usize, n: usize| (from..from + n).any(|i| sector_of_noun(at(i)) == Some("COP"));
    // Checked only for the words below, not for every word of every sentence.
    let passive = || passive_before(|i| w[i].clone(), k, 0);
    match at(k) {
        "taken" | "remanded" | "sent" | "placed"
            if matches!(at(k + 1), "into" | "to" | "in" | "under") =>
        {
            (k + 2..k + 4)
                .find(|&i| at(i) == "custody")
                .map(|i| i + 1 - k)
        }
        // "remanded them to police custody".
        "remanded" if (k + 1..k + 7).any(|i| at(i) == "custody") => Some(1),
        "picked"
            if at(k + 1) == "up" && (passive() || at(k + 2) == "by" && police_within(k + 3, 3)) =>
        {
            Some(2)
        }
        "caught" if at(k + 1) == "by" && police_within(k + 2, 4) => Some(1),
        "booked" if matches!(at(k + 1), "under" | "for") || passive() => Some(1),
        "held"
            if passive() && k >= 2 && {
                let subj = at(k - 2);
                COUNTED_NOUNS.contains(&subj)
                    || matches!(
                        subj,
                        "people" | "accused" | "suspects" | "activists" | "workers"
                    )
                    || number_of(subj).is_some()
            } =>
        {
            Some(1)
        }
        _ => None,
    }
}

/// "imposed a curfew", "declared a state of emergency", "slapped martial
/// law on", "reimposed blockades", "banned the opposition party":
/// restrictions put in force (CAMEO 191, 1722, 1723 and 1724); and
/// "lifted the curfew", "ended the state of emergency" (CAMEO 0813, 0814;
/// CONCEDE), "eased the blockade" (0872, RETREAT): restrictions lifted.
pub(crate) fn imposed_restriction(w: &[String], k: usize) -> Option<Def> {
    // "banned the opposition party", "banned all protests": a ban on
    // political life (not "banned the player for six matches").
    if matches!(w[k].as_str(), "banned" | "bans" | "ban") {
        return noun_within(
            w,
            k,
            4,
            &[
                "party",
                "parties",
                "group",
                "groups",
                "organisation",
                "organization",
                "movement",
                "opposition",
                "brotherhood",
                "union",
                "unions",
                "newspaper",
                "newspapers",
                "protests",
                "rallies",
                "demonstrations",
                "gatherings",
            ],
        )
        .then_some(lexicon::BAN);
    }
    let lifted = matches!(
        w[k].as_str(),
        "lifted"
            | "lifts"
            | "lift"
            | "eased"
            | "eases"
            | "relaxed"
            | "relaxes"
            | "ended"
            | "ends"
            | "revoked"
            | "revokes"
            | "rescinded"
            | "scrapped"
            | "shortened"
            | "shortens"
    );
    if !lifted
        && !matches!(
            w[k].as_str(),
            "imposed"
                | "imposes"
                | "impose"
                | "declared"
                | "declares"
                | "declare"
                | "ordered"
                | "orders"
                | "enforced"
                | "extended"
                | "extends"
                | "reimposed"
                | "slapped"
                | "clamped"
        )
    {
        return None;
    }
    // ("a 30-day state of siege": up to eight words.)
    let ahead = &w[k + 1..(k + 9).min(w.len())];
    let at = |i: usize| ahead.get(i).map_or("", String::as_str);
    // Up to the first word that ends the object ("declared that", a comma).
    let end = ahead
        .iter()
        .position(|x| matches!(x.as_str(), "that" | "to" | "," | "." | ";"))
        .unwrap_or(ahead.len());
    let state_of = |i: usize| i > 1 && at(i - 1) == "of" && at(i - 2) == "state";
    // (Lifting a siege may be breaking it by force: not read.)
    let pick = |put: Def, off: Def| Some(if lifted { off } else { put });
    (0..end).find_map(|i| match at(i) {
        "curfew" | "curfews" => pick(lexicon::CURFEW, lexicon::CURFEW_LIFTED),
        "blockade" | "blockades" => pick(lexicon::BLOCKADE, lexicon::BLOCKADE_LIFTED),
        // "a state of siege" is a state of emergency.
        "siege" if state_of(i) => pick(lexicon::EMERGENCY_RULE, lexicon::EMERGENCY_LIFTED),
        "siege" if !lifted => Some(lexicon::BLOCKADE),
        "law" if i > 0 && at(i - 1) == "martial" => {
            pick(lexicon::EMERGENCY_RULE, lexicon::EMERGENCY_LIFTED)
        }
        "emergency" if state_of(i) => pick(lexicon::EMERGENCY_RULE, lexicon::EMERGENCY_LIFTED),
        // "eased emergency measures", "lifted restrictions on travel".
        "measures" | "rule" | "powers" | "laws" if lifted && i > 0 && at(i - 1) == "emergency" => {
            Some(lexicon::EMERGENCY_LIFTED)
        }
        "restrictions" if lifted => Some(lexicon::RESTRICTIONS_EASED),
        _ => None,
    })
}

/// "defused a bomb", "seized a cache of weapons and explosives": weapons
/// kept from use (ACLED Disrupted weapons use).
pub(crate) fn disrupted_weapons(w: &[String], k: usize) -> Option<Def> {
    const ARMS: &[&str] = &[
        "weapons",
        "arms",
        "explosives",
        "ammunition",
        "cache",
        "rifles",
        "grenades",
        "rockets",
        "bombs",
        "ieds",
        "detonators",
    ];
    const DEVICES: &[&str] = &[
        "bomb",
        "bombs",
        "device",
        "devices",
        "explosive",
        "explosives",
        "ied",
        "ieds",
        "mine",
        "mines",
        "landmine",
        "landmines",
        "grenade",
    ];
    let hit = match w[k].as_str() {
        "defused" | "defuse" | "defusing" | "disarmed" | "dismantled" => {
            noun_within(w, k, 4, DEVICES)
        }
        "seized" | "confiscated" | "recovered" | "impounded" => noun_within(w, k, 5, ARMS),
        _ => false,
    };
    hit.then_some(lexicon::DISRUPTED_WEAPONS)
}
