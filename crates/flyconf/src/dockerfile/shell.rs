//! Just enough of a POSIX shell lexer to find the simple commands in a RUN
//! script: words (quotes removed), the operators between commands, and
//! redirections (dropped). Command substitutions stay inside their word.

use super::parse::Word;

/// What separates a command from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// The first command of the script.
    Start,
    /// `&&`
    And,
    /// `||`
    Or,
    /// `|`
    Pipe,
    /// `;`, `&`, a newline, or a parenthesis.
    Other,
}

/// A simple command: its words and the operator before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Command {
    pub(crate) sep: Sep,
    pub(crate) words: Vec<Word>,
}

/// Words that start or continue a compound command; the real command follows.
const RESERVED: &[&str] = &[
    "if", "then", "else", "elif", "do", "while", "until", "!", "{", "time",
];

/// Prefixes that run the command that follows them.
const WRAPPERS: &[&str] = &["sudo", "env", "command", "exec", "nohup", "nice", "xargs"];

impl Command {
    /// Index of the word in command position: after `NAME=value`
    /// assignments and reserved words such as `then`.
    pub(crate) fn head(&self) -> Option<usize> {
        self.words
            .iter()
            .position(|w| !is_assignment(&w.value) && !RESERVED.contains(&w.value.as_str()))
    }

    /// Index and base name of the program that actually runs, looking through
    /// `sudo`, `env` and similar wrappers and their options.
    pub(crate) fn program(&self) -> Option<(usize, &str)> {
        let mut i = self.head()?;
        loop {
            let name = basename(&self.words.get(i)?.value);
            if !WRAPPERS.contains(&name) {
                return Some((i, name));
            }
            i += 1;
            while let Some(w) = self.words.get(i) {
                let v = w.value.as_str();
                if name == "sudo"
                    && matches!(
                        v,
                        "-u" | "-g" | "-C" | "-D" | "-h" | "-p" | "-r" | "-t" | "-U"
                    )
                {
                    i += 2;
                } else if v.starts_with('-') || is_assignment(v) {
                    i += 1;
                } else {
                    break;
                }
            }
        }
    }
}

/// `/usr/bin/apt-get` → `apt-get`.
pub(crate) fn basename(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

fn is_assignment(word: &str) -> bool {
    let Some((name, _)) = word.split_once('=') else {
        return false;
    };
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

struct Lexer<'a> {
    s: &'a str,
    commands: Vec<Command>,
    words: Vec<Word>,
    value: String,
    start: Option<usize>,
    sep: Sep,
    skip_next_word: bool,
}

impl Lexer<'_> {
    fn end_word(&mut self, at: usize) {
        if let Some(start) = self.start.take() {
            let value = std::mem::take(&mut self.value);
            if self.skip_next_word {
                self.skip_next_word = false;
            } else {
                self.words.push(Word {
                    value,
                    range: start..at,
                });
            }
        }
    }

    fn end_command(&mut self, at: usize, next: Sep) {
        self.end_word(at);
        self.skip_next_word = false;
        if !self.words.is_empty() {
            let words = std::mem::take(&mut self.words);
            self.commands.push(Command {
                sep: self.sep,
                words,
            });
        }
        self.sep = next;
    }
}

