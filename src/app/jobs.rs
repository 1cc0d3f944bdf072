//! Long work (import, export, Annex 1) off the UI thread, with progress, so
//! the window never freezes. A job opens its own connection to the database
//! file; an in-memory store (tests) runs the job inline. Jobs are polled in
//! one place, once per frame ([`poll`]), so a result is applied and announced
//! whatever screen the clerk is on.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::ZichaApp;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::workbook::ImportOutcome;

/// What a finished job hands back to the app.
pub enum Done {
    Previewed(PathBuf, Box<crate::workbook::PreparedImport>),
    Imported(Box<ImportOutcome>),
    /// A file was written: the message and the file.
    Wrote(String, PathBuf),
    /// 定稿报送 recorded a submission and wrote its files: the message and the PDF.
    Submitted(String, PathBuf),
    /// A source file read and planned: the preview, kept to be applied as it is.
    SourcePrepared(Box<crate::sources::Prepared>),
    /// A source file's plan written.
    SourceImported(
        Box<crate::sources::SourceOutcome>,
        crate::sources::SourceKind,
    ),
    /// A needed column of a source file was not recognised: the mapping dialog.
    SourceColumns(Box<super::screens::source_import::Mapping>),
    /// A source import refused (bad cells, file changed since the preview …):
    /// the message, whose lines list the cells.
    SourceFailed(String),
    /// 辖区汇总: files received, a line for each.
    Received(Vec<String>),
    /// 报送记录's 对比: a submission against today's roster, in lines.
    Compared(i64, Vec<String>),
    /// A folder of 备案表 read and matched against the roster generation
    /// given: the preview 确认添加 applies.
    RecordsPlanned(u64, Box<crate::xuexin::BulkPlan>),
    /// The 备案表 of a folder attached: what became of each file, in lines.
    RecordsAttached(Vec<String>),
}

type Work = Box<dyn FnOnce(&mut Store, &mut dyn FnMut(f32)) -> Result<Done> + Send>;

pub struct Job {
    pub title: String,
    progress: Arc<Mutex<f32>>,
    handle: Option<JoinHandle<Result<Done>>>,
    inline: Option<Result<Done>>,
}

impl Job {
    /// Starts `work` on the database at `db` (`None`: on `store`, inline).
    pub fn start(
        title: &str,
        ctx: &egui::Context,
        db: Option<PathBuf>,
        store: &mut Store,
        work: Work,
    ) -> Job {
        let progress = Arc::new(Mutex::new(0.0));
        let Some(db) = db else {
            let result = work(store, &mut |_| {});
            return Job {
                title: title.into(),
                progress,
                handle: None,
                inline: Some(result),
            };
        };
        let shared = progress.clone();
        let ctx = ctx.clone();
        let handle = std::thread::spawn(move || {
            let mut report = |f: f32| {
                if let Ok(mut p) = shared.lock() {
                    *p = f;
                }
                ctx.request_repaint();
            };
            let result = Store::open(&db).and_then(|mut s| work(&mut s, &mut report));
            ctx.request_repaint();
            result
        });
        Job {
            title: title.into(),
            progress,
            handle: Some(handle),
            inline: None,
        }
    }

    pub fn progress(&self) -> f32 {
        self.progress.lock().map(|p| *p).unwrap_or(0.0)
    }

    /// The result once the job has finished.
    pub fn try_finish(&mut self) -> Option<Result<Done>> {
        if let Some(r) = self.inline.take() {
            return Some(r);
        }
        if self.handle.as_ref().is_some_and(|h| h.is_finished()) {
            let h = self.handle.take()?;
            return Some(
                h.join()
                    .unwrap_or_else(|_| Err(Error::Other("后台任务意外中止，数据未改变".into()))),
            );
        }
        None
    }
}

/// Starts a job on the app's database. One job runs at a time: the buttons
/// that start one are disabled while [`busy`].
pub fn start(
    app: &mut ZichaApp,
    ctx: &egui::Context,
    title: &str,
    work: impl FnOnce(&mut Store, &mut dyn FnMut(f32)) -> Result<Done> + Send + 'static,
) {
    let db = app.data.store.path().map(std::path::Path::to_path_buf);
    app.toasts.clear_errors();
    app.io.job = Some(Job::start(
        title,
        ctx,
        db,
        &mut app.data.store,
        Box::new(work),
    ));
}

