//! The clerk's desktop app (eframe/egui). It holds view state only and asks the
//! core to act through [`command::Command`]s applied in one place.

mod command;
mod data;
mod dialogs;
mod draft;
pub mod fonts;
mod input_pace;
mod jobs;
mod modal;
mod screens;
mod widgets;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::PersonRecord;
use crate::error::{Error, Result};
use crate::store::{Store, Workspace};

pub use command::Command;
use data::Data;
use screens::person_form::PersonEditor;
use screens::roster::RosterView;

/// The screens of the left-hand navigation: an agency's roster screens, the
/// regulator's 辖区汇总 screens, and 备份与修改记录 for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Roster,
    Summary,
    Io,
    Submissions,
    Backup,
    Settings,
    /// 接收附件1 (辖区汇总).
    Receive,
    /// 各单位情况 (辖区汇总).
    Agencies,
    /// 附件2 figures, list (二) and 考试机构 (辖区汇总).
    Figures,
    /// 跨机构挂证 (辖区汇总).
    Cross,
    /// 打印附件2 (辖区汇总).
    PrintAnnex2,
}

impl Screen {
    /// An agency's roster screens, in the navigation's order.
    pub const ROSTER: [Screen; 6] = [
        Screen::Roster,
        Screen::Summary,
        Screen::Io,
        Screen::Submissions,
        Screen::Backup,
        Screen::Settings,
    ];

    /// A regulator's 辖区汇总 screens, in the navigation's order.
    pub const ANNEX2: [Screen; 6] = [
        Screen::Receive,
        Screen::Agencies,
        Screen::Figures,
        Screen::Cross,
        Screen::PrintAnnex2,
        Screen::Backup,
    ];

