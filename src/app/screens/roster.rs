//! 人员台账: every person in a virtualised, searchable, filterable, sortable table.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::checks::FlagCode;
use crate::domain::{Verdict, VerdictKind, idcard};

use super::super::data::Data;
use super::super::widgets::verdict_tag;
use super::super::{Command, Nav, ZichaApp};

/// Columns the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Seq,
    Name,
    Post,
    Employment,
    Verdict(VerdictKind),
    Flags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filters {
    pub verdict: [Option<Verdict>; 3],
    pub pending: bool,
    pub flagged: bool,
    pub expired: bool,
    pub expiring: bool,
}

#[derive(Default)]
pub struct RosterView {
    pub search: String,
    pub filters: Filters,
    pub sort: SortColumn,
    pub descending: bool,
    pub selected: Option<i64>,
    /// Rows shown, as indices into the roster, in display order.
    pub visible: Vec<usize>,
    pub focus_search: bool,
    pub reselect_after_reload: bool,
    scroll_to_selected: bool,
}

impl RosterView {
    pub fn show_pending_only(&mut self) {
        self.filters = Filters {
            pending: true,
            ..Filters::default()
        };
        self.search.clear();
    }

    pub fn show_expiring_only(&mut self) {
        self.filters = Filters {
            expiring: true,
            ..Filters::default()
        };
        self.search.clear();
    }

    /// Recomputes the visible rows after the data, the search or a filter changed.
    pub fn refresh(&mut self, data: &Data) {
        let rows = &data.report.rows;
        let f = self.filters;
        let mut visible: Vec<usize> = (0..rows.len())
            .filter(|&i| data.keys[i].matches(&self.search))
            .filter(|&i| {
                let c = &rows[i].check;
                VerdictKind::ALL
                    .iter()
                    .enumerate()
                    .all(|(k, kind)| f.verdict[k].is_none_or(|v| c.verdict(*kind).value == v))
                    && (!f.pending || c.is_pending())
                    && (!f.flagged || c.flags.iter().any(|x| !x.confirmed))
                    && (!f.expired || c.flags.iter().any(|x| x.code == FlagCode::CertExpired))
                    && (!f.expiring || c.has_flag(FlagCode::CertExpiring))
            })
            .collect();
        let persons = &data.roster.persons;
        let key = |i: &usize| -> String {
            let p = &persons[*i].person;
            match self.sort {
                SortColumn::Seq => format!("{:08}", i),
                SortColumn::Name => crate::search::sort_key(&p.name),
                SortColumn::Post => p.post.clone().unwrap_or_default(),
                SortColumn::Employment => p
                    .employment
                    .map(|e| e.label())
                    .unwrap_or_default()
                    .to_string(),
                SortColumn::Verdict(k) => rows[*i].check.verdict(k).value.label().to_string(),
                SortColumn::Flags => format!(
                    "{:04}",
                    rows[*i].check.flags.iter().filter(|f| !f.confirmed).count()
                ),
            }
        };
        visible.sort_by_cached_key(key);
        if self.descending {
            visible.reverse();
        }
        self.visible = visible;
    }
}

fn sort_header(
    ui: &mut egui::Ui,
    app: &mut ZichaApp,
    title: &str,
    column: SortColumn,
) -> egui::Response {
    let arrow = match (app.roster.sort == column, app.roster.descending) {
        (true, false) => " ▲",
        (true, true) => " ▼",
        _ => "",
    };
    let r =
        ui.add(egui::Button::new(RichText::new(format!("{title}{arrow}")).strong()).frame(false));
    if r.clicked() {
        if app.roster.sort == column {
            app.roster.descending = !app.roster.descending;
        } else {
            app.roster.sort = column;
            app.roster.descending = false;
        }
        app.roster.refresh(&app.data);
    }
    r
}

