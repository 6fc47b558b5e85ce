//! One sort for the crate's position sorts. Every `sort_by_key` with its own
//! key type compiles its own copy of the standard library's sort (about
//! 2.5 KB of WebAssembly each, and the WASM module has a size budget);
//! sorting `(usize, usize, usize)` keys with `sort_unstable` everywhere
//! compiles one.

/// The third field of each key (an index), in key order. With distinct
/// indices the keys are distinct, so the order is fully determined: equal
/// positions keep their index order, as a stable sort would.
pub(crate) fn sorted(
    keys: impl Iterator<Item = (usize, usize, usize)>,
) -> impl Iterator<Item = usize> {
    let mut keys: Vec<(usize, usize, usize)> = keys.collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, _, i)| i)
}

#[cfg(test)]
mod tests {
    #[test]
    fn by_position_then_index() {
        let keys = [(5, 0, 0), (1, 9, 1), (1, 2, 2), (5, 0, 3), (0, 0, 4)];
        let order: Vec<usize> = super::sorted(keys.into_iter()).collect();
        assert_eq!(order, vec![4, 2, 1, 0, 3]);
    }
}
