//! 备份与修改记录: the automatic backups with a restore button each, a backup
//! on demand, restore from any backup file, and the 修改记录 check and export.
//! Every action goes through a Command or a job; this screen only shows.

use std::path::{Path, PathBuf};

use egui::{Color32, RichText, Ui};

use super::super::widgets::{job_status, open_with_system, path_row, save_row};
use super::super::{Command, ZichaApp, jobs};
use crate::store::backup::{self, BackupFile, BackupSummary};
use crate::workbook;

#[derive(Default)]
pub struct BackupState {
    /// The backup folder's files, read when the data changes or after a backup.
    listed: Option<(u64, Vec<BackupFile>)>,
    /// Set when a backup was made or removed: read the folder again.
    pub stale: bool,
    /// A checked file waiting for the clerk's confirmation.
    pub confirm: Option<(PathBuf, BackupSummary)>,
    pub other_path: String,
    pub audit_path: String,
}

const RED: Color32 = Color32::from_rgb(0xc6, 0x28, 0x28);
const GREEN: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);

fn files(app: &mut ZichaApp) -> Vec<BackupFile> {
    let generation = app.data.generation;
    let Some(db) = app.data.store.path().map(Path::to_path_buf) else {
        return Vec::new();
    };
    let state = &mut app.backup;
    let fresh = matches!(&state.listed, Some((g, _)) if *g == generation) && !state.stale;
    if !fresh {
        state.listed = Some((generation, backup::list_backups(&db)));
        state.stale = false;
    }
    state
        .listed
        .as_ref()
        .map(|(_, f)| f.clone())
        .unwrap_or_default()
}

/// Checks `path` and asks the clerk to confirm the restore. A backup of the
/// other kind of file is refused here, before any question.
fn ask_restore(app: &mut ZichaApp, path: PathBuf) {
    let checked = backup::inspect(&path).and_then(|summary| {
        app.data
            .store
            .require_same_kind(&path, summary.kind)
            .map(|_| summary)
    });
    match checked {
        Ok(summary) => app.backup.confirm = Some((path, summary)),
        Err(e) => app.toasts.error(e.to_string()),
    }
}

fn backups_section(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("备份");
    let Some(db) = app.data.store.path().map(Path::to_path_buf) else {
        ui.label("示例或临时数据不做备份。");
        return;
    };
    let dir = backup::backup_dir(&db);
    ui.label(
        RichText::new(format!(
            "每天第一次打开、每次导入、每次恢复之前，程序都会自动备份，保留最近 {} 份。备份保存在：{}",
            backup::KEEP,
            dir.display()
        ))
        .weak(),
    );
    ui.horizontal(|ui| {
        if ui.button("立即备份").clicked() {
            app.commands.push(Command::BackupNow);
        }
        if ui.button("打开备份文件夹").clicked() {
            let _ = std::fs::create_dir_all(&dir);
            if let Err(e) = open_with_system(&dir) {
                app.toasts.error(format!(
                    "无法打开文件夹（{}）",
                    crate::safe_write::reason(&e)
                ));
            }
        }
    });
    ui.add_space(6.0);
    let list = files(app);
    if list.is_empty() {
        ui.label("还没有备份。");
    }
    let mut restore = None;
    egui::Grid::new("backups")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            if !list.is_empty() {
                ui.strong("备份时间");
                ui.strong("大小");
                ui.label("");
                ui.end_row();
            }
            for b in &list {
                ui.label(backup::taken_label(b));
                ui.label(format!("{} KB", b.bytes.div_ceil(1024)));
                let idle = app.io.job.is_none();
                if ui
                    .add_enabled(idle, egui::Button::new("用此备份恢复…"))
                    .on_disabled_hover_text("请等后台任务完成")
                    .clicked()
                {
                    restore = Some(b.path.clone());
                }
                ui.end_row();
            }
        });
    if let Some(p) = restore {
        ask_restore(app, p);
    }
    ui.add_space(8.0);
    ui.label("用其他位置的备份文件恢复（如U盘上的副本）：");
    path_row(ui, "备份文件", &mut app.backup.other_path, None, &["db"]);
    let other = app.backup.other_path.trim().to_string();
    if ui
        .add_enabled(
            !other.is_empty() && app.io.job.is_none(),
            egui::Button::new("检查并恢复…"),
        )
        .clicked()
    {
        ask_restore(app, PathBuf::from(other));
    }
}

fn audit_section(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("修改记录");
    ui.label(
        RichText::new(
            "每一次新增、修改、删除、导入、人工认定、确认疑点和设置修改都记入修改记录；每条记录都带有前一条的校验码，事后改动或删除任何一条都会被发现。",
        )
        .weak(),
    );
    let report = &app.data.audit;
    match &report.problem {
        None => ui.label(
            RichText::new(format!(
                "校验通过：共 {} 条修改记录，逐条相符。",
                report.entries
            ))
            .color(GREEN),
        ),
        Some(p) => ui.label(
            RichText::new(format!("校验未通过：{p}。"))
                .color(RED)
                .strong(),
        ),
    };
    if ui.button("重新校验").clicked() {
        app.commands.push(Command::VerifyAudit);
    }
    ui.add_space(8.0);
    let name = format!("修改记录_{}.xlsx", app.data.today);
    save_row(
        app,
        ui,
        |app| &mut app.backup.audit_path,
        ("导出到", &name, "导出修改记录"),
        |store, path| {
            workbook::export_audit(store, path).map(|r| format!("已导出修改记录 {} 条", r.entries))
        },
    );
}

fn confirm_dialog(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some((path, summary)) = app.backup.confirm.clone() else {
        return;
    };
    let mut close = false;
    egui::Modal::new(egui::Id::unique("confirm_restore")).show(ctx, |ui| {
        ui.heading("用备份恢复？");
        let holds = match summary.kind {
            crate::store::Workspace::Roster => format!(
                "人员 {} 人、修改记录 {} 条",
                summary.persons, summary.audit_entries
            ),
            crate::store::Workspace::Annex2 => {
                format!("修改记录 {} 条", summary.audit_entries)
            }
        };
        ui.label(format!(
            "将用 {} 替换当前数据（{}备份，其中有{holds}）。",
            path.display(),
            summary.kind.label(),
        ));
        ui.label("恢复前会先把当前数据自动备份，需要时可以再用那份备份恢复回来。");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("确认恢复").clicked() {
                app.commands.push(Command::Restore(path.clone()));
                close = true;
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    if close {
        app.backup.confirm = None;
    }
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    job_status(app, ui);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            backups_section(app, ui);
            ui.add_space(16.0);
            ui.separator();
            audit_section(app, ui);
        });
    confirm_dialog(app, ui.ctx());
    jobs::replace_dialog(app, ui.ctx());
}

/// The red line under the title when the 修改记录 check failed.
pub fn audit_warning(app: &mut ZichaApp, ui: &mut Ui) {
    let Some(p) = &app.data.audit.problem else {
        return;
    };
    let text = format!(
        "修改记录校验未通过：{p}。修改记录可能被本程序以外的工具改动过，请保留数据库文件原样并核实。"
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(text).color(RED).strong());
        if ui.link("查看").clicked() {
            app.navigate(super::super::Nav::Screen(super::super::Screen::Backup));
        }
    });
}
