//! `Detector::content_paths`: reading only the files it names gives the
//! same detection as reading everything.

use std::path::Path;

use detect_core::{DetectOptions, Detector, MemoryProject};

use crate::repo;

/// Every file under `dir`, relative, with its bytes.
fn files(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, base, out);
        } else {
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read(&p).unwrap()));
        }
    }
}

/// Every tool and framework with its confidence, whether detected, and the
/// lines of its evidence.
fn outcome(det: &Detector, project: &MemoryProject) -> Vec<(String, String, bool, Vec<String>)> {
    let mut scratch = det.scratch();
    let report = det
        .detect(project, &mut scratch, &DetectOptions::default())
        .unwrap();
    report
        .tools()
        .chain(report.frameworks())
        .map(|t| {
            (
                t.id().to_owned(),
                format!("{:.6}", t.confidence()),
                t.detected(),
                t.locations(),
            )
        })
        .collect()
}

#[test]
fn reading_only_the_content_paths_detects_the_same() {
    let det = Detector::builtin().unwrap();
    let root = repo().join("fixtures/projects");
    let mut projects = 0;
    let mut skipped_total = 0;
    for dir in std::fs::read_dir(&root).unwrap().flatten() {
        if !dir.path().is_dir() {
            continue;
        }
        let mut all = Vec::new();
        files(&dir.path(), &dir.path(), &mut all);
        let names =
            MemoryProject::from_files(all.iter().map(|(p, _)| (p.as_str(), Vec::new()))).unwrap();
        let wanted = det.content_paths(&names).unwrap();
        let partial = MemoryProject::from_files(all.iter().map(|(p, c)| {
            let keep = wanted.iter().any(|w| w == p);
            (p.as_str(), if keep { c.clone() } else { Vec::new() })
        }))
        .unwrap();
        let full =
            MemoryProject::from_files(all.iter().map(|(p, c)| (p.as_str(), c.clone()))).unwrap();
        assert_eq!(
            outcome(&det, &partial),
            outcome(&det, &full),
            "{}",
            dir.path().display()
        );
        assert!(wanted.iter().all(|w| all.iter().any(|(p, _)| p == w)));
        skipped_total += all.len() - wanted.len();
        projects += 1;
    }
    assert!(projects > 40, "{projects}");
    assert!(
        skipped_total > 50,
        "most files are judged by name: {skipped_total} skipped"
    );
}
