//! The entry points every front-end shares: the CLI, Python, Node and
//! WASM call these with the same inputs and serialise the same serde types,
//! so each front-end only converts arguments and results. Every failure is
//! an [`Error`](crate::Error); [`Failure`] is how front-ends report it.
//!
//! ```
//! let report = flyconf::api::check("app = \"demo\"\n", "fly.toml");
//! assert_eq!(report.path, "fly.toml");
//! let files = flyconf::api::generate(&flyconf::generate::Options {
//!     template: "go-http-server".into(),
//!     ..Default::default()
//! })?;
//! assert!(files.contains_key("fly.toml"));
//! # Ok::<(), flyconf::Error>(())
//! ```

mod compat;
mod detect;
mod failure;

use std::path::Path;

use indexmap::IndexMap;
use serde::Serialize;

pub use compat::{detect_compat, detect_compat_json, detect_compat_single};
pub use detect::{
    DetectRequest, build_detector, builtin_compat_detector, builtin_detector, detect_files,
    detect_path, detect_reads, load_patterns,
};
pub use failure::{Failure, catch_panics};

use crate::cost::{CostEstimate, CostInputs};
use crate::diagnostic::{Diagnostic, Rule, registry};
use crate::generate::{FileSet, Options, TemplateInfo};
use crate::migrate::{MigrateOptions, Migration};
use crate::recommend::Recommendation;
use crate::{Error, FileKind, FileReport, Parsed};

/// `flyconf check FILE --format json` on text: validates and lints `text`
/// as the file `filename` (a Dockerfile by name, else a fly.toml).
pub fn check(text: &str, filename: &str) -> FileReport {
    crate::check_bytes(filename, text.as_bytes())
}

/// The typed model of fly.toml `text` and every diagnostic.
pub fn parse(text: &str) -> Parsed {
    crate::parse(text)
}

/// The result of [`fix`]: the fixed text and what is left to report.
#[derive(Debug, Clone, Serialize)]
pub struct FixReport {
    /// The file name as given.
    pub path: String,
    /// The text with every machine-applicable fix applied.
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The diagnostics of the fixed text.
    pub diagnostics: Vec<Diagnostic>,
}

/// `flyconf check --fix` on text: applies every machine-applicable fix
/// (comments and formatting kept) and checks the result.
pub fn fix(text: &str, filename: &str) -> Result<FixReport, Error> {
    let text = text_or_error(text.as_bytes())?;
    let kind = FileKind::from_path(filename);
    let fixed = crate::fix::fix_text(kind, text);
    let diagnostics = crate::check_text(kind, &fixed.text);
    Ok(FixReport {
        path: filename.to_owned(),
        text: fixed.text,
        applied: fixed.applied,
        diagnostics,
    })
}

fn text_or_error(bytes: &[u8]) -> Result<&str, Error> {
    crate::text_of(bytes).map_err(|diagnostic| Error::NotText { diagnostic })
}

/// `flyconf templates --format json`: every template's metadata.
pub fn templates() -> Vec<TemplateInfo> {
    crate::generate::template_infos()
}

/// The options of [`generate`] and [`plan`] as the bindings take them:
/// environments and the database by their JSON names (`"staging"`,
/// `"postgres"`), read by the core's own serde, so every front-end accepts
/// exactly the same spellings and reports a bad one the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenerateArgs {
    /// Template name.
    pub template: String,
    /// App name.
    pub app: Option<String>,
    /// Primary region.
    pub region: Option<String>,
    /// `dev`, `staging`, `production`.
    pub environments: Vec<String>,
    /// `none`, `postgres`, `sqlite` (default `none`).
    pub database: Option<String>,
    /// Whether to add Redis.
    pub redis: bool,
    /// Extra secret names.
    pub extra_secrets: Vec<String>,
}

impl GenerateArgs {
    /// The core's options; an unknown environment or database is an
    /// `invalid-option` error naming the option.
    pub fn options(self) -> Result<Options, Error> {
        let environments = self
            .environments
            .iter()
            .map(|e| variant("environments", e))
            .collect::<Result<_, _>>()?;
        let database = match &self.database {
            Some(d) => variant("database", d)?,
            None => crate::generate::Database::default(),
        };
        // Every field named, so a new core option fails to compile here.
        Ok(Options {
            template: self.template,
            app: self.app,
            region: self.region,
            environments,
            database,
            redis: self.redis,
            extra_secrets: self.extra_secrets,
        })
    }
}

/// A core enum from its JSON spelling.
fn variant<T: serde::de::DeserializeOwned>(option: &'static str, text: &str) -> Result<T, Error> {
    use serde::de::{IntoDeserializer, value};
    T::deserialize(IntoDeserializer::<value::Error>::into_deserializer(text)).map_err(|e| {
        Error::InvalidOption {
            option,
            value: text.to_owned(),
            problem: e.to_string(),
        }
    })
}

