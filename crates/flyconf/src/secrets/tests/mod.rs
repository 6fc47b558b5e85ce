//! Tables of true and false positives, property tests and a timing harness.
//!
//! Every token below is fake: random bodies generated for these tests. Provider prefixes
//! are split with `concat!` so that secret scanners run over this repository do not flag
//! the test file itself.

use proptest::prelude::*;

use super::*;

mod negatives;
mod positives;

use negatives::false_positives;
use positives::*;

/// Every value of the true- and false-positive tables, plus non-ASCII and
/// invalid-UTF-8 variants (the engines' agreement test reads them).
pub(super) fn sample_values() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = true_positives()
        .into_iter()
        .map(|(_, v, _)| v.into_bytes())
        .chain(false_positives().into_iter().map(|(_, v)| v.into_bytes()))
        .collect();
    let n = out.len();
    for i in 0..n {
        let mut accented = "caf\u{e9} ".as_bytes().to_vec();
        accented.extend_from_slice(&out[i]);
        accented.extend_from_slice("\u{1F680}".as_bytes());
        out.push(accented);
        let mut broken = out[i].clone();
        broken.insert(broken.len() / 2, 0xFF);
        out.push(broken);
    }
    out
}

#[test]
fn rules_compile() {
    assert!(rules::compiled());
    assert!(placeholder::compiled());
}

