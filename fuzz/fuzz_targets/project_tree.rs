//! A project tree is untrusted input (any repository, or the file map a
//! host sends): paths and contents of any bytes must scan without panic,
//! with confidences in [0, 1] and serialisable output.
#![no_main]

use std::sync::OnceLock;

use detect_core::{DetectOptions, Detector, MemoryProject};
use libfuzzer_sys::fuzz_target;

fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| Detector::builtin().expect("builtin patterns"))
}

fuzz_target!(|data: &[u8]| {
    // Records separated by 0xFF; each is `path 0xFE content`.
    let mut files = Vec::new();
    for record in data.split(|b| *b == 0xFF) {
        let mut parts = record.splitn(2, |b| *b == 0xFE);
        let path = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
        let content = parts.next().unwrap_or_default().to_vec();
        files.push((path, content));
    }
    let Ok(project) = MemoryProject::from_files(files) else { return };
    let detector = detector();
    let mut scratch = detector.scratch();
    let report = detector.detect(&project, &mut scratch, &DetectOptions::default()).expect("memory sources cannot fail");
    let owned = report.to_detection(None, 0.0);
    assert!(owned.all_results.iter().all(|t| (0.0..=1.0).contains(&t.confidence)));
    detect_core::json::to_string(&owned).expect("serialisable");
});
