//! Annex 1 XLSX, read back with calamine: the form's cells, merges and values.

use std::io::Cursor;

use crate::annex1_support::*;
use calamine::{Data, Reader, Xlsx};
use zicha::annex1::data_sheet::{self, DataSheet};
use zicha::annex1::{self, render_xlsx_bytes, wording};

fn open(bytes: Vec<u8>) -> (calamine::Range<Data>, Vec<calamine::Dimensions>) {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("XLSX opens");
    // The form, then the hidden data sheet for the regulator (issue 14).
    assert_eq!(
        wb.sheet_names(),
        vec![
            wording::SHEET_NAME.to_string(),
            data_sheet::SHEET.to_string()
        ]
    );
    let range = wb.worksheet_range(wording::SHEET_NAME).unwrap();
    let merges = wb.merge_cells_by_sheet_name(wording::SHEET_NAME).unwrap();
    (range, merges)
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Every non-empty cell in reading order.
fn all_cells(range: &calamine::Range<Data>) -> String {
    let (rows, cols) = range.get_size();
    let mut s = String::new();
    for r in 0..rows as u32 {
        for c in 0..cols as u32 {
            s.push_str(&text(range, r, c));
            s.push('|');
        }
    }
    s
}

#[test]
fn the_sheet_holds_the_form_in_order() {
    let a = annex(30, 0);
    let (range, merges) = open(render_xlsx_bytes(&a).unwrap());
    let cells = all_cells(&range);
    let agency = format!("{}{}", wording::AGENCY, a.agency_name);
    let mut labels = vec![
        wording::ANNEX,
        wording::TITLE,
        agency.as_str(),
        wording::HEAD,
    ];
    labels.push(wording::PART1);
    labels.extend(wording::SUMMARY_ITEMS);
    labels.push(wording::PART2);
    labels.extend(wording::LIST_COLUMNS);
    labels.extend([
        wording::FILLER,
        wording::PHONE,
        wording::FILL_DATE,
        wording::NOTES_TEXT,
    ]);
    assert_in_order(&cells, &labels);
    // The 填报说明 is one cell holding the order's words exactly.
    let (rows, _) = range.get_size();
    assert!(
        (0..rows as u32).any(|r| text(&range, r, 0) == wording::NOTES_TEXT),
        "no cell holds the 填报说明 verbatim"
    );
    assert!(!cells.contains("不得报送"));

    // Title across the six columns; summary label A:D, value E:F.
    let has = |r0: u32, c0: u32, r1: u32, c1: u32| {
        merges
            .iter()
            .any(|d| d.start == (r0, c0) && d.end == (r1, c1))
    };
    let title_row = (0..10)
        .find(|r| text(&range, *r, 0) == wording::TITLE)
        .unwrap();
    assert!(has(title_row, 0, title_row, 5), "{merges:?}");
    let first_item = (0..30)
        .find(|r| text(&range, *r, 0) == wording::SUMMARY_ITEMS[0])
        .unwrap();
    for (i, item) in a.summary.iter().enumerate() {
        let r = first_item + i as u32;
        assert_eq!(text(&range, r, 0), item.label);
        assert_eq!(text(&range, r, 4), item.value);
        assert!(has(r, 0, r, 3) && has(r, 4, r, 5), "summary row {r}");
    }

    // The list: header, then one row per person with its verdicts.
    let header = (0..40)
        .find(|r| text(&range, *r, 0) == wording::LIST_COLUMNS[0])
        .unwrap();
    for (c, label) in wording::LIST_COLUMNS.iter().enumerate() {
        assert_eq!(text(&range, header, c as u32), *label);
    }
    for (i, row) in a.rows.iter().enumerate() {
        let r = header + 1 + i as u32;
        let got: Vec<String> = (0..6).map(|c| text(&range, r, c)).collect();
        assert_eq!(got, row.cells().to_vec(), "row {}", row.seq);
    }
}

#[test]
fn a_draft_sheet_says_so() {
    let a = annex(20, 4);
    let (range, _) = open(render_xlsx_bytes(&a).unwrap());
    let cells = all_cells(&range);
    assert!(cells.contains(&pending_line(4)));
    assert!(cells.contains("待核实"));
}

#[test]
fn an_empty_or_unnamed_sheet_is_a_draft_that_says_why() {
    for (a, line) in [
        (
            empty_annex("某检验所"),
            "台账中没有人员，本表为草稿，不得报送",
        ),
        (
            empty_annex(" "),
            "台账中没有人员，未填写单位名称，本表为草稿，不得报送",
        ),
    ] {
        let bytes = render_xlsx_bytes(&a).unwrap();
        let (range, _) = open(bytes.clone());
        assert!(all_cells(&range).contains(line), "{line}");
        assert!(zip_text(&bytes, "xl/worksheets/sheet1.xml").contains(line));
        assert!(!all_cells(&range).contains("尚有 0 人"));
    }
}

#[test]
fn print_setup_repeats_the_header_and_numbers_pages() {
    let bytes = render_xlsx_bytes(&annex(10, 1)).unwrap();
    let mut zip = zip_text(&bytes, "xl/worksheets/sheet1.xml");
    assert!(zip.contains("paperSize=\"9\""), "A4");
    assert!(zip.contains("fitToWidth=\"1\"") || zip.contains("fitToPage=\"1\""));
    assert!(
        zip.contains("&amp;P") && zip.contains("&amp;N"),
        "page numbers"
    );
    assert!(
        zip.contains(&pending_line(1)),
        "draft line in the page header"
    );
    zip = zip_text(&bytes, "xl/workbook.xml");
    assert!(zip.contains("_xlnm.Print_Titles"), "repeated header rows");
    let styles = zip_text(&bytes, "xl/styles.xml");
    assert!(styles.contains("宋体"));
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn write_xlsx_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件1.xlsx");
    annex1::write_xlsx(&annex(3, 0), &path).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
}

#[test]
fn the_data_sheet_is_hidden_and_reads_back_what_the_form_prints() {
    let a = annex(12, 2);
    let bytes = render_xlsx_bytes(&a).unwrap();
    let workbook = zip_text(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(&format!(
            "name=\"{}\" sheetId=\"2\" state=\"hidden\"",
            data_sheet::SHEET
        )),
        "{workbook}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件1.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let mut book = zicha::tabular::open(&path).unwrap();
    let rows: Vec<Vec<String>> = book
        .rows(data_sheet::SHEET)
        .unwrap()
        .into_iter()
        .map(|r| r.cells.into_iter().map(|c| c.text).collect())
        .collect();
    let back = DataSheet::parse(&rows).unwrap();
    assert!(back.hash_ok);
    assert_eq!(back.sheet, DataSheet::of(&a));
    assert!(back.sheet.draft);
    // The printed sheet holds none of the data sheet's own words.
    let (range, _) = open(bytes);
    assert!(!all_cells(&range).contains(data_sheet::MARK));
}
