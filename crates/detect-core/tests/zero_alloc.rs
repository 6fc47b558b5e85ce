//! Proves that scanning an in-memory project performs no heap allocation
//! once the scratch space has warmed up. The global allocator counts the
//! allocations of the current thread only, so tests running in parallel on
//! other threads cannot disturb the count.
#![allow(unsafe_code, clippy::unwrap_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use detect_core::{DetectOptions, Detector, MemoryProject};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: delegates every operation to `System`; the counter is a
// `const`-initialised thread-local `Cell` with no destructor, so touching it
// never allocates or re-enters the allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

fn project() -> MemoryProject {
    MemoryProject::from_files([
        ("fly.toml", "app = \"notes\"\nprimary_region = \"ams\"\n[http_service]\n  internal_port = 8080\n"),
        ("fly.staging.toml", "app = \"notes-staging\"\n"),
        ("Dockerfile", "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n"),
        ("package.json", "{\"dependencies\": {\"express\": \"^4.19.2\"}, \"scripts\": {\"deploy\": \"fly deploy\"}}"),
        ("server.js", "const express = require('express');\n"),
        (".env.example", "FLY_API_TOKEN=fm2_notarealtokennotarealtoken\n"),
        (".github/workflows/deploy.yml", "steps:\n  - uses: superfly/flyctl-actions/setup-flyctl@master\n  - run: flyctl deploy --remote-only\n"),
        ("k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: notes\n"),
        ("charts/notes/Chart.yaml", "apiVersion: v2\nname: notes\n"),
        ("node_modules/x/fly.toml", "app = \"vendored\"\n"),
        ("requirements.txt", "Django==5.0.6\n"),
        ("image.png", "\u{89}PNG\0\0\0binary"),
    ])
    .unwrap()
}

#[test]
fn steady_state_scans_do_not_allocate() {
    let detector = Detector::builtin().unwrap();
    let project = project();
    let mut scratch = detector.scratch();
    let options = DetectOptions::default();
    // Warm-up: the first scans compile lazy automata and size the buffers.
    for _ in 0..3 {
        let report = detector.detect(&project, &mut scratch, &options).unwrap();
        assert!(report.get("flyio").unwrap().detected());
    }
    let before = allocations();
    let mut detected = 0;
    for _ in 0..50 {
        let report = detector.detect(&project, &mut scratch, &options).unwrap();
        detected += report.tools().filter(|t| t.detected()).count();
        detected += report.frameworks().count();
        for tool in report.tools() {
            let _ = tool.evidence().count();
        }
    }
    let after = allocations();
    assert!(detected > 0);
    assert_eq!(
        after - before,
        0,
        "a steady-state scan allocated {} times",
        after - before
    );
}

/// On Linux the disk walk reuses every buffer too; elsewhere `std::fs`
/// allocates a handle per directory and a name per entry, and this test
/// prints the count per entry that BENCHMARKS.md quotes.
#[test]
fn disk_walk_allocations() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = 0;
    for (path, content) in project()
        .file_paths()
        .map(|p| (p.to_owned(), "x"))
        .collect::<Vec<_>>()
    {
        let full = dir.path().join(&path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, content).unwrap();
        files += 1;
    }
    for i in 0..40 {
        std::fs::create_dir_all(dir.path().join(format!("pkg-{i}/src"))).unwrap();
        std::fs::write(
            dir.path().join(format!("pkg-{i}/package.json")),
            "{\"dependencies\": {}}",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(format!("pkg-{i}/src/index.ts")),
            "export {};\n",
        )
        .unwrap();
        files += 2;
    }
    let detector = Detector::builtin().unwrap();
    let project = detect_core::FsProject::open(dir.path()).unwrap();
    let mut scratch = detector.scratch();
    let options = DetectOptions::default();
    let mut entries = 0;
    for _ in 0..3 {
        entries = detector
            .detect(&project, &mut scratch, &options)
            .unwrap()
            .stats()
            .entries;
    }
    let before = allocations();
    for _ in 0..10 {
        let _ = detector.detect(&project, &mut scratch, &options).unwrap();
    }
    let per_scan = (allocations() - before) / 10;
    eprintln!("disk walk: {per_scan} allocations per scan of {entries} entries ({files} files)");
    if cfg!(target_os = "linux") {
        assert_eq!(per_scan, 0, "the Linux walk allocated");
    }
}

#[test]
fn the_counter_counts() {
    let before = allocations();
    let v: Vec<u8> = Vec::with_capacity(64);
    assert!(allocations() > before);
    drop(v);
}
