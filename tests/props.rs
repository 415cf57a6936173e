//! Property tests of the extraction and normalization path.

use chrono::NaiveDate;
use proptest::prelude::*;

use claimcheck::extract;
use claimcheck::load::Document;
use claimcheck::normalize::normalize;
use claimcheck::rules::Rules;

fn claims(text: &str) -> Vec<claimcheck::model::Claim> {
    static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(Rules::defaults);
    let rules: &Rules = &RULES;
    let doc = Document::from_text("p.txt", text, NaiveDate::from_ymd_opt(2024, 11, 8));
    let masked = extract::masked(&doc, rules);
    let sents = extract::extract(&masked, rules);
    normalize(0, &doc, &sents, rules)
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
            prop_assert!(s.is_char_boundary(c.start as usize) && s.is_char_boundary(c.end as usize));
        }
    }

    #[test]
    fn claims_are_well_formed(s in newsish()) {
        for c in claims(&s) {
            prop_assert!(c.start < c.end && c.end as usize <= s.len());
            prop_assert!(s.is_char_boundary(c.start as usize) && s.is_char_boundary(c.end as usize));
            let iv = c.value.interval;
            prop_assert!(iv.lo() <= iv.hi(), "{:?} for {:?}", iv, &s[c.start as usize..c.end as usize]);
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
        prop_assert_eq!(cs[0].value.interval.low(), Some(n as f64));
        prop_assert_eq!(&text[cs[0].start as usize..cs[0].end as usize], s.as_str());
    }

    /// A length in feet meets its conversion to metres rounded to a decimal and holds
    /// the exact conversion; one that is not round never meets the next whole number
    /// of feet (a round one, "1,800", may be rounded to its tens, and so may meet
    /// 1,801 or 1,799).
    #[test]
    fn conversions_meet_their_rounded_counterparts(feet in 1u32..20_000) {
        let one = |text: String| claims(&text).remove(0);
        let t = Rules::defaults().tolerance;
        let kind = claimcheck::model::Kind::Quantity;
        let a = one(format!("The bridge spans {feet} feet."));
        let b = one(format!("The bridge spans {:.1} metres.", f64::from(feet) * 0.3048));
        let next = one(format!("The bridge spans {} feet.", feet + 1));
        let (x, y, z) = (a.value.interval, b.value.interval, next.value.interval);
        prop_assert!(claimcheck::compare::agrees(&x, &y, kind, t), "{x:?} vs {y:?}");
        let exact = f64::from(feet) * 0.3048;
        prop_assert!(x.lo() <= exact && exact <= x.hi());
        let round = |f: u32| f % 10 == 0;
        prop_assert!(round(feet) || round(feet + 1) || x.hi() < z.lo(), "{x:?} vs {z:?}");
        prop_assert_eq!(a.value.nominal.get(), Some((f64::from(feet), None)));
    }
}
