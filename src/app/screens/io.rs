//! 导入 / 导出 / 打印: import a roster workbook with a preview of what will
//! change and the full error list before anything is written; the template;
//! the export; Annex 1.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::super::ZichaApp;
use super::super::jobs::{Done, Job};
use super::super::widgets::field_error;
use crate::workbook::{self, ImportOptions, ImportPreview};

#[derive(Default)]
pub struct IoState {
    pub request_template: bool,
    pub request_import: bool,
    pub import_path: String,
    pub replace: bool,
    pub skip_invalid: bool,
    pub preview: Option<(PathBuf, Box<ImportPreview>)>,
    pub template_path: String,
    pub export_path: String,
    pub job: Option<Job>,
    pub last_written: Option<PathBuf>,
}

/// Where new files go by default: the Documents folder, else home.
pub fn default_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A path field with a native dialog button; the field stays usable where no
/// dialog is available (Linux without a desktop portal).
pub fn path_row(ui: &mut Ui, label: &str, path: &mut String, save: Option<&str>, filters: &[&str]) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(path)
                .desired_width(460.0)
                .hint_text("文件路径"),
        )
        .labelled_by(l.id);
        let button = if save.is_some() {
            "另存为…"
        } else {
            "选择文件…"
        };
        if ui.button(button).clicked() {
            let mut dialog = rfd::FileDialog::new()
                .add_filter("文件", filters)
                .set_directory(default_dir());
            let picked = match save {
                Some(name) => dialog.set_file_name(name).save_file(),
                None => {
                    dialog = dialog.add_filter("所有文件", &["*"]);
                    dialog.pick_file()
                }
            };
            if let Some(p) = picked {
                *path = p.display().to_string();
            }
        }
    });
}

fn busy(app: &ZichaApp) -> bool {
    app.io.job.is_some()
}

/// Starts a job on the app's database.
pub fn start(
    app: &mut ZichaApp,
    ctx: &egui::Context,
    title: &str,
    work: impl FnOnce(&mut crate::store::Store, &mut dyn FnMut(f32)) -> crate::Result<Done>
    + Send
    + 'static,
) {
    let db = app.data.store.path().map(Path::to_path_buf);
    app.io.job = Some(Job::start(
        title,
        ctx,
        db,
        &mut app.data.store,
        Box::new(work),
    ));
}

/// Collects a finished job's result.
pub fn poll(app: &mut ZichaApp) {
    let Some(result) = app.io.job.as_mut().and_then(|j| j.try_finish()) else {
        return;
    };
    app.io.job = None;
    match result {
        Ok(Done::Previewed(path, preview)) => app.io.preview = Some((path, preview)),
        Ok(Done::Imported(outcome)) => {
            app.io.preview = None;
            for line in outcome.summary_lines() {
                app.toasts.info(line);
            }
            if let Err(e) = app.data.reload() {
                app.toasts.error(format!("重新读取台账失败：{e}"));
            }
            app.after_reload();
        }
        Ok(Done::Wrote(message, path)) => {
            app.toasts.info(format!("{message}：{}", path.display()));
            app.io.last_written = Some(path);
        }
        Err(e) => app.toasts.error(e.to_string()),
    }
}

fn import_section(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("导入台账");
    ui.label(RichText::new("读取按模板填写的 Excel 工作簿（.xlsx、.xls、.ods）。先预览变化，确认后才写入；有错误时不写入任何数据。").weak());
    let before = app.io.import_path.clone();
    path_row(
        ui,
        "工作簿",
        &mut app.io.import_path,
        None,
        &["xlsx", "xlsm", "xls", "ods"],
    );
    if app.io.import_path != before {
        app.io.preview = None;
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
        let options = ImportOptions {
            replace: app.io.replace,
            skip_invalid: app.io.skip_invalid,
            rejects_path: None,
        };
        let ctx = ui.ctx().clone();
        start(app, &ctx, "正在读取工作簿", move |store, _| {
            workbook::preview(store, &path, &options).map(|p| Done::Previewed(path, Box::new(p)))
        });
    }
    let Some((path, preview)) = &app.io.preview else {
        return;
    };
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
    let can_import = errors == 0 || app.io.skip_invalid;
    if errors > 0 && !app.io.skip_invalid {
        ui.label("请在 Excel 中改正以上错误后重新预览，或勾选“只导入正确的行”。");
    }
    if ui
        .add_enabled(can_import && !busy(app), egui::Button::new("确认导入"))
        .clicked()
    {
        let options = ImportOptions {
            replace: app.io.replace,
            skip_invalid: app.io.skip_invalid,
            rejects_path: None,
        };
        let ctx = ui.ctx().clone();
        start(app, &ctx, "正在导入", move |store, progress| {
            workbook::import(store, &path, &options, progress).map(|o| Done::Imported(Box::new(o)))
        });
    }
}

/// A "save a file" row: the path field (the Documents folder and
/// `default_name` until the clerk changes it) and a button that runs `write`
/// as a job; `write` returns the message shown when the file is written.
pub fn save_row(
    app: &mut ZichaApp,
    ui: &mut Ui,
    path_of: fn(&mut ZichaApp) -> &mut String,
    (label, default_name, button): (&str, &str, &str),
    write: impl FnOnce(&mut crate::store::Store, &Path) -> crate::Result<String> + Send + 'static,
) {
    let field = path_of(app);
    if field.is_empty() {
        *field = default_dir().join(default_name).display().to_string();
    }
    path_row(ui, label, field, Some(default_name), &["xlsx"]);
    if ui
        .add_enabled(!busy(app), egui::Button::new(button))
        .clicked()
    {
        let path = PathBuf::from(path_of(app).trim());
        let ctx = ui.ctx().clone();
        start(app, &ctx, &format!("正在{button}"), move |store, _| {
            write(store, &path).map(|message| Done::Wrote(message, path))
        });
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
}

/// The running job, if any: a spinner, its title and its progress.
pub fn job_status(app: &ZichaApp, ui: &mut Ui) {
    if let Some(job) = &app.io.job {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(&job.title);
            ui.add(
                egui::ProgressBar::new(job.progress())
                    .desired_width(300.0)
                    .show_percentage(),
            );
        });
        ui.separator();
    }
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    poll(app);
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
            ui.add_space(16.0);
            ui.separator();
            file_section(app, ui);
            ui.add_space(16.0);
            ui.separator();
            super::print::show(app, ui);
        });
}
