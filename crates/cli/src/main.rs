//! The `flyconf` command. Thin: it parses arguments, calls the library,
//! renders the result, and chooses the exit status.

mod args;
mod check;
mod cost;
mod detect;
mod explain;
mod failure;
mod init;
mod migrate;
mod recommend;
mod render;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cli.command {
        args::Command::Detect(a) => detect::run(&a),
        args::Command::Check(a) => check::run(&a),
        args::Command::Explain(a) => explain::run(&a),
        args::Command::Init(a) => init::run(&a),
        args::Command::Templates(a) => init::templates(&a),
        args::Command::Cost(a) => cost::run(&a),
        args::Command::Migrate(a) => migrate::run(&a),
        args::Command::Recommend(a) => recommend::run(&a),
    }
}
