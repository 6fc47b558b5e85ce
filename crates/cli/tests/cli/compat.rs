//! `--compat fortium` reproduces the upstream Node detector: for every
//! fixture of the upstream probe script, the same JSON text (timing aside)
//! and the same exit code, in all-tools and `--tool flyio` mode.

use std::collections::BTreeMap;
use std::process::Command;

use super::{flyconf, mask_time, shared, stdout};

#[test]
fn upstream_golden_outputs_are_reproduced() {
    let Some(shared) = shared() else {
        eprintln!("../shared is not present: upstream goldens not compared");
        return;
    };
    let anchors = shared.join("anchors/fortium-tooling-detector");
    let fixtures = tempfile::tempdir().unwrap();
    let made = Command::new("bash")
        .arg(anchors.join("make-fixtures.sh"))
        .arg(fixtures.path())
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let codes: BTreeMap<(String, String), i32> =
        std::fs::read_to_string(anchors.join("golden/exit-codes.txt"))
            .unwrap()
            .lines()
            .filter_map(|l| {
                let mut parts = l.split_whitespace();
                let (name, mode, rc) = (parts.next()?, parts.next()?, parts.next()?);
                Some((
                    (name.to_owned(), mode.to_owned()),
                    rc.trim_start_matches("rc=").parse().ok()?,
                ))
            })
            .collect();
    assert_eq!(codes.len(), 66);
    let patterns = anchors.join("tooling-patterns.json");
    let mut failures = Vec::new();
    for ((name, mode), code) in &codes {
        let dir = fixtures.path().join(name);
        let mut args = vec![
            "detect",
            dir.to_str().unwrap(),
            "--compat",
            "fortium",
            "--patterns",
            patterns.to_str().unwrap(),
            "--format",
            "json",
        ];
        if mode == "flyio" {
            args.extend(["--tool", "flyio"]);
        }
        let out = flyconf(&args);
        let want =
            std::fs::read_to_string(anchors.join(format!("golden/{name}.{mode}.json"))).unwrap();
        if mask_time(&stdout(&out)) != mask_time(&want) || out.status.code() != Some(*code) {
            failures.push(format!(
                "{name} {mode}: exit {:?} (want {code})\n{}",
                out.status.code(),
                stdout(&out)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 66 differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn compat_keeps_upstream_cli_semantics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fly.toml"), "app = \"demo\"\n").unwrap();
    let path = dir.path().to_str().unwrap();
    // 0 falls back to the file's threshold (0.7): fly.toml alone is detected.
    let out = flyconf(&[
        "detect",
        path,
        "--compat",
        "fortium",
        "--min-confidence",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("\"minimum_confidence\": 0.7"));
    // Above 1 is accepted and detects nothing.
    let out = flyconf(&[
        "detect",
        path,
        "--compat",
        "fortium",
        "--min-confidence",
        "1.5",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    // Unknown --tools names are dropped silently.
    let out = flyconf(&[
        "detect",
        path,
        "--compat",
        "fortium",
        "--tools",
        "flyio,bogus",
        "--format",
        "json",
    ]);
    assert!(stdout(&out).contains("\"total_analyzed\": 1"));
    // A missing path is not an error: nothing is detected.
    let out = flyconf(&[
        "detect",
        "/no/such/project",
        "--compat",
        "fortium",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    // An unknown --tool is an error (exit 2), as upstream's TypeError is.
    let out = flyconf(&["detect", path, "--compat", "fortium", "--tool", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[unknown-tool]"));
}
