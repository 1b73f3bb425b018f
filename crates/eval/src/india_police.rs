//! What the police did, sentence by sentence, on real news: IndiaPoliceEvents
//! (Halterman et al. 2021; 1,257 Times of India articles on the 2002 Gujarat
//! violence, most of them in lower case; each sentence labelled with the
//! questions it answers "yes" to).
//!
//! A sentence gets a label from sitrep when an event whose trigger (or one
//! of its other mentions) lies in it, and that is not hypothetical or
//! future, has the police among its doers (actor1 or an associate with
//! sector `COP`; an arrest that names no doer counts as the police's, as
//! the corpus's annotators read "50 persons were arrested"):
//! - `KILL` ("Did police kill someone?"): an ASSAULT with fatalities, or
//!   one evoked by a killing word, in a sentence with a word for death;
//! - `ARREST` ("… arrest someone?"): a COERCE event of mode arrest (or
//!   CAMEO 173);
//! - `FORCE` ("… use force or violence?", which includes killing): any
//!   ASSAULT;
//! - `ANY_ACTION` ("Did police do anything?"): any such event that is
//!   not negated;
//! - `FAIL` ("Did police fail to intervene?"): a negated one ("police
//!   failed to stop the mob"). Most of the corpus's FAIL sentences say it
//!   without an event ("the police stood mute witness", "total inaction"),
//!   so FAIL is reported but left out of the macro average.
//!
//! Figures: per label, sentence-level and document-level (a document has a
//! label when one of its sentences has) precision, recall and F1; their
//! macro average over KILL, ARREST, FORCE and ANY_ACTION. The split is by
//! document: dev is every document whose id is a multiple of five, train
//! (where rules are developed) the rest.

use crate::Prf;
use anyhow::{Context, Result};
use serde_json::{json, Value};
use sitrep_core::{Event, Mode, Output, Role};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// The labels scored, in the corpus's names.
pub const LABELS: [&str; 5] = ["KILL", "ARREST", "FORCE", "ANY_ACTION", "FAIL"];
/// The labels sitrep can predict, averaged in `macro_f1`.
const PREDICTED: [&str; 4] = ["KILL", "ARREST", "FORCE", "ANY_ACTION"];

/// Which documents to score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Document ids that are multiples of five.
    Dev,
    /// The other documents.
    Train,
    All,
}

/// One document: its date, its sentences (the corpus's own split) joined
/// into a text, each sentence's byte range in it and its gold labels.
pub struct Doc {
    pub id: u64,
    pub date: Option<chrono::NaiveDate>,
    pub text: String,
    pub sents: Vec<(usize, usize)>,
    pub gold: Vec<BTreeSet<String>>,
}

/// Reads `sents.jsonl` (and the dates from `metadata.jsonl`, when present)
/// from the corpus folder.
pub fn read(dir: &Path, part: Part) -> Result<Vec<Doc>> {
    let sents_path = dir.join("sents.jsonl");
    let raw = std::fs::read_to_string(&sents_path)
        .with_context(|| format!("reading {}", sents_path.display()))?;
    let mut dates: HashMap<u64, chrono::NaiveDate> = HashMap::new();
    let meta_path = dir.join("metadata.jsonl");
    if let Ok(meta) = std::fs::read_to_string(&meta_path) {
        for (n, line) in meta
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: Value = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not JSON", meta_path.display(), n + 1))?;
            if let (Some(id), Some(d)) = (v["doc_id"].as_u64(), v["date"].as_str()) {
                if let Ok(d) = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                    dates.insert(id, d);
                }
            }
        }
    }
    let mut docs: Vec<Doc> = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || {
            anyhow::anyhow!(
                "{}:{}: not an IndiaPoliceEvents sentence (doc_id, sent_text, sent_labels)",
                sents_path.display(),
                n + 1
            )
        };
        let v: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", sents_path.display(), n + 1))?;
        let id = v["doc_id"].as_u64().ok_or_else(bad)?;
        let text = v["sent_text"].as_str().ok_or_else(bad)?;
        let labels: BTreeSet<String> = v["sent_labels"]
            .as_array()
            .ok_or_else(bad)?
            .iter()
            .filter_map(|l| l.as_str().map(str::to_string))
            .collect();
        let keep = match part {
            Part::Dev => id % 5 == 0,
            Part::Train => id % 5 != 0,
            Part::All => true,
        };
        if !keep {
            continue;
        }
        if docs.last().is_none_or(|d| d.id != id) {
            docs.push(Doc {
                id,
                date: dates.get(&id).copied(),
                text: String::new(),
                sents: Vec::new(),
                gold: Vec::new(),
            });
        }
        let d = docs.last_mut().expect("pushed above");
        if !d.text.is_empty() && !d.text.ends_with(char::is_whitespace) {
            d.text.push(' ');
        }
        let start = d.text.len();
        d.text.push_str(text);
        d.sents.push((start, d.text.len()));
        d.gold.push(labels);
    }
    if docs.is_empty() {
        anyhow::bail!("{}: no sentences in this split", sents_path.display());
    }
    Ok(docs)
}

/// Whether an event's doers include the police.
fn by_police(e: &Event) -> bool {
    e.actors.iter().any(|a| {
        matches!(a.role, Role::Actor1 | Role::AssocActor1) && a.sector.as_deref() == Some("COP")
    })
}

/// Whether an event names no doer at all ("50 persons were arrested").
fn no_doer(e: &Event) -> bool {
    !e.actors
        .iter()
        .any(|a| matches!(a.role, Role::Actor1 | Role::AssocActor1))
}

