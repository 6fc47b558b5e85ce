//! Plain-text rendering of detection results.

use std::fmt::Write;
use std::path::Path;

use flyconf::detect::{DetectionReport, Error, Evidence, SingleToolReport};

/// Evidence lines shown per tool before "… and N more".
const EVIDENCE_SHOWN: usize = 5;

/// The full report: detected tools and frameworks with evidence, then the
/// tools that scored but stayed below the threshold.
pub(crate) fn detection(r: &DetectionReport, root: &Path) -> String {
    let mut s = String::new();
    let p = &r.performance;
    let _ = writeln!(s, "{}", root.display());
    let _ = writeln!(
        s,
        "{} entries scanned, {} files read in {:.2} ms{}",
        p.entries_scanned,
        p.files_read,
        p.detection_time_ms,
        if p.truncated {
            " (walk truncated: results may be partial)"
        } else {
            ""
        }
    );
    s.push_str("\nDeployment tooling\n");
    if r.tools.is_empty() {
        s.push_str("  none detected\n");
    }
    for t in &r.tools {
        heading(&mut s, &t.name, t.confidence, &t.locations);
        evidence(&mut s, &t.evidence);
    }
    let below: Vec<String> = r
        .all_results
        .iter()
        .filter(|t| t.confidence > 0.0 && !r.tools.iter().any(|d| d.tool == t.tool))
        .map(|t| format!("{} {:.2}", t.name, t.confidence))
        .collect();
    if !below.is_empty() {
        let _ = writeln!(
            s,
            "  below {:.2}: {}",
            r.detection_summary.minimum_confidence,
            below.join(", ")
        );
    }
    s.push_str("\nFramework\n");
    if r.frameworks.is_empty() {
        s.push_str("  none detected\n");
    }
    for f in r.frameworks.iter().filter(|f| f.superseded_by.is_none()) {
        heading(&mut s, &f.name, f.confidence, &f.locations);
        evidence(&mut s, &f.evidence);
    }
    // Frameworks outranked by a more specific one (a runtime under its
    // framework) in one line.
    let under: Vec<String> = r
        .frameworks
        .iter()
        .filter_map(|f| {
            f.superseded_by
                .as_ref()
                .map(|by| format!("{} {:.2} (under {by})", f.name, f.confidence))
        })
        .collect();
    if !under.is_empty() {
        let _ = writeln!(s, "  also matched: {}", under.join(", "));
    }
    s.truncate(s.trim_end().len());
    s
}

/// One tool (`--tool ID`).
pub(crate) fn single(r: &SingleToolReport, root: &Path) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", root.display());
    let verdict = if r.detected {
        "detected"
    } else {
        "not detected"
    };
    let _ = writeln!(
        s,
        "{} ({}): {verdict}, confidence {:.2} (threshold {:.2})",
        r.name, r.tool, r.confidence, r.minimum_confidence
    );
    for (signal, fired) in &r.signals {
        let _ = writeln!(s, "  {} {signal}", if *fired { "✓" } else { "·" });
    }
    evidence(&mut s, &r.evidence);
    s.truncate(s.trim_end().len());
    s
}

/// One project of a batch, on one line.
pub(crate) fn batch_line(name: &str, result: &Result<DetectionReport, Error>) -> String {
    match result {
        Err(e) => format!("{name}: error[{}] {e}", e.code()),
        Ok(r) => {
            let tools: Vec<String> = r
                .tools
                .iter()
                .map(|t| format!("{} {:.2}", t.tool, t.confidence))
                .collect();
            let framework = r
                .frameworks
                .first()
                .map_or("none", |f| f.framework.as_str());
            let tools = if tools.is_empty() {
                "none".to_owned()
            } else {
                tools.join(", ")
            };
            format!("{name}: tools {tools}; framework {framework}")
        }
    }
}

fn heading(s: &mut String, name: &str, confidence: f64, locations: &[String]) {
    let _ = write!(s, "  ✓ {name:<20} {confidence:.2}");
    if !locations.is_empty() {
        let _ = write!(s, "  in {}", locations.join(", "));
    }
    s.push('\n');
}

fn evidence(s: &mut String, list: &[Evidence]) {
    for e in list.iter().take(EVIDENCE_SHOWN) {
        let _ = write!(s, "      {:<18} {}", e.signal, e.path);
        if let (Some(line), Some(excerpt)) = (e.line, &e.excerpt) {
            let _ = write!(s, ":{line}  {excerpt}");
        }
        s.push('\n');
    }
    if list.len() > EVIDENCE_SHOWN {
        let _ = writeln!(s, "      … and {} more", list.len() - EVIDENCE_SHOWN);
    }
}
