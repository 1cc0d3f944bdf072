//! The .xls (BIFF8) counterpart of the zip guard's used-area check. calamine
//! reads every sheet of an .xls when it opens the file, making each a dense
//! range from its first to its last cell and reserving what the sheet's
//! DIMENSIONS record announces: two cells far apart, or one lying record, in
//! a file of a few KB ask for gigabytes (columns go up to 65,535 in a cell
//! record), and a failed allocation ends the program. So the cells' places
//! are read from the Workbook stream first, as calamine reads them (xls.rs:
//! the sheets found by their BoundSheet8 positions, embedded substreams
//! skipped), and a sheet whose area passes `MAX_CELLS` is refused.

use std::io::{Cursor, Read};

use super::limits::MAX_CELLS;

/// Why a workbook is refused before calamine reads it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Its Workbook stream cannot be read: not a workbook, or damaged.
    Unreadable,
    /// A sheet's area, or all sheets' together, is too big: the message.
    TooBig(String),
}

/// Whether the workbook in `bytes` (a compound file) is refused before
/// calamine reads it. calamine holds every sheet at once, so the sheets'
/// areas are bounded together as well as one by one.
pub(super) fn refusal(bytes: &[u8]) -> Option<Refusal> {
    let Some(Some(stream)) = super::spreadsheet::contained(|| workbook_stream(bytes)) else {
        return Some(Refusal::Unreadable);
    };
    let mut total = 0u64;
    for (pos, name) in sheets(&stream) {
        let Some(tail) = stream.get(pos..) else {
            continue;
        };
        let (rows, columns) = area(tail);
        let cells = rows.saturating_mul(columns);
        if cells > MAX_CELLS {
            return Some(Refusal::TooBig(super::sheet::too_many_cells(
                &name, rows, columns,
            )));
        }
        total = total.saturating_add(cells);
        if total > MAX_CELLS {
            return Some(Refusal::TooBig(super::sheet::book_too_big()));
        }
    }
    None
}

/// The Workbook (or, before BIFF8, Book) stream, read no further than the
/// file is long (a longer stream would need a loop in its sector chain).
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut stream = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"))
        .ok()?;
    let mut out = Vec::new();
    (&mut stream)
        .take(bytes.len() as u64)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// A BIFF record: its type and data (CONTINUE records are not cells, and
/// calamine reads cells from the record alone).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16::from_le_bytes([*rest.first()?, *rest.get(1)?]);
        let len = usize::from(u16::from_le_bytes([*rest.get(2)?, *rest.get(3)?]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
        *data.get(at + 2)?,
        *data.get(at + 3)?,
    ]))
}

/// Each sheet's position in the stream and its name (as the message names
/// it), from the BoundSheet8 records of the globals substream.
fn sheets(stream: &[u8]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            0x0085 => {
                let Some(pos) = u32_at(data, 0) else { continue };
                let name = short_string(data.get(6..).unwrap_or_default());
                out.push((pos as usize, name));
            }
            0x000A => break,
            _ => (),
        }
    }
    out
}

/// A ShortXLUnicodeString (BIFF8): its length, a flag for two-byte
/// characters, the characters; what does not read comes out empty.
fn short_string(data: &[u8]) -> String {
    let (Some(&len), Some(&flags)) = (data.first(), data.get(1)) else {
        return String::new();
    };
    let chars = data.get(2..).unwrap_or_default();
    if flags & 1 == 1 {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(usize::from(len))
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars
            .iter()
            .take(usize::from(len))
            .map(|&b| char::from(b))
            .collect()
    }
}

