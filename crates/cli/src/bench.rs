//! `sitrep bench`: the pipeline's throughput on a corpus, in articles and MB
//! per second; with `--ingest N`, the throughput of `ingest` on a generated
//! feed of N reports, with incident linking and without.

use crate::input::{collect_paths, read_source};
use chrono::Datelike;
use clap::Args;
use rayon::prelude::*;
use sitrep_core::Document;
use sitrep_pipeline::Pipeline;
use sitrep_text::ReadOptions;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Result};
use std::io::Write as _;

#[derive(Args)]
pub(crate) struct BenchArgs {
    /// Files or folders to code (default: the repository's examples/).
    inputs: Vec<PathBuf>,
    /// Repeat the corpus this many times.
    #[arg(long, default_value_t = 20)]
    repeat: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Instead: generate a feed of this many 600-word reports (incidents
    /// over a year in 40 towns, each told by one to five outlets with their
    /// own wording and toll, padded with background), code them, and store them in a new SQLite file
    /// twice, with incident linking and without; prints articles/s of each
    /// and what linking costs.
    #[arg(long, value_name = "N", conflicts_with_all = ["inputs", "repeat"])]
    ingest: Option<usize>,
    /// Instead: print that generated feed of N reports as JSON Lines (the
    /// input of `extract`, `ingest` and `submit`), to try a pipeline on.
    #[arg(long, value_name = "N", conflicts_with_all = ["inputs", "repeat", "ingest"])]
    feed: Option<usize>,
}

pub(crate) fn bench(b: BenchArgs) -> Result<i32> {
    if let Some(n) = b.ingest {
        return bench_ingest(n, b.threads);
    }
    if let Some(n) = b.feed {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for d in feed(n) {
            serde_json::to_writer(&mut out, &crate::queue::record(&d))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(0);
    }
    let inputs = if b.inputs.is_empty() {
        vec![PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples"
        ))]
    } else {
        b.inputs
    };
    let pipeline = Pipeline::new().map_err(anyhow::Error::msg)?;
    let mut docs = Vec::new();
    for p in collect_paths(&inputs)? {
        let src = read_source(&p)?;
        let r = sitrep_text::read_documents(
            &src.name,
            &src.bytes,
            &ReadOptions {
                published: chrono::NaiveDate::from_ymd_opt(2025, 9, 20),
                ..Default::default()
            },
        );
        docs.extend(r.documents.into_iter().map(|x| x.0));
    }
    if docs.is_empty() {
        bail!("no documents to benchmark");
    }
    let corpus: Vec<&Document> = (0..b.repeat.max(1)).flat_map(|_| docs.iter()).collect();
    let bytes: usize = corpus.iter().map(|d| d.text.len()).sum();
    let words: usize = corpus
        .iter()
        .map(|d| d.text.split_whitespace().count())
        .sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(b.threads.unwrap_or(0))
        .build()?;
    // Warm-up (loads the gazetteer).
    pipeline.run(corpus[0], vec![]);
    let t = Instant::now();
    let events: usize = pool.install(|| {
        corpus
            .par_iter()
            .map(|d| pipeline.run(d, vec![]).events.len())
            .sum()
    });
    let s = t.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "documents": corpus.len(),
        "bytes": bytes,
        "words": words,
        "events": events,
        "threads": pool.current_num_threads(),
        "seconds": (s * 1e4).round() / 1e4,
        "docs_per_sec": (corpus.len() as f64 / s).round(),
        "mb_per_sec": ((bytes as f64 / 1e6 / s) * 100.0).round() / 100.0,
        "articles_600w_per_sec": ((words as f64 / 600.0 / s) * 10.0).round() / 10.0,
    });
    out!("{}", serde_json::to_string_pretty(&report)?);
    Ok(0)
}

