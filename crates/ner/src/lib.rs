//! # sitrep-ner: a trained named-entity tagger
//!
//! A first-order structured averaged perceptron (Collins 2002) over BIO
//! labels of the four CoNLL types (PER, ORG, LOC, MISC), decoded with
//! Viterbi under BIO constraints. Features ([`features`]) are words and
//! their neighbours, shapes, affixes, document-level casing evidence and a
//! name lexicon compiled into the model (GeoNames places, Phoenix actors,
//! nationality words; [`lexicon`]) and word classes learnt from unlabelled
//! text ([`classes`], carried in [`Resources::clusters`]).
//!
//! Corpora annotate different type sets (Universal NER has no MISC): where a
//! corpus does not annotate a type, its `O` tokens are *partially* labelled
//! (`O` or that type) and training updates towards the best path consistent
//! with what the corpus does say ([`train`]).
//!
//! The model file is self-contained (weights, lexicon, classes) and the
//! default one is embedded in the crate ([`Model::embedded`]); `sitrep train
//! ner` rebuilds it.

pub mod classes;
pub mod corpus;
pub mod features;
pub mod lexicon;
pub mod train;

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The four CoNLL entity types, in label order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Number of labels: `O` plus B and I of each type.
pub const NL: usize = 1 + 2 * TYPES.len();

/// A BIO label: 0 is `O`, `1 + 2t` is B of type `t`, `2 + 2t` is I of type `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label(pub u8);

impl Label {
    pub const O: Label = Label(0);
    /// The entity type index, `None` for `O`.
    pub fn kind(self) -> Option<usize> {
        (self.0 > 0).then(|| (self.0 as usize - 1) / 2)
    }
    pub fn is_inside(self) -> bool {
        self.0 > 0 && self.0 & 1 == 0
    }
    pub fn name(self) -> String {
        match self.kind() {
            None => "O".into(),
            Some(t) => format!("{}-{}", if self.is_inside() { "I" } else { "B" }, TYPES[t]),
        }
    }
}

/// The label for type `t`, beginning or inside.
pub fn label_of(t: usize, begin: bool) -> Label {
    Label((1 + 2 * t + usize::from(!begin)) as u8)
}

/// Whether label `cur` may follow `prev` (`None`: sentence start) in IOB2.
pub fn allowed(prev: Option<Label>, cur: Label) -> bool {
    !cur.is_inside() || prev.is_some_and(|p| p.kind() == cur.kind())
}

/// Deterministic xorshift generator (training shuffles, k-means seeding).
pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// A uniform draw in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Keys are already well-mixed 64-bit hashes: hash them as themselves.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Position of each key in `keys` (a model file's sorted feature keys).
pub fn key_index(keys: &[u64]) -> IdMap<u32> {
    let mut index = IdMap::default();
    index.reserve(keys.len());
    for (i, k) in keys.iter().enumerate() {
        index.insert(*k, i as u32);
    }
    index
}

/// The scale that maps the largest absolute weight to `i16::MAX`, for
/// 16-bit model files (`w ≈ q as f32 * scale`, `q` from [`quantise`]).
pub fn quant_scale<'a>(weights: impl IntoIterator<Item = &'a f32>) -> f32 {
    let max = weights
        .into_iter()
        .fold(0f32, |m, x| m.max(x.abs()))
        .max(1e-6);
    max / 32767.0
}

/// A weight as a 16-bit integer at `scale`.
pub fn quantise(w: f32, scale: f32) -> i16 {
    (w / scale).round() as i16
}

/// Lexicon and word classes: the non-weight knowledge a model carries.
#[derive(Default, Clone)]
pub struct Resources {
    /// Phrase key ([`features::phrase_key`]) → bit set of types (bit `t`),
    /// plus bit 7 for "a prefix of a longer name".
    pub lexicon: IdMap<u8>,
    /// Longest lexicon phrase, in words.
    pub max_phrase: usize,
    /// Normalised word → class id at three granularities (coarse to fine),
    /// from [`classes::build`]; empty for a model trained without classes.
    pub clusters: HashMap<String, [u16; 3]>,
}

const PREFIX_BIT: u8 = 0x80;
const MARKS: [[&str; 4]; 4] = [
    ["PER-U", "PER-B", "PER-I", "PER-L"],
    ["ORG-U", "ORG-B", "ORG-I", "ORG-L"],
    ["LOC-U", "LOC-B", "LOC-I", "LOC-L"],
    ["MISC-U", "MISC-B", "MISC-I", "MISC-L"],
];

