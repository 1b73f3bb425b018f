//! Country facts an ACLED row needs: the ISO numeric code and name
//! (`data/countries.tsv`, from GeoNames' `countryInfo.txt`, CC BY 4.0; see
//! `data/README.md` for the command that rebuilds it) and ACLED's region.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One country of `data/countries.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso2: &'static str,
    pub iso3: &'static str,
    /// ISO 3166-1 numeric code, as a number (ACLED's `iso` column).
    pub numeric: u16,
    pub name: &'static str,
}

const TABLE: &str = include_str!("../data/countries.tsv");

fn table() -> &'static HashMap<&'static str, Country> {
    static T: OnceLock<HashMap<&'static str, Country>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                let [iso2, iso3, numeric, name] = f[..] else {
                    return None;
                };
                Some((
                    iso2,
                    Country {
                        iso2,
                        iso3,
                        numeric: numeric.parse().ok()?,
                        name,
                    },
                ))
            })
            .collect()
    })
}

/// The country with this ISO alpha-2 code (case-insensitive).
pub fn by_iso2(cc: &str) -> Option<&'static Country> {
    table().get(cc.to_ascii_uppercase().as_str())
}

/// The alpha-2 code of an ISO alpha-3 code (case-insensitive).
pub fn iso2_of_iso3(iso3: &str) -> Option<&'static str> {
    let up = iso3.to_ascii_uppercase();
    table().values().find(|c| c.iso3 == up).map(|c| c.iso2)
}

/// ACLED's regions and the countries (ISO alpha-2) in each, as ACLED
/// groups them (sub-Saharan Africa in four parts, the Middle East with
/// Turkey and Cyprus, the Caucasus with Central Asia, Mexico with Central
/// America). Written for sitrep.
const REGIONS: &[(&str, &str)] = &[
    ("Western Africa", "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH"),
    ("Middle Africa", "AO CM CF TD CG CD GQ GA ST"),
    (
        "Eastern Africa",
        "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF",
    ),
    ("Southern Africa", "BW LS NA ZA SZ"),
    ("Northern Africa", "DZ EG LY MA SD TN EH"),
    ("Middle East", "BH CY IR IQ IL JO KW LB OM PS QA SA SY TR AE YE"),
    ("Caucasus and Central Asia", "AM AZ GE KZ KG TJ TM UZ"),
    ("South Asia", "AF BD BT IN MV NP PK LK"),
    ("Southeast Asia", "BN KH ID LA MY MM PH SG TH TL VN CX CC"),
    ("East Asia", "CN HK MO JP KP KR MN TW"),
    (
        "Caribbean",
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    ),
    ("Central America", "BZ CR SV GT HN MX NI PA"),
    ("South America", "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS"),
    ("North America", "CA US GL BM PM UM"),
    (
        "Oceania",
        "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF HM",
    ),
    ("Antarctica", "AQ BV"),
    (
        "Europe",
        "AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA AX SJ",
    ),
];

/// ACLED's region of a country (ISO alpha-2), if it is in one.
pub fn acled_region(cc: &str) -> Option<&'static str> {
    let up = cc.to_ascii_uppercase();
    REGIONS
        .iter()
        .find(|(_, ccs)| ccs.split(' ').any(|c| c == up))
        .map(|(r, _)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_regions() {
        let sy = by_iso2("sy").unwrap();
        assert_eq!((sy.iso3, sy.numeric, sy.name), ("SYR", 760, "Syria"));
        assert_eq!(iso2_of_iso3("usa"), Some("US"));
        assert_eq!(acled_region("SY"), Some("Middle East"));
        assert_eq!(acled_region("ng"), Some("Western Africa"));
        assert_eq!(acled_region("ZZ"), None);
    }

    #[test]
    fn every_country_has_one_region() {
        for c in table().values() {
            let n = REGIONS
                .iter()
                .filter(|(_, ccs)| ccs.split(' ').any(|x| x == c.iso2))
                .count();
            // GeoNames lists a few entities ACLED does not cover (the
            // former Netherlands Antilles, Serbia and Montenegro).
            if !matches!(c.iso2, "AN" | "CS") {
                assert_eq!(n, 1, "{} ({}) is in {n} regions", c.iso2, c.name);
            }
        }
    }

    /// The committed table is what its rebuild command makes of GeoNames'
    /// `countryInfo.txt`.
    #[test]
    fn table_matches_its_source() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/geo/geonames/countryInfo.txt");
        let Ok(text) = std::fs::read_to_string(&src) else {
            if std::env::var_os("SITREP_REQUIRE_SHARED").is_some() {
                panic!("{} is missing", src.display());
            }
            eprintln!("SKIPPED: {} is missing", src.display());
            return;
        };
        let rebuilt: String = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f.len() > 4).then(|| format!("{}\t{}\t{}\t{}\n", f[0], f[1], f[2], f[4]))
            })
            .collect();
        assert_eq!(rebuilt, TABLE);
    }
}
