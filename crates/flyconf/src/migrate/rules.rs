//! The `MG` rules live in the one registry
//! ([`crate::diagnostic::registry`]); this re-exports them for the converters.

pub use crate::diagnostic::registry::migration_rules::*;