impl Resources {
    /// Adds a name of type `t` (words already normalised with [`features::norm`]).
    pub fn add_name(&mut self, words: &[String], t: usize) {
        if words.is_empty() || words.len() > 8 {
            return;
        }
        for k in 1..words.len() {
            *self
                .lexicon
                .entry(features::phrase_key(words[..k].iter().map(String::as_str)))
                .or_default() |= PREFIX_BIT;
        }
        *self
            .lexicon
            .entry(features::phrase_key(words.iter().map(String::as_str)))
            .or_default() |= 1 << t;
        self.max_phrase = self.max_phrase.max(words.len());
    }

    /// For each token, the lexicon matches covering it ("LOC-B", "PER-L",
    /// "ORG-U"…): at each start, the longest match of each type.
    pub fn lexicon_marks(&self, norm: &[&str]) -> Vec<Vec<&'static str>> {
        let mut marks = vec![Vec::new(); norm.len()];
        if self.lexicon.is_empty() {
            return marks;
        }
        for i in 0..norm.len() {
            let mut best = [0usize; 4];
            let mut key_words = Vec::with_capacity(self.max_phrase);
            for (len, w) in norm[i..].iter().take(self.max_phrase).enumerate() {
                key_words.push(*w);
                let Some(&bits) = self
                    .lexicon
                    .get(&features::phrase_key(key_words.iter().copied()))
                else {
                    break;
                };
                for (t, b) in best.iter_mut().enumerate() {
                    if bits & (1 << t) != 0 {
                        *b = len + 1;
                    }
                }
                if bits & PREFIX_BIT == 0 {
                    break;
                }
            }
            for (t, &len) in best.iter().enumerate() {
                if len == 1 {
                    marks[i].push(MARKS[t][0]);
                } else if len > 1 {
                    marks[i].push(MARKS[t][1]);
                    for m in &mut marks[i + 1..i + len - 1] {
                        m.push(MARKS[t][2]);
                    }
                    marks[i + len - 1].push(MARKS[t][3]);
                }
            }
        }
        marks
    }
}

/// What a model file holds (postcard-encoded).
#[derive(Serialize, Deserialize)]
struct ModelFile {
    format: String,
    about: String,
    keys: Vec<u64>,
    /// `NL` quantised weights per key.
    weights: Vec<i16>,
    scale: f32,
    /// `(NL + 1) × NL` transition weights; row 0 is the sentence start.
    trans: Vec<f32>,
    lexicon: Vec<(u64, u8)>,
    max_phrase: usize,
    clusters: Vec<(String, [u16; 3])>,
}

const FORMAT: &str = "sitrep-ner/1";

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a sitrep NER model: {0}")]
    Decode(String),
    #[error("model format {found:?}, this build reads {FORMAT:?}")]
    Version { found: String },
    #[error("model is inconsistent: {0}")]
    Shape(String),
}

/// A trained tagger.
pub struct Model {
    index: IdMap<u32>,
    weights: Vec<f32>,
    trans: Vec<f32>,
    pub res: Resources,
    pub about: String,
}

static EMBEDDED: &[u8] = include_bytes!("../data/ner.model");

