//! Geoparsing scorer on LGL and GeoWebNews (the XML of Gritta et al.'s
//! "A Pragmatic Guide to Geoparsing Evaluation").
//!
//! Resolution is scored on gold toponym spans, as Mordecai3 reports it: each
//! gold toponym with coordinates is resolved in its document's context and
//! its error is the great-circle distance to the gold point; an unresolved
//! toponym counts the maximum error (20,039 km, half the equator). Metrics:
//! accuracy@161 km, mean and median error, AUC of the sorted log-error curve
//! (Gritta et al. 2018; lower is better) and, where gold has GeoNames ids,
//! the exact-id rate. `--end-to-end` instead runs sitrep's own toponym
//! recognition and reports its precision/recall against the gold spans plus
//! the same resolution metrics over the toponyms it found.

use anyhow::{anyhow, bail, Context, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{json, Value};
use sitrep_core::Span;
use sitrep_geo::{haversine_km, Gazetteer};
use std::path::Path;
use std::time::Instant;

/// Half the equator: the error charged for an unresolved toponym.
pub const MAX_KM: f64 = 20_039.0;

/// Gold file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoFormat {
    Lgl,
    Gwn,
}

/// One gold toponym (byte offsets into the article text).
#[derive(Debug, Clone)]
pub struct GoldToponym {
    pub start: usize,
    pub end: usize,
    pub lat: f64,
    pub lon: f64,
    pub geonames_id: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct GeoArticle {
    pub id: String,
    pub text: String,
    pub toponyms: Vec<GoldToponym>,
}

/// Converts a character offset to a byte offset of `text`.
fn byte_at(text: &str, char_idx: usize) -> Option<usize> {
    if char_idx == text.chars().count() {
        return Some(text.len());
    }
    text.char_indices().nth(char_idx).map(|(b, _)| b)
}

#[derive(Default)]
struct Raw {
    start: Option<usize>,
    end: Option<usize>,
    lat: Option<f64>,
    lon: Option<f64>,
    id: Option<u64>,
}

/// Reads an LGL or GWN file. Offsets in both are character offsets; they
/// are converted to byte offsets. Toponyms without coordinates (GWN's
/// non-literal expressions, LGL's untagged names) are left out. The two
/// formats' element names do not collide (`lat`/`latitude`, `gaztag`/
/// `geonamesID`), so one reader serves both; `_format` names which is meant.
pub fn read(path: &Path, _format: GeoFormat) -> Result<Vec<GeoArticle>> {
    let xml =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut r = Reader::from_str(&xml);
    r.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut art: Option<(String, String, Vec<Raw>)> = None;
    let mut topo: Option<Raw> = None;
    let mut buf = String::new();
    loop {
        let ev = r.read_event().with_context(|| {
            format!(
                "{}: XML error at byte {}",
                path.display(),
                r.buffer_position()
            )
        })?;
        match ev {
            Event::Start(e) => {
                let name = e.name().as_ref().to_vec();
                match name.as_slice() {
                    b"article" => {
                        let id = e
                            .attributes()
                            .flatten()
                            .find(|a| matches!(a.key.as_ref(), b"docid" | b"file"))
                            .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                            .unwrap_or_else(|| out.len().to_string());
                        art = Some((id, String::new(), Vec::new()));
                    }
                    b"toponym" => topo = Some(Raw::default()),
                    b"gaztag" => {
                        if let Some(t) = topo.as_mut() {
                            t.id = e
                                .attributes()
                                .flatten()
                                .find(|a| a.key.as_ref() == b"geonameid")
                                .and_then(|a| a.unescape_value().ok()?.parse().ok());
                        }
                    }
                    _ => {}
                }
                buf.clear();
            }
            Event::Text(t) => buf.push_str(&t.unescape()?),
            Event::CData(t) => buf.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => {
                let name = e.name().as_ref().to_vec();
                let v = buf.trim();
                match (name.as_slice(), topo.as_mut()) {
                    (b"text", None) => {
                        if let Some(a) = art.as_mut() {
                            a.1 = std::mem::take(&mut buf);
                        }
                    }
                    (b"start", Some(t)) => t.start = v.parse().ok(),
                    (b"end", Some(t)) => t.end = v.parse().ok(),
                    (b"lat" | b"latitude", Some(t)) => t.lat = v.parse().ok(),
                    (b"lon" | b"longitude", Some(t)) => t.lon = v.parse().ok(),
                    (b"geonamesID", Some(t)) => t.id = v.parse().ok(),
                    (b"toponym", Some(_)) => {
                        if let (Some(t), Some(a)) = (topo.take(), art.as_mut()) {
                            a.2.push(t);
                        }
                    }
                    (b"article", None) => {
                        if let Some((id, text, raws)) = art.take() {
                            out.push(convert(&id, text, raws)?);
                        }
                    }
                    _ => {}
                }
                buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if out.is_empty() {
        bail!("{}: no <article> elements", path.display());
    }
    Ok(out)
}

fn convert(id: &str, text: String, raws: Vec<Raw>) -> Result<GeoArticle> {
    let mut toponyms = Vec::new();
    for t in raws {
        let (Some(s), Some(e), Some(lat), Some(lon)) = (t.start, t.end, t.lat, t.lon) else {
            continue;
        };
        let (s, e) = (
            byte_at(&text, s).ok_or_else(|| anyhow!("article {id}: offset {s} past the text"))?,
            byte_at(&text, e).ok_or_else(|| anyhow!("article {id}: offset {e} past the text"))?,
        );
        if s >= e {
            continue;
        }
        toponyms.push(GoldToponym {
            start: s,
            end: e,
            lat,
            lon,
            geonames_id: t.id,
        });
    }
    Ok(GeoArticle {
        id: id.to_string(),
        text,
        toponyms,
    })
}

/// Resolution metrics over a list of errors in km.
fn metrics(errors: &mut [f64]) -> Value {
    let n = errors.len();
    if n == 0 {
        return json!({"n": 0});
    }
    errors.sort_by(|a, b| a.total_cmp(b));
    let acc = errors.iter().filter(|e| **e <= 161.0).count() as f64 / n as f64;
    let mean = errors.iter().sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        errors[n / 2]
    } else {
        (errors[n / 2 - 1] + errors[n / 2]) / 2.0
    };
    let k = MAX_KM.ln();
    let scaled: Vec<f64> = errors.iter().map(|e| (e + 1.0).ln() / k).collect();
    let auc = if n > 1 {
        scaled.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum::<f64>() / (n - 1) as f64
    } else {
        scaled[0]
    };
    json!({"n": n, "acc161": acc, "mean_km": mean, "median_km": median, "auc": auc})
}

/// Scores resolution on gold spans (or, with `end_to_end`, recognition and
/// resolution together).
pub fn eval(path: &Path, format: GeoFormat, end_to_end: bool, errors: bool) -> Result<Value> {
    let arts = read(path, format)?;
    let gaz: &Gazetteer = sitrep_geo::default_gazetteer().map_err(|e| anyhow!(e))?;
    let pipeline = if end_to_end {
        Some(sitrep_pipeline::Pipeline::new().map_err(|e| anyhow!(e))?)
    } else {
        None
    };
    let mut errs_km = Vec::new();
    let (mut with_id, mut id_hits) = (0usize, 0usize);
    let (mut sys_n, mut gold_n, mut matched) = (0usize, 0usize, 0usize);
    // Gold toponyms some reading could place within 161 km (gold spans).
    let mut reachable = 0usize;
    let mut misses = Vec::new();
    let mut secs = 0.0;
    for a in &arts {
        gold_n += a.toponyms.len();
        let t0 = Instant::now();
        let places: Vec<Option<sitrep_core::Place>> = match &pipeline {
            None => {
                let an = sitrep_text::segment(&a.text);
                let spans: Vec<Span> = a
                    .toponyms
                    .iter()
                    .map(|t| Span::new(t.start, t.end))
                    .collect();
                sitrep_geo::resolve(gaz, &a.text, &an, &spans)
            }
            Some(p) => {
                let out = p.run(&crate::eval_doc(&a.id, None, &a.text), Vec::new());
                sys_n += out.places.len();
                // Each gold toponym takes the first system place overlapping it.
                let mut used = vec![false; out.places.len()];
                let matched_places =
                    a.toponyms
                        .iter()
                        .map(|g| {
                            let k = out.places.iter().enumerate().position(|(i, p)| {
                                !used[i] && p.start < g.end && g.start < p.end
                            })?;
                            used[k] = true;
                            Some(out.places[k].clone())
                        })
                        .collect::<Vec<_>>();
                if errors {
                    // System places that no gold toponym overlaps.
                    for (p, _) in out.places.iter().zip(&used).filter(|(_, &u)| !u) {
                        misses.push(json!({
                            "article": a.id,
                            "toponym": p.text,
                            "system": {"name": p.name, "lat": p.lat, "lon": p.lon,
                                "feature": p.feature, "country": p.country_code,
                                "precision": p.precision},
                            "spurious": true,
                        }));
                    }
                }
                matched_places
            }
        };
        secs += t0.elapsed().as_secs_f64();
        for (g, p) in a.toponyms.iter().zip(&places) {
            if end_to_end && p.is_none() {
                if errors {
                    misses.push(json!({
                        "article": a.id,
                        "toponym": &a.text[g.start..g.end],
                        "start": g.start,
                        "end": g.end,
                        "gold": [g.lat, g.lon],
                        "gold_geonames_id": g.geonames_id,
                        "recognised": false,
                    }));
                }
                continue;
            }
            matched += 1;
            let km = match p.as_ref().and_then(|p| Some((p.lat?, p.lon?))) {
                Some((lat, lon)) => haversine_km(lat, lon, g.lat, g.lon),
                None => MAX_KM,
            };
            if !end_to_end {
                let near = |lat: f64, lon: f64| haversine_km(lat, lon, g.lat, g.lon) <= 161.0;
                reachable += (km <= 161.0
                    || gaz
                        .lookup(&a.text[g.start..g.end])
                        .iter()
                        .map(|&(id, _)| gaz.entry(id))
                        .any(|e| near(e.lat as f64, e.lon as f64)))
                    as usize;
            }
            errs_km.push(km);
            if let Some(gid) = g.geonames_id {
                with_id += 1;
                id_hits += (p.as_ref().and_then(|p| p.geonames_id) == Some(gid)) as usize;
            }
            if errors && km > 161.0 {
                misses.push(json!({
                    "article": a.id,
                    "toponym": &a.text[g.start..g.end],
                    "gold": [g.lat, g.lon],
                    "gold_geonames_id": g.geonames_id,
                    "system": p.as_ref().map(|p| json!({"name": p.name, "lat": p.lat, "lon": p.lon,
                        "feature": p.feature, "country": p.country_code, "geonames_id": p.geonames_id})),
                    "error_km": km.round(),
                }));
            }
        }
    }
    let mut out = metrics(&mut errs_km);
    out["data"] = json!(path.display().to_string());
    out["articles"] = json!(arts.len());
    out["mode"] = json!(if end_to_end {
        "end_to_end"
    } else {
        "gold_spans"
    });
    if !end_to_end && !errs_km.is_empty() {
        // The most a choice among the gazetteer's readings could reach: the
        // share of gold toponyms that the system's place or some reading of
        // the name puts within 161 km of gold.
        out["reachable161"] = json!(reachable as f64 / errs_km.len() as f64);
    }
    if with_id > 0 {
        out["exact_geonames_id"] = json!(id_hits as f64 / with_id as f64);
        out["with_geonames_id"] = json!(with_id);
    }
    if end_to_end {
        let (p, r, f) = crate::f1(matched, sys_n, gold_n);
        out["recognition"] = json!({"gold": gold_n, "system": sys_n, "matched": matched,
            "precision": p, "recall": r, "f1": f, "note": "system places include toponyms gold leaves unannotated"});
    }
    out["seconds"] = json!(secs);
    out["ms_per_article"] = json!(secs * 1000.0 / arts.len() as f64);
    if errors {
        out["errors"] = Value::Array(misses);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_become_byte_offsets() {
        let t = "Café in Paris";
        let b = byte_at(t, 8).unwrap();
        assert_eq!(&t[b..byte_at(t, 13).unwrap()], "Paris");
    }

    #[test]
    fn metrics_follow_the_definitions() {
        let m = metrics(&mut [0.0, 100.0, 200.0, MAX_KM]);
        assert_eq!(m["acc161"], 0.5);
        assert_eq!(m["median_km"], 150.0);
        let auc = m["auc"].as_f64().unwrap();
        assert!(auc > 0.3 && auc < 0.8, "{auc}");
        assert_eq!(metrics(&mut [0.0, 0.0])["auc"], 0.0);
    }
}
