//! Phrase rules for diplomacy and agreements: a ceasefire, truce or peace
//! signed, and "meet" as satisfy, which is no meeting.

use crate::lexicon;
use crate::lexicon::Def;
use crate::triggers::noun_within;

/// "signed a peace agreement", "signed a treaty of friendship": a formal
/// agreement (CAMEO 057); ACLED's Agreement when it ends or pauses
/// fighting.
pub(crate) fn signed_agreement(w: &[String], k: usize) -> Option<Def> {
    if !matches!(w[k].as_str(), "signed" | "sign" | "signing" | "inked") {
        return None;
    }
    let deal = noun_within(
        w,
        k,
        5,
        &[
            "agreement",
            "agreements",
            "accord",
            "accords",
            "deal",
            "treaty",
            "pact",
            "memorandum",
            "ceasefire",
            "truce",
            "armistice",
        ],
    );
    let peace = noun_within(w, k, 5, &["peace", "ceasefire", "truce", "armistice"]);
    match (deal, peace) {
        (true, true) => Some(lexicon::SIGNED_PEACE),
        (true, false) => Some(lexicon::SIGNED),
        _ => None,
    }
}

/// "meet" meaning satisfy at word `k`: a passive with no one met by or
/// with ("demands are met"), or a demand, need or limit as its object
/// ("meet the deadline", "met their demands").
pub(crate) fn met_as_satisfied(w: &[String], k: usize) -> bool {
    if !matches!(w[k].as_str(), "meet" | "meets" | "met" | "meeting") {
        return false;
    }
    let prev = if k > 0 { w[k - 1].as_str() } else { "" };
    let next = w.get(k + 1).map_or("", String::as_str);
    // ("were meeting" is a meeting in progress.)
    let passive = w[k] == "met"
        && matches!(
            prev,
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
        && !matches!(next, "by" | "with");
    let object = w[k + 1..(k + 4).min(w.len())].iter().any(|x| {
        matches!(
            x.as_str(),
            "demand"
                | "demands"
                | "need"
                | "needs"
                | "condition"
                | "conditions"
                | "requirement"
                | "requirements"
                | "deadline"
                | "deadlines"
                | "target"
                | "targets"
                | "goal"
                | "goals"
                | "expectations"
                | "criteria"
                | "standards"
                | "obligations"
                | "commitments"
                | "costs"
        )
    });
    passive || object
}
