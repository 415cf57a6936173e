//! Arbitrary bytes through the whole pipeline after I/O, as `claimcheck check` runs
//! it: split into up to four articles at NUL bytes (a NUL inside an article would
//! make it binary), each decoded like load does (the first byte of the input picks
//! `.txt` or `.html`), then extract, normalize, group, compare, and the JSON and
//! human reports. Besides "no panic", every claim must point inside its file and its
//! text, on character boundaries, at a 1-based line and column.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

use claimcheck::rules::Rules;
use claimcheck::{app, load, report};

static RULES: LazyLock<Rules> = LazyLock::new(Rules::defaults);

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let ext = if mode & 1 == 1 { "html" } else { "txt" };
    let mut docs = Vec::new();
    let mut sizes = Vec::new();
    for (i, part) in rest.split(|&b| b == 0).take(4).enumerate() {
        let name = format!("{i}.{ext}");
        if let Some((doc, _note)) = load::from_bytes(name.clone(), Path::new(&name), part.to_vec()) {
            docs.push(doc);
            sizes.push(part.len());
        }
    }
    // A marker without a reason is a reported error, not a crash.
    let Ok((run, _, _)) = app::pipeline(docs, &[], &RULES, false, &app::Quiet) else { return };
    for c in &run.claims {
        let doc = &run.docs[c.doc];
        assert!(
            c.start <= c.end && c.end <= sizes[c.doc],
            "file offsets {}..{} of {}",
            c.start,
            c.end,
            sizes[c.doc]
        );
        assert!(c.span.0 <= c.span.1 && doc.text.get(c.span.0..c.span.1).is_some(), "text span {:?}", c.span);
        assert!(doc.text.get(c.sentence.0..c.sentence.1).is_some(), "sentence span {:?}", c.sentence);
        assert!(c.sentence.0 <= c.span.0 && c.span.1 <= c.sentence.1, "claim outside its sentence");
        assert!(c.line >= 1 && c.column >= 1);
        let (line, column) = claimcheck::error::line_col(&doc.text, c.span.0);
        assert_eq!((c.line, c.column), (line, column));
        for end in [c.value.interval.low, c.value.interval.high].into_iter().flatten() {
            assert!(!end.is_nan(), "NaN in {:?}", c.value);
        }
    }
    for f in &run.findings {
        assert!(f.claims.iter().all(|&i| i < run.claims.len()));
    }
    let _ = report::json::render(&run, true);
    let _ = report::human::render(&run, true);
});
