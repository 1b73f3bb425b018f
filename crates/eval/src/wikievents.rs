//! Events on real news: trigger and argument F1 on WikiEvents (Li et al.
//! 2021; KAIROS event types, every event mention of a document annotated),
//! and on RAMS (Ebner et al. 2020; one event per five-sentence window of a
//! news article, its arguments across the sentences), read into the same
//! gold events and scored the same way.
//!
//! Two layouts are read, told apart line by line:
//! - whole documents (`wikievents/dev.jsonl`: `sentences` with their text
//!   and tokens, `entity_mentions`, `event_mentions`), coded as the
//!   sentences' own text, one sentence per line;
//! - windows of ≤ 250 tokens (`windows/{train,dev}.jsonl`: `context`
//!   tokens, `events` with token-indexed triggers and arguments), coded as
//!   the tokens rejoined with light detokenisation (no sentence breaks).
//!
//! The KAIROS types sitrep codes are mapped to PLOVER categories:
//! Conflict.Attack → ASSAULT, Conflict.Demonstrate → PROTEST,
//! Justice.ArrestJailDetain → COERCE, Contact.ThreatenCoerce → THREATEN,
//! Contact.*.Meet → CONSULT. The other types (Life.Die, Movement, Disaster…)
//! are not scored; sitrep events of other categories are not scored either.
//!
//! - Triggers: a system mention (an event's `type` and `mention` spans,
//!   with the event's category) is right when it overlaps a gold trigger of
//!   the same category, one to one. `identification` ignores the category
//!   (among the scored ones).
//! - Arguments: the gold arguments of the scored events in three classes —
//!   actor (Attacker, Demonstrator, Jailer, Communicator; a meeting's
//!   Participant), target (Target, Detainee, Recipient; a victim of an
//!   attack) and place (Place) — against the event's actors (actor1 and
//!   associates → actor; actor2, target, associates → target; both sides of
//!   a meeting → actor) and location, for the system events whose mention
//!   matched the gold trigger. An argument is right when its class matches
//!   and its span overlaps the gold argument's, or, for a mention of the
//!   same entity elsewhere (sitrep keeps one span per argument of a merged
//!   event), when one's words contain the other's. Precision counts the system
//!   arguments of matched events; recall the gold arguments of all scored
//!   events.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use sitrep_core::{Role, Span};
use std::collections::BTreeMap;
use std::path::Path;

/// The PLOVER categories scored here.
const SCORED: &[&str] = &["ASSAULT", "PROTEST", "COERCE", "THREATEN", "CONSULT"];

/// The PLOVER category of a KAIROS event type, if sitrep codes it.
pub fn category_of(kairos: &str) -> Option<&'static str> {
    let mut p = kairos.split('.');
    let (a, b, c) = (p.next()?, p.next().unwrap_or(""), p.next().unwrap_or(""));
    Some(match (a, b) {
        ("Conflict", "Attack") => "ASSAULT",
        ("Conflict", "Demonstrate") => "PROTEST",
        ("Justice", "ArrestJailDetain") => "COERCE",
        ("Contact", "ThreatenCoerce") => "THREATEN",
        ("Contact", _) if c == "Meet" => "CONSULT",
        _ => return None,
    })
}

/// Argument classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ArgClass {
    Actor,
    Target,
    Place,
}

impl ArgClass {
    fn name(self) -> &'static str {
        match self {
            ArgClass::Actor => "actor",
            ArgClass::Target => "target",
            ArgClass::Place => "place",
        }
    }
}

fn gold_class(cat: &str, role: &str) -> Option<ArgClass> {
    Some(match role {
        "Place" => ArgClass::Place,
        "Attacker" | "Demonstrator" | "Jailer" | "Communicator" => ArgClass::Actor,
        "Participant" if cat == "CONSULT" => ArgClass::Actor,
        "Target" | "Detainee" | "Recipient" | "Victim" => ArgClass::Target,
        _ => return None,
    })
}

fn system_class(cat: &str, role: Role) -> ArgClass {
    match role {
        Role::Actor1 | Role::AssocActor1 => ArgClass::Actor,
        _ if cat == "CONSULT" => ArgClass::Actor,
        _ => ArgClass::Target,
    }
}

/// One gold event of a scored type.
#[derive(Debug, Clone)]
pub struct GoldEvent {
    pub category: &'static str,
    pub kairos: String,
    pub trigger: Span,
    args: Vec<(ArgClass, Span, String)>,
}

