//! The reader's limits against hostile files (issue 13): each is refused with
//! a message naming the file, and reading it stays under 300 MB of memory.
//! The files are built here: a few hundred KB of .xlsx holding one 400 MB
//! cell (in the shared strings, or inline in the sheet), a sheet with one cell
//! at A1 and one at XFD1048576, a CSV over the size bound.
//!
//! The memory is measured in a child process of this test binary (the test
//! `measured_child`, run alone), with the counting allocator of `main.rs`:
//! other tests allocate in parallel threads of this process.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli_support::{stderr, zicha};

const FILE_VAR: &str = "ZICHA_MEASURE_FILE";
const LIMIT: usize = 300 * 1024 * 1024;
/// The hostile cell: 400 MB of text.
const HUGE: usize = 400 * 1024 * 1024;

/// Run by `measure` in a child process: reads the file named by FILE_VAR
/// through the reader and prints the peak of live bytes and the outcome.
#[test]
fn measured_child() {
    let Ok(path) = std::env::var(FILE_VAR) else {
        return;
    };
    crate::peak_alloc::reset();
    let outcome = match zicha::tabular::open(Path::new(&path)) {
        Err(e) => e.to_string(),
        Ok(mut book) => {
            let mut out = String::from("read");
            for name in book.sheet_names() {
                match book.rows(&name) {
                    Ok(rows) => out.push_str(&format!(" {name}:{}", rows.len())),
                    Err(e) => out = e,
                }
            }
            out
        }
    };
    let peak = crate::peak_alloc::peak();
    println!("ZICHA_PEAK={peak}");
    println!("ZICHA_OUTCOME={}", outcome.replace('\n', " "));
}

/// Reads `path` in a child process: (peak bytes, outcome).
fn measure(path: &Path) -> (usize, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "reader_limits::measured_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(FILE_VAR, path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "the child failed: {}\n{text}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.find(key).map(|i| &l[i + key.len()..]))
            .unwrap_or_else(|| panic!("no {key} in {text}"))
            .to_string()
    };
    (
        value("ZICHA_PEAK=").parse().unwrap(),
        value("ZICHA_OUTCOME="),
    )
}

fn assert_refused_small(path: &Path, expected: &[&str]) {
    let (peak, outcome) = measure(path);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(outcome.contains(&name), "{outcome}");
    for e in expected {
        assert!(outcome.contains(e), "expected “{e}” in: {outcome}");
    }
    assert!(
        peak < LIMIT,
        "{name}: peak {} MB, over {} MB",
        peak >> 20,
        LIMIT >> 20
    );
    eprintln!("{name}: refused, peak {:.1} MB", peak as f64 / 1048576.0);
}

/// A zip part: its name and a writer of its bytes.
type Part<'a> = (&'a str, &'a dyn Fn(&mut dyn Write) -> std::io::Result<()>);

fn write_zip(path: &Path, parts: &[Part]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, write) in parts {
        zip.start_file(*name, options).unwrap();
        write(&mut zip).unwrap();
    }
    zip.finish().unwrap();
}

fn text(s: &'static str) -> impl Fn(&mut dyn Write) -> std::io::Result<()> {
    move |w| w.write_all(s.as_bytes())
}

/// `n` bytes of one letter, written a megabyte at a time.
fn letters(w: &mut dyn Write, n: usize) -> std::io::Result<()> {
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..n / chunk.len() {
        w.write_all(&chunk)?;
    }
    w.write_all(&chunk[..n % chunk.len()])
}

