//! A reader for TimeML (`.tml`) files: the document creation time (DCT), the
//! plain text of `<TEXT>` and its TIMEX3 annotations as byte spans of it.

use anyhow::{anyhow, Context, Result};
use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::path::Path;

/// One gold TIMEX3 annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// One TimeML document.
#[derive(Debug, Clone)]
pub struct TimemlDoc {
    pub name: String,
    pub dct: Option<NaiveDate>,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

pub(crate) fn attr(e: &quick_xml::events::BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Parses one TimeML document from its XML source.
pub fn parse(name: &str, xml: &str) -> Result<TimemlDoc> {
    let mut r = Reader::from_str(xml);
    r.config_mut().trim_text(false);
    let mut doc = TimemlDoc {
        name: name.to_string(),
        dct: None,
        text: String::new(),
        timexes: Vec::new(),
    };
    let (mut in_text, mut in_dct) = (false, false);
    let mut open: Option<(usize, String, String)> = None;
    loop {
        let ev = r
            .read_event()
            .with_context(|| format!("{name}: XML error at byte {}", r.buffer_position()))?;
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                b"TEXT" => in_text = true,
                b"DCT" => in_dct = true,
                b"TIMEX3" if in_dct => {
                    let v = attr(&e, b"value").unwrap_or_default();
                    doc.dct = v
                        .get(..10)
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                }
                b"TIMEX3" if in_text => {
                    open = Some((
                        doc.text.len(),
                        attr(&e, b"type").unwrap_or_default(),
                        attr(&e, b"value").unwrap_or_default(),
                    ));
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"TEXT" => in_text = false,
                b"DCT" => in_dct = false,
                b"TIMEX3" if in_text => {
                    if let Some((start, kind, value)) = open.take() {
                        doc.timexes.push(GoldTimex {
                            start,
                            end: doc.text.len(),
                            kind,
                            value,
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t
                    .unescape()
                    .with_context(|| format!("{name}: bad entity in text"))?;
                doc.text.push_str(&s);
            }
            Event::CData(t) if in_text => doc.text.push_str(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
    }
    if doc.text.is_empty() {
        return Err(anyhow!("{name}: no <TEXT> element"));
    }
    Ok(doc)
}

/// Reads every `.tml` file under `dir` (recursively), sorted by file name.
pub fn read_dir(dir: &Path) -> Result<Vec<TimemlDoc>> {
    let mut paths = Vec::new();
    walk(dir, &mut paths)?;
    if paths.is_empty() {
        return Err(anyhow!("no .tml files under {}", dir.display()));
    }
    paths.sort_by_key(|p| p.file_name().map(|n| n.to_os_string()));
    paths
        .iter()
        .map(|p| {
            let xml =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            parse(&name, &xml)
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_index_the_unescaped_text() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07">x</TIMEX3></DCT>
<TEXT>AT&amp;T said <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> it <EVENT eid="e1">grew</EVENT>.</TEXT></TimeML>"#;
        let d = parse("x.tml", xml).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 8, 7));
        assert_eq!(d.text, "AT&T said Friday it grew.");
        let t = &d.timexes[0];
        assert_eq!(
            (&d.text[t.start..t.end], t.value.as_str()),
            ("Friday", "1998-08-07")
        );
        assert!(
            parse("bad.tml", "<TimeML><TEXT>unclosed").is_err()
                || parse("bad.tml", "<TimeML>").is_err()
        );
    }
}
