//! Toponym resolution in document context.

use crate::gazetteer::{normalize, Entry, Gazetteer, Level};
use sitrep_core::{Place, Span};
use sitrep_text::Analysis;
use std::collections::HashMap;

/// Words after a name that make it an administrative area ("Idlib province").
const ADMIN_NOUNS: &[&str] = &[
    "province",
    "governorate",
    "region",
    "state",
    "district",
    "county",
    "oblast",
    "prefecture",
    "department",
    "municipality",
];
/// Words before "of X" that make X an administrative area ("countryside of Deir ez-Zor").
const AREA_OF: &[&str] = &[
    "countryside",
    "province",
    "governorate",
    "region",
    "district",
    "rural",
    "outskirts",
    "suburbs",
];

/// Document-level evidence used to resolve every mention.
#[derive(Debug, Default)]
pub struct Context {
    /// Country code → weight (mentions of the country, its demonyms, its places).
    pub countries: HashMap<String, f64>,
    /// (country, admin1) → weight.
    pub admin1: HashMap<(String, String), f64>,
}

impl Context {
    fn country_share(&self, cc: &str) -> f64 {
        let total: f64 = self.countries.values().sum();
        if total == 0.0 {
            0.0
        } else {
            self.countries.get(cc).copied().unwrap_or(0.0) / total
        }
    }
}

fn lower_words(text: &str, an: &Analysis, from: usize, to: usize) -> Vec<String> {
    an.tokens[from.min(an.tokens.len())..to.min(an.tokens.len())]
        .iter()
        .map(|t| t.text(text).to_lowercase())
        .collect()
}

/// What the words around a mention say about it.
#[derive(Debug, Default, Clone)]
struct Cues {
    /// The mention names an administrative area.
    want_admin: bool,
    /// Name to look up (the mention without "the", "province", …).
    key: String,
}

fn cues(gaz: &Gazetteer, text: &str, an: &Analysis, m: Span) -> Cues {
    let raw = &text[m.start..m.end];
    let mut key = normalize(raw);
    if let Some(k) = key.strip_prefix("the ") {
        key = k.to_string();
    }
    let mut want_admin = false;
    // "Laurel County", "Kent State": a name the gazetteer knows whole, as an
    // area, is kept whole.
    let whole_admin = gaz
        .lookup_key(&key)
        .iter()
        .any(|&(id, _)| matches!(gaz.entry(id).level, Level::Admin1 | Level::Admin2));
    for n in ADMIN_NOUNS.iter().filter(|_| !whole_admin) {
        if let Some(k) = key.strip_suffix(&format!(" {n}")) {
            key = k.to_string();
            want_admin = true;
        }
        if let Some(k) = key.strip_prefix(&format!("{n} of ")) {
            key = k.to_string();
            want_admin = true;
        }
    }
    let ti = an.token_at(m.end);
    if let Some(t) = an.tokens.get(ti) {
        if ADMIN_NOUNS.contains(&t.text(text).to_lowercase().as_str()) {
            want_admin = true;
        }
    }
    let si = an.token_at(m.start);
    let before = lower_words(text, an, si.saturating_sub(2), si);
    if before.len() == 2 && before[1] == "of" && AREA_OF.contains(&before[0].as_str()) {
        want_admin = true;
    }
    Cues { want_admin, key }
}

fn score(
    gaz: &Gazetteer,
    ctx: &Context,
    e: &Entry,
    alt: bool,
    c: &Cues,
    within: Option<&Entry>,
) -> f64 {
    let mut s = ((e.population as f64) + 1.0).ln();
    s += match e.level {
        Level::Country => 14.0,
        Level::Admin1 => {
            if c.want_admin {
                25.0
            } else {
                -1.0
            }
        }
        Level::Admin2 => {
            if c.want_admin {
                18.0
            } else {
                0.0
            }
        }
        Level::Place => match e.feature.as_str() {
            "PPLC" => 5.0,
            "PPLA" => 3.0,
            "PPLA2" => 1.5,
            _ => 0.0,
        },
    };
    if alt {
        s -= 4.0;
    }
    s += 12.0 * ctx.country_share(&e.cc);
    if e.level != Level::Country && ctx.admin1.contains_key(&(e.cc.clone(), e.admin1.clone())) {
        s += 6.0;
    }
    if let Some(w) = within {
        if contains(w, e) {
            s += 40.0;
        }
    }
    let _ = gaz;
    s
}

