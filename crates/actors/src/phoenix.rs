//! The Phoenix actor dictionaries, compiled for name lookup.
//!
//! The Open Event Data Alliance's Phoenix dictionaries (TABARI format: about
//! 40,000 people, governments, international and non-state organisations,
//! with CAMEO actor codes, many of them dated) are compiled by
//! `sitrep actors build` into `data/phoenix.tsv`, one entry per line:
//!
//! ```text
//! Vladimir Putin<TAB>RUSELI@19700101-19990809 RUSGOV@20080509- RUSELI<TAB>vladimir putin|putin|…
//! ```
//!
//! the canonical name (the entry's head, in title case), its codes (`CODE`
//! or `CODE@FROM-TO`, dates YYYYMMDD, an open end left empty) and its
//! names, normalised as [`sitrep_geo::normalize`] does. A name two entries
//! with different codes share is left out: it cannot say which is meant.
//!
//! [`Phoenix::get`] gives the entry a name denotes and the codes in force on
//! a date; [`decode`] reads a CAMEO actor code as a country and a sector.

use crate::tabari::{read_actors, Dated};
use sitrep_geo::normalize;
use std::collections::{BTreeMap, HashMap};

/// One compiled entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub canonical: String,
    pub codes: Vec<Dated>,
}

/// Ten years in YYYYMMDD arithmetic.
const STALE: u32 = 10_0000;

/// The compiled dictionary.
#[derive(Debug, Default)]
pub struct Phoenix {
    entries: Vec<Entry>,
    by_name: HashMap<String, u32>,
}

/// First code chunks that name a kind of organisation, not a country: the
/// organisation's sector.
const NON_STATE: &[&str] = &["IGO", "NGO", "IMG", "MNC", "UIS"];

/// CAMEO role codes that give an actor's sector.
const ROLES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "LEG", "ELI", "HLH", "REF", "AGR", "LAB", "HRI", "DEV", "ENV", "UAF", "SET", "MOD", "RAD",
    "IGO", "NGO", "IMG", "MNC", "INS",
];

/// A CAMEO actor code read as (country, sector): `RUSGOV` → (RUS, GOV),
/// `IGOUNO` → (none, IGO), `SYR` → (SYR, none), `NGOUSAHRI` → (USA, NGO),
/// `USAGOVLEG` → (USA, LEG) (the last role is the most specific),
/// `INTREB` → (none, REB).
/// `is_country` says whether a three-letter chunk is a country's ISO code
/// (CAMEO's regions, "AFR", "WST", are not).
pub fn decode(code: &str, is_country: impl Fn(&str) -> bool) -> (Option<String>, Option<String>) {
    let chunks: Vec<&str> = code
        .as_bytes()
        .chunks(3)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    if !code.is_ascii() || chunks.is_empty() || chunks.iter().any(|c| c.len() != 3) {
        return (None, None);
    }
    let country = chunks
        .iter()
        .take(2)
        .find(|c| !NON_STATE.contains(c) && is_country(c))
        .map(|c| c.to_string());
    let sector = if NON_STATE.contains(&chunks[0]) {
        Some(chunks[0].to_string())
    } else {
        chunks[1..]
            .iter()
            .rev()
            .find(|c| ROLES.contains(c))
            .map(|c| c.to_string())
    };
    (country, sector)
}

/// A head name in title case: `BASHAR_AL-ASSAD_` → "Bashar Al-Assad".
fn title_case(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut up = true;
        for c in w.chars() {
            let c = if c.is_whitespace() { ' ' } else { c };
            if up {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            up = !c.is_alphanumeric() && c != '\'';
        }
    }
    out
}

fn code_text(d: &Dated) -> String {
    if d.undated() {
        return d.code.clone();
    }
    let end = |x: u32, open: u32| {
        if x == open {
            String::new()
        } else {
            x.to_string()
        }
    };
    format!("{}@{}-{}", d.code, end(d.from, 0), end(d.to, u32::MAX))
}

fn parse_code(s: &str) -> Option<Dated> {
    let (code, range) = match s.split_once('@') {
        Some((c, r)) => (c, Some(r)),
        None => (s, None),
    };
    if code.is_empty() {
        return None;
    }
    let (mut from, mut to) = (0, u32::MAX);
    if let Some(r) = range {
        let (a, b) = r.split_once('-')?;
        if !a.is_empty() {
            from = a.parse().ok()?;
        }
        if !b.is_empty() {
            to = b.parse().ok()?;
        }
    }
    Some(Dated {
        code: code.to_string(),
        from,
        to,
    })
}

/// The names a dictionary phrase is looked up by: the phrase itself and,
/// when it holds a parenthesised acronym ("ADEN_ISLAMIC_ARMY_(AIA)"), the
/// phrase without it.
fn names_of(words: &[String]) -> Vec<String> {
    let all = normalize(&words.join(" "));
    let bare: Vec<&String> = words
        .iter()
        .filter(|w| !(w.starts_with('(') && w.ends_with(')')))
        .collect();
    let mut out = vec![all];
    if bare.len() < words.len() && !bare.is_empty() {
        let b: Vec<&str> = bare.iter().map(|s| s.as_str()).collect();
        out.push(normalize(&b.join(" ")));
    }
    out.retain(|n| n.len() >= 2);
    out.dedup();
    out
}

