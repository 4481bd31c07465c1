//! Stable sorting through one copy of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element and the comparator, so every call site compiled
//! its own ~3 KB of merge/quick sort into the wasm (ten of them: 28 KB raw). These functions sort
//! a list of indices instead — always `usize` with the same comparator type, so one instance —
//! and then move the elements into that order with swaps, the only per-type code. The order is
//! the standard library's stable order: equal elements keep their relative order.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order = order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `key` gives, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order, like `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the stable order `cmp` (which compares the elements at two indices)
/// gives: position `k` of the result is the index of the element that belongs at `k`. The one
/// place the standard library's sort is instantiated.
fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Rearranges `v` so that `v[k]` becomes the old `v[order[k]]`, following each cycle of the
/// permutation with swaps (no copy of the elements, no `Clone` needed). `order` is used up: a
/// visited position is marked `usize::MAX`.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut k = start;
        loop {
            let j = std::mem::replace(&mut order[k], usize::MAX);
            if j == usize::MAX || j == start {
                break;
            }
            // Position k takes the old element j; the element that was at k (the old `start`)
            // moves on to j, which the next step fills in turn.
            v.swap(k, j);
            k = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // Pairs sorted by their first member only, so ties show whether the sort is stable.
        let mut seed = 0x2545_f491_u32;
        for len in [0, 1, 2, 3, 7, 20, 33, 100, 257] {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "len {len}");
            let mut ours = v.clone();
            let mut std = v;
            sort(&mut ours);
            std.sort();
            assert_eq!(ours, std, "len {len}");
        }
    }
}
