//! 导入 / 导出 / 打印: import a roster workbook with a preview of what will
//! change and the full error list before anything is written; the template;
//! the export; Annex 1.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::super::ZichaApp;
use super::super::jobs::{self, Done, Job, Outcome, PendingWrite, busy, start};
use super::super::widgets::{field_error, folder_row, job_status, path_row, save_row};
use crate::workbook::{self, ImportOptions};

#[derive(Default)]
pub struct IoState {
    pub request_template: bool,
    pub request_import: bool,
    pub import_path: String,
    pub replace: bool,
    pub skip_invalid: bool,
    /// The read and planned workbook: its preview, and the plan 确认导入 writes.
    pub preview: Option<(PathBuf, Box<workbook::PreparedImport>)>,
    pub template_path: String,
    pub export_path: String,
    pub job: Option<Job>,
    pub last_written: Option<PathBuf>,
    /// The last import's (or failed job's) outcome, shown until the next job.
    pub outcome: Option<Outcome>,
    /// A typed path over an existing file, waiting for 替换 / 取消.
    pub confirm_replace: Option<PendingWrite>,
    /// What the file to import is, and the source import's preview.
    pub source: super::source_import::SourceState,
    /// Where 导出报告署名疑点 writes (汇总).
    pub findings_path: String,
    /// 一批学历备案表: the folder and its preview.
    pub records: super::records_bulk::RecordsState,
    /// Where 导出核查档案 writes.
    pub archive_path: String,
}

/// The options of the import as ticked; with 只导入正确的行 the rows with
/// errors go to a workbook beside the one imported.
fn options(app: &ZichaApp, path: &std::path::Path) -> ImportOptions {
    ImportOptions {
        replace: app.io.replace,
        skip_invalid: app.io.skip_invalid,
        rejects_path: app
            .io
            .skip_invalid
            .then(|| workbook::default_rejects_path(path)),
    }
}

/// Starts reading `path` for the preview (what 预览变化 does).
pub fn start_preview(app: &mut ZichaApp, ctx: &egui::Context, path: PathBuf) {
    let options = options(app, &path);
    start(app, ctx, "正在读取工作簿", move |store, _| {
        workbook::prepare_import(store, &path, &options).map(|p| Done::Previewed(path, Box::new(p)))
    });
}

/// Starts writing the plan the preview showed (what 确认导入 does): not a
/// second reading of the file; refused when the file or the roster changed.
pub fn start_import(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some((_, prepared)) = app.io.preview.take() else {
        return;
    };
    app.io.outcome = None;
    start(app, ctx, "正在导入", move |store, progress| {
        workbook::import_prepared(store, &prepared, progress).map(|o| Done::Imported(Box::new(o)))
    });
}

/// The last outcome, in green or red, where the clerk imports.
fn outcome_section(app: &ZichaApp, ui: &mut Ui) {
    let Some(o) = &app.io.outcome else {
        return;
    };
    let color = if o.error {
        super::super::widgets::verdict_color(crate::domain::Verdict::No)
    } else {
        super::super::widgets::verdict_color(crate::domain::Verdict::Yes)
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(if o.error {
                "上次操作未完成"
            } else {
                "导入完成"
            });
            egui::ScrollArea::vertical()
                .id_salt("outcome")
                .max_height(160.0)
                .show(ui, |ui| {
                    for line in &o.lines {
                        let red = line.starts_with(crate::xuexin::MISMATCH_LINE);
                        let c = if red {
                            super::super::widgets::ERROR_RED
                        } else {
                            color
                        };
                        ui.label(RichText::new(line).color(c));
                    }
                });
        });
}