/// The labels one event gives the sentences it is mentioned in.
pub fn event_labels(e: &Event) -> Vec<&'static str> {
    // "Police failed to stop the mob", "did not arrest": the police
    // failing to act.
    if e.mode == Mode::Negated {
        return if by_police(e) {
            vec!["FAIL"]
        } else {
            Vec::new()
        };
    }
    if matches!(e.mode, Mode::Hypothetical | Mode::Future) {
        return Vec::new();
    }
    let arrest = e.plover.category == "COERCE"
        && (e.plover.mode.as_deref() == Some("arrest") || e.cameo.starts_with("173"));
    // Arrests are the police's unless the text names another doer.
    if !(by_police(e) || arrest && no_doer(e)) {
        return Vec::new();
    }
    let mut out = vec!["ANY_ACTION"];
    let cat = e.plover.category.as_str();
    if cat == "ASSAULT" {
        out.push("FORCE");
        let killing = e.fatalities.is_some_and(|n| n > 0)
            || e.kind.contains("kill")
            || e.plover.mode.as_deref() == Some("killing");
        if killing {
            out.push("KILL");
        }
    }
    if arrest {
        out.push("ARREST");
    }
    out
}

/// Words that say someone died.
fn says_death(sentence: &str) -> bool {
    sentence.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "killed" | "killing" | "kill" | "dead" | "died" | "death" | "deaths" | "lives"
        )
    })
}

/// Labels per sentence from the pipeline's output: every sentence that
/// mentions a labelled event, where KILL needs a word for death in the
/// sentence itself (an event's toll may come from another sentence: "police
/// fired 64 rounds in the air" says no one died). Requiring the police to be
/// named in the sentence too was tried: train 0.543 → 0.500 (the firing
/// of police named a sentence earlier).
pub fn predict(out: &Output, sents: &[(usize, usize)]) -> Vec<BTreeSet<String>> {
    let mut pred = vec![BTreeSet::new(); sents.len()];
    for e in &out.events {
        let labels = event_labels(e);
        if labels.is_empty() {
            continue;
        }
        for f in e
            .fields
            .iter()
            .filter(|f| f.field == "type" || f.field == "mention")
        {
            let Some(k) = sents.iter().position(|&(s, t)| s <= f.start && f.start < t) else {
                continue;
            };
            let (s, t) = sents[k];
            let death = says_death(&out.text[s..t]);
            pred[k].extend(
                labels
                    .iter()
                    .filter(|&&l| l != "KILL" || death)
                    .map(|l| l.to_string()),
            );
        }
    }
    pred
}

/// Codes every document of the split and scores the labels.
pub fn eval(dir: &Path, part: Part, errors: bool) -> Result<Value> {
    let docs = read(dir, part)?;
    let pipe = sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?;
    let mut sent: BTreeMap<&str, Prf> = BTreeMap::new();
    let mut doc: BTreeMap<&str, Prf> = BTreeMap::new();
    let mut errs = Vec::new();
    let mut n_sents = 0;
    let t0 = std::time::Instant::now();
    for d in &docs {
        let mut input = crate::eval_doc(&d.id.to_string(), None, &d.text);
        input.published = d.date;
        let out = pipe.run(&input, Vec::new());
        let pred = predict(&out, &d.sents);
        n_sents += d.sents.len();
        for l in LABELS {
            let mut in_doc = (false, false);
            for (k, (p, g)) in pred.iter().zip(&d.gold).enumerate() {
                let (s, gl) = (p.contains(l), g.contains(l));
                sent.entry(l).or_default().add_one(s, gl);
                in_doc.0 |= s;
                in_doc.1 |= gl;
                if errors && s != gl {
                    let (a, b) = d.sents[k];
                    errs.push(json!({"doc": d.id, "sentence": k, "label": l,
                        "kind": if s { "spurious" } else { "missed" },
                        "text": &d.text[a..b]}));
                }
            }
            doc.entry(l).or_default().add_one(in_doc.0, in_doc.1);
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let macro_f1 = |m: &BTreeMap<&str, Prf>| {
        PREDICTED.iter().map(|l| m[l].f1()).sum::<f64>() / PREDICTED.len() as f64
    };
    let mut r = json!({
        "format": "india-police",
        "data": dir.display().to_string(),
        "split": format!("{part:?}").to_lowercase(),
        "documents": docs.len(),
        "sentences": n_sents,
        "sentence_macro_f1": macro_f1(&sent),
        "document_macro_f1": macro_f1(&doc),
        "sentence": sent.iter().map(|(k, v)| (k.to_string(), v.json())).collect::<serde_json::Map<_, _>>(),
        "document": doc.iter().map(|(k, v)| (k.to_string(), v.json())).collect::<serde_json::Map<_, _>>(),
        "docs_per_sec": docs.len() as f64 / secs.max(1e-9),
        "note": "FAIL (police failing to act) is predicted only from negated police events and is left out of the macro average",
    });
    if errors {
        r["errors"] = json!(errs);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<&'static str> {
        let p = sitrep_pipeline::Pipeline::new().unwrap();
        let out = p.run(&crate::eval_doc("t", None, text), Vec::new());
        let mut v: Vec<&'static str> = out.events.iter().flat_map(event_labels).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn police_failing_to_act_is_fail_not_an_action() {
        assert_eq!(
            labels("The police failed to arrest the accused despite the complaint."),
            ["FAIL"]
        );
        assert_eq!(
            labels("The police arrested the accused on Monday."),
            ["ANY_ACTION", "ARREST"]
        );
    }
}
