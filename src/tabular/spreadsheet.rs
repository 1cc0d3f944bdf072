//! Spreadsheet files (.xlsx .xlsm .xls .ods .xlsb) through calamine, guarded
//! against the hangs and panics fuzzing found in it.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Ods, Range, Reader, Sheets, Xls, Xlsb, open_workbook_from_rs};

use super::RawRow;
use super::cell::{Cell, from_data, from_data_ref};
use super::limits::{MAX_CELL_CHARS, MAX_CELLS, MAX_ROWS, MAX_SHEET_TEXT_BYTES};
use super::sheet::{cell_too_long, too_many_cells, too_many_rows, too_much_content};
use super::xls_guard;
use crate::error::{Error, Result};

/// A workbook's bytes as calamine reads them.
pub(super) type Bytes = Cursor<Vec<u8>>;

pub(super) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
pub(super) const ZIP_MAGIC: [u8; 4] = [b'P', b'K', 3, 4];
/// The message for an encrypted workbook, as the clerk sees it.
pub const PASSWORD_MESSAGE: &str = "工作簿有密码保护，请先取消密码再导入";

fn utf16_contains(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes
        .windows(pattern.len())
        .any(|w| w == pattern.as_slice())
}

pub(super) fn workbook_error(path: &Path, what: &str) -> Error {
    Error::Workbook(format!("无法导入 {}：{what}", path.display()))
}

pub(super) fn not_a_workbook(path: &Path) -> Error {
    workbook_error(
        path,
        "这不是能读取的表格文件（支持 Excel 工作簿 .xlsx、.xlsm、.xlsb、.xls，WPS/LibreOffice 的 .ods，CSV 或制表符分隔的文本，网页（HTML）表格和 XML 电子表格），可能只是改了扩展名或文件已损坏；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入",
    )
}

/// Whether the sector table (FAT) of a compound file (.xls) has a loop.
/// calamine 0.38 follows sector chains without noticing one and fills the
/// memory until the program is killed (found by fuzzing: docs/FUZZING.md); no
/// intact file has one. The table is read as calamine reads it (cfb.rs,
/// `Cfb::new`): the header's 109 DIFAT entries, the DIFAT sector chain, then
/// the FAT sectors they list. Only the entries of sectors inside the file
/// matter, as calamine stops at a chain leaving the file. `false` for what
/// calamine refuses or panics on by itself before following any chain.
fn sector_table_has_loop(bytes: &[u8]) -> bool {
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIFSECT: u32 = 0xFFFF_FFFC;
    let u32s = |b: &[u8]| -> Vec<u32> {
        b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    };
    if bytes.len() < 512 {
        return false;
    }
    let size: usize = match u16::from_le_bytes([bytes[30], bytes[31]]) {
        9 => 512,
        12 => 4096,
        _ => return false,
    };
    if bytes.len() < size {
        return false;
    }
    let maxid = bytes.len() / size;
    let body = &bytes[size..];
    // calamine reads sectors into a buffer that only grows; a sector past the
    // end of the file comes back short the first time and zero-filled after.
    let mut grown = 0usize;
    let mut sector = |id: u32| -> Option<Vec<u8>> {
        let id = id as usize;
        if id > maxid {
            return None;
        }
        let (start, end) = (id * size, id * size + size);
        let stop = if end > grown {
            let stop = end.min(grown.max(body.len()));
            grown = end;
            stop
        } else {
            end
        };
        if start > stop {
            return None;
        }
        let mut s = body
            .get(start..stop.min(body.len()))
            .unwrap_or_default()
            .to_vec();
        s.resize(stop - start, 0);
        (s.len() % 4 == 0).then_some(s)
    };
    let mut difat = u32s(&bytes[76..512]);
    let mut next = u32::from_le_bytes([bytes[68], bytes[69], bytes[70], bytes[71]]);
    let mut difat_sectors = 0;
    while next < RESERVED {
        difat_sectors += 1;
        if difat_sectors > maxid + 1 {
            return false;
        }
        let Some(s) = sector(next) else {
            return false;
        };
        difat.extend(u32s(&s));
        let Some(n) = difat.pop() else {
            return false;
        };
        next = n;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        if fat.len() > maxid {
            break;
        }
        let Some(s) = sector(id) else {
            return false;
        };
        fat.extend(u32s(&s));
    }
    // Follow every chain: 0 not yet seen, 1 on the current walk, 2 known to end.
    let n = fat.len().min(maxid + 1);
    let mut state = vec![0u8; n];
    for first in 0..n {
        let mut id = first;
        while id < n && state[id] == 0 {
            state[id] = 1;
            id = fat[id] as usize;
        }
        if id < n && state[id] == 1 {
            return true;
        }
        let mut id = first;
        while id < n && state[id] == 1 {
            state[id] = 2;
            id = fat[id] as usize;
        }
    }
    false
}

