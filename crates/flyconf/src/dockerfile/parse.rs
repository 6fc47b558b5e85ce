//! Reading a Dockerfile the way BuildKit does: parser directives, comments,
//! line continuations (with comment and blank lines inside them), flags,
//! exec (JSON) form and heredocs. Every token keeps its byte range in the
//! original text, so diagnostics can point at it.

use super::keyword::Keyword;
use super::words::{Words, split_words};
use std::ops::Range;

/// A parser directive such as `# syntax=docker/dockerfile:1` or `# escape=\``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Lower-case name: `syntax`, `escape` or `check`.
    pub name: String,
    /// The value, trimmed.
    pub value: String,
    /// Byte range of the whole directive line.
    pub range: Range<usize>,
}

/// A `--name=value` flag before an instruction's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The name without the leading `--`.
    pub name: String,
    /// The value after `=`, unquoted; `None` for a bare `--name`.
    pub value: Option<String>,
    /// Byte range of the whole flag in the source.
    pub range: Range<usize>,
}

/// A whitespace-separated word of an instruction's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word with quotes and escapes removed.
    pub value: String,
    /// Byte range of the raw word, relative to the string that was split.
    pub range: Range<usize>,
}

/// How an instruction's arguments are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// Plain text; for RUN, CMD and ENTRYPOINT it is run by `/bin/sh -c`.
    Shell,
    /// A JSON array of strings: `["node", "server.js"]`.
    Exec(Vec<String>),
    /// Starts with `[` but is not a JSON array of strings; Docker silently
    /// treats it as shell form. Holds the JSON error.
    BrokenExec(String),
}

/// A heredoc attached to RUN, COPY or ADD (`<<EOF … EOF`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word, unquoted.
    pub name: String,
    /// `<<-EOF`: leading tabs are stripped from body lines and the terminator.
    pub strip_tabs: bool,
    /// Whether variables in the body are expanded (the delimiter was not quoted).
    pub expand: bool,
    /// Byte range of the `<<EOF` word.
    pub marker: Range<usize>,
    /// Byte range of the body: from the line after the instruction up to the
    /// terminator line (line endings included, terminator excluded).
    pub body: Range<usize>,
    /// Whether a terminator line was found before the end of the file.
    pub terminated: bool,
}

/// One instruction, with its continuation lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Which instruction this is.
    pub keyword: Keyword,
    /// The keyword as written (`run`, `Run`, `RUN`…).
    pub name: String,
    /// 1-based line of the keyword.
    pub line: usize,
    /// 1-based last line, heredoc terminators included.
    pub end_line: usize,
    /// Byte range from the keyword to the end of the last continuation line
    /// (heredoc bodies excluded).
    pub range: Range<usize>,
    /// Byte range of the keyword.
    pub keyword_range: Range<usize>,
    /// Leading `--flags`.
    pub flags: Vec<Flag>,
    /// The arguments after the flags, continuation lines joined, trimmed.
    pub args: String,
    /// Byte range of the arguments in the source (may span several lines).
    pub args_range: Range<usize>,
    /// Exec or shell form (meaningful for RUN, CMD, ENTRYPOINT, SHELL, COPY, ADD, VOLUME).
    pub form: Form,
    /// Heredocs, in order.
    pub heredocs: Vec<Heredoc>,
    escape: char,
    args_start: usize,
    segments: Vec<Segment>,
}

/// A piece of an instruction's joined text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    logical: usize,
    source: usize,
    len: usize,
}

impl Instruction {
    /// Maps a byte range of [`Instruction::args`] to a byte range of the source.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.map_start(self.args_start + range.start);
        let end = self.map_end(self.args_start + range.end);
        start..end.max(start)
    }

    /// The arguments split into words (quotes and escapes removed); ranges are
    /// relative to [`Instruction::args`].
    pub fn words(&self) -> Vec<Word> {
        split_words(&self.args, self.escape)
    }

    /// The value of flag `--name` (case-insensitive), if present.
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// The Dockerfile escape character in effect (`\` or `` ` ``).
    pub fn escape(&self) -> char {
        self.escape
    }

    fn map_start(&self, logical: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.logical <= logical)
            .saturating_sub(1);
        self.segments.get(i).map_or(self.range.end, |s| {
            s.source + logical.saturating_sub(s.logical).min(s.len)
        })
    }

    fn map_end(&self, logical: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.logical < logical)
            .saturating_sub(1);
        self.segments.get(i).map_or(self.range.end, |s| {
            s.source + logical.saturating_sub(s.logical).min(s.len)
        })
    }
}

