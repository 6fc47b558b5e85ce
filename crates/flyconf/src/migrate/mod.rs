//! `flyconf migrate`: converts what is mechanical in Heroku (`Procfile`,
//! `app.json`), docker-compose and Kubernetes configuration into fly.toml
//! models, and reports everything else as `MG` diagnostics.
//!
//! [`migrate_files`] is pure (text in, [`Migration`] out) for the in-memory
//! and WASM front-ends; [`migrate_path`] reads the candidate files of a
//! directory and calls it. Every generated config passes
//! [`crate::check_fly_toml`] without errors; secret values are never copied
//! into the output (their names are listed in [`MigratedApp::secrets`]).
//!
//! ```
//! use flyconf::migrate::{MigrateOptions, migrate_files};
//! let files = vec![("Procfile".to_owned(), "web: node server.js --port $PORT\n".to_owned())];
//! let m = migrate_files(&files, &MigrateOptions { app_prefix: Some("shop".into()), ..Default::default() });
//! let app = &m.apps[0];
//! assert_eq!(app.name, "shop");
//! assert_eq!(app.config.processes["app"], "node server.js --port 8080");
//! assert!(app.fly_toml.contains("internal_port = 8080"));
//! ```

mod compose;
mod draft;
mod heroku;
mod k8s;
pub mod rules;
mod shell;
mod source;
mod units;
mod yaml;

#[cfg(test)]
mod tests;

use crate::{Config, Diagnostic, Span, Summary};
use draft::{Draft, Namer};
use serde::{Deserialize, Serialize};
use source::Src;
use std::path::Path;

/// The default `primary_region` of generated apps.
pub const DEFAULT_REGION: &str = "iad";

/// Files larger than this are not read by [`migrate_path`].
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Directories whose YAML files are read as Kubernetes manifests.
pub const KUBERNETES_DIRS: &[&str] = &["k8s", "kubernetes", "deploy", "manifests", ".k8s"];

/// Compose file names, in the order `docker compose` prefers them.
pub const COMPOSE_FILES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// Options shared by [`migrate_files`] and [`migrate_path`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MigrateOptions {
    /// `primary_region` of every generated app (default `iad`).
    pub region: Option<String>,
    /// Prefix of generated app names: `<prefix>-<service>`. Without it,
    /// compose apps use the compose project `name` or the directory name, and
    /// Heroku apps the `app.json` name or the directory name.
    pub app_prefix: Option<String>,
}

/// One generated app.
#[derive(Debug, Clone, Serialize)]
pub struct MigratedApp {
    /// The Fly.io app name (unique within the migration, valid for `fly apps create`).
    pub name: String,
    /// The source file it was converted from.
    pub source: String,
    /// Where to write its fly.toml, relative to the project directory.
    pub path: String,
    /// The generated model.
    pub config: Config,
    /// `config` as TOML ([`Config::to_toml`]).
    pub fly_toml: String,
    /// Names of secrets to set with `fly secrets set` before deploying (never values).
    pub secrets: Vec<String>,
    /// What to do next, and how source concepts were mapped.
    pub notes: Vec<String>,
}

/// The result of a migration: the JSON `flyconf migrate --format json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Migration {
    /// The source files read, relative to the project directory.
    pub sources: Vec<String>,
    /// The generated apps.
    pub apps: Vec<MigratedApp>,
    /// What could not be converted, or was converted with a change, in source
    /// file order; each key path starts with the source path.
    pub diagnostics: Vec<Diagnostic>,
}

impl Migration {
    /// Counts of diagnostics by severity.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.diagnostics)
    }

    /// Whether any source could not be read (or a generated config is invalid).
    pub fn has_errors(&self) -> bool {
        self.summary().errors > 0
    }
}

/// What a candidate source file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A Heroku `Procfile`.
    Procfile,
    /// A Heroku `app.json`.
    AppJson,
    /// A docker-compose file.
    Compose,
    /// Kubernetes manifests.
    Kubernetes,
}

