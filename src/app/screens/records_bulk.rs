//! 一批学历备案表: a folder of 学信网 备案表 PDFs, each matched to its person
//! (姓名 and the 身份证号's 出生日期), previewed, then attached as 学历备案表
//! on 确认添加. The core plans and attaches (`xuexin::plan_folder`, `apply_bulk`);
//! this screen only shows the plan and asks.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::super::ZichaApp;
use super::super::jobs::{Done, busy, start};
use super::super::widgets::{ERROR_RED, folder_row};
use crate::xuexin::{self, BulkPlan};

/// The folder chosen and its preview.
#[derive(Default)]
pub struct RecordsState {
    pub folder: String,
    /// The plan 确认添加 applies, with the roster generation it was made against.
    pub plan: Option<(u64, Box<BulkPlan>)>,
}

/// Starts reading the folder for the preview; the plan keeps the roster
/// generation it was read against (edits made while it runs make it stale).
pub fn start_plan(app: &mut ZichaApp, ctx: &egui::Context, dir: PathBuf) {
    app.io.records.plan = None;
    app.io.outcome = None;
    let generation = app.data.generation;
    start(app, ctx, "正在读取备案表", move |store, _| {
        xuexin::plan_folder(store, &dir).map(|p| Done::RecordsPlanned(generation, Box::new(p)))
    });
}

/// Starts attaching what the preview matched.
pub fn start_apply(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some((_, plan)) = app.io.records.plan.take() else {
        return;
    };
    start(app, ctx, "正在添加备案表", move |store, _| {
        xuexin::apply_bulk(store, &plan).map(|b| Done::RecordsAttached(b.lines()))
    });
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    folder_row(ui, "文件夹", &mut app.io.records.folder);
    let folder = app.io.records.folder.trim().to_string();
    let generation = app.data.generation;
    if app
        .io
        .records
        .plan
        .as_ref()
        .is_some_and(|(g, p)| *g != generation || p.dir != Path::new(&folder))
    {
        // Another folder typed or chosen, or the roster changed since the
        // preview: its matches may no longer hold.
        app.io.records.plan = None;
    }
    let ready = !folder.is_empty() && !busy(app);
    if ui
        .add_enabled(ready, egui::Button::new("预览"))
        .on_hover_text("读取文件夹中的 PDF，列出每份备案表对应的人员；不写入任何数据")
        .clicked()
    {
        let ctx = ui.ctx().clone();
        start_plan(app, &ctx, PathBuf::from(folder));
    }
    let Some((_, plan)) = &app.io.records.plan else {
        return;
    };
    let matched = plan.matched.len();
    ui.add_space(6.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.strong(format!(
            "预览：将添加 {matched} 份备案表，{} 个文件不添加",
            plan.unmatched.len()
        ));
        let differing = plan.differing();
        if differing > 0 {
            ui.label(
                RichText::new(format!(
                    "其中 {differing} 份与台账已填的学历不符（红字），添加后这些人员待核实"
                ))
                .color(ERROR_RED),
            );
        }
        egui::ScrollArea::vertical()
            .id_salt("records_plan")
            .max_height(260.0)
            .show(ui, |ui| {
                for m in &plan.matched {
                    ui.label(format!("{} → {}", m.file, m.person));
                    for d in &m.differences {
                        ui.label(
                            RichText::new(format!("{}{}", xuexin::MISMATCH_LINE, d.message()))
                                .color(ERROR_RED),
                        );
                    }
                }
                if !plan.unmatched.is_empty() {
                    ui.add_space(4.0);
                    ui.strong("不添加的文件：");
                    for (file, why) in &plan.unmatched {
                        ui.label(RichText::new(format!("{file}：{why}")).weak());
                    }
                }
            });
    });
    if matched == 0 {
        ui.label("没有可以添加的备案表。");
        return;
    }
    if ui
        .add_enabled(!busy(app), egui::Button::new("确认添加"))
        .on_hover_text("把上面对应到人员的备案表作为“学历备案表”附件添加，并与台账比对")
        .clicked()
    {
        let ctx = ui.ctx().clone();
        start_apply(app, &ctx);
    }
}