/// Whether an .ods file's content.xml is cut short or has mismatched tags.
/// calamine 0.38 reads a sheet (and a cell's comment) until its end tag and
/// loops forever when the file ends first (found by fuzzing: docs/FUZZING.md).
/// In properly nested XML every such loop ends, so a file that is not is
/// refused as damaged before calamine sees it. The XML is read by the
/// quick-xml calamine uses, set up as calamine sets it up, so that both see
/// the same tags. `false` when the file cannot be read this far: calamine then
/// stops with an error of its own.
fn ods_content_is_unbalanced(bytes: &[u8]) -> bool {
    use quick_xml::events::Event;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return false;
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.expand_empty_elements = true;
    config.trim_text(false);
    let mut open: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => open.push(e.name().into_inner().to_string()),
            Ok(Event::End(e)) => {
                if open.pop().as_deref() != Some(e.name().into_inner()) {
                    return true;
                }
            }
            Ok(Event::Eof) => return !open.is_empty(),
            Ok(_) => {}
            Err(_) => return false,
        }
        buf.clear();
    }
}

/// Runs a calamine call so that a panic inside it becomes `None`. calamine
/// panics on some damaged files instead of returning an error (an assertion
/// in its compound-file reader, found by fuzzing: docs/FUZZING.md); such a
/// file must get the same "damaged file" message as any other, not end the
/// program or the background job.
pub(super) fn contained<T>(call: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)).ok()
}

/// Opens `cursor` as a workbook of type `R`, mapping calamine's errors and
/// panics to the clerk's messages.
fn open_as<R>(path: &Path, cursor: Bytes) -> Result<R>
where
    R: Reader<Bytes>,
    R::Error: Into<calamine::Error>,
{
    match contained(|| open_workbook_from_rs::<R, _>(cursor)) {
        Some(Ok(book)) => Ok(book),
        Some(Err(e)) => Err(map_open_error(path, e.into())),
        None => Err(not_a_workbook(path)),
    }
}

fn map_open_error(path: &Path, e: calamine::Error) -> Error {
    use calamine::Error as E;
    let password = matches!(
        &e,
        E::Xlsx(calamine::XlsxError::Password)
            | E::Xls(calamine::XlsError::Password)
            | E::Ods(calamine::OdsError::Password)
    );
    if password {
        workbook_error(path, PASSWORD_MESSAGE)
    } else {
        not_a_workbook(path)
    }
}

/// Whether the zip workbook `bytes` is an OpenDocument spreadsheet (.ods).
pub(super) fn is_ods(bytes: &[u8]) -> bool {
    bytes.starts_with(&ZIP_MAGIC)
        && bytes
            .windows(b"opendocument.spreadsheet".len())
            .take(400)
            .any(|w| w == b"opendocument.spreadsheet")
}

/// Whether calamine is to read the zip workbook at `path` as .xlsb.
pub(super) fn is_xlsb(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsb"))
}

