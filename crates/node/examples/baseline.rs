//! The Rust side of the per-call overhead comparison in `bench/bench.js`:
//! times the `flyconf::api` calls the binding makes, with the same method
//! as the JavaScript side (batches of calls, median per-call time over
//! batches).
//!
//! `cargo run --release --example baseline` prints the timings as JSON;
//! `cargo run --release --example baseline -- inputs DIR` writes the inputs
//! (`typical-fly.toml`, `small-project.json`) for the JavaScript side;
//! `… -- compat DIR…` prints the time of `api::detect_compat` (what
//! `detectTooling` calls) on each directory.

use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use flyconf::api;

/// Median microseconds per call of `f`, over `batches` batches of `per` calls
/// after one warm-up batch.
fn median_us(batches: usize, per: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..per {
        f();
    }
    let mut samples: Vec<f64> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / per as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = flyconf_benches::TYPICAL_FLY_TOML;
    let small = flyconf_benches::small_project();
    if args.first().map(String::as_str) == Some("inputs") {
        let dir = std::path::PathBuf::from(args.get(1).map_or(".", String::as_str));
        std::fs::create_dir_all(&dir).expect("output directory");
        std::fs::write(dir.join("typical-fly.toml"), text).expect("write fly.toml");
        let files: serde_json::Map<String, serde_json::Value> = small
            .iter()
            .map(|(p, c)| (p.clone(), String::from_utf8_lossy(c).into_owned().into()))
            .collect();
        std::fs::write(
            dir.join("small-project.json"),
            serde_json::to_string_pretty(&files).expect("json"),
        )
        .expect("write project");
        return;
    }
    if args.first().map(String::as_str) == Some("compat") {
        let times: serde_json::Map<String, serde_json::Value> = args[1..]
            .iter()
            .map(|dir| {
                let us = median_us(11, 20, || {
                    black_box(
                        api::detect_compat(Path::new(dir), None, None, Vec::new(), false).ok(),
                    );
                });
                (dir.clone(), us.into())
            })
            .collect();
        let text = serde_json::to_string(&times).unwrap_or_default();
        let _ = writeln!(std::io::stdout().lock(), "{text}");
        return;
    }
    let request = api::DetectRequest::default();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let express = repo.join("fixtures/projects/fly-express-basic");
    let (batches, per) = (31, 300);
    let out = serde_json::json!({
        "api::check": median_us(batches, per, || {
            black_box(api::check(black_box(text), "fly.toml"));
        }),
        "api::parse": median_us(batches, per, || {
            black_box(api::parse(black_box(text)));
        }),
        "api::detect_files(small)": median_us(batches, per, || {
            black_box(api::detect_files(small.clone(), &request).ok());
        }),
        "api::detect_files(small) + serde_json::to_string": median_us(batches, per, || {
            let report = api::detect_files(small.clone(), &request).ok();
            black_box(serde_json::to_string(&report).ok());
        }),
        "api::detect_path(fly-express-basic)": median_us(batches, 30, || {
            black_box(api::detect_path(&express, &request, Vec::new()).ok());
        }),
    });
    let text = serde_json::to_string_pretty(&out).unwrap_or_default();
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}
