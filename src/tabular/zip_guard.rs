//! The guard every zip workbook (.xlsx .xlsm .xlsb .ods) passes before it is
//! read. Each part is decompressed while its bytes are counted (the zip
//! directory's sizes can lie), and the XML of the sheets and shared strings
//! is scanned as it streams: the longest text of one cell, the longest tag,
//! the used area and the rows. The readers hold shared strings, styles and a
//! whole cell's text in memory, so a part that decompresses to 400 MB, or one
//! 400 MB cell, is refused here with a message, before memory grows. An
//! .xlsx worksheet is held to the same limits by the reader that reads it,
//! in the same pass (xlsx/sheet.rs; docs/DECISIONS.md, "One reader and its
//! limits").

use super::limits::{
    MAX_CELL_CHARS, MAX_CELLS, MAX_PART_BYTES, MAX_ROWS, MAX_SHEET_PART_BYTES, MAX_ZIP_ENTRIES,
};
use super::markup::{Token, Tokens, attr};
use super::sheet::{cell_too_long, too_many_cells, too_many_rows};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The longest tag (with its attributes) a workbook's XML may have: the
/// longest real ones are formulas of a few thousand characters.
pub(super) const MAX_TAG_BYTES: usize = 1024 * 1024;

const MB: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    /// An .xlsx worksheet: cells `<c r="B3">` in rows `<row r="3">`.
    Sheet,
    /// An .xlsb worksheet: binary, only its size is bounded.
    BinarySheet,
    /// The shared strings of an .xlsx: one `<si>` per string.
    SharedStrings,
    /// An .ods content.xml: every table, its rows and cells.
    OdsContent,
    /// Any other XML part: its size and its tags are bounded.
    OtherXml,
    /// Anything else (pictures, binary parts): its size is bounded.
    Other,
}

fn kind_of(name: &str) -> PartKind {
    let lower = name.to_ascii_lowercase();
    let in_sheets = lower.starts_with("xl/")
        && lower
            .split('/')
            .nth(1)
            .is_some_and(|d| d.ends_with("sheets"))
        && !lower.contains("/_rels/");
    if in_sheets && lower.ends_with(".xml") {
        PartKind::Sheet
    } else if in_sheets && lower.ends_with(".bin") {
        PartKind::BinarySheet
    } else if lower == "xl/sharedstrings.xml" {
        PartKind::SharedStrings
    } else if lower == "content.xml" {
        PartKind::OdsContent
    } else if lower.ends_with(".xml") || lower.ends_with(".rels") {
        PartKind::OtherXml
    } else {
        PartKind::Other
    }
}

fn limit_of(kind: PartKind) -> u64 {
    match kind {
        PartKind::Sheet | PartKind::BinarySheet | PartKind::OdsContent => MAX_SHEET_PART_BYTES,
        _ => MAX_PART_BYTES,
    }
}

fn damaged(what: &str) -> String {
    format!("{what}，文件可能已损坏或被改动（正常的工作簿远小于此）；未导入任何数据")
}

/// The part's name as the clerk can place it.
fn describe(name: &str, kind: PartKind, sheets: &HashMap<String, String>) -> String {
    match (kind, sheets.get(name)) {
        (_, Some(sheet)) => sheet_label(sheet),
        (PartKind::SharedStrings, _) => "工作簿的共享文字部分（sharedStrings.xml）".to_string(),
        (PartKind::OdsContent, _) => "工作簿的内容部分（content.xml）".to_string(),
        _ => format!("工作簿中的“{name}”部分"),
    }
}

/// The number of entries the zip's end-of-central-directory record gives,
/// read before the zip crate loads the directory (a directory of millions
/// of entries would itself fill the memory).
fn entry_count(bytes: &[u8]) -> Option<u64> {
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let count = tail.get(at + 10..at + 12)?;
    Some(u64::from(u16::from_le_bytes([count[0], count[1]])))
}

