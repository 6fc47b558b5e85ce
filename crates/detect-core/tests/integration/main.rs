//! Integration tests through the public API. One binary, one module per
//! concern.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod corpus;
mod docs;
mod errors;
mod fixtures;
mod props;
mod reads;
mod walk;

use std::path::{Path, PathBuf};

use detect_core::{DetectOptions, Detector};

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository, when this machine has it (CI does).
pub(crate) fn shared() -> Option<PathBuf> {
    let dir = repo().join("../shared");
    dir.is_dir().then_some(dir)
}

/// The detected tool ids (sorted) and the best framework of a project.
pub(crate) fn outcome(detector: &Detector, dir: &Path) -> (Vec<String>, Option<String>) {
    let report = detector
        .detect_path(dir, &DetectOptions::default(), None)
        .unwrap();
    let mut tools: Vec<String> = report.tools.iter().map(|t| t.tool.clone()).collect();
    tools.sort();
    (
        tools,
        report.frameworks.first().map(|f| f.framework.clone()),
    )
}
