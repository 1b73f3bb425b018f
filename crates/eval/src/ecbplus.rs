//! Within-document event coreference on ECB+ (Cybulska & Vossen 2014):
//! does sitrep join the reports of one event into one event, and keep
//! different events apart?
//!
//! ECB+ annotates action mentions (`ACTION_*`, `NEG_*` markables over
//! tokens) and their coreference chains (`INTRA_DOC_COREF` and
//! `CROSS_DOC_COREF` relations pointing to one instance), in a selection
//! of sentences per document (`ECBplus_coreference_sentences.csv`); only
//! mentions in those sentences count. Each document is coded as its
//! tokens, one sentence per line.
//!
//! sitrep codes only some event types, so the merge is scored on the gold
//! action mentions a system mention (an event's `type` or `mention` span)
//! overlaps, one to one: on those, sitrep's events form the system
//! clusters and the gold chains the key. The standard MUC and B³ scores
//! are printed (CEAF is left out), with pairwise link precision and
//! recall, and the same scores for two reference clusterings of the same
//! mentions: every mention its own event (`singletons`) and one event per
//! document (`one_per_document`).
//!
//! Topics follow the usual split (Cybulska & Vossen 2015): dev topics 2, 5,
//! 12, 18, 21, 23, 34 and 35; train the other topics up to 35; topics 36–45
//! are the usual test topics and are scored only with `--split all`.

use crate::timeml::attr;
use anyhow::{bail, Context, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The dev topics.
pub const DEV_TOPICS: &[u32] = &[2, 5, 12, 18, 21, 23, 34, 35];

/// Which topics to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topics {
    Dev,
    Train,
    All,
    /// Topics 1–35: where cross-document linking is developed.
    Develop,
    /// Topics 36–45: the usual test topics.
    Test,
}

impl Topics {
    pub(crate) fn has(self, t: u32) -> bool {
        match self {
            Topics::Dev => DEV_TOPICS.contains(&t),
            Topics::Train => t <= 35 && !DEV_TOPICS.contains(&t),
            Topics::All => true,
            Topics::Develop => t <= 35,
            Topics::Test => t > 35,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Topics::Dev => "dev",
            Topics::Train => "train",
            Topics::All => "all",
            Topics::Develop => "topics 1-35",
            Topics::Test => "topics 36-45",
        }
    }
}

/// The topic of a document named like "41_1ecbplus.xml".
pub fn topic_of(name: &str) -> u32 {
    name.split('_')
        .next()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0)
}

/// One document: its text, and its gold action mentions in the selected
/// sentences as (byte span, chain).
#[derive(Debug, Default)]
pub struct Doc {
    pub name: String,
    pub text: String,
    pub mentions: Vec<((usize, usize), String)>,
    /// Each mention's cross-document chain, in `mentions`' order: the
    /// instance a `CROSS_DOC_COREF` relation names, else the document's own
    /// chain or the mention alone (prefixed with the document's name).
    pub cross: Vec<String>,
}

