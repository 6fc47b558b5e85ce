//! Dockerfile lint.
//!
//! [`parse`] reads a Dockerfile the way BuildKit does (parser directives,
//! comments, line continuations, exec form, heredocs, flags) into
//! [`Instruction`]s that keep their byte ranges; [`check`] runs the `DF4xx`
//! rules of the [registry](crate::diagnostic::registry) over it. Neither ever
//! panics, whatever the input.
//!
//! For example, `check("FROM node\nCMD node server.js\n")` reports DF402
//! (the final stage runs as root), DF403 (`node` has no tag) and DF404 (CMD in
//! shell form), the last with a fix that rewrites it to
//! `CMD ["node", "server.js"]`.

mod env;
mod keyword;
mod model;
mod parse;
mod rules;
mod run;
mod shell;
mod syntax;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_clean;
#[cfg(test)]
mod tests_parse;
#[cfg(test)]
mod tests_rules;
mod words;

pub use keyword::Keyword;
pub use model::{ExposedPort, KeyValue, RunAs, Stage, expand, key_values};
pub use parse::{
    Directive, Dockerfile, Flag, Form, Heredoc, Instruction, SyntaxError, Word, parse,
};

use crate::diagnostic::{self, Diagnostic, Fix, LineIndex, Rule, Span};
use crate::secrets::SecretFinding;
use std::ops::Range;

/// Lints a Dockerfile. Diagnostics come back in file order.
pub fn check(text: &str) -> Vec<Diagnostic> {
    check_with(text, &SecretHooks::DEFAULT)
}

/// The secret detector the secret rules call; tests swap in a fake.
#[derive(Clone, Copy)]
pub(crate) struct SecretHooks {
    pub(crate) scan: fn(&str, &str) -> Option<SecretFinding>,
    pub(crate) is_secret_name: fn(&str) -> bool,
    pub(crate) redact: fn(&str) -> String,
    pub(crate) is_placeholder: fn(&str) -> bool,
}

impl SecretHooks {
    const DEFAULT: SecretHooks = SecretHooks {
        scan: crate::secrets::scan,
        is_secret_name: crate::secrets::is_secret_name,
        redact: crate::secrets::redact,
        is_placeholder: crate::secrets::is_placeholder,
    };
}

pub(crate) fn check_with(text: &str, secrets: &SecretHooks) -> Vec<Diagnostic> {
    let lines = LineIndex::new(text);
    let mut cx = Ctx {
        text,
        lines: &lines,
        out: Vec::new(),
    };
    if syntax::binary(&mut cx) {
        return cx.out;
    }
    let df = parse(text);
    let stages = df.stages();
    syntax::check(&mut cx, &df, &stages);
    if !stages.is_empty() {
        rules::check(&mut cx, &df, &stages);
    }
    env::check(&mut cx, &df, secrets);
    run::check(&mut cx, &df);
    diagnostic::finish(&mut cx.out, &lines);
    cx.out
}

/// What the rules share: the text, its line index and the findings so far.
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(crate) lines: &'a LineIndex<'a>,
    pub(crate) out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Records a finding about `inst` (or the whole file) at `range`.
    pub(crate) fn emit(
        &mut self,
        rule: &'static Rule,
        inst: Option<&Instruction>,
        range: Range<usize>,
        message: impl Into<String>,
        suggestion: impl Into<String>,
        fix: Option<Fix>,
    ) {
        let mut d = Diagnostic::new(rule, message, Span::new(range, self.lines))
            .with_suggestion(suggestion);
        if let Some(inst) = inst {
            d = d.with_key_path(key_path(inst));
        }
        if let Some(fix) = fix {
            d = d.with_fix(fix);
        }
        self.out.push(d);
    }

    /// The first line of an instruction (for findings about all of it).
    pub(crate) fn first_line(&self, inst: &Instruction) -> Range<usize> {
        let start = inst.range.start;
        let line_end = self.lines.line_range(self.lines.position(start).0).end;
        start..line_end.clamp(start, inst.range.end.max(start))
    }
}

/// `CMD@14`: the instruction's canonical name and line.
pub(crate) fn key_path(inst: &Instruction) -> String {
    let name = match inst.keyword {
        Keyword::Unknown => excerpt(&inst.name, 40).to_uppercase(),
        k => k.as_str().to_string(),
    };
    format!("{name}@{}", inst.line)
}

/// Shortens `s` to at most `max` characters for quoting in a message.
pub(crate) fn excerpt(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}
