//! Throughput of the time stage alone (segmentation done beforehand), on the
//! repository's example dispatch repeated to about 100 KB.
//! Run: `cargo bench -p sitrep-time`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let one = include_str!("../../../examples/dispatch.txt");
    let text = one.repeat(100_000 / one.len() + 1);
    let an = sitrep_text::segment(&text);
    let dct = chrono::NaiveDate::from_ymd_opt(2025, 9, 20);
    let mut g = c.benchmark_group("time");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("extract", |b| {
        b.iter(|| sitrep_time::extract(&text, &an, dct))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
