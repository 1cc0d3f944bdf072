//! Text normalisation shared by the rules, the importer and the store.

/// Folds full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space to
/// their half-width forms: "（ＡＢ１）" → "(AB1)".
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Trims and folds width; the form in which every imported or typed value is kept.
pub fn clean(s: &str) -> String {
    fold_width(s).trim().to_string()
}

/// `clean`, mapping an empty result to `None`.
pub fn clean_opt(s: &str) -> Option<String> {
    let c = clean(s);
    if c.is_empty() { None } else { Some(c) }
}

/// Whether `s` may hold a character [`fold_alnum`] changes: in UTF-8 the
/// ideographic space begins with the byte 0xE3, the full-width forms with
/// 0xEF. Most cells (names, numbers, months) hold neither, and are copied as
/// they are (a payment list has millions of cells).
fn may_fold(s: &str) -> bool {
    memchr::memchr2(0xE3, 0xEF, s.as_bytes()).is_some()
}

/// Folds only full-width digits and Latin letters, and the ideographic space:
/// "ＡＢ１２，（东营）" → "AB12，（东营）". Chinese punctuation stays as typed.
pub fn fold_alnum(s: &str) -> String {
    if !may_fold(s) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Trims and folds full-width digits and letters (docs/WORKBOOK.md, Values): the form
/// free text (姓名, 备注, 整改情况说明, 单位名称 …) is kept in, so that "，" and
/// "（）" in a remark or a unit name survive an import and an export.
pub fn clean_text(s: &str) -> String {
    if !may_fold(s) {
        return s.trim().to_string();
    }
    fold_alnum(s).trim().to_string()
}

/// `clean_text`, mapping an empty result to `None`.
pub fn clean_text_opt(s: &str) -> Option<String> {
    let c = clean_text(s);
    if c.is_empty() { None } else { Some(c) }
}

/// The marks clerks type for the middle dot of a minority name (阿依古丽·买买提):
/// "·" itself, "•", "．", "・", "‧", "∙", "⋅", "ㆍ", and "." between Chinese
/// characters. In a name of Chinese characters they are all written "·" (U+00B7).
const NAME_DOTS: [char; 9] = [
    '\u{00B7}', '\u{2022}', '\u{FF0E}', '\u{30FB}', '\u{2027}', '\u{2219}', '\u{22C5}', '\u{318D}',
    '.',
];

/// A Chinese character (CJK unified ideographs, extensions A–H, compatibility
/// ideographs and their supplement, 〇).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '\u{3007}')
}

/// 姓名 as it is kept, from what the clerk typed or a workbook held (the form and
/// every import go through here, via `PersonField::Name`):
/// - a name of Chinese characters only (with the middle dot of minority names)
///   loses every white space, full-width and no-break spaces too ("王　伟" → "王伟"),
///   and its dots are written "·" ("阿依古丽 • 买买提" → "阿依古丽·买买提");
/// - any other name (Latin letters, digits …) is trimmed and each run of white
///   space becomes one space ("  John   Smith " → "John Smith");
/// - full-width letters and digits are folded as in [`clean_text`].
pub fn normalize_name(s: &str) -> String {
    let folded = fold_alnum(s);
    let bare: Vec<char> = folded.chars().filter(|c| !c.is_whitespace()).collect();
    let is_dot = |c: &char| NAME_DOTS.contains(c);
    let chinese = bare.iter().any(|c| is_han(*c))
        && bare.iter().all(|c| is_han(*c) || is_dot(c))
        && !bare.first().is_some_and(is_dot)
        && !bare.last().is_some_and(is_dot);
    if chinese {
        bare.into_iter()
            .map(|c| if is_dot(&c) { '\u{00B7}' } else { c })
            .collect()
    } else {
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// 身份证号 as it is kept: full-width digits and letters folded, every white
/// space removed, a lower-case x written X ("370502 19900101 123x" →
/// "37050219900101123X"). Whether it is then a valid number is the checks' concern.
pub fn normalize_id_number(s: &str) -> String {
    fold_alnum(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// The key two unit names (单位名称, 缴费单位) are compared by: full-width folded,
/// every white space removed. "东营市特检院（东营）" and "东营市特检院 (东营)" share a key.
pub fn name_key(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether two unit names denote the same unit (see [`name_key`]).
pub fn same_unit(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(fold_width("（ＡＢ１２）"), "(AB12)");
        assert_eq!(clean("\u{3000} 张三 "), "张三");
        assert_eq!(clean_opt("  "), None);
        assert_eq!(
            clean_text(" ＡＢ１２，已整改（见附件） "),
            "AB12，已整改（见附件）"
        );
        assert_eq!(clean_text_opt("\u{3000}"), None);
    }

    #[test]
    fn names_are_kept_as_a_clerk_means_them() {
        for (typed, kept) in [
            ("王伟", "王伟"),
            ("王　伟", "王伟"),
            (" 王 伟 ", "王伟"),
            ("\u{3000}王\u{00A0}小\t明\u{3000}", "王小明"),
            ("阿依古丽·买买提", "阿依古丽·买买提"),
            ("阿依古丽 · 买买提", "阿依古丽·买买提"),
            ("阿依古丽•买买提", "阿依古丽·买买提"),
            ("阿依古丽．买买提", "阿依古丽·买买提"),
            ("阿依古丽・买买提", "阿依古丽·买买提"),
            ("阿依古丽.买买提", "阿依古丽·买买提"),
            ("赵　䶮", "赵䶮"),
            ("陈 𠮷", "陈𠮷"),
            ("  John   Smith ", "John Smith"),
            ("John\u{3000}\u{3000}Smith", "John Smith"),
            ("Ｊｏｈｎ  Ｓｍｉｔｈ", "John Smith"),
            ("J. R.  Smith", "J. R. Smith"),
            ("王 John", "王 John"),
            ("李  Anna   Maria", "李 Anna Maria"),
            ("王伟 2", "王伟 2"),
            ("·王伟", "·王伟"),
            ("", ""),
            ("\u{3000}", ""),
        ] {
            assert_eq!(normalize_name(typed), kept, "{typed:?}");
        }
    }

    #[test]
    fn id_numbers_are_kept_as_18_characters_with_capital_x() {
        for (typed, kept) in [
            ("11010519491231002X", "11010519491231002X"),
            ("11010519491231002x", "11010519491231002X"),
            (" 110105 19491231 002x ", "11010519491231002X"),
            ("110105\u{3000}1949\u{3000}1231002X", "11010519491231002X"),
            ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
            ("\t370502199001011234\n", "370502199001011234"),
            ("", ""),
        ] {
            let got = normalize_id_number(typed);
            assert_eq!(got, kept, "{typed:?}");
        }
        assert_eq!(
            normalize_id_number(" 110105 19491231 002x ")
                .chars()
                .count(),
            18
        );
    }

    #[test]
    fn unit_names_compare_without_spaces_and_width() {
        assert!(same_unit("东营市特检院（东营）", "东营市特检院(东营)"));
        assert!(same_unit("东营市 特检院", "东营市特检院"));
        assert!(!same_unit("东营市特检院", "东营市特检所"));
    }
}