fn import_section(app: &mut ZichaApp, ui: &mut Ui) {
    use super::source_import::ImportKind;
    ui.heading("导入台账");
    ui.horizontal_wrapped(|ui| {
        ui.label("要导入的文件是：");
        for k in ImportKind::ALL {
            if ui
                .radio_value(&mut app.io.source.kind, k, k.label())
                .changed()
            {
                app.io.preview = None;
                app.io.source.reset();
            }
        }
    });
    let kind = app.io.source.kind;
    ui.label(
        RichText::new(match kind {
            ImportKind::Roster => "读取按模板填写的 Excel 工作簿（.xlsx、.xls、.ods）。先预览变化，确认后才写入；有错误时不写入任何数据。",
            ImportKind::SocialInsurance => "读取社保系统导出的单位参保缴费明细，或某人的参保缴费证明（.xlsx、.xls、.csv、文本），原样读取，不用改表头。只计基本养老保险；台账中没有的人员不导入。先预览，确认后才写入。",
            ImportKind::Ledger => "读取本单位的检验报告台账（.xlsx、.xls、.csv、文本）。署名的人员得到工作见证；不在台账中的署名人员列为疑点，见“汇总”页。先预览，确认后才写入。",
            ImportKind::Records => "读取一个文件夹中的学信网备案表 PDF（不含子文件夹），按姓名和身份证号中的出生日期找到本人，作为“学历备案表”附件添加，并与台账已填的学历比对。先预览，确认后才添加。",
        })
        .weak(),
    );
    if kind == ImportKind::Records {
        super::records_bulk::show(app, ui);
        return;
    }
    let before = app.io.import_path.clone();
    let filters: &[&str] = match kind {
        ImportKind::Roster => &["xlsx", "xlsm", "xls", "ods"],
        _ => &["xlsx", "xlsm", "xls", "ods", "csv", "txt", "htm", "html"],
    };
    let label = if kind == ImportKind::Roster {
        "工作簿"
    } else {
        "文件"
    };
    path_row(ui, label, &mut app.io.import_path, None, filters);
    if app.io.import_path != before {
        app.io.preview = None;
        app.io.source.reset();
    }
    if kind != ImportKind::Roster {
        let path = PathBuf::from(app.io.import_path.trim());
        super::source_import::show(app, ui, path);
        return;
    }
    ui.horizontal(|ui| {
        let r1 = ui.checkbox(&mut app.io.replace, "替换整个台账（先自动备份当前数据）");
        let r2 = ui.checkbox(
            &mut app.io.skip_invalid,
            "只导入正确的行，错误行另存为工作簿",
        );
        if r1.changed() || r2.changed() {
            app.io.preview = None;
        }
    });
    let path = PathBuf::from(app.io.import_path.trim());
    let ready = !app.io.import_path.trim().is_empty() && !busy(app);
    if ui
        .add_enabled(ready, egui::Button::new("预览变化"))
        .clicked()
    {
        let ctx = ui.ctx().clone();
        start_preview(app, &ctx, path);
    }
    let Some((path, prepared)) = &app.io.preview else {
        return;
    };
    let preview = &prepared.preview;
    let (path, errors) = (path.clone(), preview.errors.len());
    ui.add_space(6.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.strong("预览：确认后将做如下修改");
        for line in preview.outcome.summary_lines() {
            ui.label(line);
        }
        if !preview.changes.is_empty() {
            egui::CollapsingHeader::new(format!("逐人变化（{} 人）", preview.changes.len())).show(
                ui,
                |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(220.0)
                        .show(ui, |ui| {
                            for c in &preview.changes {
                                let fields: Vec<String> = c
                                    .fields
                                    .iter()
                                    .map(|(h, o, n)| {
                                        format!(
                                            "{h}：{} → {}",
                                            if o.is_empty() { "（空）" } else { o },
                                            n
                                        )
                                    })
                                    .collect();
                                ui.label(format!(
                                    "{} {}　{}",
                                    c.action,
                                    c.person,
                                    fields.join("；")
                                ));
                            }
                        });
                },
            );
        }
        if errors > 0 {
            field_error(ui, &format!("发现 {errors} 处错误："));
            egui::ScrollArea::vertical()
                .id_salt("errors")
                .max_height(220.0)
                .show(ui, |ui| {
                    for e in &preview.errors {
                        field_error(ui, &e.to_string());
                    }
                });
        }
    });
    if errors > 0
        && app.io.skip_invalid
        && let Some(rejects) = options(app, &path).rejects_path
    {
        ui.label(format!(
            "确认导入时，有错误的行不导入，另存为 {}（“错误说明”列写明原因）。",
            rejects.display()
        ));
    }
    let can_import = errors == 0 || app.io.skip_invalid;
    if errors > 0 && !app.io.skip_invalid {
        ui.label("请在 Excel 中改正以上错误后重新预览，或勾选“只导入正确的行”。");
    }
    if ui
        .add_enabled(can_import && !busy(app), egui::Button::new("确认导入"))
        .clicked()
    {
        let ctx = ui.ctx().clone();
        start_import(app, &ctx);
    }
}

