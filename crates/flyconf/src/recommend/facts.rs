//! [`ProjectFacts`]: what the recommendation rules look at, and how they are
//! gathered from a detector scan.

use std::path::Path;
use std::sync::LazyLock;

use detect_core::{DetectOptions, DetectionReport, Detector, DetectorBuilder, PatternFile};
use serde::{Deserialize, Serialize};

/// The supplementary pattern set (kind `tools`, ids `rec-*`): AWS
/// infrastructure, Kubernetes objects and datastores, scanned in the same
/// walk as the builtin tooling and framework sets.
pub const FACT_PATTERNS: &str = include_str!("../../../../skills/flyio/recommend-patterns.json");

/// Evidence kept per signal: enough to count workload manifests.
const EVIDENCE_PER_SIGNAL: usize = 64;

/// Everything the recommendation rules consider. Build it by hand, or from a
/// project with [`project_facts`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectFacts {
    /// Detected deployment tools (`flyio`, `kubernetes`, `helm`, `docker`, …).
    pub tools: Vec<ToolFact>,
    /// Detected frameworks, best first.
    pub frameworks: Vec<FrameworkFact>,
    /// Whether there are several app locations.
    pub monorepo: bool,
    /// Existing Fly.io usage.
    pub fly: FlyFacts,
    /// Existing Kubernetes and Helm usage.
    pub kubernetes: KubernetesFacts,
    /// Existing AWS infrastructure-as-code and deploys.
    pub aws: Vec<AwsFact>,
    /// Databases, queues and caches the project uses.
    pub stateful: Vec<StatefulService>,
    /// Dockerfiles and Containerfiles.
    pub dockerfiles: Vec<String>,
    /// docker-compose / compose files with services.
    pub compose_files: Vec<String>,
    /// Terraform files (any provider; AWS ones are also in [`aws`](Self::aws)).
    pub terraform_files: Vec<String>,
}

/// A detected deployment tool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ToolFact {
    /// Tool id, e.g. `helm`.
    pub id: String,
    /// Detector confidence, 0–1.
    pub confidence: f64,
    /// Directories it was found in (`.` is the root).
    pub locations: Vec<String>,
    /// Files that fired its signals.
    pub evidence: Vec<String>,
}

/// A detected framework.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FrameworkFact {
    /// Framework id, e.g. `express`.
    pub id: String,
    /// Detector confidence, 0–1.
    pub confidence: f64,
    /// Directories it was found in (`.` is the root).
    pub locations: Vec<String>,
    /// Files that fired its signals.
    pub evidence: Vec<String>,
    /// A bare runtime (`node`, `python`, …) or `container`, not a framework.
    pub fallback: bool,
    /// The more specific framework that outranks it, if any.
    pub superseded_by: Option<String>,
}

/// Fly.io usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlyFacts {
    /// `fly.toml` / `fly.<env>.toml` files with Fly keys.
    pub configs: Vec<String>,
    /// Scripts and CI files that run flyctl deploys.
    pub cli: Vec<String>,
}

/// Kubernetes and Helm usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KubernetesFacts {
    /// Files with core Kubernetes objects (chart templates included).
    pub manifests: Vec<String>,
    /// Files defining workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob).
    pub workloads: Vec<String>,
    /// Files with StatefulSets, volume claim templates or PersistentVolumeClaims.
    pub stateful: Vec<String>,
    /// Files with CRDs or custom resources of operators and add-ons.
    pub custom_resources: Vec<String>,
    /// Helm `Chart.yaml` files.
    pub charts: Vec<String>,
    /// kustomization files.
    pub kustomizations: Vec<String>,
    /// Argo CD files.
    pub gitops: Vec<String>,
}

impl KubernetesFacts {
    /// Whether any Kubernetes deployment config exists (charts, manifests,
    /// kustomizations).
    pub fn deploys(&self) -> bool {
        !(self.charts.is_empty() && self.manifests.is_empty() && self.kustomizations.is_empty())
    }

