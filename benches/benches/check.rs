//! fly.toml checking benchmarks. Run: `cargo bench -p flyconf-benches --bench check`
//! (build the CLI first with `cargo build --release --bin flyconf` for the
//! corpus group, which needs `../shared/corpus/fly-toml`). Figures are in BENCHMARKS.md.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};

fn parse(c: &mut Criterion) {
    let text = flyconf_benches::TYPICAL_FLY_TOML;
    assert_eq!(text.lines().count(), 60, "the typical file is 60 lines");
    let mut g = c.benchmark_group("fly-toml");
    g.bench_function("toml::from_str::<toml::Table>", |b| {
        b.iter(|| black_box(toml::from_str::<toml::Table>(black_box(text)).map(|t| t.len())))
    });
    g.bench_function(
        "toml::de::DeTable::parse (the spanned tree flyconf starts from)",
        |b| {
            b.iter(|| {
                black_box(toml::de::DeTable::parse(black_box(text)).map(|t| t.get_ref().len()))
            })
        },
    );
    g.bench_function("flyconf::parse (parse + validate + lint)", |b| {
        b.iter(|| black_box(flyconf::parse(black_box(text)).diagnostics.len()))
    });
    g.bench_function("flyconf::decode (parse into the model only)", |b| {
        b.iter(|| black_box(flyconf::decode::decode(black_box(text)).diagnostics.len()))
    });
    g.finish();
}

fn corpus(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("../shared/corpus/fly-toml");
    let binary = root.join("target/release/flyconf");
    if !dir.is_dir() || !binary.is_file() {
        eprintln!(
            "skipping corpus benchmark: needs {} and {}",
            dir.display(),
            binary.display()
        );
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut g = c.benchmark_group("process");
    g.sample_size(30);
    g.bench_function(
        format!("flyconf check --format json <{} corpus files>", files.len()),
        |b| {
            b.iter(|| {
                let out = Command::new(&binary)
                    .arg("check")
                    .arg("--format")
                    .arg("json")
                    .args(&files)
                    .output()
                    .expect("run flyconf");
                black_box(out.stdout.len())
            })
        },
    );
    g.finish();
}

criterion_group!(benches, parse, corpus);
criterion_main!(benches);