impl Model {
    /// The model committed with this crate (see `data/README.md`), loaded once.
    pub fn embedded() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::from_bytes(EMBEDDED).expect("the embedded NER model is valid"))
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let f: ModelFile =
            postcard::from_bytes(b).map_err(|e| ModelError::Decode(e.to_string()))?;
        if f.format != FORMAT {
            return Err(ModelError::Version { found: f.format });
        }
        if f.weights.len() != f.keys.len() * NL || f.trans.len() != (NL + 1) * NL {
            return Err(ModelError::Shape(format!(
                "{} keys, {} weights, {} transitions",
                f.keys.len(),
                f.weights.len(),
                f.trans.len()
            )));
        }
        let index = key_index(&f.keys);
        let mut lexicon = IdMap::default();
        lexicon.extend(f.lexicon);
        Ok(Model {
            index,
            weights: f.weights.iter().map(|&q| q as f32 * f.scale).collect(),
            trans: f.trans,
            res: Resources {
                lexicon,
                max_phrase: f.max_phrase,
                clusters: f.clusters.into_iter().collect(),
            },
            about: f.about,
        })
    }

    /// Encodes a model from trained (already averaged) weights.
    pub(crate) fn encode(
        about: &str,
        rows: Vec<(u64, [f32; NL])>,
        trans: &[f32],
        res: &Resources,
    ) -> Vec<u8> {
        let scale = quant_scale(rows.iter().flat_map(|(_, w)| w.iter()));
        let mut rows = rows;
        rows.sort_by_key(|r| r.0);
        let mut lexicon: Vec<(u64, u8)> = res.lexicon.iter().map(|(k, v)| (*k, *v)).collect();
        lexicon.sort_unstable();
        let mut clusters: Vec<(String, [u16; 3])> =
            res.clusters.iter().map(|(k, v)| (k.clone(), *v)).collect();
        clusters.sort();
        let f = ModelFile {
            format: FORMAT.into(),
            about: about.into(),
            keys: rows.iter().map(|r| r.0).collect(),
            weights: rows
                .iter()
                .flat_map(|r| r.1.iter().map(|&w| quantise(w, scale)))
                .collect(),
            scale,
            trans: trans.to_vec(),
            lexicon,
            max_phrase: res.max_phrase,
            clusters,
        };
        postcard::to_allocvec(&f).expect("a model encodes")
    }

    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// Tags one document (a list of tokenised sentences).
    pub fn tag_doc<S: AsRef<str>>(&self, doc: &[&[S]]) -> Vec<Vec<Label>> {
        let ctx = features::DocCtx::new(doc);
        let mut feats = Vec::new();
        let mut offs = Vec::new();
        let mut em = Vec::new();
        doc.iter()
            .map(|s| {
                feats.clear();
                offs.clear();
                features::sentence(&self.res, &ctx, s, &mut feats, &mut offs);
                self.emissions(&feats, &offs, &mut em);
                viterbi(&em, &self.trans, None)
            })
            .collect()
    }

    fn emissions(&self, feats: &[u64], offs: &[usize], em: &mut Vec<f32>) {
        let n = offs.len().saturating_sub(1);
        em.clear();
        em.resize(n * NL, 0.0);
        for i in 0..n {
            let e = &mut em[i * NL..(i + 1) * NL];
            for f in &feats[offs[i]..offs[i + 1]] {
                if let Some(&r) = self.index.get(f) {
                    let w = &self.weights[r as usize * NL..(r as usize + 1) * NL];
                    for l in 0..NL {
                        e[l] += w[l];
                    }
                }
            }
        }
    }
}

/// Best label sequence under emissions `em` (`n × NL`), transitions `trans`
/// (`(NL + 1) × NL`, row 0 = start) and BIO constraints; `mask[i]` (bit per
/// label) restricts token `i`'s labels when given.
pub fn viterbi(em: &[f32], trans: &[f32], mask: Option<&[u16]>) -> Vec<Label> {
    let n = em.len() / NL;
    if n == 0 {
        return Vec::new();
    }
    let ok = |i: usize, l: usize| mask.is_none_or(|m| m[i] & (1 << l) != 0);
    let mut score = vec![f32::NEG_INFINITY; n * NL];
    let mut back = vec![0u8; n * NL];
    for l in 0..NL {
        if ok(0, l) && allowed(None, Label(l as u8)) {
            score[l] = trans[l] + em[l];
        }
    }
    for i in 1..n {
        for l in 0..NL {
            if !ok(i, l) {
                continue;
            }
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..NL {
                let s = score[(i - 1) * NL + p];
                if s == f32::NEG_INFINITY || !allowed(Some(Label(p as u8)), Label(l as u8)) {
                    continue;
                }
                let s = s + trans[(p + 1) * NL + l];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            score[i * NL + l] = best + em[i * NL + l];
            back[i * NL + l] = arg;
        }
    }
    let last = &score[(n - 1) * NL..];
    let mut l = (0..NL)
        .max_by(|&a, &b| last[a].total_cmp(&last[b]).then(b.cmp(&a)))
        .unwrap_or(0) as u8;
    let mut out = vec![Label::O; n];
    for i in (0..n).rev() {
        out[i] = Label(l);
        l = back[i * NL + l as usize];
    }
    out
}

#[cfg(test)]
mod tests;
