//! 打印附件1: the form as it will print (drawn from the same Annex 1 model as
//! the PDF), the 填报日期, saving PDF and XLSX, opening the PDF and its folder.
//! A draft form says so before it is saved.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::super::ZichaApp;
use super::super::jobs;
use super::super::widgets::{
    default_dir, editing, field_error, open_saved_buttons, path_row, verdict_color,
};
use crate::annex1::{self, Annex1, submission, wording};
use crate::domain::Verdict;
use crate::domain::parse::parse_date;

#[derive(Default)]
pub struct PrintState {
    pub fill_date: String,
    pub pdf_path: String,
    pub xlsx_path: String,
    /// The default paths last put in the fields: a field still holding its
    /// default follows the settings (单位名称) and the 填报日期.
    auto_paths: [String; 2],
    /// The clerk asked to save a draft and must confirm (and whether the path
    /// was chosen in the 另存为… dialog).
    pub confirm_draft: Option<(Kind, bool)>,
    /// The clerk asked for 定稿报送 and must confirm.
    pub confirm_submit: bool,
    /// The form and its missing glyphs, kept until the data or the date change
    /// (rebuilding them every frame would scan every row's text each time).
    cache: Option<CachedForm>,
}

/// The form built for one data generation and 填报日期, with its missing glyphs.
struct CachedForm {
    generation: u64,
    fill_date: NaiveDate,
    annex: Arc<Annex1>,
    missing: Arc<Vec<char>>,
}

