//! `parse_date` on any UTF-8 text: never panics, and what it accepts is
//! a real date in 1900–2999 that reads back the same in every spelling zicha
//! itself writes, and stands for its month in `parse_month`.

#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use zicha::domain::YearMonth;
use zicha::domain::parse::{DATE_HINT, chinese_date, parse_date, parse_month};
use zicha::domain::text::clean;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_date(text) {
        Ok(None) => assert!(clean(text).is_empty(), "Ok(None) for non-empty {text:?}"),
        Ok(Some(d)) => {
            assert!((1900..=2999).contains(&d.year()), "{text:?} -> {d}");
            // The stored form, the compact form and the form used in reasons read back.
            for spelling in [
                d.format("%Y-%m-%d").to_string(),
                d.format("%Y%m%d").to_string(),
                chinese_date(d),
            ] {
                assert_eq!(parse_date(&spelling), Ok(Some(d)), "{text:?} -> {spelling}");
            }
            // "A full date stands for its month."
            assert_eq!(parse_month(text), Ok(Some(YearMonth::of(d))), "{text:?}");
        }
        Err(message) => {
            assert!(clean(text).chars().count() > 0, "error for blank {text:?}");
            assert!(
                message.contains("不是有效日期") && message.contains(DATE_HINT),
                "{text:?}: {message}"
            );
        }
    }
});
