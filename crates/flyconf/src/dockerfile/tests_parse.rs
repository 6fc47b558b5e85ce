//! The parser: continuations, directives, heredocs, flags, exec form, CRLF.
#![allow(clippy::unwrap_used)]

use super::{Form, Keyword, RunAs, expand, key_values, parse};

#[test]
fn continuations_skip_comment_and_blank_lines() {
    let text = "FROM alpine:3.20\nRUN apk add \\\n    # a comment inside\n\n    curl \\\n    git\nCMD [\"sh\"]\n";
    let df = parse(text);
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(kinds, [Keyword::From, Keyword::Run, Keyword::Cmd]);
    let run = &df.instructions[1];
    assert_eq!(run.args, "apk add     curl     git");
    assert_eq!((run.line, run.end_line), (2, 6));
    // Ranges of words map back to the source across lines.
    let words = run.words();
    assert_eq!(&text[run.source_range(words[2].range.clone())], "curl");
    assert_eq!(&text[run.source_range(words[3].range.clone())], "git");
    assert_eq!(df.instructions[2].line, 7);
}

#[test]
fn crlf_bom_and_case_insensitive_names() {
    let text = "\u{feff}from alpine:3.20 as Base\r\nRun echo a \\\r\n  b\r\nWorkDir /app\r\n";
    let df = parse(text);
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(kinds, [Keyword::From, Keyword::Run, Keyword::Workdir]);
    assert_eq!(df.instructions[1].args, "echo a   b");
    assert_eq!(df.instructions[2].args, "/app");
    let stages = df.stages();
    assert_eq!(stages[0].name.as_deref(), Some("Base"));
    assert_eq!(&text[stages[0].image_range.clone()], "alpine:3.20");
}

#[test]
fn escape_directive_switches_to_backtick() {
    let text = "# escape=`\n# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    C:\\Windows\n";
    let df = parse(text);
    assert_eq!(df.escape, '`');
    assert_eq!(df.directives.len(), 2);
    assert_eq!(df.instructions.len(), 2);
    assert_eq!(df.instructions[1].args, "dir     C:\\Windows");
    // A directive after the first instruction is just a comment.
    let df = parse("FROM alpine:3.20\n# escape=`\nRUN a \\\n b\n");
    assert_eq!((df.escape, df.directives.len()), ('\\', 0));
    assert_eq!(df.instructions[1].args, "a  b");
}

#[test]
fn heredoc_bodies_are_not_instructions() {
    let text = "FROM alpine:3.20\nRUN <<EOF\nFROM nothing\nCMD nonsense\nEOF\nCOPY <<-CONF <<\"B\" /etc/\n\tlisten 80;\n\tCONF\nraw $x\nB\nUSER 1\n";
    let df = parse(text);
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(
        kinds,
        [Keyword::From, Keyword::Run, Keyword::Copy, Keyword::User]
    );
    let run = &df.instructions[1];
    assert_eq!(run.heredocs.len(), 1);
    assert_eq!(
        &text[run.heredocs[0].body.clone()],
        "FROM nothing\nCMD nonsense\n"
    );
    assert_eq!((run.line, run.end_line), (2, 5));
    let copy = &df.instructions[2];
    let names: Vec<_> = copy
        .heredocs
        .iter()
        .map(|h| (h.name.as_str(), h.strip_tabs, h.expand))
        .collect();
    assert_eq!(names, [("CONF", true, true), ("B", false, false)]);
    assert_eq!(&text[copy.heredocs[1].body.clone()], "raw $x\n");
    assert!(df.errors.is_empty());
    assert_eq!(df.instructions[3].line, 11);
}

#[test]
fn heredocs_need_shell_form_and_no_space() {
    // Exec form has no heredocs; `<< EOF` (with a space) and `<<<` are not heredocs.
    let df = parse("FROM a:1\nRUN [\"cat\", \"<<EOF\"]\nRUN cat <<< hi\nRUN cat << EOF\n");
    assert!(df.instructions.iter().all(|i| i.heredocs.is_empty()));
    let df = parse("FROM a:1\nRUN <<EOF\necho\n");
    assert_eq!(df.errors.len(), 1);
    assert!(!df.instructions[1].heredocs[0].terminated);
}

