//! 人员详情: every field of the roster template in grouped sections,
//! validated as the clerk types, with live verdicts.

use egui::{RichText, Ui};

use crate::domain::{
    Evidence, EvidenceKind, FieldKind, Person, PersonField, PersonRecord, SocialInsuranceMonth,
};
use crate::store::sources::ImportedRecord;

use super::super::data::Data;
use super::super::widgets::{field_error, field_label, month_strip, verdict_label};
use super::super::{Command, ZichaApp};
use super::person_form::{PersonEditor, Place};

const SECTIONS: [(&str, &[PersonField]); 5] = {
    use PersonField::*;
    [
        ("基本信息", &[Seq, Name, IdNumber]),
        (
            "用工与执业",
            &[
                Post,
                Employment,
                HireDate,
                LeaveDate,
                OnDuty,
                Disclosed,
                FirstCertDate,
            ],
        ),
        (
            "学历",
            &[
                DiplomaSubmitted,
                Education,
                School,
                Major,
                GraduationDate,
                DiplomaNumber,
                DiplomaMethod,
                DiplomaReference,
                DiplomaVerifiedOn,
                DiplomaResult,
            ],
        ),
        (
            "职称",
            &[
                TitleSubmitted,
                TitleName,
                TitleMajor,
                TitleCertNumber,
                TitleIssuer,
                TitleObtainedOn,
                TitleMethod,
                TitleReference,
                TitleVerifiedOn,
                TitleResult,
            ],
        ),
        ("整改", &[RectificationAction, RectificationText, Note]),
    ]
};

fn hint(f: PersonField) -> &'static str {
    match f.kind() {
        FieldKind::Date => "如 2024-07-10",
        FieldKind::Integer => "整数",
        _ => "",
    }
}

/// The width of a field's editor; its message goes to the right of it.
const FIELD_WIDTH: f32 = 240.0;

/// The stable id of a field's editor: never derived from what is shown above
/// it, so a message appearing elsewhere cannot take the focus away.
pub fn field_id(f: PersonField) -> egui::Id {
    egui::Id::unique(("person_field", f.header()))
}

/// One field on one line: label, editor by kind, and its message to the
/// right (one line, cut with the whole text on hover), so a message never
/// moves the field being edited or the ones below it.
fn field(ui: &mut Ui, editor: &mut PersonEditor, f: PersonField, errors: &[(Place, String)]) {
    let i = PersonField::ALL.iter().position(|x| *x == f).unwrap_or(0);
    let message = errors
        .iter()
        .find(|(place, _)| *place == Place::Field(f) && editor.shows_error_for(*place))
        .map(|(_, m)| m.clone());
    let focus = editor.focus_first && f == PersonField::Name;
    if focus {
        // Before the field is drawn, so it takes this frame's keys already.
        ui.memory_mut(|m| m.request_focus(field_id(f)));
    }
    ui.horizontal(|ui| {
        let label = field_label(ui, f.header(), f.required());
        let text = &mut editor.texts.fields[i];
        let choices: Option<Vec<&str>> = match f.kind() {
            FieldKind::YesNo => Some(vec!["是", "否"]),
            FieldKind::Choice(labels) => Some(labels()),
            _ => None,
        };
        let response = match choices {
            Some(options) => choice(ui, field_id(f), text, &options, FIELD_WIDTH, "（未填）"),
            None => ui.add(
                egui::TextEdit::singleline(text)
                    .id(field_id(f))
                    .hint_text(hint(f))
                    .desired_width(FIELD_WIDTH),
            ),
        };
        response.labelled_by(label.id);
        if let Some(m) = message {
            field_error_inline(ui, &m);
        }
    });
    if focus {
        editor.focus_first = false;
    }
}