/// Something that stops a file from parsing the way its author meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub suggestion: String,
    /// Where.
    pub range: Range<usize>,
    /// Index of the instruction it concerns, if any.
    pub instruction: Option<usize>,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dockerfile {
    /// Parser directives from the top of the file.
    pub directives: Vec<Directive>,
    /// The escape character: `\` unless `# escape=\`` says otherwise.
    pub escape: char,
    /// The instructions, in order.
    pub instructions: Vec<Instruction>,
    /// Problems found while reading (bad directives, unterminated heredocs).
    pub errors: Vec<SyntaxError>,
}

/// One physical line: `start..end` excludes the line ending; `next` is the
/// start of the following line.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

fn line_at(text: &str, start: usize) -> Line {
    let bytes = text.as_bytes();
    let nl = memchr::memchr(b'\n', &bytes[start..]).map(|i| start + i);
    let (mut end, next) = nl.map_or((text.len(), text.len()), |i| (i, i + 1));
    while end > start && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    Line { start, end, next }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r')
}

fn trim_start_at(text: &str, range: Range<usize>) -> usize {
    let bytes = text.as_bytes();
    let mut i = range.start;
    while i < range.end && is_space(bytes[i]) {
        i += 1;
    }
    i
}

/// Where a line continuation character sits, if the line (`start..end`) ends
/// with one: the escape character followed only by spaces or tabs, and not
/// itself escaped.
fn continuation_at(text: &str, start: usize, end: usize, escape: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut e = end;
    while e > start && matches!(bytes[e - 1], b' ' | b'\t') {
        e -= 1;
    }
    if e == start || bytes[e - 1] != escape {
        return None;
    }
    let at = e - 1;
    (at == start || bytes[at - 1] != escape).then_some(at)
}

/// Parses `# name=value` directive syntax.
fn directive_of(line: &str) -> Option<(String, String)> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start();
    let key_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let (key, rest) = rest.split_at(key_len);
    if !key.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let value = rest.trim_start().strip_prefix('=')?.trim();
    (!value.is_empty()).then(|| (key.to_ascii_lowercase(), value.to_string()))
}

