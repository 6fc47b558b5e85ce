//! The rules: which facts point where, how strongly, and how services are placed.
//! See the module documentation of [`crate::recommend`] for the table.

use super::facts::{AwsKind, FrameworkFact, ProjectFacts, StatefulService, StoreKind, parent_dir};
use super::placement::*;
use super::{Platform, Reason, Recommendation};

/// Existing fly.toml files.
pub(crate) const W_FLY_CONFIG: f64 = 3.0;
/// flyctl deploys from scripts or CI, without a fly.toml.
pub(crate) const W_FLY_CLI: f64 = 2.0;
/// Helm charts.
pub(crate) const W_HELM: f64 = 2.0;
/// Raw Kubernetes manifests (outside charts).
pub(crate) const W_K8S_MANIFESTS: f64 = 2.0;
/// Many workloads (at least [`MANY_WORKLOADS`] workload files).
pub(crate) const W_K8S_MANY: f64 = 1.0;
/// How many workload files make "many services".
pub(crate) const MANY_WORKLOADS: usize = 3;
/// StatefulSets and PersistentVolumeClaims.
pub(crate) const W_K8S_STATEFUL: f64 = 1.0;
/// CRDs and operator custom resources.
pub(crate) const W_K8S_OPERATORS: f64 = 1.5;
/// Kustomize overlays and Argo CD.
pub(crate) const W_K8S_DELIVERY: f64 = 1.0;
/// An AWS app framework: CDK, SAM, Serverless.
pub(crate) const W_AWS_APP: f64 = 3.0;
/// Other AWS infrastructure: CloudFormation, ECS, Terraform or Pulumi on AWS.
pub(crate) const W_AWS_IAC: f64 = 2.5;
/// One stateless web app with a standard framework, nothing else deployed.
pub(crate) const W_WEB_SINGLE: f64 = 1.5;
/// Web apps with standard frameworks, otherwise.
pub(crate) const W_WEB: f64 = 1.0;
/// Datastores Fly.io manages (Postgres, Redis, SQLite on a volume).
pub(crate) const W_MANAGED_STATE: f64 = 0.5;
/// Datastores Fly.io does not manage.
pub(crate) const W_UNMANAGED_STATE: f64 = 1.0;
/// Dockerfiles.
pub(crate) const W_DOCKER: f64 = 0.25;
/// Compose files.
pub(crate) const W_COMPOSE: f64 = 0.25;
/// Heroku / Render / Railway configs.
pub(crate) const W_PAAS: f64 = 0.5;
/// The score at which a platform's evidence counts as strong.
pub(crate) const SATURATION: f64 = 6.0;
/// The highest confidence the rules ever give.
pub(crate) const MAX_CONFIDENCE: f64 = 0.95;
/// The confidence when no fact points anywhere.
pub(crate) const DEFAULT_CONFIDENCE: f64 = 0.3;

/// One place an app lives.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AppDir {
    pub(crate) path: String,
    /// The best framework found there.
    pub(crate) framework: Option<String>,
    /// Whether that framework serves HTTP (a framework, not a bare runtime).
    pub(crate) web: bool,
    /// Its fly.toml, if it has one.
    pub(crate) fly_config: Option<String>,
}

pub(super) fn is_web(fw: &FrameworkFact) -> bool {
    !fw.fallback || fw.id == "static"
}

/// Whether `path` is strictly below `dir`.
pub(super) fn is_inside(path: &str, dir: &str) -> bool {
    if dir == "." {
        path != "."
    } else {
        path.len() > dir.len() && path.starts_with(dir) && path.as_bytes()[dir.len()] == b'/'
    }
}

/// The app directories: those with a fly config, those where a specific
/// framework was found, and those where only a runtime fallback was found if
/// they have their own Dockerfile or are unrelated to (neither above nor
/// below) the specific ones — a workspace root's `package.json` is not an app.
pub(crate) fn app_dirs(f: &ProjectFacts) -> Vec<AppDir> {
    let mut dirs: Vec<String> = Vec::new();
    let add = |dirs: &mut Vec<String>, d: &str| {
        if !dirs.iter().any(|x| x == d) {
            dirs.push(d.to_owned());
        }
    };
    for c in &f.fly.configs {
        add(&mut dirs, parent_dir(c));
    }
    for fw in f.frameworks.iter().filter(|fw| !fw.fallback) {
        for l in &fw.locations {
            add(&mut dirs, l);
        }
    }
    let specific = dirs.clone();
    for fw in f.frameworks.iter().filter(|fw| fw.fallback) {
        for l in &fw.locations {
            let own_dockerfile = f.dockerfiles.iter().any(|d| parent_dir(d) == l);
            let related = specific
                .iter()
                .any(|s| s == l || is_inside(s, l) || is_inside(l, s));
            if own_dockerfile || !related {
                add(&mut dirs, l);
            }
        }
    }
    dirs.sort_by(|a, b| (a != ".").cmp(&(b != ".")).then_with(|| a.cmp(b)));
    dirs.into_iter()
        .map(|path| {
            let fw = best_framework(f, &path);
            AppDir {
                fly_config: f
                    .fly
                    .configs
                    .iter()
                    .find(|c| parent_dir(c) == path)
                    .cloned(),
                framework: fw.map(|fw| fw.id.clone()),
                web: fw.is_some_and(is_web),
                path,
            }
        })
        .collect()
}

