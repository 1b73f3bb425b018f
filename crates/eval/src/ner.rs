//! Named entities: exact-span CoNLL scoring (conlleval's definition: an
//! entity counts when its first token, last token and type all match).
//!
//! Corpora annotate different type sets; only the types a file's gold
//! annotation uses are scored, and system entities of other types are set
//! aside (and counted in the report) rather than charged as false
//! positives: Universal NER has no MISC, so a MISC prediction there is
//! neither right nor wrong.

use anyhow::Result;
use serde_json::{json, Value};
use sitrep_ner::corpus::{self, chunks, Corpus, Format};
use sitrep_ner::{Model, TYPES};
use std::path::Path;
use std::time::Instant;

/// Counts of one scoring run.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub hit: [usize; 4],
    pub sys: [usize; 4],
    pub gold: [usize; 4],
    /// System entities of types the gold does not annotate.
    pub set_aside: usize,
    pub tokens: usize,
    pub seconds: f64,
}

impl Counts {
    /// Micro precision, recall, F1 over the scored types.
    pub fn micro(&self, scored: &[bool; 4]) -> (f64, f64, f64) {
        let sum = |a: &[usize; 4]| (0..4).filter(|&t| scored[t]).map(|t| a[t]).sum::<usize>();
        crate::f1(sum(&self.hit), sum(&self.sys), sum(&self.gold))
    }
}

/// Tags every document of `c` with `model` and counts matches; `errors`
/// receives (sentence, gold, system) for sentences with a difference.
pub fn score(model: &Model, c: &Corpus, mut errors: Option<&mut Vec<Value>>) -> Counts {
    let mut k = Counts::default();
    for d in &c.docs {
        let words: Vec<&[String]> = d.sentences.iter().map(|s| s.words.as_slice()).collect();
        let t0 = Instant::now();
        let tags = model.tag_doc(&words);
        k.seconds += t0.elapsed().as_secs_f64();
        for (s, sys) in d.sentences.iter().zip(&tags) {
            k.tokens += s.words.len();
            let g = chunks(&s.tags);
            let mut y = chunks(sys);
            let before = y.len();
            y.retain(|x| c.types[x.2]);
            k.set_aside += before - y.len();
            for x in &g {
                k.gold[x.2] += 1;
            }
            for x in &y {
                k.sys[x.2] += 1;
                if g.contains(x) {
                    k.hit[x.2] += 1;
                }
            }
            if let Some(errs) = errors.as_deref_mut() {
                if g != y {
                    let show = |v: &[(usize, usize, usize)]| -> Vec<String> {
                        v.iter()
                            .map(|&(a, b, t)| format!("{} {}", TYPES[t], s.words[a..b].join(" ")))
                            .collect()
                    };
                    errs.push(json!({
                        "sentence": s.words.join(" "),
                        "missed": show(&g.iter().filter(|x| !y.contains(x)).copied().collect::<Vec<_>>()),
                        "spurious": show(&y.iter().filter(|x| !g.contains(x)).copied().collect::<Vec<_>>()),
                    }));
                }
            }
        }
    }
    k
}

