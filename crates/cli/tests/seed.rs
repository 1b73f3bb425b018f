//! End to end on the canonical example in ../shared/examples/seed (not in
//! this repository). Skips, saying so, where ../shared is absent; CI makes
//! its absence an error (SITREP_REQUIRE_SHARED=1).

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn seed() -> Option<PathBuf> {
    sitrep_eval::shared_path("examples/seed/article.txt")
}

fn extract(path: &std::path::Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "extract",
            path.to_str().unwrap(),
            "--published",
            "2025-09-20",
            "--source",
            "seed",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn events_of<'a>(v: &'a Value, kind: &str) -> Vec<&'a Value> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == kind)
        .collect()
}

fn actor_names(e: &Value) -> Vec<String> {
    e["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["canonical"].as_str().unwrap().to_string())
        .collect()
}

fn has_actor(e: &Value, role: &str, needle: &str) -> bool {
    e["actors"].as_array().unwrap().iter().any(|a| {
        a["role"] == role
            && (a["canonical"].as_str().unwrap().contains(needle)
                || a["affiliation"]
                    .as_str()
                    .is_some_and(|x| x.contains(needle)))
    })
}

fn claim_sources(e: &Value) -> Vec<(String, Option<String>)> {
    e["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["source_canonical"]
                    .as_str()
                    .or(c["source"].as_str())
                    .unwrap()
                    .to_string(),
                c["via"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn seed_article_events() {
    let Some(p) = seed() else { return };
    let v = extract(&p);
    let text = v["text"].as_str().unwrap();
    assert_eq!(v["schema"], "sitrep/1");

    // Every span is a slice of the text, and every event has evidence.
    for e in v["events"].as_array().unwrap() {
        assert!(
            !e["evidence"].as_array().unwrap().is_empty(),
            "event without evidence: {e}"
        );
        for a in e["actors"].as_array().unwrap() {
            let (s, t) = (
                a["start"].as_u64().unwrap() as usize,
                a["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..t], a["text"].as_str().unwrap());
        }
    }

    // 1. The 2025-09-19 raid in Syria by CENTCOM that killed Omar Abdul Qader, claimed by CENTCOM and by ICTS via Rudaw.
    let raids: Vec<_> = events_of(&v, "raid")
        .into_iter()
        .filter(|e| e["date"]["value"] == "2025-09-19")
        .collect();
    assert_eq!(raids.len(), 1, "one 2025-09-19 raid: {raids:?}");
    let r = raids[0];
    assert_eq!(r["date"]["precision"], "day");
    assert_eq!(r["location"]["country_code"], "SY");
    assert_eq!(r["plover"]["category"], "ASSAULT");
    assert!(r["cameo"].as_str().unwrap().starts_with("19"));
    assert_eq!(r["acled"]["event_type"], "Battles");
    assert_eq!(r["fatalities"], 1);
    assert_eq!(r["mode"], "asserted");
    assert!(has_actor(r, "actor1", "CENTCOM"), "{:?}", actor_names(r));
    let target = r["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["role"] == "target")
        .expect("a target");
    assert!(target["canonical"]
        .as_str()
        .unwrap()
        .starts_with("Omar Abdul Qader"));
    assert!(target["affiliation"].as_str().unwrap().contains("ISIS"));
    let claims = claim_sources(r);
    assert!(
        claims.iter().any(|(s, _)| s.contains("CENTCOM")),
        "{claims:?}"
    );
    assert!(
        claims.iter().any(|(s, via)| s.contains("Counter-Terrorism")
            && via.as_deref().is_some_and(|x| x.contains("Rudaw"))),
        "{claims:?}"
    );
    // ICTS claims a part that CENTCOM's statement leaves out.
    let d = r["disputed"].as_array().expect("disputed participation");
    assert!(
        d.iter()
            .any(|x| x["field"] == "participants" && x.to_string().contains("Counter-Terrorism")),
        "{d:?}"
    );

    // Aliases of the target are linked in the entity layer.
    let omar: Vec<_> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["canonical"] == "Omar Abdul Qader Bassam")
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(
        omar.contains(&"Omar Abdul Qader") && omar.contains(&"Abdul Rahman al-Halabi"),
        "{omar:?}"
    );

    // 2. The 2025-08-19 raid in Atmeh (not in cities500): Idlib province, precision 2.
    let atmeh: Vec<_> = events_of(&v, "raid")
        .into_iter()
        .filter(|e| e["date"]["value"] == "2025-08-19")
        .collect();
    assert_eq!(atmeh.len(), 1);
    let a = atmeh[0];
    assert_eq!(a["location"]["name"], "Atmeh");
    assert_eq!(a["location"]["admin1"], "Idlib");
    assert_eq!(a["location"]["precision"], 2);
    assert!(has_actor(a, "target", "Abu Hafs al-Qurayshi") && has_actor(a, "target", "ISIS"));

    // 3. The 2013 bombing of the Iranian embassy in Lebanon: 23 killed, 160 injured, historical.
    let b = events_of(&v, "bombing");
    assert_eq!(b.len(), 1);
    let b = b[0];
    assert_eq!(
        (b["date"]["value"].as_str(), b["date"]["precision"].as_str()),
        (Some("2013"), Some("year"))
    );
    assert_eq!(b["location"]["country_code"], "LB");
    assert_eq!(
        (b["fatalities"].as_u64(), b["injuries"].as_u64()),
        (Some(23), Some(160))
    );
    assert_eq!(b["mode"], "historical");

    // 4. ISIS killed an SDF member last week near Muheimida, Deir ez-Zor; claimed by the SDF.
    let k: Vec<_> = events_of(&v, "killing")
        .into_iter()
        .filter(|e| e["date"]["value"] == "2025-W37")
        .collect();
    assert_eq!(k.len(), 1);
    let k = k[0];
    assert_eq!(
        (
            k["date"]["start_date"].as_str(),
            k["date"]["end_date"].as_str()
        ),
        (Some("2025-09-08"), Some("2025-09-14"))
    );
    assert!(has_actor(k, "actor1", "ISIS") && has_actor(k, "target", "SDF"));
    assert_eq!(k["location"]["admin1"], "Deir ez-Zor");
    assert_eq!(k["location"]["precision"], 2);
    assert!(claim_sources(k).iter().any(|(s, _)| s.contains("SDF")));

    // 5. The meeting in Damascus earlier this month between Cooper (CENTCOM) and al-Sharaa.
    let m = events_of(&v, "meeting");
    assert_eq!(m.len(), 1);
    let m = m[0];
    assert_eq!(m["plover"]["category"], "CONSULT");
    assert_eq!(
        (m["date"]["value"].as_str(), m["date"]["precision"].as_str()),
        (Some("2025-09"), Some("month"))
    );
    assert!(m["date"]["end_date"].as_str().unwrap() < "2025-09-20");
    assert_eq!(m["location"]["name"], "Damascus");
    assert!(has_actor(m, "actor1", "Brad Cooper") && has_actor(m, "actor1", "CENTCOM"));
    assert!(has_actor(m, "actor2", "Ahmed al-Sharaa"));

    // Each of these names resolves to one canonical actor across the document.
    for group in [
        &["ISIS"][..],
        &["CENTCOM", "US Central Command"],
        &["SDF", "Syrian Democratic Forces"],
        &[
            "ICTS",
            "Iraqi Counter-Terrorism Service",
            "Iraqi Counter Terrorism Service",
        ],
    ] {
        let mut canon: Vec<&str> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["actors"].as_array().unwrap().iter())
            .filter(|a| {
                group
                    .iter()
                    .any(|g| a["text"].as_str().unwrap().contains(g))
            })
            .map(|a| a["canonical"].as_str().unwrap())
            .collect();
        canon.sort();
        canon.dedup();
        assert!(canon.len() <= 1, "{group:?} → {canon:?}");
    }
}

#[test]
fn seed_ingests_idempotently() {
    let Some(p) = seed() else { return };
    let dir = std::env::temp_dir().join(format!("sitrep-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(args)
            .output()
            .unwrap()
    };
    for _ in 0..2 {
        let o = run(&[
            "ingest",
            p.to_str().unwrap(),
            "--published",
            "2025-09-20",
            "--db",
            db.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let o = run(&[
        "ingest",
        p.to_str().unwrap(),
        "--published",
        "2025-09-20",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 unchanged"));
    let q = run(&[
        "query",
        "--db",
        db.to_str().unwrap(),
        "--type",
        "raid",
        "--country",
        "SY",
        "--format",
        "csv",
    ]);
    let csv = String::from_utf8(q.stdout).unwrap();
    assert_eq!(csv.lines().count(), 3, "header + two raids:\n{csv}");
    let q = run(&[
        "query",
        "--db",
        db.to_str().unwrap(),
        "--actor",
        "SDF",
        "--from",
        "2025-09-01",
        "--to",
        "2025-09-30",
    ]);
    assert!(String::from_utf8(q.stdout).unwrap().lines().count() >= 1);
    std::fs::remove_dir_all(&dir).ok();
}

/// The entities issue's acceptance: the article's people and organisations
/// are found with their types (checked on the `entities` list, by text).
#[test]
fn seed_people_and_organisations() {
    let Some(path) = seed() else { return };
    let v = extract(&path);
    let ents = v["entities"].as_array().unwrap();
    let has = |name: &str, ty: &str| ents.iter().any(|e| e["text"] == name && e["type"] == ty);
    for p in [
        "Omar Abdul Qader",
        "Abu Hafs al-Qurayshi",
        "Brad Cooper",
        "Ahmed al-Sharaa",
    ] {
        assert!(has(p, "PER"), "{p} not found as PER");
    }
    for o in [
        "ISIS",
        "US Central Command",
        "Iraqi Counter-Terrorism Service",
        "Rudaw Media Network",
        "North Press Agency",
        "Syrian Democratic Forces",
    ] {
        assert!(has(o, "ORG"), "{o} not found as ORG");
    }
}

/// The seed folder as it comes (article.txt and meta.json): its metadata is
/// read, so the article is dated without `--published` and relative dates
/// resolve against it.
#[test]
fn seed_folder_metadata_dates_the_article() {
    let Some(p) = seed() else { return };
    let dir = p.parent().unwrap();
    for input in [dir.to_path_buf(), dir.join("meta.json")] {
        let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(["extract", input.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(!err.contains("no publication date"), "{err}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["document"]["published"], "2025-09-20");
        assert!(v["document"]["title"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
        let raid = events_of(&v, "raid");
        assert!(!raid.is_empty(), "no raid event");
        assert_eq!(raid[0]["date"]["value"], "2025-09-19");
    }
}
