//! Splitting instruction arguments into words the way Docker does.

use super::parse::Word;

/// Splits `s` into whitespace-separated words, honouring single and double
/// quotes and the escape character. Ranges are byte ranges of the raw words.
pub(crate) fn split_words(s: &str, escape: char) -> Vec<Word> {
    Words { s, pos: 0, escape }.collect()
}

/// The words of a string, one at a time (see [`split_words`]).
pub(crate) struct Words<'a> {
    pub(crate) s: &'a str,
    pub(crate) pos: usize,
    pub(crate) escape: char,
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let rest = &self.s[self.pos..];
        let skipped = rest.len() - rest.trim_start().len();
        let start = self.pos + skipped;
        let mut value = String::new();
        let mut quote: Option<char> = None;
        let mut chars = self.s[start..]
            .char_indices()
            .map(|(i, c)| (start + i, c))
            .peekable();
        let mut end = self.s.len();
        while let Some((i, c)) = chars.next() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                } else if c == self.escape && q == '"' {
                    match chars.peek() {
                        Some(&(_, n)) if n == '"' || n == self.escape => {
                            value.push(n);
                            chars.next();
                        }
                        _ => value.push(c),
                    }
                } else {
                    value.push(c);
                }
            } else if c.is_whitespace() {
                end = i;
                break;
            } else if c == '\'' || c == '"' {
                quote = Some(c);
            } else if c == self.escape {
                value.push(chars.next().map_or(c, |(_, n)| n));
            } else {
                value.push(c);
            }
        }
        self.pos = end;
        (end > start).then_some(Word {
            value,
            range: start..end,
        })
    }
}
