//! Detection benchmarks. Run: `cargo bench -p flyconf-benches --bench detect`
//! (build the CLI first with `cargo build --release --bin flyconf` for the
//! whole-process group). Figures and targets are in BENCHMARKS.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use detect_core::{
    DetectOptions, Detector, DetectorBuilder, FsProject, MemoryProject, Mode, PatternFile,
};

fn scan(c: &mut Criterion) {
    let detector = Detector::builtin().expect("builtin patterns");
    let options = DetectOptions::default();
    let mut scratch = detector.scratch();

    let small = flyconf_benches::small_project();
    let small_mem = MemoryProject::from_files(small.clone()).expect("valid paths");
    let small_dir = tempfile::tempdir().expect("tempdir");
    flyconf_benches::write_tree(small_dir.path(), &small).expect("write");
    let small_disk = FsProject::open(small_dir.path()).expect("open");

    let mono = flyconf_benches::standard_monorepo();
    let mono_mem = MemoryProject::from_files(mono.clone()).expect("valid paths");
    let mono_dir = tempfile::tempdir().expect("tempdir");
    flyconf_benches::write_tree(mono_dir.path(), &mono).expect("write");
    let mono_disk = FsProject::open(mono_dir.path()).expect("open");

    let mut g = c.benchmark_group("detect");
    g.bench_function("small/in-memory", |b| {
        b.iter(|| {
            black_box(
                detector
                    .detect(&small_mem, &mut scratch, &options)
                    .expect("scan")
                    .stats(),
            )
        });
    });
    g.bench_function("small/on-disk", |b| {
        b.iter(|| {
            black_box(
                detector
                    .detect(&small_disk, &mut scratch, &options)
                    .expect("scan")
                    .stats(),
            )
        });
    });
    g.bench_function("monorepo/in-memory", |b| {
        b.iter(|| {
            black_box(
                detector
                    .detect(&mono_mem, &mut scratch, &options)
                    .expect("scan")
                    .stats(),
            )
        });
    });
    g.bench_function("monorepo/on-disk", |b| {
        b.iter(|| {
            black_box(
                detector
                    .detect(&mono_disk, &mut scratch, &options)
                    .expect("scan")
                    .stats(),
            )
        });
    });
    g.bench_function("monorepo/on-disk+report", |b| {
        b.iter(|| {
            black_box(
                detector
                    .detect(&mono_disk, &mut scratch, &options)
                    .expect("scan")
                    .to_detection(None, 0.0),
            )
        });
    });
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.bench_function("build-builtin-detector", |b| {
        b.iter(|| black_box(Detector::builtin().expect("builtin")))
    });
    g.bench_function("build+first-scan/monorepo", |b| {
        b.iter(|| {
            let d = Detector::builtin().expect("builtin");
            let mut s = d.scratch();
            black_box(
                d.detect(&mono_disk, &mut s, &options)
                    .expect("scan")
                    .stats(),
            )
        });
    });
    g.finish();

    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/flyconf");
    if bin.is_file() {
        let mut g = c.benchmark_group("process");
        g.sample_size(30);
        g.bench_function("flyconf-detect/monorepo", |b| {
            b.iter(|| {
                let out = Command::new(&bin)
                    .args(["detect", "--format", "json"])
                    .arg(mono_dir.path())
                    .output()
                    .expect("spawn");
                assert!(out.status.success());
            });
        });
        g.finish();
    } else {
        eprintln!("skipping the process group: build target/release/flyconf first");
    }
    compat(c, mono_dir.path(), small_dir.path());
}

/// The upstream patterns in fortium mode on the trees the side-by-side
/// comparison uses (the upstream probe fixtures when ../shared is present).
fn compat(c: &mut Criterion, mono: &Path, small: &Path) {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/anchors/fortium-tooling-detector");
    let Ok(patterns) = PatternFile::from_path(&shared.join("tooling-patterns.json")) else {
        eprintln!("skipping the compat group: ../shared is not present");
        return;
    };
    let detector = DetectorBuilder::new()
        .mode(Mode::Fortium)
        .patterns(patterns)
        .build()
        .expect("upstream patterns");
    let fixtures = tempfile::tempdir().expect("tempdir");
    let made = Command::new("bash")
        .arg(shared.join("make-fixtures.sh"))
        .arg(fixtures.path())
        .output()
        .expect("bash");
    assert!(made.status.success());
    let mut scratch = detector.scratch();
    let options = DetectOptions::default();
    let mut g = c.benchmark_group("compat");
    let mut trees: Vec<(String, PathBuf)> = ["fly-only", "fly-full", "mixed", "helm"]
        .iter()
        .map(|n| ((*n).to_owned(), fixtures.path().join(n)))
        .collect();
    trees.push(("small".into(), small.into()));
    trees.push(("monorepo".into(), mono.into()));
    for (name, dir) in trees {
        let project = FsProject::open(&dir).expect("open");
        g.bench_function(&name, |b| {
            b.iter(|| {
                black_box(
                    detector
                        .detect(&project, &mut scratch, &options)
                        .expect("scan")
                        .to_compat(None, None),
                )
            });
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(3));
    targets = scan
}
criterion_main!(benches);
