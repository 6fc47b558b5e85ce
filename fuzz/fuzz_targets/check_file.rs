//! fly.toml and Dockerfile checking on arbitrary bytes: never panics, spans
//! stay inside the text, and applying the fixes never panics either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fly.toml", "Dockerfile"] {
        let report = flyconf::check_bytes(name, data);
        for d in &report.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= data.len());
        }
        if let Ok(text) = std::str::from_utf8(data) {
            let fixed = flyconf::fix::apply_fixes(text, &report.diagnostics);
            let _ = flyconf::parse(&fixed.text);
        }
    }
});
