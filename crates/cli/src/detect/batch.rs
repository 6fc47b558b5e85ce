//! `flyconf detect --batch DIR`: every immediate subdirectory of DIR is a
//! project, scanned in parallel; one result per line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use flyconf::detect::{DetectionReport, FsProject, detect_batch};
use serde::Serialize;

use super::{Prepared, internal, prepare, status};
use crate::args::{DetectArgs, Format};
use crate::failure::Failure;
use crate::render;

#[derive(Serialize)]
struct Line<'a> {
    project: &'a str,
    path: String,
    #[serde(flatten)]
    result: Outcome<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Outcome<'a> {
    Report(&'a DetectionReport),
    Error { error: Failure },
}

pub(super) fn run(args: &DetectArgs) -> Result<ExitCode, Failure> {
    let Prepared {
        detector,
        options,
        filter,
    } = prepare(args)?;
    FsProject::open(&args.path)?;
    let projects = subdirectories(&args.path)?;

    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(projects.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} projects {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let results = detect_batch(&detector, &projects, &options, filter.as_ref(), &tick);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }

    let mut out = std::io::stdout().lock();
    let mut any = false;
    for (dir, result) in projects.iter().zip(results) {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Ok(r) = &result {
            any |= r.detected || (args.tools.is_empty() && !r.frameworks.is_empty());
        }
        let text = match args.format {
            Format::Json => {
                let result = match &result {
                    Ok(r) => Outcome::Report(r),
                    Err(e) => Outcome::Error {
                        error: Failure {
                            code: e.code().into(),
                            message: e.to_string(),
                            suggestion: e.suggestion(),
                        },
                    },
                };
                flyconf::detect::json::to_string(&Line {
                    project: name,
                    path: dir.display().to_string(),
                    result,
                })
                .map_err(internal)?
            }
            Format::Text => render::text::batch_line(name, &result),
        };
        let _ = writeln!(out, "{text}");
    }
    Ok(status(any))
}

/// Immediate subdirectories, sorted by name (links to directories are not
/// followed, as in a single scan).
fn subdirectories(root: &std::path::Path) -> Result<Vec<PathBuf>, Failure> {
    let read = std::fs::read_dir(root).map_err(|source| flyconf::detect::Error::Unreadable {
        path: root.to_path_buf(),
        source,
    })?;
    let mut dirs: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    dirs.sort();
    Ok(dirs)
}