#[test]
fn flags_and_exec_form() {
    let text = "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nCOPY --from=build --chown=1000:1000 --link /a /b\nCMD [\"node\", \"a b.js\"]\nENTRYPOINT ['x']\nRUN -- --not-a-flag\n";
    let df = parse(text);
    let from = &df.instructions[0];
    assert_eq!(
        from.flag("platform").and_then(|f| f.value.as_deref()),
        Some("$BUILDPLATFORM")
    );
    assert_eq!(from.args, "golang:1.23 AS build");
    let copy = &df.instructions[1];
    let flags: Vec<_> = copy
        .flags
        .iter()
        .map(|f| (f.name.as_str(), f.value.as_deref()))
        .collect();
    assert_eq!(
        flags,
        [
            ("from", Some("build")),
            ("chown", Some("1000:1000")),
            ("link", None)
        ]
    );
    assert_eq!(&text[copy.flags[1].range.clone()], "--chown=1000:1000");
    assert_eq!(copy.args, "/a /b");
    assert_eq!(
        df.instructions[2].form,
        Form::Exec(vec!["node".into(), "a b.js".into()])
    );
    assert!(matches!(df.instructions[3].form, Form::BrokenExec(_)));
    assert_eq!(df.instructions[4].args, "--not-a-flag");
}

#[test]
fn env_and_arg_pairs() {
    let df = parse("ENV A=1 B=\"two words\" C='x'\nENV LEGACY some value\nARG NAME\n");
    let pairs: Vec<_> = df
        .instructions
        .iter()
        .flat_map(key_values)
        .map(|kv| (kv.key, kv.value))
        .collect();
    assert_eq!(
        pairs,
        [
            ("A".into(), Some("1".into())),
            ("B".into(), Some("two words".into())),
            ("C".into(), Some("x".into())),
            ("LEGACY".into(), Some("some value".into())),
            ("NAME".into(), None),
        ]
    );
}

#[test]
fn build_argument_expansion() {
    let vars = |name: &str| match name {
        "V" => Some("20"),
        "EMPTY" => Some(""),
        _ => None,
    };
    assert_eq!(
        expand("node:${V}-slim", &vars).as_deref(),
        Some("node:20-slim")
    );
    assert_eq!(expand("node:$V", &vars).as_deref(), Some("node:20"));
    assert_eq!(expand("node:${X:-18}", &vars).as_deref(), Some("node:18"));
    assert_eq!(
        expand("node:${EMPTY:-18}", &vars).as_deref(),
        Some("node:18")
    );
    assert_eq!(expand("a${V:+-x}", &vars).as_deref(), Some("a-x"));
    assert_eq!(expand("node:${X}", &vars), None);
    assert_eq!(expand("node:$X", &vars), None);
    assert_eq!(
        expand("price \\$5 and $", &vars).as_deref(),
        Some("price $5 and $")
    );
    assert_eq!(expand("${V", &vars), None);
}

#[test]
fn stages_user_and_ports() {
    let text = "ARG BASE=node:20\nFROM ${BASE} AS base\nUSER node\nEXPOSE 3000/tcp 5000-5002/udp $PORT\nFROM base\nEXPOSE 8080\n";
    let df = parse(text);
    let stages = df.stages();
    assert_eq!(stages.len(), 2);
    assert_eq!(
        df.resolved_image(&stages[0], &df.global_args()).as_deref(),
        Some("node:20")
    );
    assert_eq!(
        df.parent_stage(&stages, &stages[1], &df.global_args()),
        Some(0)
    );
    assert!(matches!(df.final_user(), Some(RunAs::User { ref user, .. }) if user == "node"));
    let ports: Vec<_> = df
        .exposed_ports()
        .into_iter()
        .map(|p| (p.port, p.end, p.protocol))
        .collect();
    assert_eq!(
        ports,
        [
            (3000, 3000, "tcp".into()),
            (5000, 5002, "udp".into()),
            (8080, 8080, "tcp".into())
        ]
    );
    let df = parse("FROM alpine:3.20\nRUN true\n");
    assert_eq!(
        df.final_user(),
        Some(RunAs::BaseImage {
            image: "alpine:3.20".into()
        })
    );
}

#[test]
fn onbuild_heredocs_and_duplicate_directives() {
    let df = parse(
        "# syntax=docker/dockerfile:1\n# syntax=docker/dockerfile:1.7\nFROM a:1\nONBUILD RUN <<EOF\nUSER nobody\nEOF\nCMD [\"x\"]\n",
    );
    assert_eq!(df.errors.len(), 1, "{:?}", df.errors);
    assert!(df.errors[0].message.contains("appears twice"));
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(kinds, [Keyword::From, Keyword::Onbuild, Keyword::Cmd]);
}
