//! Annex 1 PDF, read back with lopdf: labels, rows, draft mark, pagination, fonts.

use crate::annex1_support::*;
use zicha::annex1::{self, Annex1, Annex1Row, render_pdf_bytes, sample, wording};

fn all_text(bytes: &[u8]) -> String {
    pdf_pages(bytes).iter().map(Page::joined).collect()
}

#[test]
fn every_form_label_appears_in_order() {
    let a = annex(12, 0);
    let text = all_text(&render_pdf_bytes(&a).unwrap());
    let mut labels = vec![wording::ANNEX, wording::TITLE, wording::AGENCY];
    labels.push(&a.agency_name);
    labels.extend([wording::HEAD, wording::PART1]);
    labels.extend(wording::SUMMARY_ITEMS);
    labels.push(wording::PART2);
    labels.extend(wording::LIST_COLUMNS);
    labels.extend([
        wording::FILLER,
        &a.filler,
        wording::PHONE,
        &a.phone,
        wording::FILL_DATE,
        "2024年7月10日",
        wording::NOTES_TEXT,
    ]);
    assert_in_order(&text, &labels);
    // Each summary value follows its label.
    for item in &a.summary {
        assert!(
            text.contains(&format!("{}{}", item.label, item.value)),
            "{item:?}"
        );
    }
}

#[test]
fn every_row_prints_its_name_and_three_verdicts() {
    let a = annex(40, 0);
    let text = all_text(&render_pdf_bytes(&a).unwrap());
    let rows: Vec<String> = a
        .rows
        .iter()
        .map(|r| format!("{}{}{}{}{}", r.seq, r.name, r.practice, r.diploma, r.title))
        .collect();
    let needles: Vec<&str> = rows.iter().map(String::as_str).collect();
    assert_in_order(&text, &needles);
    assert!(a.rows.iter().any(|r| r.practice == "否"));
    assert!(a.rows.iter().any(|r| r.title == "-"));
    for r in a.rows.iter().filter(|r| !r.remark.is_empty()) {
        assert!(text.contains(&r.remark), "remark of {}", r.name);
    }
}

#[test]
fn a_character_no_face_has_is_named_and_cut_faces_miss_nothing() {
    let mut a = annex(8, 0);
    for r in a.rows.iter_mut() {
        r.name = "王堃".into();
    }
    assert!(
        annex1::missing_glyphs(&a).unwrap().is_empty(),
        "the GBK cut has 堃"
    );
    a.rows[0].name = "张\u{E000}".into();
    assert_eq!(annex1::missing_glyphs(&a).unwrap(), vec!['\u{E000}']);
}

#[test]
fn rare_characters_come_back_as_text() {
    let a = annex(8, 0);
    assert!(annex1::missing_glyphs(&a).unwrap().is_empty());
    let text = all_text(&render_pdf_bytes(&a).unwrap());
    for name in sample::RARE_NAMES {
        assert!(text.contains(name), "{name} missing from the PDF text");
    }
    assert!(text.contains("赵\u{4DAE}") && text.contains("陈\u{20BB7}"));
    assert!(
        !text.contains('\u{FFFD}'),
        "a glyph has no /ToUnicode entry"
    );
}

#[test]
fn draft_mark_exactly_when_rows_are_pending() {
    let draft = annex(60, 3);
    assert_eq!(draft.pending, 3);
    let pages = pdf_pages(&render_pdf_bytes(&draft).unwrap());
    assert!(pages.len() >= 2);
    let line = pending_line(3);
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.lines.iter().any(|l| l == wording::DRAFT_MARK),
            "page {}",
            i + 1
        );
        assert!(p.lines.contains(&line), "page {}", i + 1);
    }
    let text: String = pages.iter().map(Page::joined).collect();
    assert!(
        text.contains("待核实"),
        "pending cells print 待核实 on a draft"
    );

    let final_form = annex(60, 0);
    assert_eq!(final_form.pending, 0);
    let text = all_text(&render_pdf_bytes(&final_form).unwrap());
    assert!(!text.contains(wording::DRAFT_MARK));
    assert!(!text.contains("待核实"));
    assert!(!text.contains("不得报送"));
}

/// An empty roster, or an unset 单位名称, is never final (rules.md Output); the
/// draft line says why, never "尚有 0 人待核实".
#[test]
fn an_empty_roster_or_an_unnamed_agency_is_a_draft_that_says_why() {
    for (a, reason) in [
        (
            empty_annex("东营市特种设备检验研究院"),
            "台账中没有人员，本表为草稿",
        ),
        (
            empty_annex(""),
            "台账中没有人员，未填写单位名称，本表为草稿",
        ),
        (
            {
                let mut a = annex(5, 0);
                a.status.unnamed_agency = true;
                a
            },
            "未填写单位名称，本表为草稿",
        ),
    ] {
        assert!(a.is_draft(), "{reason}");
        let pages = pdf_pages(&render_pdf_bytes(&a).unwrap());
        for p in &pages {
            assert!(p.lines.iter().any(|l| l == wording::DRAFT_MARK), "{reason}");
            assert!(p.lines.iter().any(|l| l.starts_with(reason)), "{reason}");
        }
        let text: String = pages.iter().map(Page::joined).collect();
        assert!(!text.contains("尚有 0 人"), "{reason}");
        assert!(!text.contains("正式表"), "{reason}");
    }
}