/// Whether a job is running.
pub fn busy(app: &ZichaApp) -> bool {
    app.io.job.is_some()
}

/// A file write waiting for the clerk to confirm replacing an existing file.
pub struct PendingWrite {
    pub path: PathBuf,
    title: String,
    work: Work,
}

/// Writes a file as a job. A path typed by hand over an existing file asks
/// first (替换 / 取消); a path chosen in the native 另存为… dialog, which
/// already asked, does not ask again. `write` returns the message announced.
pub fn write_file(
    app: &mut ZichaApp,
    ctx: &egui::Context,
    title: &str,
    path: PathBuf,
    chosen_in_dialog: bool,
    write: impl FnOnce(&mut Store, &std::path::Path) -> Result<String> + Send + 'static,
) {
    write_file_as(
        app,
        ctx,
        title,
        path,
        chosen_in_dialog,
        move |store, target| {
            write(store, target).map(|message| Done::Wrote(message, target.to_path_buf()))
        },
    );
}

/// [`write_file`] for work that says itself what it did (a final Annex 1
/// saved is also a submission: [`Done::Submitted`]).
pub fn write_file_as(
    app: &mut ZichaApp,
    ctx: &egui::Context,
    title: &str,
    path: PathBuf,
    chosen_in_dialog: bool,
    write: impl FnOnce(&mut Store, &std::path::Path) -> Result<Done> + Send + 'static,
) {
    let target = path.clone();
    let work: Work = Box::new(move |store, _| write(store, &target));
    let pending = PendingWrite {
        path,
        title: title.into(),
        work,
    };
    if !chosen_in_dialog && pending.path.is_file() {
        app.io.confirm_replace = Some(pending);
    } else {
        start_pending(app, ctx, pending);
    }
}

fn start_pending(app: &mut ZichaApp, ctx: &egui::Context, p: PendingWrite) {
    start(app, ctx, &p.title, p.work);
}

/// The 替换 / 取消 question for a typed path over an existing file.
pub fn replace_dialog(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some(path) = app.io.confirm_replace.as_ref().map(|p| p.path.clone()) else {
        return;
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("confirm_replace")).show(ctx, |ui| {
        ui.heading("文件已存在");
        ui.label(format!("{} 已存在。要用新文件替换它吗？", path.display()));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("替换").clicked() {
                answer = Some(true);
            }
            if ui.button("取消").clicked() {
                answer = Some(false);
            }
        });
    });
    if let Some(replace) = answer
        && let Some(p) = app.io.confirm_replace.take()
        && replace
    {
        start_pending(app, ctx, p);
    }
}

