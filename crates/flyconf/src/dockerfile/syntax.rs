//! DF401: files Docker cannot use as written.

use super::keyword::KEYWORDS;
use super::model::Stage;
use super::parse::{Dockerfile, Form, Instruction};
use super::{Ctx, Keyword, excerpt};
use crate::diagnostic::Fix;
use crate::diagnostic::registry::DF401;

/// Reports binary content; returns `true` if the text is not worth parsing.
pub(super) fn binary(cx: &mut Ctx<'_>) -> bool {
    let bytes = cx.text.as_bytes();
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c'))
        .count();
    let nul = memchr::memchr(0, bytes);
    if nul.is_none() && (controls < 8 || controls * 20 < sample.len()) {
        return false;
    }
    let at = nul.or_else(|| {
        bytes
            .iter()
            .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c'))
    });
    let at = at.unwrap_or(0);
    let end = (at + 1..=bytes.len())
        .find(|&e| cx.text.is_char_boundary(e))
        .unwrap_or(at);
    cx.emit(
        &DF401,
        None,
        at..end,
        "this is binary data, not a Dockerfile: it contains NUL or other control bytes",
        "check that the path points at the Dockerfile (a text file of instructions such as FROM, RUN and CMD)",
        None,
    );
    true
}

pub(super) fn check(cx: &mut Ctx<'_>, df: &Dockerfile, stages: &[Stage]) {
    for e in &df.errors {
        let inst = e.instruction.and_then(|i| df.instructions.get(i));
        cx.emit(
            &DF401,
            inst,
            e.range.clone(),
            e.message.clone(),
            e.suggestion.clone(),
            None,
        );
    }
    let Some(first) = df.instructions.first() else {
        cx.emit(
            &DF401,
            None,
            0..0,
            "the Dockerfile is empty: it has no instructions, so there is nothing to build",
            "start with a FROM line naming a base image, e.g. `FROM node:20.18-slim`",
            None,
        );
        return;
    };
    if df
        .instructions
        .iter()
        .all(|i| i.keyword == Keyword::Unknown)
    {
        let range = cx.first_line(first);
        cx.emit(
            &DF401,
            None,
            range,
            format!(
                "this does not look like a Dockerfile: no line starts with an instruction (the first line starts with `{}`)",
                excerpt(&first.name, 30)
            ),
            "check that the path points at the Dockerfile; it must start with FROM (or ARG then FROM)",
            None,
        );
        return;
    }
    let first_from = stages.first().map(Stage::from);
    if first_from.is_none() {
        let range = cx.first_line(first);
        cx.emit(
            &DF401,
            None,
            range,
            "there is no FROM instruction, so the build has no base image and Docker rejects the file",
            "add `FROM <image>:<tag>` (e.g. `FROM node:20.18-slim`) before the first instruction other than ARG",
            None,
        );
    }
    for (index, inst) in df.instructions.iter().enumerate() {
        if let Some((message, suggestion, fix)) = problem(df, index, inst, first_from) {
            let range = match inst.keyword {
                Keyword::Unknown => inst.keyword_range.clone(),
                _ if matches!(inst.form, Form::BrokenExec(_)) => inst.args_range.clone(),
                _ => cx.first_line(inst),
            };
            cx.emit(&DF401, Some(inst), range, message, suggestion, fix);
        }
    }
}

/// At most one problem per instruction: (message, suggestion, fix).
fn problem(
    df: &Dockerfile,
    index: usize,
    inst: &Instruction,
    first_from: Option<usize>,
) -> Option<(String, String, Option<Fix>)> {
    let k = inst.keyword;
    let name = k.as_str();
    if k == Keyword::Unknown {
        // Report a run of unknown lines once, at its first line.
        let after_unknown = index
            .checked_sub(1)
            .is_some_and(|i| df.instructions[i].keyword == Keyword::Unknown);
        return (!after_unknown).then(|| unknown(df, index, inst));
    }
    if first_from.is_some_and(|f| index < f) && k != Keyword::Arg {
        return Some((
            format!(
                "{name} comes before the first FROM; only ARG may appear there, so Docker rejects the file"
            ),
            format!("move this {name} below the FROM line of the stage it belongs to"),
            None,
        ));
    }
    let words = match k {
        Keyword::From
        | Keyword::User
        | Keyword::Workdir
        | Keyword::Copy
        | Keyword::Add
        | Keyword::Healthcheck => inst.words(),
        _ => Vec::new(),
    };
    let needs_args = !matches!(k, Keyword::Run | Keyword::Cmd | Keyword::Entrypoint);
    if needs_args && inst.args.is_empty() {
        return Some((
            format!("{name} has no arguments; Docker rejects it"),
            format!("give {name} its arguments, or delete the line"),
            None,
        ));
    }
    match k {
        Keyword::From => {
            if words.len() == 1 || (words.len() == 3 && words[1].value.eq_ignore_ascii_case("as")) {
                return None;
            }
            let shown = excerpt(&inst.args, 60);
            return Some((
                format!("`FROM {shown}` is malformed: FROM takes an image and, optionally, `AS <stage-name>`"),
                "write it as `FROM <image>[:tag] [AS <name>]`, e.g. `FROM node:20.18-slim AS build`".into(),
                None,
            ));
        }
        Keyword::User | Keyword::Workdir if words.len() > 1 => {
            return Some((
                format!(
                    "{name} takes exactly one argument but has {}; Docker rejects it",
                    words.len()
                ),
                format!("give {name} a single value (quote a path that contains spaces)"),
                None,
            ));
        }
        Keyword::Copy | Keyword::Add => {
            let count = match &inst.form {
                Form::Exec(items) => items.len(),
                _ => words.len(),
            };
            if count < 2 {
                return Some((
                    format!(
                        "{name} needs at least a source and a destination, e.g. `{name} package.json ./`"
                    ),
                    format!("add the missing source or destination to this {name}"),
                    None,
                ));
            }
        }
        Keyword::Healthcheck => {
            let first = words.first().map(|w| w.value.to_ascii_uppercase());
            if !matches!(first.as_deref(), Some("CMD" | "NONE")) {
                return Some((
                    "HEALTHCHECK must be followed by `CMD <command>` or `NONE`".into(),
                    "write `HEALTHCHECK CMD curl -fsS http://localhost:8080/health || exit 1`, or configure checks in fly.toml".into(),
                    None,
                ));
            }
        }
        Keyword::Shell if !matches!(inst.form, Form::Exec(_)) => {
            return Some((
                "SHELL must be written in JSON form, e.g. `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`; Docker rejects anything else".into(),
                "rewrite SHELL as a JSON array of strings".into(),
                json_quote_fix(inst),
            ));
        }
        _ => {}
    }
    let Form::BrokenExec(error) = &inst.form else {
        return None;
    };
    let strict = matches!(k, Keyword::Cmd | Keyword::Entrypoint);
    if !strict && !looks_like_json(&inst.args) {
        return None;
    }
    let cause = json_cause(&inst.args, error);
    Some((
        format!(
            "{name} starts like exec form but is not valid JSON ({cause}), so Docker runs the whole text `{}` through `/bin/sh -c` instead",
            excerpt(&inst.args, 60)
        ),
        "write a JSON array of double-quoted strings, e.g. `CMD [\"node\", \"server.js\"]`".into(),
        json_quote_fix(inst),
    ))
}

