//! The app's screens, one module each, and the frame that holds them.

pub mod annex2;
pub mod attachments;
pub mod backup;
pub mod history;
pub mod io;
pub mod kind;
pub mod person;
pub mod person_form;
pub mod print;
pub mod records_bulk;
pub mod results;
pub mod roster;
pub mod settings;
pub mod source_import;
pub mod submissions;
pub mod summary;
pub mod welcome;

use egui::RichText;

use super::{Command, Nav, PersonTab, Screen, ZichaApp};
use crate::store::Workspace;

/// The whole window: title bar, navigation, the current screen, dialogs.
pub fn frame(app: &mut ZichaApp, ui: &mut egui::Ui) {
    if app.choose_kind {
        egui::CentralPanel::default().show(ui, |ui| kind::show(app, ui));
        return;
    }
    egui::Panel::top("title").show(ui, |ui| {
        title_bar(app, ui);
        backup::audit_warning(app, ui);
    });
    egui::Panel::left("nav")
        .resizable(false)
        .exact_size(150.0)
        .show(ui, |ui| nav(app, ui));
    if app.screen == Screen::Roster && (app.editor.is_some() || app.roster.selected.is_some()) {
        egui::Panel::right("person")
            .resizable(true)
            .default_size(620.0)
            .min_size(480.0)
            .max_size((ui.ctx().content_rect().width() * 0.55).clamp(570.0, 800.0))
            .show(ui, |ui| person_pane(app, ui));
    }
    egui::CentralPanel::default().show(ui, |ui| match app.screen {
        Screen::Roster if app.data.roster.persons.is_empty() && app.editor.is_none() => {
            welcome::show(app, ui)
        }
        Screen::Roster => roster::show(app, ui),
        Screen::Summary => summary::show(app, ui),
        Screen::Io => io::show(app, ui),
        Screen::Submissions => submissions::show(app, ui),
        Screen::Backup => backup::show(app, ui),
        Screen::Settings => settings::show(app, ui),
        Screen::Receive => annex2::receive::show(app, ui),
        Screen::Agencies => annex2::agencies::show(app, ui),
        Screen::Figures => annex2::figures::show(app, ui),
        Screen::Cross => annex2::cross::show(app, ui),
        Screen::PrintAnnex2 => annex2::print::show(app, ui),
    });
    dialogs(app, ui.ctx());
}

fn title_bar(app: &mut ZichaApp, ui: &mut egui::Ui) {
    if app.data.workspace == Workspace::Annex2 {
        annex2::title_bar(app, ui);
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.heading("特种设备检验检测人员自查台账");
        if let Some(demo) = &app.demo {
            ui.label(
                RichText::new("示例数据（临时文件，不是正式台账）")
                    .strong()
                    .color(super::widgets::verdict_color(
                        crate::domain::Verdict::Pending,
                    )),
            );
            if demo.has_real() && ui.button("返回正式台账").clicked() {
                app.commands.push(Command::LeaveDemo);
            }
        }
        ui.separator();
        let s = &app.data.roster.settings;
        let name = if s.agency_name.is_empty() {
            "（未设置单位名称）"
        } else {
            s.agency_name.as_str()
        };
        ui.label(name);
        ui.separator();
        ui.label(format!(
            "核查基准日 {}　核查月数 {}",
            app.data.report.reference_date, app.data.report.window_months
        ));
        let pending = app.data.report.summary.pending;
        if pending > 0 {
            ui.separator();
            let r = ui.link(RichText::new(format!("待核实 {pending} 人")).color(
                super::widgets::verdict_color(crate::domain::Verdict::Pending),
            ));
            if r.on_hover_text("点击只看待核实人员").clicked() {
                app.roster.show_pending_only();
                app.navigate(Nav::Screen(Screen::Roster));
            }
        }
    });
}

fn nav(app: &mut ZichaApp, ui: &mut egui::Ui) {
    ui.add_space(8.0);
    for &s in Screen::of(app.data.workspace) {
        let selected = app.screen == s;
        let button = egui::Button::selectable(selected, RichText::new(s.label()).size(15.0));
        if ui.add_sized([ui.available_width(), 32.0], button).clicked() && !selected {
            app.navigate(Nav::Screen(s));
        }
    }
    ui.add_space(16.0);
    if app.data.workspace == Workspace::Roster
        && ui
            .add_sized(
                [ui.available_width(), 28.0],
                egui::Button::new("＋ 新增人员"),
            )
            .on_hover_text("Ctrl+N")
            .clicked()
    {
        app.navigate(Nav::NewPerson);
    }
    ui.with_layout(egui::Layout::bottom_up(egui::Align::Min), |ui| {
        if let Some(path) = app.data.store.path() {
            super::widgets::path_label(ui, "数据文件：", path);
        }
    });
}

