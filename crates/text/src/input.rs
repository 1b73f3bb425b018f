//! Reading documents: plain text, HTML and JSON Lines, from bytes.
//!
//! Nothing here panics on bad input: empty and binary inputs are errors,
//! invalid UTF-8 is decoded lossily with a warning, a JSON Lines record that
//! does not parse is reported with its line number while the other lines are
//! still read, and a document larger than [`ReadOptions::max_doc_bytes`] is
//! cut into parts at paragraph boundaries (each part a document of its own,
//! with a warning) so that memory stays bounded.
//!
//! A text or HTML file may come with metadata in a sidecar JSON object
//! ([`Sidecar`]): `article.json` beside `article.txt`, or a folder's
//! `meta.json` whose `text_file` names it. Its `published`, `source`, `id`,
//! `title`, `language` and `url` describe the document, ahead of the
//! run-wide defaults.

use chrono::NaiveDate;
use sitrep_core::Document;
use std::io::BufRead;

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    Text,
    Html,
    Jsonl,
}

impl DocFormat {
    /// Guesses the format from a file name and the first bytes.
    pub fn sniff(name: &str, head: &[u8]) -> DocFormat {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            return DocFormat::Jsonl;
        }
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            return DocFormat::Html;
        }
        let h = String::from_utf8_lossy(&head[..head.len().min(2048)]);
        let t = h.trim_start_matches('\u{feff}').trim_start();
        if t.starts_with('{') {
            return DocFormat::Jsonl;
        }
        let tl = t.to_ascii_lowercase();
        if tl.starts_with("<!doctype html")
            || tl.starts_with("<html")
            || (tl.starts_with('<')
                && (tl.contains("<body") || tl.contains("<p>") || tl.contains("<div")))
        {
            return DocFormat::Html;
        }
        DocFormat::Text
    }
}

/// Options that apply to documents read from plain text or HTML.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Forced format; `None` sniffs it.
    pub format: Option<DocFormat>,
    /// Publication date for documents that carry none.
    pub published: Option<NaiveDate>,
    /// Source name for documents that carry none.
    pub source: Option<String>,
    /// Documents longer than this are cut into parts (default 2 MiB).
    pub max_doc_bytes: usize,
    /// Metadata of the one document a text or HTML input holds; its fields
    /// take precedence over `published` and `source`.
    pub sidecar: Option<Sidecar>,
    /// Language tag for documents that carry none; `None` detects it
    /// ([`crate::lang`]), English when detection cannot tell.
    pub language: Option<String>,
}

/// Metadata for a text or HTML document, read from a JSON object beside it
/// (the layout of `examples/seed/`: `meta.json` with `text_file`). Every
/// field is optional; unknown fields are ignored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sidecar {
    pub id: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// The document file this metadata describes, relative to the sidecar.
    pub text_file: Option<String>,
}

impl Sidecar {
    /// Parses a sidecar: one JSON object. A field of the wrong type, or a
    /// `published` that is not a date, is an error naming the field.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Sidecar, InputError> {
        let (s, _) = decode(name, bytes);
        let v: serde_json::Value =
            serde_json::from_str(s.trim_start_matches('\u{feff}')).map_err(|e| {
                InputError::BadJson {
                    name: name.into(),
                    line: e.line(),
                    msg: e.to_string(),
                }
            })?;
        let obj = v.as_object().ok_or_else(|| InputError::BadJson {
            name: name.into(),
            line: 1,
            msg: "metadata must be a JSON object".into(),
        })?;
        let bad = |msg: String| InputError::BadField {
            name: name.into(),
            line: 1,
            msg,
        };
        // (An empty string says nothing here.)
        let field =
            |k: &str| string_field(obj, k, &bad).map(|v| v.filter(|s| !s.trim().is_empty()));
        let published = published_field(obj, &bad)?;
        Ok(Sidecar {
            id: field("id")?,
            title: field("title")?,
            source: field("source")?,
            published,
            language: field("language")?,
            url: field("url")?,
            text_file: field("text_file")?,
        })
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            published: None,
            source: None,
            max_doc_bytes: 2 << 20,
            sidecar: None,
            language: None,
        }
    }
}

