//! Finding a 备案表's fields in a PDF's text layer, by label.

use super::{Record, RecordField};
use crate::domain::limits::{FieldSize, MAX_ATTACHMENT_BYTES, MAX_PART_BYTES};
use crate::domain::parse::parse_date;
use crate::domain::text::fold_width;
use crate::{Error, Result};

/// The most pages read: a 备案表 is one page; a longer file is something else
/// that may still carry one on its first pages.
const MAX_PAGES: u32 = 3;

/// The fewest labelled fields (姓名 among them) for text to read as a 备案表.
const MIN_FIELDS: usize = 8;

/// How a value of a field is shaped, to cut off text that follows the last field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Date,
    /// Letters and digits (证书编号, 在线验证码).
    Code,
    /// Free text.
    Text,
}

/// How the value of `field` is shaped.
fn shape(field: RecordField) -> Shape {
    match field {
        RecordField::Updated
        | RecordField::Birth
        | RecordField::Enrolled
        | RecordField::Graduated => Shape::Date,
        RecordField::CertNumber | RecordField::Vcode => Shape::Code,
        _ => Shape::Text,
    }
}

/// What a PDF's text layer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// It reads as a 备案表.
    Record(Record),
    /// No text, or text that cannot be mapped to characters (no /ToUnicode):
    /// a scan or a picture. The clerk checks it by eye.
    NoText,
    /// Text that is not a 备案表 (another document).
    NotRecord,
}

impl Reading {
    /// What the clerk is told when the file is not read as a 备案表.
    pub fn message(&self) -> Option<&'static str> {
        match self {
            Reading::Record(_) => None,
            Reading::NoText => Some("没有文字层，请手工核对"),
            Reading::NotRecord => Some("文字内容不像学信网备案表，未提取字段"),
        }
    }
}

/// Reads the text layer of the PDF `bytes` (at most its first pages, within
/// the reader limits). A PDF that cannot be opened at all is an error.
pub fn read_pdf(bytes: &[u8]) -> Result<Reading> {
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(Error::Other(format!(
            "文件超过 {} MB，不读取其文字",
            MAX_ATTACHMENT_BYTES / 1024 / 1024
        )));
    }
    let limit = usize::try_from(MAX_PART_BYTES).unwrap_or(usize::MAX);
    let options = lopdf::LoadOptions::with_max_decompressed_size(limit);
    let doc = lopdf::Document::load_mem_with_options(bytes, options)
        .map_err(|_| Error::Other("无法读取这个 PDF（文件可能已损坏或已加密）".into()))?;
    let pages: Vec<u32> = doc
        .get_pages()
        .keys()
        .copied()
        .filter(|n| *n <= MAX_PAGES)
        .collect();
    let mut text = String::new();
    for page in pages {
        page_text(&doc, page, limit, &mut text)?;
        if text.len() > limit {
            return Err(Error::Other("PDF 文字内容过多，不予读取".into()));
        }
    }
    Ok(read_text(&text))
}

/// Appends the text of page `number`, one line per text run (`Tj`, `TJ`):
/// the runs are what tells a value from the text after it. A font whose codes
/// cannot be mapped yields no characters.
fn page_text(doc: &lopdf::Document, number: u32, limit: usize, out: &mut String) -> Result<()> {
    let big = |_: lopdf::Error| Error::Other("PDF 内容解压后过大或已损坏，不予读取".into());
    let Some(page) = doc.get_pages().get(&number).copied() else {
        return Ok(());
    };
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let mut encodings = std::collections::BTreeMap::new();
    for (name, font) in fonts {
        match font.get_font_encoding_with_limit(doc, limit) {
            Ok(e) => {
                encodings.insert(name, e);
            }
            Err(e @ lopdf::Error::Decompress(_)) => return Err(big(e)),
            Err(_) => {}
        }
    }
    let content = doc.get_page_content_with_limit(page, limit).map_err(big)?;
    let Ok(content) = lopdf::content::Content::decode(&content) else {
        return Ok(());
    };
    let mut encoding = None;
    for op in &content.operations {
        let strings: Vec<&lopdf::Object> = match op.operator.as_str() {
            "Tf" => {
                encoding = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| encodings.get(n));
                continue;
            }
            "Tj" | "'" => op.operands.first().into_iter().collect(),
            "\"" => op.operands.get(2).into_iter().collect(),
            "TJ" => match op.operands.first().map(lopdf::Object::as_array) {
                Some(Ok(items)) => items.iter().collect(),
                _ => continue,
            },
            _ => continue,
        };
        let Some(enc) = encoding else { continue };
        for s in strings {
            if let Ok(bytes) = s.as_str()
                && let Ok(t) = lopdf::Document::decode_text(enc, bytes)
            {
                out.push_str(&t);
            }
        }
        out.push('\n');
    }
    Ok(())
}