/// The rows and columns calamine would make or reserve for the sheet whose
/// substream starts `tail`: the larger of its cells' span (cells and
/// formulas) and its DIMENSIONS records' span, counted as calamine counts
/// them (its wrapping arithmetic included).
fn area(tail: &[u8]) -> (u64, u64) {
    let mut span = Span::default();
    let mut reserved = (0u64, 0u64);
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (typ, data) in records(tail) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => (),
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                let (rows, columns) = dimensions(data);
                if rows.saturating_mul(columns) > reserved.0.saturating_mul(reserved.1) {
                    reserved = (rows, columns);
                }
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    span.add(row, col);
                }
            }
            // MulRk: a row of cells from its first column to its last.
            0x00BD if data.len() >= 6 => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    u16_at(data, data.len() - 2),
                ) {
                    span.add(row, first);
                    span.add(row, last);
                }
            }
            _ => (),
        }
    }
    let cells = span.size();
    if cells.0.saturating_mul(cells.1) >= reserved.0.saturating_mul(reserved.1) {
        cells
    } else {
        reserved
    }
}

/// A DIMENSIONS record's rows and columns as calamine reserves them.
fn dimensions(data: &[u8]) -> (u64, u64) {
    let Some((first_row, row_end, mut first_col, col_end)) = dimension_fields(data) else {
        return (0, 0);
    };
    if first_col > 0xFF || col_end < first_col {
        first_col = 0;
    }
    let (last_row, last_col) = if row_end >= 1 && col_end >= 1 {
        (row_end - 1, col_end - 1)
    } else {
        (first_row, first_col)
    };
    let rows = last_row.wrapping_sub(first_row).wrapping_add(1);
    let columns = last_col.wrapping_sub(first_col).wrapping_add(1);
    (u64::from(rows), u64::from(columns))
}

/// A DIMENSIONS record's first row, row after the last, first column and
/// column after the last (BIFF8: rows in 4 bytes; before it: 2).
fn dimension_fields(data: &[u8]) -> Option<(u32, u32, u32, u32)> {
    match data.len() {
        10 => Some((
            u32::from(u16_at(data, 0)?),
            u32::from(u16_at(data, 2)?),
            u32::from(u16_at(data, 4)?),
            u32::from(u16_at(data, 6)?),
        )),
        14 | 16 => Some((
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u32::from(u16_at(data, 8)?),
            u32::from(u16_at(data, 10)?),
        )),
        _ => None,
    }
}

/// The first and last rows and columns of a sheet's cells.
#[derive(Default)]
struct Span {
    bounds: Option<(u16, u16, u16, u16)>,
}

impl Span {
    fn add(&mut self, row: u16, col: u16) {
        let b = self.bounds.get_or_insert((row, row, col, col));
        *b = (b.0.min(row), b.1.max(row), b.2.min(col), b.3.max(col));
    }

