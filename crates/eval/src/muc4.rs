//! Event arguments on real news: document-level role fillers on MUC-4
//! (terrorism reports from Latin America, 1989–90; the templates as
//! processed for GRIT, Du et al. 2021: lowercased text, five roles, each
//! gold filler an entity given by all its mentions).
//!
//! Every violent event sitrep codes (PLOVER ASSAULT, any mode but negated)
//! gives fillers:
//! - its doers (actor1 and their associates) are perpetrators: `PerpOrg`
//!   when the participant is an organisation the entity stage or an actor
//!   dictionary names, `PerpInd` otherwise ("guerrillas", "a group of armed
//!   men", a named person);
//! - its other participants (target, actor2 and their associates) are
//!   `Victim`s, the things it harmed (role `object`: buildings, vehicles)
//!   are `Target`s and the weapons it used (role `weapon`) `Weapon`s.
//!
//! A document's fillers for a role are its distinct normalised strings
//! (lowercase, punctuation and the articles a/an/the removed, as in the
//! GRIT scorer). A filler is right when it equals any mention of a gold
//! entity of that role not matched yet (`exact`), or when its last word
//! equals the last word of such a mention (`head`, a head-noun match).
//! Precision counts system fillers, recall gold entities; the figures are
//! micro-averaged over documents and roles.

use crate::Prf;
use anyhow::{Context, Result};
use serde_json::{json, Value};
use sitrep_core::{ActorRef, EntityType, Event, Output, Role};
use std::collections::BTreeMap;
use std::path::Path;

/// The five MUC-4 roles, in the order the scorer reports them.
pub const ROLES: [&str; 5] = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"];

/// One document: its text and, per role, gold entities as mention lists.
pub struct Doc {
    pub id: String,
    pub text: String,
    pub gold: BTreeMap<String, Vec<Vec<String>>>,
}

/// Reads GRIT's JSON Lines (`docid`, `doctext`, `extracts`: role → entities
/// → `[mention, offset]` pairs).
pub fn read(path: &Path) -> Result<Vec<Doc>> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let bad = || anyhow::anyhow!("{}:{}: not a MUC-4 (GRIT) document", path.display(), n + 1);
        let id = v["docid"].as_str().ok_or_else(bad)?.to_string();
        let text = v["doctext"].as_str().ok_or_else(bad)?.to_string();
        let mut gold = BTreeMap::new();
        for role in ROLES {
            let ents = v["extracts"][role].as_array().ok_or_else(bad)?;
            let ents = ents
                .iter()
                .map(|e| {
                    e.as_array()
                        .map(|ms| {
                            ms.iter()
                                .filter_map(|m| m[0].as_str().map(str::to_string))
                                .collect::<Vec<_>>()
                        })
                        .ok_or_else(bad)
                })
                .collect::<Result<Vec<_>>>()?;
            gold.insert(role.to_string(), ents);
        }
        docs.push(Doc { id, text, gold });
    }
    if docs.is_empty() {
        anyhow::bail!("{}: no documents", path.display());
    }
    Ok(docs)
}

