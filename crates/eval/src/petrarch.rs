//! The PETRARCH validation suite (`PETR.UnitTest.records.xml`): each
//! `<Sentence>` has a date, a `<Text>` and the `<EventCoding>`s PETRARCH
//! must produce (source, target, CAMEO code), or `noevents`, or an expected
//! error. sitrep codes the text with [`sitrep_events::tabari`] and the
//! suite's own dictionaries (named in its `<Environment>`, read from the
//! same folder), ignoring the `<Parse>` trees, and counts how many expected
//! codings it reproduces.

use crate::timeml::attr;
use anyhow::{bail, Context, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{json, Value};
use sitrep_events::tabari::{Coding, Dictionaries};
use std::path::Path;

/// One validation record.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub id: String,
    pub category: String,
    pub date: u32,
    pub text: String,
    pub expected: Vec<Coding>,
    /// The record expects no event (or an error, which codes none).
    pub expects_none: bool,
}

/// The dictionary files named in the suite's `<Environment>`.
#[derive(Debug, Default)]
pub struct Environment {
    pub verbs: Option<String>,
    pub actors: Vec<String>,
    pub agents: Option<String>,
    pub discards: Option<String>,
}

/// Parses the suite.
pub fn parse(xml: &str, name: &str) -> Result<(Environment, Vec<Record>)> {
    let mut r = Reader::from_str(xml);
    r.config_mut().trim_text(false);
    let mut env = Environment::default();
    let mut recs = Vec::new();
    let mut cur: Option<Record> = None;
    let mut field: Option<Vec<u8>> = None;
    let mut buf = String::new();
    loop {
        let ev = r
            .read_event()
            .with_context(|| format!("{name}: XML error at byte {}", r.buffer_position()))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let tag = e.name().as_ref().to_vec();
                match tag.as_slice() {
                    b"Sentence" => {
                        cur = Some(Record {
                            id: attr(&e, b"id").unwrap_or_default(),
                            category: attr(&e, b"category").unwrap_or_default(),
                            date: attr(&e, b"date")
                                .and_then(|d| d.trim().parse().ok())
                                .unwrap_or(0),
                            ..Record::default()
                        })
                    }
                    b"EventCoding" => {
                        if let Some(c) = cur.as_mut() {
                            let s = attr(&e, b"sourcecode");
                            let t = attr(&e, b"targetcode");
                            let v = attr(&e, b"eventcode");
                            match (s, t, v) {
                                (Some(s), Some(t), Some(v)) => c.expected.push(Coding {
                                    source: s.trim_matches('"').to_string(),
                                    target: t.trim_matches('"').to_string(),
                                    code: v,
                                }),
                                _ => c.expects_none = true,
                            }
                        }
                    }
                    b"Text" | b"Verbfile" | b"Actorfile" | b"Agentfile" | b"Discardfile" => {
                        field = Some(tag);
                        buf.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if field.is_some() => buf.push_str(
                &t.unescape()
                    .with_context(|| format!("{name}: bad entity"))?,
            ),
            Event::End(e) => {
                let tag = e.name().as_ref().to_vec();
                if field.as_deref() == Some(tag.as_slice()) {
                    let v = buf.trim().to_string();
                    match tag.as_slice() {
                        b"Text" => {
                            if let Some(c) = cur.as_mut() {
                                c.text = v.split_whitespace().collect::<Vec<_>>().join(" ");
                            }
                        }
                        b"Verbfile" => env.verbs = Some(v),
                        b"Actorfile" => env.actors.push(v),
                        b"Agentfile" => env.agents = Some(v),
                        b"Discardfile" => env.discards = Some(v),
                        _ => {}
                    }
                    field = None;
                }
                if tag.as_slice() == b"Sentence" {
                    if let Some(c) = cur.take() {
                        recs.push(c);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((env, recs))
}

/// Loads the suite's dictionaries from `dir`.
pub fn dictionaries(env: &Environment, dir: &Path) -> Result<Dictionaries> {
    let read = |f: &str| {
        let p = dir.join(f);
        std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))
    };
    let mut d = Dictionaries::default();
    let Some(verbs) = &env.verbs else {
        bail!("the suite's <Environment> names no <Verbfile>");
    };
    d.add_verbs(&read(verbs)?);
    for a in &env.actors {
        d.add_actors(&read(a)?);
    }
    if let Some(a) = &env.agents {
        d.add_agents(&read(a)?);
    }
    if let Some(a) = &env.discards {
        d.add_discards(&read(a)?);
    }
    Ok(d)
}

fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// `sitrep eval events --format petrarch`.
pub fn eval(path: &Path, errors: bool) -> Result<Value> {
    let xml =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (env, recs) = parse(&xml, &path.display().to_string())?;
    if recs.is_empty() {
        bail!("{}: no <Sentence> records", path.display());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let d = dictionaries(&env, dir)?;
    let (mut expected, mut hit, mut system, mut none_ok, mut none_n) = (0, 0, 0, 0, 0);
    let mut errs = Vec::new();
    for rec in &recs {
        let got = d.code(&rec.text, rec.date);
        system += got.len();
        if rec.expected.is_empty() {
            if rec.expects_none {
                none_n += 1;
                if got.is_empty() {
                    none_ok += 1;
                }
            }
            if errors && !got.is_empty() && rec.expects_none {
                errs.push(
                    json!({"id": rec.id, "text": rec.text, "expected": [], "system": fmt(&got)}),
                );
            }
            continue;
        }
        expected += rec.expected.len();
        let h = rec.expected.iter().filter(|e| got.contains(e)).count();
        hit += h;
        if errors && (h < rec.expected.len() || got.len() > h) {
            errs.push(json!({
                "id": rec.id,
                "category": rec.category,
                "text": rec.text,
                "expected": fmt(&rec.expected),
                "system": fmt(&got),
            }));
        }
    }
    let mut report = json!({
        "format": "petrarch",
        "records": recs.len(),
        "expected_codings": expected,
        "reproduced": hit,
        "reproduced_rate": r4(hit as f64 / expected.max(1) as f64),
        "system_codings": system,
        "precision": r4(hit as f64 / system.max(1) as f64),
        "no_event_records": none_n,
        "no_event_records_right": none_ok,
    });
    if errors {
        report["errors"] = Value::Array(errs);
    }
    Ok(report)
}

fn fmt(c: &[Coding]) -> Vec<String> {
    c.iter()
        .map(|c| format!("{} {} {}", c.source, c.target, c.code))
        .collect()
}
