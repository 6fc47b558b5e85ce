//! `flyconf recommend`: which platform suits a project, and why.

use std::io::Write;
use std::process::ExitCode;

use flyconf::recommend::Recommendation;

use crate::args::{Format, RecommendArgs};
use crate::failure::{EXIT_ERROR, Failure, Report};

pub(crate) fn run(args: &RecommendArgs) -> ExitCode {
    let json = args.format == Format::Json;
    let rec = match flyconf::api::recommend(&args.dir) {
        Ok(r) => r,
        Err(e) => {
            Failure::from(e).report(json);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let out = if json {
        flyconf::detect::json::to_string_pretty(&rec).unwrap_or_default()
    } else {
        render(&rec)
    };
    if writeln!(std::io::stdout().lock(), "{}", out.trim_end()).is_err() {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::SUCCESS
}

fn label<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn render(r: &Recommendation) -> String {
    let mut s = format!(
        "Recommendation: {} (confidence {:.2})\n\nWhy:\n",
        label(&r.platform),
        r.confidence
    );
    for reason in &r.rationale {
        s.push_str(&format!(
            "  - {} [{} → {}]\n",
            reason.fact,
            reason.evidence,
            label(&reason.points_to)
        ));
    }
    if !r.services.is_empty() {
        s.push_str("\nServices:\n");
        for p in &r.services {
            s.push_str(&format!(
                "  {:<28} {:<11} {}\n",
                p.path,
                label(&p.platform),
                p.why
            ));
        }
    }
    s.push_str("\nTrade-offs:\n");
    for t in &r.trade_offs {
        s.push_str(&format!("  - {t}\n"));
    }
    s.push_str("\nNext:\n");
    for n in &r.next_steps {
        s.push_str(&format!("  {n}\n"));
    }
    s
}
