//! One worksheet of an .xlsx read in one pass: decompressed in chunks, held to
//! the zip guard's limits as it streams (the part's size, the longest tag,
//! the longest text, the used area), and turned into cells on the way. The
//! cells read as calamine read them (`cells_reader.rs`), so that a workbook
//! imports as it did before (docs/DECISIONS.md, "One reader and its limits").

use std::io::Read;

use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};

use super::super::RawRow;
use super::super::cell::{Cell, from_data, from_number};
use super::super::limits::{MAX_CELL_CHARS, MAX_SHEET_PART_BYTES};
use super::super::spreadsheet::{DAMAGED, SparseRows};
use super::super::zip_guard::{self, Extent, MAX_TAG_BYTES, Problem, Tag, cell_ref, number};
use super::formats::Shown;
use super::{SheetError, xml_text};

/// How much is decompressed at a time.
const CHUNK: usize = 256 * 1024;

/// What a worksheet's cells refer to: the workbook's shared strings (already
/// cleaned as [`Cell::text`] cleans) and how each cell style shows a number.
#[derive(Debug)]
pub(super) struct Context<'a> {
    pub(super) strings: &'a [String],
    pub(super) styles: &'a [Shown],
    pub(super) is_1904: bool,
}

/// A cell's type, from its `t` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No `t`: a number, or the text as written when it is not one.
    Untyped,
    Number,
    Shared,
    Inline,
    Str,
    Bool,
    Error,
    Iso,
    Unknown,
}

fn kind_of(t: Option<&[u8]>) -> Kind {
    match t {
        None => Kind::Untyped,
        Some([b'n']) => Kind::Number,
        Some([b's']) => Kind::Shared,
        Some([b'b']) => Kind::Bool,
        Some([b'e']) => Kind::Error,
        Some([b'd']) => Kind::Iso,
        Some(b"inlineStr" | b"is") => Kind::Inline,
        Some(b"str") => Kind::Str,
        Some(_) => Kind::Unknown,
    }
}

/// Which text is being gathered into the cell's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    Nothing,
    /// `<v>`.
    Value,
    /// `<t>` of an inline string (not a phonetic run).
    Text,
}

/// The attributes of a tag's body (after its name), as (name, value) bytes.
fn attributes(mut rest: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    std::iter::from_fn(move || {
        loop {
            let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
            rest = &rest[start..];
            let eq = rest.iter().position(|&b| b == b'=')?;
            let name = rest[..eq].trim_ascii_end();
            let after = rest[eq + 1..].trim_ascii_start();
            let (&q, body) = after.split_first()?;
            if q != b'"' && q != b'\'' {
                rest = after;
                continue;
            }
            let len = body.iter().position(|&b| b == q)?;
            rest = &body[len + 1..];
            return Some((name, &body[..len]));
        }
    })
}

fn attribute<'b>(body: &'b [u8], wanted: &[u8]) -> Option<&'b [u8]> {
    attributes(body).find(|(n, _)| *n == wanted).map(|(_, v)| v)
}

/// Characters of a run of XML text, an entity (`&amp;`) counted as one, as
/// the zip guard counts them.
fn chars(run: &[u8]) -> usize {
    let mut n = run.iter().filter(|&&b| (b as i8) >= -0x40).count();
    for i in memchr::memchr_iter(b'&', run) {
        if let Some(len) = run[i..].iter().take(12).position(|&b| b == b';') {
            n -= len.min(n);
        }
    }
    n
}

/// Where the tag opened before `from` ends (its `>`), quotes respected;
/// `None` when the buffer ends first. A plain loop: tags are a few bytes
/// long, shorter than a `memchr` call pays off.
fn tag_end(buf: &[u8], from: usize) -> Option<usize> {
    let mut quote = 0u8;
    for (i, &b) in buf.get(from..)?.iter().enumerate() {
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'>' {
            return Some(from + i);
        } else if b == b'"' || b == b'\'' {
            quote = b;
        }
    }
    None
}

/// The length of the text at the start of `buf`, up to the next `<`.
fn text_len(buf: &[u8]) -> usize {
    // Cell values are short: look at a few bytes before calling memchr.
    match buf.iter().take(16).position(|&b| b == b'<') {
        Some(n) => n,
        None => memchr::memchr(b'<', buf).unwrap_or(buf.len()),
    }
}