/// An input problem that stops one document (not the run).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    #[error("{name}: empty input (no text to read)")]
    Empty { name: String },
    #[error(
        "{name}: looks like a binary file ({why}); sitrep reads UTF-8 text, HTML or JSON Lines"
    )]
    Binary { name: String, why: String },
    #[error("{name}:{line}: not a JSON object: {msg}")]
    BadJson {
        name: String,
        line: usize,
        msg: String,
    },
    #[error("{name}:{line}: {msg}")]
    BadField {
        name: String,
        line: usize,
        msg: String,
    },
    #[error("{name}: {msg}")]
    Io { name: String, msg: String },
}

/// What reading produced: documents (each with its warnings) and errors.
#[derive(Debug, Default)]
pub struct ReadResult {
    pub documents: Vec<(Document, Vec<String>)>,
    pub errors: Vec<InputError>,
}

/// Parses a date given as `YYYY-MM-DD` or as an RFC 3339 / ISO date-time
/// (whose date part is taken).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10 || s[10..].starts_with(['T', ' ', 't']))
}

/// Refuses bytes that look binary (NUL bytes, or more than one control byte
/// in ten among the first 8 KiB).
pub fn check_binary(name: &str, bytes: &[u8]) -> Result<(), InputError> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(InputError::Binary {
            name: name.into(),
            why: "contains NUL bytes".into(),
        });
    }
    let ctrl = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if !head.is_empty() && ctrl * 10 > head.len() {
        return Err(InputError::Binary {
            name: name.into(),
            why: format!("{ctrl} control bytes in the first {}", head.len()),
        });
    }
    Ok(())
}

/// Decodes bytes as UTF-8, lossily, returning a warning if any were invalid.
pub fn decode(name: &str, bytes: &[u8]) -> (String, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), None),
        Err(e) => {
            let s = String::from_utf8_lossy(bytes).into_owned();
            let n = s.matches('\u{fffd}').count();
            (s, Some(format!("{name}: invalid UTF-8 from byte {} on; decoded lossily ({n} replacement characters)", e.valid_up_to())))
        }
    }
}

/// Reads every document in `bytes` (one file, or stdin).
pub fn read_documents(name: &str, bytes: &[u8], opts: &ReadOptions) -> ReadResult {
    let mut out = ReadResult::default();
    let fmt = opts.format.unwrap_or_else(|| DocFormat::sniff(name, bytes));
    if let Err(e) = check_binary(name, bytes) {
        out.errors.push(e);
        return out;
    }
    if fmt == DocFormat::Jsonl {
        read_jsonl(
            name,
            bytes,
            opts,
            |d, w| out.documents.push((d, w)),
            |e| out.errors.push(e),
        );
        return out;
    }
    let (text, warn) = decode(name, bytes);
    let mut warnings: Vec<String> = warn.into_iter().collect();
    let (text, title) = if fmt == DocFormat::Html {
        html_to_text(&text)
    } else {
        (text, None)
    };
    if text.trim().is_empty() {
        out.errors.push(InputError::Empty { name: name.into() });
        return out;
    }
    let meta = opts.sidecar.clone().unwrap_or_default();
    let base = Document {
        id: meta.id.unwrap_or_else(|| doc_id_from_name(name)),
        source: meta.source.or_else(|| opts.source.clone()),
        published: meta.published.or(opts.published),
        language: language_of(
            name,
            meta.language.or_else(|| opts.language.clone()),
            &text,
            &mut warnings,
        ),
        url: meta.url,
        title: meta.title.or(title),
        text: String::new(),
    };
    if base.published.is_none() {
        warnings.push(format!(
            "{name}: no publication date (--published); relative dates are left unresolved"
        ));
    }
    push_parts(base, text, opts.max_doc_bytes, warnings, &mut out.documents);
    out
}