/// One document (or window) with its text as coded and its gold events.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub text: String,
    pub events: Vec<GoldEvent>,
    /// Gold events of types not scored.
    pub unscored: usize,
    /// The corpus it came from: "wikievents" or "rams".
    pub corpus: &'static str,
}

/// No space before these tokens when rejoining a window.
fn glue_left(t: &str) -> bool {
    matches!(
        t,
        "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "’" | "'" | "”" | "%" | "'s" | "n't" | "-"
    )
}

/// No space after these.
fn glue_right(t: &str) -> bool {
    matches!(t, "(" | "[" | "“" | "$" | "-" | "’" | "'")
}

/// Joins tokens into text, returning each token's byte span.
fn join(tokens: &[&str]) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(tokens.len());
    let mut prev: Option<&str> = None;
    for t in tokens {
        if let Some(p) = prev {
            if !(glue_left(t) || glue_right(p)) {
                text.push(' ');
            }
        }
        let s = text.len();
        text.push_str(t);
        spans.push(Span::new(s, text.len()));
        prev = Some(t);
    }
    (text, spans)
}

fn span_of(toks: &[Span], s: usize, e: usize) -> Option<Span> {
    (s < e && e <= toks.len()).then(|| Span::new(toks[s].start, toks[e - 1].end))
}

/// A trigger's byte span from its token offsets; an error when they are
/// missing or out of range.
fn trigger_span(toks: &[Span], start: &Value, end: &Value, line: usize) -> Result<Span> {
    let (Some(s), Some(e)) = (start.as_u64(), end.as_u64()) else {
        bail!("line {line}: an event without trigger offsets");
    };
    span_of(toks, s as usize, e as usize)
        .with_context(|| format!("line {line}: trigger offsets out of range"))
}

/// Reads a whole-document line: the sentences' own text, one per line.
fn read_doc(v: &Value, line: usize) -> Result<Doc> {
    let id = v["doc_id"].as_str().unwrap_or("").to_string();
    let sents = v["sentences"]
        .as_array()
        .with_context(|| format!("line {line}: no sentences"))?;
    let mut text = String::new();
    let mut toks: Vec<Span> = Vec::new();
    for s in sents {
        let stext = s[1].as_str().unwrap_or("");
        if !text.is_empty() {
            text.push('\n');
        }
        let base = text.len();
        text.push_str(stext);
        let mut cur = 0;
        for t in s[0].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let w = t[0].as_str().unwrap_or("");
            // Tokens are found in order in their sentence's text.
            let at = stext[cur..].find(w).map(|i| cur + i).unwrap_or(cur);
            let end = (at + w.len()).min(stext.len());
            toks.push(Span::new(base + at, base + end));
            cur = end;
        }
    }
    let mentions: BTreeMap<&str, (usize, usize)> = v["entity_mentions"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .filter_map(|m| {
            Some((
                m["id"].as_str()?,
                (m["start"].as_u64()? as usize, m["end"].as_u64()? as usize),
            ))
        })
        .collect();
    let mut doc = Doc {
        id,
        text,
        events: Vec::new(),
        unscored: 0,
        corpus: "wikievents",
    };
    for e in v["event_mentions"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let kairos = e["event_type"].as_str().unwrap_or("");
        let Some(cat) = category_of(kairos) else {
            doc.unscored += 1;
            continue;
        };
        let tr = &e["trigger"];
        let trigger = trigger_span(&toks, &tr["start"], &tr["end"], line)?;
        let mut args = Vec::new();
        for a in e["arguments"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let role = a["role"].as_str().unwrap_or("");
            let Some(class) = gold_class(cat, role) else {
                continue;
            };
            let Some(&(s, en)) = a["entity_id"].as_str().and_then(|i| mentions.get(i)) else {
                continue;
            };
            if let Some(sp) = span_of(&toks, s, en) {
                args.push((class, sp, a["text"].as_str().unwrap_or("").to_string()));
            }
        }
        doc.events.push(GoldEvent {
            category: cat,
            kairos: kairos.to_string(),
            trigger,
            args,
        });
    }
    Ok(doc)
}

