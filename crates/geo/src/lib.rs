//! # sitrep-geo: places
//!
//! [`gazetteer`] compiles GeoNames dumps into a compact `fst` index (the
//! default one is embedded in the binary, see [`default_gazetteer`]);
//! [`resolve`] turns toponym mentions into [`Place`]s using the document's
//! context: which countries it talks about (names and demonyms, a name's own
//! mentions left out when it is scored), which provinces and states its
//! names share (rounds of coherence between them), "X, Y" and
//! "X province" patterns, "the countryside of Y", "X is in Y", population and
//! feature priors. A place the gazetteer does not know keeps its own name and
//! falls back to the town, province or country that the text says contains
//! it (precision 2), as ACLED does, else to the place the story is about
//! ([`resolve_recognised`], for a recogniser's spans, does this last step
//! only for names that say they are places: "Darby Street"). [`regions`] lists the named regions and seas the
//! gazetteer adds to GeoNames' admin units ("Darfur", "the Red Sea").

pub mod gazetteer;
pub mod regions;
mod resolve;
pub mod topojson;

pub use gazetteer::{normalize, Entry, GazError, Gazetteer, Level};
pub use resolve::{is_direction_name, resolve, resolve_recognised, to_place, Context};

use std::borrow::Cow;
use std::sync::OnceLock;

static EMBEDDED_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
static EMBEDDED_TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tables.bin"));

/// The gazetteer compiled into the binary (built from GeoNames by
/// `sitrep gazetteer build`), or the one in the directory named by the
/// `SITREP_GAZETTEER` environment variable. Loaded once.
pub fn default_gazetteer() -> Result<&'static Gazetteer, String> {
    static G: OnceLock<Result<Gazetteer, String>> = OnceLock::new();
    G.get_or_init(|| {
        if let Some(dir) = std::env::var_os("SITREP_GAZETTEER") {
            return Gazetteer::load_dir(std::path::Path::new(&dir)).map_err(|e| e.to_string());
        }
        if EMBEDDED_FST.is_empty() {
            return Err(
                "this build has no embedded gazetteer: run `sitrep gazetteer build` and rebuild"
                    .into(),
            );
        }
        Gazetteer::from_bytes(Cow::Borrowed(EMBEDDED_FST), EMBEDDED_TABLES)
            .map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| e.clone())
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().asin()
}
