//! `docs/rules.md` is generated from the registry; this test keeps it in
//! sync (`UPDATE_DOCS=1` rewrites it) and checks every rule's docs link
//! points at its anchor there.

use super::repo;
use flyconf::diagnostic::{Category, registry};

fn generate() -> String {
    let mut out = String::from(
        "# flyconf rules\n\nGenerated from the rule registry (`crates/flyconf/src/diagnostic/registry/`) by\n`UPDATE_DOCS=1 cargo test -p flyconf --test integration docs`. `flyconf explain CODE` prints the same text.\n\n| Code | Name | Severity | Summary |\n|---|---|---|---|\n",
    );
    for r in registry::all() {
        out.push_str(&format!(
            "| [{0}](#{0}) | {1} | {2} | {3} |\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        ));
    }
    let mut category: Option<Category> = None;
    for r in registry::all() {
        if category != Some(r.category) {
            category = Some(r.category);
            out.push_str(&format!("\n# {}\n", r.category.title()));
        }
        out.push_str(&format!("\n<a id=\"{}\"></a>\n\n", r.code));
        out.push_str(
            &registry::to_markdown(r)
                .replace("\n### ", "\n#### ")
                .replacen("## ", "### ", 1),
        );
    }
    out
}

#[test]
fn rules_md_is_generated_from_the_registry() {
    let path = repo().join("docs/rules.md");
    let text = generate();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/rules.md is out of date: run UPDATE_DOCS=1 cargo test -p flyconf --test integration docs"
    );
    for r in registry::all() {
        assert!(r.docs_url.ends_with(&format!("docs/rules.md#{}", r.code)));
        assert!(text.contains(&format!("<a id=\"{}\"></a>", r.code)));
    }
}