fn person_pane(app: &mut ZichaApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        for (tab, label) in [
            (PersonTab::Details, "人员详情"),
            (PersonTab::Results, "核查结果"),
            (PersonTab::History, "修改记录"),
        ] {
            let enabled = tab == PersonTab::Details || app.roster.selected.is_some();
            if ui
                .add_enabled(enabled, egui::Button::selectable(app.tab == tab, label))
                .clicked()
            {
                app.tab = tab;
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("关闭").clicked() {
                app.navigate(Nav::Select(None));
            }
        });
    });
    ui.separator();
    match app.tab {
        PersonTab::Details => person::show(app, ui),
        PersonTab::Results => results::show(app, ui),
        PersonTab::History => history::show(app, ui),
    }
}

fn dialogs(app: &mut ZichaApp, ctx: &egui::Context) {
    match app.pending_nav {
        Some(nav) => unsaved_question(app, ctx, nav),
        None => ctx.data_mut(|d| d.remove::<bool>(egui::Id::unique("unsaved_focused"))),
    }
    if let Some(d) = app.found_draft.clone() {
        draft_question(app, ctx, d);
    }
    source_import::mapping_dialog(app, ctx);
    person::remove_dialog(app, ctx);
    attachments::remove_dialog(app, ctx);
    attachments::fill_dialog(app, ctx);
    if let Some(id) = app.confirm_delete {
        let name = app
            .data
            .record(id)
            .map(|r| r.person.name.clone())
            .unwrap_or_default();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("delete")).show(ctx, |ui| {
            ui.heading(format!("删除 {name}？"));
            ui.label(
                "将删除此人及其证书、社保、工作见证记录。删除后可立即撤销，修改记录中也会保留。",
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("确认删除").clicked() {
                    app.commands.push(Command::DeletePerson(id));
                    close = true;
                }
                if ui.button("取消").clicked() {
                    close = true;
                }
            });
        });
        if close {
            app.confirm_delete = None;
        }
    }
}

/// 有未保存的修改: asked before leaving the form, on Esc, and before the
/// window closes. A save that fails leaves the question open with the reason.
fn unsaved_question(app: &mut ZichaApp, ctx: &egui::Context, nav: Nav) {
    let mut close = false;
    let (heading, question) = match nav {
        Nav::Quit => (
            "关闭程序前有未保存的修改",
            "当前人员的修改尚未保存。关闭前要保存吗？",
        ),
        Nav::Stay => (
            "放弃修改？",
            "当前人员的修改尚未保存。要保存，还是放弃这些修改？",
        ),
        _ => ("有未保存的修改", "当前人员的修改尚未保存。要保存吗？"),
    };
    egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
        ui.heading(heading);
        ui.label(question);
        if app.save_refused {
            ui.label(
                RichText::new("有填写不正确的项目，未能保存。请取消后按红字提示改正，或放弃修改。")
                    .color(super::widgets::verdict_color(crate::domain::Verdict::No)),
            );
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let save = ui.button("保存");
            // The keyboard goes to the question as it opens (Enter saves,
            // Esc cancels), not to the field behind it.
            let opened = egui::Id::unique("unsaved_focused");
            if !ui.data(|d| d.get_temp::<bool>(opened).unwrap_or(false)) {
                save.request_focus();
                ui.data_mut(|d| d.insert_temp(opened, true));
            }
            if save.clicked() {
                app.save_editor(Some(nav));
                close = !app.save_refused;
            }
            if ui.button("放弃修改").clicked() {
                app.editor = None;
                app.go(nav);
                close = true;
            }
            if ui.button("取消").clicked() {
                close = true;
            }
        });
    });
    if close {
        app.pending_nav = None;
        app.save_refused = false;
    }
}

/// Offers back the form an earlier session left unsaved (closed by a
/// log-off, a shut-down or a crash).
fn draft_question(app: &mut ZichaApp, ctx: &egui::Context, d: super::draft::Draft) {
    let mut answered = None;
    egui::Modal::new(egui::Id::unique("found_draft")).show(ctx, |ui| {
        ui.heading("找到上次未保存的修改");
        let who = if d.name.trim().is_empty() {
            "一名人员".to_string()
        } else {
            d.name.trim().to_string()
        };
        let what = if d.person.is_some() {
            "修改"
        } else {
            "新增"
        };
        ui.label(format!(
            "上次关闭程序时，{who}的{what}尚未保存（例如电脑注销或关机）。要恢复这些填写吗？"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("恢复").clicked() {
                answered = Some(true);
            }
            if ui.button("放弃").clicked() {
                answered = Some(false);
            }
        });
    });
    match answered {
        Some(true) => {
            app.found_draft = None;
            app.restore_draft(d);
        }
        Some(false) => {
            app.found_draft = None;
            if let Some(db) = app.data.store.path() {
                super::draft::DraftKeeper::discard(db);
            }
        }
        None => {}
    }
}