    /// Every file that deploys to Kubernetes, in a stable order, no duplicates.
    pub fn config_files(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in self
            .charts
            .iter()
            .chain(&self.manifests)
            .chain(&self.workloads)
            .chain(&self.kustomizations)
            .chain(&self.stateful)
            .chain(&self.custom_resources)
        {
            if !out.contains(&p.as_str()) {
                out.push(p);
            }
        }
        out
    }
}

/// A kind of AWS infrastructure or deploy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AwsKind {
    /// AWS CDK (`cdk.json`).
    Cdk,
    /// AWS SAM templates.
    Sam,
    /// CloudFormation templates.
    CloudFormation,
    /// ECS: task definitions, ECS/Copilot deploys, Terraform ECS resources.
    Ecs,
    /// Terraform with the AWS provider.
    Terraform,
    /// Pulumi with the AWS providers.
    Pulumi,
    /// Serverless Framework on AWS.
    Serverless,
}

impl AwsKind {
    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            AwsKind::Cdk => "AWS CDK",
            AwsKind::Sam => "AWS SAM",
            AwsKind::CloudFormation => "CloudFormation",
            AwsKind::Ecs => "Amazon ECS",
            AwsKind::Terraform => "Terraform (AWS provider)",
            AwsKind::Pulumi => "Pulumi (AWS)",
            AwsKind::Serverless => "Serverless Framework (AWS)",
        }
    }
}

/// One piece of AWS usage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwsFact {
    /// What it is.
    pub kind: AwsKind,
    /// The file that shows it.
    pub evidence: String,
}

/// A kind of stateful service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    Mysql,
    /// Redis, Valkey and compatibles.
    Redis,
    /// SQLite (including LiteFS).
    Sqlite,
    /// MongoDB.
    Mongodb,
    /// Kafka or Redpanda.
    Kafka,
    /// RabbitMQ.
    Rabbitmq,
    /// Elasticsearch or OpenSearch.
    Elasticsearch,
    /// Cassandra or ScyllaDB.
    Cassandra,
    /// ClickHouse.
    Clickhouse,
    /// NATS.
    Nats,
    /// Memcached.
    Memcached,
}

impl StoreKind {
    /// Every kind, in order.
    pub const ALL: [StoreKind; 12] = [
        StoreKind::Postgres,
        StoreKind::Mysql,
        StoreKind::Redis,
        StoreKind::Sqlite,
        StoreKind::Mongodb,
        StoreKind::Kafka,
        StoreKind::Rabbitmq,
        StoreKind::Elasticsearch,
        StoreKind::Cassandra,
        StoreKind::Clickhouse,
        StoreKind::Nats,
        StoreKind::Memcached,
    ];

    /// The lowercase id (`postgres`, …), as in the pattern ids `rec-store-<id>`.
    pub fn id(self) -> &'static str {
        match self {
            StoreKind::Postgres => "postgres",
            StoreKind::Mysql => "mysql",
            StoreKind::Redis => "redis",
            StoreKind::Sqlite => "sqlite",
            StoreKind::Mongodb => "mongodb",
            StoreKind::Kafka => "kafka",
            StoreKind::Rabbitmq => "rabbitmq",
            StoreKind::Elasticsearch => "elasticsearch",
            StoreKind::Cassandra => "cassandra",
            StoreKind::Clickhouse => "clickhouse",
            StoreKind::Nats => "nats",
            StoreKind::Memcached => "memcached",
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            StoreKind::Postgres => "PostgreSQL",
            StoreKind::Mysql => "MySQL",
            StoreKind::Redis => "Redis",
            StoreKind::Sqlite => "SQLite",
            StoreKind::Mongodb => "MongoDB",
            StoreKind::Kafka => "Kafka",
            StoreKind::Rabbitmq => "RabbitMQ",
            StoreKind::Elasticsearch => "Elasticsearch",
            StoreKind::Cassandra => "Cassandra",
            StoreKind::Clickhouse => "ClickHouse",
            StoreKind::Nats => "NATS",
            StoreKind::Memcached => "Memcached",
        }
    }

    /// Whether Fly.io covers it without self-hosting a cluster: Managed
    /// Postgres, Upstash for Redis, and SQLite on a volume (or LiteFS).
    pub fn fly_managed(self) -> bool {
        matches!(
            self,
            StoreKind::Postgres | StoreKind::Redis | StoreKind::Sqlite
        )
    }
}

