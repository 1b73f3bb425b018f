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
//!
//! With `pipeline` on the PLOVER records, which name their source and target
//! actors, the report's `actors` object scores actors too: the actor stage's
//! reading of each gold actor's words (`code_accuracy`: the country, or the
//! organisation kind for IGO/NGO codes; `sector_accuracy` where gold has a
//! sector), and whether the first event's actor1 (actor2 or target) carries
//! a gold source (target) code.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use sitrep_core::{Document, Event, Role, Span};
use sitrep_events::classify::{category_index, Classifier, CATEGORIES, NC};
use std::collections::{BTreeMap, HashMap};
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
    /// NGEC: which fifth of the corpus the story falls in (its title
    /// template's rank within its category, modulo five; the dev split is
    /// fold 2), so training can hold out templates; 0 elsewhere.
    pub fold: u8,
    /// Gold source and target actors, where the format has them.
    pub sources: Vec<GoldActor>,
    pub targets: Vec<GoldActor>,
}

/// A gold actor of a PLOVER record: its words in the text, its CAMEO code
/// (a country, or IGO/NGO/IMG/MNC) and its sector ("GOV", "REB"), if any.
#[derive(Debug, Clone)]
pub struct GoldActor {
    pub text: String,
    pub code: String,
    pub sector: Option<String>,
}

/// Codes that name a kind of organisation rather than a country.
const NON_STATE: &[&str] = &["IGO", "NGO", "IMG", "MNC"];

impl GoldActor {
    /// Whether an actor with `country` and `sector` has this code.
    fn code_ok(&self, country: Option<&str>, sector: Option<&str>) -> bool {
        if NON_STATE.contains(&self.code.as_str()) {
            sector == Some(self.code.as_str())
        } else {
            country == Some(self.code.as_str())
        }
    }

    /// Whether `sector` is this actor's; `None` when gold has none.
    fn sector_ok(&self, sector: Option<&str>) -> Option<bool> {
        let g = self.sector.as_deref()?;
        Some(sector == Some(g))
    }
}

/// Reads a record's `source`/`target` list (an empty string or null in
/// some records means none).
fn gold_actors(v: &Value) -> Vec<GoldActor> {
    let Some(list) = v.as_array() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|a| {
            let text = a["actorText"].as_str()?.trim();
            let code = a["code"].as_str()?.trim().to_uppercase();
            // "CVLalb": the sector, then an ethnic or group subcode.
            let sector = a["sector"]
                .as_str()
                .and_then(|s| s.get(..3))
                .filter(|s| s.chars().all(|c| c.is_ascii_uppercase()))
                .map(str::to_string);
            (!text.is_empty() && code.len() == 3).then(|| GoldActor {
                text: text.to_string(),
                code,
                sector,
            })
        })
        .collect()
}

