//! Output for people. JSON output is the library's serde types, printed
//! by `detect_core::json`.

pub(crate) mod text;