#[test]
fn true_positive_table() {
    let cases = true_positives();
    assert!(cases.len() >= 40, "{} TP cases", cases.len());
    let mut failures = Vec::new();
    for (name, value, kind) in &cases {
        match scan(name, value) {
            None => failures.push(format!("missed {name}={value}")),
            Some(f) => {
                if let Some(k) = kind
                    && f.kind != *k
                {
                    failures.push(format!("{name}={value}: kind {:?}, want {k:?}", f.kind));
                }
                if f.redacted.contains(value.as_str()) {
                    failures.push(format!("{name}: redaction leaks the value"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn false_positive_table() {
    let cases = false_positives();
    assert!(cases.len() >= 60, "{} FP cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, value)| {
            scan(name, value).map(|f| format!("flagged {name}={value} as {}", f.kind))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn secret_names() {
    for n in [
        "NPM_TOKEN",
        "GITHUB_TOKEN",
        "GH_TOKEN",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "POSTGRES_PASSWORD",
        "MYSQL_ROOT_PASSWORD",
        "DB_PASSWORD",
        "DB_PASS",
        "MYSQL_PWD",
        "PGPASSWORD",
        "SMTP_PASSWORD",
        "STRIPE_SECRET",
        "CLIENT_SECRET",
        "AZURE_CLIENT_SECRET",
        "OPENAI_API_KEY",
        "SENDGRID_API_KEY",
        "X-Api-Key",
        "apiKey",
        "APIKEY",
        "PRIVATE_KEY",
        "GPG_PRIVATE_KEY",
        "SSH_PRIVATE_KEY",
        "ACCESS_KEY",
        "AUTH_KEY",
        "SECRET_KEY_BASE",
        "DJANGO_SECRET_KEY",
        "RAILS_MASTER_KEY",
        "APP_KEY",
        "ENCRYPTION_KEY",
        "NEW_RELIC_LICENSE_KEY",
        "SUPABASE_SERVICE_ROLE_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "MONGODB_URI",
        "DB_DSN",
        "CONNECTION_STRING",
        "FLY_API_TOKEN",
        "SENTRY_AUTH_TOKEN",
        "VAULT_TOKEN",
        "NODE_AUTH_TOKEN",
        "JWT_SECRET",
        "SESSION_SECRET",
        "NEXTAUTH_SECRET",
        "RELEASE_COOKIE",
        "Authorization",
        "X-Auth-Token",
        "db.password",
        "GOOGLE_CREDENTIALS",
        "GPG_PASSPHRASE",
        "SECRET",
        "TOKEN",
        "PASSWORD",
    ] {
        assert!(is_secret_name(n), "{n} should be a secret name");
    }
    for n in [
        "PUBLIC_KEY",
        "JWT_PUBLIC_KEY",
        "STRIPE_PUBLISHABLE_KEY",
        "NEXT_PUBLIC_API_KEY",
        "VITE_API_KEY",
        "REACT_APP_TOKEN",
        "SUPABASE_ANON_KEY",
        "TOKEN_URL",
        "TOKEN_ENDPOINT",
        "OAUTH_TOKEN_URI",
        "SECRET_NAME",
        "AWS_SECRET_NAME",
        "SECRET_ARN",
        "PASSWORD_MIN_LENGTH",
        "TOKEN_TTL",
        "JWT_EXPIRY",
        "ACCESS_TOKEN_EXPIRE_MINUTES",
        "JWT_SECRET_EXPIRES_IN",
        "KEY_ID",
        "API_KEY_ID",
        "AWS_ACCESS_KEY_ID",
        "API_KEY_HEADER",
        "POSTGRES_PASSWORD_FILE",
        "SSL_KEY_FILE",
        "GOOGLE_APPLICATION_CREDENTIALS",
        "GPG_KEY",
        "NODE_VERSION",
        "PORT",
        "NODE_ENV",
        "DATABASE_PATH",
        "API_URL",
        "SENTRY_DSN",
        "SUPABASE_URL",
        "PWD",
        "PASS",
        "KEY",
        "MAX_TOKENS",
        "TOKENIZERS_PARALLELISM",
        "ALLOW_EMPTY_PASSWORD",
        "MYSQL_RANDOM_ROOT_PASSWORD",
        "SECRET_KEY_BASE_DUMMY",
        "SESSION_COOKIE_NAME",
        "PASSWORD_RESET_TIMEOUT",
        "DB_USER",
        "",
        "_",
    ] {
        assert!(!is_secret_name(n), "{n} should not be a secret name");
    }
    assert!(!is_secret_name(&"TOKEN_".repeat(100)));
}

#[test]
fn placeholders() {
    for v in [
        "",
        "  ",
        "${VAR}",
        "$VAR",
        "%VAR%",
        "{{ .Env.X }}",
        "<your-key>",
        "your-api-key-here",
        "YOUR_TOKEN",
        "changeme",
        "example",
        "xxxx",
        "XXXXXXXX",
        "****",
        "dummy",
        "test",
        "none",
        "null",
        "password123",
        "'changeme'",
        "sk_live_<key>",
        "aaaaaaaa",
    ] {
        assert!(is_placeholder(v), "{v:?} should be a placeholder");
    }
    for v in [
        "S3cr3tP4ss",
        "Pow138Xz6f1GQ0N6ccuiUXG2",
        "production",
        "8080",
        "true",
        "/data/db.sqlite",
        concat!("sk", "_test_9IOQD1630CUrCRAUaFnYVKwQzpLUCadT2rIhEhvL"),
    ] {
        assert!(!is_placeholder(v), "{v:?} should not be a placeholder");
    }
}

#[test]
fn redaction_shapes() {
    assert_eq!(
        redact(concat!("AK", "IA7KLFYYLBEG3RHDSV")),
        "AKIA…(20 chars)"
    );
    assert_eq!(
        redact("postgres://app:xyUJLJKPvuWnuNkxuQOpAbfU@db.example.com:5432/app"),
        "postgres://app:****@db.example.com:5432/app"
    );
    let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}-----END RSA PRIVATE KEY-----");
    assert_eq!(
        redact(&pem),
        format!(
            "-----BEGIN RSA PRIVATE KEY-----…({} chars)",
            pem.chars().count()
        )
    );
    assert_eq!(redact("hunter2"), "…(7 chars)");
    assert_eq!(redact("Tr0ub4dor&3"), "Tr…(11 chars)");
    assert_eq!(
        redact("host=db user=app password=Zq8Lm2Xv9Rk4 dbname=app"),
        "host=db user=app password=**** dbname=app"
    );
    // A token in the user part is not shown even though the password is masked.
    let url = concat!(
        "https://gh",
        "p_uGMGKAuWfpTbmRsHdRXfr8nBNXYK7Gh5Qhy5:x-oauth-basic@github.com/"
    );
    let r = redact(url);
    assert!(!r.contains("uGMGKA"), "{r}");
    // The finding carries the redacted form.
    let f = scan(
        "DATABASE_URL",
        "postgres://app:xyUJLJKPvuWnuNkxuQOpAbfU@db.internal/app",
    );
    assert_eq!(
        f.map(|f| f.redacted).as_deref(),
        Some("postgres://app:****@db.internal/app")
    );
}

#[test]
fn weird_inputs_do_not_panic() {
    let big = "A".repeat(1 << 20);
    let many_urls = "x://a:b@c ".repeat(10_000);
    let many_eq = "password=x;".repeat(10_000);
    let many_begin = "-----BEGIN ".repeat(10_000);
    for v in [
        big.as_str(),
        many_urls.as_str(),
        many_eq.as_str(),
        many_begin.as_str(),
        "://",
        ":@",
        "a://:@",
        "é://ü:ö@ä",
        "\u{0}\u{FEFF}\u{10FFFF}",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 password=𝔭𝔞𝔰𝔰 ://𝔲:𝔭@𝔥",
        "=",
        "'",
        "\"",
        "eyJ.eyJ.",
    ] {
        let _ = scan("API_TOKEN", v);
        let _ = scan(v, v);
        let _ = redact(v);
        let _ = is_placeholder(v);
        let _ = is_secret_name(v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics(name in any::<String>(), value in any::<String>()) {
        let _ = scan(&name, &value);
        let _ = redact(&value);
        let _ = is_placeholder(&value);
        let _ = is_secret_name(&name);
    }

    #[test]
    fn never_panics_on_structured_input(
        name in "[A-Za-z_.-]{0,30}",
        value in "([A-Za-z0-9+/=:@?#&;, _.%$<>{}'\"-]|://|-----BEGIN |PRIVATE KEY-----|eyJ|AKIA|ghp_|password=|\\\\n|é){0,40}",
    ) {
        let _ = scan(&name, &value);
        let r = redact(&value);
        if value.chars().count() >= 8 {
            prop_assert!(!r.contains(&value));
        }
    }

    #[test]
    fn redaction_never_contains_value(value in any::<String>()) {
        prop_assume!(value.chars().count() >= 8);
        let r = redact(&value);
        prop_assert!(!r.contains(&value), "{:?} -> {:?}", value, r);
    }

    #[test]
    fn redaction_never_contains_url_password(
        scheme in "[a-z][a-z0-9+.-]{0,9}",
        user in "[A-Za-z0-9._~-]{0,12}",
        password in "[A-Za-z0-9!$&'()*+,;=%~._@:-]{7,30}",
        host in "[a-z0-9][a-z0-9.-]{0,20}",
        path in "(/[a-z0-9._-]{0,10}){0,3}",
    ) {
        let url = format!("{scheme}://{user}:{password}@{host}{path}");
        let r = redact(&url);
        prop_assert!(!r.contains(&password), "{:?} -> {:?}", url, r);
        prop_assert!(!r.contains(&url));
    }

    #[test]
    fn redaction_never_contains_password_with_slashes(
        user in "[a-z]{1,8}",
        head in "[A-Za-z!*]{3,10}",
        tail in "[A-Za-z0-9/?#]{4,12}",
        host in "[a-z]{1,10}",
    ) {
        let password = format!("{head}{tail}");
        let url = format!("postgres://{user}:{password}@{host}/db");
        let r = redact(&url);
        prop_assert!(!r.contains(&password), "{:?} -> {:?}", url, r);
    }

    #[test]
    fn secret_name_case_insensitive(name in "[A-Za-z_]{1,30}") {
        prop_assert_eq!(
            is_secret_name(&name.to_ascii_lowercase()),
            is_secret_name(&name.to_ascii_uppercase())
        );
    }
}

/// Timing harness: `cargo test --release -- --ignored --nocapture scan_timing`.
#[test]
#[ignore = "timing harness; run with --release --ignored --nocapture"]
#[allow(clippy::print_stdout)]
fn scan_timing() {
    use std::hint::black_box;
    use std::time::Instant;

    let typical: Vec<(&str, &str)> = vec![
        ("PORT", "8080"),
        ("NODE_ENV", "production"),
        ("LOG_LEVEL", "info"),
        ("PRIMARY_REGION", "iad"),
        ("DATABASE_PATH", "/data/db.sqlite"),
        ("PHX_HOST", "my-app.fly.dev"),
        ("RAILS_ENV", "production"),
        ("REDIS_URL", "redis://redis.internal:6379"),
        ("API_URL", "https://api.example.com/v1"),
        ("WEB_CONCURRENCY", "2"),
        (
            "SECRET_KEY_BASE",
            "6efed9b47886931a52fba2c71e470739bfa13ccc58469debc624fd22217275a1",
        ),
        (
            "DATABASE_URL",
            "postgres://app:xyUJLJKPvuWnuNkxuQOpAbfU@db.internal:5432/app",
        ),
        ("API_KEY", "${API_KEY}"),
        ("TZ", "Europe/Berlin"),
        ("COMMIT_SHA", "6c0ac6c5b4e0da1cd54ee75a18cef6edcb64063b"),
    ];
    // Warm up (regex compilation happens once, lazily).
    for (n, v) in &typical {
        black_box(scan(n, v));
    }
    let rounds = 200_000;
    let start = Instant::now();
    for _ in 0..rounds {
        for (n, v) in &typical {
            black_box(scan(black_box(n), black_box(v)));
        }
    }
    let per_value = start.elapsed().as_nanos() as f64 / (rounds * typical.len()) as f64;
    let clean: Vec<_> = typical
        .iter()
        .filter(|(n, v)| scan(n, v).is_none())
        .collect();
    let start = Instant::now();
    for _ in 0..rounds {
        for (n, v) in &clean {
            black_box(scan(black_box(n), black_box(v)));
        }
    }
    let per_clean = start.elapsed().as_nanos() as f64 / (rounds * clean.len()) as f64;
    println!(
        "scan: {per_value:.0} ns/value over a typical mix of {} values; {per_clean:.0} ns/value for the {} clean ones",
        typical.len(),
        clean.len()
    );
}
