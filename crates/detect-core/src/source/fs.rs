//! A project directory on disk.
//!
//! The walk reuses its path, listing and read buffers across projects
//! ([`WalkScratch`]); what it cannot avoid allocating is what `std::fs`
//! allocates: one handle per directory read and one name per entry (see
//! BENCHMARKS.md for the measured count). It never follows a symbolic link
//! to a directory, and reports where a linked file points so that the
//! detector can refuse links that leave the project root.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Content, Entry, EntryKind, ListItem, Source, Visitor, WalkOptions, WalkScratch, WalkStats};
use crate::Error;

/// A project directory on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FsProject {
    root: PathBuf,
}

impl FsProject {
    /// Opens a project directory.
    ///
    /// # Errors
    /// [`Error::PathNotFound`], [`Error::NotADirectory`], or
    /// [`Error::Unreadable`] when the root cannot be inspected.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, Error> {
        let root = path.into();
        match fs::metadata(&root) {
            Ok(m) if m.is_dir() => Ok(FsProject { root }),
            Ok(_) => Err(Error::NotADirectory { path: root }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::PathNotFound { path: root }),
            Err(source) => Err(Error::Unreadable { path: root, source }),
        }
    }

    /// The root directory as given.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }
}

struct Walk<'a> {
    options: &'a WalkOptions,
    scratch: &'a mut WalkScratch,
    visitor: &'a mut dyn Visitor,
    stats: WalkStats,
    root: &'a Path,
}

impl Source for FsProject {
    fn walk(&self, options: &WalkOptions, scratch: &mut WalkScratch, visitor: &mut dyn Visitor) -> Result<WalkStats, Error> {
        scratch.rel.clear();
        scratch.abs.clear();
        scratch.abs.push(&self.root);
        scratch.names.clear();
        scratch.listing.clear();
        scratch.canonical_root = None;
        if scratch.buf.capacity() < options.max_read + 1 {
            scratch.buf.reserve_exact(options.max_read + 1 - scratch.buf.len());
        }
        let read = fs::read_dir(&self.root).map_err(|source| Error::Unreadable { path: self.root.clone(), source })?;
        let mut walk = Walk { options, scratch, visitor, stats: WalkStats::default(), root: &self.root };
        walk.dir(read, 0);
        Ok(walk.stats)
    }
}

impl Walk<'_> {
    /// Lists one directory (already opened), sorts it, and visits its
    /// entries, recursing into the ones the options allow.
    fn dir(&mut self, read: fs::ReadDir, depth: u32) {
        let first = self.scratch.listing.len();
        let names_mark = self.scratch.names.len();
        for item in read {
            let Ok(item) = item else {
                self.stats.unreadable += 1;
                continue;
            };
            let Ok(ft) = item.file_type() else {
                self.stats.unreadable += 1;
                continue;
            };
            let name = item.file_name();
            // Non-UTF-8 names cannot be matched by UTF-8 globs; skip them.
            let Some(name) = name.to_str() else { continue };
            let start = u32::try_from(self.scratch.names.len()).unwrap_or(u32::MAX);
            self.scratch.names.push_str(name);
            self.scratch.listing.push(ListItem {
                start,
                len: u32::try_from(name.len()).unwrap_or(u32::MAX),
                dir: ft.is_dir(),
                file: ft.is_file(),
                symlink: ft.is_symlink(),
            });
        }
        let names = &self.scratch.names;
        let name_of = |i: &ListItem| &names.as_bytes()[i.start as usize..(i.start + i.len) as usize];
        self.scratch.listing[first..].sort_unstable_by(|a, b| name_of(a).cmp(name_of(b)));

        let rel_mark = self.scratch.rel.len();
        for i in first..self.scratch.listing.len() {
            if self.stats.entries >= self.options.max_entries {
                self.stats.truncated = true;
                break;
            }
            let item = self.scratch.listing[i];
            let name = &self.scratch.names[item.start as usize..(item.start + item.len) as usize];
            if rel_mark > 0 {
                self.scratch.rel.push('/');
            }
            self.scratch.rel.push_str(name);
            self.scratch.abs.push(name);

            let (kind, within_root) = if item.symlink {
                self.resolve_link()
            } else if item.dir {
                (EntryKind::Dir, true)
            } else if item.file {
                (EntryKind::File, true)
            } else {
                (EntryKind::Other, true)
            };
            let entry = Entry { path: &self.scratch.rel, depth: depth + 1, kind, symlink: item.symlink, within_root };
            self.stats.entries += 1;
            let mut content = FsContent {
                path: &self.scratch.abs,
                buf: &mut self.scratch.buf,
                max_read: self.options.max_read,
                state: ReadState::NotRead,
            };
            self.visitor.visit(&entry, &mut content);
            if content.state == ReadState::Failed {
                self.stats.unreadable += 1;
            }
            if self.options.descends(&entry) {
                match fs::read_dir(&self.scratch.abs) {
                    Ok(read) => self.dir(read, depth + 1),
                    Err(_) => self.stats.unreadable += 1,
                }
            }
            self.scratch.abs.pop();
            self.scratch.rel.truncate(rel_mark);
        }
        self.scratch.listing.truncate(first);
        self.scratch.names.truncate(names_mark);
    }

    /// What the link at `abs` points to, and whether that stays inside the
    /// root. Links are rare, so this may allocate.
    fn resolve_link(&mut self) -> (EntryKind, bool) {
        let kind = match fs::metadata(&self.scratch.abs) {
            Ok(m) if m.is_dir() => EntryKind::Dir,
            Ok(m) if m.is_file() => EntryKind::File,
            _ => EntryKind::Other,
        };
        if self.scratch.canonical_root.is_none() {
            self.scratch.canonical_root = fs::canonicalize(self.root).ok();
        }
        let within = match (&self.scratch.canonical_root, fs::canonicalize(&self.scratch.abs)) {
            (Some(root), Ok(target)) => target.starts_with(root),
            _ => false,
        };
        (kind, within)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadState {
    NotRead,
    Read,
    Failed,
}

struct FsContent<'a> {
    path: &'a Path,
    buf: &'a mut Vec<u8>,
    max_read: usize,
    state: ReadState,
}

