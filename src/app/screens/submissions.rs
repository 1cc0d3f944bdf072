//! 报送记录 (issue 15): every 定稿报送 with its files' SHA-256 and whether the
//! signed scan is attached; for the chosen one: 重新打印 (the kept bytes, as
//! submitted), 对比 with today's roster, 添加扫描件 and 打包报送.

use std::path::PathBuf;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::super::widgets::{default_dir, job_status, path_row, verdict_color};
use super::super::{Command, ZichaApp, jobs};
use crate::annex1::submission::{self, Targets};
use crate::domain::Verdict;
use crate::store::submissions::{SubmissionInfo, record_name};

#[derive(Default)]
pub struct SubmissionsState {
    /// The submission the actions below the list apply to.
    pub selected: Option<i64>,
    /// The folder 重新打印 and 打包报送 write into.
    pub folder: String,
    /// The scan to attach.
    pub scan_path: String,
    /// The last 对比: which submission, for which data generation, its lines.
    pub diff: Option<(i64, u64, Vec<String>)>,
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    job_status(app, ui);
    ui.heading("报送记录");
    if app.data.submissions.is_empty() {
        ui.label(
            RichText::new(
                "还没有报送记录。附件1没有待核实人员时，在“导入 / 导出 / 打印”页点“定稿报送…”：PDF 和 XLSX 一起保存，并记录在这里。",
            )
            .weak(),
        );
        return;
    }
    let missing = app
        .data
        .submissions
        .iter()
        .filter(|s| s.scan.is_none())
        .count();
    if missing > 0 {
        ui.label(
            RichText::new(format!(
                "有 {missing} 次报送还没有签字盖章的扫描件：纸质表签字盖章后请扫描，选中该次报送后添加。"
            ))
            .color(verdict_color(Verdict::Pending)),
        );
    }
    if app.submissions.selected.is_none() {
        app.submissions.selected = app.data.submissions.last().map(|s| s.id);
    }
    list(app, ui);
    ui.add_space(8.0);
    ui.separator();
    let chosen = app
        .submissions
        .selected
        .and_then(|id| app.data.submissions.iter().find(|s| s.id == id))
        .cloned();
    if let Some(s) = chosen {
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| actions(app, ui, &s));
    }
}