/// Parses `text` into instructions. Never fails: problems are collected in
/// [`Dockerfile::errors`] and left for the rules to report.
pub fn parse(text: &str) -> Dockerfile {
    let mut df = Dockerfile {
        directives: Vec::new(),
        escape: '\\',
        instructions: Vec::new(),
        errors: Vec::new(),
    };
    let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut line_no = 1;
    // Parser directives: only at the very top, until the first other line.
    while pos < text.len() {
        let line = line_at(text, pos);
        let Some((name, value)) = directive_of(&text[line.start..line.end]) else {
            break;
        };
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            break;
        }
        let range = line.start..line.end;
        if df.directives.iter().any(|d| d.name == name) {
            df.errors.push(SyntaxError {
                message: format!(
                    "the `{name}` parser directive appears twice; BuildKit refuses the file"
                ),
                suggestion: format!("keep a single `# {name}=…` line at the top of the file"),
                range: range.clone(),
                instruction: None,
            });
        } else if name == "escape" {
            match value.as_str() {
                "`" => df.escape = '`',
                "\\" => df.escape = '\\',
                _ => df.errors.push(SyntaxError {
                    message: format!(
                        "`# escape={value}` is not a valid escape directive: only `\\` and `` ` `` are allowed"
                    ),
                    suggestion: "use `# escape=\\` (the default) or `` # escape=` `` (for Windows paths)".into(),
                    range: range.clone(),
                    instruction: None,
                }),
            }
        }
        df.directives.push(Directive { name, value, range });
        pos = line.next;
        line_no += 1;
    }
    let escape = df.escape as u8;
    while pos < text.len() {
        let line = line_at(text, pos);
        let first = trim_start_at(text, line.start..line.end);
        if first == line.end || text.as_bytes()[first] == b'#' {
            pos = line.next;
            line_no += 1;
            continue;
        }
        let start_line = line_no;
        let mut joined = String::new();
        let mut segments = Vec::new();
        let mut push = |joined: &mut String, from: usize, to: usize| {
            if to > from {
                segments.push(Segment {
                    logical: joined.len(),
                    source: from,
                    len: to - from,
                });
                joined.push_str(&text[from..to]);
            }
        };
        let mut end = line.end;
        let mut cont = continuation_at(text, first, line.end, escape);
        push(&mut joined, first, cont.unwrap_or(line.end));
        pos = line.next;
        line_no += 1;
        while cont.is_some() && pos < text.len() {
            let line = line_at(text, pos);
            pos = line.next;
            line_no += 1;
            let lead = trim_start_at(text, line.start..line.end);
            if lead == line.end || text.as_bytes()[lead] == b'#' {
                continue;
            }
            cont = continuation_at(text, line.start, line.end, escape);
            push(&mut joined, line.start, cont.unwrap_or(line.end));
            end = cont.unwrap_or(line.end);
        }
        let mut inst = build_instruction(
            joined,
            segments,
            first..end.max(first),
            start_line,
            df.escape,
        );
        let index = df.instructions.len();
        if can_have_heredocs(&inst) && inst.args.contains("<<") {
            read_heredocs(
                text,
                (&mut pos, &mut line_no),
                &mut inst,
                index,
                &mut df.errors,
            );
        }
        inst.end_line = line_no.saturating_sub(1).max(start_line);
        df.instructions.push(inst);
    }
    df
}

/// Reads the bodies of `inst`'s heredocs, in order, from the lines at
/// `cursor` (byte offset and line number), which it advances.
fn read_heredocs(
    text: &str,
    cursor: (&mut usize, &mut usize),
    inst: &mut Instruction,
    index: usize,
    errors: &mut Vec<SyntaxError>,
) {
    let (pos, line_no) = cursor;
    for (name, strip_tabs, expand, marker) in heredoc_markers(inst) {
        let body_start = *pos;
        let mut doc = Heredoc {
            name,
            strip_tabs,
            expand,
            marker,
            body: body_start..text.len(),
            terminated: false,
        };
        while *pos < text.len() {
            let line = line_at(text, *pos);
            let mut candidate = &text[line.start..line.end];
            if strip_tabs {
                candidate = candidate.trim_start_matches('\t');
            }
            *pos = line.next;
            *line_no += 1;
            if candidate == doc.name {
                doc.body = body_start..line.start;
                doc.terminated = true;
                break;
            }
        }
        if !doc.terminated {
            errors.push(SyntaxError {
                message: format!(
                    "the heredoc `{}` is never closed: no line consisting of just `{}` follows, so the rest of the file became its body",
                    text.get(doc.marker.clone()).unwrap_or("<<"),
                    doc.name
                ),
                suggestion: format!("add a line containing only `{}` where the heredoc ends", doc.name),
                range: doc.marker.clone(),
                instruction: Some(index),
            });
        }
        inst.heredocs.push(doc);
    }
}

