//! An in-memory project: a map of relative paths to bytes.

use super::{
    Content, Entry, EntryKind, Source, Visitor, WalkOptions, WalkScratch, WalkStats, walk_order,
};
use crate::Error;

/// A project held in memory, as a host sends it (`{path: content}`) or a
/// test builds it. Directories are implied by file paths and may also be
/// added explicitly (an empty `k8s/` directory, say).
///
/// ```
/// use detect_core::MemoryProject;
/// let project = MemoryProject::from_files([
///     ("fly.toml", "app = \"demo\"\n"),
///     ("apps/api/package.json", "{}"),
/// ])?;
/// assert_eq!(project.len(), 4); // fly.toml, apps/, apps/api/, apps/api/package.json
/// # Ok::<(), detect_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryProject {
    /// Entries in walk order.
    entries: Vec<MemEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct MemEntry {
    path: String,
    depth: u32,
    content: Option<Vec<u8>>,
}

impl MemEntry {
    fn new(path: String, content: Option<Vec<u8>>) -> Self {
        let depth = u32::try_from(path.split('/').count()).unwrap_or(u32::MAX);
        MemEntry {
            path,
            depth,
            content,
        }
    }
}

impl MemoryProject {
    /// An empty project.
    #[must_use]
    pub fn new() -> Self {
        MemoryProject::default()
    }

    /// Builds a project from `(path, content)` pairs. A later duplicate
    /// path replaces an earlier one.
    ///
    /// # Errors
    /// [`Error::InvalidFilePath`] for an empty or absolute path, a `..`
    /// segment, a NUL byte, or a path that is both a file and a directory.
    pub fn from_files<I, P, C>(files: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = (P, C)>,
        P: AsRef<str>,
        C: Into<Vec<u8>>,
    {
        let mut by_path: std::collections::BTreeMap<String, Vec<u8>> =
            std::collections::BTreeMap::new();
        for (path, content) in files {
            by_path.insert(normalize(path.as_ref())?, content.into());
        }
        let mut project = MemoryProject {
            entries: by_path
                .into_iter()
                .map(|(path, content)| MemEntry::new(path, Some(content)))
                .collect(),
        };
        project.rebuild()?;
        Ok(project)
    }

    /// Adds (or replaces) a file.
    ///
    /// # Errors
    /// As [`MemoryProject::from_files`].
    pub fn add_file(&mut self, path: &str, content: impl Into<Vec<u8>>) -> Result<(), Error> {
        let path = normalize(path)?;
        self.insert(path, Some(content.into()));
        self.rebuild()
    }

    /// Adds an (empty) directory.
    ///
    /// # Errors
    /// As [`MemoryProject::from_files`].
    pub fn add_dir(&mut self, path: &str) -> Result<(), Error> {
        let path = normalize(path)?;
        self.insert(path, None);
        self.rebuild()
    }

    /// Number of entries, directories included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the project has no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file paths (not directories), in walk order.
    pub fn file_paths(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|e| e.content.is_some())
            .map(|e| e.path.as_str())
    }

    fn insert(&mut self, path: String, content: Option<Vec<u8>>) {
        match self.entries.iter_mut().find(|e| e.path == path) {
            Some(e) if content.is_some() || e.content.is_none() => e.content = content,
            Some(_) => {}
            None => self.entries.push(MemEntry::new(path, content)),
        }
    }

    /// Adds implied parent directories, sorts into walk order, and refuses
    /// a path that is both a file and a directory.
    fn rebuild(&mut self) -> Result<(), Error> {
        let known: std::collections::HashSet<&str> =
            self.entries.iter().map(|e| e.path.as_str()).collect();
        let mut parents = std::collections::BTreeSet::new();
        for e in &self.entries {
            let mut end = 0;
            while let Some(i) = e.path[end..].find('/') {
                end += i;
                if !known.contains(&e.path[..end]) {
                    parents.insert(e.path[..end].to_owned());
                }
                end += 1;
            }
        }
        self.entries
            .extend(parents.into_iter().map(|p| MemEntry::new(p, None)));
        self.entries.sort_by(|a, b| walk_order(&a.path, &b.path));
        for pair in self.entries.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.content.is_some()
                && b.path.len() > a.path.len()
                && b.path.starts_with(&a.path)
                && b.path.as_bytes()[a.path.len()] == b'/'
            {
                return Err(Error::InvalidFilePath {
                    path: a.path.clone(),
                    reason: "it is both a file and a directory",
                });
            }
        }
        Ok(())
    }
}

