//! Scans a directory repeatedly, for profilers (`perf record`, `strace -c`):
//! `loop_scan DIR [N] [fortium PATTERNS]`.
#![allow(clippy::unwrap_used)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = &args[1];
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let det = match args.get(3).map(String::as_str) {
        Some("fortium") => detect_core::DetectorBuilder::new()
            .mode(detect_core::Mode::Fortium)
            .patterns(detect_core::PatternFile::from_path(std::path::Path::new(&args[4])).unwrap())
            .build()
            .unwrap(),
        _ => detect_core::Detector::builtin().unwrap(),
    };
    let p = detect_core::FsProject::open(dir).unwrap();
    let mut s = det.scratch();
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(det.detect(&p, &mut s, &Default::default()).unwrap().stats());
    }
    eprintln!("{:?} per scan", t.elapsed() / n as u32);
}
