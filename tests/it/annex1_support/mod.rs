//! Shared helpers for the Annex 1 tests: sample reports, and a small PDF text
//! reader (lopdf + the fonts' /ToUnicode maps) so no system tool is needed.

#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use lopdf::content::Content;
use lopdf::{Document, Object};
use zicha::annex1::{Annex1, sample};
use zicha::checks::check_roster;

pub fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 7, 10).unwrap()
}

/// The sample roster of `n` persons with `pending` rows left 待核实, as Annex 1.
pub fn annex(n: usize, pending: usize) -> Annex1 {
    let roster = sample::sample_roster(n, pending);
    let report = check_roster(&roster, date());
    Annex1::new(&roster.settings, &report, date())
}

/// Annex 1 of a roster with nobody on it, under the 单位名称 `agency` (may be empty).
pub fn empty_annex(agency: &str) -> Annex1 {
    let mut roster = zicha::domain::Roster::default();
    roster.settings.agency_name = agency.to_string();
    let report = check_roster(&roster, date());
    Annex1::new(&roster.settings, &report, date())
}

/// The draft line of a form with only `pending` rows to blame.
pub fn pending_line(pending: usize) -> String {
    zicha::annex1::wording::draft_line(&[zicha::annex1::wording::draft_pending(pending)])
}

/// One page's text: each shown string on its own line, in content order.
pub struct Page {
    pub lines: Vec<String>,
}

impl Page {
    /// All text with line breaks removed (wrapped cells read whole again).
    pub fn joined(&self) -> String {
        self.lines.concat()
    }
}

/// The text of every page of a PDF, decoded through each font's /ToUnicode.
pub fn pdf_pages(bytes: &[u8]) -> Vec<Page> {
    let doc = Document::load_mem(bytes).expect("PDF parses");
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let mut maps: BTreeMap<Vec<u8>, BTreeMap<u16, String>> = BTreeMap::new();
        for (name, font) in doc.get_page_fonts(page_id).expect("page fonts") {
            let map = font
                .get(b"ToUnicode")
                .ok()
                .and_then(|o| o.as_reference().ok())
                .and_then(|r| doc.get_object(r).ok())
                .and_then(|o| o.as_stream().ok())
                .map(|s| parse_to_unicode(&s.decompressed_content().unwrap_or(s.content.clone())))
                .unwrap_or_default();
            maps.insert(name, map);
        }
        let content = Content::decode(&doc.get_page_content(page_id)).expect("content decodes");
        let mut font: Vec<u8> = Vec::new();
        let mut lines = Vec::new();
        for op in content.operations {
            let strings: Vec<&Object> = match op.operator.as_str() {
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    continue;
                }
                "Tj" | "'" => vec![&op.operands[0]],
                "TJ" => match &op.operands[0] {
                    Object::Array(a) => a.iter().collect(),
                    _ => continue,
                },
                _ => continue,
            };
            let map = maps.get(&font);
            let mut line = String::new();
            for s in strings {
                if let Object::String(bytes, _) = s {
                    for code in bytes.chunks(2) {
                        let code = u16::from_be_bytes([code[0], *code.get(1).unwrap_or(&0)]);
                        match map.and_then(|m| m.get(&code)) {
                            Some(t) => line.push_str(t),
                            None => line.push('\u{FFFD}'),
                        }
                    }
                }
            }
            lines.push(line);
        }
        pages.push(Page { lines });
    }
    pages
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// The bfchar and bfrange entries of a /ToUnicode CMap.
fn parse_to_unicode(data: &[u8]) -> BTreeMap<u16, String> {
    let text = String::from_utf8_lossy(data);
    let mut map = BTreeMap::new();
    let mut mode = "";
    for line in text.lines() {
        let l = line.trim();
        if l.ends_with("beginbfchar") {
            mode = "char";
            continue;
        }
        if l.ends_with("beginbfrange") {
            mode = "range";
            continue;
        }
        if l.starts_with("end") {
            mode = "";
            continue;
        }
        let fields: Vec<&str> = l
            .split(['<', '>'])
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        match (mode, fields.as_slice()) {
            ("char", [code, dst]) => {
                let c = u16::from_str_radix(code, 16).unwrap();
                map.insert(c, utf16(&hex(dst)));
            }
            ("range", [lo, hi, dst]) => {
                let lo = u16::from_str_radix(lo, 16).unwrap();
                let hi = u16::from_str_radix(hi, 16).unwrap();
                let start = u32::from_str_radix(dst, 16).unwrap();
                for (i, c) in (lo..=hi).enumerate() {
                    if let Some(ch) = char::from_u32(start + i as u32) {
                        map.insert(c, ch.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    map
}

/// Embedded font programs: (/FontFile* key, decoded length) for every font.
pub fn font_files(bytes: &[u8]) -> Vec<(String, usize)> {
    let doc = Document::load_mem(bytes).expect("PDF parses");
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Ok(dict) = obj.as_dict() else { continue };
        if dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) != Some(b"FontDescriptor") {
            continue;
        }
        for key in ["FontFile", "FontFile2", "FontFile3"] {
            if let Ok(r) = dict.get(key.as_bytes()).and_then(Object::as_reference) {
                let s = doc.get_object(r).unwrap().as_stream().unwrap();
                let len = s
                    .decompressed_content()
                    .map(|c| c.len())
                    .unwrap_or(s.content.len());
                out.push((key.to_string(), len));
            }
        }
    }
    out
}

/// Base font names of every font dictionary.
pub fn base_fonts(bytes: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(bytes).expect("PDF parses");
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Font"))
        .filter_map(|d| {
            d.get(b"BaseFont")
                .ok()?
                .as_name()
                .ok()
                .map(|n| String::from_utf8_lossy(n).into_owned())
        })
        .collect()
}

/// Asserts that `needles` occur in `hay` in this order.
pub fn assert_in_order(hay: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match hay[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!("“{n}” missing or out of order after byte {from}"),
        }
    }
}
