//! A pattern file is untrusted input (`--patterns FILE`): parsing and
//! compiling any bytes must return a result or a structured error, never
//! panic or hang, and a detector that compiles must scan without panicking.
#![no_main]

use detect_core::{DetectOptions, DetectorBuilder, MemoryProject, Mode, PatternFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(file) = PatternFile::from_json(text, "fuzz.json") else { return };
    let project = MemoryProject::from_files([
        ("fly.toml", "app = \"x\"\n"),
        ("deploy.sh", "fly deploy\n"),
        ("k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\n"),
        ("package.json", "{\"dependencies\": {\"express\": \"4\"}}"),
    ])
    .expect("valid fixture");
    for mode in [Mode::Default, Mode::Fortium] {
        if let Ok(detector) = DetectorBuilder::new().mode(mode).patterns(file.clone()).build() {
            let _ = detector.compile_all();
            let mut scratch = detector.scratch();
            if let Ok(report) = detector.detect(&project, &mut scratch, &DetectOptions::default()) {
                let owned = report.to_detection(None, 0.0);
                assert!(owned.all_results.iter().all(|t| (0.0..=1.0).contains(&t.confidence)));
            }
        }
    }
});
