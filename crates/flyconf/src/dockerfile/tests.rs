//! Rules DF401–DF404 (one triggering and one passing case each), shared
//! helpers, and the fuzz properties.
#![allow(clippy::unwrap_used)]

use super::check;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use proptest::prelude::*;

pub(super) const BASE: &str = "FROM node:20.18-slim\nUSER node\n";

/// Diagnostics with `code`.
pub(super) fn with_code(text: &str, code: &str) -> Vec<Diagnostic> {
    check(text).into_iter().filter(|d| d.code == code).collect()
}

/// The single diagnostic with `code`, checked for position and severity.
pub(super) fn one(
    text: &str,
    code: &str,
    line: usize,
    column: usize,
    severity: Severity,
) -> Diagnostic {
    let found = with_code(text, code);
    assert_eq!(
        found.len(),
        1,
        "expected one {code} in {text:?}, got {found:#?}"
    );
    let d = found.into_iter().next().unwrap();
    assert_eq!(
        (d.span.line, d.span.column),
        (line, column),
        "{code} position in {text:?}: {d:#?}"
    );
    assert_eq!(d.severity, severity);
    assert!(
        d.suggestion.as_deref().is_some_and(|s| !s.is_empty()),
        "{code} has no suggestion"
    );
    d
}

pub(super) fn none(text: &str, code: &str) {
    let found = with_code(text, code);
    assert!(
        found.is_empty(),
        "unexpected {code} in {text:?}: {found:#?}"
    );
}

/// Applies a fix's edits (back to front).
pub(super) fn apply(text: &str, fix: &Fix) -> String {
    let mut out = text.to_string();
    for edit in fix.edits.iter().rev() {
        out.replace_range(edit.start..edit.end, &edit.replacement);
    }
    out
}

pub(super) fn fixed(d: &Diagnostic, text: &str) -> String {
    apply(text, d.fix.as_ref().unwrap())
}

#[test]
fn df401_syntax() {
    let d = one("", "DF401", 1, 1, Severity::Error);
    assert_eq!(d.key_path, None);
    one("# just a comment\n\n", "DF401", 1, 1, Severity::Error);
    one("RUN echo hi\n", "DF401", 1, 1, Severity::Error);
    let d = one(
        "FROM alpine:3.20\nFORM alpine\n",
        "DF401",
        2,
        1,
        Severity::Error,
    );
    assert!(d.suggestion.unwrap().contains("`FROM`"));
    assert_eq!(d.key_path.as_deref(), Some("FORM@2"));
    let d = one(
        "FROM alpine:3.20\nRUN apk add curl &&\n    apk add git\n",
        "DF401",
        3,
        5,
        Severity::Error,
    );
    assert!(
        d.suggestion
            .unwrap()
            .contains("end the line before it with `\\`")
    );
    one(
        "LABEL a=b\nFROM alpine:3.20\n",
        "DF401",
        1,
        1,
        Severity::Error,
    );
    one("FROM alpine:3.20 AS\n", "DF401", 1, 1, Severity::Error);
    one(
        "FROM alpine:3.20\nRUN <<EOF\necho hi\n",
        "DF401",
        2,
        5,
        Severity::Error,
    );
    one(
        "FROM alpine:3.20\nUSER app extra\n",
        "DF401",
        2,
        1,
        Severity::Error,
    );
    one(
        "FROM alpine:3.20\nCOPY app\n",
        "DF401",
        2,
        1,
        Severity::Error,
    );
    one(
        "FROM alpine:3.20\nSHELL /bin/bash -c\n",
        "DF401",
        2,
        1,
        Severity::Error,
    );
    one(
        "# escape=x\nFROM alpine:3.20\n",
        "DF401",
        1,
        1,
        Severity::Error,
    );
    let d = one("FROM alpine\0\u{1}junk", "DF401", 1, 12, Severity::Error);
    assert_eq!(
        check("FROM alpine\0\u{1}junk").len(),
        1,
        "binary input gives a single finding: {d:?}"
    );
    let text = "FROM alpine:3.20\nUSER nobody\nCMD ['node', 'a.js']\n";
    let d = one(text, "DF401", 3, 5, Severity::Error);
    assert!(d.message.contains("double quotes"));
    assert_eq!(
        fixed(&d, text),
        "FROM alpine:3.20\nUSER nobody\nCMD [\"node\", \"a.js\"]\n"
    );
    let text = "FROM alpine:3.20\nUSER nobody\nENTRYPOINT [\"node\", \"a.js\",]\n";
    let d = one(text, "DF401", 3, 12, Severity::Error);
    assert!(d.message.contains("trailing comma") && d.fix.is_none());
    // A shell test is not a broken JSON array.
    none(
        "FROM alpine:3.20\nRUN [ -f /etc/os-release ] && echo ok\n",
        "DF401",
    );
    none(
        "FROM alpine:3.20\nRUN [ \"$A\" = \"b\" ] || true\n",
        "DF401",
    );
    one(
        "FROM alpine:3.20\nRUN [\"echo\", 'hi']\n",
        "DF401",
        2,
        5,
        Severity::Error,
    );
}

