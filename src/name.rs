//! Interned strings for what claims repeat: subject keys, units, labels, entity and
//! scope names, events, attributions.
//!
//! Each claim held them as `String`s: a 24-byte header and an allocation apiece,
//! though a run names the same few thousand keys and entities in claim after claim
//! (BBC x1 has about 800 bytes per claim, most of them these small strings). A
//! [`Name`] is the 4-byte id of the process's one copy (a 16-byte `&str` before: a
//! claim and its context hold ten of them, and BBC x100 has two million claims).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU32;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An interned string: compares, hashes, orders and serializes as the string. Equal
/// strings have one id, so equality is the ids'; order and hash are the strings', so
/// that nothing depends on the order in which threads met the names.
///
/// Held as the id plus one, so that an `Option<Name>` is 4 bytes too.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Name(NonZeroU32);

impl Name {
    /// The one copy of `s`.
    pub fn new(s: &str) -> Name {
        Name::from_id(crate::words::intern(s))
    }

    /// The string.
    pub fn as_str(&self) -> &'static str {
        crate::words::string(self.0.get() - 1)
    }

    /// The string's id in the process's table (its order of first sight, not the
    /// strings' order).
    pub(crate) fn id(&self) -> u32 {
        self.0.get() - 1
    }

    /// The name of a string id the table gave.
    pub(crate) fn from_id(id: u32) -> Name {
        Name(NonZeroU32::MIN.saturating_add(id))
    }
}

/// The empty string.
impl Default for Name {
    fn default() -> Name {
        Name(NonZeroU32::MIN)
    }
}

impl Hash for Name {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, o: &Name) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Name {
    fn cmp(&self, o: &Name) -> Ordering {
        if self.0 == o.0 { Ordering::Equal } else { self.as_str().cmp(o.as_str()) }
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name::new(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name::new(&s)
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name::new(s)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        Ok(Name::new(&std::borrow::Cow::<str>::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::Name;

    #[test]
    fn names_are_their_strings() {
        // Interned in the other order than they sort: order is the strings'.
        let (z, a) = (Name::new("zz-name-test"), Name::new("aa-name-test"));
        assert!(a < z);
        assert_eq!(Name::new("zz-name-test"), z);
        assert_ne!(a, z);
        assert_eq!(a.as_str(), "aa-name-test");
        assert_eq!(Name::default(), Name::new(""));
        assert!(Name::default().is_empty());
        // Hashed as the string, so that a map keyed by names is looked up by `&str`.
        let map: std::collections::HashMap<Name, u8> = [(z, 1)].into();
        assert_eq!(map.get("zz-name-test"), Some(&1));
        assert_eq!(std::mem::size_of::<Option<Name>>(), 4);
    }
}
