//! The worked example in skills/tooling-detector/README.md scores what the
//! README says it scores.

use detect_core::{DetectOptions, DetectorBuilder, MemoryProject, PatternFile};

use super::repo;

fn readme_example() -> String {
    let readme = std::fs::read_to_string(repo().join("skills/tooling-detector/README.md")).unwrap();
    let section = &readme[readme.find("## Writing a signal").expect("section")..];
    let start = section.find("```json\n").expect("json block") + "```json\n".len();
    let end = start + section[start..].find("```").expect("closing fence");
    section[start..end].to_owned()
}

fn score(files: &[(&str, &str)]) -> f64 {
    let json = format!("{{\"tools\": {{{}}}}}", readme_example());
    let file = PatternFile::from_json(&json, "README example").unwrap();
    let detector = DetectorBuilder::new().patterns(file).build().unwrap();
    let project = MemoryProject::from_files(files.iter().copied()).unwrap();
    let mut scratch = detector.scratch();
    let report = detector
        .detect(&project, &mut scratch, &DetectOptions::default())
        .unwrap();
    report.get("acme").unwrap().confidence()
}

#[test]
fn readme_example_scores_as_documented() {
    assert_eq!(score(&[("acme.toml", "service = \"web\"\n")]), 0.8);
    let both = score(&[(
        ".github/workflows/deploy.yml",
        "run: acme deploy --prod\nenv:\n  ACME_TOKEN: ${{ secrets.ACME_TOKEN }}\n",
    )]);
    assert!((both - 0.85).abs() < 1e-12, "{both}");
    assert!((score(&[("deploy.sh", "acme deploy\n")]) - 0.1).abs() < 1e-12);
    assert_eq!(
        score(&[("deploy.sh", "acme deploy --dry-run\n")]),
        0.0,
        "reject_patterns veto"
    );
}