/// How many cells the scan hands over at a time.
const BATCH: usize = 8192;

/// A cell as the scan found it, its value's bytes in its batch's `values`.
#[derive(Debug, Clone)]
struct RawCell {
    /// Row and column, 0-based.
    at: (u32, u32),
    kind: Kind,
    style: Option<usize>,
    saw_is: bool,
    value: std::ops::Range<usize>,
}

/// Cells the scan hands to the thread that makes them [`Cell`]s.
#[derive(Debug, Default)]
struct Batch {
    cells: Vec<RawCell>,
    values: Vec<u8>,
}

/// The scan of a worksheet's XML: tags, text and the guard's limits.
struct Parser<'a> {
    sheet: &'a str,
    /// The current row and column, 1-based (0 before the first).
    row: u64,
    col: u64,
    in_cell: bool,
    kind: Kind,
    style: Option<usize>,
    capture: Capture,
    in_is: bool,
    saw_is: bool,
    in_phonetic: bool,
    preserve: bool,
    run_start: usize,
    value_start: usize,
    /// Characters gathered into the current cell's value so far.
    value_chars: usize,
    batch: Batch,
    /// Where full batches go; `None` once the converting thread has stopped
    /// (the scan goes on to the end: the guard's limits hold for the whole part).
    to: Option<std::sync::mpsc::SyncSender<Batch>>,
    /// Characters of text since the last tag that ends a text (the guard's count).
    text: usize,
    extent: Extent,
}

impl<'a> Parser<'a> {
    fn problem(&self, problem: Problem) -> SheetError {
        SheetError::Guard(problem.message(&zip_guard::sheet_label(self.sheet)))
    }

    /// Handles the whole tags and text of `buf`; gives how far it got (a tag
    /// cut off by the end of the buffer waits for the next chunk).
    fn feed(&mut self, buf: &[u8]) -> Result<usize, SheetError> {
        let mut i = 0;
        while i < buf.len() {
            if buf[i] != b'<' {
                let len = text_len(&buf[i..]);
                self.text_run(&buf[i..i + len])?;
                i += len;
                continue;
            }
            let rest = &buf[i + 1..];
            let special = if rest.first() != Some(&b'!') {
                None
            } else if rest.starts_with(b"![CDATA[") {
                Some((&b"]]>"[..], 8))
            } else if rest.starts_with(b"!--") {
                Some((&b"-->"[..], 3))
            } else {
                None
            };
            if let Some((close, open)) = special {
                let Some(len) = memchr::memmem::find(&rest[open..], close) else {
                    if rest.len() > MAX_TAG_BYTES {
                        return Err(self.problem(Problem::TagTooLong));
                    }
                    return Ok(i);
                };
                if open == 8 {
                    self.cdata(&rest[open..open + len])?;
                }
                i += 1 + open + len + close.len();
                continue;
            }
            let Some(end) = tag_end(buf, i + 1) else {
                if buf.len() - i > MAX_TAG_BYTES {
                    return Err(self.problem(Problem::TagTooLong));
                }
                return Ok(i);
            };
            if end - i > MAX_TAG_BYTES {
                return Err(self.problem(Problem::TagTooLong));
            }
            self.tag(&buf[i + 1..end])?;
            i = end + 1;
        }
        Ok(i)
    }

    fn text_run(&mut self, run: &[u8]) -> Result<(), SheetError> {
        let n = chars(run);
        self.text += n;
        if self.text > MAX_CELL_CHARS {
            return Err(self.problem(Problem::CellTooLong { row: self.row }));
        }
        if self.capture != Capture::Nothing {
            // A value gathered over several runs is bounded as a whole too.
            self.value_chars += n;
            if self.value_chars > MAX_CELL_CHARS {
                return Err(self.problem(Problem::CellTooLong { row: self.row }));
            }
            if self.to.is_some() {
                self.batch.values.extend_from_slice(run);
            }
        }
        Ok(())
    }

    /// CDATA is text as written: its `&` is kept, not read as an entity.
    fn cdata(&mut self, body: &[u8]) -> Result<(), SheetError> {
        let mut escaped = Vec::with_capacity(body.len());
        for &b in body {
            if b == b'&' {
                escaped.extend_from_slice(b"&amp;");
            } else {
                escaped.push(b);
            }
        }
        self.text_run(&escaped)
    }

