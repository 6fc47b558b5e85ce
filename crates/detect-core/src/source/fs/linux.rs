//! The Linux backend: directories and files opened relative to their
//! parent's descriptor (`openat`), entries read with `getdents64` into the
//! scratch space's buffer, one `read` per file. No allocation once the
//! buffers have grown.

use std::io;
use std::mem::MaybeUninit;
use std::os::fd::OwnedFd;
use std::path::Path;

use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags, RawDir, openat, statat};

use super::{Backend, EntryKind, ListItem, WalkScratch};

/// Size of the reused `getdents64` buffer.
const DIRENT_BUF: usize = 32 * 1024;

#[derive(Debug)]
pub(crate) struct Handle(OwnedFd);

fn open_dir_at(dir: impl rustix::fd::AsFd, name: impl rustix::path::Arg) -> io::Result<Handle> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW;
    Ok(Handle(openat(dir, name, flags, Mode::empty())?))
}

impl Backend for Handle {
    fn open_root(root: &Path) -> io::Result<Self> {
        // The root itself may be a link; only entries below it are not followed.
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        Ok(Handle(openat(CWD, root, flags, Mode::empty())?))
    }

    fn open_dir(&self, name: &str) -> io::Result<Self> {
        open_dir_at(&self.0, name)
    }

    fn list(&self, scratch: &mut WalkScratch) -> io::Result<u32> {
        if scratch.dirents.len() < DIRENT_BUF {
            scratch.dirents.resize(DIRENT_BUF, MaybeUninit::uninit());
        }
        let mut unreadable = 0;
        let mut dir = RawDir::new(&self.0, &mut scratch.dirents[..]);
        while let Some(entry) = dir.next() {
            let entry = entry?;
            let bytes = entry.file_name().to_bytes();
            if bytes == b"." || bytes == b".." {
                continue;
            }
            // Non-UTF-8 names cannot be matched by UTF-8 globs; skip them.
            let Ok(name) = std::str::from_utf8(bytes) else {
                continue;
            };
            let file_type = match entry.file_type() {
                // Some file systems do not fill in d_type.
                FileType::Unknown => match statat(&self.0, name, AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) => FileType::from_raw_mode(st.st_mode),
                    Err(_) => {
                        unreadable += 1;
                        continue;
                    }
                },
                t => t,
            };
            let start = u32::try_from(scratch.names.len()).unwrap_or(u32::MAX);
            scratch.names.push_str(name);
            scratch.listing.push(ListItem {
                start,
                len: u32::try_from(name.len()).unwrap_or(u32::MAX),
                dir: file_type == FileType::Directory,
                file: file_type == FileType::RegularFile,
                symlink: file_type == FileType::Symlink,
            });
        }
        Ok(unreadable)
    }

    fn read(&self, name: &str, buf: &mut Vec<u8>, max: usize) -> io::Result<()> {
        let fd = openat(
            &self.0,
            name,
            OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOCTTY,
            Mode::empty(),
        )?;
        buf.clear();
        buf.reserve_exact(max);
        // One read: on a regular file a short read means the end of the
        // file, and a full one gives the whole bounded prefix, so no second
        // call is needed to learn either.
        rustix::io::read(&fd, rustix::buffer::spare_capacity(buf))?;
        buf.truncate(max);
        Ok(())
    }

    fn link_target_kind(&self, name: &str) -> EntryKind {
        match statat(&self.0, name, AtFlags::empty()) {
            Ok(st) => match FileType::from_raw_mode(st.st_mode) {
                FileType::Directory => EntryKind::Dir,
                FileType::RegularFile => EntryKind::File,
                _ => EntryKind::Other,
            },
            Err(_) => EntryKind::Other,
        }
    }
}
