//! Integration tests of the flyconf library through its public API.
#![allow(clippy::unwrap_used, clippy::print_stdout, missing_docs)]

mod corpus;
mod docs;
mod fixtures;
mod generate;
mod props;
mod vectors;

use std::path::PathBuf;

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository, when present (CI has it).
pub(crate) fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.is_dir().then_some(p)
}
