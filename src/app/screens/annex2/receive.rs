//! 接收附件1: the agencies' Annex 1 XLSX (zicha's own or filled by hand) and
//! roster workbooks, several at once, read and stored as one background job.
//! A file that cannot be received refuses the whole batch: nothing is stored.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::super::super::jobs::{self, Done};
use super::super::super::widgets::{default_dir, field_error, job_status, verdict_color};
use super::super::super::{Nav, Screen, ZichaApp};
use crate::annex2::{self, overview, receive::Options};
use crate::domain::Verdict;

#[derive(Default)]
pub struct ReceiveForm {
    /// One path per line.
    pub paths: String,
    /// The agency's name for a roster workbook without a 单位信息 sheet.
    pub agency: String,
}

impl ReceiveForm {
    fn paths(&self) -> Vec<PathBuf> {
        self.paths
            .lines()
            .map(|l| l.trim().trim_matches('"'))
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    }
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("接收附件1");
    ui.label("接收各检验检测机构报来的附件1（XLSX：本程序导出的，或按通知格式手工填写的），也可接收机构的台账工作簿（用于跨机构挂证比对）。可一次接收多份，每行一个文件。");
    ui.add_space(6.0);
    job_status(app, ui);
    let form = &mut app.regulator.receive;
    let label = ui.horizontal(|ui| {
        let l = ui.label("要接收的文件");
        if ui.button("选择文件…").clicked()
            && let Some(files) = super::super::super::dialogs::file()
                .add_filter("Excel 工作簿", &["xlsx", "xlsm", "xls"])
                .add_filter("所有文件", &["*"])
                .set_directory(default_dir())
                .pick_files()
        {
            for f in files {
                if !form.paths.is_empty() && !form.paths.ends_with('\n') {
                    form.paths.push('\n');
                }
                form.paths.push_str(&f.display().to_string());
            }
        }
        l
    });
    let width = ui.available_width().min(760.0);
    let field = ui
        .add(
            egui::TextEdit::multiline(&mut form.paths)
                .desired_width(width)
                .desired_rows(3)
                .hint_text("每行一个文件路径，如 D:\\附件1\\某检验院.xlsx"),
        )
        .labelled_by(label.inner.id);
    field.on_hover_text("可从资源管理器复制文件路径粘贴到这里");
    ui.horizontal(|ui| {
        let l = ui.label("单位名称");
        ui.add(
            egui::TextEdit::singleline(&mut form.agency)
                .desired_width(320.0)
                .hint_text("仅当台账工作簿没有“单位信息”工作表时填写"),
        )
        .labelled_by(l.id);
    });
    let paths = form.paths();
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        field_error(ui, &format!("找不到文件：{}", missing.join("；")));
    }
    let ready = !paths.is_empty() && missing.is_empty() && !jobs::busy(app);
    let clicked = ui
        .add_enabled(ready, egui::Button::new("接收"))
        .on_disabled_hover_text("先选择或填写要接收的文件")
        .clicked();
    if clicked {
        start(app, ui.ctx(), paths);
    }
    if let Some(o) = &app.io.outcome {
        ui.add_space(8.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            for line in &o.lines {
                let text = RichText::new(line);
                ui.label(if o.error {
                    text.color(verdict_color(Verdict::No))
                } else {
                    text
                });
            }
        });
    }
    ui.add_space(8.0);
    if let Some(o) = &app.data.overview {
        let (forms, rosters) = (o.current.forms.len(), o.current.rosters.len());
        ui.label(format!(
            "目前已接收：附件1 {forms} 份，台账工作簿 {rosters} 份。"
        ));
        if forms > 0 && ui.link("查看各单位情况").clicked() {
            app.navigate(Nav::Screen(Screen::Agencies));
        }
    }
}

/// Files dropped onto a 辖区汇总 window: added to the list of files to receive
/// (the 接收附件1 page opens), received when the clerk presses 接收.
pub fn take_dropped(app: &mut ZichaApp, ctx: &egui::Context) {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    let paths: Vec<String> = dropped
        .iter()
        .map(|f| f.path())
        .filter(|p| p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    if dropped.len() > paths.len() {
        app.toasts
            .error("拖入的文件没有路径（例如从浏览器拖入），请先保存到电脑上再接收");
    }
    if paths.is_empty() {
        return;
    }
    let form = &mut app.regulator.receive;
    for p in &paths {
        if !form.paths.is_empty() && !form.paths.ends_with('\n') {
            form.paths.push('\n');
        }
        form.paths.push_str(p);
    }
    app.navigate(Nav::Screen(Screen::Receive));
}

fn start(app: &mut ZichaApp, ctx: &egui::Context, paths: Vec<PathBuf>) {
    let agency = app.regulator.receive.agency.trim().to_string();
    let today = app.data.today;
    app.io.outcome = None;
    jobs::start(app, ctx, "正在接收文件", move |store, _| {
        let refs: Vec<&std::path::Path> = paths.iter().map(PathBuf::as_path).collect();
        let options = Options {
            agency: (!agency.is_empty()).then_some(agency.as_str()),
            today,
        };
        let lines = annex2::receive(store, &refs, &options)?
            .iter()
            .map(|(file, stored)| overview::received_line(file, stored))
            .collect();
        Ok(Done::Received(lines))
    });
}
