//! Project sources: where the entries a detector looks at come from.
//!
//! A [`Source`] walks a project tree in a fixed order (depth first, names
//! sorted by their bytes) and hands each entry to a [`Visitor`], which may
//! ask for the file's content. Two sources ship: [`MemoryProject`] (a map of
//! paths to bytes, used by the bindings and the zero-allocation tests) and
//! [`FsProject`] (a directory on disk). Both obey the same [`WalkOptions`],
//! so the same tree gives the same result from either.

mod fs;
mod memory;

pub use fs::FsProject;
pub use memory::MemoryProject;

use crate::Error;

/// What an entry is, after following a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// Anything else: a broken link, a socket, a device.
    Other,
}

/// One entry of a project tree, as a [`Visitor`] sees it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// Path relative to the project root, `/`-separated, no leading `./`.
    pub path: &'a str,
    /// Number of path segments (`fly.toml` is 1, `apps/web/fly.toml` is 3).
    pub depth: u32,
    /// What the entry is (after following a symbolic link).
    pub kind: EntryKind,
    /// Whether the entry itself is a symbolic link.
    pub symlink: bool,
    /// Whether the entry, links resolved, stays inside the project root
    /// (always true for entries that are not links).
    pub within_root: bool,
}

impl Entry<'_> {
    /// The last path segment.
    #[must_use]
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }
}

/// Lazy access to a file's bytes.
pub trait Content {
    /// The file's first [`WalkOptions::max_read`] bytes, or `None` when it
    /// cannot be read. Reading twice returns the same bytes without I/O.
    fn read(&mut self) -> Option<&[u8]>;
}

/// Receives the entries of a walk.
pub trait Visitor {
    /// Called once per entry, parents before children.
    fn visit(&mut self, entry: &Entry<'_>, content: &mut dyn Content);
}

/// A project tree that can be walked.
pub trait Source {
    /// Walks the tree, calling `visitor` for every entry that the options
    /// allow, in depth-first order with names sorted by their bytes.
    ///
    /// # Errors
    /// Only when the root itself cannot be read; unreadable entries below
    /// it are counted in [`WalkStats::unreadable`] and skipped.
    fn walk(
        &self,
        options: &WalkOptions,
        scratch: &mut WalkScratch,
        visitor: &mut dyn Visitor,
    ) -> Result<WalkStats, Error>;
}

/// Bounds on a walk.
#[derive(Debug, Clone, PartialEq)]
pub struct WalkOptions {
    /// Directory names never descended into (at any depth).
    pub ignore_dirs: Vec<String>,
    /// The deepest entry visited, in path segments.
    pub max_depth: u32,
    /// The walk stops after this many entries and reports itself truncated.
    pub max_entries: u32,
    /// At most this many bytes are read from any file.
    pub max_read: usize,
    /// When set, dot-directories (`.github`, `.kube`, …) are entered only
    /// if named here: fortium mode's globs never look inside them, so only
    /// the directories its exact paths name are worth listing.
    pub dot_dirs_only: Option<Vec<String>>,
}

/// The directory names the default mode never descends into: version
/// control, dependency caches, virtual environments, build outputs, editor
/// folders, and test-fixture or example trees (a `fly.toml` under
/// `test/fixtures/` or `examples/` describes somebody else's deployment).
pub const DEFAULT_IGNORE_DIRS: &[&str] = &[
    "__fixtures__",
    "__tests__",
    ".bundle",
    ".cache",
    ".dart_tool",
    ".git",
    ".gradle",
    ".hg",
    ".idea",
    ".mypy_cache",
    ".next",
    ".nuxt",
    ".output",
    ".pytest_cache",
    ".svelte-kit",
    ".svn",
    ".terraform",
    ".tox",
    ".turbo",
    ".venv",
    ".vercel_build_output",
    ".vscode",
    ".yarn",
    "__pycache__",
    "bower_components",
    "coverage",
    "dist",
    "examples",
    "fixtures",
    "node_modules",
    "site-packages",
    "target",
    "test",
    "testdata",
    "tests",
    "vendor",
    "venv",
];

/// The directories the upstream detector's globs ignore.
pub const FORTIUM_IGNORE_DIRS: &[&str] = &[".git", "node_modules", "vendor"];

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            ignore_dirs: DEFAULT_IGNORE_DIRS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            max_depth: 8,
            max_entries: 100_000,
            max_read: 256 * 1024,
            dot_dirs_only: None,
        }
    }
}

impl WalkOptions {
    /// Whether a walk should enter the directory `entry`.
    pub(crate) fn descends(&self, entry: &Entry<'_>) -> bool {
        let name = entry.name();
        entry.kind == EntryKind::Dir
            && !entry.symlink
            && entry.depth < self.max_depth
            && !self.ignore_dirs.iter().any(|d| d == name)
            && self
                .dot_dirs_only
                .as_ref()
                .is_none_or(|only| !name.starts_with('.') || only.iter().any(|d| d == name))
    }
}

/// What a walk saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkStats {
    /// Entries handed to the visitor.
    pub entries: u32,
    /// Directories or files that could not be read and were skipped.
    pub unreadable: u32,
    /// Whether the walk stopped at [`WalkOptions::max_entries`].
    pub truncated: bool,
}

/// Buffers a walk reuses from one project to the next.
#[derive(Debug, Default)]
pub struct WalkScratch {
    pub(crate) rel: String,
    pub(crate) names: String,
    pub(crate) listing: Vec<ListItem>,
    pub(crate) buf: Vec<u8>,
    pub(crate) canonical_root: Option<std::path::PathBuf>,
    /// The Linux walk's `getdents64` buffer.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(crate) dirents: Vec<std::mem::MaybeUninit<u8>>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct ListItem {
    pub(crate) start: u32,
    pub(crate) len: u32,
    pub(crate) dir: bool,
    pub(crate) file: bool,
    pub(crate) symlink: bool,
}

/// Orders paths so that a sorted list is a depth-first walk with names
/// sorted by bytes: `/` sorts before every other byte.
pub(crate) fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |c: u8| if c == b'/' { 0 } else { u16::from(c) + 1 };
    a.bytes().map(key).cmp(b.bytes().map(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_order_is_depth_first() {
        let mut v = vec!["a-c", "a/b", "a", "b", "a/b/c", ".env"];
        v.sort_by(|a, b| walk_order(a, b));
        assert_eq!(v, [".env", "a", "a/b", "a/b/c", "a-c", "b"]);
    }
}
