use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "sitrep")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    #[command(subcommand)]
    Gazetteer(GazCmd),
}

#[derive(Subcommand)]
enum GazCmd {
    Build {
        #[arg(long, default_value = "../shared/data/geo/geonames")]
        geonames: PathBuf,
        #[arg(long)]
        places: Option<PathBuf>,
        #[arg(long, default_value = "../shared/data/events/ngec/countries.csv")]
        demonyms: PathBuf,
        #[arg(long, default_value = "data/gazetteer")]
        out: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Gazetteer(GazCmd::Build { geonames, places, demonyms, out }) => {
            let t = std::time::Instant::now();
            let places = places.unwrap_or_else(|| geonames.join("cities500.txt"));
            let s = sitrep_geo::gazetteer::build(&geonames, &places, Some(&demonyms), &out)?;
            eprintln!("{s:?} in {:.1}s", t.elapsed().as_secs_f64());
        }
    }
    Ok(())
}
