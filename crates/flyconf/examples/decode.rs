//! Prints the decoded model and diagnostics of fly.toml files (development aid).
#![allow(clippy::print_stdout, clippy::unwrap_used, missing_docs)]
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let d = flyconf::decode::decode(&text);
        println!("== {path}");
        for x in &d.diagnostics {
            println!(
                "{}:{}:{} {} {} [{}]",
                path,
                x.span.line,
                x.span.column,
                x.code,
                x.message,
                x.key_path.as_deref().unwrap_or("")
            );
        }
        if std::env::var("MODEL").is_ok() {
            println!("{}", d.config.to_toml());
        }
    }
}
