//! Minimal wasm-bindgen CLI: wbg <input.wasm> <out-dir> <web|nodejs|bundler>
//! (from the toolchain skeleton; flyconf adds the public `__wbg_reset_state`
//! export so the JS wrapper can re-instantiate after a trap that is not a panic).
use std::env;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: {} <input.wasm> <out-dir> <web|nodejs|bundler>", args[0]);
        std::process::exit(2);
    }
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    b.input_path(&args[1])
        .typescript(true)
        .omit_default_module_path(false)
        .reset_state_function(true);
    match args[3].as_str() {
        "web" => { b.web(true)?; }
        "nodejs" => { b.nodejs(true)?; }
        "bundler" => { b.bundler(true)?; }
        other => { eprintln!("unknown target {other}"); std::process::exit(2); }
    }
    b.generate(&args[2]).map_err(|e| format!("{e:?}"))?;
    Ok(())
}
