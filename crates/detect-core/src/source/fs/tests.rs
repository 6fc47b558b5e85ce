//! Disk walks: agreement with in-memory walks, links, open errors.
use std::fs;

use super::*;
use crate::source::MemoryProject;

struct Collect(Vec<(String, EntryKind, bool, Option<usize>)>);
impl Visitor for Collect {
    fn visit(&mut self, entry: &Entry<'_>, content: &mut dyn Content) {
        let len = if entry.kind == EntryKind::File {
            content.read().map(<[u8]>::len)
        } else {
            None
        };
        self.0
            .push((entry.path.to_owned(), entry.kind, entry.within_root, len));
    }
}

#[test]
fn disk_and_memory_walks_agree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = [
        ("b.txt", "bb"),
        ("a/x.toml", "x"),
        ("a-b/y", "yyy"),
        (".env", "E"),
        ("node_modules/p/fly.toml", "z"),
    ];
    for (p, c) in files {
        let full = dir.path().join(p);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(full, c).expect("write");
    }
    let opts = WalkOptions {
        max_read: 2,
        ..WalkOptions::default()
    };
    let mut on_disk = Collect(Vec::new());
    FsProject::open(dir.path())
        .expect("open")
        .walk(&opts, &mut WalkScratch::default(), &mut on_disk)
        .expect("walk");
    let mut in_mem = Collect(Vec::new());
    MemoryProject::from_files(files)
        .expect("mem")
        .walk(&opts, &mut WalkScratch::default(), &mut in_mem)
        .expect("walk");
    assert_eq!(on_disk.0, in_mem.0);
    assert_eq!(on_disk.0[0].0, ".env");
    assert!(
        on_disk.0.iter().any(|e| e.0 == "a-b/y" && e.3 == Some(2)),
        "reads are bounded"
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_root_are_marked() {
    let outside = tempfile::tempdir().expect("tempdir");
    fs::write(outside.path().join("secret.toml"), "app = 'x'").expect("write");
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("real.toml"), "app = 'x'").expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("secret.toml"),
        dir.path().join("out.toml"),
    )
    .expect("link");
    std::os::unix::fs::symlink(dir.path().join("real.toml"), dir.path().join("in.toml"))
        .expect("link");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("outdir")).expect("link");
    let mut c = Collect(Vec::new());
    FsProject::open(dir.path())
        .expect("open")
        .walk(&WalkOptions::default(), &mut WalkScratch::default(), &mut c)
        .expect("walk");
    let get = |n: &str| c.0.iter().find(|e| e.0 == n).cloned().expect("entry");
    assert!(!get("out.toml").2);
    assert!(get("in.toml").2);
    assert_eq!(get("outdir").1, EntryKind::Dir);
    assert!(
        !c.0.iter().any(|e| e.0.starts_with("outdir/")),
        "linked directories are never entered"
    );
}

#[test]
fn open_reports_missing_and_non_directories() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        FsProject::open(dir.path().join("nope"))
            .expect_err("missing")
            .code(),
        "path-not-found"
    );
    fs::write(dir.path().join("f"), "").expect("write");
    assert_eq!(
        FsProject::open(dir.path().join("f"))
            .expect_err("file")
            .code(),
        "not-a-directory"
    );
}