/// Where a stateful service was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StateSource {
    /// A client library in a dependency manifest.
    Dependency,
    /// An image in a compose file.
    Compose,
    /// An image in a Kubernetes manifest.
    Kubernetes,
    /// A chart dependency or an image in chart values or templates.
    Helm,
    /// An image in some other YAML file.
    Config,
}

/// A database, queue or cache the project uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatefulService {
    /// What it is.
    pub kind: StoreKind,
    /// Where it was found.
    pub source: StateSource,
    /// The file.
    pub evidence: String,
}

impl StatefulService {
    /// The directory of the evidence file (`.` for the root).
    pub fn location(&self) -> &str {
        parent_dir(&self.evidence)
    }
}

/// The directory part of a `/`-separated relative path (`.` for the root).
pub(crate) fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or(".", |i| &path[..i])
}

fn build_detector() -> Result<Detector, detect_core::Error> {
    DetectorBuilder::new()
        .patterns(detect_core::builtin::tooling()?)
        .patterns(detect_core::builtin::frameworks()?)
        .patterns(PatternFile::from_json(
            FACT_PATTERNS,
            "builtin:recommend-facts.json",
        )?)
        .evidence_per_signal(EVIDENCE_PER_SIGNAL)
        .build()
}

static DETECTOR: LazyLock<Result<Detector, detect_core::Error>> = LazyLock::new(build_detector);

/// The detector [`project_facts`] uses: the builtin tooling and framework
/// sets plus [`FACT_PATTERNS`]. Bindings that scan in-memory projects run it
/// themselves and pass the report to [`facts_from_report`].
///
/// # Errors
/// Only if the embedded pattern files fail to compile (a test proves they do not).
pub fn facts_detector() -> Result<&'static Detector, detect_core::Error> {
    match &*DETECTOR {
        Ok(d) => Ok(d),
        // The cached error cannot be cloned: building again reproduces it
        // (the build is deterministic, so the `Ok` arm is not reached).
        Err(_) => build_detector().map(|d| &*Box::leak(Box::new(d))),
    }
}

/// Scans `dir` and gathers its [`ProjectFacts`].
///
/// # Errors
/// As [`Detector::detect_path`]: a missing or unreadable directory.
pub fn project_facts(dir: &Path) -> Result<ProjectFacts, detect_core::Error> {
    let detector = facts_detector()?;
    let report = detector.detect_path(dir, &DetectOptions::default(), None)?;
    Ok(facts_from_report(detector, &report))
}

