//! Near-duplicate articles (syndicated copies), so agreement tallies count
//! independent texts. Candidates come from MinHash signatures banded for
//! locality-sensitive hashing (no all-pairs diff); each candidate pair is confirmed
//! with a word diff from `similar`.

use std::collections::HashMap;

use crate::hash::fnv;

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash permutations (bands × rows).
const PERMS: usize = 32;
/// Rows per LSH band: 16 bands of 2 rows catch pairs with Jaccard ≳ 0.4 (the diff
/// then confirms).
const ROWS: usize = 2;
/// Word-diff similarity at which two articles are one source.
const SAME_SOURCE: f32 = 0.8;
/// Words compared by the confirming diff.
const DIFF_WORDS: usize = 3000;

/// The MinHash signature of a text (lower-cased alphanumeric words, 5-word shingles).
pub fn signature(text: &str) -> Vec<u64> {
    let words: Vec<String> = words(text).map(str::to_lowercase).collect();
    let mut sig = vec![u64::MAX; PERMS];
    let mut add = |h: u64| {
        for (k, s) in sig.iter_mut().enumerate() {
            let x = mix(h ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            if x < *s {
                *s = x;
            }
        }
    };
    if words.len() < SHINGLE {
        add(fnv(&[&words.join(" ")]));
    } else {
        for w in words.windows(SHINGLE) {
            let parts: Vec<&str> = w.iter().map(String::as_str).collect();
            add(fnv(&parts));
        }
    }
    sig
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finalizer
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A short hex fingerprint of a signature (for the claims stream).
pub fn fingerprint(sig: &[u64]) -> String {
    sig.iter().map(|x| format!("{:04x}", x >> 48)).collect()
}

/// Independent source id of each document: the index of the first document of its
/// near-duplicate cluster. `texts[i]` is document i's text.
pub fn sources(texts: &[&str], sigs: &[Vec<u64>]) -> Vec<usize> {
    let n = texts.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut buckets: HashMap<(usize, Vec<u64>), Vec<usize>> = HashMap::new();
    for (i, sig) in sigs.iter().enumerate() {
        for (b, band) in sig.chunks(ROWS).enumerate() {
            buckets.entry((b, band.to_vec())).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = buckets
        .values()
        .filter(|v| v.len() > 1)
        .flat_map(|v| v.iter().enumerate().flat_map(move |(k, &a)| v[k + 1..].iter().map(move |&b| (a, b))))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    for (a, b) in pairs {
        if find(&mut parent, a) != find(&mut parent, b) && similar_enough(texts[a], texts[b]) {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

fn similar_enough(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = words(a).take(DIFF_WORDS).collect();
    let wb: Vec<&str> = words(b).take(DIFF_WORDS).collect();
    similar::TextDiff::configure()
        .timeout(std::time::Duration::from_millis(200))
        .diff_slices(&wa, &wb)
        .ratio()
        >= SAME_SOURCE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_one_source_rewrites_are_not() {
        let a = "The mission began in June and 400 officers were sent by Kenya to Haiti to fight the gangs that control the capital city.";
        let b = "The mission began in June and 500 officers were sent by Kenya to Haiti to fight the gangs that control the capital city.";
        let c = "Kenyan police landed in Port-au-Prince this summer, the first of a planned multinational force against armed groups.";
        let texts = [a, b, c];
        let sigs: Vec<_> = texts.iter().map(|t| signature(t)).collect();
        assert_eq!(sources(&texts, &sigs), vec![0, 0, 2]);
    }
}
