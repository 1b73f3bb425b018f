//! Reading what the user gives to code: files, folders (recursively), JSON Lines
//! and standard input, with metadata from flags, sidecars and JSON fields; and
//! coding them in batches with a progress line.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use sitrep_core::{Document, Output};
use sitrep_pipeline::Pipeline;
use sitrep_text::{DocFormat, InputError, ReadOptions, Sidecar};
use std::io::{BufRead, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args, Clone)]
pub(crate) struct InputArgs {
    /// Files or directories to read (directories are walked for .txt, .html,
    /// .htm, .jsonl, .ndjson); `-` or nothing reads standard input. A text or
    /// HTML file's metadata (published, source, id, title, language, url) is
    /// read from `NAME.json` beside it or from a `meta.json` whose
    /// `text_file` names it; such a `meta.json` may also be given itself.
    pub(crate) inputs: Vec<PathBuf>,
    /// Input format; `auto` guesses from the name and content.
    #[arg(long, value_enum, default_value_t = InFormat::Auto)]
    input_format: InFormat,
    /// Publication date (YYYY-MM-DD) for documents that carry none; relative
    /// dates ("Friday", "last week") are resolved against it.
    #[arg(long, value_parser = parse_day)]
    published: Option<chrono::NaiveDate>,
    /// Source name for documents that carry none.
    #[arg(long)]
    source: Option<String>,
    /// Language tag ("en", "fr") for documents that carry none. Without it
    /// each document's language is detected; sitrep reads English, and warns
    /// about a document in another language (it is still coded).
    #[arg(long)]
    language: Option<String>,
    /// Documents longer than this many bytes are coded in parts.
    #[arg(long, default_value_t = 2 << 20)]
    max_doc_bytes: usize,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum InFormat {
    Auto,
    Text,
    Html,
    Jsonl,
}

pub(crate) fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    sitrep_text::input::parse_date(s)
        .ok_or_else(|| format!("{s:?} is not a date: use YYYY-MM-DD, e.g. 2025-09-20"))
}

/// Text coded at once, at most (one document may exceed it).
const BATCH_BYTES: usize = 4 << 20;

/// One input source: a name and its bytes.
pub(crate) struct Source {
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

pub(crate) fn collect_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(p.clone());
        } else if p.is_dir() {
            let mut stack = vec![p.clone()];
            let mut found = Vec::new();
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d)
                    .with_context(|| format!("reading folder {}", d.display()))?
                {
                    let path = e?.path();
                    let hidden = path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'));
                    if hidden {
                        continue;
                    }
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                        matches!(
                            x.to_ascii_lowercase().as_str(),
                            "txt" | "html" | "htm" | "jsonl" | "ndjson"
                        )
                    }) {
                        found.push(path);
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else if p.exists() {
            out.push(named_by_metadata(p)?.unwrap_or_else(|| p.clone()));
        } else {
            bail!("{}: no such file or folder", p.display());
        }
    }
    if out.is_empty() {
        out.push(PathBuf::from("-"));
    }
    Ok(out)
}

/// A `.json` input that is a metadata sidecar (one object with `text_file`)
/// stands for the document it names, so `sitrep extract seed/meta.json`
/// codes `seed/article.txt` with that metadata. Other `.json` inputs are
/// read as JSON Lines.
fn named_by_metadata(p: &Path) -> Result<Option<PathBuf>> {
    let is_json = p
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("json"));
    if !is_json {
        return Ok(None);
    }
    let Ok(src) = read_source(p) else {
        return Ok(None);
    };
    let name = src.name;
    let Ok(Sidecar {
        text_file: Some(f), ..
    }) = Sidecar::parse(&name, &src.bytes)
    else {
        return Ok(None);
    };
    let target = p.parent().unwrap_or(Path::new("")).join(&f);
    if !target.is_file() {
        bail!("{name}: its `text_file` {f:?} is not a file beside it");
    }
    Ok(Some(target))
}