#[test]
fn df401_passes_valid_files() {
    none(
        "# syntax=docker/dockerfile:1\nARG V=1\nfrom alpine:3.20\nrun echo $V\n",
        "DF401",
    );
    none(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    C:\\\n",
        "DF401",
    );
    none(
        "FROM alpine:3.20\nRUN <<EOF\nFROM not-an-instruction\nEOF\n",
        "DF401",
    );
    none("FROM alpine:3.20\nCMD []\nHEALTHCHECK NONE\n", "DF401");
}

#[test]
fn df402_root_user() {
    let text = "FROM node:20.18-slim AS runtime\nCMD [\"node\", \"a.js\"]\n";
    let d = one(text, "DF402", 1, 1, Severity::Warning);
    assert_eq!(d.key_path.as_deref(), Some("FROM@1"));
    assert!(d.message.contains("`FROM node:20.18-slim AS runtime`"));
    assert!(d.suggestion.unwrap().contains("USER node"));
    assert!(d.fix.is_none());
    let text =
        "FROM python:3.12-slim\nRUN useradd app\nUSER app\nUSER root:root\nCMD [\"python\"]\n";
    let d = one(text, "DF402", 4, 6, Severity::Warning);
    assert_eq!(d.key_path.as_deref(), Some("USER@4"));
    one(
        "FROM alpine:3.20\nUSER 0\n",
        "DF402",
        2,
        6,
        Severity::Warning,
    );
    // Only the final stage counts, and it inherits USER from a stage it builds on.
    none(
        "FROM node:20.18-slim AS build\nRUN npm ci\nFROM node:20.18-slim\nUSER node\n",
        "DF402",
    );
    none(
        "FROM node:20.18-slim AS base\nUSER node\nFROM base AS runtime\nCMD [\"node\"]\n",
        "DF402",
    );
    none(
        "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
        "DF402",
    );
    none("FROM alpine:3.20\nUSER $APP_USER\n", "DF402");
    none(
        "FROM cgr.dev/chainguard/static:latest\nCOPY app /app\n",
        "DF402",
    );
    let d = one(
        "FROM golang:1.23 AS b\nFROM scratch\nCOPY --from=b /app /app\n",
        "DF402",
        2,
        1,
        Severity::Warning,
    );
    assert!(d.suggestion.unwrap().contains("USER 65534"));
    none(
        "FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER 1000:1000\n",
        "DF402",
    );
}

#[test]
fn df403_unpinned_base_image() {
    let d = one("FROM node\nUSER node\n", "DF403", 1, 6, Severity::Warning);
    assert!(d.message.contains("no tag"));
    let d = one(
        "FROM --platform=linux/amd64 ruby:latest AS x\nUSER 1000\n",
        "DF403",
        1,
        29,
        Severity::Warning,
    );
    assert!(d.message.contains(":latest"));
    let d = one(
        "ARG BASE=node\nFROM ${BASE}\nUSER node\n",
        "DF403",
        2,
        6,
        Severity::Warning,
    );
    assert!(d.message.contains("`node` after build-argument defaults"));
    none(
        "ARG NODE_VERSION=20.11.1\nFROM node:${NODE_VERSION}-slim\nUSER node\n",
        "DF403",
    );
    none("ARG V\nFROM node:${V}\nUSER node\n", "DF403");
    none("ARG V\nFROM node:${V:-20}-slim\nUSER node\n", "DF403");
    none("FROM scratch\nUSER 65534\n", "DF403");
    none("FROM node@sha256:abcdef\nUSER node\n", "DF403");
    none("FROM node:latest@sha256:abcdef\nUSER node\n", "DF403");
    none(
        "FROM golang:1.23 AS build\nFROM build\nUSER 1000\n",
        "DF403",
    );
    none("FROM localhost:5000/app:1.2\nUSER 1000\n", "DF403");
}

