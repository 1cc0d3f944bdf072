//! 居民身份证号码 (GB 11643-1999): structure, check character and birth date.

use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The check character the first 17 digits call for, or `None` when they are not 17 digits.
pub fn expected_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| (b - b'0') as u32 * w)
        .sum();
    Some(CHECK_CHARS[(sum % 11) as usize])
}

/// What is structurally wrong with an ID number, if anything (flag `id.checksum`).
pub fn structure_problem(id: &str) -> Option<String> {
    let id = id.trim();
    // The 18th character and where it starts (a character, not a byte: a
    // Chinese character or a full-width digit may sit anywhere in what the
    // clerk typed).
    let eighteenth = id.char_indices().nth(17);
    match (id.chars().count(), eighteenth) {
        (18, Some((at, last))) => {
            let body = &id[..at];
            let last = Some(last.to_ascii_uppercase());
            match expected_check_char(body) {
                None => Some("身份证号前17位应全为数字".to_string()),
                Some(c) if Some(c) != last => {
                    Some(format!("身份证号校验位错误（按前17位应为 {c}）"))
                }
                Some(_) => None,
            }
        }
        (15, _) if id.bytes().all(|b| b.is_ascii_digit()) => None,
        (15, _) => Some("15位身份证号应全为数字".to_string()),
        (n, _) => Some(format!("身份证号为{n}位，应为18位（或旧式15位）")),
    }
}

/// The birth-date digits inside an ID number: YYYYMMDD (18) or 19YYMMDD (15).
/// Positions count characters, as in [`structure_problem`], so that text with
/// Chinese or full-width characters is read (and refused) rather than cut
/// inside a character.
fn birth_digits(id: &str) -> Option<String> {
    let chars: Vec<char> = id.trim().chars().collect();
    match chars.len() {
        18 => Some(chars[6..14].iter().collect()),
        15 => Some(format!("19{}", chars[6..12].iter().collect::<String>())),
        _ => None,
    }
}

/// The birth date inside an ID number, when it is a real date.
pub fn birth_date(id: &str) -> Option<NaiveDate> {
    let d = birth_digits(id)?;
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        d[..4].parse().ok()?,
        d[4..6].parse().ok()?,
        d[6..].parse().ok()?,
    )
}

/// What is wrong with the birth date inside an ID number, relative to the
/// reference date (flag `id.birthdate`). `None` for a number too short to hold one.
pub fn birth_date_problem(id: &str, reference: NaiveDate) -> Option<String> {
    let digits = birth_digits(id)?;
    match birth_date(id) {
        None => Some(format!("身份证号中的出生日期 {digits} 不是有效日期")),
        Some(b) if b > reference => Some(format!(
            "身份证号中的出生日期 {} 晚于核查基准日",
            super::parse::chinese_date(b)
        )),
        Some(_) => None,
    }
}

/// Masks an ID number for lists: 370502********1013.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

/// Masks every ID number inside a text (a run of 18 characters, 17 digits and
/// a digit or X, or of 15 digits), for messages shown on the main screen.
pub fn mask_all(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_digit = |c: char| c.is_ascii_digit();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| is_digit(**c)).count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let with_x = run == 17 && matches!(chars.get(i + 17), Some('X' | 'x'));
        let len = if with_x { 18 } else { run };
        let id: String = chars[i..i + len].iter().collect();
        if len == 18 || len == 15 {
            out.push_str(&mask(&id));
        } else {
            out.push_str(&id);
        }
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_inside_a_text_are_masked_and_other_numbers_kept() {
        assert_eq!(
            mask_all("2026-11-28 新增 陈吉（370502198707300614） 人员"),
            "2026-11-28 新增 陈吉（370502********0614） 人员"
        );
        assert_eq!(
            mask_all("王堃11010519491231002X、"),
            "王堃110105********002X、"
        );
        assert_eq!(mask_all("旧证号 370502870730061"), "旧证号 370502*****0061");
        assert_eq!(
            mask_all("第 12 条，1234567890123456"),
            "第 12 条，1234567890123456"
        );
    }

    #[test]
    fn known_valid_numbers() {
        assert_eq!(structure_problem("11010519491231002X"), None);
        assert_eq!(structure_problem("11010519491231002x"), None);
        assert_eq!(structure_problem("440524188001010014"), None);
    }

    #[test]
    fn wrong_check_char_and_lengths() {
        assert!(
            structure_problem("110105194912310021")
                .unwrap()
                .contains("校验位")
        );
        assert!(structure_problem("1101051949123").unwrap().contains("13位"));
        assert_eq!(structure_problem("110105491231002"), None);
        assert!(structure_problem("11010549123100A").is_some());
    }

    #[test]
    fn birth_dates() {
        let r = NaiveDate::from_ymd_opt(2024, 7, 10).unwrap();
        assert_eq!(
            birth_date("11010519491231002X"),
            NaiveDate::from_ymd_opt(1949, 12, 31)
        );
        assert_eq!(
            birth_date("110105491231002"),
            NaiveDate::from_ymd_opt(1949, 12, 31)
        );
        assert!(birth_date_problem("110105200002290000", r).is_none());
        assert!(
            birth_date_problem("110105190002290000", r)
                .unwrap()
                .contains("不是有效日期")
        );
        assert!(
            birth_date_problem("110105203001010000", r)
                .unwrap()
                .contains("晚于")
        );
    }

    /// Found by fuzzing (docs/FUZZING.md): these panicked slicing inside a
    /// multi-byte character.
    #[test]
    fn text_with_multi_byte_characters() {
        let r = NaiveDate::from_ymd_opt(2024, 7, 10).unwrap();
        // Full-width digits (18 characters, 54 bytes).
        let full_width = "１１０１０５１９４９１２３１００２Ｘ";
        assert!(structure_problem(full_width).unwrap().contains("前17位"));
        assert_eq!(birth_date(full_width), None);
        assert!(
            birth_date_problem(full_width, r)
                .unwrap()
                .contains("不是有效日期")
        );
        // A Chinese character across byte 17.
        let typo = "1101051949123100中X";
        assert!(structure_problem(typo).unwrap().contains("前17位"));
        // 18 bytes with a character across byte 6: 16 characters, no birth date.
        let short = "12345中6789012345";
        assert!(structure_problem(short).unwrap().contains("16位"));
        assert_eq!(birth_date(short), None);
        assert_eq!(birth_date_problem(short, r), None);
        // The birth date written in Chinese numerals.
        let numerals = "110105一九四九1231002X";
        assert!(
            birth_date_problem(numerals, r)
                .unwrap()
                .contains("一九四九1231")
        );
    }

    #[test]
    fn masking() {
        assert_eq!(mask("370502198001011013"), "370502********1013");
        assert_eq!(mask("370502800101101"), "370502*****1101");
    }
}
