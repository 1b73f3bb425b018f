//! Tagging speed of the embedded model (loaded once, outside the timing) on
//! the repository's example dispatch, segmented beforehand and repeated to
//! about 6,000 tokens. Run: `cargo bench -p sitrep-ner`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let one = include_str!("../../../examples/dispatch.txt");
    let text = one.repeat(6);
    let an = sitrep_text::segment(&text);
    let sents = an.sentence_words(&text);
    let doc: Vec<&[&str]> = sents.iter().map(Vec::as_slice).collect();
    let model = sitrep_ner::Model::embedded();
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(an.tokens.len() as u64));
    g.bench_function("tag_doc", |b| b.iter(|| model.tag_doc(&doc)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
