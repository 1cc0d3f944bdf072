//! The clerk's desktop app (eframe/egui). It holds view state only and asks the
//! core to act through [`command::Command`]s applied in one place.

mod command;
mod data;
pub mod fonts;
mod jobs;
mod screens;
mod widgets;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::PersonRecord;
use crate::error::{Error, Result};
use crate::store::Store;

pub use command::Command;
use data::Data;
use screens::person_form::PersonEditor;
use screens::roster::RosterView;

/// The screens of the left-hand navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Roster,
    Summary,
    Io,
    Backup,
    Settings,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Roster,
        Screen::Summary,
        Screen::Io,
        Screen::Backup,
        Screen::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Screen::Roster => "人员台账",
            Screen::Summary => "汇总",
            Screen::Io => "导入 / 导出 / 打印",
            Screen::Backup => "备份与修改记录",
            Screen::Settings => "设置",
        }
    }
}

/// The tabs of the person pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonTab {
    Details,
    Results,
    History,
}

/// Where the clerk asked to go while the form had unsaved changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Select(Option<i64>),
    NewPerson,
    Screen(Screen),
}

pub struct ZichaApp {
    data: Data,
    screen: Screen,
    roster: RosterView,
    editor: Option<PersonEditor>,
    tab: PersonTab,
    results: screens::results::ResultsForm,
    settings: screens::settings::SettingsForm,
    summary: screens::summary::StaffingForm,
    io: screens::io::IoState,
    print: screens::print::PrintState,
    history: screens::history::HistoryCache,
    commands: Vec<Command>,
    toasts: widgets::Toasts,
    pending_nav: Option<Nav>,
    confirm_delete: Option<i64>,
    undo: Option<PersonRecord>,
    backup: screens::backup::BackupState,
    /// Check the 修改记录 chain again after the current command (a restore).
    audit_stale: bool,
    /// The single-instance lock of the database, held while the window is open.
    _lock: Option<crate::store::InstanceLock>,
}

impl ZichaApp {
    /// The app over an open store; `today` stands for an unset 核查基准日.
    pub fn new(store: Store, today: NaiveDate) -> Result<Self> {
        let data = Data::new(store, today)?;
        let settings = screens::settings::SettingsForm::from(&data.roster.settings);
        let summary = screens::summary::StaffingForm::from(&data.roster.staffing);
        let mut app = ZichaApp {
            data,
            screen: Screen::Roster,
            roster: RosterView::default(),
            editor: None,
            tab: PersonTab::Details,
            results: Default::default(),
            settings,
            summary,
            io: Default::default(),
            print: Default::default(),
            history: Default::default(),
            commands: Vec::new(),
            toasts: Default::default(),
            pending_nav: None,
            confirm_delete: None,
            undo: None,
            backup: Default::default(),
            audit_stale: false,
            _lock: None,
        };
        app.after_reload();
        Ok(app)
    }

    /// Draws one frame and applies what the clerk asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.shortcuts(ui.ctx());
        screens::frame(self, ui);
        self.apply_commands();
        self.toasts.show(ui.ctx());
    }

    /// Asks to go somewhere; asks first when the form has unsaved changes.
    pub fn navigate(&mut self, nav: Nav) {
        if self.editor.as_ref().is_some_and(|e| e.is_dirty()) {
            self.pending_nav = Some(nav);
            return;
        }
        self.go(nav);
    }

    fn go(&mut self, nav: Nav) {
        match nav {
            Nav::Select(id) => {
                self.screen = Screen::Roster;
                self.select_person(id);
            }
            Nav::NewPerson => {
                self.screen = Screen::Roster;
                self.roster.selected = None;
                self.editor = Some(PersonEditor::new_person());
                self.tab = PersonTab::Details;
            }
            Nav::Screen(s) => self.screen = s,
        }
    }

    fn select_person(&mut self, id: Option<i64>) {
        self.roster.selected = id;
        self.editor = id
            .and_then(|id| self.data.record(id))
            .map(|r| PersonEditor::from_person(&r.person));
        self.results = Default::default();
    }

    fn close_person(&mut self) {
        self.roster.selected = None;
        self.editor = None;
    }

    /// After a save: keep the saved person selected with a fresh form, or go
    /// where the clerk was heading.
    fn editor_saved(&mut self, id: Option<i64>, then: Option<Nav>) {
        self.editor = None;
        match then {
            Some(nav) => self.go(nav),
            None => {
                self.roster.selected = id;
                self.roster.reselect_after_reload = true;
                self.roster.keep_selected_in_view();
            }
        }
    }

    /// Refreshes view state that depends on the data.
    fn after_reload(&mut self) {
        self.roster.refresh(&self.data);
        if self.roster.reselect_after_reload || self.editor.is_none() {
            self.roster.reselect_after_reload = false;
            if let Some(id) = self.roster.selected {
                self.editor = self
                    .data
                    .record(id)
                    .map(|r| PersonEditor::from_person(&r.person));
            }
        }
        self.settings = screens::settings::SettingsForm::from(&self.data.roster.settings);
        self.summary = screens::summary::StaffingForm::from(&self.data.roster.staffing);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let pressed = |k| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, k)))
        };
        if pressed(Key::F) {
            self.screen = Screen::Roster;
            self.roster.focus_search = true;
        }
        if pressed(Key::N) {
            self.navigate(Nav::NewPerson);
        }
        if pressed(Key::S)
            && let Some(e) = &mut self.editor
            && let Some(p) = e.try_build()
        {
            self.commands.push(Command::SavePerson(Box::new(p), None));
        }
        if pressed(Key::P) {
            self.navigate(Nav::Screen(Screen::Io));
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            if self.pending_nav.is_some() || self.confirm_delete.is_some() {
                self.pending_nav = None;
                self.confirm_delete = None;
            } else if let Some(e) = &mut self.editor {
                e.revert();
            }
        }
    }
}

