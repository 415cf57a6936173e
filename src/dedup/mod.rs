//! Near-duplicate articles (syndicated copies), so agreement tallies count
//! independent texts. Candidates come from MinHash signatures (one-permutation
//! hashing) banded for locality-sensitive hashing (no all-pairs diff); each candidate
//! pair is confirmed with a diff from `similar` over the two articles' shingle
//! sketches.
//!
//! Both parts are computed from the text once, at extraction, and travel in the
//! claims stream's document records: `compare` over shards extracted apart decides
//! exactly as one `check` does.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::error::Result;
use crate::hash::fnv;

mod spool;
pub use spool::{Kept, Prints, Spool};

/// Words per shingle.
const SHINGLE: usize = 5;
/// Signature entries (bands × rows), one per bin of the one-permutation hashing.
const BINS: usize = 32;
/// Bits of a shingle's mixed hash that name its bin (`BINS` = 2^`BIN_BITS`).
const BIN_BITS: u32 = BINS.trailing_zeros();
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
    /// MinHash signature (one-permutation hashing, densified).
    pub signature: Vec<u64>,
    /// The first shingle hashes, in text order, 16 bits each: the diff only asks which
    /// are equal, and two unrelated sketches of 400 share about two entries by chance
    /// (0.6 % of the similarity the diff needs). 32-bit entries were 1.6 KB of the 1.9
    /// an article kept until the sources are known: 420 MB at BBC x100.
    pub sketch: Vec<u16>,
}

/// The fingerprint of a text (lower-cased alphanumeric words, 5-word shingles).
pub fn fingerprint(text: &str) -> Fingerprint {
    // Each word is hashed once and a shingle combines its words' hashes: hashing the
    // five words' bytes again for every shingle was a fifth of a fingerprint's cost.
    // The sketch diff compares shingles only for equality, which either hash keeps.
    let mut lower = String::new();
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            lower.clear();
            if w.is_ascii() {
                lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                // Per word, as the text says it: a final sigma is final in its word.
                lower.push_str(&w.to_lowercase());
            }
            fnv(&[&lower])
        })
        .collect();
    let shingles: Vec<u64> = if words.len() < SHINGLE {
        vec![shingle(&words)]
    } else {
        words.windows(SHINGLE).map(shingle).collect()
    };
    let sketch = shingles.iter().take(SKETCH).map(|h| (*h >> 48) as u16).collect();
    Fingerprint { signature: min_hashes(&shingles).to_vec(), sketch }
}

/// The key of each LSH band of a signature (`ROWS` entries, the last band what is
/// left): two documents share a band when they share its key. The keys are 64-bit
/// hashes of the rows, so a band's rows are told apart by them but for a chance of
/// 2^-64 a pair (and the diff confirms every candidate pair anyway).
pub fn bands(signature: &[u64]) -> Box<[u64]> {
    signature.chunks(ROWS).map(shingle).collect()
}

/// A shingle's hash from its words' hashes, in order (and a band's key from its rows).
fn shingle(words: &[u64]) -> u64 {
    words.iter().fold(words.len() as u64, |h, &w| (h.rotate_left(23) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The signature by one-permutation hashing: each shingle is mixed once, the top bits
/// of the mix pick its bin and the bin keeps its least value. 32 independent hashes
/// per shingle (one per permutation) were 14 % of a run's instructions without
/// AVX-512; the bands collide with about the same probability (each bin is a MinHash
/// over the shingles that fall in it).
fn min_hashes(shingles: &[u64]) -> [u64; BINS] {
    let mut bins = [u64::MAX; BINS];
    for &h in shingles {
        let x = mix(h);
        let b = &mut bins[(x >> (64 - BIN_BITS)) as usize];
        // Not `min`: a compare and a rarely taken store.
        if x < *b {
            *b = x;
        }
    }
    densify(&mut bins);
    bins
}

/// Fills the bins no shingle fell in (a short text leaves most of them empty) by
/// rotation: from the next filled bin to the right, mixed with the distance to it.
/// Left empty, they would be one value for every short text, and two short texts
/// would collide in every band whose bins both left empty.
fn densify(bins: &mut [u64; BINS]) {
    let filled = bins.map(|b| b != u64::MAX);
    for i in 0..BINS {
        if !filled[i] {
            // A text has at least one shingle, so some bin is filled.
            if let Some(d) = (1..BINS).find(|d| filled[(i + d) % BINS]) {
                bins[i] = mix(bins[(i + d) % BINS] ^ d as u64);
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
pub fn sources(prints: &Prints) -> Result<Vec<usize>> {
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
    let band = |&(b, d): &(u32, u32)| -> (u32, u64) { (b, prints.bands(d as usize)[b as usize]) };
    let mut entries: Vec<(u32, u32)> =
        (0..n).flat_map(|d| (0..prints.bands(d).len()).map(move |b| (b as u32, d as u32))).collect();
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
            if row.is_empty() {
                continue;
            }
            let first = prints.sketch(a)?;
            let similar: Vec<bool> = row
                .par_iter()
                .map(|&(_, b)| Ok(similar_enough(&first, &prints.sketch(b)?)))
                .collect::<Result<_>>()?;
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
    Ok((0..n).map(|i| find(&mut parent, i)).collect())
}

fn similar_enough(a: &[u16], b: &[u16]) -> bool {
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
fn shared(a: &[u16], b: &[u16]) -> usize {
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
        // In memory and spooled to a file, the sketches give the same sources.
        for spool in [Spool::to(None), Spool::new()] {
            let kept = prints.iter().cloned().map(|f| spool.keep(f)).collect();
            assert_eq!(sources(&spool.finish(kept)).unwrap(), vec![0, 0, 2]);
        }
    }

    #[test]
    fn short_texts_share_no_band() {
        // A dozen shingles fill at most a dozen of the 32 bins: the empty ones must not
        // be one value for all texts, or every pair of short texts would be a candidate.
        let a = fingerprint("Kenya sent 400 officers to Haiti in June to fight the gangs of the capital.");
        let b =
            fingerprint("The council approved a budget of 12 million pounds for the new library on Monday.");
        assert!(a.signature.chunks(ROWS).zip(b.signature.chunks(ROWS)).all(|(x, y)| x != y));
    }
}
