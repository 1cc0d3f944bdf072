//! .xlsx and .xlsm workbooks, read by the reader itself rather than through
//! calamine: a worksheet is decompressed once and read in the same pass that
//! holds it to the zip guard's limits (sheet.rs), where calamine's XML reader
//! and the guard's scan each went over it (3.5 s of a 300,000-row payment
//! list's 4.5 s; docs/PERFORMANCE.md). The cells read as calamine read them:
//! the same types, shared strings, date styles and escapes (docs/DECISIONS.md,
//! "One reader and its limits"). .xls, .xlsb and .ods stay with calamine.

mod formats;
mod sheet;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::Arc;

use super::RawRow;
use super::limits::MAX_PART_BYTES;
use super::markup::{Token, Tokens, attr, decode_entities};
use super::spreadsheet::DAMAGED;
use crate::domain::text::clean_text;
use formats::Shown;

/// Why a worksheet could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SheetError {
    /// Beyond the zip guard's limits: the whole file is refused.
    Guard(String),
    /// Damaged, or beyond the rows' limits: this sheet cannot be read.
    Read(String),
}

impl SheetError {
    pub(super) fn into_message(self) -> String {
        match self {
            SheetError::Guard(m) | SheetError::Read(m) => m,
        }
    }
}

/// An opened .xlsx: its sheets and what their cells refer to.
pub(super) struct Workbook {
    bytes: Arc<Vec<u8>>,
    /// The sheets in the workbook's order: name and worksheet part.
    sheets: Vec<(String, String)>,
    /// The shared strings, cleaned as [`super::Cell::text`] cleans.
    strings: Vec<String>,
    /// How each cell style (`s`) shows a number.
    styles: Vec<Shown>,
    is_1904: bool,
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The index of part `path` in the zip: as written, else told apart only by
/// case and slashes (as some writers spell them).
fn find_part(zip: &Zip<'_>, path: &str) -> Option<usize> {
    if let Some(i) = zip.index_for_name(path) {
        return Some(i);
    }
    let fold = |n: &[u8]| -> Vec<u8> {
        n.iter()
            .map(|&b| {
                if b == b'\\' {
                    b'/'
                } else {
                    b.to_ascii_lowercase()
                }
            })
            .collect()
    };
    let wanted = fold(path.as_bytes());
    zip.file_names_raw().position(|n| fold(n) == wanted)
}

/// A whole part as text (the guard has bounded its size already).
fn part_text(zip: &mut Zip<'_>, path: &str) -> Option<String> {
    let i = find_part(zip, path)?;
    let part = zip.by_index(i).ok()?;
    let mut bytes = Vec::new();
    part.take(MAX_PART_BYTES).read_to_end(&mut bytes).ok()?;
    String::from_utf8(bytes).ok()
}

/// `target` of a relationship of the part in folder `base` ("xl/"), as a path in the zip.
fn resolve(base: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{base}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The relationships of part `path`: id → (type, target path).
fn relationships(zip: &mut Zip<'_>, path: &str) -> HashMap<String, (String, String)> {
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let base = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let mut out = HashMap::new();
    let Some(rels) = part_text(zip, &format!("{base}_rels/{file}.rels")) else {
        return out;
    };
    for token in Tokens::new(&rels) {
        if let Token::Open { name, attrs, .. } = token
            && name == "relationship"
            && let (Some(id), Some(target)) = (attr(attrs, "id"), attr(attrs, "target"))
        {
            let kind = attr(attrs, "type").unwrap_or_default();
            out.insert(id, (kind, resolve(&base, &target)));
        }
    }
    out
}

/// XML text as calamine gives it: entities decoded, line ends as `\n`,
/// `_xHHHH_` escapes read.
pub(super) fn xml_text(raw: &str) -> String {
    unescape_x(&decoded_lines(raw)).into_owned()
}

/// XML text with its entities decoded and line ends as `\n`.
fn decoded_lines(raw: &str) -> Cow<'_, str> {
    let decoded = decode_entities(raw);
    if decoded.contains('\r') {
        Cow::Owned(decoded.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        decoded
    }
}

/// Reads the `_xHHHH_` escapes OOXML writes for characters XML cannot hold
/// (`_x000D_` for a carriage return), as calamine's `unescape_xml` does: a
/// surrogate pair is one character, a lone surrogate U+FFFD.
pub(super) fn unescape_x(s: &str) -> Cow<'_, str> {
    if memchr::memmem::find(s.as_bytes(), b"_x").is_none() {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let unit_at = |i: usize| -> Option<u16> {
        let e = b.get(i..i + 7)?;
        if e[0] != b'_'
            || e[1] != b'x'
            || e[6] != b'_'
            || !e[2..6].iter().all(u8::is_ascii_hexdigit)
        {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&e[2..6]).ok()?, 16).ok()
    };
    let mut out = String::with_capacity(s.len());
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        let Some(unit) = unit_at(i) else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        i += 7;
        let c = match unit {
            0xD800..=0xDBFF => match unit_at(i) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    i += 7;
                    char::from_u32(
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00),
                    )
                }
                _ => None,
            },
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(u32::from(unit)),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = i;
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// The shared strings: each `<si>`'s text runs, phonetic runs left out.
fn shared_strings(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut phonetic, mut preserve) = (false, false, false);
    let mut run = String::new();
    for token in Tokens::new(xml) {
        match token {
            Token::Open {
                name, self_closing, ..
            } if name == "si" => {
                if self_closing {
                    out.push(String::new());
                } else {
                    current = Some(String::new());
                }
            }
            Token::Close { name } if name == "si" => {
                out.push(clean_text(&current.take().unwrap_or_default()));
            }
            Token::Open {
                name, self_closing, ..
            } if name == "rph" && !self_closing => phonetic = true,
            Token::Close { name } if name == "rph" => phonetic = false,
            Token::Open {
                name,
                attrs,
                self_closing,
            } if name == "t" && !self_closing && !phonetic && current.is_some() => {
                in_t = true;
                preserve = attr(attrs, "space").as_deref() == Some("preserve");
                run.clear();
            }
            Token::Close { name } if name == "t" && in_t => {
                in_t = false;
                // Trimmed before the `_xHHHH_` escapes are read, as calamine does.
                let text = decoded_lines(&run);
                let text = if preserve {
                    &text
                } else {
                    text.trim_matches([' ', '\t', '\r', '\n'])
                };
                if let Some(c) = current.as_mut() {
                    c.push_str(&unescape_x(text));
                }
            }
            Token::Text(t) if in_t => run.push_str(t),
            _ => {}
        }
    }
    out
}