impl Content for FsContent<'_> {
    fn read(&mut self) -> Option<&[u8]> {
        if self.state == ReadState::NotRead {
            self.buf.clear();
            let limit = u64::try_from(self.max_read).unwrap_or(u64::MAX);
            let ok = fs::File::open(self.path).and_then(|f| f.take(limit).read_to_end(self.buf)).is_ok();
            self.state = if ok { ReadState::Read } else { ReadState::Failed };
        }
        match self.state {
            ReadState::Read => Some(self.buf.as_slice()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemoryProject;

    struct Collect(Vec<(String, EntryKind, bool, Option<usize>)>);
    impl Visitor for Collect {
        fn visit(&mut self, entry: &Entry<'_>, content: &mut dyn Content) {
            let len = if entry.kind == EntryKind::File { content.read().map(<[u8]>::len) } else { None };
            self.0.push((entry.path.to_owned(), entry.kind, entry.within_root, len));
        }
    }

    #[test]
    fn disk_and_memory_walks_agree() {
        let dir = tempfile::tempdir().expect("tempdir");
        let files = [("b.txt", "bb"), ("a/x.toml", "x"), ("a-b/y", "yyy"), (".env", "E"), ("node_modules/p/fly.toml", "z")];
        for (p, c) in files {
            let full = dir.path().join(p);
            fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            fs::write(full, c).expect("write");
        }
        let opts = WalkOptions { max_read: 2, ..WalkOptions::default() };
        let mut on_disk = Collect(Vec::new());
        FsProject::open(dir.path()).expect("open").walk(&opts, &mut WalkScratch::default(), &mut on_disk).expect("walk");
        let mut in_mem = Collect(Vec::new());
        MemoryProject::from_files(files).expect("mem").walk(&opts, &mut WalkScratch::default(), &mut in_mem).expect("walk");
        assert_eq!(on_disk.0, in_mem.0);
        assert_eq!(on_disk.0[0].0, ".env");
        assert!(on_disk.0.iter().any(|e| e.0 == "a-b/y" && e.3 == Some(2)), "reads are bounded");
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_are_marked() {
        let outside = tempfile::tempdir().expect("tempdir");
        fs::write(outside.path().join("secret.toml"), "app = 'x'").expect("write");
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("real.toml"), "app = 'x'").expect("write");
        std::os::unix::fs::symlink(outside.path().join("secret.toml"), dir.path().join("out.toml")).expect("link");
        std::os::unix::fs::symlink(dir.path().join("real.toml"), dir.path().join("in.toml")).expect("link");
        std::os::unix::fs::symlink(outside.path(), dir.path().join("outdir")).expect("link");
        let mut c = Collect(Vec::new());
        FsProject::open(dir.path())
            .expect("open")
            .walk(&WalkOptions::default(), &mut WalkScratch::default(), &mut c)
            .expect("walk");
        let get = |n: &str| c.0.iter().find(|e| e.0 == n).cloned().expect("entry");
        assert_eq!(get("out.toml").2, false);
        assert_eq!(get("in.toml").2, true);
        assert_eq!(get("outdir").1, EntryKind::Dir);
        assert!(!c.0.iter().any(|e| e.0.starts_with("outdir/")), "linked directories are never entered");
    }

    #[test]
    fn open_reports_missing_and_non_directories() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(FsProject::open(dir.path().join("nope")).expect_err("missing").code(), "path-not-found");
        fs::write(dir.path().join("f"), "").expect("write");
        assert_eq!(FsProject::open(dir.path().join("f")).expect_err("file").code(), "not-a-directory");
    }
}
