//! Finding a person in the roster the way the clerk types: part of the 姓名,
//! pinyin initials ("wjg" finds 王建国), full pinyin ("wangjianguo"), or the
//! last digits of the 身份证号.

use pinyin::ToPinyin;

/// The searchable keys of one person, computed once per roster load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchKey {
    name: String,
    initials: String,
    full: String,
    id_number: String,
}

impl SearchKey {
    pub fn new(name: &str, id_number: Option<&str>) -> Self {
        let mut initials = String::new();
        let mut full = String::new();
        for (c, py) in name.chars().zip(name.to_pinyin()) {
            match py {
                Some(p) => {
                    initials.push_str(p.first_letter());
                    full.push_str(p.plain());
                }
                None if c.is_ascii_alphanumeric() => {
                    initials.push(c.to_ascii_lowercase());
                    full.push(c.to_ascii_lowercase());
                }
                None => {}
            }
        }
        SearchKey {
            name: name.to_string(),
            initials,
            full,
            id_number: id_number.unwrap_or_default().to_ascii_uppercase(),
        }
    }

    /// Whether the query finds this person. An empty query finds everyone.
    pub fn matches(&self, query: &str) -> bool {
        let q = crate::domain::text::clean(query);
        if q.is_empty() {
            return true;
        }
        if self.name.contains(&q) {
            return true;
        }
        let lower = q.to_ascii_lowercase();
        if lower.chars().all(|c| c.is_ascii_alphabetic()) {
            return self.initials.starts_with(&lower) || self.full.starts_with(&lower);
        }
        let upper = q.to_ascii_uppercase();
        if upper.chars().all(|c| c.is_ascii_digit() || c == 'X') && upper.len() >= 3 {
            return self.id_number.ends_with(&upper) || self.id_number.contains(&upper);
        }
        false
    }
}

/// The key that sorts 姓名 as WPS and Excel do in Chinese: by pinyin,
/// syllable by syllable (tone breaking ties), then by character, so 曹 (cao)
/// comes before 张 (zhang) although its code point is higher. A character
/// without a reading (Latin letters, rare characters) sorts by itself.
pub fn sort_key(name: &str) -> String {
    let mut key = String::new();
    for (c, py) in name.chars().zip(name.to_pinyin()) {
        match py {
            Some(p) => key.push_str(p.with_tone_num_end()),
            None => key.extend(c.to_lowercase()),
        }
        // Ends each syllable, so "li" (李) sorts before "lin" (林).
        key.push(' ');
    }
    key.push('\u{0}');
    key.push_str(name);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_pinyin_not_code_point() {
        let mut names = vec![
            "张喆",
            "曹磊",
            "王建国",
            "李明",
            "林涛",
            "艾琳",
            "Smith",
            "李四",
        ];
        names.sort_by_cached_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "艾琳",
                "曹磊",
                "李明",
                "李四",
                "林涛",
                "Smith",
                "王建国",
                "张喆"
            ]
        );
        assert!(sort_key("曹") < sort_key("张"));
        assert!("曹" > "张", "by code point the order would be wrong");
    }

    #[test]
    fn finds_by_name_pinyin_and_id_digits() {
        let k = SearchKey::new("王建国", Some("37050219780312011x"));
        for q in [
            "王",
            "建国",
            "wjg",
            "WJG",
            "wj",
            "wangjianguo",
            "wangjian",
            "011X",
            "0312011x",
            "",
        ] {
            assert!(k.matches(q), "{q}");
        }
        for q in ["zjg", "李", "wangjg1", "9999", "jianguo"] {
            assert!(!k.matches(q), "{q}");
        }
    }

    #[test]
    fn rare_characters_do_not_break_search() {
        let k = SearchKey::new("赵䶮", None);
        assert!(k.matches("赵"));
        assert!(k.matches("z"));
        let k = SearchKey::new("陈𠮷", None);
        assert!(k.matches("𠮷"));
        assert!(k.matches("c"));
    }
}
