//! Option objects as JavaScript passes them (camelCase keys, every key
//! optional), and their conversion into the core's option types. Values are
//! checked by the core (`api::GenerateArgs` reads enum names with the core's
//! own serde), so the accepted spellings are exactly the JSON shape's.

use flyconf::api::{DetectRequest, Failure};
use napi_derive::napi;

/// Options of `detect()` and `detectAsync()`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct DetectOptions {
    /// Only report these tool or framework ids (an unknown id is an
    /// `unknown-tool` error naming the closest one).
    pub tools: Option<Vec<String>>,
    /// Detection threshold in 0–1 (default: the pattern file's, 0.7).
    pub min_confidence: Option<f64>,
    /// Pattern files to load instead of the embedded set of the same kind
    /// (tools and frameworks files may be mixed).
    pub patterns: Option<Vec<String>>,
}

/// Options of `detectFiles()`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct DetectFilesOptions {
    /// Only report these tool or framework ids.
    pub tools: Option<Vec<String>>,
    /// Detection threshold in 0–1 (default: the pattern file's, 0.7).
    pub min_confidence: Option<f64>,
}

/// The core's request for a tool filter and threshold.
pub(crate) fn request(tools: Option<Vec<String>>, min_confidence: Option<f64>) -> DetectRequest {
    DetectRequest {
        tools: tools.unwrap_or_default(),
        min_confidence,
    }
}

/// Options of `check()`, `checkAsync()` and `fix()`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The file's name: a Dockerfile is recognised by it (`Dockerfile`,
    /// `prod.Dockerfile`, `Containerfile`); anything else is read as
    /// fly.toml. Default `fly.toml`.
    pub filename: Option<String>,
}

impl CheckOptions {
    /// The file name, `fly.toml` by default.
    pub(crate) fn filename(options: Option<CheckOptions>) -> String {
        options
            .and_then(|o| o.filename)
            .unwrap_or_else(|| "fly.toml".to_owned())
    }
}

/// Options of `generate()` and `plan()`, beside the template name.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct GenerateOptions {
    /// App name (default: the template name); other environments get
    /// `-dev` / `-staging`.
    pub app: Option<String>,
    /// Primary region (default: the template's first region, or `iad`).
    pub region: Option<String>,
    /// Environments (default: production only). One writes `fly.toml`;
    /// several write `fly.<env>.toml` each.
    #[napi(ts_type = "Array<'dev' | 'staging' | 'production'>")]
    pub environments: Option<Vec<String>>,
    /// Database to add (default `none`).
    #[napi(ts_type = "'none' | 'postgres' | 'sqlite'")]
    pub database: Option<String>,
    /// Whether to add Redis.
    pub redis: Option<bool>,
    /// Extra secret names (for example the keys of the project's `.env.example`).
    pub extra_secrets: Option<Vec<String>>,
}

impl GenerateOptions {
    /// The core's options for `template`.
    pub(crate) fn into_core(
        options: Option<GenerateOptions>,
        template: String,
    ) -> Result<flyconf::generate::Options, Failure> {
        let o = options.unwrap_or_default();
        Ok(flyconf::api::GenerateArgs {
            template,
            app: o.app,
            region: o.region,
            environments: o.environments.unwrap_or_default(),
            database: o.database,
            redis: o.redis.unwrap_or(false),
            extra_secrets: o.extra_secrets.unwrap_or_default(),
        }
        .options()?)
    }
}

/// What `cost()` cannot read from fly.toml.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct CostInputs {
    /// Machines per process group per region, overriding `min_machines_running`.
    pub machines: Option<u32>,
    /// Regions to run every group in, overriding `primary_region`.
    pub regions: Option<Vec<String>>,
    /// Hours each Machine runs per month (default 730: all month).
    pub hours_per_month: Option<f64>,
    /// Force (`true`) or leave out (`false`) a dedicated IPv4; by default one
    /// is added only when the services need it.
    pub include_ipv4: Option<bool>,
}

impl From<CostInputs> for flyconf::cost::CostInputs {
    fn from(i: CostInputs) -> Self {
        let default = flyconf::cost::CostInputs::default();
        flyconf::cost::CostInputs {
            machines: i.machines,
            regions: i.regions,
            hours_per_month: i.hours_per_month.unwrap_or(default.hours_per_month),
            include_ipv4: i.include_ipv4,
        }
    }
}

/// Options of `migrate()`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct MigrateOptions {
    /// `primary_region` of every generated app (default `iad`).
    pub region: Option<String>,
    /// Prefix of generated app names: `<prefix>-<service>`.
    pub app_prefix: Option<String>,
}

impl From<MigrateOptions> for flyconf::migrate::MigrateOptions {
    fn from(o: MigrateOptions) -> Self {
        flyconf::migrate::MigrateOptions {
            region: o.region,
            app_prefix: o.app_prefix,
        }
    }
}

/// Options of the upstream-compatible `detectTooling()` and `detectTool()`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct DetectToolingOptions {
    /// Only analyse these tools; unknown names are dropped, as upstream does.
    pub tools: Option<Vec<String>>,
    /// Threshold; `0`, `NaN` or absent mean the pattern file's (0.7), as
    /// upstream's `minimumConfidence || 0.7`. Values above 1 are accepted.
    pub minimum_confidence: Option<f64>,
    /// Accepted for compatibility and ignored: there is no result cache,
    /// every call scans.
    pub use_cache: Option<bool>,
    /// Pattern files (paths) to load instead of the embedded 18-tool set,
    /// for example upstream's own `tooling-patterns.json` for its exact
    /// scores. Not in upstream.
    pub patterns: Option<Vec<String>>,
}
