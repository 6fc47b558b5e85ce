//! A project directory on disk.
//!
//! One walk, depth first, names sorted, over a small [`Backend`]: on Linux
//! ([`linux`]) it opens every directory and file relative to its parent's
//! descriptor and reads directory entries straight into a reused buffer, so
//! a warm walk allocates nothing and makes only the system calls it must
//! (open, getdents, close per directory; open, one read, close per file
//! read). Elsewhere ([`portable`]) it uses `std::fs`, which allocates a
//! handle per directory and a name per entry.
//!
//! Directory links are never entered; a linked file is reported with where
//! it points, so that the detector can refuse links leaving the root.

#[cfg(any(target_os = "linux", target_os = "android"))]
mod linux;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
mod portable;

use std::io;
use std::path::{Path, PathBuf};

#[cfg(any(target_os = "linux", target_os = "android"))]
use linux::Handle;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
use portable::Handle;

use super::{
    Content, Entry, EntryKind, ListItem, Source, Visitor, WalkOptions, WalkScratch, WalkStats,
};
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
        match std::fs::metadata(&root) {
            Ok(m) if m.is_dir() => Ok(FsProject { root }),
            Ok(_) => Err(Error::NotADirectory { path: root }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Err(Error::PathNotFound { path: root })
            }
            Err(source) => Err(Error::Unreadable { path: root, source }),
        }
    }

    /// The root directory as given.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// What a directory backend provides.
pub(crate) trait Backend: Sized {
    /// Opens the project root.
    fn open_root(root: &Path) -> io::Result<Self>;
    /// Opens the child directory `name`.
    fn open_dir(&self, name: &str) -> io::Result<Self>;
    /// Appends this directory's entries (not `.` and `..`) to `scratch`'s
    /// names and listing; returns how many could not be read.
    fn list(&self, scratch: &mut WalkScratch) -> io::Result<u32>;
    /// Replaces `buf` with the first `max` bytes of the file `name`.
    fn read(&self, name: &str, buf: &mut Vec<u8>, max: usize) -> io::Result<()>;
    /// What the link `name` points to.
    fn link_target_kind(&self, name: &str) -> EntryKind;
}

impl Source for FsProject {
    fn walk(
        &self,
        options: &WalkOptions,
        scratch: &mut WalkScratch,
        visitor: &mut dyn Visitor,
    ) -> Result<WalkStats, Error> {
        scratch.rel.clear();
        scratch.names.clear();
        scratch.listing.clear();
        scratch.canonical_root = None;
        let root = Handle::open_root(&self.root).map_err(|source| Error::Unreadable {
            path: self.root.clone(),
            source,
        })?;
        let mut walk = Walk {
            options,
            scratch,
            visitor,
            stats: WalkStats::default(),
            root: &self.root,
        };
        walk.dir(&root, 0).map_err(|source| Error::Unreadable {
            path: self.root.clone(),
            source,
        })?;
        Ok(walk.stats)
    }
}

struct Walk<'a> {
    options: &'a WalkOptions,
    scratch: &'a mut WalkScratch,
    visitor: &'a mut dyn Visitor,
    stats: WalkStats,
    root: &'a Path,
}

impl Walk<'_> {
    /// Lists one directory, sorts it, and visits its entries, entering the
    /// ones the options allow. Only the root's listing error is returned.
    fn dir(&mut self, handle: &Handle, depth: u32) -> io::Result<()> {
        let first = self.scratch.listing.len();
        let names_mark = self.scratch.names.len();
        self.stats.unreadable += handle.list(self.scratch)?;
        let names = &self.scratch.names;
        let name_of =
            |i: &ListItem| &names.as_bytes()[i.start as usize..(i.start + i.len) as usize];
        self.scratch.listing[first..].sort_unstable_by(|a, b| name_of(a).cmp(name_of(b)));

        let rel_mark = self.scratch.rel.len();
        for i in first..self.scratch.listing.len() {
            if self.stats.entries >= self.options.max_entries {
                self.stats.truncated = true;
                break;
            }
            let item = self.scratch.listing[i];
            let range = item.start as usize..(item.start + item.len) as usize;
            if rel_mark > 0 {
                self.scratch.rel.push('/');
            }
            let name_at = self.scratch.rel.len();
            self.scratch.rel.push_str(&self.scratch.names[range]);
            let (kind, within_root) = if item.symlink {
                let name = &self.scratch.rel[name_at..];
                (handle.link_target_kind(name), self.link_stays_inside())
            } else if item.dir {
                (EntryKind::Dir, true)
            } else if item.file {
                (EntryKind::File, true)
            } else {
                (EntryKind::Other, true)
            };
            let entry = Entry {
                path: &self.scratch.rel,
                depth: depth + 1,
                kind,
                symlink: item.symlink,
                within_root,
            };
            self.stats.entries += 1;
            let mut content = FsContent {
                dir: handle,
                name: &self.scratch.rel[name_at..],
                buf: &mut self.scratch.buf,
                max_read: self.options.max_read,
                state: ReadState::NotRead,
            };
            self.visitor.visit(&entry, &mut content);
            if content.state == ReadState::Failed {
                self.stats.unreadable += 1;
            }
            if self.options.descends(&entry) {
                match handle.open_dir(&self.scratch.rel[name_at..]) {
                    // Errors below the root are counted, not returned.
                    Ok(child) => {
                        if self.dir(&child, depth + 1).is_err() {
                            self.stats.unreadable += 1;
                        }
                    }
                    Err(_) => self.stats.unreadable += 1,
                }
            }
            self.scratch.rel.truncate(rel_mark);
        }
        self.scratch.listing.truncate(first);
        self.scratch.names.truncate(names_mark);
        Ok(())
    }

    /// Whether the link at the current path resolves inside the root. Links
    /// are rare, so this may allocate.
    fn link_stays_inside(&mut self) -> bool {
        if self.scratch.canonical_root.is_none() {
            self.scratch.canonical_root = std::fs::canonicalize(self.root).ok();
        }
        match (
            &self.scratch.canonical_root,
            std::fs::canonicalize(self.root.join(&self.scratch.rel)),
        ) {
            (Some(root), Ok(target)) => target.starts_with(root),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadState {
    NotRead,
    Read,
    Failed,
}

struct FsContent<'a> {
    dir: &'a Handle,
    name: &'a str,
    buf: &'a mut Vec<u8>,
    max_read: usize,
    state: ReadState,
}

impl Content for FsContent<'_> {
    fn read(&mut self) -> Option<&[u8]> {
        if self.state == ReadState::NotRead {
            let ok = self.dir.read(self.name, self.buf, self.max_read).is_ok();
            self.state = if ok {
                ReadState::Read
            } else {
                ReadState::Failed
            };
        }
        match self.state {
            ReadState::Read => Some(self.buf.as_slice()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
