//! 人员详情: every field of the roster template in grouped sections,
//! validated as the clerk types, with live verdicts.

use egui::{RichText, Ui};

use crate::domain::{EvidenceKind, FieldKind, PersonField, PersonRecord};

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

/// One field: label, editor by kind, and its message.
fn field(ui: &mut Ui, editor: &mut PersonEditor, f: PersonField, errors: &[(Place, String)]) {
    let i = PersonField::ALL.iter().position(|x| *x == f).unwrap_or(0);
    ui.horizontal(|ui| {
        let label = field_label(ui, f.header(), f.required());
        let text = &mut editor.texts.fields[i];
        let choices: Option<Vec<&str>> = match f.kind() {
            FieldKind::YesNo => Some(vec!["是", "否"]),
            FieldKind::Choice(labels) => Some(labels()),
            _ => None,
        };
        match choices {
            Some(options) => {
                let shown = if text.is_empty() {
                    "（未填）".to_string()
                } else {
                    text.clone()
                };
                egui::ComboBox::from_id_salt(("field", i))
                    .selected_text(shown)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(text, String::new(), "（未填）");
                        for o in options {
                            ui.selectable_value(text, o.to_string(), o);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            None => {
                let edit = egui::TextEdit::singleline(text)
                    .hint_text(hint(f))
                    .desired_width(260.0);
                ui.add(edit).labelled_by(label.id);
            }
        }
    });
    for (place, msg) in errors {
        if *place == Place::Field(f) && editor.shows_error_for(*place) {
            ui.horizontal(|ui| {
                ui.add_space(118.0);
                field_error(ui, msg);
            });
        }
    }
}

fn live_verdicts(app: &ZichaApp, ui: &mut Ui, rec: &PersonRecord) {
    let check = app.data.check_draft(rec);
    ui.horizontal(|ui| {
        for v in check.verdicts() {
            let text = format!("{}：{}", v.kind.label(), v.value.label());
            verdict_label(ui, &text, v.value).on_hover_text(v.reasons.join("\n"));
        }
        let open = check.flags.iter().filter(|f| !f.confirmed).count();
        if open > 0 {
            ui.label(RichText::new(format!("疑点 {open} 项")).strong());
        }
    });
}

fn rows_section(app: &mut ZichaApp, ui: &mut Ui, errors: &[(Place, String)]) {
    let Some(editor) = app.editor.as_mut() else {
        return;
    };
    egui::CollapsingHeader::new(format!("证书（{}）", editor.texts.certs.len()))
        .default_open(true)
        .show(ui, |ui| {
            let mut remove = None;
            egui::Grid::new("certs").striped(true).show(ui, |ui| {
                let headers: Vec<egui::Id> = ["证书项目 *", "证书编号", "发证日期", "有效期至"]
                    .iter()
                    .map(|h| ui.strong(*h).id)
                    .collect();
                ui.end_row();
                for (i, row) in editor.texts.certs.iter_mut().enumerate() {
                    for (j, cell) in row.iter_mut().enumerate() {
                        ui.add(egui::TextEdit::singleline(cell).desired_width(if j == 0 {
                            110.0
                        } else {
                            95.0
                        }))
                        .labelled_by(headers[j]);
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
        });

    egui::CollapsingHeader::new(format!("社保（{} 个月）", editor.texts.si.len()))
        .default_open(true)
        .show(ui, |ui| {
            let (draft, _) = editor.build();
            ui.label(
                RichText::new(format!(
                    "核查窗口 {} 至 {}",
                    app.data.ctx().first_month.chinese(),
                    app.data.ctx().last_month.chinese()
                ))
                .weak(),
            );
            month_strip(ui, &app.data.months(&draft));
            ui.horizontal(|ui| {
                let from = ui.label("按月添加：从").id;
                ui.add(
                    egui::TextEdit::singleline(&mut editor.si_range[0])
                        .hint_text("2023-07")
                        .desired_width(70.0),
                )
                .labelled_by(from);
                let to = ui.label("到").id;
                ui.add(
                    egui::TextEdit::singleline(&mut editor.si_range[1])
                        .hint_text("2024-06")
                        .desired_width(70.0),
                )
                .labelled_by(to);
                let payer = ui.label("缴费单位").id;
                ui.add(
                    egui::TextEdit::singleline(&mut editor.si_range[2])
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
                            ui.add(egui::TextEdit::singleline(&mut row[0]).desired_width(80.0))
                                .labelled_by(month);
                            ui.add(egui::TextEdit::singleline(&mut row[1]).desired_width(240.0))
                                .labelled_by(payer);
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
        });

    egui::CollapsingHeader::new(format!("工作见证（{}）", editor.texts.evidence.len()))
        .default_open(true)
        .show(ui, |ui| {
            let mut remove = None;
            egui::Grid::new("evidence").striped(true).show(ui, |ui| {
                let headers: Vec<egui::Id> = ["日期 *", "类型", "编号", "说明"]
                    .iter()
                    .map(|h| ui.strong(*h).id)
                    .collect();
                let kind_header = Some(headers[1]);
                ui.end_row();
                for (i, row) in editor.texts.evidence.iter_mut().enumerate() {
                    ui.add(egui::TextEdit::singleline(&mut row[0]).desired_width(90.0))
                        .labelled_by(headers[0]);
                    let shown = if row[1].is_empty() {
                        "（未填）".to_string()
                    } else {
                        row[1].clone()
                    };
                    let combo = egui::ComboBox::from_id_salt(("evkind", i))
                        .selected_text(shown)
                        .width(90.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut row[1], String::new(), "（未填）");
                            for k in EvidenceKind::ALL {
                                ui.selectable_value(&mut row[1], k.label().to_string(), k.label());
                            }
                        });
                    if let Some(id) = kind_header {
                        combo.response.labelled_by(id);
                    }
                    ui.add(egui::TextEdit::singleline(&mut row[2]).desired_width(100.0))
                        .labelled_by(headers[2]);
                    ui.add(egui::TextEdit::singleline(&mut row[3]).desired_width(140.0))
                        .labelled_by(headers[3]);
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
        });
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
        ui.heading(title);
        if dirty {
            ui.label(RichText::new("（有未保存的修改）").weak());
        }
    });
    if errors.is_empty() {
        let decisions = app
            .roster
            .selected
            .and_then(|id| app.data.record(id))
            .map(|r| r.decisions.clone())
            .unwrap_or_default();
        live_verdicts(
            app,
            ui,
            &PersonRecord {
                person: draft.clone(),
                decisions,
            },
        );
    }
    ui.horizontal(|ui| {
        let Some(editor) = app.editor.as_mut() else {
            return;
        };
        if ui
            .add_enabled(dirty || is_new, egui::Button::new("保存"))
            .on_hover_text("Ctrl+S")
            .clicked()
        {
            if let Some(p) = editor.try_build() {
                app.commands.push(Command::SavePerson(Box::new(p), None));
            } else {
                app.toasts
                    .error("有填写不正确的项目，请按红字提示修改后再保存");
            }
        }
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
        .auto_shrink(false)
        .show(ui, |ui| {
            for (title, fields) in SECTIONS.iter().take(4) {
                egui::CollapsingHeader::new(*title)
                    .default_open(true)
                    .show(ui, |ui| {
                        let Some(editor) = app.editor.as_mut() else {
                            return;
                        };
                        for f in *fields {
                            field(ui, editor, *f, &errors);
                        }
                    });
            }
            rows_section(app, ui, &errors);
            let (title, fields) = SECTIONS[4];
            egui::CollapsingHeader::new(title)
                .default_open(true)
                .show(ui, |ui| {
                    let Some(editor) = app.editor.as_mut() else {
                        return;
                    };
                    for f in fields {
                        field(ui, editor, *f, &errors);
                    }
                });
        });
}