    /// The screens of a kind of file.
    pub fn of(kind: Workspace) -> &'static [Screen] {
        match kind {
            Workspace::Roster => &Screen::ROSTER,
            Workspace::Annex2 => &Screen::ANNEX2,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Screen::Roster => "人员台账",
            Screen::Summary => "汇总",
            Screen::Io => "导入 / 导出 / 打印",
            Screen::Submissions => "报送记录",
            Screen::Backup => "备份与修改记录",
            Screen::Settings => "设置",
            Screen::Receive => "接收附件1",
            Screen::Agencies => "各单位情况",
            Screen::Figures => "附件2",
            Screen::Cross => "跨机构挂证",
            Screen::PrintAnnex2 => "打印附件2",
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
    /// Stay on the person (Esc on a changed form: save, or throw the edits away).
    Stay,
    /// Close the window.
    Quit,
}

/// The demo roster the clerk opened from the welcome screen: a temporary
/// file, with the real roster kept aside to return to.
pub struct DemoSession {
    /// The real roster, open and locked, while the demo is shown.
    real: Option<Data>,
    /// The temporary folder of the demo file, removed on return or exit.
    dir: PathBuf,
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
    submissions: screens::submissions::SubmissionsState,
    history: screens::history::HistoryCache,
    commands: Vec<Command>,
    toasts: widgets::Toasts,
    pending_nav: Option<Nav>,
    confirm_delete: Option<i64>,
    /// An imported record waiting for the note that removes it.
    remove_imported: Option<screens::person::RemoveImported>,
    /// 附件材料: the category chosen, a removal waiting for its note, the temporary copies.
    attachments: screens::attachments::AttachmentsState,
    undo: Option<PersonRecord>,
    backup: screens::backup::BackupState,
    /// The single-instance lock of the database, held while the window is open.
    _lock: Option<crate::store::InstanceLock>,
    /// The unsaved form kept on disk while the clerk types.
    drafts: draft::DraftKeeper,
    /// A form left unsaved by an earlier session, offered back at start.
    found_draft: Option<draft::Draft>,
    /// The demo roster, when one is shown instead of the real one.
    demo: Option<DemoSession>,
    /// Close the window at the end of this frame (the clerk answered the question).
    quit: bool,
    /// The message shown in the unsaved-changes question after a failed save.
    save_refused: bool,
    /// One focus change a frame (keys after a Tab wait for the next frame).
    pace: input_pace::InputPace,
    /// A blank file: ask which kind of file to make before anything else.
    choose_kind: bool,
    /// The regulator's screens' fields (辖区汇总).
    regulator: screens::annex2::RegulatorState,
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
            submissions: Default::default(),
            history: Default::default(),
            commands: Vec::new(),
            toasts: Default::default(),
            pending_nav: None,
            confirm_delete: None,
            remove_imported: None,
            attachments: Default::default(),
            undo: None,
            backup: Default::default(),
            _lock: None,
            drafts: Default::default(),
            found_draft: None,
            demo: None,
            quit: false,
            save_refused: false,
            pace: Default::default(),
            choose_kind: false,
            regulator: Default::default(),
        };
        if app.data.workspace == Workspace::Annex2 {
            app.screen = Screen::Receive;
        }
        app.found_draft = app.data.store.path().and_then(draft::load);
        // What opening the file found for the clerk to decide (e.g. two
        // persons on one 身份证号 after an upgrade): shown until closed.
        for note in app.data.store.open_notes().to_vec() {
            app.toasts.error(note);
        }
        app.after_reload();
        Ok(app)
    }

    /// On a blank file: the first screen asks which kind of file to make
    /// (本单位自查台账 or 辖区汇总（附件2）).
    pub fn ask_kind(&mut self) {
        self.choose_kind = true;
    }

    /// Draws one frame and applies what the clerk asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.shortcuts(ui.ctx());
        jobs::poll(self);
        match self.data.workspace {
            Workspace::Roster => screens::attachments::take_dropped(self, ui.ctx()),
            Workspace::Annex2 => screens::annex2::receive::take_dropped(self, ui.ctx()),
        }
        screens::frame(self, ui);
        self.apply_commands();
        self.toasts.show(ui.ctx());
        if std::mem::take(&mut self.quit) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// What runs every frame, also while the window is minimised (eframe
    /// then calls only `App::logic`): the close button, and keeping the
    /// unsaved form on disk.
    pub fn logic(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            // A figure or 本单位信息 typed on the 附件2 page is stored as the
            // clerk leaves its field; the field still in use is stored now.
            let typed = self.regulator.unsaved_commands(self.data.overview.as_ref());
            if !typed.is_empty() {
                self.commands.extend(typed);
                self.apply_commands();
            }
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.has_unsaved() {
            use egui::ViewportCommand as V;
            ctx.send_viewport_cmd(V::CancelClose);
            ctx.send_viewport_cmd(V::Minimized(false));
            ctx.send_viewport_cmd(V::Visible(true));
            ctx.send_viewport_cmd(V::Focus);
            self.pending_nav = Some(Nav::Quit);
            ctx.request_repaint();
        }
        self.keep_draft(false);
        if self.drafts.behind(self.current_draft().as_ref()) {
            ctx.request_repaint_after(std::time::Duration::from_millis(1100));
        }
        if let Some(m) = self.drafts.failed.take() {
            self.toasts.error(m);
        }
    }

    /// Whether closing now would lose typing.
    pub fn has_unsaved(&self) -> bool {
        self.editor.as_ref().is_some_and(|e| e.is_dirty())
    }

    /// The unsaved form as a draft, if there is one.
    fn current_draft(&self) -> Option<draft::Draft> {
        let e = self.editor.as_ref().filter(|e| e.is_dirty())?;
        let name_at = crate::domain::PersonField::ALL
            .iter()
            .position(|f| *f == crate::domain::PersonField::Name)?;
        Some(draft::Draft {
            person: e.original.id,
            name: e.texts.fields.get(name_at).cloned().unwrap_or_default(),
            texts: e.texts.clone(),
        })
    }

    /// Writes (or removes) the draft file of the roster, if it is a file;
    /// `now` writes without waiting for the once-a-second pace.
    fn keep_draft(&mut self, now: bool) {
        if self.demo.is_some() {
            return;
        }
        let draft = self.current_draft();
        if let Some(db) = self.data.store.path().map(Path::to_path_buf) {
            self.drafts.keep(&db, draft, now);
        }
    }

    /// Takes the draft found at start back into the form.
    fn restore_draft(&mut self, d: draft::Draft) {
        match d.person {
            Some(id) if self.data.record(id).is_some() => {
                self.screen = Screen::Roster;
                self.select_person(Some(id));
            }
            _ => self.go(Nav::NewPerson),
        }
        if let Some(e) = &mut self.editor {
            e.texts = d.texts;
            e.focus_first = false;
        }
        self.tab = PersonTab::Details;
    }

    /// Saves the form, then goes to `then`. With a wrong field nothing is
    /// saved: every message shows, and a question that asked stays open and
    /// says why.
    fn save_editor(&mut self, then: Option<Nav>) {
        let Some(e) = self.editor.as_mut() else {
            return;
        };
        match e.try_build() {
            Some(p) => {
                self.save_refused = false;
                self.commands.push(Command::SavePerson(Box::new(p), then));
            }
            None => {
                self.save_refused = then.is_some();
                self.pending_nav = then;
                self.toasts
                    .error("有填写不正确的项目，请按红字提示修改后再保存");
            }
        }
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
            Nav::Stay => {
                // The edits were thrown away: the person as stored, or no form.
                let id = self.roster.selected;
                self.select_person(id);
            }
            Nav::Quit => self.quit = true,
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
        match then.filter(|n| *n != Nav::Stay) {
            Some(nav) => self.go(nav),
            None => {
                self.roster.selected = id;
                self.roster.reselect_after_reload = true;
                self.roster.keep_selected_in_view();
            }
        }
    }

    /// Refreshes view state that depends on the data, keeping what the clerk
    /// is typing: a form with unsaved edits keeps them.
    fn after_reload(&mut self) {
        // The shown 修改记录 count and check follow every change (~15 ms on
        // 5,000 entries).
        match self.data.store.verify_audit() {
            Ok(r) => self.data.audit = r,
            Err(e) => self.toasts.error(format!("无法校验修改记录：{e}")),
        }
        self.roster.refresh(&self.data);
        // Imported records are read-only: the form always shows them as stored.
        if let Some(e) = self.editor.as_mut()
            && let Some(r) = e.original.id.and_then(|id| self.data.record(id))
        {
            e.sync_imported(&r.person);
        }
        if self.roster.reselect_after_reload || self.editor.is_none() {
            self.roster.reselect_after_reload = false;
            if let Some(id) = self.roster.selected {
                self.editor = self
                    .data
                    .record(id)
                    .map(|r| PersonEditor::from_person(&r.person));
            }
        }
        self.settings.refresh(&self.data.roster.settings);
        self.summary.refresh(&self.data.roster.staffing);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        if self.choose_kind || self.data.workspace != Workspace::Roster {
            return;
        }
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
        if pressed(Key::S) && self.editor.is_some() && self.pending_nav.is_none() {
            self.save_editor(None);
        }
        if pressed(Key::P) {
            self.navigate(Nav::Screen(Screen::Io));
        }
        // Esc closes an open drop-down first (egui does that); otherwise it
        // answers 取消 to a question, or asks before throwing edits away.
        if !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            if self.pending_nav.is_some() || self.confirm_delete.is_some() {
                self.pending_nav = None;
                self.confirm_delete = None;
                self.save_refused = false;
            } else if self.has_unsaved() {
                self.pending_nav = Some(Nav::Stay);
            }
        }
    }
}

