//! Training: a structured averaged perceptron with partial labels.
//!
//! Each epoch visits the training sentences in a seeded shuffled order,
//! decodes with the current weights, and where the prediction breaks what the
//! corpus says, moves the weights towards the best path that agrees with it.
//! Weights are integer counts (exact and deterministic); the model keeps
//! their average over all steps.

use crate::corpus::{Corpus, Sentence};
use crate::features::{self, DocCtx};
use crate::{viterbi, Label, Model, Resources, Rng, NL};

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this in the training text are ignored.
    pub min_count: u32,
    /// Averaged weights below this (absolute, whole row) are dropped from the file.
    pub prune: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 8,
            seed: 7,
            min_count: 1,
            prune: 0.0,
        }
    }
}

/// The per-token bit set of labels a corpus allows: the gold label, and where
/// the corpus leaves a type unannotated, an `O` may also be that type.
fn masks(s: &Sentence, types: &[bool; 4]) -> Vec<u16> {
    s.tags
        .iter()
        .map(|&g| {
            let mut m = 1u16 << g.0;
            if g == Label::O {
                for (t, &annotated) in types.iter().enumerate() {
                    if !annotated {
                        m |= (1 << (1 + 2 * t)) | (1 << (2 + 2 * t));
                    }
                }
            }
            m
        })
        .collect()
}

struct Prepared {
    feats: Vec<u32>,
    /// Per sentence: its first token (index into `tok_offs` and `masks`), token count.
    sents: Vec<(usize, usize)>,
    tok_offs: Vec<usize>,
    masks: Vec<u16>,
}

/// Progress after an epoch: the epoch (1-based), sentences with a mistake,
/// and a model with the weights averaged so far.
pub struct Epoch<'a> {
    pub epoch: usize,
    pub mistakes: usize,
    pub sentences: usize,
    pub model: &'a Model,
}

/// Trains on `corpora` and returns the encoded model file. `on_epoch` sees
/// each epoch's averaged model (for dev scores and progress).
pub fn train(
    corpora: &[Corpus],
    res: Resources,
    opts: &Options,
    about: &str,
    mut on_epoch: impl FnMut(Epoch<'_>),
) -> Vec<u8> {
    // Feature extraction once, with counts.
    let mut counts: crate::IdMap<u32> = crate::IdMap::default();
    let mut raw: Vec<u64> = Vec::new();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut p = Prepared {
        feats: Vec::new(),
        sents: Vec::new(),
        tok_offs: Vec::new(),
        masks: Vec::new(),
    };
    let mut offs = Vec::new();
    for c in corpora {
        for d in &c.docs {
            let words: Vec<&[String]> = d.sentences.iter().map(|s| s.words.as_slice()).collect();
            let ctx = DocCtx::new(&words);
            for s in &d.sentences {
                offs.clear();
                features::sentence(&res, &ctx, &s.words, &mut raw, &mut offs);
                p.sents.push((ranges.len(), s.words.len()));
                ranges.extend(offs.windows(2).map(|w| (w[0], w[1])));
                p.masks.extend(masks(s, &c.types));
            }
        }
    }
    for f in &raw {
        *counts.entry(*f).or_default() += 1;
    }
    let mut index: crate::IdMap<u32> = crate::IdMap::default();
    let mut keys: Vec<u64> = Vec::new();
    p.tok_offs.reserve(ranges.len() + 1);
    for &(a, b) in &ranges {
        p.tok_offs.push(p.feats.len());
        for f in &raw[a..b] {
            if counts[f] < opts.min_count {
                continue;
            }
            let id = *index.entry(*f).or_insert_with(|| {
                keys.push(*f);
                (keys.len() - 1) as u32
            });
            p.feats.push(id);
        }
    }
    p.tok_offs.push(p.feats.len());
    drop((raw, counts, index, ranges));

    let nf = keys.len();
    let mut w = vec![0i32; nf * NL];
    let mut u = vec![0i64; nf * NL];
    let nt = (NL + 1) * NL;
    let mut tw = vec![0i32; nt];
    let mut tu = vec![0i64; nt];
    let mut c: i64 = 1;
    let mut order: Vec<usize> = (0..p.sents.len()).collect();
    let mut rng = Rng(opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut em = Vec::new();
    let mut trans = vec![0f32; nt];
    let mut model_bytes = Vec::new();
    for epoch in 1..=opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut mistakes = 0;
        for &si in &order {
            let (t0, n) = p.sents[si];
            em.clear();
            em.resize(n * NL, 0f32);
            for i in 0..n {
                let e = &mut em[i * NL..(i + 1) * NL];
                for &f in &p.feats[p.tok_offs[t0 + i]..p.tok_offs[t0 + i + 1]] {
                    let row = &w[f as usize * NL..(f as usize + 1) * NL];
                    for l in 0..NL {
                        e[l] += row[l] as f32;
                    }
                }
            }
            for (t, x) in trans.iter_mut().zip(&tw) {
                *t = *x as f32;
            }
            let mask = &p.masks[t0..t0 + n];
            let pred = viterbi(&em, &trans, None);
            let consistent = pred.iter().zip(mask).all(|(l, m)| m & (1 << l.0) != 0);
            if !consistent {
                mistakes += 1;
                let gold = viterbi(&em, &trans, Some(mask));
                for i in 0..n {
                    let (g, q) = (gold[i].0 as usize, pred[i].0 as usize);
                    if g != q {
                        for &f in &p.feats[p.tok_offs[t0 + i]..p.tok_offs[t0 + i + 1]] {
                            let b = f as usize * NL;
                            w[b + g] += 1;
                            u[b + g] += c;
                            w[b + q] -= 1;
                            u[b + q] -= c;
                        }
                    }
                    let gp = if i == 0 {
                        0
                    } else {
                        gold[i - 1].0 as usize + 1
                    };
                    let qp = if i == 0 {
                        0
                    } else {
                        pred[i - 1].0 as usize + 1
                    };
                    if (gp, g) != (qp, q) {
                        tw[gp * NL + g] += 1;
                        tu[gp * NL + g] += c;
                        tw[qp * NL + q] -= 1;
                        tu[qp * NL + q] -= c;
                    }
                }
            }
            c += 1;
        }
        let avg = |w: i32, u: i64| (w as f64 - u as f64 / c as f64) as f32;
        let rows: Vec<(u64, [f32; NL])> = keys
            .iter()
            .enumerate()
            .filter_map(|(k, &key)| {
                let mut row = [0f32; NL];
                for l in 0..NL {
                    row[l] = avg(w[k * NL + l], u[k * NL + l]);
                }
                let keep = row.iter().any(|x| x.abs() > opts.prune);
                keep.then_some((key, row))
            })
            .collect();
        let at: Vec<f32> = tw.iter().zip(&tu).map(|(&w, &u)| avg(w, u)).collect();
        model_bytes = Model::encode(about, rows, &at, &res);
        let model = Model::from_bytes(&model_bytes).expect("a fresh model decodes");
        on_epoch(Epoch {
            epoch,
            mistakes,
            sentences: order.len(),
            model: &model,
        });
    }
    model_bytes
}
