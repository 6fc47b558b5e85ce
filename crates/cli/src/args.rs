//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// flyconf: understand and produce Fly.io deployments.
#[derive(Debug, Parser)]
#[command(name = "flyconf", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Detect deployment tooling (Fly.io, Kubernetes, Terraform, …) and the
    /// app framework of a project, with confidence and evidence.
    ///
    /// Exit status: 0 when something is detected, 1 when nothing is, 2 when
    /// detection could not run.
    Detect(DetectArgs),

    /// Validate and lint fly.toml files (every check flyctl makes, plus
    /// security and reliability rules) and Dockerfiles.
    ///
    /// Exit status: 0 when no errors were found, 1 when there are errors,
    /// 2 when a file could not be read.
    Check(CheckArgs),

    /// Generate production-ready Fly.io files for a project: fly.toml (per
    /// environment), Dockerfile, .dockerignore, deploy.sh and a README section.
    ///
    /// Without --template, the project's framework is detected and the
    /// matching template chosen. Existing files are never overwritten without
    /// --force. Exit status: 0 on success, 2 when nothing was written.
    Init(InitArgs),

    /// Estimate the monthly cost of a fly.toml: machines per group and region,
    /// extra memory, volumes and IPv4, itemised, with the assumptions made.
    Cost(CostArgs),

    /// Recommend Fly.io, Kubernetes, AWS or a mix for a project, with the
    /// facts behind it, trade-offs, and where each service should run.
    Recommend(RecommendArgs),

    /// Convert Heroku (Procfile, app.json), docker-compose and Kubernetes
    /// configurations into fly.toml drafts, and list what could not be
    /// converted. Prints the drafts; with --write, writes them.
    ///
    /// Exit status: 0 when everything readable was converted (warnings
    /// allowed), 1 when a source could not be read, 2 when migrate could not run.
    Migrate(MigrateArgs),

    /// List the templates `flyconf init` can use.
    Templates(TemplatesArgs),

    /// Print a rule's documentation: what it checks, why, an example and
    /// the fix. Without a code, list every rule.
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files to check; a Dockerfile is recognised by its name.
    #[arg(default_value = "fly.toml")]
    pub(crate) files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,

    /// Apply machine-applicable fixes in place (comments and formatting are kept).
    #[arg(long)]
    pub(crate) fix: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum EnvArg {
    /// Development: stops when idle, nothing kept running.
    Dev,
    /// Staging: one machine kept running.
    Staging,
    /// Production: two or more machines, blue-green deploys with health checks.
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DatabaseArg {
    /// Postgres through DATABASE_URL.
    Postgres,
    /// SQLite on a volume mounted at /data.
    Sqlite,
    /// No database.
    None,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Project directory (its framework picks the template; its .env.example adds secret names).
    #[arg(default_value = ".")]
    pub(crate) dir: PathBuf,

    /// Template to use (see `flyconf templates`); default: detected from the project.
    #[arg(long, value_name = "NAME")]
    pub(crate) template: Option<String>,

    /// App name (default: the template name); dev and staging get -dev / -staging.
    #[arg(long, value_name = "NAME")]
    pub(crate) app: Option<String>,

    /// Primary region code (default: iad).
    #[arg(long, value_name = "CODE")]
    pub(crate) region: Option<String>,

    /// Environment(s) to generate; one writes fly.toml, several write fly.<env>.toml each.
    #[arg(long = "env", value_enum, value_name = "ENV")]
    pub(crate) envs: Vec<EnvArg>,

    /// Database to wire in.
    #[arg(long, value_enum, default_value_t = DatabaseArg::None)]
    pub(crate) database: DatabaseArg,

    /// Add Redis (REDIS_URL).
    #[arg(long)]
    pub(crate) redis: bool,

    /// Where to write the files (default: the project directory).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,

    /// Overwrite existing files.
    #[arg(long)]
    pub(crate) force: bool,

    /// Print the plan (and, with --format json, the contents) without writing anything.
    #[arg(long)]
    pub(crate) dry_run: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct CostArgs {
    /// The fly.toml to price.
    #[arg(default_value = "fly.toml")]
    pub(crate) file: PathBuf,

    /// Machines per process group and region (default: min_machines_running, or 1).
    #[arg(long, value_name = "N")]
    pub(crate) machines: Option<u32>,

    /// Regions to run in (comma-separated; default: primary_region).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub(crate) regions: Vec<String>,

    /// Hours per month the machines run (default 730, all month).
    #[arg(long, value_name = "H")]
    pub(crate) hours: Option<f64>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct RecommendArgs {
    /// Project directory.
    #[arg(default_value = ".")]
    pub(crate) dir: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct MigrateArgs {
    /// Project directory.
    #[arg(default_value = ".")]
    pub(crate) dir: PathBuf,

    /// Primary region of the generated apps (default: iad).
    #[arg(long, value_name = "CODE")]
    pub(crate) region: Option<String>,

    /// Prefix of the generated app names.
    #[arg(long, value_name = "PREFIX")]
    pub(crate) app_prefix: Option<String>,

    /// Write each fly.toml into the project (never overwriting without --force).
    #[arg(long)]
    pub(crate) write: bool,

    /// With --write, overwrite existing files.
    #[arg(long, requires = "write")]
    pub(crate) force: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct TemplatesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A rule code such as FT004, or a rule name such as unknown-key.
    pub(crate) code: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// For people: detected tools and frameworks with their evidence.
    Text,
    /// For programs and agents: one JSON document (JSON lines with --batch).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Compat {
    /// The upstream Node `detect-tooling.js`: same JSON, numbers and exit codes.
    Fortium,
}

#[derive(Debug, Args)]
pub(crate) struct DetectArgs {
    /// Project directory (or, with --batch, a directory of projects).
    #[arg(default_value = ".")]
    pub(crate) path: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,

    /// Only report these tool or framework ids (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub(crate) tools: Vec<String>,

    /// Report one tool or framework; the exit status says whether it was detected.
    #[arg(long, value_name = "ID", conflicts_with = "batch")]
    pub(crate) tool: Option<String>,

    /// Detection threshold between 0 and 1 (default: the pattern file's, 0.7).
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub(crate) min_confidence: Option<String>,

    /// Load a pattern file instead of the embedded set of the same kind
    /// (repeatable; tools and frameworks files may be mixed).
    #[arg(long, value_name = "FILE")]
    pub(crate) patterns: Vec<PathBuf>,

    /// Reproduce another detector's output exactly.
    #[arg(long, value_enum, value_name = "DETECTOR")]
    pub(crate) compat: Option<Compat>,

    /// Treat PATH as a directory of projects: one result per immediate
    /// subdirectory, scanned in parallel (JSON lines with --format json).
    #[arg(long, conflicts_with = "compat")]
    pub(crate) batch: bool,
}