/// The metadata sidecar of a text or HTML document file, if it has one:
/// `NAME.json` beside `NAME.txt`, or the folder's `meta.json` when its
/// `text_file` names this file. A sidecar that does not parse is an error for
/// this document (its metadata would otherwise be lost without a word).
fn sidecar_for(p: &Path) -> Result<Option<Sidecar>, InputError> {
    if p.as_os_str() == "-" {
        return Ok(None);
    }
    let ext = p
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "json" | "jsonl" | "ndjson") {
        return Ok(None);
    }
    let dir = p.parent().unwrap_or(Path::new(""));
    let read = |m: &Path| read_source(m).and_then(|src| Sidecar::parse(&src.name, &src.bytes));
    let own = p.with_extension("json");
    if own.is_file() {
        return read(&own).map(Some);
    }
    let shared = dir.join("meta.json");
    if shared.is_file() {
        let m = read(&shared)?;
        if m.text_file.as_deref().is_some_and(|f| dir.join(f) == p) {
            return Ok(Some(m));
        }
    }
    Ok(None)
}

/// An input read whole: a file, or standard input for `-`.
pub(crate) fn read_source(p: &Path) -> Result<Source, InputError> {
    let (name, mut reader) = open_source(p)?;
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| InputError::Io {
        name: name.clone(),
        msg: e.to_string(),
    })?;
    Ok(Source { name, bytes })
}

fn read_options(a: &InputArgs) -> ReadOptions {
    ReadOptions {
        format: match a.input_format {
            InFormat::Auto => None,
            InFormat::Text => Some(DocFormat::Text),
            InFormat::Html => Some(DocFormat::Html),
            InFormat::Jsonl => Some(DocFormat::Jsonl),
        },
        published: a.published,
        source: a.source.clone(),
        max_doc_bytes: a.max_doc_bytes.max(1024),
        sidecar: None,
        language: a.language.clone(),
    }
}

/// Reads every input and codes it, calling `sink` with each output in
/// input order. Returns (documents coded, input errors). JSON Lines are
/// streamed record by record (memory stays bounded however long the feed);
/// a text or HTML file is one document, read whole.
pub(crate) fn code_inputs(
    a: &InputArgs,
    pipeline: &Pipeline,
    mut sink: impl FnMut(Output) -> Result<()>,
) -> Result<(usize, usize)> {
    let mut docs = 0usize;
    // Codes each batch read in parallel, in batches bounded in count and
    // bytes, keeping input order.
    let (_, errors) = read_inputs(a, &mut |mut rest| {
        while !rest.is_empty() {
            let mut n = 0;
            let mut bytes = 0;
            while n < rest.len()
                && n < 64
                && (n == 0 || bytes + rest[n].0.text.len() <= BATCH_BYTES)
            {
                bytes += rest[n].0.text.len();
                n += 1;
            }
            let tail = rest.split_off(n);
            let outs: Vec<Output> = rest
                .par_iter()
                .map(|(d, w)| pipeline.run(d, w.clone()))
                .collect();
            for o in outs {
                for w in &o.warnings {
                    eprintln!("warning: {w}");
                }
                docs += 1;
                sink(o)?;
            }
            rest = tail;
        }
        Ok(docs)
    })?;
    Ok((docs, errors))
}

/// What [`read_inputs`] hands over: documents read, with their reading
/// warnings; returns how many documents are done so far (for progress).
pub(crate) type Batch<'a> = dyn FnMut(Vec<(Document, Vec<String>)>) -> Result<usize> + 'a;

