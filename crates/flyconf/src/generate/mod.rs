//! Generating production-ready Fly.io configurations from templates:
//! fly.toml per environment (built from the typed model), Dockerfile,
//! .dockerignore, deploy.sh, a README section, and the plan of secrets to
//! set. Every generated set passes `flyconf check` with no errors or warnings.

use indexmap::IndexMap;

mod catalog;
mod choose;
mod fly_toml;
mod plan;

pub use catalog::{Template, TemplateInfo, template, template_infos, templates};
pub use choose::{Choice, choose_template, choose_template_for};

use serde::{Deserialize, Serialize};

/// A deployment environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Development: stops when idle, no machine kept running.
    Dev,
    /// Staging: one machine kept running.
    Staging,
    /// Production: at least two machines, blue-green (or rolling) deploys.
    Production,
}

impl Environment {
    /// `dev`, `staging` or `production`.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Dev => "dev",
            Environment::Staging => "staging",
            Environment::Production => "production",
        }
    }

    /// Parses `dev`/`development`, `staging`/`stage`, `production`/`prod`.
    pub fn parse(s: &str) -> Option<Environment> {
        match s.to_ascii_lowercase().as_str() {
            "dev" | "development" => Some(Environment::Dev),
            "staging" | "stage" => Some(Environment::Staging),
            "production" | "prod" => Some(Environment::Production),
            _ => None,
        }
    }
}

/// The database to wire in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Database {
    /// None (unless the template has one).
    #[default]
    None,
    /// Postgres through `DATABASE_URL` (Fly Postgres or managed).
    Postgres,
    /// SQLite on a volume mounted at `/data`.
    Sqlite,
}

/// What to generate. Deserialises from the JSON shape the bindings accept:
/// `{"template", "app", "region", "environments": ["staging", …], "database", "redis", "extra_secrets"}`
/// (`extraSecrets`, the JavaScript spelling, is accepted too).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Template name (see [`templates`]).
    pub template: String,
    /// App name (default: the template name); other environments get `-dev`/`-staging`.
    pub app: Option<String>,
    /// Primary region (default: the template's first region, or `iad`).
    pub region: Option<String>,
    /// Environments (default: production only). One writes `fly.toml`;
    /// several write `fly.<env>.toml` each.
    pub environments: Vec<Environment>,
    /// Database to add.
    pub database: Database,
    /// Whether to add Redis.
    pub redis: bool,
    /// Extra secret names (for example the keys of the project's `.env.example`).
    #[serde(alias = "extraSecrets")]
    pub extra_secrets: Vec<String>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeneratedFile {
    /// Path relative to the output directory.
    pub path: String,
    /// What the file is for.
    pub purpose: String,
    /// Its contents.
    pub contents: String,
}

/// The secrets one environment's app needs, and the commands that set them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretPlan {
    /// The environment.
    pub environment: Environment,
    /// The app name in that environment.
    pub app: String,
    /// Secret names (never values).
    pub names: Vec<String>,
    /// `fly secrets set --app … --stage NAME=…` commands, with `…` where the value goes.
    pub commands: Vec<String>,
}

/// Everything `flyconf init` produces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSet {
    /// The template used.
    pub template: String,
    /// The files, in the order they should be read.
    pub files: Vec<GeneratedFile>,
    /// Secrets to set, per environment.
    pub secrets: Vec<SecretPlan>,
    /// The commands to run next (create the apps, set secrets, first deploy).
    pub next_steps: Vec<String>,
}

impl FileSet {
    /// The files as path → contents, in [`FileSet::files`] order: what the
    /// bindings' `generate()` returns.
    pub fn contents(&self) -> IndexMap<&str, &str> {
        self.files
            .iter()
            .map(|f| (f.path.as_str(), f.contents.as_str()))
            .collect()
    }
}

/// Generates the file set for `options`.
pub fn generate(options: &Options) -> Result<FileSet, crate::Error> {
    let template = template(&options.template).ok_or_else(|| crate::Error::UnknownTemplate {
        name: options.template.clone(),
        closest: detect_core::closest(
            &options.template,
            templates().iter().map(|t| t.name.as_str()),
        )
        .map(str::to_owned),
    })?;
    let base = options.app.clone().unwrap_or_else(|| template.name.clone());
    if let Some(problem) = app_name_problem(&base) {
        return Err(crate::Error::InvalidOption {
            option: "app",
            value: base,
            problem,
        });
    }
    // Each chosen environment once, in dev, staging, production order.
    let environments: Vec<Environment> = if options.environments.is_empty() {
        vec![Environment::Production]
    } else {
        [
            Environment::Dev,
            Environment::Staging,
            Environment::Production,
        ]
        .into_iter()
        .filter(|e| options.environments.contains(e))
        .collect()
    };
    Ok(plan::file_set(template, options, &base, &environments))
}

/// An app name derived from arbitrary text (a directory or service name), as
/// `fly launch` does: ASCII letters and digits lowercased, every other run of
/// characters turned into one dash, no dash at either end. Empty when `text`
/// has no ASCII letter or digit.
pub fn app_name_from(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn app_name_problem(app: &str) -> Option<String> {
    if app.is_empty() || app.len() > 63 {
        return Some("app names are 1 to 63 characters".into());
    }
    if app
        .bytes()
        .any(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
        || app.starts_with('-')
    {
        return Some("app names use only lowercase letters, numbers and dashes, and do not start with a dash".into());
    }
    None
}

/// The variable names declared in a `.env.example`-style file
/// (`KEY=value`, `export KEY=value`; comments and blank lines skipped).
pub fn env_example_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let line = line.strip_prefix("export ").unwrap_or(line);
        if line.starts_with('#') {
            continue;
        }
        let Some((key, _)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        let valid = !key.is_empty()
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !key.as_bytes()[0].is_ascii_digit();
        if valid && !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_example_keys_reads_names_only() {
        let text = "# comment\nDATABASE_URL=postgres://localhost/app\nexport API_KEY=\n  SPACED = x\n1BAD=x\nnot a pair\nAPI_KEY=dup\n";
        assert_eq!(
            env_example_keys(text),
            ["DATABASE_URL", "API_KEY", "SPACED"]
        );
    }
}
