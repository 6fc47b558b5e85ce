//! Bad input gets a structured error naming where the problem is.

use detect_core::{DetectorBuilder, Error, PatternFile};

fn build(json: &str) -> Error {
    let file = match PatternFile::from_json(json, "custom.json") {
        Ok(f) => f,
        Err(e) => return e.into(),
    };
    DetectorBuilder::new()
        .patterns(file)
        .build()
        .expect_err("must not compile")
}

#[test]
fn invalid_regex_names_tool_and_signal() {
    let e = build(
        r#"{"tools":{"acme":{"detection_signals":{"cli":{"weight":1,"file_patterns":["**/*.sh"],"patterns":["ok","(?=look)"]}}}}}"#,
    );
    assert_eq!(e.code(), "pattern-invalid-regex");
    let Error::Pattern(p) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        p.location.json_path,
        "tools.acme.detection_signals.cli.patterns[1]"
    );
    assert!(e.to_string().contains("(?=look)"), "{e}");
    assert!(
        e.suggestion().contains("reject_patterns"),
        "{}",
        e.suggestion()
    );
}

#[test]
fn invalid_glob_names_tool_and_signal() {
    let e = build(
        r#"{"tools":{"acme":{"detection_signals":{"f":{"weight":1,"files":["ok.txt","src/[a-"]}}}}}"#,
    );
    assert_eq!(e.code(), "pattern-invalid-glob");
    let Error::Pattern(p) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        p.location.json_path,
        "tools.acme.detection_signals.f.files[1]"
    );
}

#[test]
fn weight_out_of_range_and_duplicates() {
    let e = build(r#"{"tools":{"acme":{"detection_signals":{"f":{"weight":7,"files":["x"]}}}}}"#);
    assert_eq!(e.code(), "pattern-out-of-range");
    let file = PatternFile::from_json(
        r#"{"tools":{"acme":{"detection_signals":{"f":{"weight":1,"files":["x"]}}}}}"#,
        "a.json",
    )
    .unwrap();
    let again = PatternFile {
        origin: "b.json".into(),
        ..file.clone()
    };
    let e = DetectorBuilder::new()
        .patterns(file)
        .patterns(again)
        .build()
        .expect_err("duplicate");
    assert_eq!(e.code(), "pattern-duplicate-tool");
    assert!(e.to_string().contains("a.json"), "{e}");
}

#[test]
fn missing_paths_and_unknown_tools() {
    let detector = detect_core::Detector::builtin().unwrap();
    let e = detector
        .detect_path("/definitely/not/here", &Default::default(), None)
        .expect_err("missing");
    assert_eq!(e.code(), "path-not-found");
    let e = detector.filter(&["flyi"], true).expect_err("typo");
    assert_eq!(e.code(), "unknown-tool");
    assert!(
        e.suggestion().contains("did you mean `flyio`"),
        "{}",
        e.suggestion()
    );
    assert!(
        detector.filter(&["flyi"], false).is_ok(),
        "lenient filters drop unknown ids"
    );
}

#[test]
fn the_embedded_patterns_all_compile() {
    assert!(detect_core::Detector::builtin().unwrap().compile_all());
}