/// A zip over the workbook's bytes.
type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The workbook's zip with the sheets' names, or `None` when the zip crate
/// cannot read it (the workbook is then refused as damaged).
fn open_zip(bytes: &[u8]) -> Result<Option<(Zip<'_>, Sheets)>, String> {
    let too_many = || damaged(&format!("工作簿由超过 {MAX_ZIP_ENTRIES} 个部分组成"));
    if entry_count(bytes).is_some_and(|n| n as usize > MAX_ZIP_ENTRIES) {
        return Err(too_many());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(None);
    };
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(too_many());
    }
    let sheets = sheet_names(&mut zip);
    Ok(Some((zip, sheets)))
}

/// The parts' names mapped to the sheets' names.
type Sheets = HashMap<String, String>;

/// Checks the zip workbook `bytes`; `Err` is the clerk's message (without the
/// file name). A file the zip crate cannot read passes: calamine then
/// refuses it as damaged.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    let Some((mut zip, sheets)) = open_zip(bytes)? else {
        return Ok(());
    };
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        scan_part(&mut zip, i, &sheets, &mut buf)?;
    }
    Ok(())
}

/// An .xlsx worksheet whose scan [`check_all_but_worksheets`] left to its
/// reader (or to [`check_worksheets`]): its index and name in the zip.
#[derive(Debug, Clone)]
pub(super) struct Deferred {
    index: usize,
    pub(super) name: String,
}

/// [`check`] of every part but the .xlsx worksheets, whose declared sizes
/// alone are checked here; they are returned, for the .xlsx reader to hold
/// to the limits as it reads them (xlsx/sheet.rs) or [`check_worksheets`] to scan.
pub(super) fn check_all_but_worksheets(bytes: &[u8]) -> Result<Vec<Deferred>, String> {
    let Some((mut zip, sheets)) = open_zip(bytes)? else {
        return Ok(Vec::new());
    };
    let mut buf = vec![0u8; 64 * 1024];
    let mut deferred = Vec::new();
    for i in 0..zip.len() {
        let sheet = {
            let Ok(part) = zip.by_index(i) else {
                continue;
            };
            let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
            let kind = kind_of(&name);
            if kind != PartKind::Sheet {
                None
            } else if part.size() > limit_of(kind) {
                return Err(part_too_big(&name, kind, &sheets));
            } else {
                Some(name)
            }
        };
        match sheet {
            Some(name) => deferred.push(Deferred { index: i, name }),
            None => scan_part(&mut zip, i, &sheets, &mut buf)?,
        }
    }
    Ok(deferred)
}

/// Scans the worksheets [`check_all_but_worksheets`] left.
pub(super) fn check_worksheets<'d>(
    bytes: &[u8],
    deferred: impl IntoIterator<Item = &'d Deferred>,
) -> Result<(), String> {
    let Some((mut zip, sheets)) = open_zip(bytes)? else {
        return Ok(());
    };
    let mut buf = vec![0u8; 64 * 1024];
    for d in deferred {
        scan_part(&mut zip, d.index, &sheets, &mut buf)?;
    }
    Ok(())
}

/// How the clerk's messages name a sheet.
pub(super) fn sheet_label(name: &str) -> String {
    format!("工作表“{name}”")
}

/// The message for sheet `name` whose worksheet decompresses beyond its limit.
pub(super) fn sheet_too_big(name: &str) -> String {
    damaged(&format!(
        "{}解压后超过 {} MB",
        sheet_label(name),
        limit_of(PartKind::Sheet) / MB
    ))
}

fn part_too_big(name: &str, kind: PartKind, sheets: &Sheets) -> String {
    damaged(&format!(
        "{}解压后超过 {} MB",
        describe(name, kind, sheets),
        limit_of(kind) / MB
    ))
}

/// Decompresses part `i`, counting its bytes and scanning its XML.
fn scan_part(zip: &mut Zip<'_>, i: usize, sheets: &Sheets, buf: &mut [u8]) -> Result<(), String> {
    let Ok(mut part) = zip.by_index(i) else {
        return Ok(());
    };
    let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
    let kind = kind_of(&name);
    let limit = limit_of(kind);
    if part.size() > limit {
        return Err(part_too_big(&name, kind, sheets));
    }
    let mut scanner = match kind {
        PartKind::Sheet | PartKind::SharedStrings | PartKind::OdsContent | PartKind::OtherXml => {
            Some(Scanner::new(kind))
        }
        _ => None,
    };
    let mut total: u64 = 0;
    loop {
        let n = match part.read(buf) {
            Ok(0) => break,
            Ok(n) => n,
            // A damaged part: calamine gives its own error for it.
            Err(_) => break,
        };
        total += n as u64;
        if total > limit {
            return Err(part_too_big(&name, kind, sheets));
        }
        if let Some(s) = scanner.as_mut() {
            s.feed(&buf[..n]);
            if let Some(problem) = s.problem.take() {
                return Err(problem.message(&describe(&name, kind, sheets)));
            }
        }
    }
    if let Some(mut s) = scanner {
        s.end_table();
        if let Some(problem) = s.problem.take() {
            return Err(problem.message(&describe(&name, kind, sheets)));
        }
    }
    Ok(())
}

