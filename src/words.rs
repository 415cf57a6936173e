//! A claim's content words as a small set of symbols.
//!
//! Every claim carries the content-word stems of its sentence (for the comparability
//! check in grouping). As a `Vec<String>` they were the largest part of a claim: ten
//! stems took about 380 bytes (the vector, ten string headers, ten allocations), and
//! the same few thousand stems were copied into every claim. Here each stem is
//! interned once per process and a claim keeps a sorted slice of 4-byte symbols
//! (in its context's one list of names, see [`crate::model::Context`]); counting the
//! stems two claims share is a merge of two short integer lists instead of binary
//! searches over strings.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use serde::{Serialize, Serializer};

use crate::name::Name;

/// A set of content-word stems, in symbol order, borrowed from the claim's context.
/// Serialized as the stems sorted as strings, as the `Vec<String>` it replaced was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words<'a>(&'a [Name]);

/// Every stem (and [`crate::name::Name`]) seen by this process, string to id. They
/// are leaked: a run meets a few thousand distinct stems (a language's vocabulary
/// bounds them, not the corpus size), and far fewer distinct names than claims.
#[derive(Default)]
struct Table {
    ids: HashMap<&'static str, u32, foldhash::fast::FixedState>,
}

static TABLE: LazyLock<RwLock<Table>> = LazyLock::new(|| {
    // The empty string is id 0, so that a default `Name` needs no table.
    let mut table = Table::default();
    table.add("");
    RwLock::new(table)
});

/// Id to string, read without a lock: a `Name` is looked up whenever it is compared
/// in order, shown or hashed, on every thread at once. Pushed to only under
/// `TABLE`'s write lock, so its indices are the ids.
static STRINGS: boxcar::Vec<&'static str> = boxcar::Vec::new();

impl Table {
    /// The id of `s`, added if it is new.
    fn add(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let name: &'static str = Box::leak(s.into());
        // An id below u32::MAX: a `Name` holds it plus one.
        let id = u32::try_from(STRINGS.push(name)).ok().filter(|&id| id < u32::MAX);
        let id = id.expect("fewer than 2^32 - 1 distinct strings");
        self.ids.insert(name, id);
        id
    }
}

/// The id of `s` in the process's one table of strings (for [`crate::name::Name`]:
/// the names and keys claims repeat are in the same table as the stems).
pub(crate) fn intern(s: &str) -> u32 {
    if let Some(&id) = TABLE.read().unwrap_or_else(|e| e.into_inner()).ids.get(s) {
        return id;
    }
    TABLE.write().unwrap_or_else(|e| e.into_inner()).add(s)
}

/// The string of an id [`intern`] gave.
pub(crate) fn string(id: u32) -> &'static str {
    if id == 0 {
        return "";
    }
    STRINGS[id as usize]
}

/// The set of `stems` (duplicates once), in symbol order.
pub fn set<S: AsRef<str>>(stems: impl IntoIterator<Item = S>) -> Vec<Name> {
    let stems: Vec<S> = stems.into_iter().collect();
    let mut ids = Vec::with_capacity(stems.len());
    let mut missing = Vec::new();
    {
        // One read lock for the whole set: most stems are known after the first few
        // documents.
        let table = TABLE.read().unwrap_or_else(|e| e.into_inner());
        for s in &stems {
            match table.ids.get(s.as_ref()) {
                Some(&id) => ids.push(id),
                None => missing.push(s.as_ref()),
            }
        }
    }
    if !missing.is_empty() {
        let mut table = TABLE.write().unwrap_or_else(|e| e.into_inner());
        for s in missing {
            // Another thread may have added it since the read.
            ids.push(table.add(s));
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().map(Name::from_id).collect()
}

impl<'a> Words<'a> {
    /// The set a slice in symbol order (from [`set`]) is.
    pub(crate) fn of(sorted: &'a [Name]) -> Words<'a> {
        Words(sorted)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many stems the two sets share.
    pub fn shared(&self, other: Words) -> usize {
        shared_sorted_by(self.0, other.0, Name::id)
    }

    /// The stems, sorted as strings.
    pub fn stems(&self) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = self.0.iter().map(|n| n.as_str()).collect();
        v.sort_unstable();
        v
    }
}

impl Serialize for Words<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.stems())
    }
}

/// How many entries two sorted slices have in common, counted as multisets (one
/// merge pass).
pub(crate) fn shared_sorted<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    shared_sorted_by(a, b, |&x| x)
}

/// [`shared_sorted`] of slices sorted by `key`.
fn shared_sorted_by<T, K: Ord>(a: &[T], b: &[T], key: impl Fn(&T) -> K) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match key(x).cmp(&key(y)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::{Words, set};

    #[test]
    fn sets_of_stems() {
        let (a, b) = (set(["releas", "list", "name", "list"]), set(["name", "zzz-unseen", "releas"]));
        let (a, b) = (Words::of(&a), Words::of(&b));
        assert_eq!(a.stems(), ["list", "name", "releas"]);
        assert_eq!(a.shared(b), 2);
        assert_eq!(b.shared(Words::default()), 0);
        assert!(Words::of(&set(Vec::<String>::new())).is_empty());
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"["list","name","releas"]"#);
    }
}
