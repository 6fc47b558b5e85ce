//! What the walk refuses to do: follow links out of the root, read
//! unbounded prefixes, read binary files, enter vendored trees.

use std::fs;

use detect_core::{DetectOptions, Detector, FsProject, MemoryProject};

fn write(root: &std::path::Path, path: &str, content: &[u8]) {
    let full = root.join(path);
    fs::create_dir_all(full.parent().unwrap()).unwrap();
    fs::write(full, content).unwrap();
}

#[cfg(unix)]
#[test]
fn links_out_of_the_root_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "fly.toml", b"app = \"elsewhere\"\n");
    write(
        outside.path(),
        "deep/k8s/deploy.yaml",
        b"apiVersion: apps/v1\nkind: Deployment\n",
    );
    let root = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("fly.toml"),
        root.path().join("fly.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path().join("deep"), root.path().join("deep")).unwrap();
    // A link loop must not hang the walk either.
    std::os::unix::fs::symlink(root.path(), root.path().join("loop")).unwrap();
    let detector = Detector::builtin().unwrap();
    let report = detector
        .detect_path(root.path(), &DetectOptions::default(), None)
        .unwrap();
    assert!(report.tools.is_empty(), "{:?}", report.tools);
}

#[test]
fn binary_files_and_vendored_trees_do_not_count() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "fly.toml", b"\0\0\0app = \"x\"\n");
    write(root.path(), "node_modules/pkg/fly.toml", b"app = \"x\"\n");
    write(
        root.path(),
        "vendor/k8s/app.yaml",
        b"apiVersion: apps/v1\nkind: Deployment\n",
    );
    write(root.path(), "test/fixtures/fly.toml", b"app = \"x\"\n");
    let detector = Detector::builtin().unwrap();
    let report = detector
        .detect_path(root.path(), &DetectOptions::default(), None)
        .unwrap();
    assert!(report.tools.is_empty(), "{:?}", report.tools);
    assert_eq!(
        report.performance.skipped, 1,
        "the binary fly.toml was skipped"
    );
}

#[test]
fn only_a_bounded_prefix_is_read() {
    let mut big = vec![b'#'; 300 * 1024];
    big.extend_from_slice(b"\napp = \"late\"\n");
    let project = MemoryProject::from_files([("fly.toml", big)]).unwrap();
    let detector = Detector::builtin().unwrap();
    let mut scratch = detector.scratch();
    let report = detector
        .detect(&project, &mut scratch, &DetectOptions::default())
        .unwrap();
    assert!(
        !report.get("flyio").unwrap().detected(),
        "a key after the read limit is not seen"
    );
    assert!(report.stats().bytes_read <= 256 * 1024);
}

#[test]
fn disk_and_memory_give_the_same_report() {
    let root = tempfile::tempdir().unwrap();
    let files = [
        (
            "apps/api/fly.toml",
            "app = \"api\"\nprimary_region = \"fra\"\n",
        ),
        (
            "apps/api/package.json",
            "{\"dependencies\": {\"express\": \"4\"}}",
        ),
        ("apps/web/fly.production.toml", "app = \"web\"\n"),
        (".github/workflows/fly.yml", "- run: flyctl deploy\n"),
    ];
    for (p, c) in files {
        write(root.path(), p, c.as_bytes());
    }
    let detector = Detector::builtin().unwrap();
    let mut on_disk = detector
        .detect_path(root.path(), &DetectOptions::default(), None)
        .unwrap();
    let project = MemoryProject::from_files(files).unwrap();
    let mut scratch = detector.scratch();
    let mut in_memory = detector
        .detect(&project, &mut scratch, &DetectOptions::default())
        .unwrap()
        .to_detection(None, 0.0);
    on_disk.performance.detection_time_ms = 0.0;
    in_memory.performance.detection_time_ms = 0.0;
    assert_eq!(on_disk, in_memory);
    let fly = &on_disk.tools[0];
    assert_eq!(fly.tool, "flyio");
    assert_eq!(fly.locations, ["apps/api", "apps/web"]);
    let _ = FsProject::open(root.path()).unwrap();
}

#[test]
fn fortium_walks_only_the_dot_directories_its_paths_name() {
    let patterns = detect_core::PatternFile::from_json(
        r#"{"tools":{"k":{"detection_signals":{
            "config":{"weight":1,"files":[".kube/config"]},
            "yaml":{"weight":1,"file_patterns":["**/*.yaml"],"patterns":["kind:"]}}}}}"#,
        "t.json",
    )
    .unwrap();
    let detector = detect_core::DetectorBuilder::new()
        .mode(detect_core::Mode::Fortium)
        .patterns(patterns)
        .build()
        .unwrap();
    let project = MemoryProject::from_files([
        (".kube/config", "apiVersion: v1\n"),
        (".github/workflows/x.yaml", "kind: Deployment\n"),
        ("k8s/app.yaml", "kind: Deployment\n"),
    ])
    .unwrap();
    let mut scratch = detector.scratch();
    let report = detector
        .detect(&project, &mut scratch, &DetectOptions::default())
        .unwrap();
    let k = report.get("k").unwrap();
    assert_eq!(
        k.signals().collect::<Vec<_>>(),
        [("config", true), ("yaml", true)]
    );
    // .kube, .kube/config, .github (not entered), k8s, k8s/app.yaml
    assert_eq!(report.stats().entries, 5);
}