/// The sheet names of an .xlsx by their part names (xl/worksheets/sheet1.xml
/// → 人员), for the messages; empty when the workbook does not say.
fn sheet_names(zip: &mut Zip<'_>) -> Sheets {
    let mut read = |name: &str| -> Option<String> {
        let part = zip.by_name(name).ok()?;
        let mut text = String::new();
        part.take(MAX_PART_BYTES).read_to_string(&mut text).ok()?;
        Some(text)
    };
    let (Some(book), Some(rels)) = (read("xl/workbook.xml"), read("xl/_rels/workbook.xml.rels"))
    else {
        return HashMap::new();
    };
    let mut targets = HashMap::new();
    for token in Tokens::new(&rels) {
        if let Token::Open { name, attrs, .. } = token
            && name == "relationship"
            && let (Some(id), Some(target)) = (attr(attrs, "id"), attr(attrs, "target"))
        {
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
    }
    let mut out = HashMap::new();
    for token in Tokens::new(&book) {
        if let Token::Open { name, attrs, .. } = token
            && name == "sheet"
            && let (Some(sheet), Some(id)) = (attr(attrs, "name"), attr(attrs, "id"))
            && let Some(path) = targets.get(&id)
        {
            out.insert(path.clone(), sheet);
        }
    }
    out
}

/// What the scan found wrong.
#[derive(Debug)]
pub(super) enum Problem {
    CellTooLong {
        row: u64,
    },
    TagTooLong,
    TooManyCells {
        name: Option<String>,
        rows: u64,
        columns: u64,
    },
    TooManyRows {
        name: Option<String>,
    },
}

impl Problem {
    pub(super) fn message(&self, part: &str) -> String {
        let sheet = |name: &Option<String>| name.clone().unwrap_or_else(|| part.to_string());
        // The shared builders' messages quote the sheet's name.
        let unquote = |s: String| {
            s.trim_start_matches("工作表“")
                .trim_end_matches('”')
                .to_string()
        };
        match self {
            Problem::CellTooLong { row } => {
                let text = cell_too_long("", u32::try_from(*row).unwrap_or(0));
                format!("{part}{text}")
            }
            Problem::TagTooLong => damaged(&format!("{part}中有超过 1 MB 的标记")),
            Problem::TooManyCells {
                name,
                rows,
                columns,
            } => too_many_cells(&unquote(sheet(name)), *rows, *columns),
            Problem::TooManyRows { name } => too_many_rows(&unquote(sheet(name))),
        }
    }
}

/// The used area of one sheet: the cells holding a value.
#[derive(Debug, Default)]
pub(super) struct Extent {
    min_row: u64,
    max_row: u64,
    min_col: u64,
    max_col: u64,
    used: bool,
    rows: u64,
    last_row: Option<u64>,
}

impl Extent {
    /// Marks `rows` × `cols` cells starting at (row, col), 0-based.
    pub(super) fn mark(&mut self, row: u64, col: u64, rows: u64, cols: u64) {
        let (last_row, last_col) = (row + rows.max(1) - 1, col + cols.max(1) - 1);
        if self.used {
            self.min_row = self.min_row.min(row);
            self.max_row = self.max_row.max(last_row);
            self.min_col = self.min_col.min(col);
            self.max_col = self.max_col.max(last_col);
        } else {
            (self.min_row, self.max_row, self.min_col, self.max_col) =
                (row, last_row, col, last_col);
            self.used = true;
        }
        if self.last_row != Some(row) {
            self.rows += rows.max(1);
            self.last_row = Some(row);
        }
    }

    pub(super) fn problem(&self, name: Option<String>) -> Option<Problem> {
        if !self.used {
            return None;
        }
        let rows = self.max_row - self.min_row + 1;
        let columns = self.max_col - self.min_col + 1;
        if self.rows > MAX_ROWS as u64 {
            Some(Problem::TooManyRows { name })
        } else if rows.saturating_mul(columns) > MAX_CELLS {
            Some(Problem::TooManyCells {
                name,
                rows,
                columns,
            })
        } else {
            None
        }
    }
}

/// A streaming scan of one XML part.
struct Scanner {
    kind: PartKind,
    in_tag: bool,
    quote: Option<u8>,
    tag: Vec<u8>,
    tag_len: usize,
    /// Characters of the current cell's text so far.
    text: usize,
    /// An entity (`&amp;`) began at the end of the last chunk.
    entity_open: bool,
    /// .xlsx: the current row and column (1-based; 0 before the first).
    row: u64,
    col: u64,
    /// .ods: the current row and its repeat, the next column and the current cell's.
    next_row: u64,
    rows_repeated: u64,
    next_col: u64,
    table: Option<String>,
    extent: Extent,
    problem: Option<Problem>,
}

/// Elements that do not end a cell's text: rich-text runs and their formats
/// (.xlsx), paragraphs and spans (.ods).
pub(super) fn inside_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"t" | b"r"
            | b"rPr"
            | b"rPh"
            | b"phoneticPr"
            | b"b"
            | b"i"
            | b"u"
            | b"strike"
            | b"sz"
            | b"color"
            | b"rFont"
            | b"family"
            | b"scheme"
            | b"vertAlign"
            | b"outline"
            | b"shadow"
            | b"condense"
            | b"extend"
            | b"charset"
            | b"p"
            | b"span"
            | b"s"
            | b"a"
            | b"tab"
            | b"line-break"
            | b"soft-page-break"
    )
}

