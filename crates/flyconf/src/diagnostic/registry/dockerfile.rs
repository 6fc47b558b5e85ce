//! placeholder
use crate::diagnostic::Rule;
/// Rules of this family.
pub(super) static RULES: &[&Rule] = &[];