impl SourceKind {
    /// Classifies a file by its relative path (and, for YAML outside the
    /// Kubernetes directories, by whether it defines a Deployment, Service or
    /// StatefulSet). `None`: not a migration source.
    pub fn of(path: &str, text: &str) -> Option<SourceKind> {
        let path = normalize(path);
        let parts: Vec<&str> = path.split('/').collect();
        let name = parts.last().copied().unwrap_or_default();
        if parts.len() == 1 {
            if name == "Procfile" {
                return Some(SourceKind::Procfile);
            }
            if name == "app.json" {
                return Some(SourceKind::AppJson);
            }
            if COMPOSE_FILES.contains(&name) {
                return Some(SourceKind::Compose);
            }
        }
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        if !yaml {
            return None;
        }
        let in_k8s_dir = parts.len() >= 2 && KUBERNETES_DIRS.contains(&parts[0]);
        if (in_k8s_dir && defines_kind(text, None))
            || (parts.len() <= 2
                && defines_kind(text, Some(&["Deployment", "Service", "StatefulSet"])))
        {
            return Some(SourceKind::Kubernetes);
        }
        None
    }
}

/// Whether a line `kind: X` appears, X among `kinds` (any kind when `None`).
fn defines_kind(text: &str, kinds: Option<&[&str]>) -> bool {
    text.lines().any(|line| {
        let Some(v) = line.trim_start().strip_prefix("kind:") else {
            return false;
        };
        let v = v
            .split('#')
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches(['"', '\'']);
        match kinds {
            Some(ks) => ks.contains(&v),
            None => !v.is_empty(),
        }
    })
}

/// `./a\b` → `a/b`.
fn normalize(path: &str) -> String {
    let p = path.replace('\\', "/");
    let parts: Vec<&str> = p
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    parts.join("/")
}

/// State shared by the converters of one migration.
pub(crate) struct Run<'o> {
    /// The options.
    pub(crate) options: &'o MigrateOptions,
    /// The project (directory) name, when known.
    pub(crate) project: Option<String>,
    /// Whether the project has a `Dockerfile` at its root.
    pub(crate) has_dockerfile: bool,
    /// Unique app names.
    pub(crate) namer: Namer,
    /// The apps built so far.
    pub(crate) drafts: Vec<Draft>,
}

/// What [`migrate_path`] knows beyond the files' text.
#[derive(Debug, Default)]
struct Hints {
    project: Option<String>,
    has_dockerfile: bool,
    /// Files that could not be read: (path, why).
    unreadable: Vec<(String, String)>,
    /// Files skipped for their size: (path, size).
    too_large: Vec<(String, u64)>,
}

/// Migrates in-memory files: `(relative path, text)` pairs. Files that are not
/// migration sources are ignored, except a root `Dockerfile`, which makes
/// Heroku apps build from it.
pub fn migrate_files(files: &[(String, String)], options: &MigrateOptions) -> Migration {
    let has_dockerfile = files.iter().any(|(p, _)| normalize(p) == "Dockerfile");
    migrate_inner(
        files,
        options,
        Hints {
            has_dockerfile,
            ..Hints::default()
        },
    )
}

