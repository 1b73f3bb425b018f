//! The name lexicon compiled into a model: places from GeoNames (LOC),
//! nationalities from the NGEC country list (MISC, as CoNLL annotates them),
//! and people, groups and places from the Phoenix (TABARI) actor
//! dictionaries. Readers here take only names and a type; the actor stage
//! reads the same dictionaries for codes.

use crate::features::norm;
use crate::Resources;
use std::path::Path;

const PER: usize = 0;
const ORG: usize = 1;
const LOC: usize = 2;
const MISC: usize = 3;

fn words(name: &str) -> Vec<String> {
    name.split_whitespace().map(norm).collect()
}

fn read(p: &Path) -> std::io::Result<String> {
    Ok(String::from_utf8_lossy(&std::fs::read(p)?).into_owned())
}

/// GeoNames: `cities500.txt` (name and ASCII name of every place; alternate
/// names of places of at least `alt_min_pop` people), `admin1CodesASCII.txt`,
/// `admin2Codes.txt` and `countryInfo.txt` in `dir`. Returns names added.
pub fn add_geonames(res: &mut Resources, dir: &Path, alt_min_pop: u64) -> std::io::Result<usize> {
    let mut n = 0;
    let mut add = |res: &mut Resources, s: &str| {
        let w = words(s);
        if !w.is_empty() && s.chars().any(char::is_alphabetic) {
            res.add_name(&w, LOC);
            n += 1;
        }
    };
    for line in read(&dir.join("cities500.txt"))?.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 15 {
            continue;
        }
        add(res, c[1]);
        if c[2] != c[1] {
            add(res, c[2]);
        }
        if c[14].parse::<u64>().unwrap_or(0) >= alt_min_pop {
            for a in c[3].split(',').filter(|a| a.is_ascii()) {
                add(res, a);
            }
        }
    }
    for f in ["admin1CodesASCII.txt", "admin2Codes.txt"] {
        for line in read(&dir.join(f))?.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() >= 3 {
                add(res, c[1]);
                add(res, c[2]);
            }
        }
    }
    for line in read(&dir.join("countryInfo.txt"))?.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if !line.starts_with('#') && c.len() > 5 {
            add(res, c[4]);
            add(res, c[5]);
        }
    }
    Ok(n)
}

/// NGEC `countries.csv`: country names (LOC) and nationality words (MISC).
pub fn add_nationalities(res: &mut Resources, path: &Path) -> std::io::Result<usize> {
    let text = read(path)?;
    let mut n = 0;
    for line in text.lines().skip(1) {
        // CCA2,Name,CCA3,"Nationality, Nationality, …"
        let mut cols = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        for ch in line.chars() {
            match ch {
                '"' => quoted = !quoted,
                ',' if !quoted => cols.push(std::mem::take(&mut cur)),
                _ => cur.push(ch),
            }
        }
        cols.push(cur);
        if cols.len() < 4 {
            continue;
        }
        res.add_name(&words(&cols[1]), LOC);
        for d in cols[3].split(',').map(str::trim).filter(|d| !d.is_empty()) {
            // Long entries ("Islamic Republic of Afghanistan") are names, not nationalities.
            let t = if d.split_whitespace().count() > 1 {
                LOC
            } else {
                MISC
            };
            res.add_name(&words(d), t);
            n += 1;
        }
    }
    Ok(n)
}

/// A Phoenix/TABARI `.actors` file. Each entry is `NAME_ [CODE …]` followed by
/// `+SYNONYM_` lines. An entry with a dated code (`[SYRGOV 000717-]`) is a
/// person; undated entries are places in the country file (`countries`) and
/// organisations elsewhere. A parenthesised acronym is also a name.
pub fn add_phoenix(res: &mut Resources, path: &Path, countries: bool) -> std::io::Result<usize> {
    let text = read(path)?;
    let mut n = 0;
    let mut kind = ORG;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (name, synonym) = match line.strip_prefix('+') {
            Some(s) => (s, true),
            None => (line, false),
        };
        let (name, codes) = match name.find('[') {
            Some(k) => (&name[..k], &name[k..]),
            None => (name, ""),
        };
        if !synonym {
            let dated = codes.chars().any(|c| c.is_ascii_digit());
            kind = if dated {
                PER
            } else if countries {
                LOC
            } else {
                ORG
            };
        }
        let name = name.replace('_', " ");
        let mut base = String::new();
        let mut rest = name.as_str();
        while let Some(a) = rest.find('(') {
            base.push_str(&rest[..a]);
            let Some(b) = rest[a..].find(')') else { break };
            let acr = rest[a + 1..a + b].trim();
            if !acr.is_empty() && acr.chars().all(|c| c.is_ascii_uppercase()) {
                res.add_name(&words(acr), kind);
            }
            rest = &rest[a + b + 1..];
        }
        base.push_str(rest);
        let w = words(&base);
        if !w.is_empty() {
            res.add_name(&w, kind);
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phoenix_entries_and_synonyms() {
        let dir = std::env::temp_dir().join(format!("sitrep-ner-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("x.actors");
        std::fs::write(
            &p,
            "# comment\nDEMOCRATIC_FRONT_(DFLP)_ [PSEREB] # kkl\n+RED_FRONT_\nGEORGE_ROBERTSON_\t[IGOWSTNAT 991014-031217]\t# NATO\n",
        )
        .unwrap();
        let mut r = Resources::default();
        assert_eq!(add_phoenix(&mut r, &p, false).unwrap(), 3);
        let marks = r.lexicon_marks(&[
            "the",
            "red",
            "front",
            "and",
            "dflp",
            "met",
            "george",
            "robertson",
        ]);
        assert_eq!(marks[1], vec!["ORG-B"]);
        assert_eq!(marks[2], vec!["ORG-L"]);
        assert_eq!(marks[4], vec!["ORG-U"]);
        assert_eq!(marks[6], vec!["PER-B"]);
        assert!(marks[0].is_empty() && marks[5].is_empty());
        std::fs::remove_dir_all(&dir).ok();
    }
}
