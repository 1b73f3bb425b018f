//! Token features. Each feature is a template id and one or two strings,
//! hashed to 64 bits (no strings are kept in the model). The same function
//! serves training and tagging, so the two can never drift apart.

use crate::Resources;
use std::collections::HashSet;

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn mix(mut x: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        x ^= b as u64;
        x = x.wrapping_mul(PRIME);
    }
    x
}

#[inline]
fn finish(mut x: u64) -> u64 {
    // splitmix64 finaliser: spreads FNV's low-entropy high bits.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of a template and one value.
#[inline]
pub fn f1(tpl: u8, a: &str) -> u64 {
    finish(mix(SEED ^ ((tpl as u64) << 56), a.as_bytes()))
}

/// Hash of a template and two values.
#[inline]
pub fn f2(tpl: u8, a: &str, b: &str) -> u64 {
    let x = mix(SEED ^ ((tpl as u64) << 56), a.as_bytes());
    finish(mix(x ^ 0x1f, b.as_bytes()))
}

/// Hash of a template and a number (no string formatting on the hot path).
#[inline]
pub fn fnum(tpl: u8, a: u64) -> u64 {
    finish(mix(SEED ^ ((tpl as u64) << 56), &a.to_le_bytes()))
}

/// Hash of a phrase of lowercased words (the lexicon key).
pub fn phrase_key<'a>(words: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut x = SEED;
    for w in words {
        x = mix(x, w.as_bytes());
        x ^= 0x20;
        x = x.wrapping_mul(PRIME);
    }
    finish(x)
}

/// Lowercase with digits folded to `0` ("1996-08-22" → "0000-00-00").
pub fn norm(w: &str) -> String {
    w.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Short word shape: runs of upper, lower, digit collapsed ("McDonald's" → "XxXx'x").
pub fn shape(w: &str) -> String {
    let mut s = String::new();
    let mut last = '\0';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() || c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
        }
    }
    s
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Document-level evidence shared by all sentences of a document.
#[derive(Default)]
pub struct DocCtx {
    /// Words seen starting lowercase (not sentence-initial), normalised.
    lower: HashSet<String>,
    /// Words seen capitalised in a non-initial position, normalised.
    cap: HashSet<String>,
}

impl DocCtx {
    pub fn new<S: AsRef<str>>(sentences: &[&[S]]) -> Self {
        let mut d = DocCtx::default();
        for s in sentences {
            for w in s.iter().skip(1) {
                let w = w.as_ref();
                let Some(c) = w.chars().next() else { continue };
                if c.is_lowercase() {
                    d.lower.insert(norm(w));
                } else if c.is_uppercase() && !is_upper_word(w) {
                    d.cap.insert(norm(w));
                }
            }
        }
        d
    }
}

fn is_upper_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Per-token precomputed strings of a sentence.
struct Tok {
    norm: String,
    shape: String,
    /// Word classes, when the word has them.
    class: Option<[u16; 3]>,
}

/// Features of every token of a sentence, appended to `out`; `offsets[i]..
/// offsets[i+1]` are token `i`'s (so `offsets` gets `words.len() + 1` entries).
pub fn sentence<S: AsRef<str>>(
    res: &Resources,
    doc: &DocCtx,
    words: &[S],
    out: &mut Vec<u64>,
    offsets: &mut Vec<usize>,
) {
    let toks: Vec<Tok> = words
        .iter()
        .map(|w| {
            let norm = norm(w.as_ref());
            Tok {
                class: res.clusters.get(&norm).copied(),
                shape: shape(w.as_ref()),
                norm,
            }
        })
        .collect();
    let n = words.len();
    let letters = words
        .iter()
        .flat_map(|w| w.as_ref().chars())
        .filter(|c| c.is_alphabetic());
    let (mut up, mut all) = (0usize, 0usize);
    for c in letters {
        all += 1;
        up += c.is_uppercase() as usize;
    }
    let headline = all >= 6 && up * 10 >= all * 8;
    let gaz = res.lexicon_marks(&toks.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>());
    // Token `k`'s field, with sentence-boundary padding outside the sentence.
    let at = |k: isize, field: fn(&Tok) -> &str| -> &str {
        match usize::try_from(k) {
            Err(_) => "<s>",
            Ok(k) if k >= n => "</s>",
            Ok(k) => field(&toks[k]),
        }
    };
    let nw = |k: isize| at(k, |t| &t.norm);
    let sh = |k: isize| at(k, |t| &t.shape);
    offsets.push(out.len());
    for i in 0..n {
        let w = words[i].as_ref();
        let t = &toks[i];
        let k = i as isize;
        out.push(f1(0, ""));
        out.push(f1(1, w));
        out.push(f1(2, &t.norm));
        out.push(f1(3, nw(k - 1)));
        out.push(f1(4, nw(k + 1)));
        out.push(f1(5, nw(k - 2)));
        out.push(f1(6, nw(k + 2)));
        out.push(f1(7, &t.shape));
        out.push(f1(8, sh(k - 1)));
        out.push(f1(9, sh(k + 1)));
        out.push(f2(10, sh(k - 1), &format!("{}|{}", t.shape, sh(k + 1))));
        let chars: Vec<(usize, char)> = t.norm.char_indices().collect();
        let nc = chars.len();
        for l in 1..=4.min(nc) {
            let cut = chars.get(l).map_or(t.norm.len(), |c| c.0);
            out.push(f1(10 + l as u8, &t.norm[..cut]));
            out.push(f1(14 + l as u8, &t.norm[chars[nc - l].0..]));
        }
        out.push(f2(19, nw(k - 1), &t.norm));
        out.push(f2(20, &t.norm, nw(k + 1)));
        out.push(f2(21, nw(k - 1), &t.shape));
        out.push(f2(22, &t.shape, nw(k + 1)));
        if i == 0 {
            out.push(f1(23, &t.shape));
        }
        if headline {
            out.push(f1(24, &t.shape));
            out.push(f1(25, &t.norm));
        }
        if is_cap(w) {
            if doc.lower.contains(&t.norm) {
                out.push(f1(26, if i == 0 { "init" } else { "mid" }));
            }
            if i == 0 && doc.cap.contains(&t.norm) {
                out.push(f1(27, ""));
            }
        }
        for m in &gaz[i] {
            out.push(f1(28, m));
        }
        // Word classes, each with whether its word is capitalised: a
        // capitalised word of the class of "hamas" and "pakistan-based" is a
        // name, a lowercase one an adjective.
        if let Some(c) = t.class {
            let cap = (is_cap(w) as u64) << 32;
            for (g, &id) in c.iter().enumerate() {
                out.push(fnum(29, cap | ((g as u64) << 16) | id as u64));
            }
        }
        for (tpl, j) in [(30u8, k - 1), (31, k + 1)] {
            if let Some(j) = usize::try_from(j).ok().filter(|&j| j < n) {
                if let Some(c) = toks[j].class {
                    let cap = (is_cap(words[j].as_ref()) as u64) << 32;
                    out.push(fnum(tpl, cap | (1 << 16) | c[1] as u64));
                }
            }
        }
        offsets.push(out.len());
    }
}