fn list(app: &mut ZichaApp, ui: &mut Ui) {
    ui.style_mut().interaction.selectable_labels = false;
    let mut clicked = None;
    let selected = app.submissions.selected;
    TableBuilder::new(ui)
        .id_salt("submissions")
        .striped(true)
        .sense(egui::Sense::click())
        .max_scroll_height(220.0)
        .column(Column::exact(70.0))
        .column(Column::exact(44.0))
        .column(Column::exact(150.0))
        .columns(Column::exact(90.0), 2)
        .column(Column::exact(50.0))
        .column(Column::initial(130.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(24.0, |mut h| {
            for c in [
                "报送",
                "批次",
                "报送时间",
                "填报日期",
                "核查基准日",
                "人数",
                "操作人",
                "签字盖章扫描件",
            ] {
                h.col(|ui| {
                    ui.strong(c);
                });
            }
        })
        .body(|body| {
            let rows = &app.data.submissions;
            body.rows(26.0, rows.len(), |mut row| {
                let s = &rows[row.index()];
                row.set_selected(Some(s.id) == selected);
                row.col(|ui| {
                    ui.label(record_name(s.id));
                });
                row.col(|ui| {
                    ui.label(crate::store::campaigns::campaign_name(s.campaign));
                });
                row.col(|ui| {
                    ui.label(&s.at);
                });
                row.col(|ui| {
                    ui.label(&s.fill_date);
                });
                row.col(|ui| {
                    ui.label(&s.reference_date);
                });
                row.col(|ui| {
                    ui.label(s.persons.to_string());
                });
                row.col(|ui| {
                    ui.label(&s.who);
                });
                row.col(|ui| match &s.scan {
                    Some(name) => {
                        ui.label(name);
                    }
                    None => {
                        ui.label(RichText::new("缺少").color(verdict_color(Verdict::Pending)));
                    }
                });
                if row.response().clicked() {
                    clicked = Some(s.id);
                }
            });
        });
    if clicked.is_some() {
        app.submissions.selected = clicked;
    }
}

fn actions(app: &mut ZichaApp, ui: &mut Ui, s: &SubmissionInfo) {
    let id = s.id;
    ui.strong(format!(
        "{}（{}）：{}，填报日期 {}，{} 人",
        record_name(id),
        crate::store::campaigns::campaign_name(s.campaign),
        s.agency_name,
        s.fill_date,
        s.persons
    ));
    for (what, name, sha) in [
        ("PDF", &s.pdf_name, &s.pdf_sha256),
        ("XLSX", &s.xlsx_name, &s.xlsx_sha256),
    ] {
        ui.label(RichText::new(format!("{what} 文件：{name}（文件校验码 {sha}）")).weak());
    }
    ui.add_space(6.0);
    if app.submissions.folder.is_empty() {
        app.submissions.folder = default_dir().display().to_string();
    }
    ui.horizontal(|ui| {
        let l = ui.label("保存到文件夹");
        ui.add(egui::TextEdit::singleline(&mut app.submissions.folder).desired_width(420.0))
            .labelled_by(l.id);
    });
    let idle = !jobs::busy(app);
    let folder = PathBuf::from(app.submissions.folder.trim());
    ui.horizontal(|ui| {
        if ui
            .add_enabled(idle, egui::Button::new("重新打印"))
            .on_hover_text(
                "把当时报送的 PDF 和 XLSX 原样写到上面的文件夹（与报送的文件逐字节相同）",
            )
            .clicked()
        {
            let targets = Targets {
                pdf: Some(folder.join(&s.pdf_name)),
                xlsx: Some(folder.join(&s.xlsx_name)),
            };
            let pdf = folder.join(&s.pdf_name);
            jobs::start(app, ui.ctx(), "正在重新打印", move |store, _| {
                submission::reprint(store, id, &targets)?;
                Ok(jobs::Done::Wrote(
                    format!("已重新写出{}的 PDF 和 XLSX", record_name(id)),
                    pdf,
                ))
            });
        }
        if ui
            .add_enabled(idle, egui::Button::new("对比"))
            .on_hover_text("与今天的台账对比：哪些人员的结论或说明变了")
            .clicked()
        {
            // Loading the snapshot and checking today's roster is the core's
            // work: a job, so a large roster does not hold the frame.
            let today = app.data.today;
            jobs::start(app, ui.ctx(), "正在对比", move |store, _| {
                let lines = match submission::compare(store, id, today) {
                    Ok((_, changes)) if changes.is_empty() => {
                        vec!["没有变化：每个人的结论和说明都与报送时相同".to_string()]
                    }
                    Ok((_, changes)) => {
                        let mut lines: Vec<String> = changes.iter().map(|c| c.line()).collect();
                        lines.push(format!("共 {} 人有变化", changes.len()));
                        lines
                    }
                    Err(e) => vec![format!("无法对比：{e}")],
                };
                Ok(jobs::Done::Compared(id, lines))
            });
        }
        if ui
            .add_enabled(idle && s.scan.is_some(), egui::Button::new("打包报送"))
            .on_disabled_hover_text("请先添加签字盖章的扫描件")
            .on_hover_text(
                "在上面的文件夹中新建一个以单位名称和日期命名的文件夹，放入 PDF、XLSX 和扫描件",
            )
            .clicked()
        {
            let target = folder.clone();
            jobs::start(app, ui.ctx(), "正在打包报送", move |store, _| {
                let packed = submission::pack(store, id, &target)?;
                Ok(jobs::Done::Wrote("已打包报送".to_string(), packed))
            });
        }
    });
    ui.add_space(6.0);
    path_row(
        ui,
        "扫描件",
        &mut app.submissions.scan_path,
        None,
        &["pdf", "jpg", "jpeg", "png"],
    );
    let label = if s.scan.is_some() {
        "更换扫描件"
    } else {
        "添加扫描件"
    };
    let path = app.submissions.scan_path.trim().to_string();
    if ui
        .add_enabled(!path.is_empty(), egui::Button::new(label))
        .on_hover_text("签字盖章后的纸质表扫描件：PDF、JPG 或 PNG，不超过 20 MB")
        .clicked()
    {
        app.commands.push(Command::AttachScan {
            submission: id,
            path: PathBuf::from(path),
        });
    }
    if let Some((diff_id, generation, lines)) = &app.submissions.diff
        && *diff_id == id
    {
        ui.add_space(8.0);
        ui.strong(format!("{}与今天的台账相比", record_name(id)));
        if *generation != app.data.generation {
            ui.label(RichText::new("此后台账重新读取过，结果可能已过时，请再点“对比”").weak());
        }
        for line in lines {
            ui.label(line);
        }
    }
}