/// Whether shell-form text is probably a botched JSON array rather than a
/// shell `[ test ]`.
fn looks_like_json(args: &str) -> bool {
    let Some(inner) = args.strip_prefix('[') else {
        return false;
    };
    let inner = inner.trim_start();
    let quote_first = inner.starts_with(['"', '\'', '“', '‘']);
    let quote_comma = ["\",", "',", "”,", "’,", "\" ,", "' ,"]
        .iter()
        .any(|p| args.contains(p));
    args.ends_with(']') && quote_first && quote_comma
}

fn json_cause(args: &str, error: &str) -> String {
    if args.contains(['“', '”', '‘', '’']) {
        "it uses typographic quotes instead of plain `\"`".into()
    } else if args.contains('\'') {
        "JSON strings need double quotes, not single quotes".into()
    } else if args.trim_end_matches(']').trim_end().ends_with(',') {
        "it has a trailing comma".into()
    } else {
        error.to_string()
    }
}

/// Rewrites single or typographic quotes to double quotes when that yields a
/// valid JSON array of strings.
fn json_quote_fix(inst: &Instruction) -> Option<Fix> {
    if !inst.args.starts_with('[') || !inst.args.contains(['\'', '“', '”', '‘', '’']) {
        return None;
    }
    let fixed: String = inst
        .args
        .chars()
        .map(|c| {
            if matches!(c, '\'' | '“' | '”' | '‘' | '’') {
                '"'
            } else {
                c
            }
        })
        .collect();
    let items: Vec<String> = serde_json::from_str(&fixed).ok()?;
    let quoted: Vec<String> = items
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    Some(Fix::replace(
        "rewrite as a JSON array with double quotes",
        inst.args_range.clone(),
        format!("[{}]", quoted.join(", ")),
    ))
}

fn unknown(df: &Dockerfile, index: usize, inst: &Instruction) -> (String, String, Option<Fix>) {
    let word = excerpt(&inst.name, 40);
    let upper = inst.name.to_ascii_uppercase();
    let max_distance = if upper.chars().count() <= 4 { 1 } else { 2 };
    let close = KEYWORDS
        .iter()
        .map(|(k, _)| (edit_distance(k, &upper), *k))
        .filter(|(d, _)| *d <= max_distance)
        .min();
    let previous = df.instructions[..index]
        .last()
        .filter(|p| p.keyword != Keyword::Unknown);
    let dangling = previous.is_some_and(|p| p.args.ends_with(['&', '|', ',', ';']));
    let spaced_heredoc = previous.is_some_and(|p| {
        matches!(p.keyword, Keyword::Run | Keyword::Copy | Keyword::Add)
            && p.heredocs.is_empty()
            && p.args.contains("<< ")
    });
    let suggestion = match (close, previous) {
        _ if spaced_heredoc => "this looks like the body of a heredoc: BuildKit only recognises heredocs written without a space, as `<<EOF`".into(),
        (Some((_, k)), _) if !dangling => format!("did you mean `{k}`?"),
        (_, Some(prev)) => format!(
            "if this line continues the {} on line {}, end the line before it with `{}`",
            prev.keyword.as_str(),
            prev.line,
            df.escape
        ),
        _ => "start the line with a Dockerfile instruction (FROM, RUN, COPY, CMD…) or comment it out with `#`".into(),
    };
    let more = df.instructions[index + 1..]
        .iter()
        .take_while(|i| i.keyword == Keyword::Unknown)
        .count();
    let more = match more {
        0 => String::new(),
        1 => " (the next line is not an instruction either)".into(),
        n => format!(" (nor are the {n} lines after it)"),
    };
    (
        format!("`{word}` is not a Dockerfile instruction{more}; Docker rejects the file"),
        suggestion,
        None,
    )
}

/// Edit distance counting insertions, deletions, substitutions and swaps of
/// adjacent characters (`FORM` → `FROM` is 1). Inputs are truncated to 32 chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(32).collect();
    let b: Vec<char> = b.chars().take(32).collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, cell) in d.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}
