//! Well-known stateful software (databases, caches, brokers) recognised by
//! image name, and what to use on Fly.io instead.

/// Well-known stateful software, recognised by image name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stateful {
    Postgres,
    MySql,
    Redis,
    Mongo,
    RabbitMq,
    Elastic,
    Minio,
}

impl Stateful {
    /// From an image reference such as `docker.io/library/postgres:16-alpine`.
    pub(crate) fn of_image(image: &str) -> Option<Stateful> {
        let no_digest = image.split('@').next().unwrap_or(image);
        let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
        let repo = last.split(':').next().unwrap_or(last).to_ascii_lowercase();
        Some(match repo.as_str() {
            "postgres" | "postgresql" | "postgis" | "timescaledb" | "timescaledb-ha"
            | "pgvector" => Stateful::Postgres,
            "mysql" | "mariadb" | "percona" | "percona-server" => Stateful::MySql,
            "redis" | "redis-stack" | "redis-stack-server" | "valkey" | "keydb" | "dragonfly" => {
                Stateful::Redis
            }
            "mongo" | "mongodb" | "mongodb-community-server" => Stateful::Mongo,
            "rabbitmq" => Stateful::RabbitMq,
            "elasticsearch" | "opensearch" => Stateful::Elastic,
            "minio" => Stateful::Minio,
            _ => return None,
        })
    }

    /// What to use on Fly.io instead, for a service that would be app `app`.
    pub(crate) fn recommendation(self, app: &str) -> String {
        match self {
            Stateful::Postgres => format!(
                "use Fly Postgres: `fly postgres create --name {app}`, then `fly postgres attach {app} --app <each app that uses it>` (sets DATABASE_URL; the database answers on `{app}.internal:5432`); or Fly Managed Postgres (`fly mpg create`)"
            ),
            Stateful::Redis => format!(
                "use Upstash Redis: `fly redis create`, then set REDIS_URL to its URL with `fly secrets set`; or run it as app `{app}` with a volume (`{app}.internal:6379`)"
            ),
            Stateful::MySql => format!(
                "run it as its own app `{app}` with a volume (https://fly.io/docs/app-guides/mysql-on-fly/), or use a hosted MySQL"
            ),
            Stateful::Mongo => format!(
                "run it as its own app `{app}` with a volume, or use a hosted MongoDB (Atlas)"
            ),
            Stateful::RabbitMq => format!(
                "run it as its own app `{app}` with a volume, or use a hosted broker (CloudAMQP)"
            ),
            Stateful::Elastic => format!(
                "run it as its own app `{app}` with a volume on a machine with at least 2GB, or use a hosted search service"
            ),
            Stateful::Minio => "use Tigris object storage: `fly storage create --app <app>` sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3 and BUCKET_NAME".to_owned(),
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Stateful::Postgres => "Postgres",
            Stateful::MySql => "MySQL",
            Stateful::Redis => "Redis",
            Stateful::Mongo => "MongoDB",
            Stateful::RabbitMq => "RabbitMQ",
            Stateful::Elastic => "Elasticsearch",
            Stateful::Minio => "MinIO",
        }
    }
}
