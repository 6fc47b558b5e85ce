//! Classification of variable / key / header names.
//!
//! A name is split into lower-level words on `_`, `-`, `.`, spaces and camelCase
//! boundaries (`apiKey` → `api`, `Key`; `APIKey` → `API`, `Key`), without allocating.
//! All comparisons are ASCII case-insensitive.

use super::entropy::{ends_with_ci, starts_with_ci};

/// Names longer than this are not variable names; they are never treated as secret.
const MAX_NAME_LEN: usize = 200;
/// At most this many words are looked at (the name length cap makes this generous).
const MAX_WORDS: usize = 48;

/// What the name says about its value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NameInfo {
    /// The name normally holds a secret (`*_PASSWORD`, `*_TOKEN`, `DATABASE_URL`, …).
    pub secret: bool,
    /// The name marks a value that is public by design (`NEXT_PUBLIC_*`, `VITE_*`,
    /// `*_PUBLIC_KEY`, `*_PUBLISHABLE_KEY`, `*_ANON_KEY`).
    pub public: bool,
    /// The name mentions AWS and a secret (`AWS_SECRET_ACCESS_KEY`, `aws_secret_key`).
    pub aws_secret: bool,
    /// An HTTP `Authorization`-style header whose value carries an auth scheme.
    pub authorization: bool,
}

/// Words that make a name secret wherever they are, when the token equals the word or
/// ends with it (`PGPASSWORD`, `clientSecret`, `GITHUBTOKEN`).
const SECRET_SUFFIXES: &[&[u8]] = &[
    b"password",
    b"passwd",
    b"passphrase",
    b"secret",
    b"token",
    b"credential",
    b"credentials",
    b"creds",
    b"authorization",
];

/// Words that, directly before `key` (or fused with it: `apikey`), make a secret key.
const KEY_QUALIFIERS: &[&[u8]] = &[
    b"api",
    b"private",
    b"priv",
    b"secret",
    b"access",
    b"auth",
    b"master",
    b"signing",
    b"sign",
    b"encryption",
    b"encrypt",
    b"crypt",
    b"crypto",
    b"client",
    b"license",
    b"licence",
    b"service",
    b"hmac",
    b"app",
    b"application",
    b"deploy",
    b"ssh",
    b"session",
    b"cookie",
    b"jwt",
    b"admin",
    b"root",
    b"account",
    b"storage",
    b"shared",
    b"sas",
    b"subscription",
    b"server",
    b"db",
    b"database",
    b"role",
    b"ingest",
    b"management",
    b"mgmt",
    b"webhook",
    b"rest",
];

/// Words before a `url`/`uri` that make it a connection string (usually with a password).
const CONN_WORDS: &[&[u8]] = &[
    b"database",
    b"db",
    b"postgres",
    b"postgresql",
    b"pg",
    b"psql",
    b"mysql",
    b"mariadb",
    b"mongo",
    b"mongodb",
    b"redis",
    b"rediss",
    b"valkey",
    b"rabbitmq",
    b"rabbit",
    b"amqp",
    b"cloudamqp",
    b"broker",
    b"cache",
    b"clickhouse",
    b"cockroach",
    b"cockroachdb",
    b"elasticsearch",
    b"memcached",
    b"connection",
];

/// Words that, after the secret word, say the value is *about* the secret, not the secret
/// itself (`TOKEN_URL`, `SECRET_NAME`, `PASSWORD_MIN_LENGTH`, `API_KEY_ID`, `*_FILE`).
const METADATA_WORDS: &[&[u8]] = &[
    b"url",
    b"uri",
    b"urls",
    b"endpoint",
    b"endpoints",
    b"host",
    b"hostname",
    b"port",
    b"addr",
    b"address",
    b"domain",
    b"path",
    b"paths",
    b"file",
    b"files",
    b"dir",
    b"directory",
    b"folder",
    b"location",
    b"name",
    b"names",
    b"id",
    b"ids",
    b"arn",
    b"ref",
    b"ttl",
    b"expiry",
    b"expiration",
    b"expire",
    b"expires",
    b"exp",
    b"lifetime",
    b"timeout",
    b"age",
    b"duration",
    b"interval",
    b"period",
    b"length",
    b"len",
    b"size",
    b"bits",
    b"count",
    b"limit",
    b"min",
    b"max",
    b"minimum",
    b"maximum",
    b"rounds",
    b"cost",
    b"iterations",
    b"type",
    b"types",
    b"kind",
    b"format",
    b"encoding",
    b"alg",
    b"algorithm",
    b"algo",
    b"header",
    b"headers",
    b"field",
    b"param",
    b"parameter",
    b"prefix",
    b"suffix",
    b"version",
    b"enabled",
    b"enable",
    b"disabled",
    b"disable",
    b"required",
    b"require",
    b"enforce",
    b"mode",
    b"policy",
    b"strategy",
    b"provider",
    b"providers",
    b"store",
    b"backend",
    b"method",
    b"methods",
    b"scheme",
    b"scope",
    b"scopes",
    b"audience",
    b"issuer",
    b"level",
    b"regex",
    b"pattern",
    b"rotation",
    b"rotate",
    b"seconds",
    b"secs",
    b"sec",
    b"minutes",
    b"mins",
    b"hours",
    b"days",
    b"weeks",
    b"ms",
    b"millis",
    b"in",
    b"validity",
    b"hint",
    b"label",
    b"description",
    b"desc",
    b"dummy",
    b"placeholder",
    b"example",
    b"sample",
    b"source",
    b"region",
    b"project",
    b"user",
    b"username",
    b"email",
    b"check",
    b"hashers",
    b"hasher",
    b"manager",
    b"env",
    b"budget",
    b"usage",
    b"fingerprint",
    b"hash",
    b"hashed",
    b"digest",
    b"checksum",
    b"sha",
    b"sha1",
    b"sha256",
    b"sha512",
    b"bcrypt",
];

