//! Evidence: for each fired signal, where it fired (path, line, excerpt),
//! kept in buffers owned by the scratch space so that recording it does not
//! allocate once the buffers have grown to fit.

use super::redact::push_redacted;

/// Longest excerpt kept, in bytes (cut at a character boundary).
const MAX_EXCERPT: usize = 120;
/// How much of a long line to keep before the match.
const LEAD: usize = 40;

/// One piece of evidence, as offsets into [`EvidenceStore::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EvidenceRec {
    pub(crate) signal: u32,
    pub(crate) path: (u32, u32),
    /// 1-based line; 0 when the path alone fired the signal.
    pub(crate) line: u32,
    pub(crate) excerpt: (u32, u32),
}

#[derive(Debug, Default)]
pub(crate) struct EvidenceStore {
    pub(crate) recs: Vec<EvidenceRec>,
    pub(crate) text: String,
    pub(crate) per_signal: Vec<u16>,
    cap: u16,
    /// The current entry's path, once copied into `text`.
    current: Option<(u32, u32)>,
}

impl EvidenceStore {
    pub(crate) fn new(signals: usize, cap: usize) -> Self {
        let cap = u16::try_from(cap).unwrap_or(u16::MAX);
        EvidenceStore {
            recs: Vec::with_capacity(signals.min(512) * usize::from(cap.min(4))),
            text: String::with_capacity(16 * 1024),
            per_signal: vec![0; signals],
            cap,
            current: None,
        }
    }

    pub(crate) fn reset(&mut self) {
        self.recs.clear();
        self.text.clear();
        self.per_signal.fill(0);
        self.current = None;
    }

    /// Called when the walk moves to a new entry.
    pub(crate) fn next_entry(&mut self) {
        self.current = None;
    }

    pub(crate) fn is_full(&self, signal: u32) -> bool {
        self.per_signal[signal as usize] >= self.cap
    }

    fn path(&mut self, path: &str) -> (u32, u32) {
        if let Some(p) = self.current {
            return p;
        }
        let p = span_of(&mut self.text, |t| t.push_str(path));
        self.current = Some(p);
        p
    }

    /// Records that `path` itself fired `signal`.
    pub(crate) fn add_path(&mut self, signal: u32, path: &str) {
        if self.is_full(signal) {
            return;
        }
        let p = self.path(path);
        self.recs.push(EvidenceRec {
            signal,
            path: p,
            line: 0,
            excerpt: (p.1, p.1),
        });
        self.per_signal[signal as usize] += 1;
    }

    /// Records that the match at byte `at` of `haystack` (the content of
    /// `path`) fired `signal`.
    pub(crate) fn add_match(&mut self, signal: u32, path: &str, haystack: &[u8], at: usize) {
        if self.is_full(signal) {
            return;
        }
        let p = self.path(path);
        let start = memchr::memrchr(b'\n', &haystack[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &haystack[at..]).map_or(haystack.len(), |i| at + i);
        let line = 1 + memchr::memchr_iter(b'\n', &haystack[..start]).count();
        let excerpt = span_of(&mut self.text, |t| {
            push_excerpt(t, &haystack[start..end], at - start)
        });
        self.recs.push(EvidenceRec {
            signal,
            path: p,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            excerpt,
        });
        self.per_signal[signal as usize] += 1;
    }

    pub(crate) fn str(&self, span: (u32, u32)) -> &str {
        self.text
            .get(span.0 as usize..span.1 as usize)
            .unwrap_or("")
    }
}

fn span_of(text: &mut String, write: impl FnOnce(&mut String)) -> (u32, u32) {
    let start = u32::try_from(text.len()).unwrap_or(u32::MAX);
    write(text);
    (start, u32::try_from(text.len()).unwrap_or(u32::MAX))
}

/// Writes the trimmed line, windowed around the match when it is long,
/// with invalid UTF-8 replaced and secrets redacted.
fn push_excerpt(out: &mut String, line: &[u8], match_at: usize) {
    let trimmed_start = line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line.len());
    let trimmed_end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(trimmed_start, |i| i + 1);
    let mut lo = trimmed_start;
    let mut hi = trimmed_end;
    if hi - lo > MAX_EXCERPT {
        lo = match_at.saturating_sub(LEAD).max(trimmed_start);
        hi = (lo + MAX_EXCERPT).min(trimmed_end);
        // Never cut inside a UTF-8 sequence.
        while lo > trimmed_start && is_continuation(line[lo]) {
            lo -= 1;
        }
        while hi < trimmed_end && is_continuation(line[hi]) {
            hi -= 1;
        }
    }
    if lo > trimmed_start {
        out.push('…');
    }
    for chunk in line[lo..hi].utf8_chunks() {
        push_redacted(out, chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
        }
    }
    if hi < trimmed_end {
        out.push('…');
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0b1100_0000 == 0b1000_0000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_trimmed_windowed_and_redacted() {
        let mut s = EvidenceStore::new(2, 2);
        let hay = b"a\n  run: flyctl deploy  \nFLY_API_TOKEN=fm2_secretsecretsecret\n";
        s.next_entry();
        s.add_match(0, "ci.yml", hay, 9);
        s.add_match(1, "ci.yml", hay, 30);
        assert_eq!(s.recs.len(), 2);
        assert_eq!(s.recs[0].line, 2);
        assert_eq!(s.str(s.recs[0].excerpt), "run: flyctl deploy");
        assert_eq!(s.str(s.recs[1].excerpt), "FLY_API_TOKEN=<redacted>");
        assert_eq!(
            s.recs[0].path, s.recs[1].path,
            "one copy of the path per entry"
        );

        let long = format!("{}needle{}", "x".repeat(300), "é".repeat(100));
        s.next_entry();
        s.add_match(0, "big.json", long.as_bytes(), 300);
        let e = s.str(s.recs[2].excerpt);
        assert!(
            e.starts_with('…') && e.ends_with('…') && e.contains("needle"),
            "{e}"
        );
        s.add_match(0, "big.json", long.as_bytes(), 300);
        assert_eq!(s.recs.len(), 3, "capped per signal");
    }
}