/// A drop-down over a closed list with an empty choice, usable from the
/// keyboard: Space or Enter opens it, the arrows move, Enter chooses; while
/// it is closed the up and down arrows step through the choices.
pub(in crate::app) fn choice(
    ui: &mut Ui,
    id: egui::Id,
    text: &mut String,
    options: &[&str],
    width: f32,
    empty: &str,
) -> egui::Response {
    let shown = if text.is_empty() {
        empty.to_string()
    } else {
        text.clone()
    };
    let inner = egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(width)
        .show_ui(ui, |ui| {
            // Chosen with Enter, the list closes as it does on a click.
            let mut chosen = ui.selectable_value(text, String::new(), empty).clicked();
            for o in options {
                chosen |= ui.selectable_value(text, o.to_string(), *o).clicked();
            }
            if chosen {
                ui.close();
            }
        });
    let response = inner.response;
    let open = inner.inner.is_some();
    if response.has_focus() {
        // While it is closed the arrows step through the choices instead of
        // moving the focus; while it is open they move in the list.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                response.id,
                egui::EventFilter {
                    vertical_arrows: !open,
                    ..Default::default()
                },
            )
        });
    }
    if response.has_focus() && !open {
        let step = ui.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown) {
                1
            } else if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp) {
                -1
            } else {
                0
            }
        });
        if step != 0 {
            let all: Vec<&str> = std::iter::once("").chain(options.iter().copied()).collect();
            let at = all.iter().position(|o| *o == text.as_str()).unwrap_or(0) as i64;
            let next = (at + step).clamp(0, all.len() as i64 - 1) as usize;
            if let Some(o) = all.get(next) {
                *text = o.to_string();
            }
        }
    }
    response
}

/// A field's message on the field's own line: one line, cut to the space
/// left, the whole text on hover.
fn field_error_inline(ui: &mut Ui, message: &str) {
    let text = RichText::new(message)
        .color(super::super::widgets::verdict_color(
            crate::domain::Verdict::No,
        ))
        .small();
    ui.add(egui::Label::new(text).truncate())
        .on_hover_text(message);
}

/// The live verdicts of the person as edited, on one line of fixed height
/// that is always there: while a field is wrong it says so instead, so the
/// form below never moves.
fn live_verdicts(app: &ZichaApp, ui: &mut Ui, rec: Option<&PersonRecord>) {
    ui.horizontal(|ui| {
        ui.set_min_height(24.0);
        let Some(rec) = rec else {
            ui.label(
                RichText::new("有填写不正确的项目，改正后显示核查结论").color(
                    super::super::widgets::verdict_color(crate::domain::Verdict::No),
                ),
            );
            return;
        };
        let check = app.data.check_draft(rec);
        let files = rec
            .person
            .id
            .and_then(|id| app.data.attachments.get(&id))
            .map_or(&[][..], Vec::as_slice);
        for v in check.verdicts() {
            let text = format!("{}：{}", v.kind.label(), v.value.label());
            let cited: Vec<&str> = crate::store::attachments::cited_for(files, v.kind)
                .iter()
                .map(|a| a.file_name.as_str())
                .collect();
            let mut hover = v.reasons.join("\n");
            if !cited.is_empty() {
                hover.push_str(&format!("\n作为依据的附件：{}", cited.join("、")));
            }
            verdict_label(ui, &text, v.value).on_hover_text(hover);
        }
        let open = check.flags.iter().filter(|f| !f.confirmed).count();
        if open > 0 {
            ui.label(RichText::new(format!("疑点 {open} 项")).strong());
        }
    });
}

/// A section's title: a label, not a control, so Tab goes from the last
/// field of one section straight to the first of the next.
fn section_title(ui: &mut Ui, title: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(title).strong().size(15.0));
    ui.separator();
}

/// The id of a cell of a row section (证书, 社保, 工作见证).
fn cell_id(section: &str, row: usize, column: usize) -> egui::Id {
    egui::Id::unique(("person_row", section, row, column))
}

/// A text cell of a row section: as wide as its text (at least `min`), with
/// the whole text on hover when it is long.
fn cell(ui: &mut Ui, id: egui::Id, text: &mut String, min: f32) -> egui::Response {
    let r = ui.add(
        egui::TextEdit::singleline(text)
            .id(id)
            .clip_text(false)
            .desired_width(min),
    );
    if text.chars().count() > 8 {
        r.on_hover_text(text.as_str())
    } else {
        r
    }
}

