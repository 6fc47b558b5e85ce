//! Platform recommendation: Fly.io, Kubernetes, AWS, or a mix, from what a
//! project already contains, with the facts behind it.
//!
//! [`recommend_path`] scans a directory with the detector (the builtin
//! tooling and framework sets plus [`FACT_PATTERNS`]: AWS infrastructure,
//! Kubernetes objects, datastores), gathers [`ProjectFacts`] and applies
//! [`recommend`]. The rules are fixed and deterministic:
//!
//! | Fact | Points to | Weight |
//! |---|---|---|
//! | `fly.toml` / `fly.<env>.toml` with Fly keys | fly.io | 3.0 |
//! | flyctl deploys in scripts/CI, no fly.toml | fly.io | 2.0 |
//! | Helm charts | kubernetes | 2.0 |
//! | Kubernetes manifests outside charts | kubernetes | 2.0 |
//! | ≥ 3 files defining workloads ("many services") | kubernetes | 1.0 |
//! | StatefulSets / PersistentVolumeClaims | kubernetes | 1.0 |
//! | CRDs or operator custom resources | kubernetes | 1.5 |
//! | Kustomize or Argo CD | kubernetes | 1.0 |
//! | AWS CDK, SAM, Serverless (AWS) — each | aws | 3.0 |
//! | CloudFormation, ECS, Terraform (AWS), Pulumi (AWS) — each | aws | 2.5 |
//! | web apps with a standard framework | fly.io | 1.5 for a single app with at most Postgres/Redis and no Kubernetes/AWS, else 1.0 |
//! | Postgres, Redis, SQLite (Fly.io provides them) | fly.io | 0.5 |
//! | other datastores (Kafka, MongoDB, Elasticsearch, …) | kubernetes (aws if AWS is used and Kubernetes is not) | 1.0 |
//! | Dockerfiles | fly.io | 0.25 |
//! | compose files | fly.io | 0.25 |
//! | Heroku / Render / Railway config | fly.io | 0.5 |
//!
//! **Decision.** When two or more platforms already deploy something (Fly.io
//! config or deploys; Helm charts, manifests or kustomizations; AWS
//! infrastructure), the answer is `mixed`, with confidence
//! `0.5 + 0.45 × weaker/stronger` of their scores. Otherwise the platform
//! with the highest score wins (ties: Fly.io, Kubernetes, AWS), with
//! confidence `share × (0.4 + 0.6 × min(score, 6)/6)`, where `share` is its
//! part of all points. Confidence is capped at 0.95; with no facts at all the
//! answer is Fly.io at 0.3.
//!
//! **Services.** App directories are those with a fly config, those where a
//! specific framework was found, and runtime-only directories with their own
//! Dockerfile or unrelated to the others. When the answer is `mixed`, each is
//! placed by these rules, first match wins:
//! its own fly.toml → fly.io; Kubernetes config it owns → kubernetes; AWS
//! infrastructure it owns → aws; datastores Fly.io does not manage → where
//! they already run (kubernetes, else aws, else fly.io); a web framework →
//! fly.io; otherwise fly.io. For any other answer every app goes to that
//! platform, and `why` says where the rules alone would put it. A config file
//! belongs to the deepest app directory containing it, else to an app whose
//! directory name appears in its path, else to the root app.

mod facts;
mod placement;
mod rules;

pub use facts::{
    AwsFact, AwsKind, FACT_PATTERNS, FlyFacts, FrameworkFact, KubernetesFacts, ProjectFacts,
    StateSource, StatefulService, StoreKind, ToolFact, facts_detector, facts_from_report,
    project_facts,
};

use serde::{Deserialize, Serialize};

/// Where to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Platform {
    /// Fly.io.
    #[serde(rename = "fly.io")]
    FlyIo,
    /// Kubernetes (any distribution or managed service).
    #[serde(rename = "kubernetes")]
    Kubernetes,
    /// Amazon Web Services.
    #[serde(rename = "aws")]
    Aws,
    /// Several platforms, per service.
    #[serde(rename = "mixed")]
    Mixed,
}

impl Platform {
    /// The JSON name: `fly.io`, `kubernetes`, `aws` or `mixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::FlyIo => "fly.io",
            Platform::Kubernetes => "kubernetes",
            Platform::Aws => "aws",
            Platform::Mixed => "mixed",
        }
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The recommendation: what `flyconf recommend --format json` and the bindings print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// The platform (`mixed` when services belong on different ones).
    pub platform: Platform,
    /// How strongly and consistently the facts point there, 0–1.
    pub confidence: f64,
    /// The facts that decided it.
    pub rationale: Vec<Reason>,
    /// What the choice costs or gives up.
    pub trade_offs: Vec<String>,
    /// Where each app of the project should run.
    pub services: Vec<ServicePlacement>,
    /// Commands and actions to take next.
    pub next_steps: Vec<String>,
}

/// One fact behind the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The fact, in words.
    pub fact: String,
    /// A file that shows it (relative to the project root), or a tool id.
    pub evidence: String,
    /// The platform it points to.
    pub points_to: Platform,
    /// How much it counts (see the rule table in the module docs).
    pub weight: f64,
}

/// Where one app of the project should run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServicePlacement {
    /// Its directory, relative to the project root (`.` for the root).
    pub path: String,
    /// Its framework id, when one was detected.
    pub framework: Option<String>,
    /// Where it should run.
    pub platform: Platform,
    /// Why.
    pub why: String,
}

/// Recommends a platform from gathered (or hand-built) facts.
pub fn recommend(project: &ProjectFacts) -> Recommendation {
    rules::recommend(project)
}

/// Scans `dir` and recommends a platform for it.
///
/// # Errors
/// As [`detect_core::Detector::detect_path`]: a missing or unreadable directory.
pub fn recommend_path(dir: &std::path::Path) -> Result<Recommendation, detect_core::Error> {
    Ok(recommend(&project_facts(dir)?))
}

#[cfg(test)]
mod tests;
