//! Cross-document event coreference on ECB+: does the store link the
//! reports of one happening in different documents into one incident, and
//! keep other happenings of the same kind apart?
//!
//! The documents are coded and stored as `sitrep ingest` stores them (an
//! in-memory store, default linking options); each gold action mention is
//! aligned to a system event as in the within-document scorer (`ecbplus`),
//! and the incident of that event is its system cluster. The key is ECB+'s
//! cross-document chains (`CROSS_DOC_COREF`, by the instance they name).
//! Printed: MUC, B³, CEAF-e and their mean F1 (the CoNLL F1), scored
//! - `within_topics`: each gold topic stored on its own (the usual ECB+
//!   setting, where the topic is given);
//! - `pooled`: every document in one store, the way a user's store holds
//!   them.
//!
//! Beside them, three reference clusterings of the same mentions:
//! `singletons` (every mention alone), `one_per_topic` (every mention of a
//! topic in one incident) and `documents_alone` (sitrep's events with no
//! linking across documents, which shows what linking adds).
//!
//! ECB+ documents carry no publication date, so their events are undated
//! unless the text dates them; undated events link only with undated ones.

use crate::ecbplus::{read, topic_of, Topics};
use anyhow::Result;
use serde_json::{json, Value};
use sitrep_core::Output;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
}

impl Prf {
    pub fn f1(&self) -> f64 {
        if self.p + self.r > 0.0 {
            2.0 * self.p * self.r / (self.p + self.r)
        } else {
            0.0
        }
    }

    fn json(&self) -> Value {
        let round = |x: f64| (x * 10000.0).round() / 10000.0;
        json!({"precision": round(self.p), "recall": round(self.r), "f1": round(self.f1())})
    }
}

/// Clusters as lists of mention indexes, from one label per mention.
fn clusters<T: Ord + Clone>(labels: &[T]) -> Vec<Vec<usize>> {
    let mut by: BTreeMap<T, Vec<usize>> = BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        by.entry(l.clone()).or_default().push(i);
    }
    by.into_values().collect()
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// MUC (Vilain et al. 1995): links kept, over key and response clusters.
pub fn muc(key: &[usize], sys: &[usize]) -> Prf {
    let side = |a: &[usize], b: &[usize]| {
        let (mut num, mut den) = (0.0, 0.0);
        for g in clusters(a) {
            let parts: HashSet<usize> = g.iter().map(|&j| b[j]).collect();
            num += (g.len() - parts.len()) as f64;
            den += (g.len() - 1) as f64;
        }
        ratio(num, den)
    };
    Prf {
        r: side(key, sys),
        p: side(sys, key),
    }
}

/// B³ (Bagga & Baldwin 1998): per mention overlap of its two clusters.
pub fn b3(key: &[usize], sys: &[usize]) -> Prf {
    let n = key.len();
    let size = |l: &[usize]| {
        let mut m: HashMap<usize, usize> = HashMap::new();
        for &x in l {
            *m.entry(x).or_default() += 1;
        }
        m
    };
    let (ks, ss) = (size(key), size(sys));
    let mut both: HashMap<(usize, usize), usize> = HashMap::new();
    for i in 0..n {
        *both.entry((key[i], sys[i])).or_default() += 1;
    }
    let (mut r, mut p) = (0.0, 0.0);
    for i in 0..n {
        let b = both[&(key[i], sys[i])] as f64;
        r += b / ks[&key[i]] as f64;
        p += b / ss[&sys[i]] as f64;
    }
    Prf {
        r: ratio(r, n as f64),
        p: ratio(p, n as f64),
    }
}

/// Entity-based CEAF (Luo 2005, φ4): the best one-to-one alignment of key
/// and response clusters by 2|K∩R|/(|K|+|R|), solved exactly on each
/// connected part of the overlap graph.
pub fn ceaf_e(key: &[usize], sys: &[usize]) -> Prf {
    let kc = clusters(key);
    let sc = clusters(sys);
    let kid: HashMap<usize, usize> = kc.iter().enumerate().map(|(i, c)| (key[c[0]], i)).collect();
    let sid: HashMap<usize, usize> = sc.iter().enumerate().map(|(i, c)| (sys[c[0]], i)).collect();
    // Overlaps between key cluster i and response cluster j.
    let mut overlap: HashMap<(usize, usize), usize> = HashMap::new();
    for m in 0..key.len() {
        *overlap.entry((kid[&key[m]], sid[&sys[m]])).or_default() += 1;
    }
    let phi = |i: usize, j: usize| {
        let o = overlap.get(&(i, j)).copied().unwrap_or(0) as f64;
        2.0 * o / (kc[i].len() + sc[j].len()) as f64
    };
    // Connected parts: union-find over key (0..K) and response (K..K+S).
    let (nk, ns) = (kc.len(), sc.len());
    let mut parent: Vec<usize> = (0..nk + ns).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let next = p[y];
            p[y] = r;
            y = next;
        }
        r
    }
    for &(i, j) in overlap.keys() {
        let (a, b) = (find(&mut parent, i), find(&mut parent, nk + j));
        parent[a] = b;
    }
    let mut parts: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for i in 0..nk {
        let r = find(&mut parent, i);
        parts.entry(r).or_default().0.push(i);
    }
    for j in 0..ns {
        let r = find(&mut parent, nk + j);
        parts.entry(r).or_default().1.push(j);
    }
    let mut total = 0.0;
    for (ks, ss) in parts.values() {
        if ks.is_empty() || ss.is_empty() {
            continue;
        }
        // Rows must not outnumber columns.
        let (rows, cols, flip) = if ks.len() <= ss.len() {
            (ks, ss, false)
        } else {
            (ss, ks, true)
        };
        const SCALE: f64 = 1e9;
        let w = pathfinding::matrix::Matrix::from_fn(rows.len(), cols.len(), |(a, b)| {
            let (i, j) = if flip {
                (cols[b], rows[a])
            } else {
                (rows[a], cols[b])
            };
            (phi(i, j) * SCALE).round() as i64
        });
        let (_, assign) = pathfinding::kuhn_munkres::kuhn_munkres(&w);
        for (a, &b) in assign.iter().enumerate() {
            let (i, j) = if flip {
                (cols[b], rows[a])
            } else {
                (rows[a], cols[b])
            };
            total += phi(i, j);
        }
    }
    Prf {
        r: ratio(total, nk as f64),
        p: ratio(total, ns as f64),
    }
}