/// What is scored.
pub enum Target<'a> {
    Classifier(&'a Classifier),
    Pipeline,
    /// The dictionary's one-sentence reading of each headline (of the text
    /// where there is none), the rule set behind the model's reading
    /// features.
    Reading(&'a Classifier),
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

/// The NGEC fold that is the dev split.
pub const DEV_FOLD: u8 = 2;

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
            fold: 0,
            sources: Vec::new(),
            targets: Vec::new(),
        });
    }
    let mut per_cat: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (g, t) in &titles {
        per_cat.entry(*g).or_default().push(t);
    }
    let mut title_fold = HashMap::new();
    for (g, ts) in per_cat.iter_mut() {
        ts.sort_unstable();
        ts.dedup();
        for (i, t) in ts.iter().enumerate() {
            title_fold.insert((*g, (*t).to_string()), (i % 5) as u8);
        }
    }
    for (n, (it, key)) in items.iter_mut().zip(&titles).enumerate() {
        it.fold = if by_story {
            (n % 5) as u8
        } else {
            title_fold[key]
        };
        it.dev = it.fold == DEV_FOLD;
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
            fold: 0,
            sources: gold_actors(&r["source"]),
            targets: gold_actors(&r["target"]),
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

fn doc_of(it: &Item) -> Document {
    crate::eval_doc(&it.id, it.headline.clone(), &it.text)
}

/// The pipeline's answer for a text: its first event in text order.
fn pipeline_first(p: &sitrep_pipeline::Pipeline, it: &Item) -> Option<Event> {
    let out = p.run(&doc_of(it), Vec::new());
    out.events
        .into_iter()
        .filter_map(|e| Some((e.evidence.first()?.start, e)))
        .min_by_key(|(s, _)| *s)
        .map(|(_, e)| e)
}

/// Counts for the actor figures.
#[derive(Debug, Default)]
struct ActorScore {
    /// Gold actors whose words are in the text, and those the actor stage
    /// codes right (country or organisation kind).
    mentions: usize,
    code_hits: usize,
    sector_n: usize,
    sector_hits: usize,
    /// Records with a gold source (target), and those whose first event's
    /// actor1 (actor2/target) has one of the gold codes.
    source_n: usize,
    source_hits: usize,
    target_n: usize,
    target_hits: usize,
    /// Gold actors the actor stage codes wrong (with `--errors`).
    misses: Vec<Value>,
}

impl ActorScore {
    fn add(&mut self, p: &sitrep_pipeline::Pipeline, it: &Item, ev: Option<&Event>) {
        let gold: Vec<&GoldActor> = it.sources.iter().chain(&it.targets).collect();
        let spans: Vec<(usize, Span)> = gold
            .iter()
            .enumerate()
            .filter_map(|(k, g)| {
                let s = it.text.find(&g.text)?;
                Some((k, Span::new(s, s + g.text.len())))
            })
            .collect();
        let found = p.actors_at(&doc_of(it), &spans.iter().map(|x| x.1).collect::<Vec<_>>());
        for ((k, _), a) in spans.iter().zip(found) {
            let g = gold[*k];
            let (country, sector) = match &a {
                Some(a) => (a.country.as_deref(), a.sector.as_deref()),
                None => (None, None),
            };
            self.mentions += 1;
            let code_ok = g.code_ok(country, sector);
            self.code_hits += code_ok as usize;
            let sector_ok = g.sector_ok(sector);
            if let Some(ok) = sector_ok {
                self.sector_n += 1;
                self.sector_hits += ok as usize;
            }
            if !code_ok || sector_ok == Some(false) {
                self.misses.push(json!({
                    "id": it.id,
                    "text": g.text,
                    "gold": [g.code, g.sector],
                    "system": a.map(|a| json!([a.canonical, a.country, a.sector])),
                }));
            }
        }
        let role_ok = |gold: &[GoldActor], roles: &[Role]| {
            ev.is_some_and(|e| {
                e.actors
                    .iter()
                    .filter(|a| roles.contains(&a.role))
                    .any(|a| {
                        gold.iter()
                            .any(|g| g.code_ok(a.country.as_deref(), a.sector.as_deref()))
                    })
            })
        };
        if !it.sources.is_empty() {
            self.source_n += 1;
            self.source_hits += role_ok(&it.sources, &[Role::Actor1]) as usize;
        }
        if !it.targets.is_empty() {
            self.target_n += 1;
            self.target_hits += role_ok(&it.targets, &[Role::Actor2, Role::Target]) as usize;
        }
    }

    fn report(&self) -> Value {
        let acc = |h: usize, n: usize| r4(h as f64 / n.max(1) as f64);
        json!({
            "gold_mentions": self.mentions,
            "code_accuracy": acc(self.code_hits, self.mentions),
            "sector_n": self.sector_n,
            "sector_accuracy": acc(self.sector_hits, self.sector_n),
            "source_n": self.source_n,
            "source_accuracy": acc(self.source_hits, self.source_n),
            "target_n": self.target_n,
            "target_accuracy": acc(self.target_hits, self.target_n),
        })
    }
}

/// Scores `items` (already filtered to a split) and returns the JSON report.
pub fn score(items: &[&Item], target: &Target, headlines: bool, errors: bool) -> Result<Value> {
    let (model, pipe) = match target {
        Target::Classifier(m) | Target::Reading(m) => (Some(*m), None),
        Target::Pipeline => (
            None,
            Some(sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?),
        ),
    };
    let mut k = Confusion::default();
    let mut actor_score: Option<ActorScore> = None;
    let mut errs = Vec::new();
    let t0 = Instant::now();
    for it in items {
        let head = if headlines {
            it.headline.as_deref()
        } else {
            None
        };
        let sys = match (model, &pipe) {
            (Some(m), _) if matches!(target, Target::Reading(_)) => {
                m.reading_category(head.unwrap_or(&it.text))
            }
            (Some(m), _) => Some(m.category(head, &it.text)),
            (None, Some(p)) => {
                let it2 = Item {
                    headline: head.map(str::to_string),
                    ..(*it).clone()
                };
                let ev = pipeline_first(p, &it2);
                if !it.sources.is_empty() || !it.targets.is_empty() {
                    actor_score
                        .get_or_insert_with(ActorScore::default)
                        .add(p, &it2, ev.as_ref());
                }
                ev.and_then(|e| category_index(&e.plover.category))
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
                "reading": model.and_then(|m| m.reading(head, &it.text)),
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
    if let Some(a) = actor_score {
        report["actors"] = a.report();
        if errors {
            report["actor_errors"] = Value::Array(a.misses);
        }
    }
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
            Target::Reading(_) => "reading",
        }),
    );
    obj.insert("headlines".into(), json!(headlines));
    Ok(report)
}
