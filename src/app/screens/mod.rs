//! The app's screens, one module each, and the frame that holds them.

pub mod backup;
pub mod history;
pub mod io;
pub mod person;
pub mod person_form;
pub mod print;
pub mod results;
pub mod roster;
pub mod settings;
pub mod summary;
pub mod welcome;

use egui::RichText;

use super::{Command, Nav, PersonTab, Screen, ZichaApp};

/// The whole window: title bar, navigation, the current screen, dialogs.
pub fn frame(app: &mut ZichaApp, ui: &mut egui::Ui) {
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
        Screen::Backup => backup::show(app, ui),
        Screen::Settings => settings::show(app, ui),
    });
    dialogs(app, ui.ctx());
}

fn title_bar(app: &mut ZichaApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("特种设备检验检测人员自查台账");
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
    for s in Screen::ALL {
        let selected = app.screen == s;
        let button = egui::Button::selectable(selected, RichText::new(s.label()).size(15.0));
        if ui.add_sized([ui.available_width(), 32.0], button).clicked() && !selected {
            app.navigate(Nav::Screen(s));
        }
    }
    ui.add_space(16.0);
    if ui
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
    if let Some(nav) = app.pending_nav {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
            ui.heading("有未保存的修改");
            ui.label("当前人员的修改尚未保存。要保存吗？");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("保存").clicked() {
                    if let Some(p) = app.editor.as_mut().and_then(|e| e.try_build()) {
                        app.commands
                            .push(Command::SavePerson(Box::new(p), Some(nav)));
                    }
                    close = true;
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
        }
    }
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
