//! Word classes learnt from unlabelled text, for the tagger's features.
//!
//! Words that occur in the same contexts ("in ___ province", "___ said on")
//! fall in the same class, so a name seen once in training lends its weights
//! to names it was never trained on. The method is distributional k-means
//! (as in Lin and Wu 2009, "Phrase clustering for discriminative learning"):
//! each frequent word is a sparse vector of positive pointwise mutual
//! information with the frequent words two to the left and two to the right
//! of it (one dimension per position and context word, context counts
//! smoothed with exponent 0.75), scaled to unit length; spherical k-means then
//! groups the vectors at three granularities. Everything is deterministic:
//! vocabulary order is by count then spelling, and k-means++ seeding uses a
//! fixed-seed generator.
//!
//! The classes are stored as a small TSV (`word`, coarse, middle, fine id)
//! and copied into the model file by training.

use crate::Rng;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Clustering settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Words seen fewer times are left without a class.
    pub min_count: u32,
    /// At most this many words get a class (the most frequent).
    pub max_words: usize,
    /// Context vocabulary: this many most frequent words.
    pub contexts: usize,
    /// Class counts, coarse to fine.
    pub k: [usize; 3],
    /// k-means iterations per granularity.
    pub iterations: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_count: 5,
            max_words: 60_000,
            contexts: 5_000,
            k: [32, 256, 1024],
            iterations: 12,
            seed: 7,
        }
    }
}

/// What a clustering run did, for progress lines.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub tokens: usize,
    pub types: usize,
    pub clustered: usize,
    /// Per granularity: mean cosine of a word to its class centre.
    pub cohesion: [f64; 3],
}

/// Sparse unit vector: (dimension, value), sorted by dimension.
type Vector = Vec<(u32, f32)>;

