//! Event categories: accuracy and macro-F1 of the PLOVER category on
//! labelled texts.
//!
//! Formats:
//! - `ngec`: the NGEC/POLECAT synthetic stories (`gpt_synthetic_events_*.csv`,
//!   or the `.zip` it ships in): one PLOVER category per story. The dev
//!   split is fixed here, by rule, without copying any story: within each
//!   category, the distinct title templates in sorted order, every fifth
//!   (positions 2, 7, 12, …) is dev. Stories of one template never straddle
//!   the split, so the dev figure is not inflated by near-duplicates.
//! - `plover-gsr`: the PLOVER gold-standard records (`PLOVER_GSR_CAMEO.txt`),
//!   one sentence and category each, old category names mapped as the PLOVER
//!   manual's CAMEO table does (DEMAND → REQUEST, DISAPPROVE/INVESTIGATE →
//!   ACCUSE, FIGHT → ASSAULT); the DOCUMENT records are skipped. All of it is
//!   evaluation data: nothing is trained on it.
//!
//! Targets: the learned classifier alone (`classifier`), or the whole
//! pipeline (`pipeline`), whose answer for a text is the category of its
//! first event in text order, or none.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use sitrep_core::Document;
use sitrep_events::classify::{category_index, Classifier, CATEGORIES, NC};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// Which labelled-text format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    Ngec,
    PloverGsr,
}

/// One labelled text.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub headline: Option<String>,
    pub text: String,
    /// Index into [`CATEGORIES`].
    pub gold: usize,
    pub mode: Option<String>,
    pub dev: bool,
}

/// What is scored.
pub enum Target<'a> {
    Classifier(&'a Classifier),
    Pipeline,
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let raw = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !raw.starts_with(b"PK") {
        return Ok(raw);
    }
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(raw))
        .with_context(|| format!("{}: not a readable zip archive", path.display()))?;
    for i in 0..z.len() {
        let mut f = z.by_index(i)?;
        if f.name().ends_with(".csv") {
            let mut out = Vec::new();
            f.read_to_end(&mut out)
                .with_context(|| format!("{}: unzipping {}", path.display(), f.name()))?;
            return Ok(out);
        }
    }
    bail!("{}: the archive holds no .csv file", path.display())
}

/// Reads the NGEC stories and marks the fixed dev split: by title template
/// (the default), or, with `by_story`, every fifth story in file order
/// (stories of one template then fall on both sides, which inflates the dev
/// figure; kept only to compare with story-level splits elsewhere).
pub fn read_ngec(path: &Path, by_story: bool) -> Result<Vec<Item>> {
    let bytes = read_bytes(path)?;
    let mut rd = csv::Reader::from_reader(bytes.as_slice());
    let head = rd
        .headers()
        .with_context(|| format!("{}: no CSV header", path.display()))?
        .clone();
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no `{name}` column", path.display()))
    };
    let (ct, cti, cp, cl, cm) = (
        col("text")?,
        col("title")?,
        col("prompt")?,
        col("label")?,
        col("mode")?,
    );
    let mut items = Vec::new();
    let mut titles: Vec<(usize, String)> = Vec::new();
    for (n, rec) in rd.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: record {}", path.display(), n + 1))?;
        let label = &rec[cl];
        let gold = category_index(label).with_context(|| {
            format!(
                "{}: record {}: unknown PLOVER category {label:?}",
                path.display(),
                n + 1
            )
        })?;
        // The prompt is the headline with countries filled in, then the
        // "(Reuters) --" line the story continues.
        let headline = rec[cp].lines().next().unwrap_or("").trim().to_string();
        let mode = Some(rec[cm].trim().to_string()).filter(|m| !m.is_empty());
        titles.push((gold, rec[cti].to_string()));
        items.push(Item {
            id: format!("ngec-{}", n + 1),
            headline: Some(headline).filter(|h| !h.is_empty()),
            text: rec[ct].to_string(),
            gold,
            mode,
            dev: false,
        });
    }
    let mut per_cat: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (g, t) in &titles {
        per_cat.entry(*g).or_default().push(t);
    }
    let mut dev_titles = std::collections::HashSet::new();
    for ts in per_cat.values_mut() {
        ts.sort_unstable();
        ts.dedup();
        for (i, t) in ts.iter().enumerate() {
            if i % 5 == 2 {
                dev_titles.insert((*t).to_string());
            }
        }
    }
    for (n, (it, (_, t))) in items.iter_mut().zip(&titles).enumerate() {
        it.dev = if by_story {
            n % 5 == 2
        } else {
            dev_titles.contains(t)
        };
    }
    Ok(items)
}

/// Reads the PLOVER gold-standard records (all of them count as dev).
pub fn read_plover_gsr(path: &Path) -> Result<Vec<Item>> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let recs: Vec<Value> = serde_json::from_str(&raw)
        .with_context(|| format!("{}: not a JSON array of PLOVER records", path.display()))?;
    let mut items = Vec::new();
    for (n, r) in recs.iter().enumerate() {
        let ev = r["event"].as_str().unwrap_or("");
        if ev == "DOCUMENT" {
            continue;
        }
        let gold = category_index(ev).with_context(|| {
            format!(
                "{}: record {}: unknown PLOVER category {ev:?}",
                path.display(),
                n + 1
            )
        })?;
        let Some(text) = r["text"].as_str() else {
            bail!("{}: record {} has no text", path.display(), n + 1);
        };
        items.push(Item {
            id: r["id"].as_str().unwrap_or("").to_string(),
            headline: None,
            text: text.to_string(),
            gold,
            mode: None,
            dev: true,
        });
    }
    Ok(items)
}

