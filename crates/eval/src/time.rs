//! TempEval-3 scoring of the time stage on TimeML gold.
//!
//! Definitions (UzZaman et al., SemEval-2013 Task 1): a system expression
//! *strictly* matches a gold one with the same extent and *relaxedly* matches
//! one it overlaps (one-to-one). Precision and recall of each count the
//! matched expressions over the system's and gold's totals. For an attribute
//! (type, value), a relaxed match whose attribute equals gold's counts as
//! correct; attribute precision and recall are correct/system and
//! correct/gold, so value F1 is never above relaxed F1.

use crate::timeml::{read_dir, TimemlDoc};
use crate::{f1, Split};
use anyhow::Result;
use serde_json::{json, Value};
use sitrep_core::TimexType;
use std::path::Path;
use std::time::Instant;

const DEV_LIST: &str = include_str!("../splits/tbaq-dev.txt");

/// The fixed TBAQ dev split: one document in five, by sorted file name.
pub fn is_dev(name: &str) -> bool {
    DEV_LIST.lines().any(|l| l.trim() == name)
}

fn type_name(t: TimexType) -> &'static str {
    match t {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

#[derive(Default)]
struct Counts {
    gold: usize,
    sys: usize,
    strict: usize,
    relaxed: usize,
    typ: usize,
    value: usize,
}

/// Scores the time stage on the TimeML files under `dir`.
pub fn eval(dir: &Path, split: Split, errors: bool) -> Result<Value> {
    let docs: Vec<TimemlDoc> = read_dir(dir)?
        .into_iter()
        .filter(|d| split.keeps(is_dev(&d.name)))
        .collect();
    let mut c = Counts::default();
    let mut errs = Vec::new();
    let mut bytes = 0usize;
    let mut secs = 0f64;
    for d in &docs {
        let an = sitrep_text::segment(&d.text);
        let t0 = Instant::now();
        let sys = sitrep_time::extract(&d.text, &an, d.dct);
        secs += t0.elapsed().as_secs_f64();
        bytes += d.text.len();
        c.gold += d.timexes.len();
        c.sys += sys.len();
        let mut used = vec![false; sys.len()];
        let mut derr = Vec::new();
        for g in &d.timexes {
            let gtext = &d.text[g.start..g.end];
            let hit = sys
                .iter()
                .enumerate()
                .filter(|(i, s)| !used[*i] && s.start < g.end && g.start < s.end)
                .max_by_key(|(_, s)| s.end.min(g.end) - s.start.max(g.start))
                .map(|(i, _)| i);
            let Some(i) = hit else {
                derr.push(
                    json!({"kind": "missed", "gold": gtext, "value": g.value, "at": g.start}),
                );
                continue;
            };
            used[i] = true;
            let s = &sys[i];
            c.relaxed += 1;
            let strict = s.start == g.start && s.end == g.end;
            c.strict += strict as usize;
            c.typ += (type_name(s.kind) == g.kind) as usize;
            let vok = s.value == g.value;
            c.value += vok as usize;
            if !vok || !strict || type_name(s.kind) != g.kind {
                derr.push(json!({
                    "kind": if vok { "extent" } else { "value" },
                    "gold": gtext, "value": g.value, "gold_type": g.kind,
                    "system": s.text, "system_value": s.value, "system_type": type_name(s.kind),
                    "at": g.start,
                }));
            }
        }
        for (i, s) in sys.iter().enumerate() {
            if !used[i] {
                derr.push(json!({"kind": "spurious", "system": s.text, "system_value": s.value, "at": s.start}));
            }
        }
        if errors && !derr.is_empty() {
            errs.push(json!({"file": d.name, "dct": d.dct.map(|x| x.to_string()), "errors": derr}));
        }
    }
    let (sp, sr, sf) = f1(c.strict, c.sys, c.gold);
    let (rp, rr, rf) = f1(c.relaxed, c.sys, c.gold);
    let (_, _, tf) = f1(c.typ, c.sys, c.gold);
    let (vp, vr, vf) = f1(c.value, c.sys, c.gold);
    let mut out = json!({
        "data": dir.display().to_string(),
        "split": split.name(),
        "documents": docs.len(),
        "gold": c.gold,
        "system": c.sys,
        "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
        "type_f1": tf,
        "value_precision": vp, "value_recall": vr, "value_f1": vf,
        "value_accuracy": if c.relaxed > 0 { c.value as f64 / c.relaxed as f64 } else { 0.0 },
        // The time stage alone (segmentation excluded), one core.
        "stage_mb_per_s": if secs > 0.0 { bytes as f64 / 1e6 / secs } else { 0.0 },
    });
    if errors {
        out["errors"] = Value::Array(errs);
    }
    Ok(out)
}
