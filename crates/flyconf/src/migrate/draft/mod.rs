//! What the converters build — an app being migrated — and what every app
//! gets in the end: a name, a region and sensible defaults.
//!
//! This module holds `Draft` itself; the submodules hold naming, port
//! planning, host rewriting and `finish`.

mod finish;
mod hosts;
mod names;
mod ports;

use crate::{Config, Diagnostic, Severity};

pub(crate) use finish::finish;
pub(crate) use hosts::{Target, describe_rewrite, rewrite_hosts};
// Only the tests name it here; `Namer` uses it in `names`.
#[cfg(test)]
pub(crate) use names::sanitize_name;
pub(crate) use names::{Namer, reserved_env, secret_name, secret_reason, volume_name};
pub(crate) use ports::{PortSpec, plan_ports};

/// An app being migrated.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// The app name (already unique).
    pub(crate) name: String,
    /// The source file it comes from.
    pub(crate) source: String,
    /// Where its fly.toml should be written, relative to the project.
    pub(crate) path: String,
    /// The configuration so far (`app` and `primary_region` are set by [`finish`]).
    pub(crate) config: Config,
    /// Secret names to set.
    pub(crate) secrets: Vec<String>,
    /// Notes for the user.
    pub(crate) notes: Vec<String>,
    /// The process group that serves HTTP (default `app`).
    pub(crate) http_group: Option<String>,
    /// `min_machines_running` for its services, when the source declares replicas.
    pub(crate) min_running: Option<i64>,
    /// Apps this one reaches at `APP.internal` (they must keep a machine running).
    pub(crate) reaches: Vec<String>,
}

impl Draft {
    /// Adds a secret name (once).
    pub(crate) fn secret(&mut self, name: &str) {
        if !name.is_empty() && !self.secrets.iter().any(|s| s == name) {
            self.secrets.push(name.to_owned());
        }
    }

    /// Records that this app reaches `apps` over the private network.
    pub(crate) fn reach(&mut self, apps: &[String]) {
        for a in apps {
            if *a != self.name && !self.reaches.contains(a) {
                self.reaches.push(a.clone());
            }
        }
    }

    /// Adds a note (once).
    pub(crate) fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

/// A diagnostic severity override helper: info for settings that do no harm.
pub(crate) fn info(d: &mut Diagnostic) {
    d.severity = Severity::Info;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let mut n = Namer::default();
        assert_eq!(
            n.claim(Some("My Project"), Some("Web_1")),
            "my-project-web-1"
        );
        assert_eq!(
            n.claim(Some("my-project"), Some("web-1")),
            "my-project-web-1-2"
        );
        assert_eq!(n.claim(None, None), "app");
        assert_eq!(n.claim(Some("shop"), Some("shop-api")), "shop-api");
        assert_eq!(n.claim(None, Some(&"x".repeat(100))).len(), 63);
        assert_eq!(volume_name("Postgres-Data!"), "postgres_data");
        assert_eq!(volume_name("--"), "data");
        assert_eq!(secret_name("db-password"), "DB_PASSWORD");
        assert_eq!(secret_name("1x"), "_1X");
    }

    #[test]
    fn host_rewrites() {
        let hosts = |h: &str| match h {
            "db" => Some(Target {
                app: "p-db".into(),
                ports: Vec::new(),
            }),
            "api" | "api.shop.svc.cluster.local" => Some(Target {
                app: "p-api".into(),
                ports: vec![(80, 8080)],
            }),
            _ => None,
        };
        let r = |v: &str| rewrite_hosts(v, &hosts).map(|r| r.value);
        assert_eq!(
            r("postgres://u:p@db:5432/app"),
            Some("postgres://u:p@p-db.internal:5432/app".into())
        );
        assert_eq!(
            r("http://api/v1?x=http://db"),
            Some("http://p-api.internal:8080/v1?x=http://p-db.internal".into())
        );
        assert_eq!(
            r("http://api.shop.svc.cluster.local:80"),
            Some("http://p-api.internal:8080".into())
        );
        assert_eq!(r("db:5432"), Some("p-db.internal:5432".into()));
        assert_eq!(r("db"), Some("p-db.internal".into()));
        assert_eq!(
            r("api:9,db:1"),
            Some("p-api.internal:9,p-db.internal:1".into())
        );
        assert_eq!(r("dbx"), None);
        assert_eq!(r("use the db"), None);
        assert_eq!(r("https://example.com"), None);
        let rw = rewrite_hosts("mongodb://db:1,db:2", &hosts).expect("rewrites");
        assert_eq!(rw.apps, vec!["p-db".to_owned()]);
        assert_eq!(describe_rewrite(&rw, &hosts), "`db` → `p-db.internal`");
    }
}