impl Phoenix {
    /// Compiles TABARI actor files into the `phoenix.tsv` text.
    pub fn compile(files: &[(&str, &str)]) -> String {
        // (canonical, codes, names) per entry, in file order.
        let mut groups: Vec<(String, Vec<Dated>, Vec<String>)> = Vec::new();
        // Names that are an entry's head (its own first line).
        let mut heads: Vec<(String, usize)> = Vec::new();
        for (_, text) in files {
            let entries = read_actors(text);
            let mut head_group: HashMap<usize, usize> = HashMap::new();
            for e in &entries {
                let words: Vec<String> = e.phrase.iter().map(|w| w.text.clone()).collect();
                let g = *head_group.entry(e.head).or_insert_with(|| {
                    let head: Vec<String> = entries[e.head]
                        .phrase
                        .iter()
                        .map(|w| w.text.clone())
                        .collect();
                    groups.push((title_case(&head), Vec::new(), Vec::new()));
                    groups.len() - 1
                });
                for c in &e.codes {
                    if c.code != "---" && !groups[g].1.contains(c) {
                        groups[g].1.push(c.clone());
                    }
                }
                let names = names_of(&words);
                if std::ptr::eq(e, &entries[e.head]) {
                    heads.extend(names.iter().map(|n| (n.clone(), g)));
                }
                groups[g].2.extend(names);
            }
        }
        let empty: Vec<bool> = groups.iter().map(|g| g.1.is_empty()).collect();
        heads.retain(|(_, g)| !empty[*g]);
        // A name shared by entries with different codes belongs to the one
        // it heads (the one with most codes if it heads several); if it
        // heads none, it is ambiguous.
        let mut owners: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (k, g) in groups.iter().enumerate() {
            if g.1.is_empty() {
                continue;
            }
            for n in &g.2 {
                owners.entry(n.as_str()).or_default().push(k);
            }
        }
        let key = |k: usize| {
            let mut c: Vec<String> = groups[k].1.iter().map(code_text).collect();
            c.sort();
            c
        };
        let mut keep: HashMap<String, usize> = HashMap::new();
        let mut headed: HashMap<&str, Vec<usize>> = HashMap::new();
        for (n, g) in &heads {
            headed.entry(n.as_str()).or_default().push(*g);
        }
        for (n, ks) in &owners {
            if ks.iter().all(|&k| key(k) == key(ks[0])) {
                keep.insert((*n).to_string(), ks[0]);
            } else if let Some(hs) = headed.get(*n) {
                // Headed by several: the fullest entry (its dated history).
                let h = hs
                    .iter()
                    .max_by_key(|&&k| (groups[k].1.len(), std::cmp::Reverse(k)));
                keep.insert((*n).to_string(), *h.expect("a headed name has a head"));
            }
        }
        let mut out = String::from(
            "# sitrep's compiled Phoenix actor dictionary: canonical<TAB>codes<TAB>names (see src/phoenix.rs).\n\
             # Source: the Phoenix actor dictionaries of PETRARCH2 (Phoenix.Countries, .International,\n\
             # .MilNonState .actors.txt), Copyright (c) 2014 Open Event Data Alliance, MIT licence.\n\
             # Rebuild: cargo run --release -p sitrep-cli -- actors build --out crates/actors/data/phoenix.tsv\n",
        );
        for (k, (canonical, codes, names)) in groups.iter().enumerate() {
            let mut ns: Vec<&str> = names
                .iter()
                .filter(|n| keep.get(n.as_str()) == Some(&k))
                .map(String::as_str)
                .collect();
            ns.sort_unstable();
            ns.dedup();
            if ns.is_empty() {
                continue;
            }
            let cs: Vec<String> = codes.iter().map(code_text).collect();
            out.push_str(&format!(
                "{canonical}\t{}\t{}\n",
                cs.join(" "),
                ns.join("|")
            ));
        }
        out
    }

