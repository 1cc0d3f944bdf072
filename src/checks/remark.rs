//! 存在问题及整改情况说明, the last column of the form (docs/RULES.md §6).

use crate::domain::{Rectification, Verdict};

use super::PersonCheck;

/// Builds the remark from the reasons of every 否, the note of every manual
/// decision, then the rectification record.
pub fn build(check: &PersonCheck, rectification: &Rectification) -> String {
    let mut parts: Vec<String> = Vec::new();
    for v in check.verdicts() {
        match &v.manual {
            Some(m) => parts.push(m.note.clone()),
            None if v.value == Verdict::No => parts.extend(v.reasons.iter().cloned()),
            None => {}
        }
    }
    let mut text = parts.join("；");
    if !rectification.is_empty() {
        let mut r = String::from("整改情况：");
        if let Some(a) = rectification.action {
            r.push_str(a.label());
        }
        if let Some(t) = &rectification.text {
            if rectification.action.is_some() {
                r.push('，');
            }
            r.push_str(t);
        }
        if !text.is_empty() {
            text.push('。');
        }
        text.push_str(&r);
    }
    text
}
