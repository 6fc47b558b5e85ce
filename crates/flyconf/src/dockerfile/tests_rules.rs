//! Rules DF405–DF415: one triggering and one passing case each.
#![allow(clippy::unwrap_used)]

use super::tests::{BASE, fixed, none, one};
use super::{SecretHooks, check, check_with};
use crate::diagnostic::{Diagnostic, Severity};
use crate::secrets::SecretFinding;

fn fake_scan(_name: &str, value: &str) -> Option<SecretFinding> {
    value.starts_with("sk_live_").then(|| SecretFinding {
        kind: "a Stripe live key",
        redacted: "sk_live_…".into(),
    })
}

fn fake_secret_name(name: &str) -> bool {
    name.ends_with("_TOKEN") || name.ends_with("_KEY") || name == "DATABASE_URL"
}

fn fake_placeholder(value: &str) -> bool {
    value.is_empty() || value.starts_with('$') || value == "dummy"
}

const FAKE: SecretHooks = SecretHooks {
    scan: fake_scan,
    is_secret_name: fake_secret_name,
    redact: crate::secrets::redact,
    is_placeholder: fake_placeholder,
};

fn fake(text: &str, code: &str) -> Vec<Diagnostic> {
    check_with(text, &FAKE)
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

#[test]
fn df405_secret_in_dockerfile() {
    let secret = "sk_live_51Habcdefghijklmnop";
    let text = format!("{BASE}ENV STRIPE_KEY={secret} MODE=prod\n");
    let found = fake(&text, "DF405");
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(
        (d.span.line, d.span.column, d.severity),
        (3, 16, Severity::Error)
    );
    assert_eq!(&text[d.span.range()], secret);
    assert!(
        d.message.contains(&crate::secrets::redact(secret))
            && d.message.contains("a Stripe live key")
    );
    for text in [
        &d.message,
        d.suggestion.as_ref().unwrap(),
        d.key_path.as_ref().unwrap(),
    ] {
        assert!(
            !text.contains(secret) && !text.contains("51Habc"),
            "value leaked: {text}"
        );
    }
    assert!(
        d.suggestion
            .as_ref()
            .unwrap()
            .contains("fly secrets set STRIPE_KEY")
    );
    // DF405 takes precedence over DF406 for the same variable.
    assert!(fake(&text, "DF406").is_empty());
    let found = fake(&format!("{BASE}ARG STRIPE_KEY=\"{secret}\"\n"), "DF405");
    assert_eq!((found.len(), found[0].span.column), (1, 16));
    assert!(fake(&format!("{BASE}ENV STRIPE_KEY=${{STRIPE_KEY}}\n"), "DF405").is_empty());
    assert!(fake(&format!("{BASE}ENV MODE=production\n"), "DF405").is_empty());
}

#[test]
fn df406_secret_name_in_build_arg() {
    let found = fake(&format!("{BASE}ARG NPM_TOKEN\n"), "DF406");
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(
        (d.span.line, d.span.column, d.severity),
        (3, 5, Severity::Warning)
    );
    assert!(
        d.suggestion
            .as_ref()
            .unwrap()
            .contains("--mount=type=secret")
    );
    let found = fake(&format!("{BASE}ENV DATABASE_URL=$DATABASE_URL\n"), "DF406");
    assert_eq!((found.len(), found[0].span.column), (1, 5));
    assert!(fake(&format!("{BASE}ENV SECRET_KEY=dummy\n"), "DF406").is_empty());
    assert!(fake(&format!("{BASE}ENV API_TOKEN=\n"), "DF406").is_empty());
    assert!(fake(&format!("{BASE}ARG NODE_VERSION\n"), "DF406").is_empty());
}

#[test]
fn secret_values_never_appear_in_output() {
    let values = [
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "postgres://app:s3cr3t-pa55w0rd@db.internal:5432/app",
        "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
    ];
    for value in values {
        let text = format!("{BASE}ENV SECRET_VALUE={value}\nARG OTHER_VALUE={value}\n");
        for d in check(&text) {
            let rendered = format!("{} {:?} {:?}", d.message, d.suggestion, d.key_path);
            assert!(
                !rendered.contains(value),
                "{value} leaked by {}: {rendered}",
                d.code
            );
        }
    }
}

#[test]
fn df407_apt_cache() {
    let text = format!("{BASE}RUN apt-get update && apt-get install curl\n");
    let d = one(&text, "DF407", 3, 23, Severity::Warning);
    for part in ["-y", "--no-install-recommends", "/var/lib/apt/lists"] {
        assert!(
            d.message.contains(part),
            "{part} missing from {}",
            d.message
        );
    }
    let d = one(
        &format!(
            "{BASE}RUN apt install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n"
        ),
        "DF407",
        3,
        5,
        Severity::Warning,
    );
    assert!(d.message.contains("`apt`") && !d.message.contains("no `-y`"));
    let d = one(
        &format!("{BASE}RUN apt-get update && apt-get install -y --no-install-recommends curl\n"),
        "DF407",
        3,
        23,
        Severity::Warning,
    );
    assert!(d.message.contains("/var/lib/apt/lists") && !d.message.contains("recommended"));
    let text = format!(
        "{BASE}RUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl\nEOF\n"
    );
    one(&text, "DF407", 6, 1, Severity::Warning);
    none(
        &format!(
            "{BASE}RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"
        ),
        "DF407",
    );
    none(
        &format!(
            "{BASE}RUN apt-get update -qq && apt-get install -qq --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists /var/cache/apt/archives\n"
        ),
        "DF407",
    );
    none(
        &format!(
            "{BASE}RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install -y --no-install-recommends curl\n"
        ),
        "DF407",
    );
    none(
        &format!("{BASE}RUN python3 <<EOF\nprint('apt-get install curl')\nEOF\n"),
        "DF407",
    );
    none(
        &format!("{BASE}RUN echo apt-get install curl > notes.txt\n"),
        "DF407",
    );
}

#[test]
fn df408_add_instead_of_copy() {
    let text = format!("{BASE}ADD --chown=node:node . /app\n");
    let d = one(&text, "DF408", 3, 1, Severity::Info);
    assert_eq!(
        fixed(&d, &text),
        format!("{BASE}COPY --chown=node:node . /app\n")
    );
    let text = format!("{BASE}add package.json /app/\n");
    let d = one(&text, "DF408", 3, 1, Severity::Info);
    assert_eq!(fixed(&d, &text), format!("{BASE}copy package.json /app/\n"));
    none(
        &format!("{BASE}ADD https://example.com/tool.bin /usr/local/bin/tool\n"),
        "DF408",
    );
    none(&format!("{BASE}ADD rootfs.tar.gz /\n"), "DF408");
    none(
        &format!("{BASE}ADD --checksum=sha256:abc https://example.com/a /a\n"),
        "DF408",
    );
    none(&format!("{BASE}ADD $SRC /app\n"), "DF408");
}

#[test]
fn df409_multiple_cmd() {
    let text = format!("{BASE}CMD [\"node\", \"migrate.js\"]\nCMD [\"node\", \"server.js\"]\n");
    let d = one(&text, "DF409", 3, 1, Severity::Warning);
    assert!(d.message.contains("line 4"));
    one(
        &format!("{BASE}ENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n"),
        "DF409",
        3,
        1,
        Severity::Warning,
    );
    none(
        "FROM node:20.18-slim AS a\nCMD [\"a\"]\nFROM node:20.18-slim\nUSER node\nCMD [\"b\"]\n",
        "DF409",
    );
    none(
        &format!("{BASE}ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"node\"]\n"),
        "DF409",
    );
}

#[test]
fn df410_unknown_stage_reference() {
    let text = "FROM golang:1.23 AS build\nRUN go build\nFROM alpine:3.20\nUSER 1000\nCOPY --from=buidler /app /app\n";
    let d = one(text, "DF410", 5, 6, Severity::Error);
    assert!(d.message.contains("earlier stages: build"));
    let text = "FROM alpine:3.20 AS a\nCOPY --from=b /x /x\nFROM alpine:3.20 AS b\nUSER 1000\n";
    let d = one(text, "DF410", 2, 6, Severity::Error);
    assert!(d.message.contains("defined later on line 3"));
    one(
        "FROM alpine:3.20 AS a\nFROM alpine:3.20\nUSER 1\nCOPY --from=1 /x /x\n",
        "DF410",
        4,
        6,
        Severity::Error,
    );
    one(
        "FROM alpine:3.20 AS a\nCOPY --from=a /x /x\nUSER 1\n",
        "DF410",
        2,
        6,
        Severity::Error,
    );
    one(
        "FROM later\nUSER 1\nFROM alpine:3.20 AS later\nUSER 1\n",
        "DF410",
        1,
        6,
        Severity::Error,
    );
    one(
        "FROM alpine:3.20\nUSER 1\nRUN --mount=type=bind,from=deps,target=/d ls /d\n",
        "DF410",
        3,
        5,
        Severity::Error,
    );
    none(
        "FROM golang:1.23 AS Build\nFROM alpine:3.20\nUSER 1\nCOPY --from=build /a /a\nCOPY --from=0 /a /a\n",
        "DF410",
    );
    none(
        "FROM alpine:3.20\nUSER 1\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=busybox /bin/busybox /bin/\n",
        "DF410",
    );
    none(
        "FROM alpine:3.20\nUSER 1\nCOPY --from=ghcr.io/org/tool /tool /tool\n",
        "DF410",
    );
}

#[test]
fn df411_duplicate_stage_name() {
    let text = "FROM node:20.18-slim AS build\nFROM node:20.18-slim AS BUILD\nUSER node\n";
    let d = one(text, "DF411", 2, 25, Severity::Error);
    assert!(d.message.contains("line 1"));
    none(
        "FROM node:20.18-slim AS deps\nFROM node:20.18-slim AS build\nUSER node\n",
        "DF411",
    );
}

#[test]
fn df412_relative_workdir() {
    let d = one(
        &format!("{BASE}WORKDIR app\n"),
        "DF412",
        3,
        9,
        Severity::Warning,
    );
    assert!(d.fix.is_none());
    let text = format!("{BASE}WORKDIR /srv\nWORKDIR ./app/\n");
    let d = one(&text, "DF412", 4, 9, Severity::Warning);
    assert_eq!(
        fixed(&d, &text),
        format!("{BASE}WORKDIR /srv\nWORKDIR /srv/app\n")
    );
    none(&format!("{BASE}WORKDIR /app\nWORKDIR $HOME/app\n"), "DF412");
}

#[test]
fn df413_maintainer_deprecated() {
    let text = format!("{BASE}MAINTAINER Jane \"JD\" Doe <jane@example.com>\n");
    let d = one(&text, "DF413", 3, 1, Severity::Info);
    assert_eq!(
        fixed(&d, &text),
        format!("{BASE}LABEL maintainer=\"Jane \\\"JD\\\" Doe <jane@example.com>\"\n")
    );
    none(
        &format!("{BASE}LABEL maintainer=\"jane@example.com\"\n"),
        "DF413",
    );
}

#[test]
fn df414_sudo_in_run() {
    one(
        &format!("{BASE}RUN apt-get update && sudo make install\n"),
        "DF414",
        3,
        23,
        Severity::Warning,
    );
    one(
        &format!("{BASE}RUN DEBIAN_FRONTEND=noninteractive sudo -E ls\n"),
        "DF414",
        3,
        36,
        Severity::Warning,
    );
    none(&format!("{BASE}RUN echo sudo is not used here\n"), "DF414");
}

#[test]
fn df415_cd_in_run() {
    one(
        &format!("{BASE}RUN cd /app && npm ci\n"),
        "DF415",
        3,
        5,
        Severity::Info,
    );
    one(
        &format!("{BASE}RUN npm ci && cd dist && ls\n"),
        "DF415",
        3,
        15,
        Severity::Info,
    );
    none(&format!("{BASE}RUN npm ci; cd dist; ls\n"), "DF415");
    none(&format!("{BASE}RUN make -C src install\n"), "DF415");
}
