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

/// Folds only full-width digits and Latin letters, and the ideographic space:
/// "ＡＢ１２，（东营）" → "AB12，（东营）". Chinese punctuation stays as typed.
pub fn fold_alnum(s: &str) -> String {
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
    fold_alnum(s).trim().to_string()
}

/// `clean_text`, mapping an empty result to `None`.
pub fn clean_text_opt(s: &str) -> Option<String> {
    let c = clean_text(s);
    if c.is_empty() { None } else { Some(c) }
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
    fn unit_names_compare_without_spaces_and_width() {
        assert!(same_unit("东营市特检院（东营）", "东营市特检院(东营)"));
        assert!(same_unit("东营市 特检院", "东营市特检院"));
        assert!(!same_unit("东营市特检院", "东营市特检所"));
    }
}