    /// Reads the compiled text.
    pub fn parse(tsv: &str) -> Result<Phoenix, String> {
        let mut p = Phoenix::default();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 3 {
                return Err(format!(
                    "phoenix.tsv:{}: expected 3 tab-separated fields, got {}",
                    n + 1,
                    f.len()
                ));
            }
            let codes: Option<Vec<Dated>> = f[1].split_whitespace().map(parse_code).collect();
            let Some(codes) = codes else {
                return Err(format!(
                    "phoenix.tsv:{}: unreadable code in {:?}",
                    n + 1,
                    f[1]
                ));
            };
            let id = p.entries.len() as u32;
            p.entries.push(Entry {
                canonical: f[0].to_string(),
                codes,
            });
            for name in f[2].split('|') {
                p.by_name.insert(name.to_string(), id);
            }
        }
        Ok(p)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry `name` denotes and its codes in force on `date`
    /// (YYYYMMDD): the dated codes that cover it, else the undated ones;
    /// without a date, the latest dated code, else the undated ones.
    pub fn get(&self, name: &str, date: Option<u32>) -> Option<(&Entry, Vec<&str>)> {
        let k = normalize(name);
        let k = k.strip_prefix("the ").unwrap_or(&k);
        let e = &self.entries[*self.by_name.get(k)? as usize];
        let codes: Vec<&str> = match date {
            Some(d) => {
                let covering: Vec<&str> = e
                    .codes
                    .iter()
                    .filter(|c| !c.undated() && c.from <= d && d <= c.to)
                    .map(|c| c.code.as_str())
                    .collect();
                // Someone whose every dated role ended long before is
                // likely not the person meant (a namesake).
                let last_end = e.codes.iter().filter(|c| !c.undated()).map(|c| c.to).max();
                if covering.is_empty() && last_end.is_some_and(|t| t < d.saturating_sub(STALE)) {
                    return None;
                }
                if covering.is_empty() {
                    undated(e)
                } else {
                    covering
                }
            }
            // Undated text: the latest dated code (the role someone is
            // known for; the undated code is often the "elite" fallback).
            None => match e.codes.iter().filter(|c| !c.undated()).max_by_key(|c| c.to) {
                Some(c) => vec![c.code.as_str()],
                None => undated(e),
            },
        };
        Some((e, codes))
    }
}

fn undated(e: &Entry) -> Vec<&str> {
    e.codes
        .iter()
        .filter(|c| c.undated())
        .map(|c| c.code.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "GONDOR_ [GON]\n+MINAS_TIRITH_\n\nARAGORN_\n+STRIDER_\n+KING_ELESSAR_\n\t[GONREB 700101-950101]\n\t[GONGOV >950101]\n\nWHITE_COUNCIL_(WC)_ [IGOMEA]\n\nBOROMIR_ [GONMIL]\n+STEWARDS_HEIR_\nFARAMIR_ [GONGOV]\n+STEWARDS_HEIR_\n+BOROMIR_\nOLD_TOOK_\n\t[SHIGOV 800101-900101]\n\t[SHIELI]\n";

    fn is_country(c: &str) -> bool {
        c == "GON" || c == "USA"
    }

    #[test]
    fn compiles_and_reads_back() {
        let text = Phoenix::compile(&[("test", DICT)]);
        let p = Phoenix::parse(&text).unwrap();
        assert_eq!(p.len(), 6);
        let (e, codes) = p.get("Minas Tirith", None).unwrap();
        assert_eq!((e.canonical.as_str(), codes), ("Gondor", vec!["GON"]));
        // Dated codes: the one in force on the date.
        let (e, codes) = p.get("Strider", Some(19_900_101)).unwrap();
        assert_eq!((e.canonical.as_str(), codes), ("Aragorn", vec!["GONREB"]));
        assert_eq!(
            p.get("King Elessar", Some(20_200_101)).unwrap().1,
            ["GONGOV"]
        );
        // Without a date: the latest code.
        assert_eq!(p.get("aragorn", None).unwrap().1, ["GONGOV"]);
        // The name without its acronym, and with "the".
        assert!(p.get("the White Council", None).is_some());
        // Someone whose roles all ended long before the date is a namesake.
        assert!(p.get("Old Took", Some(20_200_101)).is_none());
        assert!(p.get("Old Took", Some(19_950_101)).is_some());
        // A name of two entries with different codes is dropped, unless it
        // is the head of one of them.
        assert_eq!(p.get("Faramir", None).unwrap().0.canonical, "Faramir");
        assert!(p.get("Stewards Heir", None).is_none());
        assert_eq!(p.get("Boromir", None).unwrap().0.canonical, "Boromir");
    }

    #[test]
    fn decodes_cameo_actor_codes() {
        let d = |c| decode(c, is_country);
        let s = |a: &str| Some(a.to_string());
        assert_eq!(d("GONGOV"), (s("GON"), s("GOV")));
        assert_eq!(d("GON"), (s("GON"), None));
        assert_eq!(d("IGOMEA"), (None, s("IGO")));
        assert_eq!(d("NGOUSAHRI"), (s("USA"), s("NGO")));
        assert_eq!(d("AFRREB"), (None, s("REB")));
        assert_eq!(d("INTREB"), (None, s("REB")));
        assert_eq!(d("USAGOVLEG"), (s("USA"), s("LEG")));
        assert_eq!(d("X"), (None, None));
        assert_eq!(d("ÉÉÉ"), (None, None));
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(Phoenix::parse("a\tb\n").is_err());
        assert!(Phoenix::parse("a\tX@1\tx\n").is_err());
        assert!(Phoenix::parse("# only a comment\n").unwrap().is_empty());
    }
}
