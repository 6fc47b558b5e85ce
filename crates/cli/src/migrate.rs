//! `flyconf migrate`: Heroku, docker-compose and Kubernetes to fly.toml.

use std::io::Write;
use std::process::ExitCode;

use flyconf::migrate::{MigrateOptions, Migration};

use crate::args::{Format, MigrateArgs};
use crate::failure::{EXIT_ERROR, Failure, Report};

pub(crate) fn run(args: &MigrateArgs) -> ExitCode {
    let json = args.format == Format::Json;
    let options = MigrateOptions {
        region: args.region.clone(),
        app_prefix: args.app_prefix.clone(),
    };
    let migration = match flyconf::api::migrate(&args.dir, &options) {
        Ok(m) => m,
        Err(e) => {
            Failure::from(e).report(json);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    if args.write {
        let existing: Vec<&str> = migration
            .apps
            .iter()
            .map(|a| a.path.as_str())
            .filter(|p| args.dir.join(p).exists())
            .collect();
        if !existing.is_empty() && !args.force {
            crate::failure::files_exist(
                &existing,
                &args.dir,
                "pass --force to overwrite, or run without --write to print the drafts",
            )
            .report(json);
            return ExitCode::from(EXIT_ERROR);
        }
        for app in &migration.apps {
            let path = args.dir.join(&app.path);
            let written = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&path, &app.fly_toml));
            if let Err(e) = written {
                Failure {
                    code: "unwritable-path".into(),
                    message: format!("cannot write {}: {e}", path.display()),
                    suggestion: "check the directory is writable".into(),
                }
                .report(json);
                return ExitCode::from(EXIT_ERROR);
            }
        }
    }
    let out = if json {
        flyconf::detect::json::to_string_pretty(&migration).unwrap_or_default()
    } else {
        render(&migration, args.write)
    };
    if writeln!(std::io::stdout().lock(), "{}", out.trim_end()).is_err() {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(u8::from(migration.has_errors()))
}

fn render(m: &Migration, written: bool) -> String {
    let mut s = String::new();
    if m.sources.is_empty() {
        s.push_str("No Procfile, app.json, compose file or Kubernetes manifest found.\n");
    } else {
        s.push_str(&format!("Sources: {}\n", m.sources.join(", ")));
    }
    for app in &m.apps {
        s.push_str(&format!(
            "\n== {} (from {}) → {}{}\n",
            app.name,
            app.source,
            app.path,
            if written { " (written)" } else { "" }
        ));
        if !written {
            s.push_str(&app.fly_toml);
        }
        if !app.secrets.is_empty() {
            s.push_str(&format!("Secrets to set: {}\n", app.secrets.join(", ")));
        }
        for note in &app.notes {
            s.push_str(&format!("  note: {note}\n"));
        }
    }
    if !m.diagnostics.is_empty() {
        s.push_str("\nNot converted or changed:\n");
        for d in &m.diagnostics {
            s.push_str(&format!(
                "  {}[{}] {}: {}\n",
                d.severity.as_str(),
                d.code,
                d.key_path.as_deref().unwrap_or(""),
                d.message
            ));
        }
    }
    s
}
