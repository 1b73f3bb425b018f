//! Hostile and degenerate input: text without sentence punctuation and
//! documents of thousands of repeated names code in time that grows with
//! their length, not its square or cube. (Before the sentence-length cap
//! and the bounded look-backs, 5,000 words without a full stop took 139 s
//! and 200,000 repetitions of one place name 101 s.)

use sitrep_core::Document;
use sitrep_pipeline::Pipeline;
use std::time::{Duration, Instant};

fn doc(text: String) -> Document {
    Document {
        id: "hostile".into(),
        source: None,
        published: chrono::NaiveDate::from_ymd_opt(2025, 1, 1),
        language: "en".into(),
        url: None,
        title: None,
        text,
    }
}

/// A deterministic word stream from news vocabulary (xorshift).
fn words(n: usize, vocab: &[&str]) -> String {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            vocab[(x % vocab.len() as u64) as usize]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn timed(p: &Pipeline, text: String) -> (sitrep_core::Output, Duration) {
    let t = Instant::now();
    let out = p.run(&doc(text), Vec::new());
    (out, t.elapsed())
}

#[test]
fn text_without_full_stops_codes_in_linear_time() {
    let p = Pipeline::new().unwrap();
    let vocab = "the army attacked village near Aleppo killing 12 people and Syria said on Friday that rebels in Idlib province were shelled by forces of Assad"
        .split(' ')
        .collect::<Vec<_>>();
    let text = words(40_000, &vocab);
    let (out, t) = timed(&p, text.clone());
    // About half a second on the 2-core development machine; minutes before.
    assert!(t < Duration::from_secs(30), "{t:?}");
    assert!(!out.events.is_empty(), "attacks are still coded");
    assert!(out.entities.len() > 1000, "names are still found");
    for e in &out.entities {
        assert_eq!(&text[e.start..e.end], e.text);
    }
}

#[test]
fn thousands_of_repeated_names_code_in_linear_time() {
    let p = Pipeline::new().unwrap();
    let (out, t) = timed(&p, vec!["Aleppo"; 40_000].join(", "));
    assert!(t < Duration::from_secs(30), "{t:?}");
    assert_eq!(out.places.len(), 40_000);
    let (_, t) = timed(&p, "\"\"\"(((((Syria ".repeat(20_000));
    assert!(t < Duration::from_secs(30), "{t:?}");
}
