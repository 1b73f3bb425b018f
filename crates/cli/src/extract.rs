//! `sitrep extract`: code documents and print their events as JSON or JSON Lines
//! (or, with `--explain`, as a reading of each field's evidence).

use crate::explain;
use crate::input::{code_inputs, finish, InputArgs};
use anyhow::Result;
use sitrep_pipeline::Pipeline;
use std::io::Write;

use clap::{Args, ValueEnum};

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum OutFormat {
    /// Pretty JSON (the default for a single document).
    Json,
    /// One compact JSON object per line (the default otherwise).
    Jsonl,
}

#[derive(Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum)]
    format: Option<OutFormat>,
    /// Print a human-readable account of each event instead of JSON: its
    /// evidence sentences and the span that filled each field.
    #[arg(long)]
    explain: bool,
}

pub(crate) fn extract(a: ExtractArgs) -> Result<i32> {
    let pipeline = Pipeline::new().map_err(anyhow::Error::msg)?;
    let single = a.input.inputs.len() == 1
        && a.input.inputs[0].is_file()
        && !a.input.inputs[0].to_string_lossy().ends_with("l");
    let format = a.format.unwrap_or(if single {
        OutFormat::Json
    } else {
        OutFormat::Jsonl
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (docs, errors) = code_inputs(&a.input, &pipeline, |o| {
        if a.explain {
            explain::write(&mut out, &o)?;
        } else if format == OutFormat::Json {
            serde_json::to_writer_pretty(&mut out, &o)?;
            writeln!(out)?;
        } else {
            serde_json::to_writer(&mut out, &o)?;
            writeln!(out)?;
        }
        Ok(())
    })?;
    out.flush()?;
    finish(docs, errors)
}
