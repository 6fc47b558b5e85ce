//! Writes a benchmark tree to disk: `synth-tree small|monorepo DIR`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(kind), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: synth-tree small|monorepo DIR");
        return ExitCode::from(2);
    };
    let files = match kind.as_str() {
        "small" => flyconf_benches::small_project(),
        "monorepo" => flyconf_benches::standard_monorepo(),
        other => {
            eprintln!("unknown tree `{other}`: use small or monorepo");
            return ExitCode::from(2);
        }
    };
    match flyconf_benches::write_tree(std::path::Path::new(dir), &files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write {dir}: {e}");
            ExitCode::from(2)
        }
    }
}