/// A tag's bytes between `<` and `>`, taken apart.
pub(super) struct Tag<'a> {
    /// `</name>`.
    pub(super) closing: bool,
    /// The bytes after the `/` of a closing tag: the name and the attributes.
    pub(super) body: &'a [u8],
    /// `<name/>`.
    pub(super) self_closing: bool,
    /// The local name (`x:c` → `c`).
    pub(super) name: &'a [u8],
    /// What follows the name.
    pub(super) attrs: &'a [u8],
}

impl<'a> Tag<'a> {
    /// `None` for a declaration, processing instruction or comment (`<?…>`, `<!…>`).
    pub(super) fn parse(tag: &'a [u8]) -> Option<Tag<'a>> {
        let (closing, body) = match tag.split_first() {
            Some((b'/', rest)) => (true, rest),
            _ => (false, tag),
        };
        if body.first().is_some_and(|b| *b == b'?' || *b == b'!') {
            return None;
        }
        let name_len = body
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(body.len());
        let qname = &body[..name_len];
        Some(Tag {
            closing,
            body,
            self_closing: body.last() == Some(&b'/'),
            name: qname.rsplit(|&b| b == b':').next().unwrap_or(qname),
            attrs: &body[name_len..],
        })
    }
}

/// The value of attribute `name` (with its prefix, as written) in the tag's bytes.
fn tag_attr<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut i = 0;
    while i + name.len() + 2 <= tag.len() {
        let preceded = i > 0 && tag[i - 1].is_ascii_whitespace();
        if preceded && tag[i..].starts_with(name) && tag[i + name.len()] == b'=' {
            let q = tag[i + name.len() + 1];
            if q == b'"' || q == b'\'' {
                let start = i + name.len() + 2;
                let len = tag[start..].iter().position(|&b| b == q)?;
                return Some(&tag[start..start + len]);
            }
        }
        i += 1;
    }
    None
}

/// A whole number written in ASCII digits (spaces around it allowed).
pub(super) fn number(bytes: &[u8]) -> Option<u64> {
    let digits = bytes.trim_ascii();
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0')),
    )
}

