//! Near-duplicate articles (syndicated copies), so agreement tallies count
//! independent texts. Candidates come from MinHash signatures banded for
//! locality-sensitive hashing (no all-pairs diff); each candidate pair is confirmed
//! with a diff from `similar` over the two articles' shingle sketches.
//!
//! Both parts are computed from the text once, at extraction, and travel in the
//! claims stream's document records: `compare` over shards extracted apart decides
//! exactly as one `check` does.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::hash::fnv;

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash permutations (bands × rows).
const PERMS: usize = 32;
/// Rows per LSH band: 16 bands of 2 rows catch pairs with Jaccard ≳ 0.4 (the diff
/// then confirms).
const ROWS: usize = 2;
/// Shingles kept, in text order, for the confirming diff.
const SKETCH: usize = 400;
/// Diff similarity of the sketches at which two articles are one source.
const SAME_SOURCE: f64 = 0.8;

/// What dedup needs of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// MinHash signature.
    pub signature: Vec<u64>,
    /// The first shingle hashes, in text order.
    pub sketch: Vec<u32>,
}

/// The fingerprint of a text (lower-cased alphanumeric words, 5-word shingles).
pub fn fingerprint(text: &str) -> Fingerprint {
    // The lower-cased words side by side in one buffer (no allocation per word or
    // shingle: this ran once per document and was a tenth of a run).
    let mut lower = String::with_capacity(text.len());
    let mut words: Vec<(usize, usize)> = Vec::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let start = lower.len();
        if w.is_ascii() {
            lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // Per word, as the text says it: a final sigma is final in its word.
            lower.push_str(&w.to_lowercase());
        }
        words.push((start, lower.len()));
    }
    let word = |(a, b): (usize, usize)| &lower[a..b];
    let shingles: Vec<u64> = if words.len() < SHINGLE {
        vec![fnv(&[&words.iter().map(|&w| word(w)).collect::<Vec<_>>().join(" ")])]
    } else {
        words.windows(SHINGLE).map(|w| fnv(&std::array::from_fn::<_, SHINGLE, _>(|k| word(w[k])))).collect()
    };
    let mut signature = [u64::MAX; PERMS];
    min_hashes(&shingles, &mut signature);
    let sketch = shingles.iter().take(SKETCH).map(|h| (*h >> 32) as u32).collect();
    Fingerprint { signature: signature.to_vec(), sketch }
}

/// Lowers each permutation's minimum over the shingles. 32 hashes per shingle were
/// most of a fingerprint's cost: on a CPU with AVX-512 (64-bit multiplies in vector
/// registers) the same loop is compiled to run eight permutations per instruction,
/// 2.3 times as fast (2 million shingles: 29 ms instead of 67).
fn min_hashes(shingles: &[u64], signature: &mut [u64; PERMS]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f") && std::arch::is_x86_feature_detected!("avx512dq") {
        // SAFETY: the CPU has the features `min_hashes_avx512` is compiled for.
        unsafe { min_hashes_avx512(shingles, signature) };
        return;
    }
    min_hashes_loop(shingles, signature);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
unsafe fn min_hashes_avx512(shingles: &[u64], signature: &mut [u64; PERMS]) {
    min_hashes_loop(shingles, signature);
}

