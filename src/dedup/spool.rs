//! Where the run's fingerprints wait for [`super::sources`]: signatures in memory,
//! sketches in an unnamed temporary file.

use std::borrow::Cow;
use std::fs::File;
use std::io;
#[cfg(not(unix))]
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use super::Fingerprint;
use crate::error::{Error, Result};

/// The run's fingerprints, by document. A signature (256 bytes) stays in memory:
/// finding the candidate pairs reads every one. A sketch (800 bytes) is read only for
/// the pairs of a candidate bucket, so it waits in an unnamed temporary file from the
/// moment it is made: at BBC x100 the sketches are 178 MB (222,500 of 800 bytes),
/// and in the file they are the kernel's page cache, not the process's. Where no
/// temporary file can be made or written, they stay in memory.
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
    signature: Vec<u64>,
    sketch: Sketch,
}

enum Sketch {
    Here(Vec<u16>),
    /// Byte offset and entries in the spool's file.
    There(u64, usize),
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
        let sketch = match &self.file {
            Some(file) => {
                let bytes: Vec<u8> = f.sketch.iter().flat_map(|x| x.to_le_bytes()).collect();
                let mut end = self.end.lock().unwrap_or_else(|e| e.into_inner());
                let at = *end;
                match write_at(file, &bytes, at) {
                    Ok(()) => {
                        *end += bytes.len() as u64;
                        Sketch::There(at, f.sketch.len())
                    }
                    Err(_) => Sketch::Here(f.sketch),
                }
            }
            None => Sketch::Here(f.sketch),
        };
        Kept { signature: f.signature, sketch }
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
        Ok(Fingerprint { signature: self.kept[i].signature.clone(), sketch: self.sketch(i)?.into_owned() })
    }

    /// Document `i`'s signature.
    pub(super) fn signature(&self, i: usize) -> &[u64] {
        &self.kept[i].signature
    }

    /// Document `i`'s sketch, read back from the spool's file if it is there.
    pub(super) fn sketch(&self, i: usize) -> Result<Cow<'_, [u16]>> {
        self.read_sketch(i)
            .map_err(|source| Error::Io { path: "(temporary file of sketches)".into(), source })
    }

    fn read_sketch(&self, i: usize) -> io::Result<Cow<'_, [u16]>> {
        match self.kept[i].sketch {
            Sketch::Here(ref h) => Ok(Cow::Borrowed(h)),
            Sketch::There(at, n) => {
                let mut bytes = vec![0; 2 * n];
                self.spool.read_at(&mut bytes, at)?;
                Ok(Cow::Owned(bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fingerprint;

    #[test]
    fn spooled_sketches_come_back_whole() {
        let texts = ["Kenya sent 400 officers to Haiti in June to fight the gangs of the capital city.", "x"];
        let prints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
        let spool = Spool::new();
        let kept = prints.iter().cloned().map(|f| spool.keep(f)).collect();
        let spooled = spool.finish(kept);
        assert!(spooled.kept.iter().all(|k| matches!(k.sketch, Sketch::There(..))));
        assert_eq!((0..2).map(|i| spooled.get(i).unwrap()).collect::<Vec<_>>(), prints);
    }
}
