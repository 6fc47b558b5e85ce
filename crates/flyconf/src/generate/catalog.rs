//! The template catalog: metadata and static files from
//! `skills/flyio/templates/`, embedded at compile time.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// One template's metadata (`template.toml`) and its static files.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Template name, such as `python-django`.
    pub name: String,
    /// Human title.
    pub title: String,
    /// What it sets up.
    pub description: String,
    /// Detector framework ids this template is chosen for.
    pub frameworks: Vec<String>,
    /// The port the app listens on.
    pub port: u16,
    /// The health endpoint the app serves.
    pub health_path: String,
    /// `[deploy] release_command`, if the framework needs one.
    #[serde(default)]
    pub release_command: Option<String>,
    /// `console_command`, for `fly console`.
    #[serde(default)]
    pub console_command: Option<String>,
    /// `kill_signal`, when the framework wants other than the default.
    #[serde(default)]
    pub kill_signal: Option<String>,
    /// Secret names the app needs.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// A database the template always uses (`postgres`).
    #[serde(default)]
    pub database: Option<String>,
    /// Whether the template always uses Redis.
    #[serde(default)]
    pub redis: bool,
    /// Regions to run in (the first is the primary); default: the chosen region only.
    #[serde(default)]
    pub regions: Vec<String>,
    /// The process group serving HTTP, when `processes` has several.
    #[serde(default)]
    pub web_process: Option<String>,
    /// Non-secret environment variables for every environment.
    #[serde(default)]
    pub env: IndexMap<String, String>,
    /// Process groups (`""` = the image's CMD).
    #[serde(default)]
    pub processes: IndexMap<String, String>,
    /// The Dockerfile.
    #[serde(skip_deserializing)]
    pub dockerfile: &'static str,
    /// The `.dockerignore`.
    #[serde(skip_deserializing)]
    pub dockerignore: &'static str,
    /// The README section (`{{app}}` is replaced by the app name).
    #[serde(skip_deserializing)]
    pub readme: &'static str,
}

/// The shared `deploy.sh` template.
pub(crate) const DEPLOY_SH: &str = include_str!("../../../../skills/flyio/templates/deploy.sh");

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$((
            include_str!(concat!("../../../../skills/flyio/templates/", $name, "/template.toml")),
            include_str!(concat!("../../../../skills/flyio/templates/", $name, "/Dockerfile")),
            include_str!(concat!("../../../../skills/flyio/templates/", $name, "/.dockerignore")),
            include_str!(concat!("../../../../skills/flyio/templates/", $name, "/README.md")),
        )),*]
    };
}

/// (template.toml, Dockerfile, .dockerignore, README.md) per template.
static SOURCES: &[(&str, &str, &str, &str)] = templates!(
    "nodejs-express",
    "nodejs-nextjs",
    "nodejs-nestjs",
    "python-django",
    "python-fastapi",
    "python-flask",
    "go-http-server",
    "ruby-rails",
    "elixir-phoenix",
    "static-site",
    "database-postgres",
    "multi-region",
    "redis-cache",
    "background-worker",
);

static CATALOG: LazyLock<Vec<Template>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .filter_map(|(meta, dockerfile, dockerignore, readme)| {
            // The embedded metadata is tested (catalog_parses); a broken file
            // would drop its template rather than take the library down.
            let mut t: Template = crate::decode::data::from_toml(meta).ok()?;
            t.dockerfile = dockerfile;
            t.dockerignore = dockerignore;
            t.readme = readme;
            Some(t)
        })
        .collect()
});

/// Every template, in catalog order.
pub fn templates() -> &'static [Template] {
    &CATALOG
}

/// What `flyconf templates --format json` (and every binding's
/// `templates()`) lists for a template: its metadata without the files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateInfo {
    /// Template name, such as `python-django`.
    pub name: &'static str,
    /// Human title.
    pub title: &'static str,
    /// What it sets up.
    pub description: &'static str,
    /// Detector framework ids this template is chosen for.
    pub frameworks: &'static [String],
    /// The port the app listens on.
    pub port: u16,
    /// The health endpoint the app serves.
    pub health_path: &'static str,
}

/// Every template's [`TemplateInfo`], in catalog order.
pub fn template_infos() -> Vec<TemplateInfo> {
    CATALOG
        .iter()
        .map(|t| TemplateInfo {
            name: &t.name,
            title: &t.title,
            description: &t.description,
            frameworks: &t.frameworks,
            port: t.port,
            health_path: &t.health_path,
        })
        .collect()
}

/// The template called `name`.
pub fn template(name: &str) -> Option<&'static Template> {
    CATALOG.iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_parses() {
        assert_eq!(
            templates().len(),
            SOURCES.len(),
            "a template.toml failed to parse"
        );
        for t in templates() {
            assert!(
                t.dockerfile.contains("FROM") && !t.readme.is_empty() && !t.dockerignore.is_empty(),
                "{}",
                t.name
            );
        }
    }
}