/// An .xlsx with one sheet 人员 whose XML `sheet` writes, and shared strings.
fn xlsx(
    path: &Path,
    sheet: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
    strings: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
) {
    let types = text(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
    );
    let rels = text(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    let book = text(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="人员" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    let book_rels = text(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    write_zip(
        path,
        &[
            ("[Content_Types].xml", &types),
            ("_rels/.rels", &rels),
            ("xl/workbook.xml", &book),
            ("xl/_rels/workbook.xml.rels", &book_rels),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings),
        ],
    );
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

fn one_shared_string_sheet(w: &mut dyn Write) -> std::io::Result<()> {
    write!(
        w,
        r#"{SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>{SHEET_TAIL}"#
    )
}

fn strings_with_a_huge_cell(w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>"#)?;
    w.write_all("姓名".as_bytes())?;
    w.write_all(b"</t></si><si><t>")?;
    letters(w, HUGE)?;
    w.write_all(b"</t></si></sst>")
}

fn no_strings(w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>"#)
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
}

#[test]
fn a_huge_cell_in_the_shared_strings_is_refused_in_little_memory() {
    let dir = Dir::new();
    let f = dir.path("共享文字.xlsx");
    xlsx(&f, &one_shared_string_sheet, &strings_with_a_huge_cell);
    assert!(std::fs::metadata(&f).unwrap().len() < 2 << 20);
    // Refused by its size (64 MB) before its one cell (32,767 characters).
    assert_refused_small(&f, &["共享文字部分", "64 MB"]);
    // The whole program: the clerk's error, nothing imported.
    let db = dir.path("z.db");
    let out = zicha(&db, &["import", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("共享文字部分"), "{}", stderr(&out));
}

#[test]
fn a_huge_inline_cell_is_refused_in_little_memory() {
    let dir = Dir::new();
    let f = dir.path("内联文字.xlsx");
    let sheet = |w: &mut dyn Write| -> std::io::Result<()> {
        write!(
            w,
            r#"{SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>"#
        )?;
        letters(w, HUGE)?;
        write!(w, "</t></is></c></row>{SHEET_TAIL}")
    };
    xlsx(&f, &sheet, &no_strings);
    assert_refused_small(&f, &["工作表“人员”第2行", "32767"]);
}

#[test]
fn a_sheet_used_from_a1_to_xfd1048576_is_refused_in_little_memory() {
    let dir = Dir::new();
    let f = dir.path("稀疏.xlsx");
    let sheet = |w: &mut dyn Write| -> std::io::Result<()> {
        write!(
            w,
            r#"{SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>{SHEET_TAIL}"#
        )
    };
    xlsx(&f, &sheet, &no_strings);
    assert_refused_small(&f, &["工作表“人员”", "1048576 行 × 16384 列"]);
}

#[test]
fn a_text_file_over_the_bound_is_refused_in_little_memory() {
    let dir = Dir::new();
    let f = dir.path("明细.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&f).unwrap());
    writeln!(w, "姓名,证件号码,费款所属期").unwrap();
    let line = "张三,370502198001011013,202307\n".repeat(1000);
    while w.get_ref().metadata().unwrap().len() <= zicha::tabular::limits::MAX_FILE_BYTES {
        w.write_all(line.as_bytes()).unwrap();
        w.flush().unwrap();
    }
    drop(w);
    assert_refused_small(&f, &["文件过大", "64 MB"]);
}

/// The measurement itself: an ordinary file is read, and its peak is seen.
#[test]
fn an_ordinary_file_is_read_and_measured() {
    let dir = Dir::new();
    let f = dir.path("名单.xlsx");
    let strings = |w: &mut dyn Write| -> std::io::Result<()> {
        w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>"#)?;
        w.write_all("姓名".as_bytes())?;
        w.write_all(b"</t></si><si><t>")?;
        letters(w, 1 << 20)?;
        w.write_all(b"</t></si></sst>")
    };
    xlsx(&f, &one_shared_string_sheet, &strings);
    let (peak, outcome) = measure(&f);
    // One megabyte-long cell is over Excel's limit too; a 30,000-letter one is not.
    assert!(outcome.contains("32767"), "{outcome}");
    let f = dir.path("正常.xlsx");
    let strings = |w: &mut dyn Write| -> std::io::Result<()> {
        w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>"#)?;
        w.write_all("姓名".as_bytes())?;
        w.write_all(b"</t></si><si><t>")?;
        letters(w, 30_000)?;
        w.write_all(b"</t></si></sst>")
    };
    xlsx(&f, &one_shared_string_sheet, &strings);
    let (peak_ok, outcome) = measure(&f);
    assert_eq!(outcome, "read 人员:2");
    assert!(peak > 0 && peak_ok > 30_000, "{peak} {peak_ok}");
}