/// How each cell style shows a number (`cellXfs`, by position).
fn styles(xml: &str) -> Vec<Shown> {
    let mut custom: HashMap<u32, Shown> = HashMap::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    for token in Tokens::new(xml) {
        match token {
            Token::Open { name, attrs, .. } if name == "numfmt" => {
                if let (Some(id), Some(code)) = (
                    attr(attrs, "numfmtid").and_then(|i| i.trim().parse().ok()),
                    attr(attrs, "formatcode"),
                ) {
                    custom.insert(id, formats::custom(&code));
                }
            }
            Token::Open {
                name, self_closing, ..
            } if name == "cellxfs" => in_xfs = !self_closing,
            Token::Close { name } if name == "cellxfs" => in_xfs = false,
            Token::Open { name, attrs, .. } if name == "xf" && in_xfs => {
                let shown = match attr(attrs, "numfmtid").and_then(|i| i.trim().parse().ok()) {
                    Some(id) => custom
                        .get(&id)
                        .copied()
                        .unwrap_or_else(|| formats::builtin(id)),
                    None => Shown::Number,
                };
                out.push(shown);
            }
            _ => {}
        }
    }
    out
}

impl Workbook {
    /// Reads what the worksheets refer to: the sheets and their parts, the
    /// shared strings, the styles. `None`: not a workbook this reader can
    /// read (no workbook part, or a damaged one). The zip guard has checked
    /// every part but the worksheets already.
    pub(super) fn open(bytes: Arc<Vec<u8>>) -> Option<Workbook> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).ok()?;
        let main = relationships(&mut zip, "")
            .into_values()
            .find(|(kind, _)| kind.ends_with("/officeDocument"))
            .map_or_else(|| "xl/workbook.xml".to_string(), |(_, path)| path);
        let book = part_text(&mut zip, &main)?;
        let rels = relationships(&mut zip, &main);
        let mut is_1904 = false;
        let mut is_workbook = false;
        let mut sheets = Vec::new();
        for token in Tokens::new(&book) {
            match token {
                Token::Open { name, .. } if name == "workbook" => is_workbook = true,
                // Excel 2013 and later write a second `x15:workbookPr`
                // (no date1904) after the real one: only the attribute counts.
                Token::Open { name, attrs, .. } if name == "workbookpr" => {
                    if let Some(v) = attr(attrs, "date1904") {
                        is_1904 = v == "1" || v == "true";
                    }
                }
                Token::Open { name, attrs, .. } if name == "sheet" => {
                    let (Some(sheet), Some(id)) = (attr(attrs, "name"), attr(attrs, "id")) else {
                        continue;
                    };
                    let (_, path) = rels.get(&id)?;
                    sheets.push((sheet, path.clone()));
                }
                _ => {}
            }
        }
        // A Word or PowerPoint file saved under an .xlsx name is a zip of
        // the same kind, whose main part is not a workbook.
        if !is_workbook {
            return None;
        }
        let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
        let related = |suffix: &str, default: &str| {
            rels.values()
                .find(|(kind, _)| kind.ends_with(suffix))
                .map_or_else(|| format!("{dir}/{default}"), |(_, p)| p.clone())
        };
        let strings = match part_text(&mut zip, &related("/sharedStrings", "sharedStrings.xml")) {
            Some(xml) => shared_strings(&xml),
            None => Vec::new(),
        };
        let styles = part_text(&mut zip, &related("/styles", "styles.xml"))
            .map(|xml| styles(&xml))
            .unwrap_or_default();
        drop(zip);
        Some(Workbook {
            bytes,
            sheets,
            strings,
            styles,
            is_1904,
        })
    }

    pub(super) fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    /// The worksheet part of sheet `name`.
    pub(super) fn part_of(&self, name: &str) -> Option<&str> {
        self.sheets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.as_str())
    }

    /// The non-empty rows of sheet `name`.
    pub(super) fn rows(&self, name: &str) -> Result<Vec<RawRow>, SheetError> {
        let Some(path) = self.part_of(name) else {
            return Err(SheetError::Read(format!("找不到工作表“{name}”")));
        };
        let damaged = || SheetError::Read(DAMAGED.to_string());
        let mut zip =
            zip::ZipArchive::new(Cursor::new(self.bytes.as_slice())).map_err(|_| damaged())?;
        let i = find_part(&zip, path).ok_or_else(damaged)?;
        let mut part = zip.by_index(i).map_err(|_| damaged())?;
        let ctx = sheet::Context {
            strings: &self.strings,
            styles: &self.styles,
            is_1904: self.is_1904,
        };
        sheet::read(&mut part, &ctx, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Reader, Xlsx, open_workbook_from_rs};

    /// Each sheet's name and rows (or why they cannot be read).
    type Read = Vec<(String, Result<Vec<RawRow>, String>)>;

    /// Every sheet's rows as calamine streams them, converted as the reader
    /// converted them before it read .xlsx itself; `None` when calamine
    /// refuses the file.
    fn by_calamine(bytes: &[u8]) -> Option<Read> {
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).ok()?;
        let names = book.sheet_names();
        Some(
            names
                .into_iter()
                .map(|name| {
                    let rows = (|| {
                        let mut reader = book
                            .worksheet_cells_reader(&name)
                            .map_err(|_| DAMAGED.to_string())?;
                        let mut rows = super::super::spreadsheet::SparseRows::new(&name);
                        while let Some(cell) =
                            reader.next_cell().map_err(|_| DAMAGED.to_string())?
                        {
                            let (r, c) = cell.get_position();
                            rows.push((r, c), super::super::cell::from_data_ref(cell.get_value()))?;
                        }
                        rows.finish()
                    })();
                    (name, rows)
                })
                .collect(),
        )
    }

    fn by_us(bytes: &[u8]) -> Option<Read> {
        let book = Workbook::open(Arc::new(bytes.to_vec()))?;
        Some(
            book.sheet_names()
                .into_iter()
                .map(|name| {
                    let rows = book.rows(&name).map_err(SheetError::into_message);
                    (name, rows)
                })
                .collect(),
        )
    }

    #[test]
    fn a_varied_workbook_reads_as_calamine_read_it() {
        use rust_xlsxwriter::{Format, Formula, Workbook as Writer};
        let mut w = Writer::new();
        let sheet = w.add_worksheet().set_name("人员").unwrap();
        let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
        let iso = Format::new().set_num_format("yyyy-mm-dd");
        let money = Format::new().set_num_format("#,##0.00");
        sheet.write_string(0, 0, "姓名").unwrap();
        sheet.write_string(0, 3, " 身份证号 ").unwrap();
        sheet.write_string(1, 0, "王　伟").unwrap();
        sheet.write_string(1, 1, "ＡＢ１２&<>\"'").unwrap();
        sheet.write_number(1, 2, 370502800101101.0).unwrap();
        sheet.write_number(1, 3, 370502198001011013.0).unwrap();
        sheet
            .write_number_with_format(1, 4, 45483.0, &date)
            .unwrap();
        sheet
            .write_number_with_format(1, 5, 45483.75, &iso)
            .unwrap();
        sheet
            .write_number_with_format(1, 6, 1234.5, &money)
            .unwrap();
        sheet.write_boolean(1, 7, true).unwrap();
        sheet
            .write_formula(1, 8, Formula::new("=1+1").set_result("2"))
            .unwrap();
        sheet.write_string(2, 2, "第一行\r\n第二行").unwrap();
        sheet.write_string(5, 10, "远处").unwrap();
        sheet.write_string(4, 1, "_x000D_ 字面").unwrap();
        let other = w.add_worksheet().set_name("第2页").unwrap();
        other.write_string(3, 2, "C4").unwrap();
        other.write_number(3, 1, -0.125).unwrap();
        let bytes = w.save_to_buffer().unwrap();
        let ours = by_us(&bytes).unwrap();
        assert_eq!(ours.len(), 2, "{ours:?}");
        assert_eq!(ours, by_calamine(&bytes).unwrap());
    }

    /// A workbook's parts, as (name, bytes).
    fn parts_of(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut part = zip.by_index(i).unwrap();
                let mut body = Vec::new();
                part.read_to_end(&mut body).unwrap();
                (part.name().unwrap().into_owned(), body)
            })
            .collect()
    }

    fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
        use std::io::Write;
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(body).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    /// Damaged worksheets and shared strings (cut short, bytes changed, tags
    /// doubled): the reader ends, without a panic, with rows or a message.
    #[test]
    fn damaged_xml_ends_in_rows_or_a_message() {
        use rust_xlsxwriter::{Format, Workbook as Writer};
        let mut w = Writer::new();
        let sheet = w.add_worksheet();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for r in 0..60u32 {
            sheet.write_string(r, 0, format!("人员{r}&<>")).unwrap();
            sheet.write_number(r, 1, f64::from(r) * 1.5).unwrap();
            sheet
                .write_number_with_format(r, 2, 45000.0 + f64::from(r), &date)
                .unwrap();
            sheet.write_boolean(r, 3, r % 2 == 0).unwrap();
        }
        let parts = parts_of(&w.save_to_buffer().unwrap());
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let mut read_some = 0;
        for round in 0..400 {
            let mut damaged = parts.clone();
            for (name, body) in &mut damaged {
                if !(name.contains("worksheets") || name.contains("sharedStrings"))
                    || body.is_empty()
                {
                    continue;
                }
                match round % 4 {
                    0 => body.truncate(next(body.len())),
                    1 => {
                        for _ in 0..4 {
                            let at = next(body.len());
                            body[at] = b"<>\"'/=&;x0 "[next(11)];
                        }
                    }
                    2 => {
                        let at = next(body.len());
                        let piece = body[at..(at + next(40)).min(body.len())].to_vec();
                        body.splice(at..at, piece);
                    }
                    _ => {
                        let at = next(body.len());
                        body.drain(at..(at + next(40)).min(body.len()));
                    }
                }
            }
            let bytes = Arc::new(zip_of(&damaged));
            if super::super::zip_guard::check_all_but_worksheets(&bytes).is_err() {
                continue;
            }
            let Some(book) = Workbook::open(bytes) else {
                continue;
            };
            for name in book.sheet_names() {
                if book.rows(&name).is_ok() {
                    read_some += 1;
                }
            }
        }
        // Many damages leave a readable sheet (a changed letter in a text).
        assert!(read_some > 20, "{read_some}");
    }

    #[test]
    fn a_1904_workbook_keeps_its_dates_past_excel_2013s_second_workbook_pr() {
        use rust_xlsxwriter::{Format, Workbook as Writer};
        let mut w = Writer::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        w.add_worksheet()
            .write_number_with_format(0, 0, 45483.0, &date)
            .unwrap();
        let mut parts = parts_of(&w.save_to_buffer().unwrap());
        for (name, body) in &mut parts {
            if name == "xl/workbook.xml" {
                let text = String::from_utf8(body.clone()).unwrap();
                let text = text.replacen("<workbookPr", r#"<workbookPr date1904="1""#, 1).replace(
                    "</workbook>",
                    r#"<extLst><ext uri="x"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>"#,
                );
                *body = text.into_bytes();
            }
        }
        let bytes = zip_of(&parts);
        let ours = by_us(&bytes).unwrap();
        // 45483 in the 1904 system is 2028-07-11, not 2024-07-10.
        assert_eq!(ours[0].1.as_ref().unwrap()[0].cells[0].text, "2028-07-11");
        assert_eq!(ours, by_calamine(&bytes).unwrap());
    }

    #[test]
    fn a_word_document_under_an_xlsx_name_is_not_a_workbook() {
        let parts = [
            (
                "_rels/.rels".to_string(),
                br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_vec(),
            ),
            (
                "word/document.xml".to_string(),
                b"<w:document><w:body><w:p><w:r><w:t>hi</w:t></w:r></w:p></w:body></w:document>".to_vec(),
            ),
        ];
        assert!(Workbook::open(Arc::new(zip_of(&parts))).is_none());
    }

    #[test]
    fn the_fuzz_seeds_read_as_calamine_read_them() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/workbook_import");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            if !bytes.starts_with(b"PK") {
                continue;
            }
            if let (Some(ours), Some(theirs)) = (by_us(&bytes), by_calamine(&bytes)) {
                assert_eq!(ours, theirs);
                compared += 1;
            }
        }
        assert!(compared >= 3, "{compared}");
    }

    #[test]
    fn escapes_and_strings_read_as_calamine_reads_them() {
        assert_eq!(unescape_x("a_x000D_b"), "a\rb");
        assert_eq!(unescape_x("_xD83D__xDE00_"), "😀");
        assert_eq!(unescape_x("_xD83D_x"), "\u{FFFD}x");
        assert_eq!(unescape_x("中_x41_"), "中_x41_");
        let xml = concat!(
            r#"<sst><si><t>姓名</t></si><si/><si><r><t xml:space="preserve">王 </t></r><r><t> 伟</t></r>"#,
            r#"<rPh><t>ワン</t></rPh></si><si><t>Ａ&amp;Ｂ&#x4E2D;</t></si></sst>"#
        );
        assert_eq!(shared_strings(xml), ["姓名", "", "王 伟", "A&B中"]);
        let styles_xml = concat!(
            r#"<styleSheet><numFmts><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>"#,
            r#"<numFmt numFmtId="177" formatCode="0.00"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>"#,
            r#"<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/><xf numFmtId="177"/></cellXfs></styleSheet>"#
        );
        assert_eq!(
            styles(styles_xml),
            [
                Shown::Number,
                Shown::DateTime,
                Shown::DateTime,
                Shown::Number
            ]
        );
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(
            resolve("xl/", "../customXml/item.xml"),
            "customXml/item.xml"
        );
    }
}