/// Reads a window line: tokens rejoined.
fn read_window(v: &Value, line: usize) -> Result<Doc> {
    let words: Vec<&str> = v["context"]
        .as_array()
        .with_context(|| format!("line {line}: no context tokens"))?
        .iter()
        .map(|t| t.as_str().unwrap_or(""))
        .collect();
    let (text, toks) = join(&words);
    let mut doc = Doc {
        id: v["id"].as_str().unwrap_or("").to_string(),
        text,
        events: Vec::new(),
        unscored: 0,
        corpus: "wikievents",
    };
    for e in v["events"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let kairos = e["event_type"].as_str().unwrap_or("");
        let Some(cat) = category_of(kairos) else {
            doc.unscored += 1;
            continue;
        };
        let tr = &e["trigger"];
        let trigger = trigger_span(&toks, &tr[0], &tr[1], line)?;
        let mut args = Vec::new();
        for a in e["args"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let Some(class) = gold_class(cat, a[3].as_str().unwrap_or("")) else {
                continue;
            };
            let (Some(s), Some(en)) = (a[0].as_u64(), a[1].as_u64()) else {
                continue;
            };
            if let Some(sp) = span_of(&toks, s as usize, en as usize) {
                args.push((class, sp, a[2].as_str().unwrap_or("").to_string()));
            }
        }
        doc.events.push(GoldEvent {
            category: cat,
            kairos: kairos.to_string(),
            trigger,
            args,
        });
    }
    Ok(doc)
}

/// The PLOVER category of a RAMS (AIDA ontology) event type, for the types
/// the WikiEvents mapping scores: `conflict.attack.*` → ASSAULT,
/// `conflict.demonstrate.*` → PROTEST, `justice.arrestjaildetain.*` →
/// COERCE, `contact.threatencoerce.*` → THREATEN, `contact.discussion.meet`
/// → CONSULT.
pub fn rams_category(t: &str) -> Option<&'static str> {
    let mut p = t.split('.');
    Some(
        match (p.next()?, p.next().unwrap_or(""), p.next().unwrap_or("")) {
            ("conflict", "attack", _) => "ASSAULT",
            ("conflict", "demonstrate", _) => "PROTEST",
            ("justice", "arrestjaildetain", _) => "COERCE",
            ("contact", "threatencoerce", _) => "THREATEN",
            ("contact", "discussion", "meet") => "CONSULT",
            _ => return None,
        },
    )
}

/// Reads a RAMS line (Ebner et al. 2020: `sentences` of tokens, one event
/// in `evt_triggers`, its arguments in `gold_evt_links` with roles such as
/// `evt011arg01attacker`, token offsets inclusive over the whole window):
/// the tokens rejoined, the roles read as their KAIROS names.
fn read_rams(v: &Value, line: usize) -> Result<Doc> {
    let words: Vec<&str> = v["sentences"]
        .as_array()
        .with_context(|| format!("line {line}: no sentences"))?
        .iter()
        .flat_map(|s| s.as_array().map(Vec::as_slice).unwrap_or(&[]))
        .map(|t| t.as_str().unwrap_or(""))
        .collect();
    let (text, toks) = join(&words);
    let mut doc = Doc {
        id: v["doc_key"].as_str().unwrap_or("").to_string(),
        text,
        events: Vec::new(),
        unscored: 0,
        corpus: "rams",
    };
    for t in v["evt_triggers"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let ty = t[2][0][0].as_str().unwrap_or("");
        let Some(cat) = rams_category(ty) else {
            doc.unscored += 1;
            continue;
        };
        let (Some(ts), Some(te)) = (t[0].as_u64(), t[1].as_u64()) else {
            bail!("line {line}: an event without trigger offsets");
        };
        let trigger = span_of(&toks, ts as usize, te as usize + 1)
            .with_context(|| format!("line {line}: trigger offsets out of range"))?;
        let mut args = Vec::new();
        for l in v["gold_evt_links"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            if l[0][0].as_u64() != Some(ts) || l[0][1].as_u64() != Some(te) {
                continue;
            }
            // "evt011arg01attacker" → "Attacker".
            let raw = l[2].as_str().unwrap_or("");
            let name = raw.get(11..).unwrap_or("");
            let mut role = name.chars();
            let role: String = role
                .next()
                .map(|c| c.to_uppercase().chain(role).collect())
                .unwrap_or_default();
            let Some(class) = gold_class(cat, &role) else {
                continue;
            };
            let (Some(s), Some(e)) = (l[1][0].as_u64(), l[1][1].as_u64()) else {
                continue;
            };
            if let Some(sp) = span_of(&toks, s as usize, e as usize + 1) {
                let said = doc.text[sp.start..sp.end].to_string();
                args.push((class, sp, said));
            }
        }
        doc.events.push(GoldEvent {
            category: cat,
            kairos: ty.to_string(),
            trigger,
            args,
        });
    }
    Ok(doc)
}

