//! `flyconf check`: validate and lint files, optionally fix them.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use flyconf::{CheckReport, FileKind, FileReport};

use crate::args::{CheckArgs, Format};
use crate::failure::{EXIT_ERROR, Failure, Report};

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let json = args.format == Format::Json;
    let mut files = Vec::with_capacity(args.files.len());
    let mut sources = Vec::with_capacity(args.files.len());
    for path in &args.files {
        if args.fix
            && let Err(f) = fix_file(path)
        {
            f.report(json);
            return ExitCode::from(EXIT_ERROR);
        }
        let report = match flyconf::check_path(path) {
            Ok(r) => r,
            Err(e) => {
                Failure::from(e).report(json);
                return ExitCode::from(EXIT_ERROR);
            }
        };
        sources.push(std::fs::read_to_string(path).unwrap_or_default());
        files.push(report);
    }
    let report = CheckReport::new(files);
    let mut out = std::io::stdout().lock();
    let written = if json {
        flyconf::detect::json::to_string_pretty(&report)
            .map(|t| writeln!(out, "{t}"))
            .is_ok()
    } else {
        let color = out.is_terminal() && std::env::var_os("NO_COLOR").is_none();
        writeln!(out, "{}", render_text(&report, &sources, color)).is_ok()
    };
    if !written {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(u8::from(report.summary.errors > 0))
}

/// The text report: each file's diagnostics, then a summary.
pub(crate) fn render_text(report: &CheckReport, sources: &[String], color: bool) -> String {
    let mut text = String::new();
    for (file, source) in report.files.iter().zip(sources) {
        text.push_str(&flyconf::diagnostic::render(
            &file.path,
            source,
            &file.diagnostics,
            color,
        ));
    }
    for file in &report.files {
        text.push_str(&summary_line(file));
        text.push('\n');
    }
    let s = report.summary;
    if report.files.len() > 1 {
        text.push_str(&format!("total: {}\n", counts(s)));
    }
    if s.errors + s.warnings + s.infos > 0 {
        text.push_str("`flyconf explain CODE` documents each rule.");
    }
    text.trim_end().to_owned()
}

fn summary_line(file: &FileReport) -> String {
    let s = flyconf::Summary::of(&file.diagnostics);
    if s.errors + s.warnings + s.infos == 0 {
        return format!("{}: no problems found", file.path);
    }
    format!("{}: {}", file.path, counts(s))
}

fn counts(s: flyconf::Summary) -> String {
    let n = |k: usize, one: &str| format!("{k} {one}{}", if k == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        n(s.errors, "error"),
        n(s.warnings, "warning"),
        n(s.infos, "info")
    )
}

/// Applies fixes to the file at `path` in place; reports what it did on stderr.
fn fix_file(path: &std::path::Path) -> Result<(), Failure> {
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::from(flyconf::Error::Read {
            path: path.to_owned(),
            reason: e.to_string(),
            kind: e.kind(),
        })
    })?;
    let Ok(original) = flyconf::text_of(&bytes) else {
        return Ok(());
    };
    let kind = FileKind::from_path(&path.to_string_lossy());
    let fixed = flyconf::fix::fix_text(kind, original);
    let (text, total) = (fixed.text, fixed.applied);
    if total > 0 {
        std::fs::write(path, &text).map_err(|e| {
            Failure::from(flyconf::Error::Read {
                path: path.to_owned(),
                reason: format!("cannot write the fixed file: {e}"),
                kind: e.kind(),
            })
        })?;
        let _ = writeln!(
            std::io::stderr(),
            "{}: fixed {total} problem{}",
            path.display(),
            if total == 1 { "" } else { "s" }
        );
    }
    Ok(())
}