const TOWNS: &[&str] = &[
    "Kirkuk, Iraq",
    "Mosul, Iraq",
    "Basra, Iraq",
    "Fallujah, Iraq",
    "Aleppo, Syria",
    "Homs, Syria",
    "Idlib, Syria",
    "Deir ez-Zor, Syria",
    "Kabul, Afghanistan",
    "Kandahar, Afghanistan",
    "Jalalabad, Afghanistan",
    "Peshawar, Pakistan",
    "Quetta, Pakistan",
    "Karachi, Pakistan",
    "Mogadishu, Somalia",
    "Kismayo, Somalia",
    "Maiduguri, Nigeria",
    "Kano, Nigeria",
    "Gao, Mali",
    "Timbuktu, Mali",
    "Mopti, Mali",
    "Ouagadougou, Burkina Faso",
    "Djibo, Burkina Faso",
    "Niamey, Niger",
    "Goma, Congo",
    "Beni, Congo",
    "Bunia, Congo",
    "Juba, South Sudan",
    "El Fasher, Sudan",
    "Khartoum, Sudan",
    "Sanaa, Yemen",
    "Aden, Yemen",
    "Taiz, Yemen",
    "Benghazi, Libya",
    "Tripoli, Libya",
    "Kharkiv, Ukraine",
    "Donetsk, Ukraine",
    "Kherson, Ukraine",
    "Culiacan, Mexico",
    "Cali, Colombia",
];
const FIRST: &[&str] = &[
    "Ahmad", "Samir", "Yusuf", "Omar", "Karim", "Ibrahim", "Hassan", "Musa", "Tariq", "Bilal",
];
const LAST: &[&str] = &[
    "Haddad", "Khoury", "Bakr", "Saleh", "Jabbar", "Rahimi", "Diallo", "Okafor", "Traore", "Nasser",
];
const OUTLETS: &[&str] = &["Wire A", "Wire B", "Daily C", "Radio D", "Times E"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Background sentences that pad a report to an article's length (about
/// 600 words, the unit of every throughput figure here); they tell no
/// event.
const BACKGROUND: &[&str] = &[
    "The city lies on a busy trade route and its markets draw traders from across the region.",
    "Prices of flour and cooking oil have risen sharply over the past year, according to local merchants.",
    "Electricity is available for only a few hours a day in many neighbourhoods.",
    "Schools reopened last month after a long break, and teachers say attendance has been low.",
    "The provincial council is expected to discuss the budget for road repairs next week.",
    "Aid agencies estimate that thousands of families in the area depend on food assistance.",
    "Farmers in the surrounding villages have complained about a shortage of water for irrigation.",
    "The main hospital has appealed for more doctors and for supplies of basic medicines.",
    "Many residents work as day labourers, and unemployment among young men remains high.",
    "The weather has been unusually hot, with temperatures above forty degrees in the afternoons.",
    "Local officials say a new bridge over the river should be finished by the end of the year.",
    "The region has a long history of disputes over land and grazing rights.",
    "Mobile phone coverage has improved in the past two years, though it remains patchy in rural areas.",
    "Traders say that the road to the capital is often closed for hours at checkpoints.",
    "The local currency has lost much of its value against the dollar since the start of the year.",
    "A university in the city enrols several thousand students, many of them from nearby districts.",
];

/// A deterministic feed of `n` short reports: incidents (a town, a day, a
/// kind of attack, a victim), each told by one to five outlets in their
/// own words, with tolls that differ by outlet.
fn feed(n: usize) -> Vec<Document> {
    let mut docs = Vec::with_capacity(n);
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: usize| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % m as u64) as usize
    };
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date");
    let mut incident = 0;
    while docs.len() < n {
        incident += 1;
        let town = TOWNS[next(TOWNS.len())];
        let (place, country) = town.split_once(", ").unwrap_or((town, ""));
        let day = start + chrono::Days::new(next(365) as u64);
        let victim = format!("{} {}", FIRST[next(FIRST.len())], LAST[next(LAST.len())]);
        let toll = 2 + next(8);
        let reports = 1 + next(5);
        let kind = next(3);
        for (r, outlet) in OUTLETS.iter().enumerate().take(reports.min(n - docs.len())) {
            let published = day + chrono::Days::new(r as u64 / 2);
            let date = format!("{} {}", MONTHS[day.month0() as usize], day.day());
            let dead = toll + r;
            let text = match (kind, r % 3) {
                (0, 0) => format!("{} ({}) - A car bomb exploded at a crowded market in {place}, {country}, on {date}, killing {dead} people, police said. The blast also wounded dozens of shoppers, according to hospital officials. No group has claimed responsibility.", place.to_uppercase(), outlet),
                (0, 1) => format!("At least {dead} people were killed when a car bomb went off in a busy market in {place}, {country}, on {date}, officials said. Witnesses described scenes of panic as smoke rose over the area."),
                (0, _) => format!("The death toll from the car bombing of a market in {place}, {country}, on {date} has reached {dead}, a health official said. Security forces sealed off the area after the attack."),
                (1, 0) => format!("Gunmen shot dead a local official, {victim}, outside his home in {place}, {country}, on {date}, police said. The attackers fled on motorcycles. {dead} of his guards were also killed."),
                (1, 1) => format!("{victim}, a local official, was assassinated by gunmen in {place}, {country}, on {date}, security sources said. The attack killed {dead} people in all, including his guards."),
                (1, _) => format!("Police in {place}, {country}, said gunmen killed local official {victim} and {dead} others on {date}. An investigation has been opened."),
                (_, 0) => format!("Militants attacked a police checkpoint in {place}, {country}, on {date}, killing {dead} officers, the interior ministry said. Reinforcements were sent to the area."),
                (_, 1) => format!("{dead} police officers died when militants stormed a checkpoint near {place}, {country}, on {date}, a security official said."),
                _ => format!("An assault on a police checkpoint in {place}, {country}, on {date} killed {dead} officers, local authorities said on {}.", MONTHS[published.month0() as usize].to_string() + " " + &published.day().to_string()),
            };
            // Pad to about 600 words with background.
            let mut text = text;
            while text.split_whitespace().count() < 600 {
                text.push_str(if next(4) == 0 { "\n\n" } else { " " });
                text.push_str(BACKGROUND[next(BACKGROUND.len())]);
            }
            docs.push(Document {
                id: format!("feed-{incident}-{r}"),
                source: Some(outlet.to_string()),
                published: Some(published),
                language: "en".into(),
                url: None,
                title: None,
                text,
            });
        }
    }
    docs
}

