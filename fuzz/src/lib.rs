//! What the workbook fuzz targets share: run one workbook file through
//! everything the clerk does with it, and build an .xlsx/.ods zip from loose
//! parts for the structure-aware target.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use zicha::store::Store;
use zicha::workbook::{self, ImportOptions};

/// zicha contains panics inside calamine (src/workbook/reader.rs, `contained`):
/// a damaged file gets the "damaged file" message. libFuzzer's panic hook
/// aborts on every panic, caught or not, so this hook lets panics located in
/// calamine unwind to zicha's guard, listing each place once on stderr. Any
/// other panic still aborts, and so does a calamine panic that zicha does not
/// catch (libfuzzer-sys aborts when a panic reaches the fuzz target).
fn contain_calamine_panics() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let abort_hook = std::panic::take_hook();
        let seen = std::sync::Mutex::new(std::collections::BTreeSet::new());
        std::panic::set_hook(Box::new(move |info| {
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            if place.contains("/calamine-") {
                if seen.lock().unwrap().insert(place.clone()) {
                    let payload = info.payload();
                    let message = payload
                        .downcast_ref::<&str>()
                        .copied()
                        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                        .unwrap_or("");
                    eprintln!("zicha-fuzz: calamine panicked at {place}: {message} (contained)");
                }
            } else {
                abort_hook(info);
            }
        }));
    });
}

/// A file of this process's own in the system temp folder.
fn temp_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("zicha-fuzz-{}-{name}", std::process::id()))
}

/// The extension the file gets. The reader tells the format by content, except
/// .xlsb, which it only tries by name; a zip naming `xl/workbook.bin` is what a
/// real .xlsb holds, so such input is saved as one.
fn extension(bytes: &[u8]) -> &'static str {
    let needle = b"xl/workbook.bin";
    if bytes.windows(needle.len()).any(|w| w == needle) {
        "xlsb"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "xls"
    } else if bytes.starts_with(b"PK") && bytes.windows(14).any(|w| w == b"opendocument.s") {
        "ods"
    } else {
        "xlsx"
    }
}

/// Saves `bytes` as a workbook file and runs it through what the clerk does:
/// preview and import (merge), import again (replace, skipping invalid rows
/// into a rejects file), then the checks on the resulting roster.
///
/// Nothing may panic. Besides, the preview must predict the import:
/// - a file the preview cannot read is refused by the import;
/// - a preview with errors means a refused merge import that changes nothing;
/// - a preview without errors means an import that succeeds with the same counts;
/// - every refusal is the clerk's error (a message about the file), never a
///   database or internal failure.
pub fn exercise_workbook(bytes: &[u8]) {
    contain_calamine_panics();
    let path = temp_file(&format!("input.{}", extension(bytes)));
    let rejects = temp_file("rejects.xlsx");
    {
        let mut f = std::fs::File::create(&path).expect("create input");
        f.write_all(bytes).expect("write input");
    }
    let _ = std::fs::remove_file(&rejects);

    let mut store = Store::open_in_memory().expect("in-memory store");
    let merge = ImportOptions::default();
    run(&mut store, &path, &merge, true);

    let replace = ImportOptions {
        replace: true,
        skip_invalid: true,
        rejects_path: Some(rejects.clone()),
    };
    // No preview here: it would run the same `prepare` as the import, on
    // the same store, and a fourth read of the file costs a quarter of the speed.
    run(&mut store, &path, &replace, false);

    let roster = store.load_roster().expect("load roster");
    let today = NaiveDate::from_ymd_opt(2024, 7, 10).unwrap();
    let report = zicha::checks::check_roster(&roster, today);
    assert_eq!(report.rows.len(), roster.persons.len());

    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&rejects);
}

fn run(store: &mut Store, path: &Path, options: &ImportOptions, with_preview: bool) {
    let before = store.load_roster().expect("load roster");
    let preview = with_preview.then(|| workbook::preview(store, path, options));
    let result = workbook::import(store, path, options, &mut |f| {
        assert!((0.0..=1.0).contains(&f), "progress {f}");
    });
    if let Err(e) = &result {
        assert!(e.is_user_error(), "import: {e:?}");
        let after = store.load_roster().expect("load roster");
        assert!(after == before, "a refused import changed the roster");
    }
    let Some(preview) = preview else {
        return;
    };
    match (&preview, &result) {
        (Err(p), Err(_)) => assert!(p.is_user_error(), "preview: {p:?}"),
        (Err(p), Ok(_)) => panic!("preview failed ({p:?}) but the import succeeded"),
        (Ok(p), Ok(outcome)) => {
            assert!(
                p.errors.is_empty() || options.skip_invalid,
                "import succeeded despite errors: {:?}",
                p.errors
            );
            if p.errors.is_empty() {
                let o = &p.outcome;
                assert_eq!(
                    (
                        o.persons_added,
                        o.persons_updated,
                        o.persons_unchanged,
                        o.persons_removed,
                        o.rows_added,
                        o.rows_identical,
                    ),
                    (
                        outcome.persons_added,
                        outcome.persons_updated,
                        outcome.persons_unchanged,
                        outcome.persons_removed,
                        outcome.rows_added,
                        outcome.rows_identical,
                    ),
                    "preview and import disagree"
                );
            }
        }
        (Ok(p), Err(i)) => {
            assert!(
                !p.errors.is_empty(),
                "preview without errors but the import failed: {i:?}"
            );
            assert!(
                matches!(i, zicha::Error::ImportRejected { .. }),
                "import: {i:?}"
            );
        }
    }
}

/// Zips `(name, content)` parts, stored (not compressed), into an in-memory
/// file: the zip and its CRCs are always right, so the fuzzer spends its
/// time on the XML inside.
pub fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::{SimpleFileOptions, ZipWriter};
    let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        if w.start_file(*name, options).is_err() {
            continue; // e.g. the same name twice
        }
        w.write_all(content).expect("write to memory");
    }
    w.finish().expect("finish zip").into_inner()
}

/// The separator of the parts in a structure-aware input: a line
/// `@@@ <name inside the zip>` before each part's content.
pub const PART_MARKER: &[u8] = b"@@@ ";

/// Splits a structure-aware input into `(name, content)` parts. Text before
/// the first marker is ignored; a name that is not UTF-8 is skipped.
pub fn split_parts(data: &[u8]) -> Vec<(&str, &[u8])> {
    let mut parts = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    if data.starts_with(PART_MARKER) {
        starts.push(0);
    }
    let sep = [b"\n".as_slice(), PART_MARKER].concat();
    let mut i = 0;
    while let Some(pos) = data[i..].windows(sep.len()).position(|w| w == sep) {
        starts.push(i + pos + 1);
        i += pos + 1;
    }
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(data.len(), |&e| e - 1);
        let block = &data[s + PART_MARKER.len()..end];
        let (name, content) = match block.iter().position(|&b| b == b'\n') {
            Some(nl) => (&block[..nl], &block[nl + 1..]),
            None => (block, &[][..]),
        };
        if let Ok(name) = std::str::from_utf8(name) {
            parts.push((name.trim(), content));
        }
    }
    parts
}
