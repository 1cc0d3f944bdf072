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

#[cfg(test)]
mod tests {
    use super::*;

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
