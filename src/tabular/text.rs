//! Text tables: CSV and tab-separated text (Excel's "Unicode 文本" and "文本文件",
//! exports of government systems), told by their content, in UTF-8 (with or
//! without BOM), UTF-16 with BOM, or GBK/GB18030. Quotes as RFC 4180 has them.

use encoding_rs::{Encoding, GB18030};

use super::cell::from_table_text;
use super::sheet::{Sheet, SheetBuilder};

/// Whether `bytes` look like text rather than a binary file: a UTF-16 BOM, or
/// no NUL and no control characters (other than tab, line breaks, form feed
/// and the DOS end-of-file mark) near the start.
pub(super) fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    bytes
        .iter()
        .take(64 * 1024)
        .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
}

/// The text of `bytes`: by its BOM, else in `declared` (an HTML page's
/// charset), else UTF-8 when it is valid UTF-8, else GB18030 (a superset of
/// GBK, which Chinese Excel and most government systems write).
pub(super) fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Some(encoding) = declared {
        // An HTML page may declare GB2312 and mean GBK: GB18030 reads both.
        let encoding = if encoding == encoding_rs::GBK {
            GB18030
        } else {
            encoding
        };
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Tab when the first non-empty lines are separated by tabs rather than commas.
fn separator(text: &str) -> char {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .collect();
    let tabs = lines.iter().filter(|l| l.contains('\t')).count();
    let commas = lines.iter().filter(|l| l.contains(',')).count();
    if tabs > 0 && tabs >= commas {
        '\t'
    } else {
        ','
    }
}

/// A field as the clerk means it: Excel's `="0123"` (a trick exports use to
/// keep leading zeros and long numbers as text) read as `0123`.
fn field_text(field: &str) -> &str {
    let t = field.trim();
    t.strip_prefix("=\"")
        .and_then(|t| t.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'))
        .unwrap_or(field)
}

/// Reads `text` as one sheet named `name`.
pub(super) fn read(name: &str, text: &str) -> Result<Sheet, String> {
    let sep = separator(text);
    let mut sheet = SheetBuilder::new(name);
    let mut field = String::new();
    let mut quoted = false;
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let end_field = |field: &mut String, sheet: &mut SheetBuilder, quoted: bool| {
        let text = if quoted {
            field.as_str()
        } else {
            field_text(field)
        };
        let result = sheet.push(from_table_text(text));
        field.clear();
        result
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() && !quoted => {
                field.clear();
                quoted = true;
                in_quotes = true;
            }
            c if c == sep => {
                end_field(&mut field, &mut sheet, quoted)?;
                quoted = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_field(&mut field, &mut sheet, quoted)?;
                quoted = false;
                sheet.end_row()?;
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || quoted || sheet.column() > 0 {
        end_field(&mut field, &mut sheet, quoted)?;
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabular::RawRow;

    fn texts(rows: &[RawRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    fn utf16le(s: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn every_encoding_reads_the_same() {
        let text = "姓名,证件号码,费款所属期\r\n张三,370502198001011013,202307\r\n";
        let expected = vec![
            vec!["姓名", "证件号码", "费款所属期"],
            vec!["张三", "370502198001011013", "202307"],
        ];
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend(text.as_bytes());
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        let tabs = utf16le(&text.replace(',', "\t"));
        for bytes in [text.as_bytes().to_vec(), with_bom, gbk.into_owned(), tabs] {
            assert!(looks_like_text(&bytes));
            let (name, rows) = read("明细", &decode(&bytes, None)).unwrap();
            assert_eq!(name, "明细");
            assert_eq!(texts(&rows), expected);
            assert_eq!(rows[1].number, 2);
        }
        assert!(!looks_like_text(b"PK\x03\x04\x00\x00"));
    }

    #[test]
    fn quotes_as_rfc_4180() {
        let csv = "a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",=\"0123\",\"\"\n\n x ,y\n";
        let (_, rows) = read("t", csv).unwrap();
        assert_eq!(
            texts(&rows),
            vec![
                vec!["a", "b,c", "say \"hi\""],
                vec!["two\nlines", "0123"],
                vec!["x", "y"],
            ]
        );
        // The quoted line break stays in its record: the blank line is row 4.
        assert_eq!(rows[2].number, 4);
        let (_, last) = read("t", "a,b").unwrap();
        assert_eq!(texts(&last), vec![vec!["a", "b"]]);
    }

    #[test]
    fn the_separator_is_told_by_the_first_lines() {
        assert_eq!(separator("姓名\t金额\n张三\t1,234.00\n"), '\t');
        assert_eq!(separator("明细表\n\n姓名,金额\n张三,12\n"), ',');
        assert_eq!(separator("只有一列\n"), ',');
    }

    #[test]
    fn a_long_number_in_scientific_notation_lost_its_digits() {
        let (_, rows) = read("t", "姓名,身份证号\n张三,3.70502E+17\n").unwrap();
        let id = &rows[1].cells[1];
        assert_eq!(id.text, "3.70502E+17");
        assert!(id.problem.as_deref().unwrap().contains("15位"));
    }

    #[test]
    fn limits_hold() {
        let long = format!("姓名\n{}\n", "字".repeat(40_000));
        let e = read("t", &long).unwrap_err();
        assert!(e.contains("第2行") && e.contains("32767"), "{e}");
        let wide = ",".repeat(20_000);
        let e = read("t", &format!("{wide}x")).unwrap_err();
        assert!(e.contains("16384"), "{e}");
        let many = "1\n".repeat(crate::tabular::limits::MAX_ROWS + 1);
        assert!(read("t", &many).unwrap_err().contains("1000000"));
    }
}