/// Turns `./a\b//c` into `a/b/c` and refuses what cannot name an entry
/// inside a tree.
fn normalize(path: &str) -> Result<String, Error> {
    let bad = |reason| Error::InvalidFilePath {
        path: path.to_owned(),
        reason,
    };
    if path.contains('\0') {
        return Err(bad("it contains a NUL byte"));
    }
    let b = path.as_bytes();
    let drive = b.len() > 2
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b[2] == b'/' || b[2] == b'\\');
    if path.starts_with('/') || path.starts_with('\\') || drive {
        return Err(bad(
            "it is absolute; project paths are relative to the project root",
        ));
    }
    let mut out = String::with_capacity(path.len());
    for seg in path.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => return Err(bad("it has a `..` segment")),
            s => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(s);
            }
        }
    }
    if out.is_empty() {
        return Err(bad("it is empty"));
    }
    Ok(out)
}

struct MemContent<'a> {
    bytes: Option<&'a [u8]>,
}

impl Content for MemContent<'_> {
    fn read(&mut self) -> Option<&[u8]> {
        self.bytes
    }
}

impl Source for MemoryProject {
    fn walk(
        &self,
        options: &WalkOptions,
        _scratch: &mut WalkScratch,
        visitor: &mut dyn Visitor,
    ) -> Result<WalkStats, Error> {
        let mut stats = WalkStats::default();
        // Entries below a directory that is not entered are contiguous in
        // walk order; `skip` holds that directory's path.
        let mut skip: Option<&str> = None;
        for e in &self.entries {
            if let Some(dir) = skip {
                if e.path.len() > dir.len()
                    && e.path.starts_with(dir)
                    && e.path.as_bytes()[dir.len()] == b'/'
                {
                    continue;
                }
                skip = None;
            }
            if e.depth > options.max_depth {
                continue;
            }
            if stats.entries >= options.max_entries {
                stats.truncated = true;
                break;
            }
            stats.entries += 1;
            let entry = Entry {
                path: &e.path,
                depth: e.depth,
                kind: if e.content.is_some() {
                    EntryKind::File
                } else {
                    EntryKind::Dir
                },
                symlink: false,
                within_root: true,
            };
            let bytes = e
                .content
                .as_deref()
                .map(|b| &b[..b.len().min(options.max_read)]);
            visitor.visit(&entry, &mut MemContent { bytes });
            if entry.kind == EntryKind::Dir && !options.descends(&entry) {
                skip = Some(&e.path);
            }
        }
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<String>);
    impl Visitor for Collect {
        fn visit(&mut self, entry: &Entry<'_>, _content: &mut dyn Content) {
            self.0.push(entry.path.to_owned());
        }
    }

    #[test]
    fn normalizes_and_refuses_bad_paths() {
        assert_eq!(normalize("./a\\b//c").ok().as_deref(), Some("a/b/c"));
        for bad in ["", "/etc/passwd", "a/../b", "C:/x", "C:\\x", "a\0b", "./"] {
            assert!(normalize(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            normalize("O:x").ok().as_deref(),
            Some("O:x"),
            "a colon is legal in a Unix name"
        );
        let e = MemoryProject::from_files([("a", "x"), ("a/b", "y")]).expect_err("file and dir");
        assert_eq!(e.code(), "invalid-file-path");
    }

    #[test]
    fn walks_depth_first_and_prunes_ignored_dirs() {
        let p = MemoryProject::from_files([
            ("node_modules/x/fly.toml", ""),
            ("a/b/c/d.txt", ""),
            ("fly.toml", ""),
            ("a-b", ""),
        ])
        .expect("valid");
        let mut c = Collect(Vec::new());
        let opts = WalkOptions {
            max_depth: 3,
            ..WalkOptions::default()
        };
        let stats = p
            .walk(&opts, &mut WalkScratch::default(), &mut c)
            .expect("walks");
        assert_eq!(
            c.0,
            ["a", "a/b", "a/b/c", "a-b", "fly.toml", "node_modules"]
        );
        assert_eq!(stats.entries, 6);
    }
}
