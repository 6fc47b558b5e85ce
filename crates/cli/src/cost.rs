//! `flyconf cost`: a monthly estimate of a fly.toml.

use std::io::Write;
use std::process::ExitCode;

use flyconf::cost::{CostEstimate, CostInputs};

use crate::args::{CostArgs, Format};
use crate::failure::{EXIT_ERROR, Failure, Report};

pub(crate) fn run(args: &CostArgs) -> ExitCode {
    let json = args.format == Format::Json;
    let text = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            Failure::from(flyconf::Error::Read {
                path: args.file.clone(),
                reason: e.to_string(),
                kind: e.kind(),
            })
            .report(json);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let mut inputs = CostInputs {
        machines: args.machines,
        ..CostInputs::default()
    };
    if !args.regions.is_empty() {
        inputs.regions = Some(args.regions.clone());
    }
    if let Some(h) = args.hours {
        inputs.hours_per_month = h;
    }
    let estimate = match flyconf::text_of(&text)
        .map_err(|diagnostic| flyconf::Error::NotText { diagnostic })
        .and_then(|text| flyconf::api::cost(text, &inputs))
    {
        Ok(e) => e,
        Err(e) => {
            Failure::from(e).report(json);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let out = if json {
        flyconf::detect::json::to_string_pretty(&estimate).unwrap_or_default()
    } else {
        render(&estimate)
    };
    if writeln!(std::io::stdout().lock(), "{}", out.trim_end()).is_err() {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::SUCCESS
}

fn render(e: &CostEstimate) -> String {
    let mut s = format!(
        "Estimated monthly cost: ${:.2} {}\n\n",
        e.monthly_total, e.currency
    );
    for item in &e.items {
        s.push_str(&format!("  ${:>8.2}  {}\n", item.monthly, item.description));
    }
    s.push_str("\nAssumptions:\n");
    for a in &e.assumptions {
        s.push_str(&format!("  - {a}\n"));
    }
    s.push_str(&format!(
        "\nPrices as of {}: {}\n",
        e.prices.as_of, e.prices.note
    ));
    s
}
