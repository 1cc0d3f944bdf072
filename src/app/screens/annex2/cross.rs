//! 跨机构挂证: the same 身份证号 in two or more received agencies, social
//! insurance paid by another received agency, and (where only an Annex 1 was
//! received) the same name as "同名，需核实"; exported as 跨机构挂证疑点清单.xlsx.

use egui::{RichText, Ui};

use super::super::super::widgets::{WEAK_TEXT, job_status, save_row, verdict_color};
use super::super::super::{ZichaApp, jobs};
use crate::annex2::overview::Overview;
use crate::annex2::{crosscheck_xlsx, wording};
use crate::domain::Verdict;

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("跨机构挂证");
    ui.label("《特种设备安全法》第五十一条：检验检测人员不得同时在两个以上检验、检测机构中执业。接收各机构的台账工作簿后，按身份证号比对。");
    job_status(app, ui);
    let Some(o) = app.data.overview.as_ref() else {
        return;
    };
    if o.names_only {
        ui.label(
            RichText::new(format!("注意：{}", wording::NAMES_ONLY))
                .color(verdict_color(Verdict::Pending)),
        );
    }
    let count = o.cross.len();
    if count == 0 {
        ui.label(RichText::new("未发现跨机构挂证疑点").color(verdict_color(Verdict::Yes)));
    } else {
        ui.label(format!("共 {count} 条疑点，请逐条核实："));
    }
    let today = app.data.today;
    save_row(
        app,
        ui,
        |a| &mut a.regulator.cross_path,
        ("导出到", wording::CROSS_FILE, "导出疑点清单"),
        move |store, path| {
            let o = Overview::load(store, today)?;
            crosscheck_xlsx::write(&o.cross, o.names_only, path)?;
            Ok(format!("已导出跨机构挂证疑点清单（{} 条）", o.cross.len()))
        },
    );
    jobs::replace_dialog(app, ui.ctx());
    if let Some(o) = app.data.overview.as_ref()
        && !o.cross.is_empty()
    {
        ui.add_space(6.0);
        table(ui, o);
    }
}

/// One block per suspicion: what it is, who, then each agency with its
/// verdicts on a line of its own (they are what the regulator compares).
fn table(ui: &mut Ui, o: &Overview) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, f) in o.cross.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(format!("{}. {}", i + 1, f.name));
                        if !f.id_number.is_empty() {
                            ui.label(&f.id_number);
                        }
                        ui.label(
                            RichText::new(f.kind.label()).color(verdict_color(Verdict::Pending)),
                        );
                    });
                    for a in &f.agencies {
                        ui.label(a.text());
                    }
                    if !f.note.is_empty() {
                        ui.label(RichText::new(&f.note).color(WEAK_TEXT));
                    }
                });
            }
        });
}
