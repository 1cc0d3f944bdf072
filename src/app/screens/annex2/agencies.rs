//! 各单位情况: every agency whose Annex 1 was received, its numbers, its marks
//! (草稿, 导出后被改动) and where its summary disagrees with its own list;
//! then the roster workbooks and the files later ones replaced.

use egui::{RichText, Ui};

use super::super::super::widgets::{WEAK_TEXT, verdict_color};
use super::super::super::{Nav, Screen, ZichaApp};
use crate::annex2::overview::{self, Overview};
use crate::domain::Verdict;

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("各单位情况");
    let Some(o) = app.data.overview.as_ref() else {
        return;
    };
    if o.current.forms.is_empty() && o.current.rosters.is_empty() {
        ui.label("尚未接收任何文件。");
        if ui.link("去接收附件1").clicked() {
            app.navigate(Nav::Screen(Screen::Receive));
        }
        return;
    }
    let agreeing = o.checks.iter().filter(|c| c.mismatches.is_empty()).count();
    ui.label(format!(
        "附件1 {} 份，其中汇总数与清单一致 {agreeing} 份；草稿不计入附件2。",
        o.checks.len()
    ));
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| body(ui, o));
}

fn body(ui: &mut Ui, o: &Overview) {
    for (i, (c, a)) in o.checks.iter().zip(&o.current.forms).enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("{}. {}", i + 1, c.name));
                for mark in overview::marks(c) {
                    ui.label(
                        RichText::new(format!("【{mark}】"))
                            .color(verdict_color(Verdict::Pending))
                            .strong(),
                    );
                }
            });
            ui.label(format!(
                "共排查 {} 人；真实执业存在问题 {} 人，学历存在问题 {} 人，职称存在问题 {} 人；人员条件：{}",
                c.checked, c.problems[0], c.problems[1], c.problems[2], c.staffing
            ));
            if c.mismatches.is_empty() {
                ui.label(RichText::new("汇总数与清单核对一致").color(verdict_color(Verdict::Yes)));
            }
            for m in &c.mismatches {
                ui.label(RichText::new(format!("核对：{m}")).color(verdict_color(Verdict::No)));
            }
            for d in &a.annex.differences {
                ui.label(
                    RichText::new(format!("与导出时不同：{d}"))
                        .color(verdict_color(Verdict::Pending)),
                );
            }
            ui.label(
                RichText::new(format!("文件 {}，接收于 {}", a.file_name, a.received_at))
                    .color(WEAK_TEXT)
                    .small(),
            );
        });
    }
    if !o.current.rosters.is_empty() {
        ui.add_space(8.0);
        ui.strong("台账工作簿（用于跨机构挂证比对）");
        for r in &o.current.rosters {
            ui.label(format!("{}（{}人）", r.agency_name, r.persons.len()));
        }
    }
    if !o.replaced.is_empty() {
        ui.add_space(8.0);
        ui.strong("历史：已被同一机构后来报送的文件替换");
        for r in &o.replaced {
            let date = r
                .fill_date
                .as_deref()
                .map(|d| format!("，填报日期 {d}"))
                .unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "{}：{}{date}，接收于 {}",
                    r.agency_name, r.file_name, r.received_at
                ))
                .color(WEAK_TEXT),
            );
        }
    }
}