/// Parses one ECB+ document; `selected` holds the sentence numbers whose
/// mentions count.
pub fn parse(xml: &str, name: &str, selected: &HashSet<u32>) -> Result<Doc> {
    let mut r = Reader::from_str(xml);
    let mut doc = Doc {
        name: name.to_string(),
        ..Doc::default()
    };
    // token id → (byte span, sentence)
    let mut toks: HashMap<String, ((usize, usize), u32)> = HashMap::new();
    let mut cur_tok: Option<(String, u32)> = None;
    let mut last_sent: Option<u32> = None;
    // markable id → token ids (actions only)
    let mut actions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut cur_mark: Option<String> = None;
    // relation: sources → target
    let mut chain_of: HashMap<String, String> = HashMap::new();
    // cross-document relation: sources → the instance it names
    let mut instance_of: HashMap<String, String> = HashMap::new();
    let mut cur_rel: Option<(Vec<String>, Option<String>)> = None;
    let mut cur_note: Option<String> = None;
    loop {
        let ev = r
            .read_event()
            .with_context(|| format!("{name}: XML error at byte {}", r.buffer_position()))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let tag = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                match tag.as_str() {
                    "token" => {
                        let id = attr(&e, b"t_id").unwrap_or_default();
                        let s = attr(&e, b"sentence")
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(0);
                        cur_tok = Some((id, s));
                    }
                    t if t.starts_with("ACTION_") || t.starts_with("NEG_") => {
                        if let Some(m) = attr(&e, b"m_id") {
                            actions.entry(m.clone()).or_default();
                            cur_mark = Some(m);
                        }
                    }
                    "token_anchor" => {
                        if let (Some(m), Some(t)) = (&cur_mark, attr(&e, b"t_id")) {
                            actions.entry(m.clone()).or_default().push(t);
                        }
                    }
                    "INTRA_DOC_COREF" | "CROSS_DOC_COREF" => {
                        cur_rel = Some((Vec::new(), None));
                        cur_note = (tag == "CROSS_DOC_COREF")
                            .then(|| attr(&e, b"note"))
                            .flatten();
                    }
                    "source" => {
                        if let (Some(rel), Some(m)) = (cur_rel.as_mut(), attr(&e, b"m_id")) {
                            rel.0.push(m);
                        }
                    }
                    "target" => {
                        if let (Some(rel), Some(m)) = (cur_rel.as_mut(), attr(&e, b"m_id")) {
                            rel.1 = Some(m);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((id, s)) = cur_tok.take() {
                    let w = t.unescape().map(|c| c.into_owned()).unwrap_or_default();
                    match last_sent {
                        Some(p) if p == s => doc.text.push(' '),
                        Some(_) => doc.text.push('\n'),
                        None => {}
                    }
                    last_sent = Some(s);
                    let start = doc.text.len();
                    doc.text.push_str(w.trim());
                    toks.insert(id, ((start, doc.text.len()), s));
                }
            }
            Event::End(e) => {
                let tag = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if tag.starts_with("ACTION_") || tag.starts_with("NEG_") {
                    cur_mark = None;
                }
                if tag == "INTRA_DOC_COREF" || tag == "CROSS_DOC_COREF" {
                    if let Some((srcs, Some(t))) = cur_rel.take() {
                        for s in srcs {
                            if let Some(n) = &cur_note {
                                instance_of.insert(s.clone(), n.clone());
                            }
                            chain_of.insert(s, t.clone());
                        }
                    }
                    cur_note = None;
                }
                if tag == "token" {
                    // An empty token: nothing to add.
                    cur_tok = None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for (m, ts) in actions {
        let spans: Vec<&((usize, usize), u32)> = ts.iter().filter_map(|t| toks.get(t)).collect();
        let Some(first) = spans.first() else {
            continue;
        };
        if !selected.contains(&first.1) {
            continue;
        }
        let start = spans.iter().map(|x| x.0 .0).min().unwrap_or(0);
        let end = spans.iter().map(|x| x.0 .1).max().unwrap_or(0);
        let chain = chain_of
            .get(&m)
            .cloned()
            .unwrap_or_else(|| format!("single-{m}"));
        let cross = instance_of
            .get(&m)
            .cloned()
            .unwrap_or_else(|| format!("{name}/{chain}"));
        doc.mentions.push(((start, end), chain));
        doc.cross.push(cross);
    }
    Ok(doc)
}

/// Reads the selected sentences: (topic, file stem) → sentence numbers.
fn read_selection(path: &Path) -> Result<HashMap<(u32, String), HashSet<u32>>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the sentence selection {}", path.display()))?;
    let mut out: HashMap<(u32, String), HashSet<u32>> = HashMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.trim().split(',').collect();
        if f.len() < 3 {
            continue;
        }
        let (Ok(t), Ok(s)) = (f[0].trim().parse(), f[2].trim().parse()) else {
            bail!(
                "{}: line {}: not Topic,File,Sentence",
                path.display(),
                n + 1
            );
        };
        out.entry((t, f[1].trim().to_string()))
            .or_default()
            .insert(s);
    }
    Ok(out)
}

/// Reads the corpus folder (`ecbplus/`, holding `ECB+/` and the selection).
pub fn read(dir: &Path, topics: Topics) -> Result<Vec<Doc>> {
    let sel = read_selection(&dir.join("ECBplus_coreference_sentences.csv"))?;
    let root = dir.join("ECB+");
    let mut files: Vec<(u32, PathBuf)> = Vec::new();
    for t in std::fs::read_dir(&root).with_context(|| format!("cannot read {}", root.display()))? {
        let t = t?;
        let Ok(topic) = t.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if !topics.has(topic) {
            continue;
        }
        for f in std::fs::read_dir(t.path())? {
            let p = f?.path();
            if p.extension().is_some_and(|e| e == "xml") {
                files.push((topic, p));
            }
        }
    }
    files.sort();
    let mut docs = Vec::new();
    for (topic, p) in files {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // "1_10ecbplus.xml" → "10ecbplus".
        let stem = name
            .trim_end_matches(".xml")
            .split_once('_')
            .map(|x| x.1.to_string())
            .unwrap_or_default();
        let Some(selected) = sel.get(&(topic, stem)) else {
            continue;
        };
        let xml =
            std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
        docs.push(parse(&xml, &name, selected)?);
    }
    if docs.is_empty() {
        bail!("{}: no ECB+ documents for these topics", dir.display());
    }
    Ok(docs)
}

/// Numerators and denominators of the scores, summed over documents.
#[derive(Default, Clone, Copy)]
struct Scores {
    muc_r: (f64, f64),
    muc_p: (f64, f64),
    b3_r: f64,
    b3_p: f64,
    b3_n: f64,
    links_sys: f64,
    links_gold: f64,
    links_both: f64,
}

impl Scores {
    /// Adds one document's mentions, given each one's key and system cluster.
    fn add(&mut self, key: &[usize], sys: &[usize]) {
        let n = key.len();
        let members =
            |c: &[usize], x: usize| -> Vec<usize> { (0..n).filter(|&i| c[i] == x).collect() };
        // MUC: |g| − (number of system parts of g), over Σ |g| − 1.
        let muc = |a: &[usize], b: &[usize]| -> (f64, f64) {
            let mut num = 0.0;
            let mut den = 0.0;
            let mut seen = HashSet::new();
            for i in 0..n {
                if !seen.insert(a[i]) {
                    continue;
                }
                let g = members(a, a[i]);
                let parts: HashSet<usize> = g.iter().map(|&j| b[j]).collect();
                num += (g.len() - parts.len()) as f64;
                den += (g.len() - 1) as f64;
            }
            (num, den)
        };
        let (rn, rd) = muc(key, sys);
        let (pn, pd) = muc(sys, key);
        self.muc_r.0 += rn;
        self.muc_r.1 += rd;
        self.muc_p.0 += pn;
        self.muc_p.1 += pd;
        for i in 0..n {
            let g = members(key, key[i]);
            let s = members(sys, sys[i]);
            let both = g.iter().filter(|j| s.contains(j)).count() as f64;
            self.b3_r += both / g.len() as f64;
            self.b3_p += both / s.len() as f64;
            self.b3_n += 1.0;
        }
        for i in 0..n {
            for j in i + 1..n {
                let (g, s) = (key[i] == key[j], sys[i] == sys[j]);
                self.links_gold += g as u8 as f64;
                self.links_sys += s as u8 as f64;
                self.links_both += (g && s) as u8 as f64;
            }
        }
    }

    fn json(&self) -> Value {
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let f1 = |p: f64, r: f64| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let round = |x: f64| (x * 10000.0).round() / 10000.0;
        let (mr, mp) = (
            ratio(self.muc_r.0, self.muc_r.1),
            ratio(self.muc_p.0, self.muc_p.1),
        );
        let (br, bp) = (ratio(self.b3_r, self.b3_n), ratio(self.b3_p, self.b3_n));
        let (lr, lp) = (
            ratio(self.links_both, self.links_gold),
            ratio(self.links_both, self.links_sys),
        );
        json!({
            "muc": {"precision": round(mp), "recall": round(mr), "f1": round(f1(mp, mr))},
            "b3": {"precision": round(bp), "recall": round(br), "f1": round(f1(bp, br))},
            "links": {
                "precision": round(lp), "recall": round(lr), "f1": round(f1(lp, lr)),
                "gold": self.links_gold, "system": self.links_sys, "right": self.links_both,
            },
        })
    }
}

/// Codes the documents and scores sitrep's merging against the gold chains.
pub fn eval(dir: &Path, topics: Topics, errors: bool) -> Result<Value> {
    let docs = read(dir, topics)?;
    let pipe = sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?;
    let (mut sys_s, mut single, mut one) =
        (Scores::default(), Scores::default(), Scores::default());
    let (mut n_gold, mut n_sys, mut n_aligned) = (0usize, 0usize, 0usize);
    let mut errs = Vec::new();
    let t0 = std::time::Instant::now();
    for d in &docs {
        let out = pipe.run(&crate::eval_doc(&d.name, None, &d.text), Vec::new());
        n_gold += d.mentions.len();
        // (gold mention index, system event) pairs, one to one.
        let mut used = vec![false; d.mentions.len()];
        let mut aligned: Vec<(usize, usize, (usize, usize))> = Vec::new();
        for (k, e) in out.events.iter().enumerate() {
            for f in e
                .fields
                .iter()
                .filter(|f| f.field == "type" || f.field == "mention")
            {
                n_sys += 1;
                if let Some(g) = (0..d.mentions.len()).find(|&g| {
                    !used[g] && d.mentions[g].0 .0 < f.end && f.start < d.mentions[g].0 .1
                }) {
                    used[g] = true;
                    aligned.push((g, k, (f.start, f.end)));
                }
            }
        }
        n_aligned += aligned.len();
        let mut chain_ids: HashMap<&str, usize> = HashMap::new();
        let key: Vec<usize> = aligned
            .iter()
            .map(|(g, _, _)| {
                let n = chain_ids.len();
                *chain_ids.entry(d.mentions[*g].1.as_str()).or_insert(n)
            })
            .collect();
        let sys: Vec<usize> = aligned.iter().map(|a| a.1).collect();
        sys_s.add(&key, &sys);
        single.add(&key, &(0..key.len()).collect::<Vec<_>>());
        one.add(&key, &vec![0; key.len()]);
        if errors {
            for i in 0..aligned.len() {
                for j in i + 1..aligned.len() {
                    let (g, s) = (key[i] == key[j], sys[i] == sys[j]);
                    if g != s {
                        let w = |x: (usize, usize)| d.text[x.0..x.1].to_string();
                        errs.push(json!({
                            "doc": d.name,
                            "kind": if s { "merged_apart_events" } else { "split_one_event" },
                            "a": w(aligned[i].2),
                            "b": w(aligned[j].2),
                        }));
                    }
                }
            }
        }
    }
    let mut v = json!({
        "format": "ecbplus",
        "split": topics.name(),
        "documents": docs.len(),
        "gold_action_mentions": n_gold,
        "system_mentions": n_sys,
        "aligned_mentions": n_aligned,
        "sitrep": sys_s.json(),
        "singletons": single.json(),
        "one_per_document": one.json(),
        "docs_per_sec": (docs.len() as f64 / t0.elapsed().as_secs_f64().max(1e-9)).round(),
    });
    if errors {
        v["errors"] = Value::Array(errs);
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Document doc_name="9_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http://x</token>
<token t_id="2" sentence="1" number="0">Gunmen</token>
<token t_id="3" sentence="1" number="1">attacked</token>
<token t_id="4" sentence="1" number="2">a</token>
<token t_id="5" sentence="1" number="3">bank</token>
<token t_id="6" sentence="2" number="0">The</token>
<token t_id="7" sentence="2" number="1">attack</token>
<token t_id="8" sentence="2" number="2">ended</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<ACTION_ASPECTUAL m_id="3"><token_anchor t_id="8"/></ACTION_ASPECTUAL>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="2"/></HUMAN_PART_PER>
</Markables>
<Relations>
<INTRA_DOC_COREF r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="9"/></INTRA_DOC_COREF>
</Relations>
</Document>"#;

    #[test]
    fn reads_tokens_actions_and_chains_in_selected_sentences() {
        let sel: HashSet<u32> = [1, 2].into_iter().collect();
        let d = parse(XML, "9_1ecbplus.xml", &sel).unwrap();
        assert_eq!(d.text, "http://x\nGunmen attacked a bank\nThe attack ended");
        let words: Vec<(&str, &str)> = d
            .mentions
            .iter()
            .map(|((a, b), c)| (&d.text[*a..*b], c.as_str()))
            .collect();
        assert_eq!(
            words,
            [("attacked", "9"), ("attack", "9"), ("ended", "single-3")]
        );
        // Mentions outside the selection do not count.
        let only1: HashSet<u32> = [1].into_iter().collect();
        assert_eq!(parse(XML, "x", &only1).unwrap().mentions.len(), 1);
    }

    #[test]
    fn muc_and_b3_on_a_known_case() {
        // Key {0,1,2} {3}; system {0,1} {2,3}.
        let mut s = Scores::default();
        s.add(&[0, 0, 0, 1], &[0, 0, 1, 1]);
        let v = s.json();
        // MUC recall (3−2)/2, precision (1−1 + 2−2)/(1+1) = 1/2.
        assert_eq!(v["muc"]["recall"], 0.5);
        assert_eq!(v["muc"]["precision"], 0.5);
        // B³ recall (2/3 + 2/3 + 1/3 + 1)/4, precision (1 + 1 + 1/2 + 1/2)/4.
        assert_eq!(v["b3"]["recall"], 0.6667);
        assert_eq!(v["b3"]["precision"], 0.75);
        // Links: gold 3, system 2, right 1.
        assert_eq!(v["links"]["right"], 1.0);
    }
}