/// Streams a JSON Lines input: one document per line, errors per line.
pub fn read_jsonl<R: AsRef<[u8]>>(
    name: &str,
    bytes: R,
    opts: &ReadOptions,
    mut on_doc: impl FnMut(Document, Vec<String>),
    mut on_err: impl FnMut(InputError),
) {
    for rec in JsonlReader::new(name, bytes.as_ref(), opts) {
        match rec {
            Ok(parts) => {
                for (d, w) in parts {
                    on_doc(d, w);
                }
            }
            Err(e) => on_err(e),
        }
    }
}

/// JSON Lines read one record at a time from any reader (a file, standard
/// input), so that a feed of any size is coded in bounded memory. Each item
/// is a record's document (in parts when it is over the size limit) or the
/// error that stops that record; a read error ends the stream.
pub struct JsonlReader<'o, R> {
    name: String,
    reader: R,
    opts: &'o ReadOptions,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<'o, R: BufRead> JsonlReader<'o, R> {
    pub fn new(name: &str, reader: R, opts: &'o ReadOptions) -> Self {
        JsonlReader {
            name: name.into(),
            reader,
            opts,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<'_, R> {
    type Item = Result<Vec<(Document, Vec<String>)>, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let (name, line) = (&self.name, self.line);
                    let (s, warn) = decode(&format!("{name}:{line}"), &self.buf);
                    if s.trim().is_empty() {
                        continue;
                    }
                    return Some(parse_json_record(name, line, &s, self.opts).map(
                        |(mut doc, mut warnings)| {
                            warnings.extend(warn);
                            let mut parts = Vec::new();
                            // (The text moves into the parts, not copied.)
                            let text = std::mem::take(&mut doc.text);
                            push_parts(doc, text, self.opts.max_doc_bytes, warnings, &mut parts);
                            parts
                        },
                    ));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::Io {
                        name: self.name.clone(),
                        msg: e.to_string(),
                    }));
                }
            }
        }
        None
    }
}

fn parse_json_record(
    name: &str,
    line: usize,
    s: &str,
    opts: &ReadOptions,
) -> Result<(Document, Vec<String>), InputError> {
    let v: serde_json::Value = serde_json::from_str(s).map_err(|e| InputError::BadJson {
        name: name.into(),
        line,
        msg: e.to_string(),
    })?;
    let obj = v.as_object().ok_or_else(|| InputError::BadJson {
        name: name.into(),
        line,
        msg: "a JSON value that is not an object".into(),
    })?;
    let bad = |msg: String| InputError::BadField {
        name: name.into(),
        line,
        msg,
    };
    let field = |k: &str| string_field(obj, k, &bad);
    let text = field("text")?.ok_or_else(|| bad("missing `text` field".into()))?;
    if text.trim().is_empty() {
        return Err(bad("empty `text`".into()));
    }
    let mut warnings = Vec::new();
    let published = published_field(obj, &bad)?.or(opts.published);
    if published.is_none() {
        warnings.push(format!(
            "{name}:{line}: no publication date; relative dates are left unresolved"
        ));
    }
    let language = language_of(
        &format!("{name}:{line}"),
        field("language")?.or_else(|| opts.language.clone()),
        &text,
        &mut warnings,
    );
    let doc = Document {
        id: field("id")?.unwrap_or_else(|| format!("{}:{line}", doc_id_from_name(name))),
        source: field("source")?.or_else(|| opts.source.clone()),
        published,
        language,
        url: field("url")?,
        title: field("title")?,
        text,
    };
    Ok((doc, warnings))
}

/// A string field of a JSON record or sidecar (`id` may also be a number);
/// another type is an error naming the field.
fn string_field(
    obj: &serde_json::Map<String, serde_json::Value>,
    k: &str,
    bad: &dyn Fn(String) -> InputError,
) -> Result<Option<String>, InputError> {
    match obj.get(k) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(serde_json::Value::Number(n)) if k == "id" => Ok(Some(n.to_string())),
        Some(_) => Err(bad(format!("field `{k}` must be a string"))),
    }
}

