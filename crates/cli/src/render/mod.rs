//! Output for people. JSON output is the library's serde types, printed
//! by `flyconf::detect::json`.

pub(crate) mod text;