/// Reads a WikiEvents JSON Lines file in either layout, or RAMS.
pub fn read(path: &Path) -> Result<Vec<Doc>> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut docs = Vec::new();
    for (n, l) in raw.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(l)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let d = if v.get("evt_triggers").is_some() {
            read_rams(&v, n + 1)
        } else if v.get("sentences").is_some() {
            read_doc(&v, n + 1)
        } else if v.get("context").is_some() {
            read_window(&v, n + 1)
        } else {
            bail!(
                "{}:{}: neither a WikiEvents document (sentences), a window (context) nor a RAMS document (evt_triggers)",
                path.display(),
                n + 1
            )
        };
        docs.push(d.with_context(|| path.display().to_string())?);
    }
    if docs.is_empty() {
        bail!("{}: no documents", path.display());
    }
    Ok(docs)
}

#[derive(Default)]
struct Counts {
    hit: usize,
    sys: usize,
    gold: usize,
}

impl Counts {
    fn report(&self) -> Value {
        let (p, r, f) = crate::f1(self.hit, self.sys, self.gold);
        json!({"precision": r4(p), "recall": r4(r), "f1": r4(f), "gold": self.gold, "system": self.sys, "right": self.hit})
    }
}

fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Whether a system argument is the gold one: the spans overlap, or (a
/// coreferent mention elsewhere in the document) one's words contain the
/// other's, word-bounded and case-insensitive ("Oklahoma City" ~ "Oklahoma
/// City", "police" ~ "French police").
fn same_argument(text: &str, sys: Span, gold: Span) -> bool {
    if sys.overlaps(gold) {
        return true;
    }
    let words = |s: Span| -> Vec<String> {
        text[s.start..s.end]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(sys), words(gold));
    let within = |x: &[String], y: &[String]| !x.is_empty() && y.windows(x.len()).any(|w| w == x);
    within(&a, &b) || within(&b, &a)
}

/// One system mention: its span, its event, the event's category.
struct SysMention {
    span: Span,
    event: usize,
    category: String,
}

/// Codes every document with the pipeline and scores it.
pub fn eval(path: &Path, errors: bool) -> Result<Value> {
    let docs = read(path)?;
    let pipe = sitrep_pipeline::Pipeline::new().map_err(anyhow::Error::msg)?;
    let mut trig = Counts::default();
    let mut ident = Counts::default();
    let mut per: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut args = Counts::default();
    let mut per_arg: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut errs = Vec::new();
    let mut unscored = 0;
    let t0 = std::time::Instant::now();
    for d in &docs {
        unscored += d.unscored;
        let out = pipe.run(&crate::eval_doc(&d.id, None, &d.text), Vec::new());
        let events: Vec<&sitrep_core::Event> = out
            .events
            .iter()
            .filter(|e| SCORED.contains(&e.plover.category.as_str()))
            .collect();
        let mut sys: Vec<SysMention> = Vec::new();
        for (k, e) in events.iter().enumerate() {
            for f in e
                .fields
                .iter()
                .filter(|f| f.field == "type" || f.field == "mention")
            {
                sys.push(SysMention {
                    span: Span::new(f.start, f.end),
                    event: k,
                    category: e.plover.category.clone(),
                });
            }
        }
        // Triggers, one to one: same category first, then any (identification).
        let mut used = vec![false; sys.len()];
        let mut matched_event: Vec<Option<usize>> = vec![None; d.events.len()];
        for (g, ge) in d.events.iter().enumerate() {
            if let Some(j) = (0..sys.len()).find(|&j| {
                !used[j] && sys[j].category == ge.category && sys[j].span.overlaps(ge.trigger)
            }) {
                used[j] = true;
                matched_event[g] = Some(sys[j].event);
            }
        }
        let mut used_id = vec![false; sys.len()];
        let mut ident_hits = 0;
        for ge in &d.events {
            if let Some(j) =
                (0..sys.len()).find(|&j| !used_id[j] && sys[j].span.overlaps(ge.trigger))
            {
                used_id[j] = true;
                ident_hits += 1;
            }
        }
        ident.hit += ident_hits;
        ident.sys += sys.len();
        ident.gold += d.events.len();
        trig.sys += sys.len();
        trig.gold += d.events.len();
        for (j, m) in sys.iter().enumerate() {
            let c = per
                .entry(
                    SCORED
                        .iter()
                        .find(|c| **c == m.category)
                        .copied()
                        .unwrap_or("?"),
                )
                .or_default();
            c.sys += 1;
            if used[j] {
                c.hit += 1;
                trig.hit += 1;
            }
        }
        for ge in &d.events {
            per.entry(ge.category).or_default().gold += 1;
        }
        // Arguments of matched events.
        let mut counted_sys: Vec<bool> = vec![false; events.len()];
        for (g, ge) in d.events.iter().enumerate() {
            for (class, _, _) in &ge.args {
                args.gold += 1;
                per_arg.entry(class.name()).or_default().gold += 1;
            }
            let Some(k) = matched_event[g] else { continue };
            let e = events[k];
            let cat = e.plover.category.as_str();
            let mut sys_args: Vec<(ArgClass, Span)> = e
                .actors
                .iter()
                // KAIROS instruments are not scored.
                .filter(|a| a.role != Role::Weapon)
                .map(|a| (system_class(cat, a.role), Span::new(a.start, a.end)))
                .collect();
            // (A story's focus country, or a place named earlier in the
            // paragraph, where the event's sentences name no place, is no
            // argument of the event.)
            if let Some(p) = e
                .location
                .as_ref()
                .filter(|p| !matches!(p.basis.as_deref(), Some("story" | "context")))
            {
                sys_args.push((ArgClass::Place, Span::new(p.start, p.end)));
            }
            if !counted_sys[k] {
                counted_sys[k] = true;
                args.sys += sys_args.len();
                for (c, _) in &sys_args {
                    per_arg.entry(c.name()).or_default().sys += 1;
                }
            }
            for (class, sp, gtext) in &ge.args {
                if sys_args
                    .iter()
                    .any(|(c, s)| c == class && same_argument(&d.text, *s, *sp))
                {
                    args.hit += 1;
                    per_arg.entry(class.name()).or_default().hit += 1;
                } else if errors {
                    let sys_list: Vec<Value> = sys_args
                        .iter()
                        .map(|(c, s)| json!([c.name(), &d.text[s.start..s.end]]))
                        .collect();
                    errs.push(json!({
                        "doc": d.id, "argument_miss": class.name(), "gold": gtext,
                        "trigger": &d.text[ge.trigger.start..ge.trigger.end],
                        "system": sys_list,
                    }));
                }
            }
        }
        if errors {
            let snippet = |s: Span| -> String {
                let a = d.text[..s.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
                let a = a.max(s.start.saturating_sub(120));
                let b = (s.end + 80).min(d.text.len());
                let a = (0..=a)
                    .rev()
                    .find(|&i| d.text.is_char_boundary(i))
                    .unwrap_or(0);
                let b = (b..=d.text.len())
                    .find(|&i| d.text.is_char_boundary(i))
                    .unwrap_or(d.text.len());
                d.text[a..b].replace('\n', " ")
            };
            for (g, ge) in d.events.iter().enumerate() {
                if matched_event[g].is_none() {
                    errs.push(json!({
                        "doc": d.id, "miss": ge.category, "kairos": ge.kairos,
                        "trigger": &d.text[ge.trigger.start..ge.trigger.end],
                        "context": snippet(ge.trigger),
                    }));
                }
            }
            for (j, m) in sys.iter().enumerate() {
                if !used[j] {
                    errs.push(json!({
                        "doc": d.id, "spurious": m.category,
                        "trigger": &d.text[m.span.start..m.span.end],
                        "context": snippet(m.span),
                    }));
                }
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let mut report = json!({
        "format": docs.first().map_or("wikievents", |d| d.corpus),
        "documents": docs.len(),
        "gold_events": trig.gold,
        "unscored_gold_events": unscored,
        "triggers": trig.report(),
        "identification": ident.report(),
        "per_category": per.iter().map(|(k, c)| (k.to_string(), c.report())).collect::<serde_json::Map<_, _>>(),
        "arguments": args.report(),
        "per_argument": per_arg.iter().map(|(k, c)| (k.to_string(), c.report())).collect::<serde_json::Map<_, _>>(),
        "docs_per_sec": (docs.len() as f64 / secs.max(1e-9)).round(),
    });
    if errors {
        report["errors"] = Value::Array(errs);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_match_by_span_or_words() {
        let t = "French police shot the man. The police said Oklahoma City was calm.";
        let at = |w: &str, n: usize| {
            let s = t.match_indices(w).nth(n).unwrap().0;
            Span::new(s, s + w.len())
        };
        assert!(same_argument(t, at("French police", 0), at("police", 0)));
        assert!(same_argument(t, at("French police", 0), at("police", 1)));
        assert!(!same_argument(t, at("the man", 0), at("police", 1)));
        assert!(!same_argument(t, at("French", 0), at("Oklahoma City", 0)));
    }

    #[test]
    fn kairos_types_map_to_plover() {
        assert_eq!(
            category_of("Conflict.Attack.DetonateExplode"),
            Some("ASSAULT")
        );
        assert_eq!(category_of("Contact.Contact.Meet"), Some("CONSULT"));
        assert_eq!(category_of("Contact.RequestCommand.Meet"), Some("CONSULT"));
        assert_eq!(category_of("Contact.Contact.Broadcast"), None);
        assert_eq!(category_of("Life.Die.Unspecified"), None);
        assert_eq!(category_of(""), None);
    }

    #[test]
    fn windows_are_rejoined_with_token_spans() {
        let (t, s) = join(&[
            "Deir", "ez", "-", "Zor", "’", "s", "side", ",", "(", "AP", ")",
        ]);
        assert_eq!(t, "Deir ez-Zor’s side, (AP)");
        assert_eq!(&t[s[3].start..s[3].end], "Zor");
        assert_eq!(&t[s[9].start..s[9].end], "AP");
    }

    #[test]
    fn reads_both_layouts() {
        let w: Value = serde_json::from_str(
            r#"{"id":"w","context":["Gunmen","attacked","a","bus","in","Kano","."],"events":[{"event_type":"Conflict.Attack.Unspecified","trigger":[1,2,"attacked"],"args":[[0,1,"Gunmen","Attacker"],[3,4,"bus","Target"],[5,6,"Kano","Place"]]},{"event_type":"Life.Die.Unspecified","trigger":[1,2,"x"],"args":[]}]}"#,
        )
        .unwrap();
        let d = read_window(&w, 1).unwrap();
        assert_eq!(d.text, "Gunmen attacked a bus in Kano.");
        assert_eq!((d.events.len(), d.unscored), (1, 1));
        assert_eq!(
            &d.text[d.events[0].trigger.start..d.events[0].trigger.end],
            "attacked"
        );
        assert_eq!(d.events[0].args.len(), 3);
        let v: Value = serde_json::from_str(
            r#"{"doc_id":"d","sentences":[[[["Police",0,6],["arrested",7,15],["him",16,19],[".",19,20]],"Police arrested him."],[[["Crowds",21,27],["protested",28,37]],"Crowds protested"]],"entity_mentions":[{"id":"m1","start":0,"end":1},{"id":"m2","start":2,"end":3}],"event_mentions":[{"event_type":"Justice.ArrestJailDetain.Unspecified","trigger":{"start":1,"end":2},"arguments":[{"entity_id":"m1","role":"Jailer","text":"Police"},{"entity_id":"m2","role":"Detainee","text":"him"}]},{"event_type":"Conflict.Demonstrate.Unspecified","trigger":{"start":5,"end":6},"arguments":[]}]}"#,
        )
        .unwrap();
        let d = read_doc(&v, 1).unwrap();
        assert_eq!(d.text, "Police arrested him.\nCrowds protested");
        let e = &d.events[1];
        assert_eq!(
            (&d.text[e.trigger.start..e.trigger.end], e.category),
            ("protested", "PROTEST")
        );
        assert_eq!(d.events[0].args[1].0, ArgClass::Target);
        // Offsets out of range are an error, not a panic.
        let bad: Value = serde_json::from_str(
            r#"{"id":"w","context":["a"],"events":[{"event_type":"Conflict.Attack.X","trigger":[0,5,"a"],"args":[]}]}"#,
        )
        .unwrap();
        assert!(read_window(&bad, 1).is_err());
    }
}
