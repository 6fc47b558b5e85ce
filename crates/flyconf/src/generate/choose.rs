//! Choosing a template from what the detector found.

use super::catalog::{Template, templates};
use detect_core::DetectionReport;
use serde::Serialize;

/// The template chosen for a project, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// Template name.
    pub template: String,
    /// The detected framework that decided it (`None` when nothing was detected).
    pub framework: Option<String>,
    /// The framework's confidence.
    pub confidence: f64,
    /// One sentence saying why.
    pub why: String,
}

/// Chooses a template from a detection report: the most confident framework
/// that some template serves (specific frameworks before language fallbacks).
pub fn choose_template(report: &DetectionReport) -> Option<Choice> {
    // The report lists detected frameworks best first; a framework that a
    // more specific one supersedes (node under express) is tried last.
    for superseded in [false, true] {
        for f in &report.frameworks {
            if f.superseded_by.is_some() != superseded {
                continue;
            }
            if let Some(t) = template_for(&f.framework) {
                let evidence = f
                    .evidence
                    .first()
                    .map(|e| format!(" ({})", e.path))
                    .unwrap_or_default();
                return Some(Choice {
                    template: t.name.clone(),
                    framework: Some(f.framework.clone()),
                    confidence: f.confidence,
                    why: format!(
                        "{} detected with confidence {:.2}{evidence}; {} is the template for it",
                        f.name, f.confidence, t.name
                    ),
                });
            }
        }
    }
    None
}

/// Runs the built-in detector on `dir` and chooses a template.
pub fn choose_template_for(dir: &std::path::Path) -> Result<Option<Choice>, crate::Error> {
    let report = crate::api::detect_path(dir, &crate::api::DetectRequest::default(), Vec::new())?;
    Ok(choose_template(&report))
}

fn template_for(framework: &str) -> Option<&'static Template> {
    templates()
        .iter()
        .find(|t| t.frameworks.iter().any(|f| f == framework))
}