/// The `published` field as a date; one that does not parse is an error.
fn published_field(
    obj: &serde_json::Map<String, serde_json::Value>,
    bad: &dyn Fn(String) -> InputError,
) -> Result<Option<NaiveDate>, InputError> {
    match string_field(obj, "published", bad)? {
        Some(p) if !p.trim().is_empty() => parse_date(&p).map(Some).ok_or_else(|| {
            bad(format!(
                "`published` {p:?} is not a date (YYYY-MM-DD or an ISO 8601 date-time)"
            ))
        }),
        _ => Ok(None),
    }
}

/// A document's language: the tag it carries (or the run's), else the
/// detected one, else English. A document not in English is still coded,
/// with a warning that the English rules will miss most of it.
fn language_of(
    name: &str,
    given: Option<String>,
    text: &str,
    warnings: &mut Vec<String>,
) -> String {
    const MISSED: &str =
        "sitrep's entity, time and event rules read English, so they will miss most of it";
    match given {
        Some(tag) if !tag.trim().is_empty() => {
            if !crate::lang::is_english(&tag) {
                warnings.push(format!("{name}: language {tag:?}: {MISSED}"));
            }
            tag
        }
        _ => match crate::lang::detect(text) {
            Some(l) if l.code != "en" => {
                warnings.push(format!(
                    "{name}: the text looks {} ({}); {MISSED} (give its `language`, or --language, if this is wrong)",
                    l.name, l.code
                ));
                l.code.to_string()
            }
            _ => "en".into(),
        },
    }
}

fn doc_id_from_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base
        .rsplit_once('.')
        .map(|(a, _)| a)
        .filter(|a| !a.is_empty())
        .unwrap_or(base);
    if stem.is_empty() {
        "stdin".into()
    } else {
        stem.to_string()
    }
}

/// Cuts `text` into parts of at most `max` bytes at paragraph, line or
/// sentence-ish boundaries, and pushes one document per part.
fn push_parts(
    base: Document,
    text: String,
    max: usize,
    warnings: Vec<String>,
    out: &mut Vec<(Document, Vec<String>)>,
) {
    if text.len() <= max.max(1) {
        out.push((Document { text, ..base }, warnings));
        return;
    }
    let cuts = cut_points(&text, max.max(1024));
    let n = cuts.len() - 1;
    for k in 0..n {
        let (a, b) = (cuts[k], cuts[k + 1]);
        let mut w = warnings.clone();
        w.push(format!(
            "document {} is {} bytes, over the {max}-byte limit: coded as {n} parts; this is part {} (bytes {a}..{b} of the original)",
            base.id,
            text.len(),
            k + 1
        ));
        let doc = Document {
            id: format!("{}#p{}", base.id, k + 1),
            text: text[a..b].to_string(),
            ..base.clone()
        };
        out.push((doc, w));
    }
}

fn cut_points(text: &str, max: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut start = 0;
    while text.len() - start > max {
        let mut lim = start + max;
        while !text.is_char_boundary(lim) {
            lim -= 1;
        }
        let window = &text[start..lim];
        let at = window
            .rfind("\n\n")
            .map(|i| i + 2)
            .or_else(|| window.rfind('\n').map(|i| i + 1))
            .or_else(|| window.rfind(". ").map(|i| i + 2))
            .or_else(|| window.rfind(' ').map(|i| i + 1))
            .filter(|&i| i > max / 4)
            .unwrap_or(window.len());
        start += at;
        cuts.push(start);
    }
    cuts.push(text.len());
    cuts
}

