//! `flyconf check` and `flyconf explain`.

use super::{flyconf, stdout};

const BROKEN: &str = "# my app\napp = \"demo-app\"\nprimary_region = \"sea\" # old region\n\n[http_service]\n  intenal_port = 8080\n  force_https = true\n  auto_stop_machines = \"on\"\n\n[[vm]]\n  size = \"shared-cpu-1x\"\n  memory = \"1gb\"\n";

/// Runs flyconf with `args`; returns the exit status and the JSON on stdout.
fn json(args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = flyconf(args);
    (
        out.status.code(),
        serde_json::from_str(&stdout(&out)).unwrap(),
    )
}

/// The codes of the first file's diagnostics.
fn codes(report: &serde_json::Value) -> Vec<&str> {
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    let path = path.to_string_lossy().into_owned();
    (dir, path)
}

#[test]
fn json_report_has_the_documented_shape_and_exit_1_on_errors() {
    let (_dir, path) = temp_file("fly.toml", BROKEN.as_bytes());
    let (status, v) = json(&["check", &path, "--format", "json"]);
    assert_eq!(status, Some(1));
    let d = &v["files"][0]["diagnostics"][0];
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "code",
            "severity",
            "message",
            "span",
            "key_path",
            "suggestion",
            "docs",
            "fix"
        ]
    );
    let span: Vec<&str> = d["span"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        span,
        [
            "start",
            "end",
            "line",
            "column",
            "end_line",
            "end_column",
            "utf16_start",
            "utf16_end"
        ]
    );
    let codes = codes(&v);
    assert!(
        codes.contains(&"FT004") && codes.contains(&"FT009") && codes.contains(&"FR304"),
        "{codes:?}"
    );
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn text_report_renders_snippets() {
    let (dir, _) = temp_file("fly.toml", BROKEN.as_bytes());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flyconf"))
        .args(["check"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_text_broken", stdout(&out));
}

#[test]
fn fix_applies_in_place_and_keeps_comments() {
    let (_dir, path) = temp_file("fly.toml", BROKEN.as_bytes());
    let out = flyconf(&["check", "--fix", &path]);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(
        fixed.contains("# my app") && fixed.contains("# old region"),
        "{fixed}"
    );
    assert!(fixed.contains("primary_region = \"sjc\""), "{fixed}");
    assert!(
        fixed.contains("internal_port = 8080") && fixed.contains("auto_stop_machines = \"stop\""),
        "{fixed}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed"));
    let (_, v) = json(&["check", &path, "--format", "json"]);
    assert_eq!(v["summary"]["errors"], 0, "{v}");
}

#[test]
fn missing_file_is_exit_2_with_a_structured_error() {
    let (status, v) = json(&["check", "no/such/fly.toml", "--format", "json"]);
    assert_eq!(status, Some(2));
    assert_eq!(v["error"]["code"], "path-not-found");
    assert!(
        v["error"]["suggestion"]
            .as_str()
            .unwrap()
            .contains("fly launch")
    );
}

#[test]
fn binary_input_is_a_diagnostic_not_a_crash() {
    let (_dir, path) = temp_file("fly.toml", b"\x7fELF\x02\x01\x00\x00garbage\xff\xfe");
    let (status, v) = json(&["check", &path, "--format", "json"]);
    assert_eq!(status, Some(1));
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "FT002");
}

#[test]
fn dockerfiles_are_recognised_by_name() {
    let (_dir, path) = temp_file("Dockerfile", b"FROM node\nCMD node server.js\n");
    let (_, v) = json(&["check", &path, "--format", "json"]);
    let codes = codes(&v);
    assert!(
        codes.iter().all(|c| c.starts_with("DF"))
            && codes.contains(&"DF403")
            && codes.contains(&"DF404"),
        "{codes:?}"
    );
}

#[test]
fn explain_prints_docs_and_rejects_unknown_codes() {
    let out = flyconf(&["explain", "ft004"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("## FT004 unknown-key") && text.contains("### Fix"),
        "{text}"
    );
    let list = stdout(&flyconf(&["explain"]));
    assert!(list.lines().count() >= 60 && list.contains("FS201"));
    let (status, v) = json(&["explain", "FT0O4", "--format", "json"]);
    assert_eq!(status, Some(2));
    assert_eq!(v["error"]["code"], "unknown-rule");
    assert!(v["error"]["suggestion"].as_str().unwrap().contains("FT004"));
}