/// Lowercase, punctuation to spaces, no articles, single spaces.
pub fn normalise(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    s.split_whitespace()
        .filter(|w| !matches!(*w, "a" | "an" | "the"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a participant is a named organisation: the entity stage calls
/// it one, or an actor dictionary names it (a capitalised canonical name)
/// and it is not a person.
fn is_org(out: &Output, a: &ActorRef) -> bool {
    let over = |k: EntityType| {
        out.entities
            .iter()
            .any(|x| x.kind == k && x.start < a.end && a.start < x.end)
    };
    over(EntityType::Org)
        || a.canonical.starts_with(|c: char| c.is_uppercase()) && !over(EntityType::Per)
}

/// The role fillers sitrep gives a document: role → distinct normalised strings.
pub fn fillers(out: &Output) -> BTreeMap<&'static str, Vec<String>> {
    let mut by: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let violent =
        |e: &&Event| e.plover.category == "ASSAULT" && e.mode != sitrep_core::Mode::Negated;
    for e in out.events.iter().filter(violent) {
        for a in &e.actors {
            let role = match a.role {
                Role::Actor1 | Role::AssocActor1 if is_org(out, a) => "PerpOrg",
                Role::Actor1 | Role::AssocActor1 => "PerpInd",
                Role::Target | Role::Actor2 | Role::AssocActor2 => "Victim",
                Role::Object => "Target",
                Role::Weapon => "Weapon",
            };
            // A pronoun stands for the participant it was resolved to.
            let pronoun = matches!(
                a.text.to_lowercase().as_str(),
                "he" | "she" | "they" | "it" | "we" | "him" | "her" | "them"
            );
            let n = normalise(if pronoun { &a.canonical } else { &a.text });
            let v = by.entry(role).or_default();
            if !n.is_empty() && !v.contains(&n) {
                v.push(n);
            }
        }
    }
    by
}

fn last_word(s: &str) -> &str {
    s.rsplit(' ').next().unwrap_or(s)
}

/// Matches system fillers to gold entities one to one; returns the hits
/// and, per system filler, whether it matched.
fn matches(sys: &[String], gold: &[Vec<String>], head: bool) -> (usize, Vec<bool>) {
    let gold: Vec<Vec<String>> = gold
        .iter()
        .map(|ms| ms.iter().map(|m| normalise(m)).collect())
        .collect();
    let mut used = vec![false; gold.len()];
    let mut ok = vec![false; sys.len()];
    let mut hits = 0;
    // Exact matches first, so that a head match never takes an entity
    // another filler matches exactly.
    for pass in 0..if head { 2 } else { 1 } {
        for (i, s) in sys.iter().enumerate() {
            if ok[i] {
                continue;
            }
            let found = (0..gold.len()).find(|&g| {
                !used[g]
                    && gold[g].iter().any(|m| {
                        m == s || pass == 1 && !m.is_empty() && last_word(m) == last_word(s)
                    })
            });
            if let Some(g) = found {
                used[g] = true;
                ok[i] = true;
                hits += 1;
            }
        }
    }
    (hits, ok)
}

/// Codes every document and scores the role fillers.
pub fn eval(path: &Path, errors: bool) -> Result<Value> {
    let docs = read(path)?;
    let pipe = sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?;
    let mut exact: BTreeMap<&str, Prf> = BTreeMap::new();
    let mut head: BTreeMap<&str, Prf> = BTreeMap::new();
    let mut errs = Vec::new();
    let t0 = std::time::Instant::now();
    for d in &docs {
        let out = pipe.run(&crate::eval_doc(&d.id, None, &d.text), Vec::new());
        let sys = fillers(&out);
        let mut doc_errs = serde_json::Map::new();
        for role in ROLES {
            let s = sys.get(role).map(Vec::as_slice).unwrap_or(&[]);
            let g = d.gold.get(role).map(Vec::as_slice).unwrap_or(&[]);
            let (hx, ok) = matches(s, g, false);
            let (hh, _) = matches(s, g, true);
            let base = Prf {
                hit: 0,
                sys: s.len(),
                gold: g.len(),
            };
            exact.entry(role).or_default().add(Prf { hit: hx, ..base });
            head.entry(role).or_default().add(Prf { hit: hh, ..base });
            if errors {
                let spurious: Vec<&String> = s
                    .iter()
                    .zip(&ok)
                    .filter(|(_, k)| !**k)
                    .map(|(x, _)| x)
                    .collect();
                let found: Vec<bool> = g
                    .iter()
                    .map(|ms| {
                        ms.iter()
                            .any(|m| s.iter().zip(&ok).any(|(x, k)| *k && *x == normalise(m)))
                    })
                    .collect();
                let missed: Vec<&String> = g
                    .iter()
                    .zip(&found)
                    .filter(|(_, f)| !**f)
                    .filter_map(|(ms, _)| ms.first())
                    .collect();
                if !spurious.is_empty() || !missed.is_empty() {
                    doc_errs.insert(
                        role.to_string(),
                        json!({"missed": missed, "spurious": spurious}),
                    );
                }
            }
        }
        if errors && !doc_errs.is_empty() {
            errs.push(json!({"doc": d.id, "errors": doc_errs}));
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let total = |m: &BTreeMap<&str, Prf>| {
        let mut c = Prf::default();
        for v in m.values() {
            c.add(*v);
        }
        c.json()
    };
    let per = |m: &BTreeMap<&str, Prf>| {
        m.iter()
            .map(|(k, v)| (k.to_string(), v.json()))
            .collect::<serde_json::Map<_, _>>()
    };
    let mut r = json!({
        "format": "muc4",
        "data": path.display().to_string(),
        "documents": docs.len(),
        "gold_entities": exact.values().map(|c| c.gold).sum::<usize>(),
        "exact": total(&exact),
        "head": total(&head),
        "per_role_exact": per(&exact),
        "per_role_head": per(&head),
        "docs_per_sec": (docs.len() as f64 / secs.max(1e-9)).round(),
    });
    if errors {
        r["errors"] = Value::Array(errs);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_drops_articles_and_punctuation() {
        assert_eq!(normalise("The \"Santo Tomas\" farm"), "santo tomas farm");
        assert_eq!(normalise("an  FMLN unit"), "fmln unit");
    }

    #[test]
    fn each_gold_entity_is_matched_once() {
        let gold = vec![
            vec!["guerrillas".to_string(), "guerrilla column".to_string()],
            vec!["urban commandos".to_string()],
        ];
        let sys = vec![
            "guerrilla column".to_string(),
            "guerrillas".to_string(),
            "commandos".to_string(),
        ];
        let (exact, ok) = matches(&sys, &gold, false);
        assert_eq!(exact, 1);
        assert_eq!(ok, vec![true, false, false]);
        let (head, _) = matches(&sys, &gold, true);
        assert_eq!(head, 2);
    }
}
