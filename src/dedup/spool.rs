//! Where the run's fingerprints wait for [`super::sources`]: the signatures' band
//! keys in memory, signatures and sketches in an unnamed temporary file.

use std::borrow::Cow;
use std::fs::File;
use std::io;
#[cfg(not(unix))]
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use super::Fingerprint;
use crate::error::{Error, Result};

/// The run's fingerprints, by document. Finding the candidate pairs reads every
/// document's bands, so a key per band stays in memory (128 bytes where the whole
/// signature was 256: 28 MB at BBC x100). A sketch (800 bytes) is read only for the
/// pairs of a candidate bucket, and the signature only to write the claims stream, so
/// they wait in an unnamed temporary file from the moment they are made: at BBC x100
/// the sketches are 178 MB (222,500 of 800 bytes), and in the file they are the
/// kernel's page cache, not the process's. Where no temporary file can be made or
/// written, they stay in memory.
pub struct Prints {
    spool: Spool,
    kept: Vec<Kept>,
}

/// Where sketches are written as documents are fingerprinted, on any thread.
pub struct Spool {
    file: Option<File>,
    /// Where the next sketch goes in the file. Its lock is held for each write (and,
    /// where reads cannot be positional, for each read).
    end: Mutex<u64>,
}

/// One document's fingerprint as the run keeps it.
pub struct Kept {
    bands: Box<[u64]>,
    rest: Rest,
}

/// The signature and the sketch.
enum Rest {
    /// Boxed: rarely here, and `Kept` is then 40 bytes, not 64.
    Here(Box<Fingerprint>),
    /// Byte offset in the spool's file, then the entries of the signature and of the
    /// sketch written there in turn.
    There(u64, u32, u32),
}

impl Spool {
    /// A spool to a new unnamed temporary file (in memory when none can be made).
    pub fn new() -> Spool {
        Spool::to(tempfile::tempfile().ok())
    }

    /// A spool to `file`; with none, every sketch stays in memory.
    pub(super) fn to(file: Option<File>) -> Spool {
        Spool { file, end: Mutex::new(0) }
    }

    /// Keeps `f`, its sketch written out. A sketch that cannot be written (a full
    /// disk) stays in memory.
    pub fn keep(&self, f: Fingerprint) -> Kept {
        let bands = super::bands(&f.signature);
        let lengths = (u32::try_from(f.signature.len()), u32::try_from(f.sketch.len()));
        let rest = match (&self.file, lengths) {
            (Some(file), (Ok(n), Ok(m))) => {
                let signature = f.signature.iter().flat_map(|x| x.to_le_bytes());
                let bytes: Vec<u8> = signature.chain(f.sketch.iter().flat_map(|x| x.to_le_bytes())).collect();
                let mut end = self.end.lock().unwrap_or_else(|e| e.into_inner());
                let at = *end;
                match write_at(file, &bytes, at) {
                    Ok(()) => {
                        *end += bytes.len() as u64;
                        Rest::There(at, n, m)
                    }
                    Err(_) => Rest::Here(Box::new(f)),
                }
            }
            _ => Rest::Here(Box::new(f)),
        };
        Kept { bands, rest }
    }

    /// The prints of a run, in document order.
    pub fn finish(self, kept: Vec<Kept>) -> Prints {
        Prints { spool: self, kept }
    }

    /// Reads `buf.len()` bytes at `at`.
    fn read_at(&self, buf: &mut [u8], at: u64) -> io::Result<()> {
        let file = self.file.as_ref().ok_or_else(|| io::Error::other("no spool file"))?;
        #[cfg(unix)]
        return std::os::unix::fs::FileExt::read_exact_at(file, buf, at);
        #[cfg(not(unix))]
        {
            let _cursor = self.end.lock().unwrap_or_else(|e| e.into_inner());
            let mut file = file;
            file.seek(SeekFrom::Start(at))?;
            file.read_exact(buf)
        }
    }
}

/// Writes `bytes` at `at` (the caller holds the spool's lock).
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    #[cfg(unix)]
    return std::os::unix::fs::FileExt::write_all_at(file, bytes, at);
    #[cfg(not(unix))]
    {
        let mut file = file;
        file.seek(SeekFrom::Start(at))?;
        file.write_all(bytes)
    }
}

impl Default for Spool {
    fn default() -> Spool {
        Spool::new()
    }
}

impl Prints {
    /// How many documents.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Document `i`'s fingerprint, as made.
    pub fn get(&self, i: usize) -> Result<Fingerprint> {
        match &self.kept[i].rest {
            Rest::Here(f) => Ok((**f).clone()),
            &Rest::There(at, n, m) => {
                let bytes = self.read(at, 8 * n as usize + 2 * m as usize)?;
                let (signature, sketch) = bytes.split_at(8 * n as usize);
                Ok(Fingerprint {
                    signature: signature
                        .chunks_exact(8)
                        .map(|b| u64::from_le_bytes(b.try_into().expect("chunks of 8 bytes")))
                        .collect(),
                    sketch: u16s(sketch),
                })
            }
        }
    }

    /// Document `i`'s band keys (see [`super::bands`]).
    pub(super) fn bands(&self, i: usize) -> &[u64] {
        &self.kept[i].bands
    }

    /// Document `i`'s sketch, read back from the spool's file if it is there.
    pub(super) fn sketch(&self, i: usize) -> Result<Cow<'_, [u16]>> {
        match self.kept[i].rest {
            Rest::Here(ref f) => Ok(Cow::Borrowed(&f.sketch)),
            Rest::There(at, n, m) => {
                let bytes = self.read(at + 8 * u64::from(n), 2 * m as usize)?;
                Ok(Cow::Owned(u16s(&bytes)))
            }
        }
    }

    /// `len` bytes at `at` in the spool's file.
    fn read(&self, at: u64, len: usize) -> Result<Vec<u8>> {
        let mut bytes = vec![0; len];
        self.spool
            .read_at(&mut bytes, at)
            .map_err(|source| Error::Io { path: "(temporary file of fingerprints)".into(), source })?;
        Ok(bytes)
    }
}

/// Little-endian 16-bit entries.
fn u16s(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fingerprint;

    #[test]
    fn spooled_fingerprints_come_back_whole() {
        let texts = ["Kenya sent 400 officers to Haiti in June to fight the gangs of the capital city.", "x"];
        let prints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
        let spool = Spool::new();
        let kept = prints.iter().cloned().map(|f| spool.keep(f)).collect();
        let spooled = spool.finish(kept);
        assert!(spooled.kept.iter().all(|k| matches!(k.rest, Rest::There(..))));
        assert_eq!((0..2).map(|i| spooled.get(i).unwrap()).collect::<Vec<_>>(), prints);
        assert_eq!(spooled.bands(0), &super::super::bands(&prints[0].signature)[..]);
        // Near-miss: with no file, they stay in memory and come back the same.
        let here = Spool::to(None);
        let kept = prints.iter().cloned().map(|f| here.keep(f)).collect();
        let here = here.finish(kept);
        assert!(here.kept.iter().all(|k| matches!(k.rest, Rest::Here(..))));
        assert_eq!((0..2).map(|i| here.get(i).unwrap()).collect::<Vec<_>>(), prints);
        assert_eq!(std::mem::size_of::<Kept>(), 40);
    }
}