fn rows_section(app: &mut ZichaApp, ui: &mut Ui, errors: &[(Place, String)]) {
    let Some(editor) = app.editor.as_mut() else {
        return;
    };
    section_title(ui, &format!("证书（{}）", editor.texts.certs.len()));
    let mut remove = None;
    egui::Grid::new("certs").striped(true).show(ui, |ui| {
        let headers: Vec<egui::Id> = ["证书项目 *", "证书编号", "发证日期", "有效期至"]
            .iter()
            .map(|h| ui.strong(*h).id)
            .collect();
        ui.end_row();
        for (i, row) in editor.texts.certs.iter_mut().enumerate() {
            for (j, text) in row.iter_mut().enumerate() {
                let min = if j < 2 { 120.0 } else { 90.0 };
                cell(ui, cell_id("cert", i, j), text, min).labelled_by(headers[j]);
            }
            if ui.small_button("删除").clicked() {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove {
        editor.texts.certs.remove(i);
    }
    row_errors(ui, errors, |p| matches!(p, Place::Cert(_)), "证书第");
    if ui.button("添加证书").clicked() {
        editor.texts.certs.push(Default::default());
    }

    let (draft, _) = editor.build();
    let imported_si = draft
        .social_insurance
        .iter()
        .filter(|s| s.origin.is_some())
        .count();
    if imported_si == 0 {
        section_title(ui, &format!("社保（{} 个月）", editor.texts.si.len()));
    } else {
        section_title(
            ui,
            &format!(
                "社保（手工录入 {} 个月，导入 {imported_si} 条）",
                editor.texts.si.len()
            ),
        );
    }
    ui.label(
        RichText::new(format!(
            "核查窗口 {} 至 {}",
            app.data.ctx().first_month.chinese(),
            app.data.ctx().last_month.chinese()
        ))
        .weak(),
    );
    let data = &app.data;
    month_strip(ui, &data.months(&draft), &|m| {
        draft
            .social_insurance
            .iter()
            .filter(|s| s.month == m)
            .map(|s| {
                format!(
                    "{}：{}",
                    s.payer.as_deref().unwrap_or("本单位"),
                    data.origin_text(s.origin.as_ref())
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    imported_months(data, &mut app.remove_imported, ui, &draft);
    ui.horizontal_wrapped(|ui| {
        let from = ui.label("按月添加：从").id;
        ui.add(
            egui::TextEdit::singleline(&mut editor.si_range[0])
                .id(egui::Id::unique("si_range_from"))
                .hint_text("2023-07")
                .desired_width(70.0),
        )
        .labelled_by(from);
        let to = ui.label("到").id;
        ui.add(
            egui::TextEdit::singleline(&mut editor.si_range[1])
                .id(egui::Id::unique("si_range_to"))
                .hint_text("2024-06")
                .desired_width(70.0),
        )
        .labelled_by(to);
        let payer = ui.label("缴费单位").id;
        ui.add(
            egui::TextEdit::singleline(&mut editor.si_range[2])
                .id(egui::Id::unique("si_range_payer"))
                .hint_text("空白为本单位")
                .desired_width(150.0),
        )
        .labelled_by(payer);
        if ui.button("添加").clicked() {
            add_si_range(editor, &mut app.toasts);
        }
    });
    egui::CollapsingHeader::new("逐月明细")
        .id_salt("si_rows")
        .show(ui, |ui| {
            let mut remove = None;
            egui::Grid::new("si").striped(true).show(ui, |ui| {
                let month = ui.strong("缴费月份 *").id;
                let payer = ui.strong("缴费单位（空白为本单位）").id;
                ui.end_row();
                for (i, row) in editor.texts.si.iter_mut().enumerate() {
                    let [m, p] = row;
                    cell(ui, cell_id("si", i, 0), m, 80.0)
                        .labelled_by(month)
                        .on_hover_text("手工录入");
                    cell(ui, cell_id("si", i, 1), p, 240.0).labelled_by(payer);
                    if ui.small_button("删除").clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
            if let Some(i) = remove {
                editor.texts.si.remove(i);
            }
            if ui.button("添加一个月").clicked() {
                editor.texts.si.push(Default::default());
            }
        });
    row_errors(ui, errors, |p| matches!(p, Place::Si(_)), "社保第");

    let imported = draft.evidence.iter().filter(|e| e.origin.is_some()).count();
    if imported == 0 {
        section_title(ui, &format!("工作见证（{}）", editor.texts.evidence.len()));
    } else {
        section_title(
            ui,
            &format!(
                "工作见证（手工录入 {}，导入 {imported}）",
                editor.texts.evidence.len()
            ),
        );
        imported_evidence(
            &app.data,
            &mut app.remove_imported,
            &mut editor.show_all_evidence,
            ui,
            &draft,
        );
        ui.label(RichText::new("手工录入：").strong());
    }
    let mut remove = None;
    egui::Grid::new("evidence").striped(true).show(ui, |ui| {
        let headers: Vec<egui::Id> = ["日期 *", "类型", "编号", "说明"]
            .iter()
            .map(|h| ui.strong(*h).id)
            .collect();
        ui.end_row();
        let kinds: Vec<&str> = EvidenceKind::ALL.iter().map(|k| k.label()).collect();
        for (i, row) in editor.texts.evidence.iter_mut().enumerate() {
            let [date, kind, number, description] = row;
            cell(ui, cell_id("evidence", i, 0), date, 90.0)
                .labelled_by(headers[0])
                .on_hover_text("手工录入");
            choice(
                ui,
                cell_id("evidence", i, 1),
                kind,
                &kinds,
                90.0,
                "（未填）",
            )
            .labelled_by(headers[1]);
            cell(ui, cell_id("evidence", i, 2), number, 100.0).labelled_by(headers[2]);
            cell(ui, cell_id("evidence", i, 3), description, 140.0).labelled_by(headers[3]);
            if ui.small_button("删除").clicked() {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove {
        editor.texts.evidence.remove(i);
    }
    row_errors(
        ui,
        errors,
        |p| matches!(p, Place::Evidence(_)),
        "工作见证第",
    );
    if ui.button("添加工作见证").clicked() {
        editor.texts.evidence.push(Default::default());
    }
}

fn row_errors(
    ui: &mut Ui,
    errors: &[(Place, String)],
    which: impl Fn(&Place) -> bool,
    prefix: &str,
) {
    for (place, msg) in errors.iter().filter(|(p, _)| which(p)) {
        let n = match place {
            Place::Cert(i) | Place::Si(i) | Place::Evidence(i) => i + 1,
            Place::Field(_) => 0,
        };
        field_error(ui, &format!("{prefix}{n}行：{msg}"));
    }
}

fn add_si_range(editor: &mut PersonEditor, toasts: &mut super::super::widgets::Toasts) {
    use crate::domain::parse::parse_month;
    let [from, to, payer] = &editor.si_range;
    match (parse_month(from), parse_month(to)) {
        (Ok(Some(a)), Ok(Some(b))) if a <= b && a.months_until(b) < 240 => {
            for m in a.through(b) {
                editor.texts.si.push([m.iso(), payer.trim().to_string()]);
            }
            editor.si_range = Default::default();
        }
        (Ok(Some(_)), Ok(Some(_))) => toasts.error("终止月份应不早于起始月份，且跨度不超过20年"),
        (Err(m), _) | (_, Err(m)) => toasts.error(m),
        _ => toasts.error("请填写起始月份和终止月份"),
    }
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    let Some(editor) = app.editor.as_mut() else {
        return;
    };
    let (draft, errors) = editor.build();
    let is_new = editor.is_new();
    let dirty = editor.is_dirty();
    ui.horizontal(|ui| {
        let title = if is_new {
            "新增人员".to_string()
        } else {
            draft.name.clone()
        };
        ui.add(egui::Label::new(RichText::new(title).heading()).truncate());
        if dirty {
            ui.label(RichText::new("（有未保存的修改）").weak());
        }
    });
    let decisions = app
        .roster
        .selected
        .and_then(|id| app.data.record(id))
        .map(|r| r.decisions.clone())
        .unwrap_or_default();
    let record = errors.is_empty().then(|| PersonRecord {
        person: draft.clone(),
        decisions,
    });
    live_verdicts(app, ui, record.as_ref());
    ui.horizontal(|ui| {
        if ui
            .add_enabled(dirty || is_new, egui::Button::new("保存"))
            .on_hover_text("Ctrl+S")
            .clicked()
        {
            app.save_editor(None);
        }
        let Some(editor) = app.editor.as_mut() else {
            return;
        };
        if ui
            .add_enabled(dirty, egui::Button::new("取消修改"))
            .on_hover_text("Esc")
            .clicked()
        {
            editor.revert();
        }
        if let Some(id) = editor.original.id
            && ui.button("删除此人").clicked()
        {
            app.confirm_delete = Some(id);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("person_form")
        .auto_shrink(false)
        .show(ui, |ui| {
            for (title, fields) in SECTIONS.iter().take(4) {
                section_title(ui, title);
                let Some(editor) = app.editor.as_mut() else {
                    return;
                };
                for f in *fields {
                    field(ui, editor, *f, &errors);
                }
            }
            rows_section(app, ui, &errors);
            let (title, fields) = SECTIONS[4];
            section_title(ui, title);
            let Some(editor) = app.editor.as_mut() else {
                return;
            };
            for f in fields {
                field(ui, editor, *f, &errors);
            }
            section_title(ui, "附件材料");
            match app.editor.as_ref().and_then(|e| e.original.id) {
                Some(id) => super::attachments::section(app, ui, id),
                None => {
                    ui.label(RichText::new("保存此人后即可添加附件").weak());
                }
            }
        });
}

/// An imported record the clerk asked to remove, waiting for the note.
pub struct RemoveImported {
    pub person: i64,
    pub record: ImportedRecord,
    /// The record in words, with its source.
    pub what: String,
    pub note: String,
}

/// The height of one line of a list.
fn line_height(ui: &Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) + 6.0
}

/// The imported social-insurance months of the person: read-only, each with
/// its source on hover and a 移除 button.
fn imported_months(data: &Data, remove: &mut Option<RemoveImported>, ui: &mut Ui, person: &Person) {
    let rows: Vec<&SocialInsuranceMonth> = person
        .social_insurance
        .iter()
        .filter(|s| s.origin.is_some())
        .collect();
    let (Some(id), false) = (person.id, rows.is_empty()) else {
        return;
    };
    egui::CollapsingHeader::new(format!("导入的社保记录（{} 条，只读）", rows.len()))
        .id_salt("si_imported")
        .show(ui, |ui| {
            ui.label(
                RichText::new("从社保缴费记录导入，不能修改；有误时可移除（须写明原因）。")
                    .weak()
                    .small(),
            );
            super::super::widgets::rows_area(
                "si_imported_rows",
                ui,
                line_height(ui),
                rows.len(),
                220.0,
            )
            .show_rows(ui, line_height(ui), rows.len(), |ui, range| {
                for (i, s) in rows[range.clone()].iter().enumerate() {
                    let at = range.start + i;
                    let source = data.origin_text(s.origin.as_ref());
                    ui.horizontal(|ui| {
                        ui.add_sized([90.0, 18.0], egui::Label::new(s.month.chinese()))
                            .on_hover_text(&source);
                        let payer = s.payer.as_deref().unwrap_or("本单位");
                        ui.add_sized([200.0, 18.0], egui::Label::new(payer).truncate())
                            .on_hover_text(&source);
                        let file = s.origin.as_ref().map(|o| &*o.file).unwrap_or("");
                        ui.add(egui::Label::new(RichText::new(file).weak().small()).truncate())
                            .on_hover_text(&source);
                        if ui
                            .add(egui::Button::new("移除").small())
                            .on_hover_text("移除这条导入的记录（须写明原因）")
                            .clicked()
                        {
                            *remove = Some(RemoveImported {
                                person: id,
                                record: ImportedRecord::Month((*s).clone()),
                                what: format!(
                                    "社保 {}（{payer}），{}",
                                    s.month.chinese(),
                                    source.lines().next().unwrap_or_default()
                                ),
                                note: String::new(),
                            });
                        }
                        let _ = at;
                    });
                }
            });
        });
}

/// The imported work evidence of the person, summarised by month and kind
/// ("2024年3月 检验报告 42 份"); the whole list on demand, drawn only where
/// visible.
fn imported_evidence(
    data: &Data,
    remove: &mut Option<RemoveImported>,
    show_all: &mut bool,
    ui: &mut Ui,
    person: &Person,
) {
    let rows: Vec<&Evidence> = person
        .evidence
        .iter()
        .filter(|e| e.origin.is_some())
        .collect();
    let Some(id) = person.id else {
        return;
    };
    let mut by_month: std::collections::BTreeMap<(i32, u32, &str), (usize, Vec<&str>)> =
        Default::default();
    for e in &rows {
        let kind = e.kind.map(|k| k.label()).unwrap_or("工作见证");
        use chrono::Datelike;
        let entry = by_month
            .entry((e.date.year(), e.date.month(), kind))
            .or_default();
        entry.0 += 1;
        if let Some(o) = &e.origin
            && !entry.1.contains(&&*o.file)
        {
            entry.1.push(&*o.file);
        }
    }
    ui.label(RichText::new("导入的工作见证（只读，按月汇总）：").strong());
    let months: Vec<_> = by_month.iter().rev().collect();
    super::super::widgets::rows_area(
        "evidence_by_month",
        ui,
        line_height(ui),
        months.len(),
        160.0,
    )
    .show_rows(ui, line_height(ui), months.len(), |ui, range| {
        for ((y, m, kind), (n, files)) in &months[range] {
            ui.label(format!("{y}年{m}月　{kind} {n} 份"))
                .on_hover_text(format!("来源：{}", files.join("、")));
        }
    });
    let toggle = if *show_all {
        "收起明细".to_string()
    } else {
        format!("显示全部导入的工作见证（{} 条）", rows.len())
    };
    if ui.button(toggle).clicked() {
        *show_all = !*show_all;
    }
    if !*show_all {
        return;
    }
    super::super::widgets::rows_area(
        "evidence_imported_rows",
        ui,
        line_height(ui),
        rows.len(),
        260.0,
    )
    .show_rows(ui, line_height(ui), rows.len(), |ui, range| {
        for e in &rows[range] {
            let source = data.origin_text(e.origin.as_ref());
            ui.horizontal(|ui| {
                let number = e.number.as_deref().unwrap_or("");
                let text = format!(
                    "{}　{}　{}　{}",
                    e.date,
                    e.kind.map(|k| k.label()).unwrap_or(""),
                    number,
                    e.description.as_deref().unwrap_or("")
                );
                ui.add_sized(
                    [(ui.available_width() - 60.0).max(120.0), 18.0],
                    egui::Label::new(text).truncate(),
                )
                .on_hover_text(&source);
                if ui
                    .add(egui::Button::new("移除").small())
                    .on_hover_text("移除这条导入的记录（须写明原因）")
                    .clicked()
                {
                    *remove = Some(RemoveImported {
                        person: id,
                        record: ImportedRecord::Evidence((*e).clone()),
                        what: format!(
                            "工作见证 {} {number}，{}",
                            e.date,
                            source.lines().next().unwrap_or_default()
                        ),
                        note: String::new(),
                    });
                }
            });
        }
    });
}

/// 移除导入的记录: asks for the note (required), then pushes the command.
pub fn remove_dialog(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some(r) = app.remove_imported.as_mut() else {
        return;
    };
    let question = super::super::modal::NoteQuestion {
        id: "remove_imported",
        heading: "移除导入的记录",
        what: &r.what,
        explain: "移除后这条记录不再计入核查，仍保留在台账中并记入修改记录；再次导入同一文件也不会恢复。",
        label: "移除原因 *",
        hint: "必填，如：该月为补缴记录，已核实",
        confirm: "确认移除",
    };
    match super::super::modal::ask_with_note(ctx, &question, &mut r.note) {
        Some(true) => {
            if let Some(r) = app.remove_imported.take() {
                app.commands.push(Command::RemoveImported {
                    person: r.person,
                    record: Box::new(r.record),
                    note: r.note.trim().to_string(),
                });
            }
        }
        Some(false) => app.remove_imported = None,
        None => {}
    }
}
