//! Resolving the toponyms of a 600-word article (`article.txt`, written for
//! this bench: 588 words, 75 mentions of 56 place names) with the
//! embedded gazetteer, the text segmented once outside the timing.

use criterion::{criterion_group, criterion_main, Criterion};
use sitrep_core::Span;
use std::hint::black_box;

const NAMES: &[&str] = &[
    "Syria",
    "Aleppo",
    "Idlib province",
    "Idlib",
    "Bab al-Hawa",
    "Turkey",
    "Saraqib",
    "Maarat al-Numan",
    "Atmeh",
    "Sarmada",
    "Hatay",
    "Deir ez-Zor province",
    "Al-Busayrah",
    "Euphrates",
    "Hasakah",
    "Iraq",
    "Raqqa",
    "Tabqa",
    "Damascus",
    "Moscow",
    "Tehran",
    "Amman",
    "Nasib",
    "Jordan",
    "Gaziantep",
    "Reyhanli",
    "Geneva",
    "New York",
    "France",
    "United Kingdom",
    "Russia",
    "China",
    "Lebanon",
    "Bekaa",
    "Hermel",
    "Beirut",
    "Erbil",
    "Faysh Khabur",
    "Istanbul",
    "Ankara",
    "Kilis",
    "Azaz",
    "Afrin",
    "Zaatari",
    "Mafraq",
    "Daraa province",
    "Irbid",
    "Maskanah",
    "Homs",
    "Hama",
    "Washington",
    "Brussels",
    "Qamishli",
    "Ras al-Ain",
    "Tal Abyad",
    "Kobani",
];

fn spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for n in NAMES {
        let mut from = 0;
        while let Some(i) = text[from..].find(n) {
            let s = from + i;
            let sp = Span::new(s, s + n.len());
            // Keep the longest name at a position ("Idlib province" over "Idlib").
            if !out.iter().any(|o| o.start <= sp.start && sp.end <= o.end) {
                out.push(sp);
            }
            from = s + n.len();
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

fn bench(c: &mut Criterion) {
    let text = include_str!("article.txt");
    let gaz = sitrep_geo::default_gazetteer().expect("embedded gazetteer");
    let an = sitrep_text::segment(text);
    let sp = spans(text);
    assert!(sp.len() >= 70, "{} toponym mentions", sp.len());
    c.bench_function("resolve 600-word article", |b| {
        b.iter(|| sitrep_geo::resolve(gaz, black_box(text), &an, black_box(&sp)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
