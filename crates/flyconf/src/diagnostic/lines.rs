//! Byte offset → 1-based line and column.

/// Line starts of a text, for turning byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// UTF-16 offset of each line start; empty when the text is ASCII
    /// (UTF-16 offsets then equal byte offsets).
    utf16_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let utf16_starts = if text.is_ascii() {
            Vec::new()
        } else {
            let mut at = 0;
            let mut prev = 0;
            starts
                .iter()
                .map(|&s| {
                    at += text[prev..s].encode_utf16().count();
                    prev = s;
                    at
                })
                .collect()
        };
        LineIndex {
            text,
            starts,
            utf16_starts,
        }
    }

    /// The text this index was built from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// 1-based (line, column) of byte `offset`; the column counts Unicode
    /// scalar values. Offsets past the end, or inside a character, are clamped.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let prefix = self.text.get(start..offset).map_or_else(
            || {
                self.text.as_bytes()[start..offset]
                    .iter()
                    .filter(|b| (**b & 0xC0) != 0x80)
                    .count()
            },
            |s| s.chars().count(),
        );
        (line, prefix + 1)
    }

    /// The UTF-16 code-unit offset of byte `offset` (what JavaScript
    /// strings and editors index by). Offsets past the end, or inside a
    /// character, are clamped to the character's start.
    pub fn utf16_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if self.utf16_starts.is_empty() {
            return offset;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.utf16_starts[line - 1] + self.text[start..end].encode_utf16().count()
    }

    /// Byte range of 1-based `line`, without its line ending.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let mut end = self.starts.get(line).map_or(self.text.len(), |&s| s - 1);
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let idx = LineIndex::new("ab\nçd\r\nx");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(2), (1, 3));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(5), (2, 2));
        assert_eq!(idx.position(100), (3, 2));
        assert_eq!(idx.line_range(2), 3..6);
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let ascii = LineIndex::new("ab\ncd");
        assert_eq!(ascii.utf16_offset(4), 4);
        // ç is 2 bytes and 1 unit; 😀 is 4 bytes and 2 units.
        let idx = LineIndex::new("ç😀\nx");
        assert_eq!(idx.utf16_offset(0), 0);
        assert_eq!(idx.utf16_offset(2), 1);
        assert_eq!(idx.utf16_offset(6), 3);
        assert_eq!(idx.utf16_offset(7), 4);
        assert_eq!(idx.utf16_offset(8), 5);
        assert_eq!(idx.utf16_offset(4), 1, "inside 😀: its start");
        assert_eq!(idx.utf16_offset(99), 5);
    }
}
