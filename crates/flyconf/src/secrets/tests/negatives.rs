//! False positives: values that look like secrets but are not.

use super::positives::*;

pub(super) fn false_positives() -> Vec<(&'static str, String)> {
    let s = |v: &str| v.to_owned();
    vec![
        // Common non-secret names and values
        ("PORT", s("8080")),
        ("NODE_ENV", s("production")),
        ("LOG_LEVEL", s("info")),
        ("PRIMARY_REGION", s("iad")),
        ("RAILS_ENV", s("production")),
        ("DATABASE_PATH", s("/data/db.sqlite")),
        ("MIX_ENV", s("prod")),
        ("PHX_HOST", s("my-app.fly.dev")),
        ("HOSTNAME", s("my-app-1.internal")),
        ("TZ", s("Europe/Berlin")),
        ("NODE_OPTIONS", s("--max-old-space-size=4096")),
        (
            "JAVA_OPTS",
            s("-Xmx512m -Dspring.datasource.password=${DB_PASSWORD}"),
        ),
        ("WEB_CONCURRENCY", s("2")),
        ("TIMEOUT", s("30s")),
        ("ENABLE_FEATURE", s("true")),
        ("TOKENIZERS_PARALLELISM", s("false")),
        ("MAX_TOKENS", s("4096")),
        ("ALLOW_EMPTY_PASSWORD", s("yes")),
        // URLs without credentials
        ("API_URL", s("https://api.example.com/v1")),
        ("DATABASE_URL", s("sqlite:///data/db.sqlite3")),
        ("DATABASE_URL", s("postgres://localhost:5432/app")),
        ("REDIS_URL", s("redis://redis.internal:6379")),
        ("DATABASE_URL", s("postgres://postgres@db.internal/app")),
        ("GIT_URL", s("https://user@host.example.org/repo.git")),
        (
            "SENTRY_DSN",
            s("https://ee605b17ed43687ec4b2ca84b34ae117@o123.ingest.sentry.io/456"),
        ),
        ("CALLBACK", s("https://app.internal:8443/@me")),
        // URL passwords that are placeholders, empty or defaults
        (
            "DATABASE_URL",
            s("postgres://app:${DB_PASSWORD}@db.internal/app"),
        ),
        ("DATABASE_URL", s("postgres://app:$PASS@db.internal/app")),
        (
            "DATABASE_URL",
            s("postgres://app:{{ .Env.PW }}@db.internal/app"),
        ),
        (
            "DATABASE_URL",
            s("postgres://app:<password>@db.internal/app"),
        ),
        ("DATABASE_URL", s("postgres://user:password@host:5432/db")),
        ("DATABASE_URL", s("postgresql://USER:PASSWORD@HOST:PORT/DB")),
        ("DATABASE_URL", s("postgres://app:changeme@db/app")),
        ("DATABASE_URL", s("postgres://app:xxx@db/app")),
        ("DATABASE_URL", s("postgres://app:***@db/app")),
        ("DATABASE_URL", s("postgres://app:@db/app")),
        (
            "DATABASE_URL",
            s("postgres://postgres:postgres@localhost:5432/app"),
        ),
        ("AMQP_URL", s("amqp://guest:guest@rabbitmq:5672")),
        (
            "DB_CONN",
            s("host=db user=app password=${PGPASSWORD} dbname=app"),
        ),
        // Placeholders under secret names
        ("API_KEY", s("${API_KEY}")),
        ("API_KEY", s("$API_KEY")),
        ("API_KEY", s("%API_KEY%")),
        ("API_KEY", s("{{ .Env.API_KEY }}")),
        ("FLY_API_TOKEN", s("${{ secrets.FLY_API_TOKEN }}")),
        ("API_KEY", s("<your-key>")),
        ("API_KEY", s("your-api-key-here")),
        ("SECRET_KEY", s("changeme")),
        ("TOKEN", s("example")),
        ("TOKEN", s("xxxxxxxxxxxxxxxx")),
        ("PASSWORD", s("********")),
        ("PASSWORD", s("dummy")),
        ("TOKEN", s("test")),
        ("SECRET", s("none")),
        ("SECRET", s("null")),
        ("SECRET_KEY", s("supersecretkey")),
        ("PASSWORD", s("password123")),
        ("DB_PASSWORD", s("postgres")),
        ("SECRET_KEY", s("dev-secret-key-123")),
        ("SECRET_KEY", s("a long phrase, not a key 42")),
        ("Authorization", s("Bearer ${TOKEN}")),
        ("Authorization", s("Bearer <token>")),
        ("Authorization", s("Basic dXNlcjpjaGFuZ2VtZQ==")),
        (
            "GITHUB_TOKEN",
            s(concat!("gh", "p_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")),
        ),
        ("AWS_ACCESS_KEY_ID", s(concat!("AK", "IAIOSFODNN7EXAMPLE"))),
        (
            "AWS_SECRET_ACCESS_KEY",
            s("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ),
        (
            "SLACK_WEBHOOK_URL",
            s("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
        ),
        // Metadata about secrets, not secrets
        ("TOKEN_URL", s("https://auth.internal/oauth/token")),
        (
            "TOKEN_ENDPOINT",
            s("https://auth.internal/oauth2/v1/token?x=1"),
        ),
        ("SECRET_NAME", s("prod/app/db-credentials-v2")),
        ("AWS_SECRET_NAME", s("prod/db/Pw8x")),
        ("TOKEN_TTL", s("3600")),
        ("PASSWORD_MIN_LENGTH", s("12")),
        ("SESSION_TOKEN_EXPIRY", s("7d")),
        ("ACCESS_TOKEN_EXPIRE_MINUTES", s("30")),
        ("API_KEY_FILE", s("/run/secrets/api_key")),
        (
            "POSTGRES_PASSWORD_FILE",
            s("/run/secrets/postgres-password"),
        ),
        (
            "GOOGLE_APPLICATION_CREDENTIALS",
            s("/app/gcp-service-account.json"),
        ),
        ("SECRET_KEY_BASE_DUMMY", s("1")),
        ("API_KEY_HEADER", s("X-Api-Key")),
        ("JWT_ALGORITHM", s("HS256")),
        // Public by design
        ("PUBLIC_KEY", s("Pow138Xz6f1GQ0N6ccuiUXG2hvB1bHas2Bwn1oCG")),
        (
            "JWT_PUBLIC_KEY",
            format!("-----BEGIN PUBLIC KEY-----\n{PEM_BODY}-----END PUBLIC KEY-----"),
        ),
        (
            "STRIPE_PUBLISHABLE_KEY",
            s(concat!(
                "pk",
                "_live_qFroWy76lMXouvBW8J5Vcd4ifav4QrlBbciwU1NSl25nP"
            )),
        ),
        (
            "NEXT_PUBLIC_STRIPE_KEY",
            s(concat!(
                "pk",
                "_test_9IOQD1630CUrCRAUaFnYVKwQzpLUCadT2rIhEhvL"
            )),
        ),
        (
            "VITE_STRIPE_PK",
            s(concat!(
                "pk",
                "_test_9IOQD1630CUrCRAUaFnYVKwQzpLUCadT2rIhEhvL"
            )),
        ),
        (
            "NEXT_PUBLIC_FIREBASE_API_KEY",
            s(concat!("AI", "zaC3Qs4bs8n31gAVWu-UWtZU3nJY9S4iZIsEw")),
        ),
        (
            "SUPABASE_ANON_KEY",
            jwt(JWT_ANON, "oPSg-zw5Kpf1ao0zMzOAFD19k1nyjy30MdEuqCVI-_M"),
        ),
        (
            "NEXT_PUBLIC_SUPABASE_ANON_KEY",
            jwt(JWT_ANON, "oPSg-zw5Kpf1ao0zMzOAFD19k1nyjy30MdEuqCVI-_M"),
        ),
        (
            "TOKEN",
            s(concat!(
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
                "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.",
                "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
            )),
        ),
        // Identifiers under non-secret names
        ("COMMIT_SHA", s("6c0ac6c5b4e0da1cd54ee75a18cef6edcb64063b")),
        ("GIT_SHA", s("275d1bfceef13852b33a9621aa7b6fb4e0da1cd5")),
        ("GPG_KEY", s("A035C8C19219BA821ECEA86B64E628F8D684696D")),
        ("BUILD_ID", s("3d7dd769-9132-45f4-a59e-50b193325e4f")),
        ("REQUEST_ID", s("01HF8Z3K9Q2V7N4M6P1R5T8W0Y")),
        (
            "CONFIG_DIGEST",
            s("sha256:6efed9b47886931a52fba2c71e470739bfa13ccc58469debc624fd22217275a1"),
        ),
        ("AWS_ACCESS_KEY_ID", s("tid_Pow138Xz6f1GQ0N6ccuiUXG2hvB1")),
        ("AWS_REGION", s("us-east-1")),
        // Private key header or truncated sample only
        ("PRIVATE_KEY", s("-----BEGIN RSA PRIVATE KEY-----")),
        (
            "PRIVATE_KEY",
            s("-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----"),
        ),
        // `[[files]] raw_value` with harmless content
        (
            "raw_value",
            s("c2VydmVyIHsKICBsaXN0ZW4gODA4MDsKICByb290IC9zcnYvd3d3Owp9Cg=="),
        ),
        (
            "raw_value",
            s("cGxhaW4gdGV4dCBjb25maWcsIG5vdGhpbmcgLyBzZWNyZXQ="),
        ),
        // Schemes with paths, host:port, publishable keys, hashes
        ("DATABASE_URL", s("file:./dev.db")),
        ("DATABASE_URL", s("file:/data/sqlite.db")),
        ("REDIS_URL", s("redis.internal:6379")),
        ("DATABASE_URL", s("top2.nearest.of.my-db.internal:5432")),
        (
            "POSTHOG_API_KEY",
            s("phc_Pow138Xz6f1GQ0N6ccuiUXG2hvB1bHas2Bwn1oCG"),
        ),
        (
            "MAPBOX_TOKEN",
            s(concat!(
                "pk",
                ".eyJ1IjoiYWNtZSIsImEiOiJjbHh5ejEyMzQwMDAwMDAwMDAwMDAwIn0.8cL6j5IXAAjlsHUqJoUD-_"
            )),
        ),
        (
            "ADMIN_PASSWORD_HASH",
            s("$2b$12$Pow138Xz6f1GQ0N6ccuiUXG2hvB1bHas2Bwn1oCGabc"),
        ),
        (
            "PYTHON_SHA256",
            s("6efed9b47886931a52fba2c71e470739bfa13ccc58469debc624fd22217275a1"),
        ),
        ("JWT_SECRET", s("my_jwt_secret_2024")),
        ("SECRET", s("0123456789abcdef")),
        (
            "DATABASE_URL",
            s("postgres://postgres:mysecretpassword@db/app"),
        ),
        ("CELERY_BROKER_URL", s("amqp://guest:guest@localhost//")),
        ("SPRING_DATASOURCE_PASSWORD", s("${DB_PASSWORD:secret}")),
        ("PATH", s("/app/.venv/bin:$PATH")),
        ("RUST_LOG", s("info,tower_http=debug")),
        ("BUILD_DATE", s("2024-01-01T00:00:00Z")),
        (
            "GOOGLE_CLIENT_ID",
            s("123456789012-k2j4h5g6f7d8s9a0.apps.googleusercontent.com"),
        ),
        // Empty and whitespace
        ("API_TOKEN", s("")),
        ("API_TOKEN", s("   ")),
        ("API_TOKEN", s("''")),
    ]
}