/// Splits a shell script into simple commands.
pub(crate) fn commands(script: &str) -> Vec<Command> {
    let mut lx = Lexer {
        s: script,
        commands: Vec::new(),
        words: Vec::new(),
        value: String::new(),
        start: None,
        sep: Sep::Start,
        skip_next_word: false,
    };
    let bytes = script.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\r' => {
                lx.end_word(i);
                i += 1;
            }
            b'\n' | b';' | b'(' | b')' => {
                lx.end_command(i, Sep::Other);
                i += 1;
            }
            b'&' | b'|' => {
                let double = bytes.get(i + 1) == Some(&b);
                if b == b'&' && bytes.get(i + 1) == Some(&b'>') {
                    lx.end_word(i);
                    i += 2;
                    i = skip_redirect_ops(bytes, i);
                    lx.skip_next_word = true;
                    continue;
                }
                let sep = match (b, double) {
                    (b'&', true) => Sep::And,
                    (b'|', true) => Sep::Or,
                    (b'|', false) => Sep::Pipe,
                    _ => Sep::Other,
                };
                lx.end_command(i, sep);
                i += if double { 2 } else { 1 };
            }
            b'<' | b'>' => {
                if lx
                    .start
                    .is_some_and(|st| bytes[st..i].iter().all(u8::is_ascii_digit))
                {
                    lx.start = None;
                    lx.value.clear();
                }
                lx.end_word(i);
                i = skip_redirect_ops(bytes, i);
                lx.skip_next_word = true;
            }
            b'#' if lx.start.is_none() => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            }
            _ => {
                lx.start.get_or_insert(i);
                i = lex_word_part(&mut lx, i);
            }
        }
    }
    lx.end_command(bytes.len(), Sep::Other);
    lx.commands
}

fn skip_redirect_ops(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b'<' | b'>' | b'&' | b'|' | b'-') {
        i += 1;
    }
    i
}

/// Consumes one character, quoted string or substitution of a word, starting
/// at `i`, and returns the index after it.
fn lex_word_part(lx: &mut Lexer<'_>, i: usize) -> usize {
    let s = lx.s;
    let bytes = s.as_bytes();
    match bytes[i] {
        b'\'' => {
            let end = memchr::memchr(b'\'', &bytes[i + 1..]).map_or(bytes.len(), |n| i + 1 + n);
            lx.value.push_str(&s[i + 1..end]);
            (end + 1).min(bytes.len())
        }
        b'"' => {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                if bytes[j] == b'\\' && j + 1 < bytes.len() {
                    j += 1;
                }
                j += char_len(bytes[j]);
            }
            let end = j.min(bytes.len());
            lx.value.push_str(&s[i + 1..end]);
            (end + 1).min(bytes.len())
        }
        b'\\' => match bytes.get(i + 1) {
            Some(b'\n') => i + 2,
            Some(&n) => {
                let len = char_len(n);
                lx.value.push_str(s.get(i + 1..i + 1 + len).unwrap_or(""));
                i + 1 + len
            }
            None => i + 1,
        },
        b'$' if bytes.get(i + 1) == Some(&b'(') => {
            let end = matching(bytes, i + 1, b'(', b')');
            lx.value.push_str(&s[i..end]);
            end
        }
        b'$' if bytes.get(i + 1) == Some(&b'{') => {
            let end = matching(bytes, i + 1, b'{', b'}');
            lx.value.push_str(&s[i..end]);
            end
        }
        b'`' => {
            let end = memchr::memchr(b'`', &bytes[i + 1..]).map_or(bytes.len(), |n| i + 2 + n);
            lx.value.push_str(&s[i..end]);
            end
        }
        b => {
            // Copy the whole run of ordinary characters at once.
            let mut end = (i + char_len(b)).min(bytes.len());
            while end < bytes.len() && !SPECIAL.contains(&bytes[end]) {
                end += 1;
            }
            lx.value.push_str(s.get(i..end).unwrap_or(""));
            end
        }
    }
}

/// Bytes that end a run of ordinary word characters.
const SPECIAL: &[u8] = b" \t\r\n;()&|<>'\"\\$`";

/// Index just past the bracket that closes the one at `open`.
fn matching(bytes: &[u8], open: usize, left: u8, right: u8) -> usize {
    let mut depth = 0usize;
    let mut j = open;
    while j < bytes.len() {
        if bytes[j] == left {
            depth += 1;
        } else if bytes[j] == right {
            depth -= 1;
            if depth == 0 {
                return j + 1;
            }
        }
        j += char_len(bytes[j]);
    }
    bytes.len()
}

/// Length of the UTF-8 character whose first byte is `b` (1 for anything else).
fn char_len(b: u8) -> usize {
    match b {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}
