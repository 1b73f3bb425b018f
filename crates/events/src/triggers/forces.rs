//! Phrase rules for the movement of forces: troops withdrawn and territory
//! captured or retaken.

use crate::lexicon::Def;
use crate::triggers::noun_within;
use crate::{classify, lexicon};

pub(crate) fn forces_withdrawn(w: &[String], k: usize) -> Option<Def> {
    if !matches!(
        w[k].as_str(),
        "withdrawal" | "pullout" | "pull-out" | "pullback" | "pull-back"
    ) {
        return None;
    }
    // "the withdrawal of some invasion forces", "a troop withdrawal" (not
    // "its withdrawal from the treaty").
    let forces = |x: &String| {
        classify::FORCES.contains(&x.as_str()) || matches!(x.as_str(), "troop" | "militias")
    };
    let ahead = w[k + 1..(k + 6).min(w.len())]
        .iter()
        .take_while(|x| !matches!(x.as_str(), "," | "." | ";"));
    // Talked about, planned or demanded, it has not happened: "renewed
    // negotiations on an Israeli troop pullback".
    let topic = w[k.saturating_sub(6)..k].iter().any(|x| {
        matches!(
            x.as_str(),
            "negotiations"
                | "talks"
                | "plan"
                | "plans"
                | "agreement"
                | "deal"
                | "demand"
                | "demands"
                | "demanded"
                | "calls"
                | "called"
                | "urged"
                | "timetable"
                | "discuss"
                | "discussed"
        )
    });
    (!topic && (k > 0 && forces(&w[k - 1]) || ahead.into_iter().any(forces)))
        .then_some(lexicon::WITHDRAWAL)
}

/// "captured the town of …", "seized control of", "recaptured the
/// village", "overran a base": territory taken by force (ACLED Battles;
/// state forces regain it, others overtake it; CAMEO 192, PLOVER COERCE
/// seize). The word count covers "seized control of".
pub(crate) fn took_territory(
    w: &[String],
    k: usize,
    named: impl Fn(usize) -> bool,
) -> Option<(usize, Def)> {
    let verb = matches!(
        w[k].as_str(),
        "captured"
            | "seized"
            | "recaptured"
            | "retook"
            | "retaken"
            | "overran"
            | "overrun"
            | "regained"
            | "took"
    );
    if !verb {
        return None;
    }
    let control =
        w.get(k + 1).is_some_and(|x| x == "control") && w.get(k + 2).is_some_and(|x| x == "of");
    if w[k] == "took" && !control {
        return None;
    }
    let from = if control { k + 3 } else { k + 1 };
    // "captured part of a Karen guerrilla stronghold".
    let from = if w.get(from).is_some_and(|x| x == "part" || x == "parts")
        && w.get(from + 1).is_some_and(|x| x == "of")
    {
        from + 2
    } else {
        from
    };
    let place = noun_within(
        w,
        from - 1,
        4,
        &[
            "town",
            "towns",
            "village",
            "villages",
            "city",
            "district",
            "districts",
            "territory",
            "base",
            "bases",
            "airport",
            "airbase",
            "province",
            "region",
            "area",
            "areas",
            "hill",
            "positions",
            "checkpoint",
            "stronghold",
            "outpost",
        ],
    );
    // "took control of Kunduz": a name right after "of" is a place too.
    let named_place = control && named(from);
    (place || named_place).then_some((if control { 3 } else { 1 }, lexicon::TERRITORY))
}