/// Finds the fields of a 备案表 in `text` (a text layer in any order, in
/// which each label is followed by its value).
pub fn read_text(text: &str) -> Reading {
    // White space goes; a line break is remembered as a cut before the next character.
    let mut joined = String::new();
    let mut cuts = Vec::new();
    for c in fold_width(text).chars() {
        if c == '\n' {
            cuts.push(joined.len());
        } else if !c.is_whitespace() && c != '\u{FFFD}' && !c.is_control() {
            joined.push(c);
        }
    }
    let text = joined;
    let record = find_fields(&text, &cuts);
    if record.fields.len() >= MIN_FIELDS && record.fields.contains_key(&RecordField::Name) {
        Reading::Record(record)
    } else if text.chars().any(is_han) {
        Reading::NotRecord
    } else {
        Reading::NoText
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2FFFF}')
}

/// Each label's first place in `text` not inside a longer label (姓名 inside
/// 校（院）长姓名, 毕（结）业 inside 毕（结）业日期), then each value as the text
/// up to the next label.
fn find_fields(text: &str, cuts: &[usize]) -> Record {
    let mut labels: Vec<(RecordField, String)> = RecordField::ALL
        .iter()
        .map(|f| (*f, fold_width(f.label())))
        .collect();
    labels.sort_by_key(|(_, l)| std::cmp::Reverse(l.len()));
    let mut spans: Vec<(usize, usize, RecordField)> = Vec::new();
    for (field, label) in &labels {
        let free = text.match_indices(label.as_str()).find(|(at, _)| {
            let end = at + label.len();
            spans.iter().all(|(s, e, _)| end <= *s || *at >= *e)
        });
        if let Some((at, _)) = free {
            spans.push((at, at + label.len(), *field));
        }
    }
    spans.sort();
    let mut record = Record::default();
    for (i, (_, end, field)) in spans.iter().enumerate() {
        let next = spans.get(i + 1).map_or(text.len(), |(s, _, _)| *s);
        let raw = first_run(text, *end, next, cuts);
        let raw = raw.trim_start_matches([':', '：']);
        if let Some(value) = shaped(shape(*field), raw) {
            record.fields.insert(*field, value);
        }
    }
    record
}

/// The text from `start` to `end` up to its first cut after some text (the
/// value, without a footnote that follows the last field). Text set one
/// character a run is joined whole.
fn first_run(text: &str, start: usize, end: usize, cuts: &[usize]) -> String {
    let mut pieces = Vec::new();
    let mut from = start;
    for cut in cuts.iter().copied().filter(|c| *c > start && *c < end) {
        pieces.push(text.get(from..cut).unwrap_or(""));
        from = cut;
    }
    pieces.push(text.get(from..end).unwrap_or(""));
    let pieces: Vec<&str> = pieces
        .into_iter()
        .map(|p| p.trim_start_matches([':', '：']))
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.len() > 1 && pieces.iter().all(|p| p.chars().count() == 1) {
        pieces.concat()
    } else {
        pieces.first().map(|p| p.to_string()).unwrap_or_default()
    }
}