/// Migrates the project in `dir`, reading only the candidate files: `Procfile`,
/// `app.json`, the compose files, YAML under `k8s/`, `kubernetes/`, `deploy/`,
/// `manifests/` and `.k8s/`, and top-level or one-level-deep YAML defining a
/// Deployment, Service or StatefulSet. Errors only when `dir` itself cannot be
/// listed; unreadable files become diagnostics.
pub fn migrate_path(dir: &Path, options: &MigrateOptions) -> Result<Migration, std::io::Error> {
    let mut hints = Hints {
        project: dir
            .canonicalize()
            .ok()
            .as_deref()
            .unwrap_or(dir)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned()),
        ..Hints::default()
    };
    let mut files: Vec<(String, String)> = Vec::new();
    let mut read = |rel: String, path: &Path, hints: &mut Hints, must_define: Option<&[&str]>| {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_FILE_BYTES {
            if must_define.is_none() {
                hints.too_large.push((rel, size));
            }
            return;
        }
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    if must_define.is_none_or(|kinds| defines_kind(&text, Some(kinds))) {
                        files.push((rel, text));
                    }
                }
                Err(e) => {
                    if must_define.is_none() {
                        let at = e.utf8_error().valid_up_to();
                        hints.unreadable.push((
                            rel,
                            format!("the file is not UTF-8 text (invalid byte at offset {at})"),
                        ));
                    }
                }
            },
            Err(e) => {
                if must_define.is_none() {
                    hints
                        .unreadable
                        .push((rel, format!("the file cannot be read: {e}")));
                }
            }
        }
    };
    const KINDS: &[&str] = &["Deployment", "Service", "StatefulSet"];
    const SKIP: &[&str] = &["node_modules", "target", "vendor", "dist", "build", "venv"];
    for entry in sorted_entries(dir)? {
        let (name, path, is_dir) = entry;
        if is_dir {
            if KUBERNETES_DIRS.contains(&name.as_str()) {
                walk_yaml(&path, &name, 0, &mut |rel, p| {
                    read(rel, p, &mut hints, None)
                });
            } else if !name.starts_with('.') && !SKIP.contains(&name.as_str()) {
                for (child, cpath, child_dir) in sorted_entries(&path).unwrap_or_default() {
                    if !child_dir && is_yaml(&child) {
                        read(format!("{name}/{child}"), &cpath, &mut hints, Some(KINDS));
                    }
                }
            }
            continue;
        }
        if name == "Dockerfile" {
            hints.has_dockerfile = true;
        } else if name == "Procfile" || name == "app.json" || COMPOSE_FILES.contains(&name.as_str())
        {
            read(name, &path, &mut hints, None);
        } else if is_yaml(&name) {
            read(name, &path, &mut hints, Some(KINDS));
        }
    }
    Ok(migrate_inner(&files, options, hints))
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Directory entries as (name, path, is_dir), sorted by name; symlinks are not followed into.
fn sorted_entries(dir: &Path) -> Result<Vec<(String, std::path::PathBuf, bool)>, std::io::Error> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let Ok(ft) = entry.file_type() else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if ft.is_symlink() {
            // A symlinked file is fine to read; a symlinked directory could loop.
            if std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
                out.push((name, entry.path(), false));
            }
            continue;
        }
        out.push((name, entry.path(), ft.is_dir()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Every YAML file under `dir` (at most 6 levels, 1000 files).
fn walk_yaml(dir: &Path, rel: &str, depth: usize, f: &mut dyn FnMut(String, &Path)) {
    fn go(
        dir: &Path,
        rel: &str,
        depth: usize,
        budget: &mut usize,
        f: &mut dyn FnMut(String, &Path),
    ) {
        if depth > 6 {
            return;
        }
        for (name, path, is_dir) in sorted_entries(dir).unwrap_or_default() {
            if *budget == 0 {
                return;
            }
            let r = format!("{rel}/{name}");
            if is_dir {
                go(&path, &r, depth + 1, budget, f);
            } else if is_yaml(&name) {
                *budget -= 1;
                f(r, &path);
            }
        }
    }
    let mut budget = 1000;
    go(dir, rel, depth, &mut budget, f);
}

fn migrate_inner(files: &[(String, String)], options: &MigrateOptions, hints: Hints) -> Migration {
    // Classify; keep the input order within each kind, kinds in a fixed order.
    let mut inputs: Vec<(SourceKind, String, &str)> = files
        .iter()
        .filter_map(|(p, t)| SourceKind::of(p, t).map(|k| (k, normalize(p), t.as_str())))
        .collect();
    inputs.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    inputs.dedup_by(|a, b| a.1 == b.1);
    let mut unreadable: Vec<(String, String)> = hints.unreadable;
    for (p, size) in &hints.too_large {
        unreadable.push((p.clone(), format!("too large ({size} bytes)")));
    }
    let mut srcs: Vec<(Option<SourceKind>, Src<'_>)> = inputs
        .iter()
        .map(|(k, p, t)| (Some(*k), Src::new(p, t)))
        .collect();
    for (p, why) in &unreadable {
        let mut s = Src::new(p, "");
        if why.starts_with("too large") {
            s.report(
                &rules::IGNORED_SOURCE,
                0..0,
                "",
                format!("{p} is skipped: {why}"),
                "",
            );
        } else {
            s.report(
                &rules::UNPARSEABLE_SOURCE,
                0..0,
                "",
                format!("{p}: {why}"),
                "save it as UTF-8 text, or check its permissions",
            );
        }
        srcs.push((None, s));
    }

    let mut run = Run {
        options,
        project: hints.project,
        has_dockerfile: hints.has_dockerfile,
        namer: Namer::default(),
        drafts: Vec::new(),
    };
    let best_compose = COMPOSE_FILES
        .iter()
        .find(|n| {
            inputs
                .iter()
                .any(|(k, p, _)| *k == SourceKind::Compose && p == *n)
        })
        .copied();
    {
        let mut procfile = None;
        let mut appjson = None;
        let mut compose = None;
        let mut k8s: Vec<&mut Src<'_>> = Vec::new();
        for (kind, src) in &mut srcs {
            match kind {
                Some(SourceKind::Procfile) => procfile = Some(src),
                Some(SourceKind::AppJson) => appjson = Some(src),
                Some(SourceKind::Compose) => {
                    if Some(src.path) == best_compose {
                        compose = Some(src);
                    } else {
                        let best = best_compose.unwrap_or_default();
                        src.report(
                            &rules::IGNORED_SOURCE,
                            0..0,
                            "",
                            format!(
                                "{} is skipped: {best} takes precedence (as with `docker compose`)",
                                src.path
                            ),
                            "delete the stale file, or migrate it on its own",
                        );
                    }
                }
                Some(SourceKind::Kubernetes) => k8s.push(src),
                None => {}
            }
        }
        if procfile.is_some() || appjson.is_some() {
            heroku::convert(&mut run, procfile, appjson);
        }
        if let Some(src) = compose {
            compose::convert(&mut run, src);
        }
        if !k8s.is_empty() {
            k8s::convert(&mut run, &mut k8s);
        }
    }

    let region = options
        .region
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .unwrap_or(DEFAULT_REGION)
        .to_ascii_lowercase();
    // `.internal` addresses bypass the proxy, which therefore never starts a
    // stopped machine for them: apps other apps reach keep one running.
    let reached: Vec<String> = run.drafts.iter().flat_map(|d| d.reaches.clone()).collect();
    for d in &mut run.drafts {
        let serves = d.config.http_service.is_some() || !d.config.services.is_empty();
        if serves && reached.contains(&d.name) && d.min_running.unwrap_or(0) < 1 {
            d.min_running = Some(1);
            d.note(format!(
                "other apps reach this one at `{}.internal`, which bypasses the Fly.io proxy and does not start stopped machines, so one machine is kept running (`min_machines_running = 1`)",
                d.name
            ));
        }
    }
    let mut apps = Vec::new();
    for mut d in std::mem::take(&mut run.drafts) {
        d.note(deploy_note(&d));
        let mut problems = Vec::new();
        let source = d.source.clone();
        apps.push(draft::finish(d, &region, &mut problems));
        if let Some((_, src)) = srcs.iter_mut().find(|(_, s)| s.path == source) {
            src.diags.extend(problems);
        }
    }

    let mut diagnostics = Vec::new();
    if inputs.is_empty() && unreadable.is_empty() {
        diagnostics.push(Diagnostic::new(
            &rules::NOTHING_TO_MIGRATE,
            "no Procfile, app.json, compose file or Kubernetes manifest found",
            Span::default(),
        ).with_suggestion("run it in the project directory, or use `fly launch --no-deploy` to generate a fly.toml from the source code"));
    }
    for (_, mut src) in srcs {
        crate::diagnostic::finish(&mut src.diags, &src.lines);
        diagnostics.append(&mut src.diags);
    }
    let mut sources: Vec<String> = inputs.iter().map(|(_, p, _)| p.clone()).collect();
    sources.extend(unreadable.into_iter().map(|(p, _)| p));
    Migration {
        sources,
        apps,
        diagnostics,
    }
}

/// How to create and deploy the app from the project directory.
fn deploy_note(d: &Draft) -> String {
    let (dir, file) = match d.path.rsplit_once('/') {
        Some((dir, file)) => (dir, file),
        None => ("", d.path.as_str()),
    };
    let deploy = match (dir.is_empty(), file == "fly.toml") {
        (true, true) => "fly deploy".to_owned(),
        (false, true) => format!("fly deploy {dir}"),
        (true, false) => format!("fly deploy --config {}", d.path),
        (false, false) => format!("fly deploy {dir} --config {}", d.path),
    };
    format!(
        "write this config to `{}`, create the app with `fly apps create {}`, then deploy: `{deploy}`",
        d.path, d.name
    )
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn classification() {
        let k = |p: &str, t: &str| SourceKind::of(p, t);
        assert_eq!(k("Procfile", ""), Some(SourceKind::Procfile));
        assert_eq!(k("./app.json", ""), Some(SourceKind::AppJson));
        assert_eq!(k("compose.yaml", ""), Some(SourceKind::Compose));
        assert_eq!(k("sub/Procfile", ""), None);
        assert_eq!(
            k("k8s/base/web.yaml", "kind: ConfigMap"),
            Some(SourceKind::Kubernetes)
        );
        assert_eq!(k("k8s/values.yaml", "replicas: 2"), None);
        assert_eq!(
            k("infra/web.yml", "---\nkind: \"Deployment\""),
            Some(SourceKind::Kubernetes)
        );
        assert_eq!(k("infra/web.yml", "kind: ConfigMap"), None);
        assert_eq!(k("a/b/web.yml", "kind: Deployment"), None);
        assert_eq!(k("README.md", "kind: Deployment"), None);
    }
}