/// The framework that describes `dir` best: a specific one before a fallback,
/// one not outranked by another framework found in the same directory, then
/// by confidence, then in report order.
pub(super) fn best_framework<'a>(f: &'a ProjectFacts, dir: &str) -> Option<&'a FrameworkFact> {
    let here = |id: &str| {
        f.frameworks
            .iter()
            .any(|g| g.id == id && g.locations.iter().any(|l| l == dir))
    };
    f.frameworks
        .iter()
        .enumerate()
        .filter(|(_, fw)| fw.locations.iter().any(|l| l == dir))
        .min_by(|(i, a), (j, b)| {
            let key =
                |fw: &FrameworkFact| (fw.fallback, fw.superseded_by.as_deref().is_some_and(&here));
            key(a)
                .cmp(&key(b))
                .then(b.confidence.total_cmp(&a.confidence))
                .then(i.cmp(j))
        })
        .map(|(_, fw)| fw)
}

/// Which app a deploy config or datastore file belongs to: the deepest app
/// directory containing it; else an app whose directory name is one of the
/// file's directory names (`deploy/helm/notifier/…` → `services/notifier`);
/// else the root app, if there is one (a top-level `k8s/` or `deploy/`
/// folder deploys the repository's main app).
pub(crate) fn owner<'a>(path: &str, apps: &'a [AppDir]) -> Option<&'a AppDir> {
    let deepest = apps
        .iter()
        .filter(|a| a.path != "." && is_inside(path, &a.path))
        .max_by_key(|a| a.path.len());
    if deepest.is_some() {
        return deepest;
    }
    let segments: Vec<String> = parent_dir(path)
        .split('/')
        .map(str::to_ascii_lowercase)
        .collect();
    let named = apps.iter().find(|a| {
        a.path != "."
            && a.path
                .rsplit('/')
                .next()
                .is_some_and(|base| segments.iter().any(|s| *s == base.to_ascii_lowercase()))
    });
    named.or_else(|| apps.iter().find(|a| a.path == "."))
}

/// Up to four items, then "and N more".
pub(super) fn list<S: AsRef<str>>(items: &[S]) -> String {
    let shown: Vec<&str> = items.iter().take(4).map(AsRef::as_ref).collect();
    let mut s = shown.join(", ");
    if items.len() > 4 {
        s.push_str(&format!(" and {} more", items.len() - 4));
    }
    s
}

pub(super) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Distinct kinds, in [`StoreKind`] order, with the first file for each.
pub(super) fn store_kinds<'a>(
    stores: impl Iterator<Item = &'a StatefulService>,
) -> Vec<(StoreKind, &'a str)> {
    let mut out: Vec<(StoreKind, &str)> = Vec::new();
    for s in stores {
        if !out.iter().any(|(k, _)| *k == s.kind) {
            out.push((s.kind, &s.evidence));
        }
    }
    out.sort_by_key(|(k, _)| *k);
    out
}

pub(super) fn describe_stores(kinds: &[(StoreKind, &str)]) -> String {
    let named: Vec<String> = kinds
        .iter()
        .map(|(k, path)| format!("{} ({path})", k.name()))
        .collect();
    list(&named)
}

/// Which platforms already deploy something.
pub(super) struct Anchors {
    pub(super) fly: bool,
    pub(super) kubernetes: bool,
    pub(super) aws: bool,
}