/// Opens the spreadsheet held in `cursor` (read from `path`), refusing
/// encrypted and non-spreadsheet content with a message naming the file.
pub(super) fn open(path: &Path, cursor: Bytes) -> Result<Sheets<Bytes>> {
    let is_ods = is_ods(cursor.get_ref());
    let is_xlsb = is_xlsb(path);
    let sheets = if cursor.get_ref().starts_with(&CFB_MAGIC) {
        if utf16_contains(cursor.get_ref(), "EncryptedPackage") {
            return Err(workbook_error(path, PASSWORD_MESSAGE));
        }
        if sector_table_has_loop(cursor.get_ref()) {
            return Err(not_a_workbook(path));
        }
        match xls_guard::refusal(cursor.get_ref()) {
            Some(xls_guard::Refusal::Unreadable) => return Err(not_a_workbook(path)),
            Some(xls_guard::Refusal::TooBig(why)) => return Err(workbook_error(path, &why)),
            None => (),
        }
        Sheets::Xls(open_as::<Xls<_>>(path, cursor)?)
    } else if cursor.get_ref().starts_with(&ZIP_MAGIC) {
        if is_ods {
            if ods_content_is_unbalanced(cursor.get_ref()) {
                return Err(not_a_workbook(path));
            }
            Sheets::Ods(open_as::<Ods<_>>(path, cursor)?)
        } else if is_xlsb {
            Sheets::Xlsb(open_as::<Xlsb<_>>(path, cursor)?)
        } else {
            // .xlsx is read by the reader itself (xlsx/).
            return Err(not_a_workbook(path));
        }
    } else {
        return Err(not_a_workbook(path));
    };
    Ok(sheets)
}

pub(super) const DAMAGED: &str = "无法读取该工作表，文件可能已损坏，请在 Excel 中打开后另存再导入";

/// The non-empty rows of sheet `name`. .xlsb sheets are streamed cell by
/// cell (no dense range of every empty cell in the used area); the others
/// come from calamine's range.
pub(super) fn rows(
    book: &mut Sheets<Bytes>,
    name: &str,
) -> std::result::Result<Vec<RawRow>, String> {
    let streamed = match book {
        Sheets::Xlsb(x) => contained(|| -> std::result::Result<Option<Vec<RawRow>>, String> {
            let mut reader = x
                .worksheet_cells_reader(name)
                .map_err(|_| DAMAGED.to_string())?;
            let mut rows = SparseRows::new(name);
            while let Some(cell) = reader.next_cell().map_err(|_| DAMAGED.to_string())? {
                rows.add(cell.get_position(), cell.get_value())?;
            }
            rows.finish().map(Some)
        }),
        _ => Some(Ok(None)),
    };
    match streamed {
        Some(Ok(Some(rows))) => Ok(rows),
        Some(Err(why)) => Err(why),
        None => Err(DAMAGED.to_string()),
        Some(Ok(None)) => match contained(|| book.worksheet_range(name)) {
            Some(Ok(range)) => rows_of(name, &range),
            Some(Err(_)) | None => Err(DAMAGED.to_string()),
        },
    }
}

/// Whether `s` has more than [`MAX_CELL_CHARS`] characters; a text of no more
/// bytes than that cannot, so almost every cell is told by its length alone.
fn too_long(s: &str) -> bool {
    s.len() > MAX_CELL_CHARS && s.chars().nth(MAX_CELL_CHARS).is_some()
}

/// The cells of a streamed sheet, gathered by row, held to the limits.
pub(super) struct SparseRows<'n> {
    name: &'n str,
    rows: Vec<(u32, Vec<(u32, Cell)>)>,
    in_order: bool,
    min_col: u32,
    /// Cells kept so far, and the bytes of their text: bounded as they come
    /// (the used area is checked only at the end, and a cell repeated at one
    /// place, or one long shared string used everywhere, stays inside it).
    cells: u64,
    text_bytes: u64,
}

impl<'n> SparseRows<'n> {
    pub(super) fn new(name: &'n str) -> Self {
        SparseRows {
            name,
            rows: Vec::new(),
            in_order: true,
            min_col: u32::MAX,
            cells: 0,
            text_bytes: 0,
        }
    }

    fn add(
        &mut self,
        (row, col): (u32, u32),
        value: &DataRef<'_>,
    ) -> std::result::Result<(), String> {
        if matches!(value, DataRef::Empty) {
            return Ok(());
        }
        if let DataRef::SharedString(s) = value
            && too_long(s)
        {
            return Err(cell_too_long(self.name, row + 1));
        }
        self.push((row, col), from_data_ref(value))
    }

