//! The `flyconf` binary from the outside: output shapes, exit codes,
//! upstream compatibility.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod check;
mod compat;
mod detect;
mod init;
mod plan;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(crate) fn shared() -> Option<PathBuf> {
    let dir = repo().join("../shared");
    dir.is_dir().then_some(dir)
}

pub(crate) fn flyconf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flyconf"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Replaces wall-clock figures, which differ run to run.
pub(crate) fn mask_time(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if let Some(i) = line.find("\"detection_time_ms\":") {
            let rest = &line[i..];
            let end = rest.find([',', '}']).map_or(line.len(), |e| i + e);
            out.push_str(&line[..i]);
            out.push_str("\"detection_time_ms\": 0");
            out.push_str(&line[end..]);
        } else if let Some(i) = line.find(" files read in ") {
            out.push_str(&line[..i]);
            out.push_str(" files read in [time]");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}
