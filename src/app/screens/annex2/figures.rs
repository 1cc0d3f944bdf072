//! 附件2: table (一) as the form shows it — the figures compiled from the
//! received Annex 1 read-only, the regulator's own figures (已整改, the
//! 监管部门督导检查情况 block) typed as whole numbers and stored when the clerk
//! leaves the field — then list (二) with its rewrite, the 考试机构, and the
//! regulator's 单位名称, 填表人 and 联系电话.

use std::collections::BTreeMap;

use egui::{RichText, Ui};

use super::super::super::widgets::{WEAK_TEXT, field_error};
use super::super::super::{Command, ZichaApp};
use crate::annex2::figures::{ENTERED, Side, figure_key, parse_figure};
use crate::annex2::overview::Overview;
use crate::annex2::wording::{self, ROWS};
use crate::domain::SettingKey;

/// The regulator's fields of the header and footer, in the form's order.
const INFO: [(SettingKey, &str); 3] = [
    (SettingKey::AgencyName, "单位名称（盖章）"),
    (SettingKey::Filler, "填表人姓名"),
    (SettingKey::Phone, "联系电话"),
];

#[derive(Default)]
pub struct FiguresForm {
    /// The text of each entered figure, by key, as typed.
    texts: BTreeMap<String, String>,
    /// 单位名称, 填表人, 联系电话 as typed.
    info: BTreeMap<&'static str, String>,
    /// What the fields were filled from, to follow a change made elsewhere
    /// (a restore) in the fields the clerk has not touched.
    stored: BTreeMap<String, String>,
    generation: Option<u64>,
    /// The part (二) row being rewritten.
    editing: Option<ListEditDialog>,
    pub exam: super::exam::ExamForm,
    /// The figure stored last, marked 已保存 beside its field (no toast over the form).
    last_saved: Option<String>,
}

struct ListEditDialog {
    agency: String,
    problems: String,
    rectification: String,
    /// The texts as the dialog opened: only a changed one is marked 手工改写.
    shown: [String; 2],
}

fn stored_texts(o: &Overview) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (row, side) in ENTERED {
        let v = o.annex.figures.values[row][usize::from(side == Side::Right)];
        out.insert(
            figure_key(row, side),
            v.map(|n| n.to_string()).unwrap_or_default(),
        );
    }
    for (key, label) in INFO {
        let v = match key {
            SettingKey::AgencyName => &o.annex.regulator,
            SettingKey::Filler => &o.annex.filler,
            _ => &o.annex.phone,
        };
        out.insert(label.to_string(), v.clone());
    }
    out
}

impl FiguresForm {
    /// Follows the stored values into the fields the clerk has not changed.
    fn sync(&mut self, o: &Overview, generation: u64) {
        if self.generation == Some(generation) {
            return;
        }
        self.generation = Some(generation);
        let fresh = stored_texts(o);
        for (key, new) in &fresh {
            let old = self.stored.get(key).cloned().unwrap_or_default();
            let field = match INFO.iter().find(|(_, l)| l == key) {
                Some((_, l)) => self.info.entry(l).or_default(),
                None => self.texts.entry(key.clone()).or_default(),
            };
            if *field == old {
                field.clone_from(new);
            }
        }
        self.stored = fresh;
    }

    /// Why a figure's text cannot be stored; `None` when it can (or is unchanged).
    fn error(&self, key: &str) -> Option<String> {
        let text = self.texts.get(key)?;
        let stored = self.stored.get(key).map_or("", String::as_str);
        if text.trim() == stored {
            return None;
        }
        if text.trim().is_empty() {
            return Some("已填写的数字不能清空，请填写 0 或正确的整数".into());
        }
        parse_figure(text).err()
    }

    /// The command that stores a figure's text, when it is changed and valid.
    fn figure_command(&self, key: &str) -> Option<Command> {
        let text = self.texts.get(key)?;
        let stored = self.stored.get(key).map_or("", String::as_str);
        if text.trim() == stored || self.error(key).is_some() {
            return None;
        }
        parse_figure(text)
            .ok()
            .map(|n| Command::SetAnnex2Figure(key.to_string(), n))
    }

