//! 打印附件2: the 填报日期, saving the PDF and the XLSX (as background jobs,
//! like Annex 1), and the form as it will print. A draft says why first.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::super::super::widgets::{WEAK_TEXT, field_error, job_status, open_saved_buttons};
use super::super::super::{ZichaApp, jobs};
use super::super::print::{Kind, follow_default, path_rows, save_buttons};
use crate::annex2::wording::{self, ROWS};
use crate::annex2::{self, Annex2};
use crate::domain::parse::parse_date;

#[derive(Default)]
pub struct PrintForm {
    pub fill_date: String,
    pub pdf_path: String,
    pub xlsx_path: String,
    auto_paths: [String; 2],
    /// A draft the clerk asked to save: confirm first (and whether the path
    /// came from the 另存为… dialog).
    confirm_draft: Option<(Kind, bool)>,
}

fn save(
    app: &mut ZichaApp,
    ctx: &egui::Context,
    fill_date: NaiveDate,
    (kind, chosen): (Kind, bool),
) {
    let (text, what) = match kind {
        Kind::Pdf => (app.regulator.print.pdf_path.trim().to_string(), "PDF"),
        Kind::Xlsx => (app.regulator.print.xlsx_path.trim().to_string(), "XLSX"),
    };
    jobs::write_file(
        app,
        ctx,
        &format!("正在生成附件2 {what}"),
        PathBuf::from(text),
        chosen,
        move |store, path| {
            let a = Annex2::from_store(store, fill_date)?;
            match kind {
                Kind::Pdf => annex2::write_pdf(&a, path)?,
                Kind::Xlsx => annex2::write_xlsx(&a, path)?,
            }
            Ok(format!("已保存附件2 {what}"))
        },
    );
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("打印附件2");
    job_status(app, ui);
    let form = &mut app.regulator.print;
    if form.fill_date.is_empty() {
        form.fill_date = app.data.today.to_string();
    }
    ui.horizontal(|ui| {
        let l = ui.label("填报日期");
        ui.add(egui::TextEdit::singleline(&mut form.fill_date).desired_width(120.0))
            .labelled_by(l.id);
    });
    let fill_date = match parse_date(&form.fill_date) {
        Ok(Some(d)) => d,
        Ok(None) => app.data.today,
        Err(m) => {
            field_error(ui, &format!("填报日期：{m}"));
            return;
        }
    };
    let Some(o) = app.data.overview.as_ref() else {
        return;
    };
    let mut annex = o.annex.clone();
    annex.fill_date = fill_date;
    super::status(ui, o);
    let pdf_name = annex2::default_file_name(&annex, "pdf");
    let xlsx_name = annex2::default_file_name(&annex, "xlsx");
    follow_default(ui, &mut form.pdf_path, &mut form.auto_paths[0], &pdf_name);
    follow_default(ui, &mut form.xlsx_path, &mut form.auto_paths[1], &xlsx_name);
    let busy = jobs::busy(app);
    let form = &mut app.regulator.print;
    let mut asked = path_rows(
        ui,
        (&mut form.pdf_path, &mut form.xlsx_path),
        (&pdf_name, &xlsx_name),
        busy,
    );
    ui.horizontal(|ui| {
        asked = save_buttons(ui, busy).or(asked);
        // The buttons open what this page saved, not another page's export.
        let form = &app.regulator.print;
        let ours = |p: &PathBuf| {
            [&form.pdf_path, &form.xlsx_path]
                .iter()
                .any(|f| Path::new(f.trim()) == p.as_path())
        };
        if let Some(path) = app.io.last_written.clone().filter(ours) {
            open_saved_buttons(ui, &mut app.toasts, &path);
        }
    });
    if let Some(kind) = asked {
        if annex.is_draft() {
            app.regulator.print.confirm_draft = Some(kind);
        } else {
            save(app, ui.ctx(), fill_date, kind);
        }
    }
    draft_question(app, ui.ctx(), &annex);
    jobs::replace_dialog(app, ui.ctx());
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| preview(ui, &annex));
        });
}

fn draft_question(app: &mut ZichaApp, ctx: &egui::Context, annex: &Annex2) {
    let Some(kind) = app.regulator.print.confirm_draft else {
        return;
    };
    let why = annex.draft_reasons.join("，");
    match super::super::print::draft_question(ctx, "附件2", &why) {
        Some(true) => {
            app.regulator.print.confirm_draft = None;
            save(app, ctx, annex.fill_date, kind);
        }
        Some(false) => app.regulator.print.confirm_draft = None,
        None => {}
    }
}

/// The form as it prints: header, table (一), list (二), footer.
fn preview(ui: &mut Ui, a: &Annex2) {
    ui.label(wording::ANNEX);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(wording::TITLE).strong().size(17.0));
    });
    ui.label(format!("{}{}", wording::AGENCY, a.regulator));
    ui.strong(wording::PART1);
    let v = |x: Option<i64>| x.map_or("（未填写）".to_string(), |n| n.to_string());
    egui::Grid::new("annex2_preview")
        .striped(true)
        .show(ui, |ui| {
            let mut group = None;
            for (i, r) in ROWS.iter().enumerate() {
                if group != Some(r.group) {
                    group = Some(r.group);
                    ui.strong(r.group.label());
                    ui.end_row();
                }
                ui.label(r.left);
                ui.label(v(a.figures.values[i][0]));
                if let Some(right) = r.right {
                    ui.label(right);
                    ui.label(v(a.figures.values[i][1]));
                }
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    ui.strong(wording::PART2);
    for (i, e) in a.list.iter().enumerate() {
        ui.label(format!(
            "{}. {}　{}：{}　{}：{}",
            i + 1,
            e.name,
            wording::LIST_COLUMNS[2],
            e.problems,
            wording::LIST_COLUMNS[3],
            e.rectification
        ));
    }
    ui.label(format!(
        "{}{}　{}{}　{}{}",
        wording::FILLER,
        a.filler,
        wording::PHONE,
        a.phone,
        wording::FILL_DATE,
        a.fill_date_text()
    ));
    ui.label(RichText::new(wording::NOTES_TEXT).color(WEAK_TEXT));
}
