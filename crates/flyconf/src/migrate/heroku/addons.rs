//! app.json `addons` → notes naming the Fly.io replacement, and the
//! secrets each add-on provided.

use crate::migrate::draft::Draft;
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;

/// One add-on: a note with the Fly.io replacement, and the variables it provided.
pub(super) fn addon(d: &mut Draft, src: &mut Src<'_>, i: usize, a: &Node) {
    let plan = a
        .get("plan")
        .and_then(Node::str)
        .or_else(|| a.str())
        .unwrap_or_default();
    let service = plan.split(':').next().unwrap_or(plan);
    let alias = a.get("as").and_then(Node::str);
    let var = |default: &str| {
        alias.map_or_else(
            || default.to_owned(),
            |a| format!("{}_URL", a.to_ascii_uppercase()),
        )
    };
    match service {
        "heroku-postgresql" => {
            let v = var("DATABASE_URL");
            d.secret(&v);
            d.note(format!(
                "heroku-postgresql → Fly Postgres: `fly postgres create --name {n}-db --region <region>` then `fly postgres attach {n}-db --app {n}{}` sets `{v}`; move the data with `pg_dump`/`pg_restore`",
                if v == "DATABASE_URL" { String::new() } else { format!(" --variable-name {v}") },
                n = d.name
            ));
        }
        "heroku-redis" => {
            let v = var("REDIS_URL");
            d.secret(&v);
            d.note(format!(
                "heroku-redis → Upstash Redis: `fly redis create`, then `fly secrets set {v}=<its redis:// URL> --app {}`",
                d.name
            ));
        }
        "scheduler" => d.note(
            "Heroku Scheduler → a scheduled machine (`fly machine run . --schedule hourly --command '<job>'`) or a cron process group (supercronic)",
        ),
        "bucketeer" | "cloudcube" => d.note(format!(
            "{service} (S3) → Tigris object storage: `fly storage create --app {}` sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3 and BUCKET_NAME",
            d.name
        )),
        "papertrail" | "logentries" | "sumologic" | "logdna" | "coralogix" | "timber-logging" => {
            d.note(format!(
                "{service} (logs) → ship logs with the Fly Log Shipper (https://github.com/superfly/fly-log-shipper)"
            ));
        }
        _ => {
            src.report(
                &rules::ADDON_NOT_CONVERTED,
                a.span.clone(),
                &format!("addons[{i}]"),
                format!("add-on `{service}` has no Fly.io replacement the migration knows"),
                format!(
                    "keep the provider account and copy its variables: `heroku config -s --app <heroku-app> | fly secrets import --app {}`",
                    d.name
                ),
            );
        }
    }
}