/// Reads every input (files, folders, JSON Lines, standard input, with the
/// metadata rules above) and hands the documents to `batch` in input order,
/// a bounded batch at a time, with a progress line on a terminal. Returns
/// (documents read, input errors).
pub(crate) fn read_inputs(a: &InputArgs, batch: &mut Batch) -> Result<(usize, usize)> {
    let paths = collect_paths(&a.inputs)?;
    let opts = read_options(a);
    let progress = std::io::stderr().is_terminal();
    let (mut docs, mut read, mut errors) = (0usize, 0usize, 0usize);
    let t0 = Instant::now();
    let mut last_report = Instant::now();
    // Whether a progress line is on the terminal (ended by a newline at the end).
    let mut reported = false;
    let mut hand_over =
        |pending: &mut Vec<(Document, Vec<String>)>, docs: &mut usize| -> Result<()> {
            if !pending.is_empty() {
                read += pending.len();
                *docs = batch(std::mem::take(pending))?;
            }
            Ok(())
        };
    for (k, p) in paths.iter().enumerate() {
        let opts = match sidecar_for(p) {
            Ok(sidecar) => ReadOptions {
                sidecar,
                ..opts.clone()
            },
            Err(e) => {
                eprintln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        let (name, mut reader) = match open_source(p) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        let head = match reader.fill_buf() {
            Ok(h) => h.to_vec(),
            Err(e) => {
                eprintln!("error: {name}: {e}");
                errors += 1;
                continue;
            }
        };
        let fmt = opts
            .format
            .unwrap_or_else(|| DocFormat::sniff(&name, &head));
        if fmt == DocFormat::Jsonl && !head.is_empty() {
            if let Err(e) = sitrep_text::input::check_binary(&name, &head) {
                eprintln!("error: {e}");
                errors += 1;
                continue;
            }
            let mut pending = Vec::new();
            let mut bytes = 0usize;
            for rec in sitrep_text::JsonlReader::new(&name, reader, &opts) {
                match rec {
                    Ok(parts) => {
                        bytes += parts.iter().map(|(d, _)| d.text.len()).sum::<usize>();
                        pending.extend(parts);
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        errors += 1;
                    }
                }
                if pending.len() >= 256 || bytes >= BATCH_BYTES {
                    hand_over(&mut pending, &mut docs)?;
                    bytes = 0;
                    if progress && last_report.elapsed().as_secs_f64() >= 0.5 {
                        eprint!(
                            "\r{name}: {docs} documents, {:.1}s",
                            t0.elapsed().as_secs_f64()
                        );
                        last_report = Instant::now();
                        reported = true;
                    }
                }
            }
            hand_over(&mut pending, &mut docs)?;
        } else {
            let mut bytes = Vec::new();
            if let Err(e) = reader.read_to_end(&mut bytes) {
                eprintln!("error: {name}: {e}");
                errors += 1;
                continue;
            }
            let read = sitrep_text::read_documents(&name, &bytes, &opts);
            drop(bytes);
            for e in &read.errors {
                eprintln!("error: {e}");
            }
            errors += read.errors.len();
            let mut pending = read.documents;
            hand_over(&mut pending, &mut docs)?;
        }
        if progress && paths.len() > 1 {
            eprint!(
                "\r{}/{} files, {docs} documents, {:.1}s",
                k + 1,
                paths.len(),
                t0.elapsed().as_secs_f64()
            );
            reported = true;
        }
    }
    if reported {
        eprintln!();
    }
    Ok((read, errors))
}

/// An input opened for reading: a file, or standard input for `-`.
fn open_source(p: &Path) -> Result<(String, Box<dyn std::io::BufRead>), InputError> {
    if p.as_os_str() == "-" {
        let r = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
        return Ok(("stdin".into(), Box::new(r)));
    }
    let name = p.display().to_string();
    let f = std::fs::File::open(p).map_err(|e| InputError::Io {
        name: name.clone(),
        msg: e.to_string(),
    })?;
    Ok((
        name,
        Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
    ))
}

pub(crate) fn finish(docs: usize, errors: usize) -> Result<i32> {
    if errors > 0 {
        eprintln!("{docs} document(s) coded, {errors} input error(s)");
        return Ok(1);
    }
    if docs == 0 {
        bail!("no documents read");
    }
    Ok(0)
}