/// Words before the secret word that turn the name into a setting about secrets
/// (`MAX_TOKENS`, `ALLOW_EMPTY_PASSWORD`, `MYSQL_RANDOM_ROOT_PASSWORD`).
const NEGATING_PREFIX_WORDS: &[&[u8]] = &[
    b"max",
    b"min",
    b"num",
    b"number",
    b"allow",
    b"enable",
    b"disable",
    b"use",
    b"skip",
    b"require",
    b"random",
    b"generate",
    b"empty",
    b"no",
    b"check",
    b"validate",
    b"show",
    b"hide",
    b"count",
];

/// Words anywhere in the name that mark a public value.
const PUBLIC_WORDS: &[&[u8]] = &[b"public", b"publishable", b"anon", b"pub"];

/// Exact names (case-insensitive) that look secret but conventionally hold something else.
const NOT_SECRET_NAMES: &[&[u8]] = &[
    b"google_application_credentials",
    b"pwd",
    b"oldpwd",
    b"gpg_key",
    b"tokenizers_parallelism",
];

fn is_in(word: &str, list: &[&[u8]]) -> bool {
    list.iter().any(|w| word.as_bytes().eq_ignore_ascii_case(w))
}

/// Splits `name` into words; returns how many were stored in `out`.
fn split_words<'a>(name: &'a str, out: &mut [&'a str; MAX_WORDS]) -> usize {
    let bytes = name.as_bytes();
    let mut n = 0;
    let mut start: Option<usize> = None;
    let mut push = |s: usize, e: usize, n: &mut usize| {
        if *n < MAX_WORDS
            && let Some(w) = name.get(s..e)
            && !w.is_empty()
        {
            out[*n] = w;
            *n += 1;
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        let is_word = b.is_ascii_alphanumeric() || b >= 0x80;
        if !is_word {
            if let Some(s) = start.take() {
                push(s, i, &mut n);
            }
            continue;
        }
        match start {
            None => start = Some(i),
            Some(s) => {
                // camelCase boundaries: `aB` → `a|B`, `ABc` → `A|Bc` (`S3Bucket` stays whole).
                if b.is_ascii_uppercase() && i > s {
                    let prev = bytes[i - 1];
                    let next_lower = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
                    if prev.is_ascii_lowercase() || (prev.is_ascii_uppercase() && next_lower) {
                        push(s, i, &mut n);
                        start = Some(i);
                    }
                }
            }
        }
    }
    if let Some(s) = start {
        push(s, bytes.len(), &mut n);
    }
    n
}

/// Whether the word `w` (given its predecessor) is a secret word.
fn is_secret_word(words: &[&str], i: usize) -> bool {
    let Some(&w) = words.get(i) else {
        return false;
    };
    let wb = w.as_bytes();
    let last = i + 1 == words.len();
    if SECRET_SUFFIXES.iter().any(|s| ends_with_ci(wb, s)) {
        return true;
    }
    // `DB_PASS`, `SMTP_PASS`, `MYSQL_PWD`: only as the last word of a longer name.
    if last && i > 0 && is_in(w, &[b"pass", b"pwd", b"pw"]) {
        return true;
    }
    // `API_KEY`, `RAILS_MASTER_KEY`, and the fused `APIKEY`, `privateKey`.
    if wb.eq_ignore_ascii_case(b"key") {
        return i > 0 && words.get(i - 1).is_some_and(|p| is_in(p, KEY_QUALIFIERS));
    }
    if ends_with_ci(wb, b"key") {
        let stem = &wb[..wb.len() - 3];
        return KEY_QUALIFIERS.iter().any(|q| stem.eq_ignore_ascii_case(q));
    }
    // `DATABASE_URL`, `REDIS_URL`, `MONGODB_URI`, `DB_DSN`, `CONNECTION_STRING`.
    if is_in(w, &[b"url", b"uri"]) {
        return i > 0 && words.get(i - 1).is_some_and(|p| is_in(p, CONN_WORDS));
    }
    if is_in(
        w,
        &[b"databaseurl", b"dburl", b"connstr", b"connectionstring"],
    ) {
        return true;
    }
    if wb.eq_ignore_ascii_case(b"string") || wb.eq_ignore_ascii_case(b"str") {
        return i > 0
            && words
                .get(i - 1)
                .is_some_and(|p| is_in(p, &[b"connection", b"conn"]));
    }
    if wb.eq_ignore_ascii_case(b"dsn") {
        return !words.iter().any(|x| x.eq_ignore_ascii_case("sentry"));
    }
    // Erlang/Elixir distribution cookie (`RELEASE_COOKIE`).
    if wb.eq_ignore_ascii_case(b"cookie") {
        return i > 0
            && words
                .get(i - 1)
                .is_some_and(|p| is_in(p, &[b"release", b"erlang", b"erl"]));
    }
    false
}

/// Classifies `name`.
pub(crate) fn classify(name: &str) -> NameInfo {
    let mut info = NameInfo::default();
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.len() > MAX_NAME_LEN {
        return info;
    }
    let mut buf = [""; MAX_WORDS];
    let n = split_words(trimmed, &mut buf);
    let words = &buf[..n];

    // Public-by-design names: `NEXT_PUBLIC_*`, `VITE_*`, `REACT_APP_*`, `*_PUBLIC_KEY`, …
    let first = words.first().copied().unwrap_or("");
    let second = words.get(1).copied().unwrap_or("");
    info.public = words.iter().any(|w| is_in(w, PUBLIC_WORDS))
        || is_in(first, &[b"vite", b"gatsby"])
        || (first.eq_ignore_ascii_case("react") && second.eq_ignore_ascii_case("app"))
        || words
            .iter()
            .any(|w| starts_with_ci(w.as_bytes(), b"public"));

    info.authorization = words
        .last()
        .is_some_and(|w| ends_with_ci(w.as_bytes(), b"authorization"));

    if info.public || is_in(trimmed, NOT_SECRET_NAMES) {
        return info;
    }

    // The last secret word decides; anything after it must not be metadata and nothing
    // before it may turn the name into a setting.
    let Some(pos) = (0..n).rev().find(|&i| is_secret_word(words, i)) else {
        return info;
    };
    let after_ok = !words[pos + 1..].iter().any(|w| is_in(w, METADATA_WORDS));
    let before_ok = !words[..pos].iter().any(|w| is_in(w, NEGATING_PREFIX_WORDS));
    info.secret = after_ok && before_ok;
    info.aws_secret = info.secret
        && words.iter().any(|w| starts_with_ci(w.as_bytes(), b"aws"))
        && words.iter().any(|w| {
            ends_with_ci(w.as_bytes(), b"secret") || ends_with_ci(w.as_bytes(), b"secretkey")
        });
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Vec<String> {
        let mut buf = [""; MAX_WORDS];
        let n = split_words(name, &mut buf);
        buf[..n].iter().map(|w| w.to_ascii_lowercase()).collect()
    }

    #[test]
    fn splitting() {
        assert_eq!(
            words("AWS_SECRET_ACCESS_KEY"),
            ["aws", "secret", "access", "key"]
        );
        assert_eq!(words("apiKey"), ["api", "key"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("X-Api-Key"), ["x", "api", "key"]);
        assert_eq!(words("db.password"), ["db", "password"]);
        assert_eq!(words("S3_BUCKET"), ["s3", "bucket"]);
        assert_eq!(words("__"), Vec::<String>::new());
        assert_eq!(words("ключ_TOKEN"), ["ключ", "token"]);
    }

    #[test]
    fn aws_flag() {
        assert!(classify("AWS_SECRET_ACCESS_KEY").aws_secret);
        assert!(classify("aws_secret_key").aws_secret);
        assert!(!classify("AWS_ACCESS_KEY_ID").aws_secret);
        assert!(!classify("AWS_ACCESS_KEY_ID").secret);
    }
}