fn toolbar(app: &mut ZichaApp, ui: &mut egui::Ui) {
    let mut changed = false;
    // Wrapped, so every filter stays on screen in a small window.
    let full = ui.available_width();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("搜索");
        // Beside its label on one line, however narrow the roster.
        let width = (full - 60.0).clamp(120.0, 280.0);
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut app.roster.search)
                    .hint_text("姓名、拼音首字母（如 wjg）或身份证号后几位")
                    .desired_width(width),
            )
            .labelled_by(label.id);
        if app.roster.focus_search {
            search.request_focus();
            app.roster.focus_search = false;
        }
        changed |= search.changed();
        ui.separator();
        for (k, kind) in VerdictKind::ALL.iter().enumerate() {
            let current = app.roster.filters.verdict[k];
            let text = current.map(|v| v.label()).unwrap_or("全部");
            // The label and its list go to the next line together (a nested
            // layout would not wrap; a label would wrap inside itself).
            if ui.available_size_before_wrap().x < 130.0 {
                ui.end_row();
            }
            {
                let label =
                    ui.add(egui::Label::new(kind.label()).wrap_mode(egui::TextWrapMode::Extend));
                // “-” in the list means 不涉及.
                egui::ComboBox::from_id_salt(("filter", k))
                    .selected_text(text)
                    .width(70.0)
                    .show_ui(ui, |ui| {
                        changed |= ui
                            .selectable_value(&mut app.roster.filters.verdict[k], None, "全部")
                            .changed();
                        for v in Verdict::ALL {
                            changed |= ui
                                .selectable_value(
                                    &mut app.roster.filters.verdict[k],
                                    Some(*v),
                                    v.label(),
                                )
                                .changed();
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
        }
        changed |= ui
            .toggle_value(&mut app.roster.filters.pending, "待核实")
            .changed();
        changed |= ui
            .toggle_value(&mut app.roster.filters.flagged, "有疑点")
            .changed();
        changed |= ui
            .toggle_value(&mut app.roster.filters.expired, "证书过期")
            .changed();
        changed |= ui
            .toggle_value(
                &mut app.roster.filters.expiring,
                FlagCode::CertExpiring.label(),
            )
            .changed();
        if ui.button("清除筛选").clicked() {
            app.roster.filters = Filters::default();
            app.roster.search.clear();
            changed = true;
        }
    });
    if changed {
        app.roster.refresh(&app.data);
    }
    if let Some(rec) = &app.undo {
        let name = rec.person.name.clone();
        ui.horizontal(|ui| {
            ui.label(format!("已删除 {name}。"));
            if ui.button("撤销删除").clicked() {
                app.commands.push(Command::UndoDelete);
            }
        });
    }
}

/// The highlight of a person holding a certificate about to expire.
pub const EXPIRING_COLOR: egui::Color32 = egui::Color32::from_rgb(0xC0, 0x6A, 0x00);

fn expiring_text(c: &crate::checks::PersonCheck) -> String {
    c.flags
        .iter()
        .filter(|f| f.code == FlagCode::CertExpiring)
        .map(|f| f.message.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the verdict marks mean, wherever verdicts are shown.
pub const LEGEND: &str = "“-”表示不涉及";

pub fn show(app: &mut ZichaApp, ui: &mut egui::Ui) {
    toolbar(app, ui);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "共 {} 人，显示 {} 人",
                app.data.roster.persons.len(),
                app.roster.visible.len()
            ))
            .weak(),
        );
        ui.label(RichText::new(LEGEND).weak());
    });
    ui.separator();
    let selected_row = app
        .roster
        .selected
        .and_then(|id| app.data.index_of(id))
        .and_then(|i| app.roster.visible.iter().position(|v| *v == i));
    // Clicks on a row's text select the row, not the text.
    ui.style_mut().interaction.selectable_labels = false;
    let mut clicked = None;
    // Scrolls sideways when the window (or the person panel) leaves the table
    // too little room: every column stays reachable.
    egui::ScrollArea::horizontal()
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(54.0))
                .column(Column::initial(80.0).at_least(60.0))
                .column(Column::initial(150.0).at_least(80.0))
                .column(Column::initial(100.0).at_least(60.0).clip(true))
                .column(Column::initial(70.0))
                .columns(Column::initial(84.0), 3)
                .column(Column::initial(44.0))
                .column(Column::remainder());
            if app.roster.scroll_to_selected {
                if let Some(r) = selected_row {
                    table = table.scroll_to_row(r, Some(egui::Align::Center));
                }
                app.roster.scroll_to_selected = false;
            }
            table
                .header(26.0, |mut h| {
                    h.col(|ui| {
                        sort_header(ui, app, "序号", SortColumn::Seq);
                    });
                    h.col(|ui| {
                        sort_header(ui, app, "姓名", SortColumn::Name);
                    });
                    h.col(|ui| {
                        ui.strong("身份证号");
                    });
                    h.col(|ui| {
                        sort_header(ui, app, "岗位", SortColumn::Post);
                    });
                    h.col(|ui| {
                        sort_header(ui, app, "用工形式", SortColumn::Employment);
                    });
                    for kind in VerdictKind::ALL {
                        h.col(|ui| {
                            sort_header(ui, app, kind.label(), SortColumn::Verdict(*kind))
                                .on_hover_text(format!("{}？{LEGEND}", kind.question()));
                        });
                    }
                    h.col(|ui| {
                        sort_header(ui, app, "疑点", SortColumn::Flags);
                    });
                    h.col(|ui| {
                        ui.strong("人工认定");
                    });
                })
                .body(|body| {
                    let data = &app.data;
                    let visible = &app.roster.visible;
                    body.rows(28.0, visible.len(), |mut row| {
                        let i = visible[row.index()];
                        let rec = &data.roster.persons[i];
                        let report = &data.report.rows[i];
                        let p = &rec.person;
                        row.set_selected(p.id.is_some() && p.id == app.roster.selected);
                        row.col(|ui| {
                            ui.label(report.seq.to_string());
                        });
                        row.col(|ui| {
                            // 证书即将到期: the name is highlighted, the
                            // certificates and dates show on hover.
                            if report.check.has_flag(FlagCode::CertExpiring) {
                                ui.label(RichText::new(&p.name).color(EXPIRING_COLOR).strong())
                                    .on_hover_text(expiring_text(&report.check));
                            } else {
                                ui.label(&p.name);
                            }
                        });
                        row.col(|ui| {
                            ui.label(p.id_number.as_deref().map(idcard::mask).unwrap_or_default());
                        });
                        row.col(|ui| {
                            ui.label(p.post.as_deref().unwrap_or(""));
                        });
                        row.col(|ui| {
                            ui.label(p.employment.map(|e| e.label()).unwrap_or(""));
                        });
                        for v in report.check.verdicts() {
                            row.col(|ui| {
                                verdict_tag(ui, v.value, false);
                            });
                        }
                        let open = report.check.flags.iter().filter(|f| !f.confirmed).count();
                        row.col(|ui| {
                            if open > 0 {
                                ui.label(
                                    RichText::new(open.to_string())
                                        .color(super::super::widgets::verdict_color(
                                            Verdict::Pending,
                                        ))
                                        .strong(),
                                );
                            }
                        });
                        let manual = report
                            .check
                            .verdicts()
                            .iter()
                            .filter(|v| v.manual.is_some())
                            .count();
                        row.col(|ui| {
                            if manual > 0 {
                                ui.label("人工认定");
                            }
                        });
                        if row.response().clicked() {
                            clicked = p.id;
                        }
                    });
                });
        });
    if let Some(id) = clicked {
        app.navigate(Nav::Select(Some(id)));
    }
}

impl RosterView {
    /// Keeps the selected row in view after a reload (e.g. after saving).
    pub fn keep_selected_in_view(&mut self) {
        self.scroll_to_selected = true;
    }
}
