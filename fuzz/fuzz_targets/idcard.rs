//! The 身份证号 functions on any UTF-8 text (an ID cell may hold anything the
//! clerk typed): never panic, and
//! - `structure_problem` agrees with a plain char-by-char reading of GB 11643;
//! - `expected_check_char` of 17 digits completes them to a valid number;
//! - a structurally valid number always yields a birth date or a birth-date problem;
//! - `birth_date_problem` agrees with `birth_date` about the reference date;
//! - `mask` keeps the length, the first 6 and last 4 characters, and hides the rest.

#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use zicha::domain::idcard::{
    birth_date, birth_date_problem, expected_check_char, mask, structure_problem,
};

/// GB 11643 read independently of the code under test, on chars.
fn valid_by_reference(id: &str) -> bool {
    let chars: Vec<char> = id.trim().chars().collect();
    match chars.len() {
        15 => chars.iter().all(char::is_ascii_digit),
        18 => {
            if !chars[..17].iter().all(char::is_ascii_digit) {
                return false;
            }
            let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            let sum: u32 = chars[..17]
                .iter()
                .zip(weights)
                .map(|(c, w)| c.to_digit(10).unwrap() * w)
                .sum();
            let check = b"10X98765432"[(sum % 11) as usize] as char;
            chars[17].to_ascii_uppercase() == check
        }
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(id) = std::str::from_utf8(data) else {
        return;
    };
    let problem = structure_problem(id);
    assert_eq!(
        problem.is_none(),
        valid_by_reference(id),
        "{id:?}: {problem:?}"
    );

    let birth = birth_date(id);
    let latest = NaiveDate::MAX;
    if problem.is_none() {
        // A valid number always holds birth-date digits: a date or a complaint.
        assert_eq!(
            birth_date_problem(id, latest).is_some(),
            birth.is_none(),
            "{id:?}"
        );
    }
    if let Some(b) = birth {
        assert_eq!(birth_date_problem(id, b), None, "{id:?}");
        if let Some(before) = b.pred_opt() {
            let m = birth_date_problem(id, before).expect("born after the reference date");
            assert!(m.contains("晚于"), "{id:?}: {m}");
        }
    }

    if let Some(c) = expected_check_char(id) {
        assert!(id.len() == 17 && id.bytes().all(|b| b.is_ascii_digit()));
        let full = format!("{id}{c}");
        assert_eq!(structure_problem(&full), None, "{full}");
    }

    let chars: Vec<char> = id.chars().collect();
    let masked: Vec<char> = mask(id).chars().collect();
    assert_eq!(masked.len(), chars.len(), "{id:?}");
    let n = chars.len();
    if n <= 10 {
        assert!(masked.iter().all(|&c| c == '*'), "{id:?}");
    } else {
        assert_eq!(masked[..6], chars[..6], "{id:?}");
        assert_eq!(masked[n - 4..], chars[n - 4..], "{id:?}");
        assert!(masked[6..n - 4].iter().all(|&c| c == '*'), "{id:?}");
    }
});