fn file_section(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("下载模板");
    save_row(
        app,
        ui,
        |app| &mut app.io.template_path,
        ("保存到", "自查台账导入模板.xlsx", "保存模板"),
        |_, path| workbook::write_template(path).map(|_| "已保存模板".into()),
    );
    ui.add_space(12.0);
    ui.heading("导出台账");
    let name = format!("自查台账_{}.xlsx", app.data.today);
    save_row(
        app,
        ui,
        |app| &mut app.io.export_path,
        ("保存到", &name, "导出"),
        |store, path| workbook::export(store, path).map(|s| format!("已导出 {} 人", s.persons)),
    );
    ui.add_space(12.0);
    archive_section(app, ui);
}

/// 导出核查档案: a folder per person with the attachments and a page of the
/// verdicts, for the inspector who comes to check.
fn archive_section(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("导出核查档案");
    ui.label(
        RichText::new("每人一个“序号_姓名”文件夹，内有其附件和一页核查情况 PDF（结论、理由、提示），供监督检查时查阅。请选一个新的或空的文件夹。")
            .weak(),
    );
    if app.io.archive_path.is_empty() && !super::super::widgets::editing(ui) {
        app.io.archive_path = super::super::widgets::default_dir()
            .join(format!("核查档案_{}", app.data.today))
            .display()
            .to_string();
    }
    folder_row(ui, "导出到文件夹", &mut app.io.archive_path);
    let folder = app.io.archive_path.trim().to_string();
    let idle = !busy(app);
    if ui
        .add_enabled(
            idle && !folder.is_empty(),
            egui::Button::new("导出核查档案"),
        )
        .on_disabled_hover_text(if idle {
            "请先填写要导出到的文件夹"
        } else {
            "请等后台任务完成"
        })
        .clicked()
    {
        let (dir, today) = (PathBuf::from(folder), app.data.today);
        let ctx = ui.ctx().clone();
        start(app, &ctx, "正在导出核查档案", move |store, _| {
            let done = crate::archive::export(store, &dir, today)?;
            let mut message = format!(
                "已导出核查档案：{} 人，附件 {} 个",
                done.persons, done.files
            );
            if let Some(first) = done.problems.first() {
                // A toast names the first (the checks at open name every missing or altered file).
                message.push_str(&format!(
                    "；{} 个附件未能导出（{first}{}）",
                    done.problems.len(),
                    if done.problems.len() > 1 { " 等" } else { "" }
                ));
            }
            Ok(Done::Wrote(message, dir))
        });
    }
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    job_status(app, ui);
    if std::mem::take(&mut app.io.request_import) {
        app.toasts.info("请选择要导入的工作簿，然后点“预览变化”");
    }
    if std::mem::take(&mut app.io.request_template) {
        app.toasts.info("请确认模板的保存位置，然后点“保存模板”");
    }
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            import_section(app, ui);
            outcome_section(app, ui);
            ui.add_space(16.0);
            ui.separator();
            file_section(app, ui);
            ui.add_space(16.0);
            ui.separator();
            super::print::show(app, ui);
        });
    jobs::replace_dialog(app, ui.ctx());
}