/// Confusion counts; a prediction of `None` is a miss with no false positive.
#[derive(Debug, Default)]
pub struct Confusion {
    pub hit: [usize; NC],
    pub sys: [usize; NC],
    pub gold: [usize; NC],
    pub none: usize,
    pub n: usize,
}

impl Confusion {
    pub fn add(&mut self, gold: usize, sys: Option<usize>) {
        self.n += 1;
        self.gold[gold] += 1;
        match sys {
            Some(s) => {
                self.sys[s] += 1;
                if s == gold {
                    self.hit[s] += 1;
                }
            }
            None => self.none += 1,
        }
    }

    pub fn accuracy(&self) -> f64 {
        self.hit.iter().sum::<usize>() as f64 / self.n.max(1) as f64
    }

    /// Mean F1 over the categories present in the gold.
    pub fn macro_f1(&self) -> f64 {
        let present: Vec<usize> = (0..NC).filter(|&c| self.gold[c] > 0).collect();
        present
            .iter()
            .map(|&c| crate::f1(self.hit[c], self.sys[c], self.gold[c]).2)
            .sum::<f64>()
            / present.len().max(1) as f64
    }
}

fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The pipeline's category for a text: its first event in text order.
fn pipeline_category(p: &sitrep_pipeline::Pipeline, it: &Item) -> Option<usize> {
    let doc = Document {
        id: it.id.clone(),
        source: None,
        published: None,
        language: "en".into(),
        url: None,
        title: it.headline.clone(),
        text: it.text.clone(),
    };
    let out = p.run(&doc, Vec::new());
    out.events
        .iter()
        .filter_map(|e| Some((e.evidence.first()?.start, e)))
        .min_by_key(|(s, _)| *s)
        .and_then(|(_, e)| category_index(&e.plover.category))
}

/// Scores `items` (already filtered to a split) and returns the JSON report.
pub fn score(items: &[&Item], target: &Target, headlines: bool, errors: bool) -> Result<Value> {
    let (model, pipe) = match target {
        Target::Classifier(m) => (Some(*m), None),
        Target::Pipeline => (
            None,
            Some(sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?),
        ),
    };
    let mut k = Confusion::default();
    let mut errs = Vec::new();
    let t0 = Instant::now();
    for it in items {
        let head = if headlines {
            it.headline.as_deref()
        } else {
            None
        };
        let sys = match (model, &pipe) {
            (Some(m), _) => Some(sitrep_events::classify::argmax(&m.probs(head, &it.text)).0),
            (None, Some(p)) => {
                let it2 = Item {
                    headline: head.map(str::to_string),
                    ..(*it).clone()
                };
                pipeline_category(p, &it2)
            }
            (None, None) => None,
        };
        k.add(it.gold, sys);
        if errors && sys != Some(it.gold) {
            let snippet: String = it.text.chars().take(200).collect();
            errs.push(json!({
                "id": it.id,
                "gold": CATEGORIES[it.gold],
                "system": sys.map(|s| CATEGORIES[s]),
                "headline": head,
                "text": snippet,
            }));
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let mut per = serde_json::Map::new();
    for (c, name) in CATEGORIES.iter().enumerate() {
        if k.gold[c] == 0 && k.sys[c] == 0 {
            continue;
        }
        let (p, r, f) = crate::f1(k.hit[c], k.sys[c], k.gold[c]);
        per.insert(
            (*name).into(),
            json!({"precision": r4(p), "recall": r4(r), "f1": r4(f), "gold": k.gold[c], "system": k.sys[c]}),
        );
    }
    let mut report = json!({
        "n": k.n,
        "accuracy": r4(k.accuracy()),
        "macro_f1": r4(k.macro_f1()),
        "no_category": k.none,
        "per_category": per,
        "texts_per_sec": (k.n as f64 / secs.max(1e-9)).round(),
    });
    if errors {
        report["errors"] = Value::Array(errs);
    }
    Ok(report)
}

/// `sitrep eval events`: reads `data`, keeps `split`, scores `target`.
pub fn eval(
    data: &Path,
    format: EventFormat,
    split: crate::Split,
    target: Target,
    headlines: bool,
    by_story: bool,
    errors: bool,
) -> Result<Value> {
    let items = match format {
        EventFormat::Ngec => read_ngec(data, by_story)?,
        EventFormat::PloverGsr => read_plover_gsr(data)?,
    };
    let kept: Vec<&Item> = items.iter().filter(|i| split.keeps(i.dev)).collect();
    if kept.is_empty() {
        bail!(
            "{}: no labelled texts in the {} split",
            data.display(),
            split.name()
        );
    }
    let mut report = score(&kept, &target, headlines, errors)?;
    let obj = report.as_object_mut().expect("the report is an object");
    obj.insert(
        "format".into(),
        json!(match format {
            EventFormat::Ngec => "ngec",
            EventFormat::PloverGsr => "plover-gsr",
        }),
    );
    obj.insert("split".into(), json!(split.name()));
    if format == EventFormat::Ngec {
        obj.insert(
            "split_by".into(),
            json!(if by_story { "story" } else { "template" }),
        );
    }
    obj.insert(
        "target".into(),
        json!(match target {
            Target::Classifier(_) => "classifier",
            Target::Pipeline => "pipeline",
        }),
    );
    obj.insert("headlines".into(), json!(headlines));
    Ok(report)
}
