//! A mention's mode ([`mode_of`]): negated ("did not arrest", "failed to
//! arrest"), hypothetical ("plotting to attack", "urged to release", "a
//! bomb plot") or future ("will meet", "the planned talks"), from the words
//! before its trigger.

use crate::Inputs;
use sitrep_core::Mode;
use sitrep_text::Sentence;

/// The mode of the trigger made of the `len` words before word `k` of
/// sentence `s` (lowercase words `w`), from the five words before it.
pub(crate) fn mode_of(inp: &Inputs, s: Sentence, w: &[String], (k, len): (usize, usize)) -> Mode {
    let text = inp.text;
    let prev = if k - len > 0 {
        w[k - len - 1].as_str()
    } else {
        ""
    };
    let lo = k.saturating_sub(len + 5);
    // The month "May" ("On 9 May 2020,") is no modal.
    let digits = |x: &String| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    let month_may = |i: usize| {
        inp.an.tokens[s.tokens.0 + i].text(text) == "May"
            && (i > 0 && digits(&w[i - 1]) || w.get(i + 1).is_some_and(digits))
    };
    let window: Vec<&str> = (lo..k - len)
        .filter(|&i| !month_may(i))
        .map(|i| w[i].as_str())
        .collect();
    let mut mode = Mode::Asserted;
    // "did not arrest", "denied that any such arrest", "failed to
    // arrest", "have not been able to arrest".
    if window.iter().rev().take(3).any(|x| NEGATION.contains(x))
        || prev == "to"
            && window.iter().any(|x| {
                matches!(
                    *x,
                    "failed" | "fail" | "fails" | "unable" | "not" | "refused" | "refuse"
                )
            })
    {
        mode = Mode::Negated;
    }
    if window.iter().any(|x| HYPOTHETICAL.contains(x))
        || prev == "to"
            && window.iter().any(|x| {
                matches!(
                    *x,
                    "seeking"
                        | "plotting"
                        | "plan"
                        | "planning"
                        | "ready"
                        | "prepared"
                        | "willing"
                        | "poised"
                        | "threatened"
                        | "vowed"
                        | "expect"
                        | "expected"
                        | "asked"
                        | "urged"
                        | "demanded"
                        | "demand"
                        | "sought"
                        | "want"
                        | "wants"
                        | "wanted"
                        | "ordered"
                        | "directed"
                        | "instructed"
                )
            })
    {
        mode = Mode::Hypothetical;
    }
    if matches!(prev, "future" | "planned" | "upcoming")
        || window.iter().any(|x| matches!(*x, "will" | "’ll" | "'ll"))
    {
        mode = Mode::Future;
    }
    if w.get(k)
        .is_some_and(|x| x == "plot" || x == "plots" || x == "threat" || x == "threats")
    {
        mode = Mode::Hypothetical;
    }
    mode
}

/// Words before a trigger that make it hypothetical.
const HYPOTHETICAL: &[&str] = &[
    "seeking",
    "seek",
    "seeks",
    "plotting",
    "plot",
    "plotted",
    "planning",
    "plan",
    "plans",
    "planned",
    "intend",
    "intends",
    "intended",
    "threatened",
    "threatens",
    "could",
    "would",
    "might",
    "may",
    "attempt",
    "attempted",
    "tried",
    "trying",
    "aims",
    "aimed",
    "wants",
    "wanted",
    "prepare",
    "preparing",
    "vowed",
    "vows",
    "potential",
    "possible",
    "discuss",
    "discussing",
    "negotiate",
    "negotiating",
    "urged",
    "urging",
    "demanded",
    "demanding",
    "proposed",
    "proposing",
];
const NEGATION: &[&str] = &[
    "not", "n't", "never", "no", "denied", "deny", "denies", "without",
];
