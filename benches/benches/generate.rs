//! Generation and skill-loading benchmarks. Run:
//! `cargo bench -p flyconf-benches --bench generate`. Figures are in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use flyconf::generate::{self, Environment, Options};

fn generation(c: &mut Criterion) {
    // Parse the embedded catalog once, as every process does on first use.
    let templates = generate::templates();
    let mut g = c.benchmark_group("generate");
    for t in templates {
        let options = Options {
            template: t.name.clone(),
            app: Some("bench-app".into()),
            ..Options::default()
        };
        g.bench_function(format!("{}/production", t.name), |b| {
            b.iter(|| black_box(generate::generate(black_box(&options)).map(|s| s.files.len())))
        });
    }
    let all = Options {
        template: "python-django".into(),
        environments: vec![
            Environment::Dev,
            Environment::Staging,
            Environment::Production,
        ],
        ..Options::default()
    };
    g.bench_function("python-django/dev+staging+production", |b| {
        b.iter(|| black_box(generate::generate(black_box(&all)).map(|s| s.files.len())))
    });
    g.finish();

    let mut g = c.benchmark_group("skill");
    g.bench_function("load_skill(flyio)", |b| {
        b.iter(|| {
            black_box(flyconf::skill::load_skill(black_box("flyio")).map(|s| s.sections.len()))
        })
    });
    g.finish();
}

criterion_group!(benches, generation);
criterion_main!(benches);
