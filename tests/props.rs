//! Property tests of the extraction and normalization path.

use chrono::NaiveDate;
use proptest::prelude::*;

use claimcheck::extract;
use claimcheck::load::Document;
use claimcheck::normalize::normalize;
use claimcheck::rules::Rules;

fn claims(text: &str) -> Vec<claimcheck::model::Claim> {
    let rules = Rules::defaults();
    let doc = Document::from_text("p.txt", text, NaiveDate::from_ymd_opt(2024, 11, 8));
    let masked = extract::masked(&doc, &rules);
    let sents = extract::extract(&masked, &rules);
    normalize(0, &doc, &sents, &rules)
}

/// Text that looks like news: words, figures, dates, punctuation and some non-ASCII.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,9}",
        "[0-9]{1,7}",
        "[0-9]{1,3}(,[0-9]{3}){0,3}(\\.[0-9]{1,2})?",
        Just("about".to_string()),
        Just("more than".to_string()),
        Just("between".to_string()),
        Just("and".to_string()),
        Just("per cent".to_string()),
        Just("%".to_string()),
        Just("$".to_string()),
        Just("million".to_string()),
        Just("June".to_string()),
        Just("Thursday,".to_string()),
        Just("last year".to_string()),
        Just("a.m.".to_string()),
        Just("-".to_string()),
        Just("–".to_string()),
        Just(".".to_string()),
        Just("\n".to_string()),
        Just("é".to_string()),
        Just("🇰🇪".to_string()),
        Just("½".to_string()),
        Just("1e309".to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_string_is_safe(s in any::<String>()) {
        for c in claims(&s) {
            prop_assert!(s.is_char_boundary(c.start) && s.is_char_boundary(c.end));
        }
    }

    #[test]
    fn claims_are_well_formed(s in newsish()) {
        for c in claims(&s) {
            prop_assert!(c.start < c.end && c.end <= s.len());
            prop_assert!(s.is_char_boundary(c.start) && s.is_char_boundary(c.end));
            let iv = c.value.interval;
            prop_assert!(iv.lo() <= iv.hi(), "{:?} for {:?}", iv, &s[c.start..c.end]);
            prop_assert!(!iv.lo().is_nan() && !iv.hi().is_nan());
            prop_assert!(c.line >= 1 && c.column >= 1);
        }
    }

    #[test]
    fn grouped_figures_round_trip(n in 1_000u64..999_999_999) {
        let mut s = n.to_string();
        let mut i = s.len() as isize - 3;
        while i > 0 {
            s.insert(i as usize, ',');
            i -= 3;
        }
        let text = format!("Officials counted {s} people.");
        let cs = claims(&text);
        prop_assert_eq!(cs.len(), 1);
        prop_assert_eq!(cs[0].value.interval.low, Some(n as f64));
        prop_assert_eq!(&text[cs[0].start..cs[0].end], s.as_str());
    }
}