impl PrintState {
    fn form(
        &mut self,
        data: &super::super::data::Data,
        fill_date: NaiveDate,
    ) -> (Arc<Annex1>, Arc<Vec<char>>) {
        let fresh = self
            .cache
            .as_ref()
            .is_some_and(|c| c.generation == data.generation && c.fill_date == fill_date);
        if !fresh {
            let annex = Annex1::new(&data.roster.settings, &data.report, fill_date);
            let missing = annex1::missing_glyphs(&annex).unwrap_or_default();
            self.cache = Some(CachedForm {
                generation: data.generation,
                fill_date,
                annex: Arc::new(annex),
                missing: Arc::new(missing),
            });
        }
        match &self.cache {
            Some(c) => (c.annex.clone(), c.missing.clone()),
            None => (
                Arc::new(Annex1::new(&data.roster.settings, &data.report, fill_date)),
                Arc::default(),
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Xlsx,
}

/// Saves the form; a typed path over an existing file asks first. A final
/// form is recorded as a submission as it is written (as `zicha annex1`
/// does: `submission::write_form`), so every final form saved keeps its
/// proof; a draft records nothing.
fn save(app: &mut ZichaApp, ctx: &egui::Context, annex: Arc<Annex1>, (kind, chosen): (Kind, bool)) {
    let (text, what) = match kind {
        Kind::Pdf => (app.print.pdf_path.trim().to_string(), "PDF"),
        Kind::Xlsx => (app.print.xlsx_path.trim().to_string(), "XLSX"),
    };
    let (fill_date, today) = (annex.fill_date, app.data.today);
    jobs::write_file_as(
        app,
        ctx,
        &format!("正在生成附件1 {what}"),
        PathBuf::from(text),
        chosen,
        move |store, path| {
            let prepared = submission::prepare(store, fill_date, today)?;
            let target = Some(path.to_path_buf());
            let targets = match kind {
                Kind::Pdf => submission::Targets {
                    pdf: target,
                    xlsx: None,
                },
                Kind::Xlsx => submission::Targets {
                    pdf: None,
                    xlsx: target,
                },
            };
            let done = match submission::write_form(store, &prepared, &targets)? {
                Some(id) => jobs::Done::Submitted(
                    format!(
                        "已保存附件1 {what}：{}。本次正式表已记入报送记录（{}）",
                        path.display(),
                        crate::store::submissions::record_name(id)
                    ),
                    path.to_path_buf(),
                ),
                None => jobs::Done::Wrote(format!("已保存附件1 {what}"), path.to_path_buf()),
            };
            Ok(done)
        },
    );
}

/// A form's 保存到 rows, PDF then XLSX: the file a 另存为… dialog chose, to save
/// right away (the dialog has already asked about replacing).
pub(super) fn path_rows(
    ui: &mut Ui,
    (pdf, xlsx): (&mut String, &mut String),
    (pdf_name, xlsx_name): (&str, &str),
    busy: bool,
) -> Option<(Kind, bool)> {
    let mut asked = None;
    if path_row(ui, "PDF 保存到", pdf, Some(pdf_name), &["pdf"]) && !busy {
        asked = Some((Kind::Pdf, true));
    }
    if path_row(ui, "XLSX 保存到", xlsx, Some(xlsx_name), &["xlsx"]) && !busy {
        asked = Some((Kind::Xlsx, true));
    }
    asked
}

/// 保存 PDF and 保存 XLSX, in the row the caller opened.
pub(super) fn save_buttons(ui: &mut Ui, busy: bool) -> Option<(Kind, bool)> {
    let mut asked = None;
    for (kind, label) in [(Kind::Pdf, "保存 PDF"), (Kind::Xlsx, "保存 XLSX")] {
        if ui.add_enabled(!busy, egui::Button::new(label)).clicked() {
            asked = Some((kind, false));
        }
    }
    asked
}

/// 本表为草稿: asks before a draft `form` (附件1, 附件2) is saved; `why` says
/// what makes it one.
pub(super) fn draft_question(ctx: &egui::Context, form: &str, why: &str) -> Option<bool> {
    super::super::modal::ask(ctx, &format!("draft_{form}"), 520.0, |ui| {
        ui.heading("本表为草稿");
        ui.label(format!(
            "{why}，生成的{form}每页都带“草稿”字样，不得报送。仍要保存吗？"
        ));
        super::super::modal::answer_buttons(ui, "仍然保存草稿", true)
    })
}

/// Puts the default path in a field that is empty or still holds the
/// previous default; a path the clerk typed or chose stays.
pub(super) fn follow_default(ui: &Ui, field: &mut String, auto: &mut String, name: &str) {
    let default = default_dir().join(name).display().to_string();
    if (field.is_empty() && !editing(ui)) || field == auto {
        field.clone_from(&default);
    }
    *auto = default;
}

fn preview(ui: &mut Ui, annex: &Annex1) {
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(wording::TITLE).strong().size(18.0));
    });
    ui.label(format!("{}{}", wording::AGENCY, annex.agency_name));
    ui.label(format!("{}________________", wording::HEAD));
    ui.strong(wording::PART1);
    egui::Grid::new("annex_summary")
        .striped(true)
        .show(ui, |ui| {
            for item in &annex.summary {
                ui.label(item.label);
                ui.label(&item.value);
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.strong(wording::PART2);
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .max_scroll_height(360.0)
        .column(Column::exact(40.0))
        .column(Column::exact(70.0))
        .columns(Column::exact(90.0), 3)
        .column(Column::remainder().clip(true))
        // The form's own column titles, wrapped (up to three lines in the
        // narrow verdict columns), never cut short.
        .header(64.0, |mut h| {
            for c in wording::LIST_COLUMNS {
                h.col(|ui| {
                    ui.add(egui::Label::new(RichText::new(c).strong()).wrap());
                });
            }
        })
        .body(|body| {
            body.rows(22.0, annex.rows.len(), |mut row| {
                let r = &annex.rows[row.index()];
                for (i, cell) in r.cells().iter().enumerate() {
                    row.col(|ui| {
                        let pending = (2..=4).contains(&i) && cell == Verdict::Pending.label();
                        let text = RichText::new(cell);
                        ui.label(if pending {
                            text.color(verdict_color(Verdict::Pending))
                        } else {
                            text
                        })
                        .on_hover_text(cell);
                    });
                }
            });
        });
    ui.label(format!(
        "{}{}　{}{}　{}{}",
        wording::FILLER,
        annex.filler,
        wording::PHONE,
        annex.phone,
        wording::FILL_DATE,
        annex.fill_date_text()
    ));
    ui.label(format!("{}{}", wording::NOTES_HEADING, wording::NOTES));
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("打印附件1");
    if app.print.fill_date.is_empty() {
        app.print.fill_date = app.data.today.to_string();
    }
    ui.horizontal(|ui| {
        let l = ui.label("填报日期");
        ui.add(egui::TextEdit::singleline(&mut app.print.fill_date).desired_width(120.0))
            .labelled_by(l.id);
    });
    let fill_date = match parse_date(&app.print.fill_date) {
        Ok(Some(d)) => d,
        Ok(None) => app.data.today,
        Err(m) => {
            field_error(ui, &m);
            return;
        }
    };
    let (annex, missing) = app.print.form(&app.data, fill_date);
    if !missing.is_empty() {
        let chars: String = missing.iter().collect();
        field_error(
            ui,
            &format!("字库中没有这些字符，打印后请手工补写：{chars}"),
        );
    }
    // One wording for the screen, the PDF and the XLSX (annex1::FormStatus).
    let color = if annex.is_draft() {
        verdict_color(Verdict::Pending)
    } else {
        verdict_color(Verdict::Yes)
    };
    ui.label(RichText::new(annex.status.line()).color(color).strong());
    let settings = &app.data.roster.settings;
    let pdf_name = annex1::default_file_name(settings, fill_date, "pdf");
    let xlsx_name = annex1::default_file_name(settings, fill_date, "xlsx");
    let state = &mut app.print;
    follow_default(ui, &mut state.pdf_path, &mut state.auto_paths[0], &pdf_name);
    follow_default(
        ui,
        &mut state.xlsx_path,
        &mut state.auto_paths[1],
        &xlsx_name,
    );
    let busy = jobs::busy(app);
    let state = &mut app.print;
    let mut asked = path_rows(
        ui,
        (&mut state.pdf_path, &mut state.xlsx_path),
        (&pdf_name, &xlsx_name),
        busy,
    );
    ui.horizontal(|ui| {
        asked = save_buttons(ui, busy).or(asked);
        if ui
            .add_enabled(!busy, egui::Button::new("定稿报送…"))
            .on_hover_text("同时保存 PDF 和 XLSX，并记入报送记录，日后可原样重新打印")
            .clicked()
        {
            match submission::refuse_draft(&annex) {
                Ok(()) => app.print.confirm_submit = true,
                Err(e) => app.toasts.error(e.to_string()),
            }
        }
        let written = app.io.last_written.clone();
        if let Some(path) = written {
            open_saved_buttons(ui, &mut app.toasts, &path);
        }
    });
    if let Some(kind) = asked {
        if annex.is_draft() {
            app.print.confirm_draft = Some(kind);
        } else {
            save(app, ui.ctx(), annex.clone(), kind);
        }
    }
    if let Some(kind) = app.print.confirm_draft {
        let why = annex.status.reasons().join("，");
        match draft_question(ui.ctx(), "附件1", &why) {
            Some(true) => {
                app.print.confirm_draft = None;
                save(app, ui.ctx(), annex.clone(), kind);
            }
            Some(false) => app.print.confirm_draft = None,
            None => {}
        }
    }
    if app.print.confirm_submit {
        submit_dialog(app, ui.ctx(), fill_date);
    }
    ui.add_space(8.0);
    egui::Frame::group(ui.style()).show(ui, |ui| preview(ui, &annex));
}

/// 定稿报送 asks first, naming both files; confirmed, a job writes them and
/// records the submission (on its own connection, from the data as stored).
fn submit_dialog(app: &mut ZichaApp, ctx: &egui::Context, fill_date: NaiveDate) {
    let pdf = PathBuf::from(app.print.pdf_path.trim());
    let xlsx = PathBuf::from(app.print.xlsx_path.trim());
    let number = app.data.submissions.last().map_or(1, |s| s.id + 1);
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("confirm_submit")).show(ctx, |ui| {
        ui.heading("定稿报送");
        ui.label(format!(
            "将同时保存正式的附件1 PDF 和 XLSX，并记为第{number}次报送：报送的内容和文件原样保存，日后可重新打印、与台账对比。"
        ));
        ui.label(format!("PDF：{}", pdf.display()));
        ui.label(format!("XLSX：{}", xlsx.display()));
        ui.label(RichText::new("同名文件将被替换。签字盖章后请扫描，到“报送记录”添加扫描件。").weak());
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("确定报送").clicked() {
                answer = Some(true);
            }
            if ui.button("取消").clicked() {
                answer = Some(false);
            }
        });
    });
    let Some(go) = answer else {
        return;
    };
    app.print.confirm_submit = false;
    if !go {
        return;
    }
    let today = app.data.today;
    let targets = submission::Targets {
        pdf: Some(pdf.clone()),
        xlsx: Some(xlsx),
    };
    jobs::start(app, ctx, "正在定稿报送", move |store, _| {
        let prepared = submission::prepare(store, fill_date, today)?;
        let done = submission::submit(store, &prepared, &targets)?;
        Ok(jobs::Done::Submitted(
            format!(
                "已定稿报送，记为{}。签字盖章后请到“报送记录”添加扫描件",
                crate::store::submissions::record_name(done.id)
            ),
            pdf,
        ))
    });
}