/// The files a template generates, as path → contents.
pub fn generate(options: &Options) -> Result<IndexMap<String, String>, Error> {
    let set = crate::generate::generate(options)?;
    Ok(set
        .files
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect())
}

/// `flyconf init --dry-run --format json` without the project directory:
/// the files with their purposes, the secrets plan and the next steps.
pub fn plan(options: &Options) -> Result<FileSet, Error> {
    crate::generate::generate(options)
}

/// `flyconf cost --format json` on text: the monthly estimate with the
/// embedded price table. Text with a NUL byte is refused (`FT002`).
pub fn cost(text: &str, inputs: &CostInputs) -> Result<CostEstimate, Error> {
    let text = text_or_error(text.as_bytes())?;
    let parsed = crate::parse(text);
    Ok(crate::cost::estimate(
        &parsed.config,
        crate::cost::builtin_prices(),
        inputs,
    ))
}

/// `flyconf recommend DIR --format json`: which platform suits the
/// project in `dir`, and why.
pub fn recommend(dir: &Path) -> Result<Recommendation, Error> {
    Ok(crate::recommend::recommend_path(dir)?)
}

/// `flyconf migrate DIR --format json` (without `--write`): fly.toml
/// drafts from the Heroku, docker-compose or Kubernetes files in `dir`.
pub fn migrate(dir: &Path, options: &MigrateOptions) -> Result<Migration, Error> {
    if !dir.is_dir() {
        return Err(detect_core::Error::PathNotFound {
            path: dir.to_owned(),
        }
        .into());
    }
    crate::migrate::migrate_path(dir, options).map_err(|e| Error::Read {
        path: dir.to_owned(),
        reason: e.to_string(),
        kind: e.kind(),
    })
}

/// An embedded skill (`flyio`): its description, sections and examples.
pub fn load_skill(name: &str) -> Result<crate::skill::Skill, Error> {
    crate::skill::load_skill(name)
}

/// `flyconf explain CODE --format json`: one rule's documentation.
pub fn explain(code: &str) -> Result<&'static Rule, Error> {
    crate::explain(code)
}

/// `flyconf explain --format json`: every rule, by family then code.
pub fn rules() -> Vec<&'static Rule> {
    registry::all().collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn generate_args_read_enum_names_and_name_the_bad_option() {
        let args = super::GenerateArgs {
            template: "python-flask".into(),
            environments: vec!["staging".into(), "production".into()],
            database: Some("postgres".into()),
            ..Default::default()
        };
        let o = args.clone().options().unwrap();
        assert_eq!(o.environments.len(), 2);
        assert_eq!(o.database, crate::generate::Database::Postgres);
        let bad = super::GenerateArgs {
            database: Some("mysql".into()),
            ..args
        };
        match bad.options().unwrap_err() {
            crate::Error::InvalidOption { option, value, .. } => {
                assert_eq!((option, value.as_str()), ("database", "mysql"));
            }
            e => panic!("{e}"),
        }
    }

    use super::*;

    #[test]
    fn fix_applies_and_rechecks() {
        let text = "app = \"x\"\n[http_service]\ninternal_port = 8080\nforce_https = false\n";
        let report = fix(text, "fly.toml").unwrap();
        assert!(report.applied >= 1, "{report:?}");
        assert!(
            report.text.contains("force_https = true"),
            "{}",
            report.text
        );
        assert!(report.diagnostics.iter().all(|d| d.code != "FS202"));
    }

    #[test]
    fn text_with_nul_is_refused_with_its_rule_code() {
        let e = cost("app = \"x\"\0", &CostInputs::default()).unwrap_err();
        assert_eq!(e.code(), "FT002");
        let f = Failure::from(e);
        assert!(f.message.contains("NUL"), "{}", f.message);
        assert!(fix("\0", "fly.toml").is_err());
    }

    #[test]
    fn generate_and_plan_agree() {
        let options = Options {
            template: "python-flask".into(),
            ..Options::default()
        };
        let files = generate(&options).unwrap();
        let set = plan(&options).unwrap();
        assert_eq!(files.len(), set.files.len());
        for f in &set.files {
            assert_eq!(files[&f.path], f.contents);
        }
    }

    #[test]
    fn errors_name_what_to_do_without_cli_flags() {
        let e = generate(&Options {
            template: "pyhton-flask".into(),
            ..Options::default()
        })
        .unwrap_err();
        assert_eq!(e.code(), "unknown-template");
        assert!(e.suggestion().contains("python-flask"));
        let e = migrate(Path::new("/no/such/dir"), &MigrateOptions::default()).unwrap_err();
        assert_eq!(e.code(), "path-not-found");
        assert_eq!(explain("FT04").unwrap_err().code(), "unknown-rule");
        assert_eq!(rules().len(), registry::all().count());
        assert_eq!(templates().len(), crate::generate::templates().len());
        assert!(load_skill("flyio").is_ok());
    }
}