    fn size(&self) -> (u64, u64) {
        self.bounds.map_or((0, 0), |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const INTACT: &[u8] = include_bytes!("../../tests/fixtures/workbook_old.xls");

    /// The fixture with its Workbook stream changed by `change`.
    fn changed(change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let mut stream = workbook_stream(INTACT).expect("stream");
        change(&mut stream);
        // Written into the fixture itself: its other streams and layout kept.
        let mut out = cfb::CompoundFile::open(Cursor::new(INTACT.to_vec())).expect("open");
        let mut workbook = out.open_stream("/Workbook").expect("stream");
        workbook.set_len(0).expect("empty");
        workbook.write_all(&stream).expect("write");
        drop(workbook);
        out.flush().expect("flush");
        out.into_inner().into_inner()
    }

    /// Where the last sheet's EOF record starts.
    fn last_eof(stream: &[u8]) -> usize {
        let (pos, _) = *sheets(stream).last().expect("a sheet");
        let mut at = pos;
        for (typ, data) in records(&stream[pos..]) {
            if typ == 0x000A {
                return at;
            }
            at += 4 + data.len();
        }
        panic!("no EOF");
    }

    fn number_at(row: u16, col: u16) -> Vec<u8> {
        let mut r = vec![0x03, 0x02, 14, 0];
        r.extend_from_slice(&row.to_le_bytes());
        r.extend_from_slice(&col.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        r.extend_from_slice(&1.5f64.to_le_bytes());
        r
    }

    #[test]
    fn an_intact_workbook_passes_and_reads() {
        assert_eq!(refusal(INTACT), None);
        let rewritten = changed(|_| ());
        assert_eq!(refusal(&rewritten), None);
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("重写.xls");
        std::fs::write(&path, &rewritten).expect("write");
        if let Err(e) = crate::tabular::open(&path) {
            panic!("the rewritten fixture still reads: {e}");
        }
    }

    /// One cell far from the others (a few KB that calamine would make
    /// 65,536 × 65,536 cells) and a DIMENSIONS record announcing a million
    /// rows are refused, naming the sheet and the area, before calamine reads
    /// the file.
    #[test]
    fn a_far_cell_or_a_lying_dimensions_record_is_refused() {
        let far = changed(|s| {
            let at = last_eof(s);
            s.splice(at..at, number_at(65_535, 65_535));
        });
        let Some(Refusal::TooBig(why)) = refusal(&far) else {
            panic!("not refused: {:?}", refusal(&far));
        };
        assert!(why.contains("数据区域过大"), "{why}");
        assert!(why.contains("列"), "{why}");
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("远处.xls");
        std::fs::write(&path, &far).expect("write");
        let err = crate::tabular::open(&path).err().expect("refused");
        assert!(err.to_string().contains("远处.xls"), "{err}");
        let lying = changed(|s| {
            let (pos, _) = *sheets(s).last().expect("a sheet");
            let mut at = pos;
            let mut found = None;
            for (typ, data) in records(&s[pos..]) {
                if typ == 0x0200 {
                    found = Some((at + 4, data.len()));
                    break;
                }
                at += 4 + data.len();
            }
            let (data, len) = found.expect("a DIMENSIONS record");
            assert!(len == 14 || len == 16, "BIFF8");
            s[data..data + 4].copy_from_slice(&0u32.to_le_bytes());
            s[data + 4..data + 8].copy_from_slice(&1_000_000u32.to_le_bytes());
            s[data + 8..data + 10].copy_from_slice(&0u16.to_le_bytes());
            s[data + 10..data + 12].copy_from_slice(&256u16.to_le_bytes());
        });
        assert!(matches!(refusal(&lying), Some(Refusal::TooBig(_))));
    }

    /// Bytes that are not a compound file with a Workbook stream are refused
    /// as not a workbook, without a panic, however they are cut.
    #[test]
    fn an_unreadable_stream_is_refused() {
        for cut in [0, 8, 512, 1024, INTACT.len() / 2] {
            assert_eq!(
                refusal(&INTACT[..cut]),
                Some(Refusal::Unreadable),
                "cut {cut}"
            );
        }
        let mut other = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("create");
        other.create_stream("/WordDocument").expect("stream");
        other.flush().expect("flush");
        let word = other.into_inner().into_inner();
        assert_eq!(refusal(&word), Some(Refusal::Unreadable));
    }

    /// A sheet's span counts every kind of cell record calamine reads, a
    /// MulRk from its first to its last column; an embedded substream's
    /// cells do not count.
    #[test]
    fn the_span_counts_what_calamine_makes_a_range_of() {
        let mut s = vec![0x09, 0x08, 0, 0];
        s.extend(number_at(2, 1));
        let mut mul = vec![0xBD, 0x00, 18, 0];
        mul.extend_from_slice(&10u16.to_le_bytes());
        mul.extend_from_slice(&3u16.to_le_bytes());
        mul.extend_from_slice(&[0; 12]);
        mul.extend_from_slice(&4u16.to_le_bytes());
        s.extend(mul);
        s.extend([0x09, 0x08, 0, 0]);
        s.extend(number_at(60_000, 200));
        s.extend([0x0A, 0, 0, 0]);
        s.extend([0x0A, 0, 0, 0]);
        s.extend(number_at(60_000, 200));
        assert_eq!(area(&s), (9, 4), "rows 2–10, columns 1–4");
    }
}
