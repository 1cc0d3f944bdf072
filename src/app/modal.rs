//! The app's in-window questions (`egui::Modal`): the answering buttons, and
//! the question that needs a written reason before it can be confirmed
//! (移除附件, 移除导入的记录). A modal closed by Esc or a click outside
//! answers 取消.

use egui::{RichText, Ui};

use super::widgets::field_error;

/// 确认 (`confirm`, enabled when `ready`) and 取消: `Some(true)`, `Some(false)`,
/// or `None` while neither is clicked.
pub fn answer_buttons(ui: &mut Ui, confirm: &str, ready: bool) -> Option<bool> {
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.add_enabled(ready, egui::Button::new(confirm)).clicked() {
            answer = Some(true);
        }
        if ui.button("取消").clicked() {
            answer = Some(false);
        }
    });
    answer
}

/// Shows `body` in a modal at most `width` wide and returns the answer it
/// gave; a modal closed another way answers `Some(false)`.
pub fn ask(
    ctx: &egui::Context,
    id: &str,
    width: f32,
    body: impl FnOnce(&mut Ui) -> Option<bool>,
) -> Option<bool> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique(("modal", id))).show(ctx, |ui| {
        ui.set_max_width(width);
        answer = body(ui);
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(false);
    }
    answer
}

/// The wording of a question that needs a reason.
pub struct NoteQuestion<'a> {
    pub id: &'a str,
    pub heading: &'a str,
    /// What it is about (a file name, a record).
    pub what: &'a str,
    /// What confirming does, in a line.
    pub explain: &'a str,
    pub label: &'a str,
    pub hint: &'a str,
    pub confirm: &'a str,
}

/// A question whose 确认 waits for a reason typed into `note` (focused when
/// the question opens).
pub fn ask_with_note(ctx: &egui::Context, q: &NoteQuestion<'_>, note: &mut String) -> Option<bool> {
    ask(ctx, q.id, 520.0, |ui| {
        ui.heading(q.heading);
        ui.add(egui::Label::new(q.what).wrap());
        ui.add(egui::Label::new(RichText::new(q.explain).weak()).wrap());
        ui.add_space(6.0);
        let l = ui.label(q.label);
        let id = egui::Id::unique(("modal_note", q.id));
        let field = ui
            .add(
                egui::TextEdit::singleline(note)
                    .id(id)
                    .hint_text(q.hint)
                    .desired_width(460.0),
            )
            .labelled_by(l.id);
        if !ui.memory(|m| m.has_focus(id)) && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        let ready = !note.trim().is_empty();
        if !ready {
            field_error(ui, "请写明移除的原因");
        }
        ui.add_space(8.0);
        answer_buttons(ui, q.confirm, ready)
    })
}