    fn tag(&mut self, tag: &[u8]) -> Result<(), SheetError> {
        let Some(Tag {
            closing,
            self_closing,
            name,
            attrs,
            ..
        }) = Tag::parse(tag)
        else {
            return Ok(());
        };
        // The frequent tags told by their one or two letters first: slice
        // comparisons of longer names cost a call each.
        let ends_text = match name {
            [b'c'] | [b'v'] | [b'f'] | [b'i', b's'] | [b'r', b'o', b'w'] => true,
            [b't'] | [b'r'] => false,
            _ => !zip_guard::inside_text(name),
        };
        if ends_text {
            self.text = 0;
        }
        match (closing, name) {
            (false, [b'r', b'o', b'w']) => {
                self.row = attributes(attrs)
                    .find(|(n, _)| *n == [b'r'])
                    .map(|(_, v)| v)
                    .and_then(number)
                    .unwrap_or(self.row + 1);
                self.col = 0;
            }
            (false, [b'c']) => {
                self.start_cell(attrs);
                if self_closing {
                    self.in_cell = false;
                }
            }
            (true, [b'c']) => self.end_cell(),
            (false, [b'v'] | [b'i', b's']) if !self_closing => {
                let (row, col) = (self.row.max(1) - 1, self.col.max(1) - 1);
                self.extent.mark(row, col, 1, 1);
                if name.len() == 2 {
                    // An inline string is the cell's text whatever its `t`
                    // says, as calamine reads it.
                    self.in_is = true;
                    self.saw_is = true;
                    if self.in_cell {
                        self.kind = Kind::Inline;
                        self.batch.values.truncate(self.value_start);
                        self.value_chars = 0;
                    }
                } else if self.in_cell && self.kind != Kind::Inline {
                    self.capture = Capture::Value;
                    self.batch.values.truncate(self.value_start);
                    self.value_chars = 0;
                }
            }
            (true, [b'v']) => self.capture = Capture::Nothing,
            (true, [b'i', b's']) => self.in_is = false,
            (false, [b't']) if self.in_is && !self.in_phonetic && !self_closing => {
                self.capture = Capture::Text;
                self.preserve = attribute(attrs, b"xml:space") == Some(b"preserve");
                self.run_start = self.batch.values.len();
            }
            (true, [b't']) if self.capture == Capture::Text => {
                let values = &mut self.batch.values;
                if !self.preserve && self.run_start <= values.len() {
                    // Each run trimmed of ASCII white space, as calamine does.
                    let run = &values[self.run_start..];
                    let trimmed = run.trim_ascii();
                    let (from, len) = (
                        trimmed.as_ptr() as usize - run.as_ptr() as usize,
                        trimmed.len(),
                    );
                    values.copy_within(
                        self.run_start + from..self.run_start + from + len,
                        self.run_start,
                    );
                    values.truncate(self.run_start + len);
                }
                self.capture = Capture::Nothing;
            }
            (false, b"rPh") if !self_closing => self.in_phonetic = true,
            (true, b"rPh") => self.in_phonetic = false,
            _ => {}
        }
        Ok(())
    }

    fn start_cell(&mut self, attrs: &[u8]) {
        let (mut r, mut t, mut s) = (None, None, None);
        for (name, value) in attributes(attrs) {
            match name {
                [b'r'] => r = Some(value),
                [b't'] => t = Some(value),
                [b's'] => s = Some(value),
                _ => {}
            }
        }
        match r.and_then(cell_ref) {
            Some((row, col)) => {
                if let Some(row) = row {
                    self.row = row;
                }
                self.col = col;
            }
            None => self.col += 1,
        }
        self.in_cell = true;
        self.kind = kind_of(t);
        self.style = s.and_then(number).map(|n| n as usize);
        self.capture = Capture::Nothing;
        self.in_is = false;
        self.saw_is = false;
        self.in_phonetic = false;
        self.value_start = self.batch.values.len();
        self.value_chars = 0;
    }

