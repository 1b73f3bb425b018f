//! `sitrep actors`: build and inspect the compiled actor dictionaries.

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Subcommand)]
pub(crate) enum ActorsCmd {
    /// Compile the Phoenix actor dictionaries (TABARI format, with dated CAMEO
    /// codes) into the index the actor stage reads. The defaults rebuild the
    /// committed file:
    /// sitrep actors build --out crates/actors/data/phoenix.tsv
    Build {
        /// Folder holding Phoenix.Countries.actors.txt,
        /// Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt.
        #[arg(long, default_value = "../shared/data/events/petrarch2")]
        petrarch: PathBuf,
        /// Where to write the compiled dictionary.
        #[arg(long, default_value = "crates/actors/data/phoenix.tsv")]
        out: PathBuf,
    },
    /// Look names up in the actor dictionaries in use (sitrep's own, then
    /// Phoenix), as of a date. Example:
    /// sitrep actors info "Vladimir Putin" "Hezbollah" --date 2025-09-19
    Info {
        /// Names to look up.
        names: Vec<String>,
        /// The date the codes must hold on (YYYY-MM-DD; default: none, the
        /// latest codes).
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
    },
}

pub(crate) fn actors(a: ActorsCmd) -> Result<i32> {
    match a {
        ActorsCmd::Build { petrarch, out } => {
            let t = Instant::now();
            let names = [
                "Phoenix.Countries.actors.txt",
                "Phoenix.International.actors.txt",
                "Phoenix.MilNonState.actors.txt",
            ];
            let mut texts = Vec::new();
            for n in names {
                let p = petrarch.join(n);
                let raw =
                    std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?;
                texts.push((n, String::from_utf8_lossy(&raw).into_owned()));
            }
            let files: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
            let compiled = sitrep_actors::phoenix::Phoenix::compile(&files);
            let p =
                sitrep_actors::phoenix::Phoenix::parse(&compiled).map_err(anyhow::Error::msg)?;
            if p.is_empty() {
                bail!("{}: no actor entries with codes found", petrarch.display());
            }
            std::fs::write(&out, &compiled)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "built {}: {} actors, {:.1} MB in {:.1}s",
                out.display(),
                p.len(),
                compiled.len() as f64 / 1e6,
                t.elapsed().as_secs_f64()
            );
            Ok(0)
        }
        ActorsCmd::Info { names, date } => {
            let dict = sitrep_actors::ActorDict::embedded();
            let gaz = sitrep_geo::default_gazetteer().map_err(anyhow::Error::msg)?;
            out!(
                "{} own actors, {} Phoenix actors",
                dict.len(),
                dict.phoenix().len()
            );
            for n in names {
                match dict.lookup(&n, date, gaz) {
                    Some((a, from)) => out!(
                        "{n:?}: {} [{}] country {} sector {}",
                        a.canonical,
                        from,
                        a.country.as_deref().unwrap_or("-"),
                        a.sector.as_deref().unwrap_or("-")
                    ),
                    None => out!("{n:?}: not found"),
                }
            }
            Ok(0)
        }
    }
}