impl eframe::App for ZichaApp {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.pace.pace(&mut raw_input.events);
        if self.pace.is_holding() {
            ctx.request_repaint();
        }
    }

    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        dialogs::remember_owner(frame);
        if fonts::add_fallback_when_ready(ctx) {
            ctx.request_repaint();
        }
        ZichaApp::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        dialogs::remember_owner(frame);
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A log-off or shut-down closes without asking: keep what was typed.
        self.keep_draft(true);
        self.attachments.remove_temporary_copies();
        dialogs::forget_owner();
    }
}

impl DemoSession {
    /// Whether a real roster waits behind the demo (not with `--demo`).
    pub fn has_real(&self) -> bool {
        self.real.is_some()
    }
}

impl Drop for DemoSession {
    /// The demo file goes with the session (the app drops the demo's store
    /// first: `data` is its first field).
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A new demo roster in a temporary folder of its own.
fn demo_store() -> Result<(Store, PathBuf)> {
    static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("zicha-demo-{}-{n}", std::process::id()));
    let path = dir.join("示例台账.db");
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path)?;
    crate::demo::load_into(&mut store)?;
    Ok((store, dir))
}

impl ZichaApp {
    /// Shows the demo roster from a temporary file; the real roster stays
    /// open (and locked) aside and never receives it.
    fn enter_demo(&mut self) -> Result<String> {
        if self.demo.is_some() {
            return Ok("示例台账已经打开".into());
        }
        let (store, dir) = demo_store()?;
        let data = Data::new(store, self.data.today)?;
        let real = std::mem::replace(&mut self.data, data);
        self.demo = Some(DemoSession {
            real: Some(real),
            dir,
        });
        self.close_person();
        self.undo = None;
        Ok(format!(
            "已打开示例台账（{} 人）。示例保存在临时文件中，不会写入正式台账；看完点标题栏的“返回正式台账”",
            self.data.roster.persons.len()
        ))
    }