    /// Adds the cell at (row, col), 0-based; an empty one is left out.
    pub(super) fn push(
        &mut self,
        (row, col): (u32, u32),
        cell: Cell,
    ) -> std::result::Result<(), String> {
        if cell.is_empty() {
            return Ok(());
        }
        if too_long(&cell.text) {
            return Err(cell_too_long(self.name, row + 1));
        }
        self.cells += 1;
        self.text_bytes += cell.text.len() as u64;
        if self.cells > MAX_CELLS || self.text_bytes > MAX_SHEET_TEXT_BYTES {
            return Err(too_much_content(self.name));
        }
        self.min_col = self.min_col.min(col);
        let last = self.rows.last().map(|(r, cells)| (*r, cells.len()));
        match last {
            Some((r, _)) if r == row => {
                if let Some((_, cells)) = self.rows.last_mut() {
                    cells.push((col, cell));
                }
            }
            _ => {
                if last.is_some_and(|(r, _)| r > row) {
                    self.in_order = false;
                }
                if self.rows.len() >= MAX_ROWS {
                    return Err(too_many_rows(self.name));
                }
                // Rows are mostly as wide as the one before: no regrowing.
                let width = last.map_or(1, |(_, n)| n.max(1));
                let mut cells = Vec::with_capacity(width);
                cells.push((col, cell));
                self.rows.push((row, cells));
            }
        }
        Ok(())
    }

    pub(super) fn finish(mut self) -> std::result::Result<Vec<RawRow>, String> {
        if !self.in_order {
            self.rows.sort_by_key(|(r, _)| *r);
            let mut merged: Vec<(u32, Vec<(u32, Cell)>)> = Vec::with_capacity(self.rows.len());
            for (r, cells) in self.rows {
                match merged.last_mut() {
                    Some((last, into)) if *last == r => into.extend(cells),
                    _ => merged.push((r, cells)),
                }
            }
            self.rows = merged;
            if self.rows.len() > MAX_ROWS {
                return Err(too_many_rows(self.name));
            }
        }
        let min_col = self.min_col;
        let mut total: u64 = 0;
        let mut widest: u64 = 0;
        for (_, cells) in &mut self.rows {
            if !cells.is_sorted_by_key(|(c, _)| *c) {
                cells.sort_by_key(|(c, _)| *c);
            }
            let width = cells.last().map_or(0, |(c, _)| u64::from(c - min_col) + 1);
            widest = widest.max(width);
            total += width;
        }
        if total > MAX_CELLS {
            let height = self.rows.last().map_or(0, |(r, _)| *r)
                - self.rows.first().map_or(0, |(r, _)| *r)
                + 1;
            return Err(too_many_cells(self.name, u64::from(height), widest));
        }
        Ok(self
            .rows
            .into_iter()
            .map(|(r, cells)| {
                let width = cells.last().map_or(0, |(c, _)| (c - min_col) as usize + 1);
                let mut out = vec![Cell::default(); width];
                for (c, cell) in cells {
                    out[(c - min_col) as usize] = cell;
                }
                RawRow {
                    number: r + 1,
                    cells: out,
                }
            })
            .collect())
    }
}

pub(super) fn rows_of(name: &str, range: &Range<Data>) -> std::result::Result<Vec<RawRow>, String> {
    let Some((first_row, _)) = range.start() else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        // Only up to the last non-empty cell: no room kept for trailing empties.
        let used = row
            .iter()
            .rposition(|d| !matches!(d, Data::Empty))
            .map_or(0, |i| i + 1);
        let mut cells: Vec<Cell> = row[..used].iter().map(from_data).collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(too_many_rows(name));
        }
        if cells.iter().any(|c| too_long(&c.text)) {
            return Err(cell_too_long(name, first_row + i as u32 + 1));
        }
        rows.push(RawRow {
            number: first_row + i as u32 + 1,
            cells,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_in_the_sector_table_is_found() {
        let looped = include_bytes!("../../tests/fixtures/fuzz/xls-fat-loop-oom.xls");
        assert!(sector_table_has_loop(looped));
        let intact = include_bytes!("../../tests/fixtures/workbook_old.xls");
        assert!(!sector_table_has_loop(intact));
        assert!(!sector_table_has_loop(b"not a compound file"));
    }

    #[test]
    fn an_ods_cut_short_is_found() {
        let cut = include_bytes!("../../tests/fixtures/fuzz/ods-unclosed-table-hang.ods");
        assert!(ods_content_is_unbalanced(cut));
        let intact = include_bytes!("../../tests/fixtures/workbook_wps.ods");
        assert!(!ods_content_is_unbalanced(intact));
        assert!(!ods_content_is_unbalanced(b"PK not a zip"));
    }
}
