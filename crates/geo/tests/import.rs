//! `Gazetteer::import`: a GeoNames country file adds places to the
//! embedded gazetteer, known ids are kept, buildings are left out.

use sitrep_core::Span;
use sitrep_geo::{default_gazetteer, resolve, Gazetteer};

/// One GeoNames row in Syria's Idlib governorate (admin1 12).
fn row(id: u64, name: &str, alts: &str, class_code: (&str, &str), pop: u64) -> String {
    let (class, code) = class_code;
    format!(
        "{id}\t{name}\t{name}\t{alts}\t35.51\t36.62\t{class}\t{code}\tSY\t\t12\t\t\t\t{pop}\t\t100\tAsia/Damascus\t2024-01-01"
    )
}

#[test]
fn import_adds_villages_and_leaves_out_buildings() {
    let base = default_gazetteer().expect("embedded gazetteer");
    let damascus = base.lookup("Damascus");
    let known_id = base.entry(damascus[0].0).geonames_id;
    let syria = base.entry(base.country("SY").expect("Syria")).clone();
    let dir = std::env::temp_dir().join(format!("sitrep-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("SY.txt");
    // An invented village (class P), a hotel named after the country
    // (class S) and a row the gazetteer already holds.
    let lines = [
        row(99_000_001, "Tall Qasrawi", "Tell Kasrawi", ("P", "PPL"), 0),
        row(99_000_002, "Syria Palace Hotel", "Syria", ("S", "HTL"), 0),
        row(known_id, "Damascus", "", ("P", "PPLC"), 1_569_394),
        // GeoNames' own country row: its point replaces the derived one.
        row(syria.geonames_id, "Syria", "", ("A", "PCLI"), 22_933_531),
        "not a GeoNames row".to_string(),
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = dir.join("gaz");
    let r = base.import(&file, &out).expect("import");
    assert_eq!(
        (r.added, r.known, r.repositioned, r.skipped),
        (1, 1, 1, 2),
        "{r:?}"
    );
    let g = Gazetteer::load_dir(&out).expect("load the imported gazetteer");
    assert_eq!(g.len(), base.len() + 1);
    // The new village resolves by its name and its alternate spelling.
    for name in ["Tall Qasrawi", "Tell Kasrawi"] {
        let text = format!("Shelling hit {name} in Syria on Monday.");
        let an = sitrep_text::segment(&text);
        let s = text.find(name).unwrap();
        let p = resolve(&g, &text, &an, &[Span::new(s, s + name.len())]);
        let p = p[0].as_ref().expect("resolved");
        assert_eq!(p.geonames_id, Some(99_000_001), "{p:?}");
    }
    // The country is still the country.
    let country = g
        .entry(
            g.lookup("Syria")
                .into_iter()
                .map(|c| c.0)
                .min_by_key(|&id| {
                    let e = g.entry(id);
                    (e.feature != "PCLI", id)
                })
                .unwrap(),
        )
        .clone();
    assert_eq!(country.feature, "PCLI");
    assert_eq!(country.geonames_id, syria.geonames_id);
    assert_eq!((country.lat, country.lon), (35.51, 36.62));
    assert!(g.lookup("Syria Palace Hotel").is_empty());
    // A file with no place rows is an error, not an empty gazetteer.
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "hello\nworld\n").unwrap();
    assert!(base.import(&bad, &dir.join("gaz2")).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}
