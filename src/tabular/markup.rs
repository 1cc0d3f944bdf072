//! A forgiving tokenizer for the markup of HTML tables and SpreadsheetML 2003:
//! tags (name, attributes) and the text between them, comments, doctypes and
//! processing instructions skipped, the content of `<script>` and `<style>`
//! skipped. Not a validating parser: government systems write loose HTML.

use std::borrow::Cow;

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// `<name attrs>` or `<name attrs/>`; `name` is the local name, lowercase.
    Open {
        name: String,
        attrs: &'a str,
        self_closing: bool,
    },
    /// `</name>`, local name, lowercase.
    Close { name: String },
    /// Text between tags, entities not yet decoded.
    Text(&'a str),
}

pub(super) struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(s: &'a str) -> Tokens<'a> {
        Tokens { s, pos: 0 }
    }

    /// Skips past the end tag `</name`, for elements whose content is not markup.
    fn skip_raw(&mut self, name: &str) {
        let rest = &self.s[self.pos..];
        let found = rest.match_indices("</").find(|&(i, _)| {
            rest.as_bytes()
                .get(i + 2..i + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        });
        self.pos = match found {
            Some((i, _)) => self.pos + i,
            None => self.s.len(),
        };
    }
}

fn local(name: &str) -> String {
    let name = name.rsplit(':').next().unwrap_or(name);
    name.to_ascii_lowercase()
}

/// The end of a tag starting at `from` (the index after its `>`), quotes respected.
fn tag_end(s: &str, from: usize) -> usize {
    let bytes = s.as_bytes();
    let mut quote = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let s = self.s;
            if self.pos >= s.len() {
                return None;
            }
            let rest = &s[self.pos..];
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                self.pos += len;
                return Some(Token::Text(&rest[..len]));
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let len = body.find("]]>").unwrap_or(body.len());
                self.pos += 9 + len + 3.min(body.len() - len);
                return Some(Token::Text(&body[..len]));
            }
            if rest.starts_with("<!--") {
                self.pos += rest.find("-->").map(|i| i + 3).unwrap_or(rest.len());
                continue;
            }
            let second = rest.as_bytes().get(1).copied().unwrap_or(b' ');
            if second == b'!' || second == b'?' {
                self.pos += rest.find('>').map(|i| i + 1).unwrap_or(rest.len());
                continue;
            }
            let closing = second == b'/';
            let name_start = if closing { 2 } else { 1 };
            let name_len = rest[name_start..]
                .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .unwrap_or(rest.len() - name_start);
            if name_len == 0 || !(closing || second.is_ascii_alphabetic()) {
                // A lone "<" in text.
                self.pos += 1;
                return Some(Token::Text("<"));
            }
            let name = local(&rest[name_start..name_start + name_len]);
            let end = tag_end(rest, name_start + name_len);
            self.pos += end;
            let inner = rest[name_start + name_len..end].trim_end_matches('>');
            if closing {
                return Some(Token::Close { name });
            }
            let self_closing = inner.ends_with('/');
            let attrs = inner.trim_end_matches('/');
            if !self_closing && (name == "script" || name == "style") {
                self.skip_raw(&name);
                continue;
            }
            return Some(Token::Open {
                name,
                attrs,
                self_closing,
            });
        }
    }
}

/// The value of attribute `wanted` (local name, any case) in `attrs`, entities decoded.
pub(super) fn attr(attrs: &str, wanted: &str) -> Option<String> {
    let mut rest = attrs.trim_start();
    while !rest.is_empty() {
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let len = body.find(q).unwrap_or(body.len());
                    (&body[..len], &body[(len + 1).min(body.len())..])
                }
                _ => {
                    let len = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..len], &after[len..])
                }
            };
            value = v;
            rest = next.trim_start();
        }
        if !name.is_empty() && local(name) == wanted {
            return Some(decode_entities(value).into_owned());
        }
        if name.is_empty() {
            // Stray characters: skip one to make progress.
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str().trim_start();
        }
    }
    None
}

/// Text with its character references and the usual named entities decoded;
/// an unknown entity is kept as written.
pub(super) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.char_indices().take(12).find(|&(_, c)| c == ';');
        let decoded = end.and_then(|(i, _)| entity(&rest[1..i]).map(|c| (c, i + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "middot" => '·',
        "mdash" => '—',
        "ndash" => '–',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "hellip" => '…',
        "times" => '×',
        "yen" => '¥',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_attributes() {
        let html = r#"<!DOCTYPE html><!-- a > b --><TD colspan = "2" class=x>a &amp; b</td><br/><style>td{x:1}</style><ss:Cell ss:Index='3'>"#;
        let tokens: Vec<Token> = Tokens::new(html).collect();
        assert_eq!(
            tokens[0],
            Token::Open {
                name: "td".into(),
                attrs: r#" colspan = "2" class=x"#,
                self_closing: false
            }
        );
        assert_eq!(tokens[1], Token::Text("a &amp; b"));
        assert_eq!(tokens[2], Token::Close { name: "td".into() });
        assert!(matches!(&tokens[3], Token::Open { name, self_closing: true, .. } if name == "br"));
        assert!(matches!(&tokens[4], Token::Close { name } if name == "style"));
        let Token::Open { name, attrs, .. } = &tokens[5] else {
            panic!("{tokens:?}")
        };
        assert_eq!(name, "cell");
        assert_eq!(attr(attrs, "index").as_deref(), Some("3"));
        assert_eq!(
            attr(r#" colspan = "2" class=x"#, "colspan").as_deref(),
            Some("2")
        );
        assert_eq!(
            attr(r#" colspan = "2" class=x"#, "class").as_deref(),
            Some("x")
        );
        assert_eq!(attr(" nowrap width=3", "width").as_deref(), Some("3"));
        assert_eq!(attr(" a=1", "b"), None);
        let lone: Vec<Token> = Tokens::new("1 < 2").collect();
        assert_eq!(lone.len(), 3);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("A&nbsp;&amp;&lt;&gt;&quot;&#20013;&#x56FD;&unknown;&"),
            "A &<>\"中国&unknown;&"
        );
        assert_eq!(decode_entities("张三"), "张三");
    }
}
