//! Inputs for the flyconf benchmarks: deterministic synthetic projects that
//! the criterion benches scan in memory and on disk, and that
//! `synth-tree` writes out for whole-process timing and for side-by-side
//! runs of other detectors.

use std::fmt::Write;
use std::path::Path;

/// A small Fly.io + Express project (about a dozen files).
#[must_use]
pub fn small_project() -> Vec<(String, Vec<u8>)> {
    let files: &[(&str, &str)] = &[
        (
            "fly.toml",
            "app = \"notes-api\"\nprimary_region = \"ams\"\n\n[http_service]\n  internal_port = 8080\n  force_https = true\n  auto_stop_machines = \"stop\"\n  min_machines_running = 1\n\n[[vm]]\n  size = \"shared-cpu-1x\"\n  memory = \"512mb\"\n",
        ),
        (
            "Dockerfile",
            "# syntax=docker/dockerfile:1\nFROM node:20.11.1-slim AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nFROM node:20.11.1-slim\nWORKDIR /app\nCOPY --from=build /app /app\nUSER node\nCMD [\"node\", \"src/server.js\"]\n",
        ),
        (".dockerignore", "node_modules\n.git\n"),
        (
            "package.json",
            "{\n  \"name\": \"notes-api\",\n  \"version\": \"1.0.0\",\n  \"scripts\": {\"start\": \"node src/server.js\", \"deploy\": \"fly deploy --remote-only\"},\n  \"dependencies\": {\n    \"express\": \"^4.19.2\",\n    \"pg\": \"^8.11.3\"\n  }\n}\n",
        ),
        ("package-lock.json", "{\"lockfileVersion\": 3}\n"),
        (
            "src/server.js",
            "const express = require('express');\nconst app = express();\napp.get('/health', (_req, res) => res.send('ok'));\napp.listen(process.env.PORT || 8080);\n",
        ),
        (
            "src/routes.js",
            "module.exports = function routes(app) {\n  app.get('/notes', (_req, res) => res.json([]));\n};\n",
        ),
        (".env.example", "DATABASE_URL=\nFLY_APP_NAME=notes-api\n"),
        (
            ".github/workflows/deploy.yml",
            "name: deploy\non: {push: {branches: [main]}}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: superfly/flyctl-actions/setup-flyctl@master\n      - run: flyctl deploy --remote-only\n        env:\n          FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}\n",
        ),
        ("README.md", "# notes-api\n\nDeploy with `fly deploy`.\n"),
        ("test/server.test.js", "test('health', () => {});\n"),
    ];
    files
        .iter()
        .map(|(p, c)| ((*p).to_owned(), c.as_bytes().to_vec()))
        .collect()
}

/// A monorepo of `packages` workspaces with `files_per_package` files each
/// (plus a root of deployment config), and `node_modules_files` files of
/// vendored dependencies that a detector should skip.
#[must_use]
pub fn monorepo(
    packages: usize,
    files_per_package: usize,
    node_modules_files: usize,
) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |path: String, content: String| out.push((path, content.into_bytes()));
    add(
        "package.json".into(),
        "{\n  \"name\": \"acme\",\n  \"private\": true,\n  \"workspaces\": [\"packages/*\"]\n}\n"
            .into(),
    );
    add(
        "fly.toml".into(),
        "app = \"acme-web\"\nprimary_region = \"iad\"\n[http_service]\n  internal_port = 3000\n"
            .into(),
    );
    add(
        "Dockerfile".into(),
        "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"npm\", \"start\"]\n".into(),
    );
    add(
        "docker-compose.yml".into(),
        "services:\n  web:\n    build: .\n  db:\n    image: postgres:16\n".into(),
    );
    add(".github/workflows/deploy.yml".into(), "jobs:\n  d:\n    steps:\n      - uses: superfly/flyctl-actions/setup-flyctl@master\n      - run: flyctl deploy --remote-only\n".into());
    add("README.md".into(), "# acme\n".into());
    for k in 0..4 {
        add(
            format!("k8s/service-{k}.yaml"),
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-{k}\nspec:\n  replicas: 2\n"
            ),
        );
    }
    let root_files = out.len();
    let per = files_per_package.max(3);
    for p in 0..packages {
        let dir = format!("packages/pkg-{p:02}");
        let mut add = |path: String, content: String| out.push((path, content.into_bytes()));
        add(
            format!("{dir}/package.json"),
            format!(
                "{{\n  \"name\": \"@acme/pkg-{p:02}\",\n  \"version\": \"1.0.{p}\",\n  \"dependencies\": {{\"react\": \"^18.2.0\"}}\n}}\n"
            ),
        );
        add(
            format!("{dir}/tsconfig.json"),
            "{\"compilerOptions\": {\"strict\": true}}\n".into(),
        );
        add(format!("{dir}/README.md"), format!("# pkg-{p:02}\n"));
        for f in 0..per - 3 {
            let sub = ["components", "hooks", "utils", "lib"][f % 4];
            let mut body = String::new();
            for line in 0..12 {
                let _ = writeln!(
                    body,
                    "export const value{line} = {} * {line}; // module {f} of package {p}",
                    f + line
                );
            }
            add(format!("{dir}/src/{sub}/module-{f:03}.ts"), body);
        }
    }
    let _ = root_files;
    for n in 0..node_modules_files {
        let pkg = n / 10;
        let file = n % 10;
        let path = match file {
            0 => format!("node_modules/dep-{pkg:03}/package.json"),
            1 => format!("node_modules/dep-{pkg:03}/fly.toml"),
            2 => format!("node_modules/dep-{pkg:03}/Dockerfile"),
            _ => format!("node_modules/dep-{pkg:03}/lib/file-{file}.js"),
        };
        out.push((path, format!("module.exports = {n};\n").into_bytes()));
    }
    out
}