    fn info_command(&self, key: SettingKey, label: &'static str) -> Option<Command> {
        let text = self.info.get(label)?;
        let stored = self.stored.get(label).map_or("", String::as_str);
        (text.trim() != stored).then(|| Command::SetAnnex2Setting(key, text.trim().to_string()))
    }

    /// Every changed, valid field as the command that stores it.
    pub fn unsaved_commands(&mut self, o: &Overview) -> Vec<Command> {
        if self.generation.is_none() {
            return Vec::new();
        }
        self.stored = stored_texts(o);
        let figures = ENTERED
            .iter()
            .filter_map(|(r, s)| self.figure_command(&figure_key(*r, *s)));
        let info = INFO.iter().filter_map(|(k, l)| self.info_command(*k, l));
        figures.chain(info).collect()
    }
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("附件2");
    let ZichaApp {
        data,
        regulator,
        commands: queue,
        ..
    } = app;
    let Some(o) = data.overview.as_ref() else {
        return;
    };
    let form = &mut regulator.figures;
    form.sync(o, data.generation);
    // One line at the top, whose height never changes while the clerk types
    // (the whole status, which shortens as figures are filled, is at the end).
    super::status_short(ui, o);
    ui.label(
        RichText::new(
            "灰底数字由接收的附件1汇总得出；白框中的数字由监管部门填写，填完离开该框即保存。",
        )
        .color(WEAK_TEXT),
    );
    let mut commands = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            info_fields(ui, form, &mut commands);
            ui.add_space(6.0);
            ui.strong(wording::PART1);
            table(ui, form, o, &mut commands);
            ui.add_space(10.0);
            list(ui, form, o);
            ui.add_space(10.0);
            super::exam::add(ui, &mut form.exam, &mut commands);
            ui.add_space(10.0);
            super::status(ui, o);
        });
    edit_dialog(ui.ctx(), form, &mut commands);
    super::exam::remove_dialog(ui.ctx(), &mut form.exam, &mut commands);
    queue.extend(commands);
}

fn info_fields(ui: &mut Ui, form: &mut FiguresForm, commands: &mut Vec<Command>) {
    for (key, label) in INFO {
        ui.horizontal(|ui| {
            let l = label_cell(ui, 130.0, label);
            let field = form.info.entry(label).or_default();
            let r = ui
                .add(egui::TextEdit::singleline(field).desired_width(320.0))
                .labelled_by(l.id);
            if r.lost_focus() {
                commands.extend(form.info_command(key, label));
            }
        });
    }
}

/// The grey of a figure compiled from the received forms (not typed).
const READ_ONLY_FILL: egui::Color32 = egui::Color32::from_gray(0xE2);

/// A label left-aligned in a cell of `width`, cut with "…" (whole on hover)
/// only where the window is too narrow for the form's wording.
pub(super) fn label_cell(ui: &mut Ui, width: f32, text: &str) -> egui::Response {
    let width = width.min(ui.available_width() - 90.0).max(120.0);
    ui.allocate_ui_with_layout(
        egui::vec2(width, 20.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.add(egui::Label::new(text).truncate())
        },
    )
    .inner
}

/// Table (一): each row's left and right figure, read-only or typed.
fn table(ui: &mut Ui, form: &mut FiguresForm, o: &Overview, commands: &mut Vec<Command>) {
    let mut group = None;
    for (row, r) in ROWS.iter().enumerate() {
        if group != Some(r.group) {
            group = Some(r.group);
            ui.add_space(4.0);
            ui.label(RichText::new(r.group.label()).strong());
        }
        let mut errors = Vec::new();
        ui.horizontal(|ui| {
            let sides = [(r.left, Side::Left), ("", Side::Right)];
            for (i, (label, side)) in sides.into_iter().enumerate() {
                let label = if side == Side::Right {
                    match r.right {
                        Some(l) => l,
                        None => break,
                    }
                } else {
                    label
                };
                let width = if i == 0 { 450.0 } else { 145.0 };
                let l = label_cell(ui, width, label);
                let value = o.annex.figures.values[row][i];
                if ENTERED.contains(&(row, side)) {
                    let key = figure_key(row, side);
                    let field = form.texts.entry(key.clone()).or_default();
                    let resp = ui
                        .add(
                            egui::TextEdit::singleline(field)
                                .desired_width(70.0)
                                .hint_text("未填写"),
                        )
                        .labelled_by(l.id);
                    if resp.lost_focus()
                        && let Some(c) = form.figure_command(&key)
                    {
                        commands.push(c);
                        form.last_saved = Some(key.clone());
                    }
                    if form.last_saved.as_ref() == Some(&key) && form.error(&key).is_none() {
                        ui.label(RichText::new("已保存").color(WEAK_TEXT).small());
                    }
                    if let Some(e) = form.error(&key) {
                        errors.push(format!("{}：{e}", label));
                    }
                } else {
                    let text = value.map(|n| n.to_string()).unwrap_or_default();
                    egui::Frame::new()
                        .fill(READ_ONLY_FILL)
                        .inner_margin(egui::Margin::symmetric(6, 2))
                        .show(ui, |ui| {
                            ui.add_sized([58.0, 18.0], egui::Label::new(text));
                        })
                        .response
                        .on_hover_text("由接收的附件1（或考试机构清单）汇总得出");
                }
            }
        });
        for e in errors {
            field_error(ui, &e);
        }
    }
}