#[test]
fn thousand_rows_repeat_the_header_and_count_pages() {
    let a = annex(1000, 0);
    let pages = pdf_pages(&render_pdf_bytes(&a).unwrap());
    let total = pages.len();
    assert!(total > 20, "{total} pages");
    let mut seen = 0;
    for (i, p) in pages.iter().enumerate() {
        let text = p.joined();
        assert!(
            p.lines.contains(&wording::page_line(i + 1, total)),
            "page {}",
            i + 1
        );
        if i + 1 < total || text.contains(&a.rows[999].name) {
            assert_in_order(&text, &wording::LIST_COLUMNS);
        }
        // Rows are whole on a page: each row's cells are together.
        for r in &a.rows[seen..] {
            if text.contains(&format!("{}{}{}", r.seq, r.name, r.practice)) {
                seen += 1;
            } else {
                break;
            }
        }
    }
    assert_eq!(seen, 1000, "every row once, in order, never split");
}

#[test]
fn fonts_are_embedded_as_small_subsets() {
    let bytes = render_pdf_bytes(&annex(40, 2)).unwrap();
    let files = font_files(&bytes);
    assert_eq!(files.len(), 2, "Song and Hei faces: {files:?}");
    for (key, len) in &files {
        assert!(*len > 2_000, "{key} is empty or truncated: {len} bytes");
        assert!(*len < 300_000, "{key} is not a subset: {len} bytes");
    }
    let names = base_fonts(&bytes);
    assert!(
        names.iter().any(|n| n.contains("NotoSerifCJK")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.contains("NotoSansCJK")), "{names:?}");
    for n in names.iter().filter(|n| n.contains("Noto")) {
        assert_eq!(n.find('+'), Some(6), "subset tag missing on {n}");
    }
    assert!(bytes.len() < 150_000, "{} bytes", bytes.len());
}

fn one_row(remark: &str) -> Annex1 {
    let mut a = annex(1, 0);
    a.rows = vec![Annex1Row {
        seq: 1,
        name: "欧阳明月".to_string(),
        practice: "否".to_string(),
        diploma: "是".to_string(),
        title: "-".to_string(),
        remark: remark.to_string(),
        action: String::new(),
    }];
    a
}

#[test]
fn long_remarks_wrap_without_a_line_starting_with_closing_punctuation() {
    let remark = "2023年7月至2024年6月社保由东营某人力资源服务有限公司代缴（非本单位）；\
        本人在外单位从事检验工作，属于“挂证”情形，已约谈本人。整改情况：已取消执业公示，\
        已于2024年6月28日报告监管部门，并对《人员管理制度》作出修订：今后每季度核对一次社保缴纳单位、\
        工作见证与执业注册信息。";
    let a = one_row(remark);
    let pages = pdf_pages(&render_pdf_bytes(&a).unwrap());
    let text: String = pages.iter().map(Page::joined).collect();
    assert!(text.contains(remark));
    let remark_lines: Vec<&String> = pages[0]
        .lines
        .iter()
        .filter(|l| remark.contains(l.as_str()) && l.chars().count() > 3)
        .collect();
    assert!(remark_lines.len() >= 4, "{remark_lines:?}");
    for l in remark_lines {
        let first = l.chars().next().unwrap();
        assert!(
            !"，。；：、）》”".contains(first),
            "line starts with {first}: {l}"
        );
    }
}

#[test]
fn a_remark_longer_than_a_page_continues_on_the_next() {
    let remark = "社保由外单位缴纳，已责令整改。".repeat(120);
    let a = one_row(&remark);
    let pages = pdf_pages(&render_pdf_bytes(&a).unwrap());
    assert!(pages.len() >= 2);
    let remark_text: String = pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .filter(|l| !l.is_empty() && remark.contains(l.as_str()))
        .map(String::as_str)
        .collect();
    assert_eq!(remark_text, remark, "no text lost");
    assert_in_order(&pages[1].joined(), &wording::LIST_COLUMNS);
}

#[test]
fn write_pdf_leaves_only_the_finished_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = annex(5, 0);
    let path = dir.path().join(annex1::default_file_name(
        &sample::sample_settings(),
        date(),
        "pdf",
    ));
    annex1::write_pdf(&a, &path).unwrap();
    annex1::write_pdf(&a, &path).unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));

    // A missing folder is created; a "folder" that is a file is refused by name.
    let nested = dir.path().join("新 文件夹").join("a.pdf");
    annex1::write_pdf(&a, &nested).unwrap();
    assert!(nested.is_file());
    let blocked = path.join("a.pdf");
    let err = annex1::write_pdf(&a, &blocked).unwrap_err();
    assert!(matches!(err, zicha::Error::WriteFailed { .. }), "{err}");
    assert!(err.to_string().contains("a.pdf"), "{err}");
}

/// The text of page 1 of a small draft, line by line, against a stored copy:
/// catches a printpdf upgrade that drops, reorders or mis-encodes text.
/// Regenerate with `ZICHA_UPDATE_GOLDEN=1 cargo test --test annex1_pdf`.
#[test]
fn golden_page_one_text() {
    let pages = pdf_pages(&render_pdf_bytes(&annex(8, 2)).unwrap());
    let got = pages[0].lines.join("\n") + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/annex1_golden/page1.txt");
    if std::env::var_os("ZICHA_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("golden file; see the doc comment");
    assert_eq!(got, want);
}