/// MUC, B³, CEAF-e and the CoNLL F1 (their mean) of one clustering.
pub fn scores(key: &[usize], sys: &[usize]) -> Value {
    let (m, b, c) = (muc(key, sys), b3(key, sys), ceaf_e(key, sys));
    let conll = (m.f1() + b.f1() + c.f1()) / 3.0;
    json!({
        "muc": m.json(),
        "b3": b.json(),
        "ceaf_e": c.json(),
        "conll_f1": (conll * 10000.0).round() / 10000.0,
    })
}

/// Interns labels as numbers.
fn ids<T: std::hash::Hash + Eq + Clone>(labels: &[T]) -> Vec<usize> {
    let mut m: HashMap<T, usize> = HashMap::new();
    labels
        .iter()
        .map(|l| {
            let n = m.len();
            *m.entry(l.clone()).or_insert(n)
        })
        .collect()
}

/// The incident of every event, once the outputs are stored together.
fn incidents_of(outs: &[&Output]) -> Result<HashMap<String, String>> {
    let mut store = sitrep_store::Store::open(":memory:")?;
    for o in outs {
        store.ingest(o)?;
    }
    Ok(store.event_incidents()?.into_iter().collect())
}

/// Codes the topics' documents, links them and scores the incidents.
pub fn eval(dir: &Path, topics: Topics, errors: bool) -> Result<Value> {
    let docs = read(dir, topics)?;
    let pipe = sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?;
    let t0 = std::time::Instant::now();
    // (topic, cross chain, event id, document, mention text) per aligned mention.
    let mut aligned: Vec<(u32, String, String, usize, String)> = Vec::new();
    let mut outs: Vec<(u32, Output)> = Vec::new();
    let mut n_gold = 0;
    for (k, d) in docs.iter().enumerate() {
        let out = pipe.run(&crate::eval_doc(&d.name, None, &d.text), Vec::new());
        n_gold += d.mentions.len();
        let mut used = vec![false; d.mentions.len()];
        for e in &out.events {
            for f in e
                .fields
                .iter()
                .filter(|f| f.field == "type" || f.field == "mention")
            {
                if let Some(g) = (0..d.mentions.len()).find(|&g| {
                    !used[g] && d.mentions[g].0 .0 < f.end && f.start < d.mentions[g].0 .1
                }) {
                    used[g] = true;
                    aligned.push((
                        topic_of(&d.name),
                        d.cross[g].clone(),
                        e.id.clone(),
                        k,
                        d.text[f.start..f.end].to_string(),
                    ));
                }
            }
        }
        outs.push((topic_of(&d.name), out));
    }
    let coded = t0.elapsed().as_secs_f64();
    let t1 = std::time::Instant::now();
    let pooled = incidents_of(&outs.iter().map(|(_, o)| o).collect::<Vec<_>>())?;
    let mut within: HashMap<String, String> = HashMap::new();
    let topic_set: Vec<u32> = {
        let mut t: Vec<u32> = outs.iter().map(|(t, _)| *t).collect();
        t.sort_unstable();
        t.dedup();
        t
    };
    for t in &topic_set {
        let these: Vec<&Output> = outs
            .iter()
            .filter(|(x, _)| x == t)
            .map(|(_, o)| o)
            .collect();
        within.extend(incidents_of(&these)?);
    }
    let linked = t1.elapsed().as_secs_f64();

    let key = ids(&aligned.iter().map(|a| a.1.clone()).collect::<Vec<_>>());
    let sys_of = |m: &HashMap<String, String>| {
        ids(&aligned
            .iter()
            .map(|a| m.get(&a.2).cloned().unwrap_or_else(|| a.2.clone()))
            .collect::<Vec<_>>())
    };
    let pooled_sys = sys_of(&pooled);
    let within_sys = sys_of(&within);
    let singletons: Vec<usize> = (0..aligned.len()).collect();
    let per_topic = ids(&aligned.iter().map(|a| a.0).collect::<Vec<_>>());
    let alone = ids(&aligned.iter().map(|a| a.2.clone()).collect::<Vec<_>>());
    let mut v = json!({
        "format": "ecbplus-cross-document",
        "split": topics.name(),
        "documents": docs.len(),
        "topics": topic_set.len(),
        "gold_action_mentions": n_gold,
        "aligned_mentions": aligned.len(),
        "gold_chains_aligned": key.iter().collect::<HashSet<_>>().len(),
        "within_topics": scores(&key, &within_sys),
        "pooled": scores(&key, &pooled_sys),
        "singletons": scores(&key, &singletons),
        "one_per_topic": scores(&key, &per_topic),
        "documents_alone": scores(&key, &alone),
        "seconds": {"coding": coded.round(), "storing_and_linking": (linked * 10.0).round() / 10.0},
    });
    if errors {
        // What linking read of each event.
        let mut info: HashMap<&str, Value> = HashMap::new();
        let mut profiles: HashMap<&str, sitrep_incidents::Profile> = HashMap::new();
        let link = sitrep_incidents::LinkOptions::default();
        for (_, o) in &outs {
            let doc = sitrep_incidents::DocInfo {
                id: o.document.id.clone(),
                story: sitrep_incidents::story_names(o),
                ..Default::default()
            };
            for e in &o.events {
                profiles.insert(e.id.as_str(), sitrep_incidents::Profile::of(e, &doc, &link));
                info.insert(
                    e.id.as_str(),
                    json!({
                        "type": format!("{} {}", e.plover.category, e.acled.as_ref().map_or("", |a| a.event_type.as_str())),
                        "date": e.date.as_ref().map(|d| format!("{}..{}", d.start_date, d.end_date)),
                        "place": e.location.as_ref().map(|l| format!("{} {:?} p{} {}", l.name, l.country_code, l.precision, l.basis.as_deref().unwrap_or("-"))),
                        "actors": e.actors.iter().map(|a| format!("{}={}", a.role.as_str(), a.canonical)).collect::<Vec<_>>(),
                        "mode": format!("{:?}", e.mode),
                    }),
                );
            }
        }
        // Pairs of mentions in different documents of one topic that the
        // topic's store clusters otherwise than the key.
        let mut errs = Vec::new();
        for i in 0..aligned.len() {
            for j in i + 1..aligned.len() {
                if aligned[i].3 == aligned[j].3 || aligned[i].0 != aligned[j].0 {
                    continue;
                }
                let (g, s) = (key[i] == key[j], within_sys[i] == within_sys[j]);
                if g != s {
                    errs.push(json!({
                        "kind": if s { "linked_apart_events" } else { "missed_link" },
                        "apart_by": sitrep_incidents::why_apart(&profiles[aligned[i].2.as_str()], &profiles[aligned[j].2.as_str()], &link),
                        "a": {"doc": docs[aligned[i].3].name, "mention": aligned[i].4, "event": info.get(aligned[i].2.as_str()), "incident": within.get(&aligned[i].2)},
                        "b": {"doc": docs[aligned[j].3].name, "mention": aligned[j].4, "event": info.get(aligned[j].2.as_str()), "incident": within.get(&aligned[j].2)},
                    }));
                }
            }
        }
        v["errors"] = Value::Array(errs);
        v["event_incidents"] = json!(within);
        v["event_info"] = json!(info);
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_clustering_scores_one() {
        let key = [0, 0, 1, 2, 2, 2];
        let s = scores(&key, &key);
        assert_eq!(s["conll_f1"], 1.0);
    }

    #[test]
    fn known_values() {
        // Key {a b c} {d e}; response {a b} {c d e}.
        let key = [0, 0, 0, 1, 1];
        let sys = [0, 0, 1, 1, 1];
        let m = muc(&key, &sys);
        // Key links 3, kept 2; response links 3, right 2.
        assert!((m.r - 2.0 / 3.0).abs() < 1e-9 && (m.p - 2.0 / 3.0).abs() < 1e-9);
        let b = b3(&key, &sys);
        // Recall: a,b 2/3 each, c 1/3, d,e 2/2 each → 3.6667/5.
        assert!((b.r - (2.0 / 3.0 * 2.0 + 1.0 / 3.0 + 2.0) / 5.0).abs() < 1e-9);
        let c = ceaf_e(&key, &sys);
        // Best alignment: {a b c}–{a b} φ=4/5, {d e}–{c d e} φ=4/5.
        assert!((c.r - 0.8).abs() < 1e-9 && (c.p - 0.8).abs() < 1e-9);
        // Singletons: MUC is zero, CEAF-e counts only exact matches.
        let single = [0, 1, 2, 3, 4];
        assert_eq!(muc(&key, &single).f1(), 0.0);
        let c = ceaf_e(&key, &single);
        assert!((c.r - (2.0 / 4.0 + 2.0 / 3.0) / 2.0).abs() < 1e-9, "{c:?}");
    }
}
