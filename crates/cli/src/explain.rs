//! `flyconf explain`: a rule's documentation, or the list of rules.

use std::io::Write;
use std::process::ExitCode;

use flyconf::diagnostic::registry;

use crate::args::{ExplainArgs, Format};
use crate::failure::{EXIT_ERROR, Failure, Report};

pub(crate) fn run(args: &ExplainArgs) -> ExitCode {
    let json = args.format == Format::Json;
    let text = match &args.code {
        Some(code) => match flyconf::explain(code) {
            Ok(rule) if json => flyconf::detect::json::to_string_pretty(rule).unwrap_or_default(),
            Ok(rule) => registry::to_markdown(rule),
            Err(e) => {
                Failure::from(e).report(json);
                return ExitCode::from(EXIT_ERROR);
            }
        },
        None if json => {
            flyconf::detect::json::to_string_pretty(&registry::all().collect::<Vec<_>>())
                .unwrap_or_default()
        }
        None => {
            let mut list = String::new();
            for rule in registry::all() {
                list.push_str(&format!(
                    "{}  {:<8} {:<30} {}\n",
                    rule.code,
                    rule.severity.as_str(),
                    rule.name,
                    rule.summary
                ));
            }
            list
        }
    };
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{}", text.trim_end()).is_err() {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::SUCCESS
}
