//! `parse_month` on any UTF-8 text: never panics, and what it accepts is a
//! month `YearMonth::new` allows (1900–2999, 1–12) that reads back the same from
//! its stored form "2024-07" and its Chinese form "2024年7月".

#![no_main]

use libfuzzer_sys::fuzz_target;
use zicha::domain::YearMonth;
use zicha::domain::parse::{MONTH_HINT, parse_month};
use zicha::domain::text::clean;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_month(text) {
        Ok(None) => assert!(clean(text).is_empty(), "Ok(None) for non-empty {text:?}"),
        Ok(Some(m)) => {
            assert_eq!(YearMonth::new(m.year(), m.month()), Some(m), "{text:?}");
            let iso = m.iso();
            assert_eq!(YearMonth::parse_iso(&iso), Some(m), "{text:?} -> {iso}");
            assert_eq!(parse_month(&iso), Ok(Some(m)), "{text:?} -> {iso}");
            assert_eq!(parse_month(&m.chinese()), Ok(Some(m)), "{text:?}");
        }
        Err(message) => {
            assert!(!clean(text).is_empty(), "error for blank {text:?}");
            assert!(
                message.contains("不是有效月份") && message.contains(MONTH_HINT),
                "{text:?}: {message}"
            );
        }
    }
});
