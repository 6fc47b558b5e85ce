//! The portable backend (everything but Linux): `std::fs`, which allocates
//! a handle per directory and a name per entry.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::{Backend, EntryKind, ListItem, WalkScratch};

#[derive(Debug)]
pub(crate) struct Handle(PathBuf);

impl Backend for Handle {
    fn open_root(root: &Path) -> io::Result<Self> {
        fs::read_dir(root)?;
        Ok(Handle(root.to_path_buf()))
    }

    fn open_dir(&self, name: &str) -> io::Result<Self> {
        Ok(Handle(self.0.join(name)))
    }

    fn list(&self, scratch: &mut WalkScratch) -> io::Result<u32> {
        let mut unreadable = 0;
        for item in fs::read_dir(&self.0)? {
            let Ok(item) = item else {
                unreadable += 1;
                continue;
            };
            let Ok(ft) = item.file_type() else {
                unreadable += 1;
                continue;
            };
            let name = item.file_name();
            // Non-UTF-8 names cannot be matched by UTF-8 globs; skip them.
            let Some(name) = name.to_str() else { continue };
            let start = u32::try_from(scratch.names.len()).unwrap_or(u32::MAX);
            scratch.names.push_str(name);
            scratch.listing.push(ListItem {
                start,
                len: u32::try_from(name.len()).unwrap_or(u32::MAX),
                dir: ft.is_dir(),
                file: ft.is_file(),
                symlink: ft.is_symlink(),
            });
        }
        Ok(unreadable)
    }

    fn read(&self, name: &str, buf: &mut Vec<u8>, max: usize) -> io::Result<()> {
        buf.clear();
        let limit = u64::try_from(max).unwrap_or(u64::MAX);
        fs::File::open(self.0.join(name))?
            .take(limit)
            .read_to_end(buf)?;
        Ok(())
    }

    fn link_target_kind(&self, name: &str) -> EntryKind {
        match fs::metadata(self.0.join(name)) {
            Ok(m) if m.is_dir() => EntryKind::Dir,
            Ok(m) if m.is_file() => EntryKind::File,
            _ => EntryKind::Other,
        }
    }
}
