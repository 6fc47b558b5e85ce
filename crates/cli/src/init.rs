//! `flyconf init` and `flyconf templates`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flyconf::generate::{self, Choice, Database, Environment, FileSet, Options};
use serde::Serialize;

use crate::args::{DatabaseArg, EnvArg, Format, InitArgs, TemplatesArgs};
use crate::failure::{EXIT_ERROR, Failure, Report};

/// The JSON `flyconf init --format json` prints.
#[derive(Serialize)]
struct InitReport<'a> {
    choice: Option<&'a Choice>,
    out_dir: String,
    dry_run: bool,
    written: Vec<&'a str>,
    #[serde(flatten)]
    set: &'a FileSet,
}

pub(crate) fn run(args: &InitArgs) -> ExitCode {
    let json = args.format == Format::Json;
    match init(args) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            if writeln!(out, "{}", text.trim_end()).is_err() {
                return ExitCode::from(EXIT_ERROR);
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            f.report(json);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn init(args: &InitArgs) -> Result<String, Failure> {
    if !args.dir.is_dir() {
        return Err(Failure::from(flyconf::detect::Error::PathNotFound {
            path: args.dir.clone(),
        }));
    }
    let choice = match &args.template {
        Some(_) => None,
        None => Some(
            generate::choose_template_for(&args.dir)
                .map_err(Failure::from)?
                .ok_or_else(|| Failure {
                    code: "no-template".into(),
                    message: format!(
                        "no framework that a template serves was detected in {}",
                        args.dir.display()
                    ),
                    suggestion: "pass --template NAME; `flyconf templates` lists them".into(),
                })?,
        ),
    };
    let template = args
        .template
        .clone()
        .or_else(|| choice.as_ref().map(|c| c.template.clone()))
        .unwrap_or_default();
    let options = Options {
        template,
        app: args.app.clone().or_else(|| app_from_dir(&args.dir)),
        region: args.region.clone(),
        environments: args
            .envs
            .iter()
            .map(|e| match e {
                EnvArg::Dev => Environment::Dev,
                EnvArg::Staging => Environment::Staging,
                EnvArg::Production => Environment::Production,
            })
            .collect(),
        database: match args.database {
            DatabaseArg::Postgres => Database::Postgres,
            DatabaseArg::Sqlite => Database::Sqlite,
            DatabaseArg::None => Database::None,
        },
        redis: args.redis,
        extra_secrets: env_example(&args.dir),
    };
    let set = generate::generate(&options).map_err(Failure::from)?;
    let out_dir = args.out.clone().unwrap_or_else(|| args.dir.clone());
    let existing: Vec<&str> = set
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| out_dir.join(p).exists())
        .collect();
    if !existing.is_empty() && !args.force && !args.dry_run {
        return Err(crate::failure::files_exist(
            &existing,
            &out_dir,
            "pass --force to overwrite them, --out DIR to write elsewhere, or --dry-run to see the plan",
        ));
    }
    let mut written = Vec::new();
    if !args.dry_run {
        for f in &set.files {
            write_file(&out_dir.join(&f.path), &f.contents)?;
            written.push(f.path.as_str());
        }
    }
    if args.format == Format::Json {
        let report = InitReport {
            choice: choice.as_ref(),
            out_dir: out_dir.display().to_string(),
            dry_run: args.dry_run,
            written,
            set: &set,
        };
        return flyconf::detect::json::to_string_pretty(&report).map_err(|e| Failure {
            code: "internal".into(),
            message: e.to_string(),
            suggestion: "report this as a bug".into(),
        });
    }
    Ok(render(
        &set,
        choice.as_ref(),
        &out_dir,
        args.dry_run,
        &existing,
    ))
}

/// An app name from the project directory's name, as `fly launch` does:
/// lowercased, other characters turned into dashes.
fn app_from_dir(dir: &Path) -> Option<String> {
    let name = std::fs::canonicalize(dir)
        .ok()?
        .file_name()?
        .to_string_lossy()
        .into_owned();
    let app = generate::app_name_from(&name);
    (!app.is_empty() && app.len() <= 63).then_some(app)
}

/// Secret names from the project's `.env.example` (or `.env.sample`).
fn env_example(dir: &Path) -> Vec<String> {
    [".env.example", ".env.sample", ".env.template"]
        .iter()
        .find_map(|n| std::fs::read_to_string(dir.join(n)).ok())
        .map(|t| generate::env_example_keys(&t))
        .unwrap_or_default()
}

fn write_file(path: &PathBuf, contents: &str) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure {
        code: "unwritable-path".into(),
        message: format!("cannot write {}: {e}", path.display()),
        suggestion: "check the output directory exists and is writable, or pass --out DIR".into(),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::write(path, contents).map_err(fail)?;
    #[cfg(unix)]
    if path.extension().is_some_and(|e| e == "sh") {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(fail)?;
    }
    Ok(())
}

fn render(
    set: &FileSet,
    choice: Option<&Choice>,
    out: &Path,
    dry_run: bool,
    existing: &[&str],
) -> String {
    let mut s = String::new();
    match choice {
        Some(c) => s.push_str(&format!("Template {}: {}\n\n", c.template, c.why)),
        None => s.push_str(&format!("Template {}\n\n", set.template)),
    }
    s.push_str(if dry_run {
        "Would write (dry run, nothing written):\n"
    } else {
        "Wrote:\n"
    });
    for f in &set.files {
        let note = if existing.contains(&f.path.as_str()) {
            if dry_run {
                "  (exists)"
            } else {
                "  (overwritten)"
            }
        } else {
            ""
        };
        s.push_str(&format!(
            "  {:<22} {}{note}\n",
            out.join(&f.path).display(),
            f.purpose
        ));
    }
    if set.secrets.iter().any(|p| !p.names.is_empty()) {
        s.push_str("\nSecrets to set (names only; values never go in a file):\n");
        for p in &set.secrets {
            s.push_str(&format!(
                "  {} ({}): {}\n",
                p.environment.as_str(),
                p.app,
                p.names.join(", ")
            ));
        }
    }
    s.push_str("\nNext:\n");
    for step in &set.next_steps {
        s.push_str(&format!("  {step}\n"));
    }
    s
}

pub(crate) fn templates(args: &TemplatesArgs) -> ExitCode {
    let list = generate::templates();
    let text = if args.format == Format::Json {
        flyconf::detect::json::to_string_pretty(&flyconf::api::templates()).unwrap_or_default()
    } else {
        list.iter()
            .map(|t| format!("{:<18} {}", t.name, t.description))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").is_err() {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::SUCCESS
}