// Inlined into its callers, so that each compiles it for its own target features.
#[inline(always)]
fn min_hashes_loop(shingles: &[u64], signature: &mut [u64; PERMS]) {
    for &h in shingles {
        for (k, s) in signature.iter_mut().enumerate() {
            // Not `min`: a compare and a rarely taken store is four times faster
            // without AVX-512, and as fast with it.
            let x = mix(h ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            if x < *s {
                *s = x;
            }
        }
    }
}

#[inline(always)]
fn mix(mut x: u64) -> u64 {
    // splitmix64 finalizer
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Independent source id of each document: the index of the first document of its
/// near-duplicate cluster.
pub fn sources(prints: &[&Fingerprint]) -> Vec<usize> {
    let n = prints.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    // The LSH buckets are the runs of equal bands in one sorted list of (band, document)
    // entries, and their pairs are tried bucket by bucket as they come. A map of
    // buckets and the list of all their pairs took 61 MB on BBC x10 (ten near-copies of
    // each article: 45 pairs a bucket, 16 buckets a cluster), growing with the square
    // of the copies.
    let band = |&(b, d): &(u32, u32)| -> (u32, &[u64]) {
        let (s, i) = (&prints[d as usize].signature, b as usize * ROWS);
        (b, &s[i..(i + ROWS).min(s.len())])
    };
    let mut entries: Vec<(u32, u32)> = prints
        .iter()
        .enumerate()
        .flat_map(|(d, f)| (0..f.signature.len().div_ceil(ROWS)).map(move |b| (b as u32, d as u32)))
        .collect();
    entries.par_sort_unstable_by(|x, y| band(x).cmp(&band(y)).then(x.1.cmp(&y.1)));
    // The clusters are the connected components of the similar pairs, whatever the
    // order pairs are tried in; a pair already joined needs no diff, nor does one
    // found dissimilar in an earlier bucket. A bucket is tried one document at a time:
    // its pairs with the later documents of the bucket not yet in its cluster, their
    // diffs taken on all cores, then joined. Copies of one article are then joined by
    // the first copy's row, one diff per copy (taken in runs of 64 pairs across rows,
    // a bucket of ten copies had 45 diffs, of a hundred 4,950).
    let mut dissimilar: HashSet<(usize, usize)> = HashSet::new();
    for bucket in entries.chunk_by(|x, y| band(x) == band(y)).filter(|b| b.len() > 1) {
        let first = find(&mut parent, bucket[0].1 as usize);
        if bucket.iter().all(|&(_, d)| find(&mut parent, d as usize) == first) {
            continue;
        }
        for (k, &(_, a)) in bucket.iter().enumerate() {
            let a = a as usize;
            let row: Vec<(usize, usize)> = bucket[k + 1..]
                .iter()
                .map(|&(_, b)| (a, b as usize))
                .filter(|&(a, b)| {
                    find(&mut parent, a) != find(&mut parent, b) && !dissimilar.contains(&(a, b))
                })
                .collect();
            let similar: Vec<bool> =
                row.par_iter().map(|&(a, b)| similar_enough(&prints[a].sketch, &prints[b].sketch)).collect();
            for (&(a, b), s) in row.iter().zip(similar) {
                if s {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                } else {
                    dissimilar.insert((a, b));
                }
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

fn similar_enough(a: &[u32], b: &[u32]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    // The diff's equal entries are a common subsequence, so at most the entries the
    // two sketches share as multisets: when even those are too few, no diff is needed.
    if 2.0 * shared(a, b) as f64 / ((a.len() + b.len()) as f64) < SAME_SOURCE {
        return false;
    }
    let same: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| if let DiffOp::Equal { len, .. } = op { *len } else { 0 })
        .sum();
    2.0 * same as f64 / (a.len() + b.len()) as f64 >= SAME_SOURCE
}

/// How many entries `a` and `b` have in common, counted as multisets.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort_unstable();
    b.sort_unstable();
    crate::words::shared_sorted(&a, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_one_source_rewrites_are_not() {
        let body = "The mission began in June and officers were sent by Kenya to Haiti to fight the gangs \
                    that control the capital city. Officials said the deployment would grow through the \
                    year as more countries joined and funding arrived from donors abroad.";
        let a = format!("{body} About 400 officers are there now.");
        let b = format!("{body} About 500 officers are there now.");
        let c = "Kenyan police landed in Port-au-Prince this summer, the first of a planned multinational \
                 force against armed groups, while diplomats argued over money in New York.";
        let prints: Vec<Fingerprint> = [a.as_str(), b.as_str(), c].iter().map(|t| fingerprint(t)).collect();
        let refs: Vec<&Fingerprint> = prints.iter().collect();
        assert_eq!(sources(&refs), vec![0, 0, 2]);
    }
}