    fn end_cell(&mut self) {
        if !self.in_cell {
            return;
        }
        self.in_cell = false;
        self.capture = Capture::Nothing;
        self.in_is = false;
        if self.to.is_none() {
            return;
        }
        self.batch.cells.push(RawCell {
            at: (
                u32::try_from(self.row.max(1) - 1).unwrap_or(u32::MAX),
                u32::try_from(self.col.max(1) - 1).unwrap_or(u32::MAX),
            ),
            kind: self.kind,
            style: self.style,
            saw_is: self.saw_is,
            value: self.value_start..self.batch.values.len(),
        });
        if self.batch.cells.len() >= BATCH {
            self.hand_over();
        }
    }

    /// Hands the batch to the converting thread.
    fn hand_over(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.value_start = 0;
        self.run_start = 0;
        if let Some(to) = &self.to
            && to.send(batch).is_err()
        {
            self.to = None;
        }
    }
}

/// The cell `raw` whose value is `value`: `Some(None)` when empty, `None`
/// when its value cannot be read (calamine refused such a sheet as damaged).
fn convert(ctx: &Context, raw: &RawCell, value: &[u8]) -> Option<Option<Cell>> {
    let value = std::str::from_utf8(value).ok()?;
    // A cell without a value is empty whatever its type (calamine reads the
    // type only of a value it finds).
    if value.is_empty() && raw.kind != Kind::Inline {
        return Some(None);
    }
    let shown = match raw.style {
        Some(s) => ctx.styles.get(s).copied(),
        None => Some(Shown::Number),
    };
    let cell = match raw.kind {
        Kind::Inline if !raw.saw_is => return Some(None),
        Kind::Inline | Kind::Str => Cell::text(&xml_text(value)),
        Kind::Shared => {
            let index = value.trim_ascii();
            if index.is_empty() {
                return Some(None);
            }
            let s = ctx.strings.get(number(index.as_bytes())? as usize)?;
            Cell {
                text: s.clone(),
                problem: None,
            }
        }
        Kind::Bool => match value.trim() {
            "" => return Some(None),
            "0" => Cell::text("否"),
            "1" => Cell::text("是"),
            v if v.eq_ignore_ascii_case("false") => Cell::text("否"),
            v if v.eq_ignore_ascii_case("true") => Cell::text("是"),
            _ => return None,
        },
        Kind::Error => from_data(&Data::Error(value.parse::<CellErrorType>().ok()?)),
        Kind::Iso => from_data(&Data::DateTimeIso(xml_text(value))),
        Kind::Number | Kind::Untyped => {
            if value.is_empty() {
                return Some(None);
            }
            let date =
                |f: f64, kind| from_data(&Data::DateTime(ExcelDateTime::new(f, kind, ctx.is_1904)));
            match value.parse::<f64>() {
                Ok(f) => match shown {
                    Some(Shown::DateTime) => date(f, ExcelDateTimeType::DateTime),
                    Some(Shown::TimeDelta) => date(f, ExcelDateTimeType::TimeDelta),
                    _ => from_number(f),
                },
                Err(_) if raw.kind == Kind::Untyped => Cell::text(value),
                Err(_) => return None,
            }
        }
        Kind::Unknown => return None,
    };
    Some((!cell.is_empty()).then_some(cell))
}

/// Makes the scan's cells [`Cell`]s and gathers them into rows, on a thread
/// of its own beside the scan.
fn gather(
    ctx: &Context,
    sheet: &str,
    from: std::sync::mpsc::Receiver<Batch>,
) -> Result<Vec<RawRow>, String> {
    let mut rows = SparseRows::new(sheet);
    for batch in from {
        for raw in &batch.cells {
            let value = batch.values.get(raw.value.clone()).unwrap_or_default();
            match convert(ctx, raw, value) {
                Some(Some(cell)) => rows.push(raw.at, cell)?,
                Some(None) => {}
                None => return Err(DAMAGED.to_string()),
            }
        }
    }
    rows.finish()
}