fn bench_ingest(n: usize, threads: Option<usize>) -> Result<i32> {
    if n == 0 {
        bail!("--ingest needs at least one article");
    }
    let docs = feed(n);
    let pipeline = Pipeline::new().map_err(anyhow::Error::msg)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
    pipeline.run(&docs[0], vec![]);
    let t = Instant::now();
    let outs: Vec<sitrep_core::Output> =
        pool.install(|| docs.par_iter().map(|d| pipeline.run(d, vec![])).collect());
    let coding = t.elapsed().as_secs_f64();
    let events: usize = outs.iter().map(|o| o.events.len()).sum();
    let dir = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let store_secs =
        |link: Option<sitrep_store::LinkOptions>, name: &str| -> Result<(f64, usize)> {
            let path = dir.join(name);
            let path = path.to_string_lossy().into_owned();
            let mut store = sitrep_store::Store::open(&path)?;
            store.set_linking(link)?;
            let t = Instant::now();
            for (k, o) in outs.iter().enumerate() {
                store.ingest(o)?;
                if (k + 1) % 10_000 == 0 {
                    eprintln!("{name}: {} stored", k + 1);
                }
            }
            Ok((t.elapsed().as_secs_f64(), store.incident_count()?))
        };
    let (plain, unlinked) = store_secs(None, "plain.db")?;
    let (linked, incidents) = store_secs(Some(sitrep_store::LinkOptions::default()), "linked.db")?;
    if std::env::var_os("SITREP_BENCH_KEEP").is_none() {
        std::fs::remove_dir_all(&dir).ok();
    } else {
        eprintln!("kept {}", dir.display());
    }
    let rate = |s: f64| (n as f64 / s).round();
    let report = serde_json::json!({
        "articles": n,
        "events": events,
        "incidents_linked": incidents,
        "incidents_unlinked": unlinked,
        "threads": pool.current_num_threads(),
        "seconds": {
            "coding": (coding * 100.0).round() / 100.0,
            "storing_without_linking": (plain * 100.0).round() / 100.0,
            "storing_with_linking": (linked * 100.0).round() / 100.0,
        },
        "articles_per_sec": {
            "ingest_without_linking": rate(coding + plain),
            "ingest_with_linking": rate(coding + linked),
            "storing_without_linking": rate(plain),
            "storing_with_linking": rate(linked),
        },
        "linking_cost_percent_of_ingest": (((linked - plain) / (coding + plain)) * 1000.0).round() / 10.0,
    });
    out!("{}", serde_json::to_string_pretty(&report)?);
    Ok(0)
}