    /// Back to the real roster; the demo file is removed.
    fn leave_demo(&mut self) -> Result<String> {
        let Some(real) = self.demo.as_mut().and_then(|d| d.real.take()) else {
            return Ok(String::new());
        };
        self.data = real;
        self.demo = None;
        self.close_person();
        self.undo = None;
        Ok("已返回正式台账".into())
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
            dialogs::forget_owner();
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
    let answer = dialogs::message()
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
    dialogs::message()
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
        let (store, dir) = demo_store()?;
        let mut app = ZichaApp::new(store, today)?;
        app.demo = Some(DemoSession {
            real: None,
            dir: dir.clone(),
        });
        return Ok((app, Some(dir)));
    }
    let opened = crate::store::open_store(db.as_deref(), true)?;
    let blank = opened.store.is_blank()?;
    let mut app = ZichaApp::new(opened.store, today)?;
    if blank {
        app.ask_kind();
    }
    app._lock = Some(opened.lock);
    if let Err(e) = opened.daily_backup {
        app.toasts.error(format!("今日的自动备份未能完成：{e}"));
    }
    Ok((app, None))
}

fn native_options(renderer: eframe::Renderer) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("特种设备检验检测人员自查台账")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([960.0, 600.0]);
    // Our icon in the title bar, the taskbar and Alt-Tab (eframe's own otherwise).
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    eframe::NativeOptions {
        renderer,
        viewport,
        ..Default::default()
    }
}

/// The program's icon, `assets/icon.png` (the same drawing as the exe's
/// `icon.ico`), decoded by eframe's PNG reader. `None` only if the embedded
/// file were broken, which a test rules out.
fn window_icon() -> Option<std::sync::Arc<egui::IconData>> {
    const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");
    eframe::icon_data::from_png_bytes(ICON_PNG)
        .ok()
        .map(std::sync::Arc::new)
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
mod tests_annex2;
#[cfg(test)]
mod tests_attachments;
#[cfg(test)]
mod tests_backup;
#[cfg(test)]
mod tests_entry;
#[cfg(test)]
mod tests_folders;
#[cfg(test)]
mod tests_screens;
#[cfg(test)]
mod tests_sources;
#[cfg(test)]
mod tests_submissions;
#[cfg(test)]
mod tests_typing;
#[cfg(test)]
mod tests_window;