/// Reads the worksheet `part` of sheet `sheet`: its non-empty rows, or the
/// clerk's message for what the guard refuses or cannot be read. The XML is
/// scanned here; the cells are made and gathered on a second thread. A
/// refusal by the scan wins over the other thread's errors: the scan goes on
/// to the part's end whatever that thread found.
pub(super) fn read(
    part: &mut dyn Read,
    ctx: &Context,
    sheet: &str,
) -> Result<Vec<RawRow>, SheetError> {
    let (to, from) = std::sync::mpsc::sync_channel(4);
    std::thread::scope(|s| {
        let gathering = s.spawn(|| gather(ctx, sheet, from));
        // Made here, so that a panic in the scan drops the sender as it
        // unwinds and the gathering thread ends: the scope can then return
        // the panic to the caller (`spreadsheet::contained`).
        let mut parser = Parser {
            sheet,
            row: 0,
            col: 0,
            in_cell: false,
            kind: Kind::Untyped,
            style: None,
            capture: Capture::Nothing,
            in_is: false,
            saw_is: false,
            in_phonetic: false,
            preserve: false,
            run_start: 0,
            value_start: 0,
            value_chars: 0,
            batch: Batch::default(),
            to: Some(to),
            text: 0,
            extent: Extent::default(),
        };
        let scanned = scan(part, &mut parser);
        if scanned.is_ok() {
            parser.hand_over();
        }
        // Ends the gathering thread's loop.
        drop(parser);
        let gathered = gathering
            .join()
            .unwrap_or_else(|_| Err(DAMAGED.to_string()));
        scanned?;
        gathered.map_err(SheetError::Read)
    })
}

