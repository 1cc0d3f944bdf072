//! 核查结果: each verdict with its reasons, each flag with its message; confirm
//! a flag, set a verdict by hand, edit the 存在问题及整改情况说明 — all with notes.

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::checks::FlagCode;
use crate::domain::{Verdict, VerdictKind};

use super::super::widgets::{verdict_color, verdict_tag};
use super::super::{Command, ZichaApp};

/// What the clerk is typing on this tab.
#[derive(Default)]
pub struct ResultsForm {
    manual_value: [Option<Verdict>; 3],
    manual_note: [String; 3],
    flag_note: HashMap<FlagCode, String>,
    remark: Option<String>,
}

fn kind_index(kind: VerdictKind) -> usize {
    VerdictKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    let Some(id) = app.roster.selected else {
        ui.label("请先在左侧台账中选择人员");
        return;
    };
    let Some(row) = app.data.row(id).cloned() else {
        return;
    };
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.heading(&row.name);
            ui.label(RichText::new(super::roster::LEGEND).weak());
            for v in row.check.verdicts() {
                ui.add_space(6.0);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.strong(v.kind.question());
                        verdict_tag(ui, v.value, v.manual.is_some());
                    });
                    for r in &v.reasons {
                        ui.label(format!("· {r}"));
                    }
                    let i = kind_index(v.kind);
                    let form = &mut app.results;
                    match &v.manual {
                        Some(m) => {
                            ui.label(
                                RichText::new(format!(
                                    "人工认定：{}，{}，{}（自动核查结论为“{}”）",
                                    m.value.label(),
                                    m.who,
                                    m.at.format("%Y-%m-%d %H:%M"),
                                    v.automatic.label()
                                ))
                                .weak(),
                            );
                            ui.horizontal(|ui| {
                                ui.add(
                                    egui::TextEdit::singleline(&mut form.manual_note[i])
                                        .hint_text("撤销原因（必填）")
                                        .desired_width(260.0),
                                );
                                if ui.button("撤销人工认定").clicked() {
                                    app.commands.push(Command::Undecide {
                                        person: id,
                                        kind: v.kind,
                                        note: std::mem::take(&mut form.manual_note[i]),
                                    });
                                }
                            });
                        }
                        None => {
                            ui.horizontal(|ui| {
                                ui.label("人工认定为");
                                for value in [Verdict::Yes, Verdict::No, Verdict::NotApplicable] {
                                    ui.radio_value(
                                        &mut form.manual_value[i],
                                        Some(value),
                                        value.label(),
                                    );
                                }
                            });
                            ui.horizontal(|ui| {
                                let label = ui.label("认定依据");
                                ui.add(
                                    egui::TextEdit::singleline(&mut form.manual_note[i])
                                        .hint_text("必填，如核实过程、文件编号")
                                        .desired_width(300.0),
                                )
                                .labelled_by(label.id);
                                let ready = form.manual_value[i].is_some();
                                if ui
                                    .add_enabled(ready, egui::Button::new("人工认定"))
                                    .clicked()
                                    && let Some(value) = form.manual_value[i].take()
                                {
                                    app.commands.push(Command::Decide {
                                        person: id,
                                        kind: v.kind,
                                        value,
                                        note: std::mem::take(&mut form.manual_note[i]),
                                    });
                                }
                            });
                        }
                    }
                });
            }

            ui.add_space(10.0);
            ui.heading(format!("疑点（{}）", row.check.flags.len()));
            if row.check.flags.is_empty() {
                ui.label("未发现疑点");
            }
            let confirmations = app
                .data
                .record(id)
                .map(|r| r.decisions.confirmations.clone())
                .unwrap_or_default();
            for f in &row.check.flags {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        let color = if f.confirmed {
                            verdict_color(Verdict::NotApplicable)
                        } else {
                            verdict_color(Verdict::Pending)
                        };
                        ui.label(RichText::new(f.code.label()).color(color).strong());
                        if f.blocking {
                            ui.label(RichText::new("需确认").small());
                        }
                        if f.confirmed {
                            ui.label(RichText::new("已确认").small());
                        }
                    });
                    ui.label(&f.message);
                    let note = app.results.flag_note.entry(f.code).or_default();
                    if f.confirmed {
                        if let Some(c) = confirmations.iter().find(|c| c.code == f.code.code()) {
                            ui.label(
                                RichText::new(format!(
                                    "确认说明：{}（{}，{}）",
                                    c.note,
                                    c.who,
                                    c.at.format("%Y-%m-%d %H:%M")
                                ))
                                .weak(),
                            );
                        }
                        ui.horizontal(|ui| {
                            ui.add(
                                egui::TextEdit::singleline(note)
                                    .hint_text("撤销原因（必填）")
                                    .desired_width(260.0),
                            );
                            if ui.button("撤销确认").clicked() {
                                app.commands.push(Command::UnconfirmFlag {
                                    person: id,
                                    code: f.code,
                                    note: std::mem::take(note),
                                });
                            }
                        });
                    } else {
                        ui.horizontal(|ui| {
                            let label = ui.label("核实说明");
                            ui.add(
                                egui::TextEdit::singleline(note)
                                    .hint_text("必填，如“破格晋升，见鲁人社字〔2015〕xx号”")
                                    .desired_width(340.0),
                            )
                            .labelled_by(label.id);
                            if ui.button("确认疑点").clicked() {
                                app.commands.push(Command::ConfirmFlag {
                                    person: id,
                                    code: f.code,
                                    note: std::mem::take(note),
                                });
                            }
                        });
                    }
                });
            }

            ui.add_space(10.0);
            ui.heading("存在问题及整改情况说明");
            if row.check.remark_edited {
                ui.label(RichText::new("（手写，已替换自动生成的说明）").weak());
            }
            let form = &mut app.results;
            match &mut form.remark {
                None => {
                    let shown = if row.check.remark.is_empty() {
                        "（无）"
                    } else {
                        row.check.remark.as_str()
                    };
                    ui.label(shown);
                    ui.horizontal(|ui| {
                        if ui.button("修改说明").clicked() {
                            form.remark = Some(row.check.remark.clone());
                        }
                        if row.check.remark_edited && ui.button("恢复自动生成").clicked() {
                            app.commands.push(Command::SetRemark {
                                person: id,
                                text: None,
                            });
                        }
                    });
                }
                Some(text) => {
                    ui.add(
                        egui::TextEdit::multiline(text)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    );
                    let mut done = false;
                    ui.horizontal(|ui| {
                        if ui.button("保存说明").clicked() {
                            app.commands.push(Command::SetRemark {
                                person: id,
                                text: Some(text.clone()),
                            });
                            done = true;
                        }
                        if ui.button("取消").clicked() {
                            done = true;
                        }
                    });
                    if done {
                        form.remark = None;
                    }
                }
            }
        });
}