/// Turns a scan by [`facts_detector`] into [`ProjectFacts`]. A report from
/// another detector gives facts without the AWS, Kubernetes-object and
/// datastore details.
pub fn facts_from_report(detector: &Detector, report: &DetectionReport) -> ProjectFacts {
    let mut f = ProjectFacts::default();
    let detected = |id: &str| report.tools.iter().find(|t| t.tool == id);
    let any = |id: &str| report.all_results.iter().find(|t| t.tool == id);
    let paths = |id: &str, signals: &[&str]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in detected(id).iter().flat_map(|t| &t.evidence) {
            if signals.contains(&e.signal.as_str()) && !out.contains(&e.path) {
                out.push(e.path.clone());
            }
        }
        out
    };
    // Supplementary facts count whether or not their pseudo-tool reached a threshold.
    let fact_paths = |id: &str, signals: &[&str]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in any(id).iter().flat_map(|t| &t.evidence) {
            if signals.contains(&e.signal.as_str()) && !out.contains(&e.path) {
                out.push(e.path.clone());
            }
        }
        out
    };

    for t in report.tools.iter().filter(|t| !t.tool.starts_with("rec-")) {
        let mut evidence: Vec<String> = Vec::new();
        for e in &t.evidence {
            if !evidence.contains(&e.path) {
                evidence.push(e.path.clone());
            }
        }
        f.tools.push(ToolFact {
            id: t.tool.clone(),
            confidence: t.confidence,
            locations: t.locations.clone(),
            evidence,
        });
    }
    for fw in &report.frameworks {
        let mut evidence: Vec<String> = Vec::new();
        for e in &fw.evidence {
            if !evidence.contains(&e.path) {
                evidence.push(e.path.clone());
            }
        }
        f.frameworks.push(FrameworkFact {
            id: fw.framework.clone(),
            confidence: fw.confidence,
            locations: fw.locations.clone(),
            evidence,
            fallback: detector.is_fallback(&fw.framework),
            superseded_by: fw.superseded_by.clone(),
        });
    }

    f.fly.configs = paths("flyio", &["fly_toml"]);
    f.fly.cli = paths("flyio", &["fly_cli", "fly_ci_action"]);

    let k = &mut f.kubernetes;
    k.manifests = paths("kubernetes", &["manifests"]);
    k.charts = paths("helm", &["chart_yaml"]);
    k.kustomizations = paths("kustomize", &["kustomization_yaml"]);
    k.gitops = paths("argocd", &["application_yaml", "config_dir", "cli"]);
    k.workloads = fact_paths("rec-kubernetes", &["workload"]);
    k.stateful = fact_paths("rec-kubernetes", &["stateful"]);
    k.custom_resources = fact_paths("rec-kubernetes", &["crd", "operator_resource"]);

    f.dockerfiles = paths("docker", &["dockerfile"]);
    f.compose_files = paths("compose", &["compose_file"]);
    f.terraform_files = paths("terraform", &["tf_files"]);

    let mut aws = |kind: AwsKind, files: Vec<String>| {
        for evidence in files {
            if !f
                .aws
                .iter()
                .any(|a| a.kind == kind && a.evidence == evidence)
            {
                f.aws.push(AwsFact { kind, evidence });
            }
        }
    };
    let sam = paths("aws-sam", &["template", "samconfig"]);
    aws(AwsKind::Cdk, paths("aws-cdk", &["cdk_json"]));
    aws(AwsKind::Sam, sam.clone());
    aws(
        AwsKind::CloudFormation,
        fact_paths("rec-aws", &["cloudformation"])
            .into_iter()
            .filter(|p| !sam.contains(p))
            .collect(),
    );
    aws(
        AwsKind::Ecs,
        fact_paths(
            "rec-aws",
            &[
                "ecs_task_definition",
                "ecs_deploy",
                "copilot",
                "terraform_ecs",
            ],
        ),
    );
    aws(
        AwsKind::Terraform,
        fact_paths("rec-aws", &["terraform_aws"]),
    );
    aws(AwsKind::Pulumi, fact_paths("rec-aws", &["pulumi_aws"]));
    if detected("serverless").is_some() {
        aws(
            AwsKind::Serverless,
            fact_paths("rec-aws", &["serverless_aws"]),
        );
    }

    for kind in StoreKind::ALL {
        let Some(t) = any(&format!("rec-store-{}", kind.id())) else {
            continue;
        };
        for e in &t.evidence {
            let source = match e.signal.as_str() {
                "image" => yaml_source(&e.path, &f.kubernetes, &f.compose_files),
                "chart" => StateSource::Helm,
                _ => StateSource::Dependency,
            };
            let s = StatefulService {
                kind,
                source,
                evidence: e.path.clone(),
            };
            if !f.stateful.contains(&s) {
                f.stateful.push(s);
            }
        }
    }

    f.monorepo = super::rules::app_dirs(&f).len() > 1;
    f
}

/// Where an image reference in a YAML file comes from.
fn yaml_source(path: &str, k: &KubernetesFacts, compose: &[String]) -> StateSource {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let in_chart = k
        .charts
        .iter()
        .any(|c| path.starts_with(&format!("{}/", parent_dir(c))));
    if compose.iter().any(|c| c == path)
        || name.starts_with("docker-compose")
        || name.starts_with("compose.")
    {
        StateSource::Compose
    } else if in_chart || name.starts_with("values") {
        StateSource::Helm
    } else if k.manifests.iter().chain(&k.workloads).any(|m| m == path) {
        StateSource::Kubernetes
    } else {
        StateSource::Config
    }
}
