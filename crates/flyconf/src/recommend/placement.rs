//! Per-service placement, trade-offs and next steps.

use super::facts::*;
use super::rules::*;
use super::*;

/// A file showing the app's framework (or the framework id if none is known).
pub(super) fn framework_evidence(f: &ProjectFacts, app: &AppDir) -> String {
    let Some(id) = app.framework.as_deref() else {
        return app.path.clone();
    };
    let fw = f.frameworks.iter().find(|fw| fw.id == id);
    fw.and_then(|fw| {
        fw.evidence
            .iter()
            .find(|e| parent_dir(e) == app.path)
            .or_else(|| {
                fw.evidence
                    .iter()
                    .find(|e| app.path == "." || is_inside(e, &app.path))
            })
            .or(fw.evidence.first())
    })
    .cloned()
    .unwrap_or_else(|| id.to_owned())
}

pub(super) fn place(
    f: &ProjectFacts,
    apps: &[AppDir],
    anchors: &Anchors,
    overall: Platform,
    unmanaged: &[(StoreKind, &str)],
) -> Vec<ServicePlacement> {
    let k8s = f.kubernetes.config_files();
    apps.iter()
        .map(|app| {
            let owned = |path: &&str| owner(path, apps).is_some_and(|o| o.path == app.path);
            let k8s_here: Vec<&str> = k8s.iter().copied().filter(owned).collect();
            let aws_here: Vec<(&AwsKind, &str)> = f
                .aws
                .iter()
                .map(|a| (&a.kind, a.evidence.as_str()))
                .filter(|(_, p)| owned(p))
                .collect();
            let stores_here: Vec<(StoreKind, &str)> = unmanaged
                .iter()
                .copied()
                .filter(|(_, p)| owned(p))
                .collect();
            let (platform, why) = if let Some(cfg) = &app.fly_config {
                let also = k8s_here
                    .first()
                    .map(|k| format!("; it also has Kubernetes config ({k}), which the move to Fly.io replaces"))
                    .unwrap_or_default();
                (Platform::FlyIo, format!("already deployed to Fly.io with {cfg}{also}"))
            } else if !k8s_here.is_empty() {
                (
                    Platform::Kubernetes,
                    format!(
                        "deployed only by Kubernetes config ({}) and has no fly.toml",
                        list(&k8s_here)
                    ),
                )
            } else if let Some((kind, path)) = aws_here.first() {
                (Platform::Aws, format!("deployed by {} ({path})", kind.name()))
            } else if !stores_here.is_empty() {
                let to = if anchors.kubernetes {
                    Platform::Kubernetes
                } else if anchors.aws {
                    Platform::Aws
                } else {
                    Platform::FlyIo
                };
                let tail = match to {
                    Platform::FlyIo => "; on Fly.io they need their own Machines with volumes, or an external managed service",
                    _ => "; keep it next to them",
                };
                (
                    to,
                    format!("uses stateful services Fly.io does not manage: {}{tail}", describe_stores(&stores_here)),
                )
            } else if app.web {
                (
                    Platform::FlyIo,
                    format!(
                        "stateless web app ({}) with no deploy config yet",
                        app.framework.as_deref().unwrap_or("?")
                    ),
                )
            } else {
                if overall == Platform::Mixed {
                    (
                        Platform::FlyIo,
                        "no web framework, deploy config or unmanaged datastore found here; a stateless process runs on Fly.io as its own app or process group".into(),
                    )
                } else {
                    (
                        overall,
                        "no web framework or deploy config found here; it follows the overall recommendation".into(),
                    )
                }
            };
            // Outside a mixed answer every app follows the overall platform;
            // the per-app rule still explains where it stands today.
            let (platform, why) = if overall != Platform::Mixed && platform != overall {
                (
                    overall,
                    format!("{why}; the project as a whole points to {overall}, so it moves there"),
                )
            } else {
                (platform, why)
            };
            ServicePlacement {
                path: app.path.clone(),
                framework: app.framework.clone(),
                platform,
                why,
            }
        })
        .collect()
}