/// Scans `part` to its end, held to the guard's limits.
fn scan(part: &mut dyn Read, parser: &mut Parser) -> Result<(), SheetError> {
    // `buf[..filled]` is what is decompressed and not yet handled (a tag cut
    // off by the chunk's end); it grows only for a tag longer than a chunk.
    let mut buf = vec![0u8; CHUNK];
    let mut filled = 0;
    let mut total: u64 = 0;
    loop {
        if buf.len() - filled < CHUNK / 2 {
            buf.resize(buf.len() + CHUNK, 0);
        }
        let n = part
            .read(&mut buf[filled..])
            .map_err(|_| SheetError::Read(DAMAGED.to_string()))?;
        filled += n;
        total += n as u64;
        if total > MAX_SHEET_PART_BYTES {
            return Err(SheetError::Guard(zip_guard::sheet_too_big(parser.sheet)));
        }
        let done = parser.feed(&buf[..filled])?;
        buf.copy_within(done..filled, 0);
        filled -= done;
        if n == 0 {
            break;
        }
    }
    match parser.extent.problem(Some(parser.sheet.to_string())) {
        Some(problem) => Err(parser.problem(problem)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(xml: &str, strings: &[&str], styles: &[Shown]) -> Result<Vec<Vec<String>>, String> {
        let strings: Vec<String> = strings.iter().map(|s| s.to_string()).collect();
        let ctx = Context {
            strings: &strings,
            styles,
            is_1904: false,
        };
        let rows = read(&mut xml.as_bytes(), &ctx, "表").map_err(SheetError::into_message)?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let mut cells: Vec<String> = r.cells.into_iter().map(|c| c.text).collect();
                cells.insert(0, r.number.to_string());
                cells
            })
            .collect())
    }

    #[test]
    fn cells_of_every_type_read_as_shown() {
        let xml = concat!(
            r#"<?xml version="1.0"?><worksheet><sheetData>"#,
            r#"<row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><r><t xml:space="preserve">王 </t></r><r><t> 伟 </t></r><rPh><t>ワン</t></rPh></is></c>"#,
            r#"<c r="D2" s="1"><v>45483</v></c><c r="E2"><v>370502800101101</v></c><c r="F2" t="b"><v>1</v></c>"#,
            r#"<c r="G2" t="str"><f>A1</f><v>a&amp;b_x000D_</v></c><c r="H2" t="e"><v>#N/A</v></c><c r="I2"/><c r="J2" t="s"><v></v></c></row>"#,
            r#"<x:row><x:c><x:v>3.5</x:v></x:c><c t="d"><v>2024-07-10T00:00:00</v></c><c><v>abc</v></c><c><![CDATA[x]]></c></x:row>"#,
            r#"</sheetData></worksheet>"#
        );
        let got = rows(xml, &["零", "一"], &[Shown::Number, Shown::DateTime]).unwrap();
        assert_eq!(
            got,
            [
                vec![
                    "2",
                    "",
                    "一",
                    "王 伟",
                    "2024-07-10",
                    "370502800101101",
                    "是",
                    "a&b",
                    "#N/A"
                ],
                vec!["3", "3.5", "2024-07-10", "abc"],
            ]
        );
    }

    #[test]
    fn cut_tags_wait_for_the_next_chunk_and_limits_hold() {
        // A tag split across chunk boundaries reads whole.
        let mut xml = String::from("<worksheet><sheetData><row r=\"1\">");
        for i in 0..40_000 {
            xml.push_str(&format!(
                "<c r=\"A{}\" t=\"inlineStr\"><is><t>名{i}</t></is></c>",
                1
            ));
        }
        xml.push_str("</row></sheetData></worksheet>");
        assert!(xml.len() > 2 * CHUNK);
        let got = rows(&xml, &[], &[]).unwrap();
        assert_eq!(got, [vec!["1".to_string(), "名39999".to_string()]]);
        // A text over Excel's cell limit, across chunks.
        let long = format!(
            "<worksheet><sheetData><row r=\"7\"><c t=\"inlineStr\"><is><t>{}</t></is></c></row></sheetData></worksheet>",
            "长".repeat(MAX_CELL_CHARS + 1)
        );
        let e = rows(&long, &[], &[]).unwrap_err();
        assert!(e.contains("工作表“表”第7行") && e.contains("32767"), "{e}");
        // A shared string the table does not have: damaged.
        let e = rows(r#"<row><c t="s"><v>5</v></c></row>"#, &["零"], &[]).unwrap_err();
        assert_eq!(e, DAMAGED);
        // A tag over 1 MB.
        let e = rows(
            &format!("<row {}", "a".repeat(MAX_TAG_BYTES + 10)),
            &[],
            &[],
        )
        .unwrap_err();
        assert!(e.contains("1 MB"), "{e}");
    }

    #[test]
    fn values_read_as_calamine_reads_them_in_odd_places() {
        let xml = concat!(
            r#"<row r="1"><c r="A1"><is><t>0123</t></is></c><c r="B1" t="e"></c><c r="C1" t="e"><f>1/0</f></c>"#,
            r#"<c r="D1" t="x"/><c r="E1" t="s"><v>0</v></c></row>"#
        );
        // An inline string is text whatever its type; cells without a value are empty.
        assert_eq!(
            rows(xml, &["末"], &[]).unwrap(),
            [vec!["1", "0123", "", "", "", "末"]]
        );
    }

    #[test]
    fn a_value_and_all_the_cells_are_bounded_as_they_come() {
        // One value gathered over runs that other tags separate.
        let half = "字".repeat(MAX_CELL_CHARS / 2 + 10);
        let xml = format!(r#"<row r="3"><c t="str"><v>{half}<x/>{half}</v></c></row>"#);
        let e = rows(&xml, &[], &[]).unwrap_err();
        assert!(e.contains("第3行") && e.contains("32767"), "{e}");
        // One long shared string in cell after cell: its copies are bounded.
        let long = "长".repeat(32_000);
        let mut xml = String::from(r#"<row r="1">"#);
        for _ in 0..1_500 {
            xml.push_str(r#"<c t="s"><v>0</v></c>"#);
        }
        xml.push_str("</row>");
        let e = rows(&xml, &[&long], &[]).unwrap_err();
        assert!(e.contains("128 MB"), "{e}");
    }

    #[test]
    fn attributes_and_references_read() {
        let attrs: Vec<_> = attributes(br#" r="B3"  t = 's' x:y="1>2" s="4""#).collect();
        assert_eq!(
            attrs,
            [
                (&b"r"[..], &b"B3"[..]),
                (b"t", b"s"),
                (b"x:y", b"1>2"),
                (b"s", b"4")
            ]
        );
        assert_eq!(cell_ref(b"AB12"), Some((Some(12), 28)));
        assert_eq!(cell_ref(b"C"), Some((None, 3)));
        assert_eq!(cell_ref(b"12"), None);
        assert_eq!(tag_end(br#"<c a=">" b='>'>x"#, 1), Some(14));
        assert_eq!(chars("a&amp;中".as_bytes()), 3);
    }
}
