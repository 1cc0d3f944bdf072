//! 修改记录: the audit trail of the selected person.

use egui_extras::{Column, TableBuilder};

use super::super::ZichaApp;
use crate::store::AuditEntry;

/// The trail of one person, read once per data generation rather than every frame.
#[derive(Default)]
pub struct HistoryCache {
    key: Option<(u64, i64)>,
    entries: Vec<AuditEntry>,
}

pub fn show(app: &mut ZichaApp, ui: &mut egui::Ui) {
    let Some(id) = app.roster.selected else {
        return;
    };
    let key = (app.data.generation, id);
    if app.history.key != Some(key) {
        match app.data.store.audit_for(id) {
            Ok(e) => {
                app.history = HistoryCache {
                    key: Some(key),
                    entries: e,
                }
            }
            Err(e) => {
                ui.label(format!("读取修改记录失败：{e}"));
                return;
            }
        }
    }
    let entries = &app.history.entries;
    if entries.is_empty() {
        ui.label("暂无修改记录");
        return;
    }
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::initial(120.0))
        .column(Column::initial(90.0))
        .column(Column::initial(70.0))
        .column(Column::initial(110.0))
        .column(Column::initial(150.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(24.0, |mut h| {
            for t in ["时间", "操作人", "操作", "项目", "原值 → 新值", "说明"] {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(24.0, entries.len(), |mut row| {
                let e = &entries[entries.len() - 1 - row.index()];
                row.col(|ui| {
                    ui.label(e.at.format("%Y-%m-%d %H:%M").to_string());
                });
                row.col(|ui| {
                    ui.label(&e.who);
                });
                row.col(|ui| {
                    ui.label(&e.action);
                });
                row.col(|ui| {
                    ui.label(crate::store::audit::field_label(&e.field));
                });
                let change = match (&e.old_value, &e.new_value) {
                    (Some(o), Some(n)) => format!(
                        "{} → {}",
                        if o.is_empty() { "（空）" } else { o },
                        if n.is_empty() { "（空）" } else { n }
                    ),
                    (None, Some(n)) => n.clone(),
                    (Some(o), None) if e.action == "删除" => "（已删除）".to_string(),
                    (Some(o), None) => o.clone(),
                    (None, None) => String::new(),
                };
                row.col(|ui| {
                    ui.label(&change).on_hover_text(&change);
                });
                row.col(|ui| {
                    ui.label(e.note.as_deref().unwrap_or(""));
                });
            });
        });
}