/// A cell reference "AB12" as (row, column), 1-based.
pub(super) fn cell_ref(bytes: &[u8]) -> Option<(Option<u64>, u64)> {
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 4 {
        return None;
    }
    let col = bytes[..letters].iter().fold(0u64, |acc, b| {
        acc * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    Some((number(&bytes[letters..]), col))
}

impl Scanner {
    fn new(kind: PartKind) -> Scanner {
        Scanner {
            kind,
            in_tag: false,
            quote: None,
            tag: Vec::new(),
            tag_len: 0,
            text: 0,
            entity_open: false,
            row: 0,
            col: 0,
            next_row: 0,
            rows_repeated: 1,
            next_col: 0,
            table: None,
            extent: Extent::default(),
            problem: None,
        }
    }

    fn checks_text(&self) -> bool {
        matches!(
            self.kind,
            PartKind::Sheet | PartKind::SharedStrings | PartKind::OdsContent
        )
    }

    fn feed(&mut self, mut chunk: &[u8]) {
        while !chunk.is_empty() && self.problem.is_none() {
            if self.in_tag {
                // Jumps from quote to quote to the tag's end, not byte by byte.
                let mut end = None;
                let mut at = 0;
                while at < chunk.len() {
                    match self.quote {
                        Some(q) => match memchr::memchr(q, &chunk[at..]) {
                            Some(i) => {
                                self.quote = None;
                                at += i + 1;
                            }
                            None => at = chunk.len(),
                        },
                        None => match memchr::memchr3(b'"', b'\'', b'>', &chunk[at..]) {
                            Some(i) if chunk[at + i] == b'>' => {
                                end = Some(at + i);
                                break;
                            }
                            Some(i) => {
                                self.quote = Some(chunk[at + i]);
                                at += i + 1;
                            }
                            None => at = chunk.len(),
                        },
                    }
                }
                let part = &chunk[..end.unwrap_or(chunk.len())];
                self.tag_len += part.len();
                if self.tag_len > MAX_TAG_BYTES {
                    self.problem = Some(Problem::TagTooLong);
                    return;
                }
                // Names and the attributes the scan reads come first in a tag.
                let room = 512usize.saturating_sub(self.tag.len());
                self.tag.extend_from_slice(&part[..part.len().min(room)]);
                match end {
                    Some(i) => {
                        self.in_tag = false;
                        self.end_tag();
                        chunk = &chunk[i + 1..];
                    }
                    None => return,
                }
            } else {
                let len = memchr::memchr(b'<', chunk).unwrap_or(chunk.len());
                if self.checks_text() {
                    self.count_text(&chunk[..len]);
                }
                if len < chunk.len() {
                    self.entity_open = false;
                    self.in_tag = true;
                    self.quote = None;
                    self.tag.clear();
                    self.tag_len = 0;
                    chunk = &chunk[len + 1..];
                } else {
                    return;
                }
            }
        }
    }

    fn count_text(&mut self, run: &[u8]) {
        // Characters, not bytes; an entity (&amp;) is one character.
        let mut chars = run.iter().filter(|&&b| (b as i8) >= -0x40).count();
        let mut start = 0;
        if self.entity_open {
            // The end of an entity the previous chunk began.
            if let Some(p) = run.iter().take(12).position(|&b| b == b';') {
                chars -= (p + 1).min(chars);
                start = p + 1;
            }
            self.entity_open = false;
        }
        for i in memchr::memchr_iter(b'&', run.get(start..).unwrap_or_default()).map(|i| i + start)
        {
            match run[i..].iter().take(12).position(|&b| b == b';') {
                Some(len) => chars -= len.min(chars),
                None if run.len() - i < 12 => {
                    chars -= (run.len() - i - 1).min(chars);
                    self.entity_open = true;
                }
                None => {}
            }
        }
        self.text += chars;
        if self.text > MAX_CELL_CHARS {
            let row = match self.kind {
                PartKind::Sheet => self.row,
                PartKind::OdsContent => self.next_row.saturating_sub(self.rows_repeated) + 1,
                _ => 0,
            };
            self.problem = Some(Problem::CellTooLong { row });
        }
    }

    fn end_tag(&mut self) {
        let tag = std::mem::take(&mut self.tag);
        let Some(Tag {
            closing,
            body,
            self_closing,
            name,
            ..
        }) = Tag::parse(&tag)
        else {
            self.tag = tag;
            return;
        };
        if !inside_text(name) {
            self.text = 0;
        }
        if !closing {
            match self.kind {
                PartKind::Sheet => self.sheet_tag(name, body, self_closing),
                PartKind::OdsContent => self.ods_tag(name, body),
                _ => {}
            }
        } else if self.kind == PartKind::OdsContent && name == b"table" {
            self.end_table();
        }
        self.tag = tag;
    }

    fn sheet_tag(&mut self, name: &[u8], body: &[u8], self_closing: bool) {
        match name {
            b"row" => {
                self.row = tag_attr(body, b"r")
                    .and_then(number)
                    .unwrap_or(self.row + 1);
                self.col = 0;
            }
            b"c" => match tag_attr(body, b"r").and_then(cell_ref) {
                Some((row, col)) => {
                    if let Some(row) = row {
                        self.row = row;
                    }
                    self.col = col;
                }
                None => self.col += 1,
            },
            b"v" | b"is" if !self_closing => {
                let (row, col) = (self.row.max(1) - 1, self.col.max(1) - 1);
                self.extent.mark(row, col, 1, 1);
            }
            _ => {}
        }
    }

    fn ods_tag(&mut self, name: &[u8], body: &[u8]) {
        match name {
            b"table" => {
                self.end_table();
                self.table =
                    tag_attr(body, b"table:name").map(|n| String::from_utf8_lossy(n).into_owned());
            }
            b"table-row" => {
                self.rows_repeated = tag_attr(body, b"table:number-rows-repeated")
                    .and_then(number)
                    .unwrap_or(1)
                    .max(1);
                self.next_row += self.rows_repeated;
                self.next_col = 0;
            }
            b"table-cell" | b"covered-table-cell" => {
                let cols = tag_attr(body, b"table:number-columns-repeated")
                    .and_then(number)
                    .unwrap_or(1)
                    .max(1);
                let col = self.next_col;
                self.next_col = self.next_col.saturating_add(cols);
                if tag_attr(body, b"office:value-type").is_some() {
                    let row = self.next_row.saturating_sub(self.rows_repeated);
                    self.extent.mark(row, col, self.rows_repeated, cols);
                }
            }
            _ => {}
        }
    }

    /// Ends a sheet: checks its used area.
    fn end_table(&mut self) {
        if self.problem.is_none() {
            self.problem = self.extent.problem(self.table.take());
        }
        self.extent = Extent::default();
        self.next_row = 0;
        self.rows_repeated = 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, body) in parts {
                zip.start_file(*name, options).unwrap();
                zip.write_all(body).unwrap();
            }
            zip.finish().unwrap();
        }
        out.into_inner()
    }

    const BOOK: &str =
        r#"<workbook><sheets><sheet name="缴费明细" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const RELS: &[u8] = br#"<Relationships><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>"#;

    fn xlsx(sheet: &str, strings: &str) -> Vec<u8> {
        zip_of(&[
            ("xl/workbook.xml", BOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
        ])
    }

    fn sheet_xml(rows: &str) -> String {
        format!("<worksheet><sheetData>{rows}</sheetData></worksheet>")
    }

    #[test]
    fn an_ordinary_workbook_passes() {
        let sheet = sheet_xml(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>a&amp;b</t></r></is></c></row><row><c><v>1</v></c><c/></row>"#,
        );
        let strings = format!("<sst><si><t>{}</t></si></sst>", "字".repeat(MAX_CELL_CHARS));
        assert_eq!(check(&xlsx(&sheet, &strings)), Ok(()));
        assert_eq!(check(b"PK\x03\x04 not really a zip"), Ok(()));
    }

    #[test]
    fn a_long_cell_is_refused_where_it_is() {
        let strings = format!(
            "<sst><si><r><t>{}</t></r><r><t>{}</t></r></si></sst>",
            "字".repeat(20_000),
            "字".repeat(20_000)
        );
        let e = check(&xlsx(&sheet_xml(""), &strings)).unwrap_err();
        assert!(e.contains("共享文字") && e.contains("32767"), "{e}");
        let inline = sheet_xml(&format!(
            r#"<row r="7"><c r="C7" t="inlineStr"><is><t>{}</t></is></c></row>"#,
            "x".repeat(MAX_CELL_CHARS + 1)
        ));
        let e = check(&xlsx(&inline, "<sst/>")).unwrap_err();
        assert!(e.contains("工作表“缴费明细”第7行"), "{e}");
        // Entities count as one character each.
        let amps = format!(
            "<sst><si><t>{}</t></si></sst>",
            "&amp;".repeat(MAX_CELL_CHARS)
        );
        assert_eq!(check(&xlsx(&sheet_xml(""), &amps)), Ok(()));
    }

    #[test]
    fn a_sparse_sheet_and_too_many_rows_are_refused() {
        let sparse = sheet_xml(
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        );
        let e = check(&xlsx(&sparse, "<sst/>")).unwrap_err();
        assert!(
            e.contains("缴费明细") && e.contains("1048576 行 × 16384 列"),
            "{e}"
        );
        // Styled empty cells far away are not data.
        let styled = sheet_xml(
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" s="1"/></row>"#,
        );
        assert_eq!(check(&xlsx(&styled, "<sst/>")), Ok(()));
        let mut rows = String::new();
        for _ in 0..=MAX_ROWS {
            rows.push_str("<row><c><v>1</v></c></row>");
        }
        let e = check(&xlsx(&sheet_xml(&rows), "<sst/>")).unwrap_err();
        assert!(e.contains("1000000 行"), "{e}");
    }

    #[test]
    fn a_part_that_decompresses_too_far_is_refused() {
        let big = vec![b' '; (MAX_PART_BYTES + 1) as usize];
        let e = check(&zip_of(&[("xl/styles.xml", &big)])).unwrap_err();
        assert!(e.contains("styles.xml") && e.contains("64 MB"), "{e}");
        let e = check(&zip_of(&[("xl/media/image1.png", &big)])).unwrap_err();
        assert!(e.contains("64 MB"), "{e}");
        // The zip directory says the part is small: its bytes are counted.
        let mut lying = zip_of(&[("xl/styles.xml", &big)]);
        let small = 1000u32.to_le_bytes();
        for (magic, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let at = lying.windows(4).position(|w| w == magic).unwrap();
            lying[at + offset..at + offset + 4].copy_from_slice(&small);
        }
        // The zip crate (calamine's too) gives no more than the directory says
        // (it stops or fails at the declared size): the bytes counted here are
        // the bytes calamine would get.
        let mut zip = zip::ZipArchive::new(Cursor::new(&lying[..])).unwrap();
        let mut part = zip.by_index(0).unwrap();
        let mut got = Vec::new();
        let read = part.read_to_end(&mut got);
        assert!(read.is_err() || got.len() <= 1000, "{read:?} {}", got.len());
        drop(part);
        assert!(check(&lying).is_ok());
        let tag = format!("<sst><si a=\"{}\"/></sst>", "x".repeat(MAX_TAG_BYTES));
        let e = check(&zip_of(&[("xl/sharedStrings.xml", tag.as_bytes())])).unwrap_err();
        assert!(e.contains("1 MB"), "{e}");
    }

    #[test]
    fn an_ods_table_is_measured_with_its_repeats() {
        let content = |cells: &str| {
            format!(
                r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="明细">{cells}</table:table></office:spreadsheet></office:body></office:document-content>"#
            )
        };
        let ok = content(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        );
        assert_eq!(check(&zip_of(&[("content.xml", ok.as_bytes())])), Ok(()));
        let far = content(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="9000" office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        let e = check(&zip_of(&[("content.xml", far.as_bytes())])).unwrap_err();
        assert!(
            e.contains("“明细”") && e.contains("1001 行 × 9000 列"),
            "{e}"
        );
    }

    #[test]
    fn cell_references_read() {
        assert_eq!(cell_ref(b"A1"), Some((Some(1), 1)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((Some(1_048_576), 16_384)));
        assert_eq!(cell_ref(b"1"), None);
        assert_eq!(tag_attr(b"c r=\"B2\" s=\"1\"", b"r"), Some(&b"B2"[..]));
        assert_eq!(tag_attr(b"c ar=\"B2\"", b"r"), None);
    }
}
