use crate::corpus::{chunks, parse, Format};
use crate::{features, train, viterbi, Label, Model, Resources, NL};
use proptest::prelude::*;

const TOY: &str = "Peter B-PER\nSmith I-PER\nvisited O\nParis B-LOC\n. O\n\n\
The O\nUnited B-ORG\nNations I-ORG\nmet O\nin O\nGeneva B-LOC\n. O\n\n\
Anna B-PER\nlives O\nin O\nBerlin B-LOC\n. O\n\n\
Officials O\nof O\nthe O\nUnited B-ORG\nNations I-ORG\nsaid O\nso O\n. O\n\n\
Anna B-PER\nis O\nGerman B-MISC\n. O\n";

fn toy_model(seed: u64) -> Vec<u8> {
    let c = parse(TOY, Format::Conll, "toy").unwrap();
    let opts = train::Options {
        epochs: 5,
        seed,
        ..Default::default()
    };
    train::train(&[c], Resources::default(), &opts, "toy", |_| {})
}

#[test]
fn training_is_deterministic_and_learns_its_data() {
    let a = toy_model(3);
    assert_eq!(a, toy_model(3), "same seed, same bytes");
    let m = Model::from_bytes(&a).unwrap();
    let s: &[&str] = &["Anna", "lives", "in", "Berlin", "."];
    let tags = m.tag_doc(&[s]);
    assert_eq!(chunks(&tags[0]), vec![(0, 1, 0), (3, 4, 2)]);
}

#[test]
fn partial_labels_let_a_corpus_without_misc_stay_silent_on_it() {
    // Corpus A annotates MISC ("German"); corpus B never does, so its
    // unlabelled "German" must not count as evidence against MISC.
    let a = parse(
        "German B-MISC\nofficials O\nsaid O\n.\tO\n\nAnna B-PER\nof O\nUnited B-ORG\nin O\nBerlin B-LOC\nsaid O\n. O\n",
        Format::Conll,
        "a",
    )
    .unwrap();
    let b_text = "1\tGerman\tO\n2\tofficials\tO\n3\tspoke\tO\n\n".repeat(3);
    let b = parse(&b_text, Format::Iob2, "b").unwrap();
    assert!(!b.types[3]);
    let opts = train::Options {
        epochs: 6,
        ..Default::default()
    };
    let m = Model::from_bytes(&train::train(
        &[a, b],
        Resources::default(),
        &opts,
        "t",
        |_| {},
    ))
    .unwrap();
    let s: &[&str] = &["German", "officials", "spoke", "."];
    assert_eq!(chunks(&m.tag_doc(&[s])[0]), vec![(0, 1, 3)]);
}

#[test]
fn bad_model_bytes_are_an_error() {
    assert!(Model::from_bytes(b"").is_err());
    assert!(Model::from_bytes(b"not a model at all").is_err());
    let mut good = toy_model(1);
    good.truncate(good.len() / 2);
    assert!(Model::from_bytes(&good).is_err());
}

#[test]
fn the_embedded_model_tags_news_text() {
    let m = Model::embedded();
    let s: Vec<&str> = "The Syrian Democratic Forces said ISIS fighters attacked a checkpoint near Raqqa on Monday , according to spokesman Farhad Shami ."
        .split(' ')
        .collect();
    let tags = m.tag_doc(&[s.as_slice()]);
    let got: Vec<(String, &str)> = chunks(&tags[0])
        .into_iter()
        .map(|(a, b, t)| (s[a..b].join(" "), crate::TYPES[t]))
        .collect();
    for want in [
        ("Syrian Democratic Forces", "ORG"),
        ("ISIS", "ORG"),
        ("Raqqa", "LOC"),
        ("Farhad Shami", "PER"),
    ] {
        assert!(
            got.iter().any(|(w, t)| w == want.0 && *t == want.1),
            "{want:?} not in {got:?}"
        );
    }
}

#[test]
fn the_embedded_model_carries_the_committed_word_classes() {
    // `train ner` copies `data/word-classes.tsv` into the model; a class file
    // rebuilt without retraining the tagger would leave the two out of step.
    let file = crate::classes::from_tsv(include_str!("../data/word-classes.tsv")).unwrap();
    assert!(file.len() > 10_000, "{} words", file.len());
    assert_eq!(Model::embedded().res.clusters, file);
}

#[test]
fn viterbi_never_starts_an_entity_inside() {
    // Emissions favour I-PER everywhere; the constraint forces B-PER first.
    let mut em = vec![0f32; 3 * NL];
    for i in 0..3 {
        em[i * NL + 2] = 5.0;
    }
    let trans = vec![0f32; (NL + 1) * NL];
    let p = viterbi(&em, &trans, None);
    assert_eq!(p[0], Label(1));
    assert!(p[1..].iter().all(|l| *l == Label(2)));
}

proptest! {
    #[test]
    fn arbitrary_tokens_never_panic_and_yield_valid_bio(words in proptest::collection::vec("\\PC{0,12}", 0..40)) {
        let m = Model::embedded();
        let s: Vec<&str> = words.iter().map(String::as_str).collect();
        let tags = m.tag_doc(&[s.as_slice()]);
        prop_assert_eq!(tags[0].len(), s.len());
        for (i, t) in tags[0].iter().enumerate() {
            let prev = if i == 0 { None } else { Some(tags[0][i - 1]) };
            prop_assert!(crate::allowed(prev, *t), "bad transition at {}", i);
        }
        let _ = features::shape(&words.concat());
    }
}