/// Learns classes from sentences of already normalised words
/// ([`crate::features::norm`]).
pub fn build(sentences: &[Vec<String>], opts: &Options) -> (HashMap<String, [u16; 3]>, Report) {
    let mut report = Report::default();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
            report.tokens += 1;
        }
    }
    report.types = counts.len();
    let mut vocab: Vec<(&str, u32)> = counts.into_iter().collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let targets = vocab
        .iter()
        .take(opts.max_words)
        .take_while(|(_, c)| *c >= opts.min_count)
        .count();
    report.clustered = targets;
    if targets == 0 {
        return (HashMap::new(), report);
    }
    // Context ids: 0..contexts are the most frequent words, then the two
    // sentence boundaries.
    let nctx = opts.contexts.min(vocab.len()) as u32 + 2;
    let (bos, eos) = (nctx - 2, nctx - 1);
    let ctx_of = |i: isize, s: &[u32]| -> Option<u32> {
        if i < 0 {
            Some(bos)
        } else if i as usize >= s.len() {
            Some(eos)
        } else {
            let w = s[i as usize];
            (w < nctx - 2).then_some(w)
        }
    };
    const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
    // Co-occurrence pairs (target, dimension) packed in a u64, sorted and counted.
    let mut pairs: Vec<u64> = Vec::new();
    for s in sentences {
        let ids: Vec<u32> = s.iter().map(|w| index[w.as_str()]).collect();
        for (i, &w) in ids.iter().enumerate() {
            if w as usize >= targets {
                continue;
            }
            for (p, off) in OFFSETS.iter().enumerate() {
                if let Some(c) = ctx_of(i as isize + off, &ids) {
                    let dim = p as u32 * nctx + c;
                    pairs.push(((w as u64) << 32) | dim as u64);
                }
            }
        }
    }
    pairs.sort_unstable();
    let dims = OFFSETS.len() * nctx as usize;
    let mut cooc: Vec<Vec<(u32, u32)>> = vec![Vec::new(); targets];
    let mut dim_total = vec![0f64; dims];
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let (w, d) = ((pairs[i] >> 32) as usize, pairs[i] as u32);
        cooc[w].push((d, (j - i) as u32));
        i = j;
    }
    drop(pairs);
    // Smoothed context distribution per position (Levy, Goldberg and Dagan 2015).
    for row in &cooc {
        for &(d, c) in row {
            dim_total[d as usize] += (c as f64).powf(0.75);
        }
    }
    let per_pos_total: Vec<f64> = (0..OFFSETS.len())
        .map(|p| {
            dim_total[p * nctx as usize..(p + 1) * nctx as usize]
                .iter()
                .sum()
        })
        .collect();
    let vectors: Vec<Vector> = cooc
        .iter()
        .map(|row| {
            let mut row_total = [0f64; 4];
            for &(d, c) in row {
                row_total[d as usize / nctx as usize] += c as f64;
            }
            let mut v: Vector = row
                .iter()
                .filter_map(|&(d, c)| {
                    let p = d as usize / nctx as usize;
                    let pc = dim_total[d as usize] / per_pos_total[p];
                    let pmi = (c as f64 / row_total[p] / pc).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            let norm = v.iter().map(|x| (x.1 as f64).powi(2)).sum::<f64>().sqrt();
            if norm > 0.0 {
                for x in &mut v {
                    x.1 /= norm as f32;
                }
            }
            v
        })
        .collect();
    let mut out: HashMap<String, [u16; 3]> = HashMap::new();
    let mut assign = vec![[0u16; 3]; targets];
    for (g, &k) in opts.k.iter().enumerate() {
        let k = k.clamp(1, targets).min(u16::MAX as usize);
        let (a, cohesion) = kmeans(&vectors, dims, k, opts.iterations, opts.seed ^ g as u64);
        report.cohesion[g] = cohesion;
        for (w, c) in a.into_iter().enumerate() {
            assign[w][g] = c as u16;
        }
    }
    for (w, a) in assign.into_iter().enumerate() {
        out.insert(vocab[w].0.to_string(), a);
    }
    (out, report)
}

/// Dot product of a sparse vector with centre `c` of a dimension-major table.
fn scores(v: &Vector, centres: &[f32], k: usize, out: &mut [f32]) {
    out.iter_mut().for_each(|x| *x = 0.0);
    for &(d, x) in v {
        let row = &centres[d as usize * k..(d as usize + 1) * k];
        for (o, c) in out.iter_mut().zip(row) {
            *o += x * c;
        }
    }
}

/// Spherical k-means; returns each vector's class and the mean cosine to its centre.
fn kmeans(
    vectors: &[Vector],
    dims: usize,
    k: usize,
    iterations: usize,
    seed: u64,
) -> (Vec<usize>, f64) {
    let n = vectors.len();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    // k-means++ seeding over cosine distance, on a deterministic sample.
    let mut centres = vec![0f32; dims * k];
    let mut best = vec![f32::NEG_INFINITY; n];
    let mut chosen = 0usize; // first seed: the most frequent word
    for c in 0..k {
        for &(d, x) in &vectors[chosen] {
            centres[d as usize * k + c] = x;
        }
        // Update each vector's best similarity to the seeds so far.
        let mut total = 0f64;
        for (i, v) in vectors.iter().enumerate() {
            let sim: f32 = v
                .iter()
                .map(|&(d, x)| x * centres[d as usize * k + c])
                .sum();
            best[i] = best[i].max(sim);
            total += (1.0 - best[i] as f64).max(0.0);
        }
        if total <= 0.0 {
            break;
        }
        let mut r = rng.unit() * total;
        chosen = n - 1;
        for (i, b) in best.iter().enumerate() {
            r -= (1.0 - *b as f64).max(0.0);
            if r <= 0.0 {
                chosen = i;
                break;
            }
        }
    }
    let mut assign = vec![0usize; n];
    let mut cohesion = 0.0;
    let mut sc = vec![0f32; k];
    for _ in 0..iterations.max(1) {
        let mut changed = 0usize;
        cohesion = 0.0;
        for (i, v) in vectors.iter().enumerate() {
            scores(v, &centres, k, &mut sc);
            let (c, s) = sc
                .iter()
                .enumerate()
                .fold(
                    (0, f32::NEG_INFINITY),
                    |b, (c, &s)| if s > b.1 { (c, s) } else { b },
                );
            if c != assign[i] {
                changed += 1;
            }
            assign[i] = c;
            cohesion += s as f64;
        }
        cohesion /= n as f64;
        // New centres: the normalised sum of their members.
        centres.iter_mut().for_each(|x| *x = 0.0);
        for (v, &c) in vectors.iter().zip(&assign) {
            for &(d, x) in v {
                centres[d as usize * k + c] += x;
            }
        }
        let mut norms = vec![0f64; k];
        for d in 0..dims {
            for (c, nm) in norms.iter_mut().enumerate() {
                *nm += (centres[d * k + c] as f64).powi(2);
            }
        }
        for d in 0..dims {
            for (c, nm) in norms.iter().enumerate() {
                if *nm > 0.0 {
                    centres[d * k + c] /= nm.sqrt() as f32;
                }
            }
        }
        if changed == 0 {
            break;
        }
    }
    (assign, cohesion)
}

/// The TSV form: one `word<TAB>coarse<TAB>middle<TAB>fine` line per word,
/// sorted by word.
pub fn to_tsv(classes: &HashMap<String, [u16; 3]>) -> String {
    let mut rows: Vec<_> = classes.iter().collect();
    rows.sort();
    let mut s = String::new();
    for (w, c) in rows {
        let _ = writeln!(s, "{w}\t{}\t{}\t{}", c[0], c[1], c[2]);
    }
    s
}

/// Reads [`to_tsv`]'s form; an error names the first bad line.
pub fn from_tsv(text: &str) -> Result<HashMap<String, [u16; 3]>, String> {
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let ids: Option<Vec<u16>> = f
            .get(1..4)
            .map(|x| x.iter().filter_map(|v| v.parse().ok()).collect());
        match (f.len(), ids) {
            (4, Some(ids)) if ids.len() == 3 => {
                out.insert(f[0].to_string(), [ids[0], ids[1], ids[2]]);
            }
            _ => {
                return Err(format!(
                    "line {}: expected word and three class ids: {line:?}",
                    n + 1
                ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<Vec<String>> {
        // Two word families in distinct frames: towns after "in", verbs after "they".
        let towns = ["paris", "london", "cairo", "lima", "oslo", "rome"];
        let verbs = ["ran", "ate", "sang", "slept", "wrote", "swam"];
        let mut s = Vec::new();
        for (i, t) in towns.iter().enumerate() {
            for (j, v) in verbs.iter().enumerate() {
                if (i + j) % 2 == 0 {
                    s.push(format!("they {v} in {t} today"));
                    s.push(format!("we {v} near {t} ."));
                }
            }
        }
        s.iter()
            .map(|l| l.split(' ').map(String::from).collect())
            .collect()
    }

    #[test]
    fn words_in_the_same_frames_share_a_class() {
        let opts = Options {
            min_count: 2,
            contexts: 20,
            k: [2, 2, 4],
            ..Options::default()
        };
        let (c, r) = build(&corpus(), &opts);
        assert!(r.clustered >= 12);
        assert_eq!(c["paris"][0], c["oslo"][0]);
        assert_eq!(c["ran"][0], c["swam"][0]);
        assert_ne!(c["paris"][0], c["ran"][0]);
        // Deterministic.
        assert_eq!(build(&corpus(), &opts).0, c);
    }

    #[test]
    fn tsv_round_trips_and_rejects_bad_lines() {
        let (c, _) = build(
            &corpus(),
            &Options {
                min_count: 2,
                k: [2, 3, 4],
                ..Options::default()
            },
        );
        assert_eq!(from_tsv(&to_tsv(&c)).unwrap(), c);
        assert!(from_tsv("word\t1\t2\n").unwrap_err().contains("line 1"));
        assert!(from_tsv("word\t1\tx\t3\n").is_err());
        assert!(build(&[], &Options::default()).0.is_empty());
    }
}
