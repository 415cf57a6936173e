//! Bytes to text without losing the way back: UTF-8 (with or without BOM), UTF-16
//! with BOM, and Windows-1252 for stray legacy bytes. When decoding changes byte
//! positions, an [`OffsetMap`] takes text offsets back to file offsets.

/// Pairs (text offset, file offset) at every point after which the two differ by a
/// new amount; empty when the text is the file's bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap(Vec<(usize, usize)>);

impl OffsetMap {
    /// The file byte offset of text offset `at`.
    pub fn to_file(&self, at: usize) -> usize {
        match self.0.partition_point(|&(t, _)| t <= at) {
            0 => at,
            i => {
                let (t, f) = self.0[i - 1];
                f + (at - t)
            }
        }
    }
}

/// A decoded file.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Text offsets back to file bytes.
    pub offsets: OffsetMap,
    /// A warning about the encoding, if any.
    pub note: Option<String>,
}

/// Decodes `bytes`; `None` for a binary file (NUL bytes outside UTF-16). Takes the
/// buffer so that a UTF-8 file (the usual case) becomes its text without a copy.
pub fn decode(mut bytes: Vec<u8>) -> Option<Decoded> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        let mut d = decode_utf8(bytes);
        d.offsets = shift(d.offsets, 3);
        return Some(d);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some(decode_utf16(&bytes));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return None;
    }
    Some(decode_utf8(bytes))
}

fn shift(m: OffsetMap, by: usize) -> OffsetMap {
    let mut v = vec![(0, by)];
    v.extend(m.0.into_iter().map(|(t, f)| (t, f + by)));
    OffsetMap(v)
}

fn decode_utf8(bytes: Vec<u8>) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, offsets: OffsetMap::default(), note: None },
        Err(e) => {
            let bytes = e.as_bytes();
            // Valid UTF-8 runs are kept; each invalid byte is read as Windows-1252.
            let mut text = String::with_capacity(bytes.len() + 16);
            let mut map = Vec::new();
            let mut rest = bytes;
            let mut file_pos = 0;
            let mut bad = 0usize;
            while !rest.is_empty() {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        text.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        text.push_str(std::str::from_utf8(&rest[..good]).expect("valid prefix"));
                        let b = rest[good];
                        text.push(cp1252(b));
                        bad += 1;
                        file_pos += good + 1;
                        map.push((text.len(), file_pos));
                        rest = &rest[good + 1..];
                    }
                }
            }
            Decoded {
                text,
                offsets: OffsetMap(map),
                note: Some(format!(
                    "{bad} byte(s) are not UTF-8; read as Windows-1252 (offsets still refer to the file)"
                )),
            }
        }
    }
}

fn decode_utf16(bytes: &[u8]) -> Decoded {
    let le = bytes.starts_with(b"\xFF\xFE");
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| {
            let pair = [c[0], *c.get(1).unwrap_or(&0)];
            if le { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
        })
        .collect();
    let mut text = String::new();
    let mut map = Vec::new();
    let mut file_pos = 2;
    for r in char::decode_utf16(units.iter().copied()) {
        let c = r.unwrap_or(char::REPLACEMENT_CHARACTER);
        map.push((text.len(), file_pos));
        text.push(c);
        file_pos += c.len_utf16() * 2;
    }
    map.push((text.len(), file_pos));
    Decoded {
        text,
        offsets: OffsetMap(map),
        note: Some("UTF-16 file; decoded (offsets still refer to the file)".into()),
    }
}

/// Windows-1252 byte to char (0x80–0x9F differ from Latin-1).
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Replaces HTML tags, scripts, styles and comments with spaces of the same byte
/// length, so every offset into the text is still an offset into the file.
pub fn blank_markup(html: &str) -> String {
    let mut out = html.as_bytes().to_vec();
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let b = lower.as_bytes();
    while i < b.len() {
        if b[i] == b'<' {
            let close =
                ["script", "style"].iter().find(|t| lower[i + 1..].starts_with(*t)).map(|t| format!("</{t}"));
            let end = if lower[i..].starts_with("<!--") {
                lower[i..].find("-->").map(|e| i + e + 3)
            } else if let Some(c) = close {
                lower[i..].find(&c).and_then(|e| lower[i + e..].find('>').map(|g| i + e + g + 1))
            } else {
                lower[i..].find('>').map(|e| i + e + 1)
            }
            .unwrap_or(b.len());
            for x in &mut out[i..end] {
                // Keep newlines so lines stay lines; blank everything else.
                if *x != b'\n' {
                    *x = b' ';
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    // Only ASCII bytes inside tags were replaced, and a tag's bytes are all replaced,
    // so the result is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let d = decode(b"\xEF\xBB\xBFabc 12".to_vec()).unwrap();
        assert_eq!(d.text, "abc 12");
        assert_eq!(d.offsets.to_file(4), 7);

        let d = decode(b"caf\xe9 costs \x80 5".to_vec()).unwrap();
        assert_eq!(d.text, "café costs € 5");
        assert!(d.note.is_some());
        let five = d.text.find('5').unwrap();
        assert_eq!(d.offsets.to_file(five), 13);

        let mut u16 = vec![0xFF, 0xFE];
        for c in "a 7".encode_utf16() {
            u16.extend(c.to_le_bytes());
        }
        let d = decode(u16).unwrap();
        assert_eq!(d.text, "a 7");
        assert_eq!(d.offsets.to_file(2), 6);

        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()).is_none());
    }

    #[test]
    fn markup_blanked_in_place() {
        let h = "<p>About <b>400</b> officers</p><script>var x = 5;</script>";
        let t = blank_markup(h);
        assert_eq!(t.len(), h.len());
        assert_eq!(&t[12..15], "400");
        assert!(!t.contains('5'));
    }
}