/// Collects a finished job's result and announces it, whatever screen the
/// clerk is on. Called once per frame, from [`ZichaApp::show`] only.
pub fn poll(app: &mut ZichaApp) {
    app.toasts.on_screen(app.screen);
    let Some(result) = app.io.job.as_mut().and_then(|j| j.try_finish()) else {
        return;
    };
    app.io.job = None;
    match result {
        Ok(Done::Previewed(path, preview)) => {
            app.io.outcome = None;
            app.io.preview = Some((path, preview));
            if app.screen != super::Screen::Io {
                app.toasts
                    .info("工作簿已读完，请到“导入 / 导出 / 打印”页查看预览并确认导入");
            }
        }
        Ok(Done::Imported(outcome)) => {
            app.io.preview = None;
            let (toast, lines) = import_announcement(&outcome);
            announce_written(app, toast, lines);
        }
        Ok(Done::SourcePrepared(p)) => {
            app.io.outcome = None;
            app.io.source.prepared = Some(std::sync::Arc::from(p));
            if app.screen != super::Screen::Io {
                app.toasts
                    .info("文件已读完，请到“导入 / 导出 / 打印”页查看预览并确认导入");
            }
        }
        Ok(Done::SourceImported(outcome, kind)) => {
            app.io.source.prepared = None;
            let lines = super::screens::source_import::outcome_lines(&outcome, kind);
            let toast = format!("导入完成。{}", lines.first().cloned().unwrap_or_default());
            announce_written(app, toast, lines);
        }
        Ok(Done::SourceColumns(mapping)) => {
            app.io.outcome = None;
            app.io.source.prepared = None;
            app.io.source.mapping = Some(mapping);
        }
        Ok(Done::SourceFailed(text)) => {
            app.io.source.prepared = None;
            app.toasts.error(first_line(app, &text));
            app.io.outcome = Some(Outcome {
                error: true,
                lines: text.lines().map(str::to_string).collect(),
            });
        }
        Ok(Done::Received(lines)) => {
            app.regulator.receive.paths.clear();
            announce_written(app, format!("接收完成：{} 份文件", lines.len()), lines);
        }
        Ok(Done::RecordsPlanned(generation, plan)) => {
            app.io.records.plan = Some((generation, plan));
        }
        Ok(Done::RecordsAttached(lines)) => {
            let toast = lines.last().cloned().unwrap_or_default();
            announce_written(app, toast, lines);
        }
        Ok(Done::Compared(id, lines)) => {
            app.submissions.diff = Some((id, app.data.generation, lines));
        }
        Ok(Done::Wrote(message, path)) => {
            app.toasts.info(format!("{message}：{}", path.display()));
            app.io.last_written = Some(path);
        }
        Ok(Done::Submitted(message, pdf)) => {
            app.toasts.info(message);
            app.io.last_written = Some(pdf);
            if let Err(e) = app.data.reload() {
                app.toasts.error(format!("重新读取台账失败：{e}"));
            }
            app.after_reload();
        }
        Err(e) => {
            let text = e.to_string();
            app.toasts.error(first_line(app, &text));
            app.io.outcome = Some(Outcome {
                error: true,
                lines: text.lines().map(str::to_string).collect(),
            });
        }
    }
}

/// After a job that wrote into the database: the toast, the outcome's lines,
/// and the data read again.
fn announce_written(app: &mut ZichaApp, toast: String, lines: Vec<String>) {
    app.toasts.info(toast);
    app.io.outcome = Some(Outcome {
        error: false,
        lines,
    });
    if let Err(e) = app.data.reload() {
        let what = match app.data.workspace {
            crate::store::Workspace::Annex2 => "数据",
            _ => "台账",
        };
        app.toasts.error(format!("重新读取{what}失败：{e}"));
    }
    app.after_reload();
}

/// The last job's outcome, shown on the 导入 screen until the next job.
pub struct Outcome {
    pub error: bool,
    pub lines: Vec<String>,
}

fn first_line(app: &ZichaApp, text: &str) -> String {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default().to_string();
    // The screen that shows a job's outcome in full.
    let full = match app.data.workspace {
        crate::store::Workspace::Roster => super::Screen::Io,
        crate::store::Workspace::Annex2 => super::Screen::Receive,
    };
    if lines.next().is_some() {
        format!("{first}（详见“{}”页）", full.label())
    } else {
        first
    }
}

/// The rows skipped with 只导入正确的行: how many, and where they were written.
pub fn skipped_line(outcome: &ImportOutcome) -> Option<String> {
    let rows: std::collections::BTreeSet<(&str, Option<u32>)> = outcome
        .rejected
        .iter()
        .map(|e| (e.sheet.as_str(), e.row))
        .collect();
    if rows.is_empty() {
        return None;
    }
    Some(match &outcome.rejects_file {
        Some(f) => format!(
            "有错误的 {} 行未导入（跳过 {} 行），已另存为 {}（“错误说明”列写明原因），改正后可再导入",
            rows.len(),
            rows.len(),
            f.display()
        ),
        None => format!("有错误的 {} 行未导入（跳过 {} 行）", rows.len(), rows.len()),
    })
}

/// One toast and the lines for the 导入 screen.
fn import_announcement(outcome: &ImportOutcome) -> (String, Vec<String>) {
    let mut lines = outcome.summary_lines();
    let mut toast = format!("导入完成。{}", lines.first().cloned().unwrap_or_default());
    if let Some(skipped) = skipped_line(outcome) {
        toast.push_str(&format!("。{skipped}"));
        lines.push(skipped);
    }
    if let Some(b) = &outcome.backup {
        lines.push(format!("导入前的数据已备份到 {}", b.display()));
    }
    (toast, lines)
}