pub(crate) fn recommend(f: &ProjectFacts) -> Recommendation {
    let apps = app_dirs(f);
    let k = &f.kubernetes;
    let anchors = Anchors {
        fly: !(f.fly.configs.is_empty() && f.fly.cli.is_empty()),
        kubernetes: k.deploys(),
        aws: !f.aws.is_empty(),
    };
    let unmanaged = store_kinds(f.stateful.iter().filter(|s| !s.kind.fly_managed()));
    let managed = store_kinds(f.stateful.iter().filter(|s| s.kind.fly_managed()));
    let mut why: Vec<Reason> = Vec::new();
    let mut reason = |fact: String, evidence: &str, points_to: Platform, weight: f64| {
        why.push(Reason {
            fact,
            evidence: evidence.to_owned(),
            points_to,
            weight,
        });
    };

    // Fly.io usage.
    if let Some(first) = f.fly.configs.first() {
        reason(
            format!("Fly.io app config already exists: {}", list(&f.fly.configs)),
            first,
            Platform::FlyIo,
            W_FLY_CONFIG,
        );
    } else if let Some(first) = f.fly.cli.first() {
        reason(
            format!(
                "flyctl deploys run from scripts or CI, without a committed fly.toml: {}",
                list(&f.fly.cli)
            ),
            first,
            Platform::FlyIo,
            W_FLY_CLI,
        );
    }

    // Kubernetes usage.
    if let Some(first) = k.charts.first() {
        let dirs: Vec<&str> = k.charts.iter().map(|c| parent_dir(c)).collect();
        reason(
            format!("Helm chart(s) deploy the project: {}", list(&dirs)),
            first,
            Platform::Kubernetes,
            W_HELM,
        );
    }
    let chart_dirs: Vec<&str> = k.charts.iter().map(|c| parent_dir(c)).collect();
    let raw: Vec<&String> = k
        .manifests
        .iter()
        .filter(|m| !chart_dirs.iter().any(|c| is_inside(m, c)))
        .collect();
    if let Some(first) = raw.first() {
        reason(
            format!(
                "Plain Kubernetes manifests (outside Helm charts): {}",
                list(&raw)
            ),
            first,
            Platform::Kubernetes,
            W_K8S_MANIFESTS,
        );
    }
    if let Some(first) = k
        .workloads
        .first()
        .filter(|_| k.workloads.len() >= MANY_WORKLOADS)
    {
        reason(
            format!(
                "{} files define Kubernetes workloads (Deployments, StatefulSets, Jobs…): many services already run there",
                k.workloads.len()
            ),
            first,
            Platform::Kubernetes,
            W_K8S_MANY,
        );
    }
    if let Some(first) = k.stateful.first() {
        reason(
            format!(
                "StatefulSets or PersistentVolumeClaims keep state in the cluster: {}",
                list(&k.stateful)
            ),
            first,
            Platform::Kubernetes,
            W_K8S_STATEFUL,
        );
    }
    if let Some(first) = k.custom_resources.first() {
        reason(
            format!(
                "CRDs or operator custom resources (cert-manager, Prometheus, database operators…): {}",
                list(&k.custom_resources)
            ),
            first,
            Platform::Kubernetes,
            W_K8S_OPERATORS,
        );
    }
    if let Some(first) = k.kustomizations.first().or(k.gitops.first()) {
        let mut tools = Vec::new();
        if !k.kustomizations.is_empty() {
            tools.push("Kustomize");
        }
        if !k.gitops.is_empty() {
            tools.push("Argo CD");
        }
        reason(
            format!("Kubernetes delivery tooling: {}", tools.join(" and ")),
            first,
            Platform::Kubernetes,
            W_K8S_DELIVERY,
        );
    }

    // AWS usage, one reason per kind.
    let mut aws_kinds: Vec<AwsKind> = Vec::new();
    for a in &f.aws {
        if !aws_kinds.contains(&a.kind) {
            aws_kinds.push(a.kind);
        }
    }
    for kind in &aws_kinds {
        let files: Vec<&str> = f
            .aws
            .iter()
            .filter(|a| a.kind == *kind)
            .map(|a| a.evidence.as_str())
            .collect();
        let Some(first) = files.first() else { continue };
        let weight = match kind {
            AwsKind::Cdk | AwsKind::Sam | AwsKind::Serverless => W_AWS_APP,
            _ => W_AWS_IAC,
        };
        reason(
            format!("{} infrastructure: {}", kind.name(), list(&files)),
            first,
            Platform::Aws,
            weight,
        );
    }

    // The apps themselves.
    let web: Vec<&AppDir> = apps.iter().filter(|a| a.web).collect();
    if let Some(first_web) = web.first() {
        let single = !f.monorepo
            && apps.len() == 1
            && unmanaged.is_empty()
            && !anchors.kubernetes
            && !anchors.aws;
        let named: Vec<String> = web
            .iter()
            .map(|a| {
                let fw = a.framework.as_deref().unwrap_or("?");
                if a.path == "." {
                    format!("{fw} at the root")
                } else {
                    format!("{fw} in {}", a.path)
                }
            })
            .collect();
        let fact = if single {
            format!(
                "A single stateless web app with a standard framework ({}) and at most Postgres/Redis: the case Fly.io's launch tooling covers",
                named.first().map_or("?", String::as_str)
            )
        } else {
            match named.as_slice() {
                [one] => {
                    format!("A web app with a standard framework, which maps to a Fly app: {one}")
                }
                _ => format!(
                    "{} web apps with standard frameworks, each a Fly app: {}",
                    web.len(),
                    list(&named)
                ),
            }
        };
        let evidence = framework_evidence(f, first_web);
        reason(
            fact,
            &evidence,
            Platform::FlyIo,
            if single { W_WEB_SINGLE } else { W_WEB },
        );
    }
    if let Some((_, first)) = managed.first() {
        reason(
            format!(
                "Datastores Fly.io provides (Managed Postgres, Upstash for Redis, SQLite on a volume): {}",
                describe_stores(&managed)
            ),
            first,
            Platform::FlyIo,
            W_MANAGED_STATE,
        );
    }
    if let Some((_, first)) = unmanaged.first() {
        let to = if anchors.kubernetes || !anchors.aws {
            Platform::Kubernetes
        } else {
            Platform::Aws
        };
        let home = if to == Platform::Aws {
            "AWS has managed versions"
        } else {
            "they are usually run with StatefulSets or operators"
        };
        reason(
            format!(
                "Stateful services Fly.io does not manage ({home}): {}",
                describe_stores(&unmanaged)
            ),
            first,
            to,
            W_UNMANAGED_STATE,
        );
    }
    if let Some(first) = f.dockerfiles.first() {
        reason(
            format!(
                "Dockerfile(s) Fly.io builds and runs as they are: {}",
                list(&f.dockerfiles)
            ),
            first,
            Platform::FlyIo,
            W_DOCKER,
        );
    }
    if let Some(first) = f.compose_files.first() {
        reason(
            format!(
                "Compose services map onto Fly apps and process groups: {}",
                list(&f.compose_files)
            ),
            first,
            Platform::FlyIo,
            W_COMPOSE,
        );
    }
    let paas: Vec<&super::ToolFact> = f
        .tools
        .iter()
        .filter(|t| matches!(t.id.as_str(), "heroku" | "render" | "railway"))
        .collect();
    if let Some(first) = paas.first() {
        let ids: Vec<&str> = paas.iter().map(|t| t.id.as_str()).collect();
        let evidence = first
            .evidence
            .first()
            .map_or(first.id.as_str(), String::as_str);
        reason(
            format!(
                "PaaS-style deploy config ({}): the same app model as Fly.io",
                ids.join(", ")
            ),
            evidence,
            Platform::FlyIo,
            W_PAAS,
        );
    }

    // The decision.
    let score = |p: Platform| -> f64 {
        why.iter()
            .filter(|r| r.points_to == p)
            .map(|r| r.weight)
            .sum()
    };
    let scores = [
        (Platform::FlyIo, score(Platform::FlyIo)),
        (Platform::Kubernetes, score(Platform::Kubernetes)),
        (Platform::Aws, score(Platform::Aws)),
    ];
    let total: f64 = scores.iter().map(|(_, s)| s).sum();
    let anchored: Vec<f64> = scores
        .iter()
        .filter(|(p, _)| match p {
            Platform::FlyIo => anchors.fly,
            Platform::Kubernetes => anchors.kubernetes,
            Platform::Aws => anchors.aws,
            Platform::Mixed => false,
        })
        .map(|(_, s)| *s)
        .collect();
    let (platform, confidence) = if anchored.len() >= 2 {
        let mut sorted = anchored.clone();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let (strong, weak) = (sorted.first().copied(), sorted.get(1).copied());
        let ratio = match (strong, weak) {
            (Some(strong), Some(weak)) if strong > 0.0 => weak / strong,
            _ => 1.0,
        };
        (Platform::Mixed, 0.5 + 0.45 * ratio)
    } else if total <= 0.0 {
        why.push(Reason {
            fact: "No deployment config, framework or datastore points anywhere; Fly.io runs any container with the least setup".into(),
            evidence: ".".into(),
            points_to: Platform::FlyIo,
            weight: 0.0,
        });
        (Platform::FlyIo, DEFAULT_CONFIDENCE)
    } else {
        // The first of the highest scores wins (order: Fly.io, Kubernetes, AWS).
        let (p, s) = scores
            .iter()
            .fold((Platform::FlyIo, f64::NEG_INFINITY), |best, cur| {
                if cur.1 > best.1 { *cur } else { best }
            });
        let agreement = s / total;
        let strength = s.min(SATURATION) / SATURATION;
        (p, agreement * (0.4 + 0.6 * strength))
    };
    let confidence = round2(confidence.clamp(0.0, MAX_CONFIDENCE));

    let services = place(f, &apps, &anchors, platform, &unmanaged);
    let trade_offs = trade_offs(f, platform, &unmanaged, &managed);
    let next_steps = next_steps(f, &apps, &services, platform, &managed, &unmanaged);
    Recommendation {
        platform,
        confidence,
        rationale: why,
        trade_offs,
        services,
        next_steps,
    }
}