#[test]
fn df404_shell_form_command() {
    let text = format!("{BASE}CMD node server.js\n");
    let d = one(&text, "DF404", 3, 5, Severity::Warning);
    assert_eq!(d.key_path.as_deref(), Some("CMD@3"));
    assert!(d.message.contains("kill_signal"));
    assert_eq!(
        fixed(&d, &text),
        format!("{BASE}CMD [\"node\", \"server.js\"]\n")
    );
    let text = format!("{BASE}CMD echo \"hello world\" --port=8080\n");
    let d = one(&text, "DF404", 3, 5, Severity::Warning);
    assert_eq!(
        fixed(&d, &text),
        format!("{BASE}CMD [\"echo\", \"hello world\", \"--port=8080\"]\n")
    );
    let text = format!("{BASE}ENTRYPOINT bin/server \\\n    --verbose\n");
    let d = one(&text, "DF404", 3, 12, Severity::Warning);
    assert_eq!(
        fixed(&d, &text),
        format!("{BASE}ENTRYPOINT [\"bin/server\", \"--verbose\"]\n")
    );
    // Shell syntax, or a CMD/ENTRYPOINT pair whose combination would change: no fix.
    let d = one(
        &format!("{BASE}CMD npm run migrate && npm start\n"),
        "DF404",
        3,
        5,
        Severity::Warning,
    );
    assert!(d.fix.is_none() && d.suggestion.unwrap().contains("exec"));
    let d = one(
        &format!("{BASE}CMD node $APP\n"),
        "DF404",
        3,
        5,
        Severity::Warning,
    );
    assert!(d.fix.is_none());
    let d = one(
        &format!("{BASE}ENTRYPOINT node server.js\nCMD [\"--port\", \"80\"]\n"),
        "DF404",
        3,
        12,
        Severity::Warning,
    );
    assert!(d.fix.is_none());
    let d = one(
        &format!("{BASE}CMD cd /app\n"),
        "DF404",
        3,
        5,
        Severity::Warning,
    );
    assert!(d.fix.is_none());
    none(&format!("{BASE}CMD [\"node\", \"server.js\"]\n"), "DF404");
    none(&format!("{BASE}CMD exec node server.js\n"), "DF404");
    none(
        &format!("{BASE}CMD bin/migrate && exec bin/server\n"),
        "DF404",
    );
}

#[test]
fn diagnostics_are_sorted_and_keyed() {
    let text = "FROM node\nCMD node server.js\n";
    let all = check(text);
    let codes: Vec<_> = all.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["DF402", "DF403", "DF404"]);
    assert!(
        all.iter()
            .all(|d| d.key_path.is_some() && d.suggestion.is_some() && d.rule().is_some())
    );
}

/// Fragments that make up Dockerfile-like fuzz input.
const PIECES: &[&str] = &[
    "EXPOSE ",
    "ENTRYPOINT ",
    "ONBUILD ",
    "SHELL ",
    "HEALTHCHECK ",
    ":latest",
    "@sha256:",
    "--mount=type=cache,target=/var/lib/apt ",
    "rm -rf /var/lib/apt/lists ",
    "|",
    ";",
    "-y ",
    "0",
    "FROM ",
    "node:20",
    " AS b",
    "RUN ",
    "CMD ",
    "COPY ",
    "--from=b ",
    "<<EOF",
    "<<-E",
    "EOF",
    "\tE",
    "\n",
    "\r\n",
    "\\",
    "\\\n",
    "`",
    "# escape=`\n",
    "[\"a\", ",
    "'x'",
    "\"",
    "$",
    "${A:-",
    "}",
    " && ",
    "cd ",
    "sudo ",
    "apt-get install ",
    "ENV ",
    "ARG ",
    "A=",
    "é",
    "🦀",
    "\u{feff}",
    "USER ",
    "WORKDIR ",
    "ADD ",
    "MAINTAINER ",
    "#",
    " ",
    "=",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn check_never_panics_on_arbitrary_text(text in any::<String>()) {
        assert_spans_valid(&text);
    }

    #[test]
    fn check_never_panics_on_dockerfile_like_text(parts in prop::collection::vec(prop::sample::select(PIECES), 0..60)) {
        let text: String = parts.concat();
        assert_spans_valid(&text);
    }
}

fn assert_spans_valid(text: &str) {
    let lines = crate::diagnostic::LineIndex::new(text);
    for d in check(text) {
        let s = d.span;
        assert!(s.start <= s.end && s.end <= text.len(), "{d:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{d:?}"
        );
        assert_eq!((s.line, s.column), lines.position(s.start));
        assert!(d.suggestion.is_some());
        if let Some(fix) = &d.fix {
            let mut last = 0;
            for e in &fix.edits {
                assert!(
                    last <= e.start && e.start <= e.end && e.end <= text.len(),
                    "{d:?}"
                );
                assert!(
                    text.is_char_boundary(e.start) && text.is_char_boundary(e.end),
                    "{d:?}"
                );
                last = e.end;
            }
            // The fixed text must still lint without panicking.
            let _ = check(&apply(text, fix));
        }
    }
}

#[test]
fn df401_collapses_runs_of_unknown_lines() {
    // `<< 'EOT'` with a space is not a heredoc for BuildKit: its body becomes instructions.
    let text = "FROM alpine:3.20\nUSER 1\nRUN cat > /x << 'EOT'\nhello world\nsecond line\nEOT\n";
    let d = one(text, "DF401", 4, 1, Severity::Error);
    assert!(
        d.message.contains("nor are the 2 lines after it"),
        "{}",
        d.message
    );
    assert!(d.suggestion.unwrap().contains("without a space"));
}

#[test]
fn run_rules_skip_non_posix_shells() {
    let text = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\nSHELL [\"powershell\", \"-Command\"]\nRUN cd C:\\; sudo apt-get install x\n";
    for code in ["DF407", "DF414", "DF415"] {
        none(text, code);
    }
}
