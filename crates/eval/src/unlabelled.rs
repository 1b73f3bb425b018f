//! Running text of the shared corpora's training parts, for unsupervised
//! learning (the tagger's word classes, `sitrep train classes`).
//!
//! Only the parts no reported figure is measured on are read: the NER
//! training files, the NGEC stories outside the dev templates, the
//! IndiaPoliceEvents, MUC-4 and ECB+ training parts, the WikiEvents training
//! windows and the TBAQ files outside the time dev split. Dev and evaluation
//! text (CoNLL valid, UNER dev, LGL, GeoWebNews, the event dev sets) never
//! enters, so no dev figure sees its own text.

use anyhow::{Context, Result};
use std::path::Path;

/// One source's sentences, as the tagger would see their words.
pub struct Source {
    pub name: &'static str,
    pub sentences: Vec<Vec<String>>,
}

fn split_text(text: &str, out: &mut Vec<Vec<String>>) {
    let an = sitrep_text::segment(text);
    for s in an.sentence_words(text) {
        if !s.is_empty() {
            out.push(s.into_iter().map(str::to_string).collect());
        }
    }
}

/// Reads every source under the shared data folder (`…/shared/data`).
/// `progress` is told each source as it is read.
pub fn read(data: &Path, mut progress: impl FnMut(&Source)) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    let mut push = |s: Source| {
        progress(&s);
        out.push(s);
    };
    for (name, rel) in [
        ("CoNLL-2003 train", "ner/conll2003/train.txt"),
        (
            "UNER English-EWT train",
            "ner/uner_en_ewt/en_ewt-ud-train.v0-cleaned.iob2",
        ),
        ("WNUT-17 train", "ner/wnut17/wnut17train.conll"),
    ] {
        let p = data.join(rel);
        let c = sitrep_ner::corpus::read(&p, None)
            .with_context(|| format!("reading {}", p.display()))?;
        push(Source {
            name,
            sentences: c.sentences().map(|s| s.words.clone()).collect(),
        });
    }
    // Sources read as whole texts, split into sentences as the pipeline would.
    let mut texts = |name: &'static str, texts: Vec<String>| {
        let mut sentences = Vec::new();
        for t in &texts {
            split_text(t, &mut sentences);
        }
        push(Source { name, sentences });
    };
    let ngec = data.join("events/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip");
    texts(
        "NGEC stories (train templates)",
        crate::events::read_ngec(&ngec, false)?
            .into_iter()
            .filter(|i| !i.dev)
            .flat_map(|i| i.headline.into_iter().chain([i.text]))
            .collect(),
    );
    let ipe = data.join("events/india_police_events");
    texts(
        "IndiaPoliceEvents train",
        crate::india_police::read(&ipe, crate::india_police::Part::Train)?
            .into_iter()
            .map(|d| d.text)
            .collect(),
    );
    texts(
        "MUC-4 train",
        crate::muc4::read(&data.join("events/muc4/train.json"))?
            .into_iter()
            .map(|d| d.text)
            .collect(),
    );
    texts(
        "WikiEvents train windows",
        crate::wikievents::read(&data.join("events/wikievents/windows/train.jsonl"))?
            .into_iter()
            .map(|d| d.text)
            .collect(),
    );
    texts(
        "ECB+ train topics",
        crate::ecbplus::read(&data.join("events/ecbplus"), crate::ecbplus::Topics::Train)?
            .into_iter()
            .map(|d| d.text)
            .collect(),
    );
    texts(
        "TBAQ train",
        crate::timeml::read_dir(&data.join("time/tempeval3/TBAQ-cleaned"))?
            .into_iter()
            .filter(|d| !crate::time::is_dev(&d.name))
            .map(|d| d.text)
            .collect(),
    );
    Ok(out)
}
