//! The 考试机构 on the 附件2 page: added by hand (名称, 存在问题说明,
//! 整改情况说明), shown in list (二), removed with 删除 after a question.

use egui::Ui;

use super::super::super::Command;
use super::super::super::modal;
use crate::store::annex2::ExamRow;

#[derive(Default)]
pub struct ExamForm {
    /// 名称, 存在问题说明, 整改情况说明 as typed.
    fields: [String; 3],
    /// The 考试机构 whose 删除 was pressed (id, name): the question is open.
    pub removing: Option<(i64, String)>,
}

/// The fields and 添加考试机构.
pub fn add(ui: &mut Ui, form: &mut ExamForm, commands: &mut Vec<Command>) {
    ui.strong("添加监督检查过的考试机构");
    let labels = ["考试机构名称", "存在问题说明", "整改情况说明"];
    for (label, field) in labels.iter().zip(form.fields.iter_mut()) {
        ui.horizontal(|ui| {
            let l = super::figures::label_cell(ui, 130.0, label);
            ui.add(egui::TextEdit::singleline(field).desired_width(420.0))
                .labelled_by(l.id);
        });
    }
    let named = !form.fields[0].trim().is_empty();
    if ui
        .add_enabled(named, egui::Button::new("添加考试机构"))
        .on_disabled_hover_text("请先填写考试机构名称")
        .clicked()
    {
        let [name, problems, rectification] = std::mem::take(&mut form.fields);
        commands.push(Command::AddExam(ExamRow {
            name: name.trim().to_string(),
            problems: problems.trim().to_string(),
            rectification: rectification.trim().to_string(),
        }));
    }
}

/// The question after 删除: 确认删除 removes the 考试机构 (in the 修改记录).
pub fn remove_dialog(ctx: &egui::Context, form: &mut ExamForm, commands: &mut Vec<Command>) {
    let Some((id, name)) = form.removing.clone() else {
        return;
    };
    let answer = modal::ask(ctx, "annex2_exam_remove", 480.0, |ui| {
        ui.heading("删除考试机构");
        ui.add(egui::Label::new(format!("从清单（二）中删除“{name}”？")).wrap());
        ui.add(
            egui::Label::new("附件2的“开展监督检查的考试机构数量”随之减少；删除记入修改记录。")
                .wrap(),
        );
        ui.add_space(8.0);
        modal::answer_buttons(ui, "确认删除", true)
    });
    match answer {
        Some(true) => {
            commands.push(Command::RemoveExam { id, name });
            form.removing = None;
        }
        Some(false) => form.removing = None,
        None => {}
    }
}