/// List (二): the agencies with problems, then the 考试机构.
fn list(ui: &mut Ui, form: &mut FiguresForm, o: &Overview) {
    ui.strong(wording::PART2);
    let list = &o.annex.list;
    if list.is_empty() {
        ui.label(RichText::new("（没有存在问题的机构）").color(WEAK_TEXT));
        return;
    }
    for (i, e) in list.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let kind = if e.exam.is_some() {
                    "（考试机构）"
                } else {
                    ""
                };
                ui.strong(format!("{}. {}{kind}", i + 1, e.name));
                if let Some(id) = e.exam {
                    if ui.button("删除").clicked() {
                        form.exam.removing = Some((id, e.name.clone()));
                    }
                } else if ui.button("改写").clicked() {
                    form.editing = Some(ListEditDialog {
                        agency: e.name.clone(),
                        problems: e.problems.clone(),
                        rectification: e.rectification.clone(),
                        shown: [e.problems.clone(), e.rectification.clone()],
                    });
                }
            });
            let mark = |edited: bool| {
                if edited {
                    format!("（{}）", wording::EDITED)
                } else {
                    String::new()
                }
            };
            ui.label(format!(
                "{}：{}{}",
                wording::LIST_COLUMNS[2],
                e.problems,
                mark(e.problems_edited)
            ));
            ui.label(format!(
                "{}：{}{}",
                wording::LIST_COLUMNS[3],
                e.rectification,
                mark(e.rectification_edited)
            ));
        });
    }
}

fn edit_dialog(ctx: &egui::Context, form: &mut FiguresForm, commands: &mut Vec<Command>) {
    let Some(d) = form.editing.as_mut() else {
        return;
    };
    let mut close = false;
    egui::Modal::new(egui::Id::unique("annex2_list_edit")).show(ctx, |ui| {
        ui.heading(format!("改写清单（二）：{}", d.agency));
        ui.label("改写后的文字标为手工改写，打印在附件2上；可随时恢复自动生成的文字。");
        for (label, text) in [
            (wording::LIST_COLUMNS[2], &mut d.problems),
            (wording::LIST_COLUMNS[3], &mut d.rectification),
        ] {
            let l = ui.label(label);
            ui.add(
                egui::TextEdit::multiline(text)
                    .desired_width(520.0)
                    .desired_rows(3),
            )
            .labelled_by(l.id);
        }
        ui.horizontal(|ui| {
            let changed = |now: &String, was: &String| (now != was).then(|| now.clone());
            let problems = changed(&d.problems, &d.shown[0]);
            let rectification = changed(&d.rectification, &d.shown[1]);
            if ui.button("保存").clicked() {
                if problems.is_some() || rectification.is_some() {
                    commands.push(Command::EditAnnex2List {
                        agency: d.agency.clone(),
                        problems,
                        rectification,
                        reset: false,
                    });
                }
                close = true;
            }
            if ui.button("恢复自动生成").clicked() {
                commands.push(Command::EditAnnex2List {
                    agency: d.agency.clone(),
                    problems: None,
                    rectification: None,
                    reset: true,
                });
                close = true;
            }
            if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
    });
    if close {
        form.editing = None;
    }
}