/// The value of a field out of the text after its label: a date as
/// YYYY-MM-DD, a code in capitals, free text cut to its field size.
fn shaped(shape: Shape, raw: &str) -> Option<String> {
    let value = match shape {
        Shape::Date => {
            let lead: String = raw
                .chars()
                .take_while(|c| c.is_ascii_digit() || "年月日.-/".contains(*c))
                .collect();
            match parse_date(&lead) {
                Ok(Some(d)) => d.format("%Y-%m-%d").to_string(),
                _ => lead,
            }
        }
        Shape::Code => raw
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(FieldSize::Code.max_chars())
            .collect::<String>()
            .to_ascii_uppercase(),
        Shape::Text => raw.chars().take(FieldSize::Text.max_chars()).collect(),
    };
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::print::canvas::Canvas;
    use crate::print::document::{finish, start};

    /// A 备案表 as its label/value pairs, in the form's order.
    pub(crate) fn sample() -> Vec<(&'static str, &'static str)> {
        vec![
            ("更新日期", "2024年03月05日"),
            ("姓名", "张三"),
            ("性别", "男"),
            ("出生日期", "1990年05月12日"),
            ("入学日期", "2008年09月01日"),
            ("毕（结）业日期", "2012年07月01日"),
            ("学校名称", "华北电力大学"),
            ("专业", "热能与动力工程"),
            ("学制", "4年"),
            ("层次", "本科"),
            ("学历类别", "普通高等教育"),
            ("学习形式", "普通全日制"),
            ("毕（结）业", "毕业"),
            ("证书编号", "100791201205001234"),
            ("校（院）长姓名", "李四"),
            ("在线验证码", "ABCD1234EFGH5678"),
        ]
    }

    pub(crate) fn record_pdf(pairs: &[(&str, &str)]) -> Vec<u8> {
        crate::xuexin::sample::record_pdf(pairs).unwrap()
    }

    fn fields(reading: &Reading) -> &Record {
        match reading {
            Reading::Record(r) => r,
            other => panic!("not read as a record: {other:?}"),
        }
    }

    #[test]
    fn a_record_pdf_reads_the_same_in_two_text_orders() {
        let pairs = sample();
        let official = read_pdf(&record_pdf(&pairs)).unwrap();
        // Two columns read column by column: the second half first.
        let mut shuffled = pairs[8..].to_vec();
        shuffled.extend_from_slice(&pairs[..8]);
        shuffled.swap(0, 5);
        let other = read_pdf(&record_pdf(&shuffled)).unwrap();
        assert_eq!(official, other);
        let r = fields(&official);
        assert_eq!(r.fields.len(), 16, "{r:?}");
        assert_eq!(r.get(RecordField::Name), Some("张三"));
        assert_eq!(r.get(RecordField::Principal), Some("李四"));
        assert_eq!(r.get(RecordField::Outcome), Some("毕业"));
        assert_eq!(r.get(RecordField::Graduated), Some("2012-07-01"));
        assert_eq!(r.get(RecordField::Birth), Some("1990-05-12"));
        assert_eq!(r.get(RecordField::School), Some("华北电力大学"));
        assert_eq!(r.get(RecordField::CertNumber), Some("100791201205001234"));
        assert_eq!(r.get(RecordField::Vcode), Some("ABCD1234EFGH5678"));
        assert_eq!(r.get(RecordField::Level), Some("本科"));
    }

    #[test]
    fn a_pdf_without_text_says_so() {
        let (doc, faces) = start("扫描件", ["扫描件"]).unwrap();
        let mut c = Canvas::new(&faces);
        c.rule(20.0, 190.0, 50.0);
        let bytes = finish(doc, &faces, vec![c], |_, _| String::new(), "扫描件").unwrap();
        let reading = read_pdf(&bytes).unwrap();
        assert_eq!(reading, Reading::NoText);
        assert_eq!(reading.message(), Some("没有文字层，请手工核对"));
    }

    #[test]
    fn a_record_whose_fonts_lost_their_unicode_map_reads_as_no_text() {
        let mut doc = lopdf::Document::load_mem(&record_pdf(&sample())).unwrap();
        let mut removed = 0;
        for object in doc.objects.values_mut() {
            if let Ok(dict) = object.as_dict_mut()
                && dict.remove(b"ToUnicode").is_some()
            {
                removed += 1;
            }
        }
        assert!(removed > 0);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        assert_eq!(read_pdf(&bytes).unwrap(), Reading::NoText);
    }

    #[test]
    fn a_value_ends_at_its_run_unless_set_one_character_a_run() {
        let mut text: String = sample()
            .iter()
            .map(|(l, v)| format!("{l}\n{v}\n"))
            .collect();
        text = text.replace("华北电力大学", "华\n北\n电\n力\n大\n学");
        text.push_str("请登录学信网核验本表");
        let r = read_text(&text);
        let r = fields(&r);
        assert_eq!(r.get(RecordField::School), Some("华北电力大学"));
        assert_eq!(r.get(RecordField::Vcode), Some("ABCD1234EFGH5678"));
    }

    #[test]
    fn text_without_a_unicode_map_reads_as_no_text() {
        // What lopdf yields for CID codes it cannot map: no characters.
        assert_eq!(read_text("\u{FFFD}\u{FFFD} 12 \n"), Reading::NoText);
        assert_eq!(read_text(""), Reading::NoText);
    }

    #[test]
    fn other_text_is_not_a_record_and_broken_files_are_refused() {
        assert_eq!(
            read_text("劳动合同 甲方 乙方 姓名 张三"),
            Reading::NotRecord
        );
        let err = read_pdf(b"%PDF-1.4 not really").unwrap_err().to_string();
        assert!(err.contains("无法读取这个 PDF"), "{err}");
    }

    #[test]
    fn labels_inside_longer_labels_and_half_width_brackets_are_told_apart() {
        let text = "教育部学历证书电子注册备案表 更新日期:2024-03-05 姓名 王五 性别 女 \
            出生日期 1991.2.3 入学日期 2009.9.1 毕(结)业日期 2013.7.1 学校名称 某大学 \
            专业 机械 学制 4 层次 本科 毕(结)业 结业 证书编号 100791201305009999 \
            校(院)长姓名 赵六 在线验证码 abcd1234efgh5678 请登录学信网核验";
        let r = read_text(text);
        let r = fields(&r);
        assert_eq!(r.get(RecordField::Name), Some("王五"));
        assert_eq!(r.get(RecordField::Outcome), Some("结业"));
        assert_eq!(r.get(RecordField::Graduated), Some("2013-07-01"));
        assert_eq!(r.get(RecordField::Principal), Some("赵六"));
        assert_eq!(r.get(RecordField::Vcode), Some("ABCD1234EFGH5678"));
        assert_eq!(r.get(RecordField::Category), None);
    }
}
