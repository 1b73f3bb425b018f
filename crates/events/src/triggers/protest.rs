//! Phrase rules for protests: "demonstrated in/outside …", crowds gathered in
//! protest, roads blocked, and crowds dispersed by the authorities.

use crate::lexicon::Def;
use crate::triggers::noun_within;
use crate::{classify, lexicon};

/// "Thousands demonstrated in Kirkuk", "demonstrated outside the
/// embassy": the verb used without an object is a protest ("demonstrated
/// its resolve" is not).
pub(crate) fn demonstrated(w: &[String], k: usize) -> Option<Def> {
    let verb = matches!(
        w[k].as_str(),
        "demonstrated" | "demonstrating" | "demonstrate" | "demonstrates" | "marched"
    );
    let intransitive = w.get(k + 1).is_some_and(|x| {
        matches!(
            x.as_str(),
            "in" | "outside"
                | "at"
                | "near"
                | "against"
                | "for"
                | "across"
                | "over"
                | "on"
                | "through"
                | "before"
                | "peacefully"
                | "to"
                | ","
                | "."
        )
    });
    // "to" only as a march's destination, not "demonstrate to the world".
    let to_ok = w.get(k + 1).is_none_or(|x| x != "to") || w[k] == "marched";
    // A march of troops is a deployment, not a protest.
    let troops = k > 0 && {
        let p = w[k - 1].as_str();
        matches!(
            p,
            "troops" | "soldiers" | "army" | "forces" | "fighters" | "militants" | "rebels"
        )
    };
    (verb && intransitive && to_ok && !(w[k] == "marched" && troops))
        .then_some(lexicon::DEMONSTRATION)
}

/// "gathered outside parliament to protest the decision", "stayed home in
/// protest", "shunned work on Monday to protest": a crowd's gathering, or
/// a stoppage of work, whose purpose is a protest is one (CAMEO 141, 143),
/// not the verbal protest (disapproval) CAMEO's dictionary reads in "to
/// protest".
pub(crate) fn gathered_in_protest(w: &[String], k: usize) -> Option<Def> {
    let gathering = matches!(
        w[k].as_str(),
        "gathered" | "assembled" | "converged" | "massed" | "congregated" | "flocked"
    );
    let stoppage = matches!(
        w[k].as_str(),
        "stayed" | "shunned" | "stopped" | "downed" | "walked" | "boycotted"
    ) && w
        .get(k + 1)
        .is_some_and(|x| matches!(x.as_str(), "home" | "work" | "tools" | "out" | "classes"));
    if !gathering && !stoppage {
        return None;
    }
    // The purpose within the clause: "to protest", "in protest".
    let purpose = w[k + 1..(k + 12).min(w.len())]
        .windows(2)
        .take_while(|p| !matches!(p[0].as_str(), "." | ";"))
        .any(|p| {
            matches!(p[0].as_str(), "to" | "in")
                && matches!(
                    p[1].as_str(),
                    "protest" | "demonstrate" | "denounce" | "condemn" | "demand"
                )
        });
    purpose.then_some(if stoppage {
        lexicon::LABOUR_STRIKE
    } else {
        lexicon::DEMONSTRATION
    })
}

/// "blocked roads", "blocked the main highway into the city": obstructing
/// passage, which CAMEO codes as a protest (144), by people, not by a
/// government closing a crossing ("Israel blocked the crossing" stays
/// unread: the noun must be a road or traffic).
pub(crate) fn blocked_passage(w: &[String], k: usize) -> Option<Def> {
    if !matches!(w[k].as_str(), "blocked" | "blocking" | "blockaded") {
        return None;
    }
    let passage = noun_within(w, k, 4, classify::PASSAGES);
    passage.then_some(lexicon::OBSTRUCTION)
}

pub(crate) fn dispersed_crowd(w: &[String], k: usize) -> Option<Def> {
    let verb = matches!(w[k].as_str(), "dispersed" | "dispersing" | "disperse")
        || w[k] == "broke" && w.get(k + 1).is_some_and(|x| x == "up");
    let crowd = noun_within(
        w,
        k,
        5,
        &[
            "protesters",
            "protestors",
            "demonstrators",
            "crowd",
            "crowds",
            "rally",
            "protest",
            "protests",
            "demonstration",
            "demonstrations",
            "gathering",
            "mob",
            "marchers",
        ],
    );
    (verb && crowd).then_some(lexicon::DISPERSAL)
}