fn build_instruction(
    joined: String,
    segments: Vec<Segment>,
    range: Range<usize>,
    line: usize,
    escape: char,
) -> Instruction {
    let name_len = joined
        .find(|c: char| c.is_whitespace())
        .unwrap_or(joined.len());
    let name = joined[..name_len].to_string();
    let keyword = Keyword::from_name(&name);
    let mut inst = Instruction {
        keyword,
        name,
        line,
        end_line: line,
        range: range.clone(),
        keyword_range: range.clone(),
        flags: Vec::new(),
        args: String::new(),
        args_range: range.end..range.end,
        form: Form::Shell,
        heredocs: Vec::new(),
        escape,
        args_start: joined.len(),
        segments,
    };
    inst.keyword_range = inst.map_start(0)..inst.map_end(name_len);
    // Flags: leading words that start with `--`; a bare `--` ends them.
    let rest_start = name_len;
    let rest = &joined[rest_start..];
    let mut args_start = joined.len();
    let mut flags = Vec::new();
    let mut words = Words {
        s: rest,
        pos: 0,
        escape,
    };
    loop {
        let at = words.pos + (rest[words.pos..].len() - rest[words.pos..].trim_start().len());
        if !rest[at..].starts_with("--") {
            args_start = rest_start + at;
            break;
        }
        let Some(word) = words.next() else { break };
        if &rest[word.range.clone()] == "--" {
            args_start = rest_start + word.range.end;
            break;
        }
        flags.push((word, rest_start));
    }
    let lead = joined[args_start..].len() - joined[args_start..].trim_start().len();
    inst.args_start = args_start + lead;
    let mut args = joined;
    args.truncate(args.trim_end().len().max(inst.args_start));
    args.drain(..inst.args_start);
    inst.args = args;
    inst.flags = flags
        .into_iter()
        .map(|(word, base)| {
            let body = word.value.get(2..).unwrap_or("");
            let (name, value) = match body.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (body.to_string(), None),
            };
            let start = inst.map_start(base + word.range.start);
            let end = inst.map_end(base + word.range.end);
            Flag {
                name,
                value,
                range: start..end.max(start),
            }
        })
        .collect();
    inst.args_range = inst.source_range(0..inst.args.len());
    if matches!(
        keyword,
        Keyword::Run
            | Keyword::Cmd
            | Keyword::Entrypoint
            | Keyword::Shell
            | Keyword::Copy
            | Keyword::Add
            | Keyword::Volume
    ) && inst.args.starts_with('[')
    {
        inst.form = match serde_json::from_str::<Vec<serde_json::Value>>(&inst.args) {
            Ok(items) => {
                let strings: Option<Vec<String>> = items
                    .into_iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect();
                strings.map_or_else(
                    || Form::BrokenExec("every element must be a string".into()),
                    Form::Exec,
                )
            }
            Err(e) => Form::BrokenExec(e.to_string()),
        };
    }
    inst
}

/// RUN, COPY and ADD in shell form take heredocs, also behind ONBUILD.
fn can_have_heredocs(inst: &Instruction) -> bool {
    match inst.keyword {
        Keyword::Run | Keyword::Copy | Keyword::Add => !matches!(inst.form, Form::Exec(_)),
        Keyword::Onbuild => {
            let sub = inst.args.split_whitespace().next().map(Keyword::from_name);
            let rest = inst
                .args
                .split_once(char::is_whitespace)
                .map_or("", |(_, r)| r.trim_start());
            matches!(sub, Some(Keyword::Run | Keyword::Copy | Keyword::Add))
                && !rest.starts_with('[')
        }
        _ => false,
    }
}

/// Heredoc markers in an instruction: `(name, strip_tabs, expand, source range)`.
fn heredoc_markers(inst: &Instruction) -> Vec<(String, bool, bool, Range<usize>)> {
    let mut found = Vec::new();
    for word in split_words(&inst.args, '\\') {
        let raw = &inst.args[word.range.clone()];
        let rest = raw.trim_start_matches(|c: char| c.is_ascii_digit());
        let Some(rest) = rest.strip_prefix("<<") else {
            continue;
        };
        let (strip_tabs, rest) = rest.strip_prefix('-').map_or((false, rest), |r| (true, r));
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let words = split_words(rest, '\\');
        let [name] = words.as_slice() else { continue };
        if name.value.is_empty() {
            continue;
        }
        let expand = !rest.contains(['\'', '"']);
        found.push((
            name.value.clone(),
            strip_tabs,
            expand,
            inst.source_range(word.range),
        ));
    }
    found
}
