//! Where each key of the model came from in the source.

use std::ops::Range;

/// The source byte ranges of one key and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanEntry {
    /// The key as written (for an array element, the element itself).
    pub key: Range<usize>,
    /// The value (for a table, its header).
    pub value: Range<usize>,
}

/// Spans by model key path (`http_service.internal_port`,
/// `services[0].ports[1].port`, `checks.alive.interval`). Legacy forms are
/// recorded under their modern path, pointing at the legacy source.
///
/// Recording happens for every key of every file while lookups happen only
/// when a rule fires, so this is a list in file order (cheap to append)
/// searched linearly; the first entry for a path wins.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    entries: Vec<(String, SpanEntry)>,
}

impl SpanIndex {
    pub(crate) fn insert(&mut self, path: String, entry: SpanEntry) {
        self.entries.push((path, entry));
    }

    /// The entry for exactly `path`.
    pub fn get(&self, path: &str) -> Option<&SpanEntry> {
        self.entries.iter().find(|(p, _)| p == path).map(|(_, e)| e)
    }

    /// The value span of `path`, or of its nearest recorded ancestor, or the
    /// start of the file.
    pub fn value(&self, path: &str) -> Range<usize> {
        self.nearest(path).map_or(0..0, |e| e.value.clone())
    }

    /// The key span of `path`, or of its nearest recorded ancestor.
    pub fn key(&self, path: &str) -> Range<usize> {
        self.nearest(path).map_or(0..0, |e| e.key.clone())
    }

    /// From the key's start to the value's end, when `path` is recorded.
    pub fn whole(&self, path: &str) -> Range<usize> {
        self.nearest(path).map_or(0..0, |e| {
            e.key.start.min(e.value.start)..e.key.end.max(e.value.end)
        })
    }

    /// Whether `path` itself was written in the file.
    pub fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    fn nearest(&self, mut path: &str) -> Option<&SpanEntry> {
        loop {
            if let Some(e) = self.get(path) {
                return Some(e);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}
