//! Rust-side per-call times of what the Python binding calls, on the same
//! inputs, for `bench/timing.py` to compare against.
//!
//! ```sh
//! cargo run --release --example rust_timing            # JSON: {name: median µs}
//! cargo run --release --example rust_timing -- inputs  # JSON: the inputs themselves
//! ```
//!
//! With `FLYCONF_TIMING_TOML=<file>`, also times `check` on that file
//! (`check_file`), for a result with diagnostics in it.

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

/// Median per-call time of `f` in µs over `batches` batches of `iters` calls.
fn median_us<T>(batches: usize, iters: usize, mut f: impl FnMut() -> T) -> f64 {
    for _ in 0..iters {
        black_box(f());
    }
    let mut per_call: Vec<f64> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            start.elapsed().as_secs_f64() * 1e6 / iters as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[per_call.len() / 2]
}

fn main() {
    let text = flyconf_benches::TYPICAL_FLY_TOML;
    let small = flyconf_benches::small_project();
    let mut out = std::io::stdout().lock();
    if std::env::args().nth(1).as_deref() == Some("inputs") {
        let files: serde_json::Map<String, serde_json::Value> = small
            .iter()
            .map(|(p, c)| (p.clone(), String::from_utf8_lossy(c).into_owned().into()))
            .collect();
        let inputs = serde_json::json!({"typical_fly_toml": text, "small_project": files});
        writeln!(out, "{inputs}").expect("stdout");
        return;
    }
    let options = flyconf::api::DetectRequest::default();
    let django = flyconf::generate::Options {
        template: "python-django".into(),
        ..Default::default()
    };
    let extra = std::env::var_os("FLYCONF_TIMING_TOML")
        .map(|p| std::fs::read_to_string(p).expect("FLYCONF_TIMING_TOML is readable"));
    let mut times = serde_json::json!({
        "check": median_us(41, 300, || flyconf::api::check(black_box(text), "fly.toml")),
        "check+json": median_us(41, 300, || {
            serde_json::to_string(&flyconf::api::check(black_box(text), "fly.toml")).map(|s| s.len())
        }),
        "parse": median_us(41, 300, || flyconf::api::parse(black_box(text))),
        "plan": median_us(41, 300, || flyconf::api::plan(black_box(&django))),
        "detect_files": median_us(41, 300, || {
            flyconf::api::detect_files(black_box(small.clone()), &options).map(|r| r.detected)
        }),
        "detect_files+json": median_us(41, 300, || {
            flyconf::api::detect_files(black_box(small.clone()), &options)
                .map(|r| serde_json::to_string(&r).map(|s| s.len()))
        }),
    });
    if let Some(text) = &extra {
        times["check_file"] =
            median_us(41, 300, || flyconf::api::check(black_box(text), "fly.toml")).into();
    }
    writeln!(out, "{times}").expect("stdout");
}