/// The monorepo the issue's targets name: 2,000 project files and 3,000
/// files under node_modules.
#[must_use]
pub fn standard_monorepo() -> Vec<(String, Vec<u8>)> {
    // 10 root files + 40 packages × 49.75 ≈ 2,000 project files.
    let mut files = monorepo(40, 50, 3000);
    // Trim to exactly 2,000 project files (node_modules files come last).
    let project: Vec<_> = files
        .iter()
        .filter(|(p, _)| !p.starts_with("node_modules/"))
        .cloned()
        .collect();
    let modules: Vec<_> = files
        .drain(..)
        .filter(|(p, _)| p.starts_with("node_modules/"))
        .collect();
    project.into_iter().take(2000).chain(modules).collect()
}

/// Writes `files` under `root`.
///
/// # Errors
/// Any I/O error.
pub fn write_tree(root: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    for (path, content) in files {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, content)?;
    }
    Ok(())
}

/// A typical 60-line production fly.toml (web service with checks, a
/// worker process, a volume, VM sizing), for the parse benchmarks.
pub const TYPICAL_FLY_TOML: &str = r#"# fly.toml app configuration file for the bench app
app = "bench-shop-api"
primary_region = "iad"
kill_signal = "SIGTERM"
kill_timeout = "30s"
console_command = "bin/rails console"

[build]
  dockerfile = "Dockerfile"
  [build.args]
    RUBY_VERSION = "3.3.5"
    BUNDLE_WITHOUT = "development:test"

[deploy]
  strategy = "rolling"
  release_command = "bin/rails db:prepare"
  release_command_timeout = "10m"

[env]
  RAILS_ENV = "production"
  RAILS_LOG_TO_STDOUT = "1"
  PORT = "3000"

[processes]
  web = "bin/rails server -b 0.0.0.0 -p 3000"
  worker = "bundle exec sidekiq -C config/sidekiq.yml"

[http_service]
  internal_port = 3000
  force_https = true
  auto_stop_machines = "stop"
  auto_start_machines = true
  min_machines_running = 1
  processes = ["web"]
  [http_service.concurrency]
    type = "requests"
    soft_limit = 80
    hard_limit = 100
  [[http_service.checks]]
    grace_period = "10s"
    interval = "30s"
    method = "GET"
    path = "/up"
    timeout = "5s"

[[mounts]]
  source = "storage"
  destination = "/rails/storage"
  initial_size = "5gb"
  processes = ["web"]

[[vm]]
  size = "shared-cpu-2x"
  memory = "1gb"
  processes = ["web"]

[[vm]]
  size = "shared-cpu-1x"
  memory = "512mb"
  processes = ["worker"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_monorepo_has_the_advertised_shape() {
        let files = standard_monorepo();
        let modules = files
            .iter()
            .filter(|(p, _)| p.starts_with("node_modules/"))
            .count();
        assert_eq!(modules, 3000);
        assert_eq!(files.len() - modules, 2000);
    }
}