pub(super) fn trade_offs(
    f: &ProjectFacts,
    platform: Platform,
    unmanaged: &[(StoreKind, &str)],
    managed: &[(StoreKind, &str)],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let names = |kinds: &[(StoreKind, &str)]| {
        kinds
            .iter()
            .map(|(k, _)| k.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fly_side = matches!(platform, Platform::FlyIo | Platform::Mixed);
    if fly_side {
        out.push("Fly.io runs containers as Machines with little config and a global proxy, but gives less control over networking, scheduling and autoscaling policy than Kubernetes.".into());
        if !unmanaged.is_empty() {
            out.push(format!(
                "Fly.io has no managed {}: run them yourself on Machines with volumes (one volume per Machine, one region each; replication and backups are yours) or use an external managed service.",
                names(unmanaged)
            ));
        }
        if managed.iter().any(|(k, _)| *k == StoreKind::Sqlite) {
            out.push("SQLite on Fly.io lives on a volume tied to one Machine; scaling out needs LiteFS or a move to Postgres.".into());
        }
        out.push("Machine prices vary by region and bill per second while running; estimate with `flyconf cost`.".into());
    }
    if matches!(platform, Platform::Kubernetes | Platform::Mixed) {
        out.push("Kubernetes suits many services, StatefulSets and operators, but someone has to run the cluster (upgrades, node pools, ingress, certificates) or pay for a managed control plane.".into());
        if platform == Platform::Kubernetes && !(f.fly.configs.is_empty() && f.fly.cli.is_empty()) {
            out.push("Moving the Fly.io apps into the cluster means rewriting fly.toml as Deployments, Services and Ingresses, and losing Fly's edge proxy and auto-stop.".into());
        }
    }
    if matches!(platform, Platform::Aws) || (platform == Platform::Mixed && !f.aws.is_empty()) {
        out.push("AWS has managed homes for stateful pieces (RDS, ElastiCache, MSK, OpenSearch, SQS) and the existing IaC targets it, at the cost of more IAM/VPC setup and per-service charges (load balancers, NAT, egress).".into());
    }
    if platform == Platform::Mixed {
        out.push("Two platforms mean two deploy pipelines, two sets of secrets, logs and metrics, and cross-platform traffic over the internet or a WireGuard peering.".into());
        out.push("Stateless web services move to Fly.io easily; stateful or operator-managed services are cheaper to leave where they run until their data has a managed home.".into());
    }
    let paas: Vec<&str> = f
        .tools
        .iter()
        .filter(|t| {
            matches!(
                t.id.as_str(),
                "heroku" | "render" | "railway" | "vercel" | "netlify" | "gcp"
            )
        })
        .map(|t| t.id.as_str())
        .collect();
    if !paas.is_empty() {
        out.push(format!(
            "The project also has {} config; keep one platform as the source of truth and delete the others' config to avoid drift.",
            paas.join(", ")
        ));
    }
    if !f.terraform_files.is_empty() && f.aws.iter().all(|a| a.kind != AwsKind::Terraform) {
        out.push("Terraform manages other infrastructure here (not AWS); it can stay alongside whichever platform runs the apps.".into());
    }
    out
}

pub(super) fn next_steps(
    f: &ProjectFacts,
    apps: &[AppDir],
    services: &[ServicePlacement],
    platform: Platform,
    managed: &[(StoreKind, &str)],
    unmanaged: &[(StoreKind, &str)],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let on = |p: Platform| services.iter().any(|s| s.platform == p) || platform == p;
    for (s, app) in services.iter().zip(apps) {
        if s.platform != Platform::FlyIo {
            continue;
        }
        match &app.fly_config {
            Some(cfg) => {
                push(format!("flyconf check {cfg}"));
                push(format!("flyconf cost {cfg}"));
            }
            None => push(format!("flyconf init {}", app.path)),
        }
    }
    if services.is_empty() && platform == Platform::FlyIo {
        push("flyconf init .".into());
    }
    if on(Platform::FlyIo) {
        // Only for apps not on Fly.io yet: deployed ones already have their databases.
        let new_to_fly = |path: &str| owner(path, apps).is_none_or(|a| a.fly_config.is_none());
        for (kind, path) in managed.iter().filter(|(_, p)| new_to_fly(p)) {
            match kind {
                StoreKind::Postgres => push(format!(
                    "fly mpg create  # Fly Managed Postgres for {path}; then `fly secrets set DATABASE_URL=…`"
                )),
                StoreKind::Redis => push(format!(
                    "fly redis create  # Upstash for Redis for {path}; then `fly secrets set REDIS_URL=…`"
                )),
                _ => push(format!(
                    "Keep the SQLite database ({path}) on a volume: add [[mounts]] to fly.toml, or use LiteFS to replicate it"
                )),
            }
        }
        if platform == Platform::FlyIo && !unmanaged.is_empty() {
            let kinds: Vec<&str> = unmanaged.iter().map(|(k, _)| k.name()).collect();
            push(format!(
                "Choose a home for {}: a Fly app with a volume, or an external managed service",
                kinds.join(", ")
            ));
        }
    }
    if on(Platform::Kubernetes) {
        for c in &f.kubernetes.charts {
            push(format!("helm lint {}", parent_dir(c)));
        }
        let chart_dirs: Vec<&str> = f.kubernetes.charts.iter().map(|c| parent_dir(c)).collect();
        for m in &f.kubernetes.manifests {
            let dir = parent_dir(m);
            if !chart_dirs.iter().any(|c| dir == *c || is_inside(dir, c)) {
                push(format!("kubectl apply --dry-run=server -f {dir}"));
            }
        }
    }
    if on(Platform::Aws) {
        for a in &f.aws {
            let dir = parent_dir(&a.evidence);
            push(match a.kind {
                AwsKind::Cdk => format!("cdk diff  # in {dir}"),
                AwsKind::Sam => format!("sam validate --template {}", a.evidence),
                AwsKind::CloudFormation => format!(
                    "aws cloudformation validate-template --template-body file://{}",
                    a.evidence
                ),
                AwsKind::Terraform => format!("terraform -chdir={dir} plan"),
                AwsKind::Pulumi => format!("pulumi preview --cwd {dir}"),
                AwsKind::Serverless => format!("serverless package  # in {dir}"),
                AwsKind::Ecs => format!(
                    "Keep the ECS definitions ({}) as the deploy source for the services placed on AWS",
                    a.evidence
                ),
            });
        }
    }
    if platform == Platform::Mixed {
        push("Connect the platforms: Fly apps reach cluster or VPC services over public TLS endpoints or a WireGuard peer (`fly wireguard create`)".into());
    }
    out
}