/// Scores sitrep's whole entity stage (segmentation, tagger, rules, alias
/// linking) rather than the bare tagger: each document's words are joined
/// with spaces (sentences by blank lines), the stage runs on that text, and
/// its mentions are compared by byte span and type. PER, ORG and LOC map to
/// themselves (GPE to LOC), NORP and MISC to MISC.
pub fn score_stage(
    p: &sitrep_pipeline::Pipeline,
    c: &Corpus,
    mut errors: Option<&mut Vec<Value>>,
) -> Counts {
    use sitrep_core::EntityType as E;
    let mut k = Counts::default();
    for (di, d) in c.docs.iter().enumerate() {
        let mut text = String::new();
        let mut gold = Vec::new();
        for s in &d.sentences {
            let mut offs = Vec::new();
            for w in &s.words {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push(' ');
                }
                offs.push((text.len(), text.len() + w.len()));
                text.push_str(w);
            }
            text.push_str("\n\n");
            for (a, b, t) in chunks(&s.tags) {
                gold.push((offs[a].0, offs[b - 1].1, t));
            }
            k.tokens += s.words.len();
        }
        let t0 = Instant::now();
        let an = sitrep_text::segment(&text);
        let ents = p.entities(&text, &an);
        k.seconds += t0.elapsed().as_secs_f64();
        let mut sys: Vec<(usize, usize, usize)> = ents
            .mentions
            .iter()
            .map(|e| {
                let t = match e.kind {
                    E::Per => 0,
                    E::Org => 1,
                    E::Loc | E::Gpe => 2,
                    E::Norp | E::Misc => 3,
                };
                (e.start, e.end, t)
            })
            .collect();
        let before = sys.len();
        sys.retain(|x| c.types[x.2]);
        k.set_aside += before - sys.len();
        for x in &gold {
            k.gold[x.2] += 1;
        }
        for x in &sys {
            k.sys[x.2] += 1;
            if gold.contains(x) {
                k.hit[x.2] += 1;
            }
        }
        if let Some(errs) = errors.as_deref_mut() {
            let show = |v: &[(usize, usize, usize)], other: &[(usize, usize, usize)]| {
                v.iter()
                    .filter(|x| !other.contains(x))
                    .map(|&(a, b, t)| format!("{} {}", TYPES[t], &text[a..b]))
                    .collect::<Vec<_>>()
            };
            let (missed, spurious) = (show(&gold, &sys), show(&sys, &gold));
            if !missed.is_empty() || !spurious.is_empty() {
                errs.push(json!({"document": di, "missed": missed, "spurious": spurious}));
            }
        }
    }
    k
}

/// The JSON report of a scoring run.
pub fn report(data: &Path, c: &Corpus, k: &Counts) -> Value {
    let (p, r, f) = k.micro(&c.types);
    let mut per_type = serde_json::Map::new();
    for (t, name) in TYPES.iter().enumerate() {
        if c.types[t] {
            let (p, r, f) = crate::f1(k.hit[t], k.sys[t], k.gold[t]);
            per_type.insert(
                (*name).into(),
                json!({"precision": p, "recall": r, "f1": f, "gold": k.gold[t], "system": k.sys[t]}),
            );
        }
    }
    json!({
        "data": data.display().to_string(),
        "documents": c.docs.len(),
        "tokens": k.tokens,
        "entities": k.gold.iter().sum::<usize>(),
        "scored_types": (0..4).filter(|&t| c.types[t]).map(|t| TYPES[t]).collect::<Vec<_>>(),
        "set_aside_unscored_type": k.set_aside,
        "precision": p,
        "recall": r,
        "f1": f,
        "per_type": per_type,
        "tokens_per_sec": if k.seconds > 0.0 { (k.tokens as f64 / k.seconds).round() } else { 0.0 },
    })
}

/// What `sitrep eval ner` scores.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    /// The bare tagger: a model file, or the embedded model when `None`.
    Tagger(Option<&'a Model>),
    /// sitrep's whole entity stage, on text rebuilt from the corpus words.
    Stage,
}

/// `sitrep eval ner`: reads `data`, scores `target` on it and returns the
/// report (`errors` lists differing sentences for the tagger, and each
/// document's missed and spurious mentions for the stage).
pub fn eval(
    data: &Path,
    format: Option<Format>,
    target: Target<'_>,
    errors: bool,
) -> Result<Value> {
    let c = corpus::read(data, format)?;
    let model = match target {
        Target::Tagger(m) => m,
        Target::Stage => {
            let p = sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?;
            let mut errs = Vec::new();
            let k = score_stage(&p, &c, errors.then_some(&mut errs));
            let mut r = report(data, &c, &k);
            r["scored"] = "entity stage".into();
            if errors {
                r["errors"] = Value::Array(errs);
            }
            return Ok(r);
        }
    };
    let m = model.unwrap_or_else(|| Model::embedded());
    let mut errs = Vec::new();
    let k = score(m, &c, errors.then_some(&mut errs));
    let mut r = report(data, &c, &k);
    r["scored"] = "tagger".into();
    if errors {
        r["errors"] = Value::Array(errs);
    }
    Ok(r)
}
