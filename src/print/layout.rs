//! Line breaking for the form's cells: Chinese breaks between any two
//! characters; runs of Latin letters and digits stay whole unless wider than the
//! line; no line starts with closing punctuation (避头) nor ends with opening
//! punctuation (避尾): the character before is carried down instead.

/// Characters that must not start a line.
const NO_LINE_START: &str = "，。；：、）》”’」』】〕〉！？…·%,.;:!?)]}";
/// Characters that must not end a line.
const NO_LINE_END: &str = "（《“‘「『【〔〈([{";

fn no_start(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| NO_LINE_START.contains(c))
}

fn no_end(token: &str) -> bool {
    token
        .chars()
        .last()
        .is_some_and(|c| NO_LINE_END.contains(c))
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.' | '#')
}

/// Splits a paragraph into unbreakable tokens no wider than `max`.
fn tokenize(para: &str, max: f32, adv: &impl Fn(char) -> f32) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut word_w = 0.0;
    for c in para.chars() {
        if is_word_char(c) {
            let w = adv(c);
            if !word.is_empty() && word_w + w > max {
                tokens.push(std::mem::take(&mut word));
                word_w = 0.0;
            }
            word.push(c);
            word_w += w;
            continue;
        }
        if !word.is_empty() {
            tokens.push(std::mem::take(&mut word));
            word_w = 0.0;
        }
        tokens.push(c.to_string());
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    tokens
}

/// Wraps `text` into lines no wider than `max`, measuring each character with
/// `adv` (same unit as `max`). Explicit line breaks are kept. Empty text gives
/// no lines.
pub fn wrap(text: &str, max: f32, adv: impl Fn(char) -> f32) -> Vec<String> {
    let width = |t: &str| t.chars().map(&adv).sum::<f32>();
    let mut lines = Vec::new();
    if text.trim().is_empty() {
        return lines;
    }
    for para in text.trim_end().split('\n') {
        let para = para.trim_end_matches('\r');
        let mut line: Vec<String> = Vec::new();
        let mut w = 0.0;
        for tok in tokenize(para, max, &adv) {
            let tw = width(&tok);
            if line.is_empty() || w + tw <= max + 1e-3 {
                w += tw;
                line.push(tok);
                continue;
            }
            // Break before `tok`, carrying characters down while the new line would
            // start with closing punctuation or the old one end with opening.
            let mut carried: Vec<String> = Vec::new();
            loop {
                let first = carried.first().unwrap_or(&tok);
                let bad = no_start(first) || line.last().is_some_and(|l| no_end(l));
                if !bad || line.len() <= 1 {
                    break;
                }
                if let Some(t) = line.pop() {
                    carried.insert(0, t);
                }
            }
            lines.push(line.concat());
            carried.push(tok);
            w = carried.iter().map(|t| width(t)).sum();
            line = carried;
        }
        lines.push(line.concat());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, max: f32) -> Vec<String> {
        wrap(text, max, |c| if c.is_ascii() { 0.5 } else { 1.0 })
    }

    #[test]
    fn chinese_breaks_anywhere() {
        assert_eq!(w("一二三四五六七", 3.0), ["一二三", "四五六", "七"]);
    }

    #[test]
    fn closing_punctuation_carries_the_previous_character_down() {
        assert_eq!(w("一二三，四五", 3.0), ["一二", "三，四", "五"]);
        assert_eq!(w("一二三。”四", 3.0), ["一二", "三。”", "四"]);
        for bad in ["，", "。", "；", "：", "、", "）", "》", "”"] {
            let text = format!("一二三{bad}四五六七八九");
            for line in w(&text, 3.0).iter().skip(1) {
                assert!(!line.starts_with(bad), "{text}: {line}");
            }
        }
    }

    #[test]
    fn opening_punctuation_does_not_end_a_line() {
        assert_eq!(w("一二《三四》", 3.0), ["一二", "《三", "四》"]);
    }

    #[test]
    fn latin_words_stay_whole_unless_too_long() {
        assert_eq!(w("证书RT12", 3.0), ["证书", "RT12"]);
        assert_eq!(w("ABCDEFGHIJ", 3.0), ["ABCDEF", "GHIJ"]);
    }

    #[test]
    fn explicit_breaks_and_empty_text() {
        assert_eq!(w("一\n二", 3.0), ["一", "二"]);
        assert!(w("  ", 3.0).is_empty());
    }
}