impl eframe::App for ZichaApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// Opens the app window on `db` (the default database when `None`); with
/// `demo`, on a temporary database holding the demo roster.
pub fn run(db: Option<PathBuf>, demo: bool) -> Result<()> {
    let opened = match open(db.clone(), demo) {
        Err(Error::Damaged {
            backup: Some(backup),
            ..
        }) if !demo => offer_backup(db, &backup),
        other => other,
    };
    match opened {
        Ok((app, temp)) => {
            let result = launch(app);
            if let Some(dir) = temp {
                let _ = std::fs::remove_dir_all(dir);
            }
            result
        }
        Err(e) => {
            // Started from Explorer there is no console: say it in a window.
            message_box(&format!("无法打开台账：{e}"));
            Err(e)
        }
    }
}

/// The database is damaged and a good backup exists: offer it; on yes, move
/// the damaged file aside, restore the backup and open it.
fn offer_backup(db: Option<PathBuf>, backup: &Path) -> Result<(ZichaApp, Option<PathBuf>)> {
    let path = crate::store::db_path(db.as_deref())?;
    let question = format!(
        "台账数据库 {} 已损坏，无法安全打开。\n\n最近一份完好的备份是：\n{}\n\n要用这份备份恢复吗？损坏的文件会改名保留在原文件夹中，不会删除。",
        path.display(),
        backup.display()
    );
    let answer = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Warning)
        .set_title("台账数据库已损坏")
        .set_description(question)
        .set_buttons(rfd::MessageButtons::YesNo)
        .show();
    if answer != rfd::MessageDialogResult::Yes {
        return Err(Error::Other(format!(
            "台账数据库 {} 已损坏，未恢复。下次打开本程序时会再次提示；也可运行：zicha --db \"{}\" restore \"{}\"",
            path.display(),
            path.display(),
            backup.display()
        )));
    }
    crate::store::restore_file(&path, backup)?;
    let (mut app, temp) = open(db, false)?;
    app.toasts
        .info(format!("已用备份 {} 恢复台账", backup.display()));
    Ok((app, temp))
}

fn message_box(message: &str) {
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("特种设备检验检测人员自查台账")
        .set_description(message)
        .show();
}

/// Opens the store (or the demo) and builds the app; returns the temporary
/// folder to remove afterwards.
fn open(db: Option<PathBuf>, demo: bool) -> Result<(ZichaApp, Option<PathBuf>)> {
    let today = chrono::Local::now().date_naive();
    if demo {
        let dir = std::env::temp_dir().join(format!("zicha-demo-{}", std::process::id()));
        let path = dir.join("示例台账.db");
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path)?;
        crate::demo::load_into(&mut store)?;
        return Ok((ZichaApp::new(store, today)?, Some(dir)));
    }
    let opened = crate::store::open_store(db.as_deref(), true)?;
    let mut app = ZichaApp::new(opened.store, today)?;
    app._lock = Some(opened.lock);
    if let Err(e) = opened.daily_backup {
        app.toasts.error(format!("今日的自动备份未能完成：{e}"));
    }
    Ok((app, None))
}

fn native_options(renderer: eframe::Renderer) -> eframe::NativeOptions {
    eframe::NativeOptions {
        renderer,
        viewport: egui::ViewportBuilder::default()
            .with_title("特种设备检验检测人员自查台账")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    }
}

/// Starts the window with wgpu, falling back to glow, then to a message box.
fn launch(app: ZichaApp) -> Result<()> {
    let mut slot = Some(app);
    let mut errors = Vec::new();
    for renderer in [eframe::Renderer::Wgpu, eframe::Renderer::Glow] {
        let Some(app) = slot.take() else { break };
        let cell = std::rc::Rc::new(std::cell::RefCell::new(Some(app)));
        let for_creator = cell.clone();
        let outcome = eframe::run_native(
            "zicha",
            native_options(renderer),
            Box::new(move |cc| {
                fonts::install(&cc.egui_ctx);
                for_creator
                    .borrow_mut()
                    .take()
                    .map(|a| Box::new(a) as Box<dyn eframe::App>)
                    .ok_or_else(|| "程序状态丢失".into())
            }),
        );
        match outcome {
            Ok(()) => return Ok(()),
            Err(e) => {
                errors.push(format!("{renderer:?}: {e}"));
                // The app was not taken if the renderer failed before creating it.
                slot = cell.borrow_mut().take();
                if slot.is_none() {
                    break;
                }
            }
        }
    }
    let message = format!(
        "无法打开程序窗口：本机的图形环境不可用。\n\n请确认已安装显卡驱动，或在远程桌面中启用图形加速后重试。\n\n技术信息：{}",
        errors.join("；")
    );
    message_box(&message);
    Err(Error::Other(message))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_backup;