/// Extracts readable text (and the `<title>`) from HTML: drops scripts,
/// styles and markup, turns block elements into line breaks, decodes
/// entities.
pub fn html_to_text(html: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < html.len() {
        if bytes[i] == b'<' {
            // Comments.
            if lower[i..].starts_with("<!--") {
                i = lower[i..]
                    .find("-->")
                    .map(|k| i + k + 3)
                    .unwrap_or(html.len());
                continue;
            }
            let close = match lower[i..].find('>') {
                Some(k) => i + k,
                None => break,
            };
            let tag = lower[i + 1..close].trim_start_matches('/');
            let tname: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let is_end = lower[i + 1..].starts_with('/');
            if !is_end
                && matches!(
                    tname.as_str(),
                    "script" | "style" | "noscript" | "template" | "svg" | "title"
                )
            {
                let end_tag = format!("</{tname}");
                let end = lower[close..]
                    .find(&end_tag)
                    .map(|k| close + k)
                    .unwrap_or(html.len());
                if tname == "title" && title.is_none() {
                    let t =
                        html_escape::decode_html_entities(html[close + 1..end].trim()).into_owned();
                    if !t.is_empty() {
                        title = Some(t);
                    }
                }
                i = lower[end..]
                    .find('>')
                    .map(|k| end + k + 1)
                    .unwrap_or(html.len());
                continue;
            }
            if matches!(
                tname.as_str(),
                "p" | "div"
                    | "br"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "li"
                    | "tr"
                    | "article"
                    | "section"
                    | "blockquote"
                    | "header"
                    | "footer"
                    | "figcaption"
                    | "table"
                    | "ul"
                    | "ol"
                    | "hr"
            ) {
                out.push_str("\n\n");
            } else {
                out.push(' ');
            }
            i = close + 1;
            continue;
        }
        let next = html[i..].find('<').map(|k| i + k).unwrap_or(html.len());
        out.push_str(&html_escape::decode_html_entities(&html[i..next]));
        i = next;
    }
    // Normalise whitespace: collapse runs inside lines, keep paragraph breaks.
    let mut text = String::with_capacity(out.len());
    for para in out.split("\n\n") {
        let p = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&p);
        }
    }
    (text, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_with_invalid_utf8_warns() {
        let r = read_documents(
            "a.txt",
            b"Troops entered \xff the town.",
            &ReadOptions::default(),
        );
        assert!(r.errors.is_empty());
        let (d, w) = &r.documents[0];
        assert!(d.text.contains('\u{fffd}'));
        assert!(w.iter().any(|x| x.contains("invalid UTF-8")), "{w:?}");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        let r = read_documents("e.txt", b"  \n ", &ReadOptions::default());
        assert!(matches!(r.errors[0], InputError::Empty { .. }));
        let r = read_documents("b.bin", b"\x7fELF\x00\x01\x02", &ReadOptions::default());
        assert!(matches!(r.errors[0], InputError::Binary { .. }));
    }

    #[test]
    fn jsonl_bad_line_reported_others_kept() {
        let data = b"{\"id\":\"a\",\"text\":\"One.\",\"published\":\"2025-09-20\"}\nnot json\n{\"text\":\"Two.\",\"published\":\"2025-09-20T10:00:00Z\",\"source\":\"X\"}\n{\"text\":\"Three.\",\"published\":\"Friday\"}\n";
        let r = read_documents("f.jsonl", data, &ReadOptions::default());
        assert_eq!(r.documents.len(), 2);
        assert_eq!(r.documents[1].0.id, "f:3");
        assert_eq!(r.documents[1].0.source.as_deref(), Some("X"));
        assert_eq!(r.errors.len(), 2);
        assert!(matches!(r.errors[0], InputError::BadJson { line: 2, .. }));
        assert!(matches!(r.errors[1], InputError::BadField { line: 4, .. }));
    }

    #[test]
    fn html_is_stripped() {
        let h = "<html><head><title>Raid &amp; ruin</title><script>var x=1;</script></head><body><p>US forces struck.</p><p>Five&nbsp;died.</p></body></html>";
        let (t, title) = html_to_text(h);
        assert_eq!(t, "US forces struck.\nFive died.");
        assert_eq!(title.as_deref(), Some("Raid & ruin"));
        assert_eq!(DocFormat::sniff("x", h.as_bytes()), DocFormat::Html);
    }

    #[test]
    fn huge_documents_are_cut_into_parts() {
        let para = "Troops advanced on the town. ".repeat(40) + "\n\n";
        let text = para.repeat(200);
        let opts = ReadOptions {
            max_doc_bytes: 50_000,
            ..Default::default()
        };
        let r = read_documents("big.txt", text.as_bytes(), &opts);
        assert!(r.documents.len() > 1);
        let total: usize = r.documents.iter().map(|(d, _)| d.text.len()).sum();
        assert_eq!(total, text.len(), "no byte is lost between parts");
        assert!(r.documents.iter().all(|(d, _)| d.text.len() <= 50_000));
        assert!(r.documents[0].1.iter().any(|w| w.contains("parts")));
    }

    #[test]
    fn dates_parse() {
        assert_eq!(
            parse_date("2025-09-20"),
            NaiveDate::from_ymd_opt(2025, 9, 20)
        );
        assert_eq!(
            parse_date("2025-09-20T08:00:00+03:00"),
            NaiveDate::from_ymd_opt(2025, 9, 20)
        );
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("20 Sept"), None);
    }

    #[test]
    fn jsonl_streams_record_by_record_and_stops_at_a_read_error() {
        // A reader that gives one line and then fails, as a broken pipe does.
        struct Failing(Vec<u8>);
        impl std::io::Read for Failing {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Err(std::io::Error::other("connection reset"));
                }
                let n = out.len().min(self.0.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0.drain(..n);
                Ok(n)
            }
        }
        let first = b"{\"id\":\"a\",\"text\":\"One.\"}\n\n{\"text\": 5}\n".to_vec();
        let opts = ReadOptions::default();
        let r = std::io::BufReader::new(Failing(first));
        let recs: Vec<_> = JsonlReader::new("feed", r, &opts).collect();
        assert_eq!(recs.len(), 3, "{recs:?}");
        assert_eq!(recs[0].as_ref().unwrap()[0].0.id, "a");
        assert!(
            matches!(&recs[1], Err(InputError::BadField { line: 3, .. })),
            "{recs:?}"
        );
        assert!(matches!(&recs[2], Err(InputError::Io { .. })), "{recs:?}");
    }

    #[test]
    fn sidecar_fields_parse_and_bad_ones_are_named() {
        let m = Sidecar::parse(
            "meta.json",
            br#"{"id": 17, "published": "2025-09-20T06:00:00Z", "source": "Agency",
                "title": "T", "language": "fr", "text_file": "a.txt", "extra": [1]}"#,
        )
        .unwrap();
        assert_eq!(m.id.as_deref(), Some("17"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2025, 9, 20));
        assert_eq!(m.language.as_deref(), Some("fr"));
        assert_eq!(m.text_file.as_deref(), Some("a.txt"));
        assert_eq!(m.url, None);
        let e = Sidecar::parse("m.json", br#"{"published": "Friday"}"#).unwrap_err();
        assert!(e.to_string().contains("`published`"), "{e}");
        let e = Sidecar::parse("m.json", br#"{"source": ["a"]}"#).unwrap_err();
        assert!(e.to_string().contains("`source` must be a string"), "{e}");
        assert!(Sidecar::parse("m.json", b"[1, 2]").is_err());
        assert!(Sidecar::parse("m.json", b"{\"id\": ").is_err());
    }

    #[test]
    fn sidecar_describes_a_text_document_ahead_of_run_defaults() {
        let opts = ReadOptions {
            published: NaiveDate::from_ymd_opt(2000, 1, 1),
            source: Some("run default".into()),
            sidecar: Some(Sidecar {
                id: Some("story-1".into()),
                published: NaiveDate::from_ymd_opt(2025, 9, 20),
                title: Some("From metadata".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let html = b"<html><head><title>From HTML</title></head><body><p>Text.</p></body></html>";
        let r = read_documents("x.html", html, &opts);
        let (d, w) = &r.documents[0];
        assert_eq!(d.id, "story-1");
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2025, 9, 20));
        assert_eq!(
            d.source.as_deref(),
            Some("run default"),
            "unset fields fall back"
        );
        assert_eq!(d.title.as_deref(), Some("From metadata"));
        assert!(w.is_empty(), "{w:?}");
        // Without a date anywhere the document is still read, with a warning.
        let r = read_documents(
            "y.txt",
            b"Text.",
            &ReadOptions {
                sidecar: Some(Sidecar::default()),
                ..Default::default()
            },
        );
        assert!(r.documents[0].1[0].contains("no publication date"));
    }
}