/// Whether `outer` contains `inner` (same country, and same admin1/admin2 where `outer` has one).
fn contains(outer: &Entry, inner: &Entry) -> bool {
    outer.cc == inner.cc
        && match outer.level {
            Level::Country => inner.level != Level::Country,
            Level::Admin1 => {
                inner.admin1 == outer.admin1 && matches!(inner.level, Level::Admin2 | Level::Place)
            }
            Level::Admin2 => {
                inner.admin1 == outer.admin1
                    && inner.admin2 == outer.admin2
                    && inner.level == Level::Place
            }
            Level::Place => false,
        }
}

fn best(gaz: &Gazetteer, ctx: &Context, c: &Cues, within: Option<&Entry>) -> Option<u32> {
    let cands = gaz.lookup_key(&c.key);
    cands
        .iter()
        .map(|&(id, alt)| (id, score(gaz, ctx, gaz.entry(id), alt, c, within)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|x| x.0)
}

fn to_place(
    gaz: &Gazetteer,
    text: &str,
    m: Span,
    e: &Entry,
    name: Option<&str>,
    precision: u8,
) -> Place {
    Place {
        text: text[m.start..m.end].to_string(),
        start: m.start,
        end: m.end,
        name: name.map(str::to_string).unwrap_or_else(|| e.name.clone()),
        geonames_id: Some(e.geonames_id),
        lat: Some((e.lat as f64 * 1e5).round() / 1e5),
        lon: Some((e.lon as f64 * 1e5).round() / 1e5),
        country_code: (!e.cc.is_empty()).then(|| e.cc.clone()),
        admin1: gaz
            .admin1_name(e)
            .map(str::to_string)
            .or_else(|| (e.level == Level::Admin1).then(|| e.name.clone())),
        admin2: gaz
            .admin2_name(e)
            .map(str::to_string)
            .or_else(|| (e.level == Level::Admin2).then(|| e.name.clone())),
        feature: Some(e.feature.clone()),
        precision,
    }
}

fn precision_of(e: &Entry) -> u8 {
    match e.level {
        Level::Place => 1,
        Level::Admin2 => 2,
        Level::Admin1 | Level::Country => 3,
    }
}

/// Resolves `mentions` (toponym spans in `text`) to places. The result is
/// aligned with `mentions`; `None` where nothing could be said at all, and
/// for a span that is empty, out of range or not on character boundaries.
/// Mentions may come in any order and may overlap.
pub fn resolve(
    gaz: &Gazetteer,
    text: &str,
    an: &Analysis,
    mentions: &[Span],
) -> Vec<Option<Place>> {
    let mut order: Vec<usize> = (0..mentions.len())
        .filter(|&i| {
            let m = mentions[i];
            m.start < m.end && text.get(m.start..m.end).is_some()
        })
        .collect();
    order.sort_by_key(|&i| (mentions[i].start, mentions[i].end));
    let sorted: Vec<Span> = order.iter().map(|&i| mentions[i]).collect();
    let mut out = vec![None; mentions.len()];
    for (k, p) in order
        .into_iter()
        .zip(resolve_sorted(gaz, text, an, &sorted))
    {
        out[k] = p;
    }
    out
}

/// [`resolve`] on valid mentions sorted by position.
fn resolve_sorted(
    gaz: &Gazetteer,
    text: &str,
    an: &Analysis,
    mentions: &[Span],
) -> Vec<Option<Place>> {
    let cues_v: Vec<Cues> = mentions.iter().map(|&m| cues(gaz, text, an, m)).collect();
    // Pass 1: document evidence from unambiguous mentions and demonyms.
    let mut ctx = Context::default();
    for c in &cues_v {
        let cands = gaz.lookup_key(&c.key);
        if let Some(&(id, _)) = cands
            .iter()
            .find(|(id, alt)| !alt && gaz.entry(*id).level == Level::Country)
        {
            // A country name that is also a province elsewhere ("Georgia") counts less.
            let homonym = cands
                .iter()
                .any(|(o, _)| gaz.entry(*o).level == Level::Admin1);
            *ctx.countries.entry(gaz.entry(id).cc.clone()).or_default() +=
                if homonym { 0.3 } else { 1.0 };
        } else if let Some(&(first, _)) = cands.first() {
            let cc = &gaz.entry(first).cc;
            if cands.iter().all(|(o, _)| &gaz.entry(*o).cc == cc) {
                *ctx.countries.entry(cc.clone()).or_default() += 0.5;
            }
        }
    }
    for t in &an.tokens {
        let w = t.text(text);
        if w.chars().next().is_some_and(|c| c.is_uppercase()) {
            let w = w.trim_end_matches("-led");
            if let Some(cc) = gaz.demonym(w) {
                *ctx.countries.entry(cc.to_string()).or_default() += 0.5;
            }
        }
    }
    // Pass 2: resolve each mention with that context; then again, rewarding
    // areas that contain the other mentions' first choices (spatial
    // minimality: "Atlanta … Georgia" is the state).
    let first: Vec<Option<u32>> = cues_v.iter().map(|c| best(gaz, &ctx, c, None)).collect();
    // Provinces and states the document names ("Texas", "Fla.") make their
    // towns likelier: "Gainesville" in a Florida story.
    for id in first.iter().flatten() {
        let e = gaz.entry(*id);
        if matches!(e.level, Level::Admin1 | Level::Admin2) {
            *ctx.admin1
                .entry((e.cc.clone(), e.admin1.clone()))
                .or_default() += 1.0;
        }
    }
    let mut ids: Vec<Option<u32>> = Vec::with_capacity(first.len());
    for (i, c) in cues_v.iter().enumerate() {
        let others: Vec<&Entry> = first
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .filter_map(|(_, id)| id.map(|x| gaz.entry(x)))
            .collect();
        let pick = gaz
            .lookup_key(&c.key)
            .iter()
            .map(|&(id, alt)| {
                let e = gaz.entry(id);
                let inside = others
                    .iter()
                    .any(|o| contains(e, o) && !(o.level == Level::Country));
                (
                    id,
                    score(gaz, &ctx, e, alt, c, None) + if inside { 10.0 } else { 0.0 },
                )
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|x| x.0);
        ids.push(pick);
    }
    for (i, &m) in mentions.iter().enumerate() {
        if let Some(j) = following_container(text, an, mentions, i) {
            if let Some(outer) = ids[j] {
                let outer_e = gaz.entry(outer).clone();
                if let Some(id) = best(gaz, &ctx, &cues_v[i], Some(&outer_e)) {
                    if contains(&outer_e, gaz.entry(id)) {
                        ids[i] = Some(id);
                    }
                }
            }
        }
        let _ = m;
    }
    // Strengthen admin1 evidence from what resolved.
    for id in ids.iter().flatten() {
        let e = gaz.entry(*id);
        if e.level != Level::Country {
            *ctx.admin1
                .entry((e.cc.clone(), e.admin1.clone()))
                .or_default() += 1.0;
        }
    }
    let mut same_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        same_key
            .entry(normalize(&text[m.start..m.end]))
            .or_default()
            .push(i);
    }
    let mut out = Vec::with_capacity(mentions.len());
    for (i, &m) in mentions.iter().enumerate() {
        // A demonym or people's name ("Russian", "Georgians") stands for its
        // country, unless the name is itself a country ("Georgia").
        let raw = &text[m.start..m.end];
        let demonym = gaz
            .demonym(raw)
            .or_else(|| raw.strip_suffix('s').and_then(|r| gaz.demonym(r)))
            .and_then(|cc| gaz.country(cc));
        let is_country = ids[i].is_some_and(|id| gaz.entry(id).level == Level::Country);
        if let (Some(c), false) = (demonym, is_country) {
            ids[i] = Some(c);
        }
        let place = match ids[i] {
            Some(id) => {
                let e = gaz.entry(id);
                Some(to_place(gaz, text, m, e, None, precision_of(e)))
            }
            None => {
                // Unknown to the gazetteer: fall back to what contains it.
                let name = text[m.start..m.end].trim_start_matches("the ").to_string();
                container_for(gaz, text, an, mentions, &ids, &same_key, i).map(|outer| {
                    let e = gaz.entry(outer);
                    let mut p = to_place(gaz, text, m, e, Some(&name), 2);
                    if e.level == Level::Country {
                        p.precision = 3;
                    }
                    p
                })
            }
        };
        out.push(place);
    }
    out
}

/// Index of a mention that directly follows mention `i` as "X, Y" or "X in Y".
fn following_container(text: &str, an: &Analysis, mentions: &[Span], i: usize) -> Option<usize> {
    let m = mentions[i];
    let next = mentions.get(i + 1)?;
    let gap = text.get(m.end..next.start)?;
    let g = gap.trim();
    (g == "," || g == "in" || g == ", in")
        .then_some(i + 1)
        .filter(|_| an.sentence_of(m.start) == an.sentence_of(next.start))
}

/// The most specific resolved area that the text says contains mention `i`:
/// "X, Y", "X in (the …) countryside of Y", "X … in Y province" in the same
/// sentence, or "X is in Y" / "X, in Y" anywhere in the document.
fn container_for(
    gaz: &Gazetteer,
    text: &str,
    an: &Analysis,
    mentions: &[Span],
    ids: &[Option<u32>],
    same_key: &HashMap<String, Vec<usize>>,
    i: usize,
) -> Option<u32> {
    let m = mentions[i];
    let key = normalize(&text[m.start..m.end]);
    let mut found: Vec<u32> = Vec::new();
    let sent = an.sentence_of(m.start);
    // Same sentence: areas mentioned after X, linked by "in" / "," / "of".
    for (j, n) in mentions.iter().enumerate().skip(i + 1).take(8) {
        if an.sentence_of(n.start) != sent {
            break;
        }
        let Some(id) = ids[j] else { continue };
        let gap = text.get(m.end..n.start).unwrap_or("").to_lowercase();
        let linked = gap.trim() == ","
            || gap.contains(" in ")
            || gap.starts_with(" in")
            || gap.contains(" of ");
        if linked && gaz.entry(id).level != Level::Place && gap.len() < 80 {
            found.push(id);
        }
    }
    // Elsewhere: "X is in Y", "X is located in Y", "X, in Y".
    for &j in same_key.get(&key).map(|v| v.as_slice()).unwrap_or(&[]) {
        let n = &mentions[j];
        if j == i {
            continue;
        }
        let Some(next) = mentions.get(j + 1) else {
            continue;
        };
        let Some(id) = ids[j + 1] else { continue };
        let gap = text.get(n.end..next.start).unwrap_or("").to_lowercase();
        let g = gap.trim();
        if matches!(
            g,
            "is in"
                | "is located in"
                | "lies in"
                | ", in"
                | "is a town in"
                | "is a village in"
                | "is a city in"
        ) && gaz.entry(id).level != Level::Place
        {
            found.push(id);
        }
    }
    // Most specific first: admin2 > admin1 > country.
    found
        .into_iter()
        .min_by_key(|&id| match gaz.entry(id).level {
            Level::Admin2 => 0,
            Level::Admin1 => 1,
            Level::Country => 2,
            Level::Place => 3,
        })
}
