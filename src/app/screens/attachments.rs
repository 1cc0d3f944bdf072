//! 附件材料 in 人员详情 (issue 15): the person's evidence files listed with
//! category, name, size and date; 添加附件 through the file dialog or by
//! dropping files onto the window while the person is open; 打开 from a
//! temporary copy (removed when the program closes: it is personal data);
//! 移除 with a note; and which verdicts of 是 have no supporting file.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::checks::support;
use crate::domain::{AttachmentKind, VerdictKind, VerifyResult};
use crate::store::attachments::{Attachment, cites_label, size_label};

use super::super::widgets::{ERROR_RED, field_error};
use super::super::{Command, ZichaApp, modal};

/// What the clerk adds: a file on disk (dialog, dropped from a file manager)
/// or bytes the window was given with a name (dropped from a browser).
#[derive(Debug, Clone)]
pub enum AttachSource {
    Path(PathBuf),
    Bytes {
        name: String,
        bytes: std::sync::Arc<[u8]>,
    },
}

/// The section's state, one field of the app.
#[derive(Default)]
pub struct AttachmentsState {
    /// The category chosen for the next files; empty: judged from each file's name.
    pub kind: String,
    /// An attachment waiting for the note that removes it.
    pub remove: Option<RemoveAttachment>,
    /// A 备案表 whose values wait for the clerk's yes before 填入空白项.
    pub fill: Option<FillFromRecord>,
    /// The folder of the temporary copies opened this session.
    temp: Option<PathBuf>,
}

/// An attachment the clerk asked to remove.
pub struct RemoveAttachment {
    pub id: i64,
    pub name: String,
    pub note: String,
}

/// 填入空白项 asked for: the person, the attachment, and what would be filled.
pub struct FillFromRecord {
    pub person: i64,
    pub attachment: i64,
    pub name: String,
    pub fields: Vec<&'static str>,
}

/// What the empty category choice means.
const BY_NAME: &str = "按文件名判断";

/// The category the clerk chose (a label), or `None` for empty: judged from
/// each file's name (and a 备案表's content, `xuexin::attach`).
pub fn chosen_kind(chosen: &str) -> Option<AttachmentKind> {
    AttachmentKind::parse(chosen).ok().flatten()
}

impl AttachmentsState {
    /// A folder for a temporary copy of the attachment `id`, made on first use.
    pub fn temp_folder(&mut self, id: i64) -> std::io::Result<PathBuf> {
        let root = self.temp.get_or_insert_with(|| {
            std::env::temp_dir().join(format!("zicha-附件-{}", std::process::id()))
        });
        let dir = root.join(id.to_string());
        crate::safe_write::create_folder(&dir)?;
        Ok(dir)
    }

    /// Removes the temporary copies (when the program closes).
    pub fn remove_temporary_copies(&mut self) {
        if let Some(dir) = self.temp.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Drop for AttachmentsState {
    fn drop(&mut self) {
        self.remove_temporary_copies();
    }
}

/// Files dropped onto the window: attached to the open (saved) person; with
/// nobody open, the clerk is told where to drop them.
pub fn take_dropped(app: &mut ZichaApp, ctx: &egui::Context) {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    if dropped.is_empty() {
        return;
    }
    let mut sources = Vec::new();
    for f in dropped {
        let path = f.path();
        if path.is_file() {
            // Read by the command, after the size check.
            sources.push(AttachSource::Path(path.to_path_buf()));
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match f.bytes() {
            Ok(bytes) => sources.push(AttachSource::Bytes {
                name,
                bytes: bytes.into(),
            }),
            Err(e) => app.toasts.error(format!("无法读取拖入的文件“{name}”：{e}")),
        }
    }
    if sources.is_empty() {
        return;
    }
    let person = app.editor.as_ref().and_then(|e| e.original.id);
    match person {
        Some(person) => app.commands.push(Command::Attach {
            person,
            kind: app.attachments.kind.clone(),
            files: sources,
        }),
        _ => app
            .toasts
            .error("要添加附件，请先打开一位人员（已保存的），再把文件拖到窗口上"),
    }
}

/// One cell of the list: left-aligned, cut to `width`, the whole text on hover.
fn cell(ui: &mut Ui, width: f32, text: RichText) -> egui::Response {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 18.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.add(egui::Label::new(text).truncate())
        },
    )
    .inner
}

/// What a click in an attachment's row asks for.
enum RowAction {
    Open(i64),
    Cite(i64, VerdictKind, bool),
}

fn row(
    ui: &mut Ui,
    n: usize,
    a: &Attachment,
    state: &mut AttachmentsState,
    action: &mut Option<RowAction>,
) {
    let weak = !a.is_current();
    let text = |s: &str| {
        if weak {
            RichText::new(s).weak()
        } else {
            RichText::new(s)
        }
    };
    cell(ui, 24.0, text(&n.to_string()));
    cell(ui, 84.0, text(a.kind.label()));
    // Size and who added it when are on the name's hover: the pane is
    // narrow at 1024 pixels, and 作为依据 matters more.
    cell(ui, 120.0, text(&a.file_name)).on_hover_text(format!(
        "{}\n{}，{} 由 {} 添加",
        a.file_name,
        size_label(a.bytes),
        a.added_at,
        a.who
    ));
    let day = a.added_at.get(..10).unwrap_or(&a.added_at);
    cell(ui, 84.0, text(day));
    let cites = cites_label(a);
    if weak {
        cell(ui, 72.0, text(&cites));
    } else {
        // Stays open while the clerk ticks (a file may back two verdicts);
        // a click outside closes it.
        let config = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        // Cut to the column (the row must fit the pane at 1024 pixels);
        // the whole list on hover and in the lines below.
        let width = 72.0;
        let button = egui::Button::new(cites.as_str())
            .truncate()
            .min_size(egui::vec2(width, 0.0));
        ui.allocate_ui_with_layout(
            egui::vec2(width, 18.0),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_max_width(width);
                egui::containers::menu::MenuButton::from_button(button)
                    .config(config)
                    .ui(ui, |ui| {
                        ui.label(RichText::new("作为以下结论的依据").weak());
                        for kind in VerdictKind::ALL.iter().copied() {
                            let mut on = a.cites.contains(&kind);
                            if ui.checkbox(&mut on, kind.label()).changed() {
                                *action = Some(RowAction::Cite(a.id, kind, on));
                            }
                        }
                    })
                    .0
                    .on_hover_text(format!("作为依据：{cites}（点击修改）"));
            },
        );
    }
    match &a.removed_note {
        Some(note) => {
            let text = format!("已移除：{note}");
            cell(ui, 110.0, RichText::new(&text).weak()).on_hover_text(&text);
        }
        None => {
            ui.horizontal(|ui| {
                if ui
                    .add(egui::Button::new("打开").small())
                    .on_hover_text("用系统的查看程序打开一份临时副本（关闭本程序时删除）")
                    .clicked()
                {
                    *action = Some(RowAction::Open(a.id));
                }
                if ui
                    .add(egui::Button::new("移除").small())
                    .on_hover_text("移除这个附件（须写明原因）")
                    .clicked()
                {
                    state.remove = Some(RemoveAttachment {
                        id: a.id,
                        name: a.file_name.clone(),
                        note: String::new(),
                    });
                }
            });
        }
    }
    ui.end_row();
}

/// The section, for a saved person (a new one has nowhere to keep files yet).
pub fn section(app: &mut ZichaApp, ui: &mut Ui, person: i64) {
    let list: Vec<Attachment> = app
        .data
        .attachments
        .get(&person)
        .cloned()
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label("附件类别");
        let kinds = AttachmentKind::labels();
        super::person::choice(
            ui,
            egui::Id::unique("attachment_kind"),
            &mut app.attachments.kind,
            &kinds,
            130.0,
            BY_NAME,
        )
        .labelled_by(label.id);
        if ui
            .button("添加附件…")
            .on_hover_text("PDF、JPG、PNG、OFD，每个不超过 20 MB；也可以把文件拖到窗口上")
            .clicked()
            && let Some(paths) = super::super::dialogs::file()
                .add_filter(
                    "附件（PDF、JPG、PNG、OFD）",
                    &["pdf", "jpg", "jpeg", "png", "ofd"],
                )
                .set_directory(super::super::widgets::default_dir())
                .pick_files()
        {
            app.commands.push(Command::Attach {
                person,
                kind: app.attachments.kind.clone(),
                files: paths.into_iter().map(AttachSource::Path).collect(),
            });
        }
    });
    ui.label(
        RichText::new("可把文件直接拖到窗口上添加。打开的是临时副本，关闭本程序时删除。")
            .weak()
            .small(),
    );
    if list.is_empty() {
        ui.label(RichText::new("还没有附件").weak());
    }
    let mut action = None;
    if !list.is_empty() {
        egui::Grid::new(egui::Id::unique("attachment_list"))
            .striped(true)
            .show(ui, |ui| {
                for h in ["序号", "类别", "文件名", "添加日期", "作为依据", ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for (i, a) in list.iter().enumerate() {
                    row(ui, i + 1, a, &mut app.attachments, &mut action);
                }
            });
    }
    match action {
        Some(RowAction::Open(id)) => app.commands.push(Command::OpenAttachment(id)),
        Some(RowAction::Cite(id, kind, cite)) => {
            app.commands
                .push(Command::CiteAttachment { id, kind, cite });
        }
        None => {}
    }
    records(app, ui, person, &list);
    basis(app, ui, person, &list);
}

/// One line per verdict, always three, so that ticking 作为依据 never moves
/// the rows under the cursor: the files it rests on, or 缺少佐证 for a 是
/// with none, or 无.
fn basis(app: &ZichaApp, ui: &mut Ui, person: i64, list: &[Attachment]) {
    let cited = crate::store::attachments::current_citations(list);
    let unsupported = app
        .data
        .row(person)
        .map(|r| support::unsupported(&r.check, &cited))
        .unwrap_or_default();
    for kind in VerdictKind::ALL.iter().copied() {
        // One line each, never wrapped (the whole text on hover), so the
        // height stays the same whichever way a line reads.
        if let Some(u) = unsupported.iter().find(|u| u.kind == kind) {
            let text = format!("缺少佐证：{}", u.message());
            ui.add(egui::Label::new(RichText::new(&text).color(ERROR_RED).small()).truncate())
                .on_hover_text(&text);
            continue;
        }
        let files: Vec<&str> = crate::store::attachments::cited_for(list, kind)
            .iter()
            .map(|a| a.file_name.as_str())
            .collect();
        let text = match files.is_empty() {
            true => format!("{}的依据：无", kind.label()),
            false => format!("{}的依据：{}", kind.label(), files.join("、")),
        };
        ui.add(egui::Label::new(RichText::new(&text).small()).truncate())
            .on_hover_text(&text);
    }
}

/// The 学信网 备案表 read from the person's current attachments: each one's
/// fields, what it contradicts in the roster, and 填入空白项.
fn records(app: &mut ZichaApp, ui: &mut Ui, person: i64, list: &[Attachment]) {
    let Some(rec) = app.data.record(person) else {
        return;
    };
    let p = rec.person.clone();
    for record in &p.chsi_records {
        let name = list
            .iter()
            .find(|a| a.id == record.attachment_id)
            .map_or("", |a| a.file_name.as_str());
        ui.add_space(6.0);
        ui.label(RichText::new(format!("学信网备案表：{name}")).strong());
        egui::Grid::new(egui::Id::unique(("chsi_record", record.attachment_id)))
            .striped(true)
            .show(ui, |ui| {
                for (field, value) in &record.fields {
                    ui.label(field.label());
                    ui.label(value);
                    ui.end_row();
                }
            });
        let diffs = crate::checks::record::differences(&p, record);
        if diffs.is_empty() {
            ui.label(RichText::new("备案表与台账已填内容一致").weak());
        }
        for d in &diffs {
            field_error(ui, &format!("与台账不符：{}", d.message()));
        }
        let mut preview = p.clone();
        let fields = crate::xuexin::fill_empty(&mut preview, record);
        let mut fill = false;
        ui.horizontal(|ui| {
            fill = ui
                .add_enabled(!fields.is_empty(), egui::Button::new("填入空白项…"))
                .on_hover_text("用备案表的内容填入台账中空白的学历项，已填的不改")
                .on_disabled_hover_text("备案表的内容台账均已填写")
                .clicked();
            if let Some(code) = record.get(crate::domain::RecordField::Vcode) {
                verification(app, ui, person, record.attachment_id, code);
            }
        });
        if fill {
            app.attachments.fill = Some(FillFromRecord {
                person,
                attachment: record.attachment_id,
                name: name.to_string(),
                fields,
            });
        }
    }
}

/// Why the browser did not open, in the clerk's words (never the operating
/// system's English), with the page to visit by hand.
fn browser_failed(url: &str, e: &std::io::Error) -> String {
    format!(
        "无法打开浏览器（{}）。请手工访问 {url}",
        crate::safe_write::reason(e)
    )
}

/// 在线核验: opens the 学信网 page for the code in the system browser (the
/// program never connects), and records what the clerk saw there, dated today.
fn verification(app: &mut ZichaApp, ui: &mut Ui, person: i64, attachment: i64, code: &str) {
    ui.separator();
    if ui
        .button("在线核验")
        .on_hover_text("在系统浏览器中打开学信网核验页面（本程序不联网）")
        .clicked()
    {
        let url = crate::xuexin::verification_url(code);
        if let Err(e) = super::super::widgets::open_with_system(std::path::Path::new(&url)) {
            app.toasts.error(browser_failed(&url, &e));
        }
    }
    ui.label("核验结果：");
    for result in [
        VerifyResult::Match,
        VerifyResult::Mismatch,
        VerifyResult::NotFound,
    ] {
        if ui
            .small_button(result.label())
            .on_hover_text(format!("记为“{}”，核验日期为今天", result.label()))
            .clicked()
        {
            app.commands.push(Command::RecordVerification {
                person,
                attachment,
                result,
            });
        }
    }
}

/// 填入空白项: lists what would be filled and asks first.
pub fn fill_dialog(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some(f) = app.attachments.fill.as_ref() else {
        return;
    };
    let answer = modal::ask(ctx, "fill_from_record", 520.0, |ui| {
        ui.heading("按备案表填入空白项");
        ui.add(egui::Label::new(&f.name).wrap());
        ui.add(
            egui::Label::new(format!(
                "将填入：{}。已填写的项不改，改动记入修改记录。",
                f.fields.join("、")
            ))
            .wrap(),
        );
        ui.add_space(8.0);
        modal::answer_buttons(ui, "确认填入", true)
    });
    match answer {
        Some(true) => {
            if let Some(f) = app.attachments.fill.take() {
                app.commands.push(Command::FillFromRecord {
                    person: f.person,
                    attachment: f.attachment,
                });
            }
        }
        Some(false) => app.attachments.fill = None,
        None => {}
    }
}

/// 移除附件: asks for the note (required), then pushes the command.
pub fn remove_dialog(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some(r) = app.attachments.remove.as_mut() else {
        return;
    };
    let question = modal::NoteQuestion {
        id: "remove_attachment",
        heading: "移除附件",
        what: &r.name,
        explain: "移除后这个附件不再作为佐证，仍保留在台账中并记入修改记录。",
        label: "移除附件的原因 *",
        hint: "必填，如：传错了人，已改传",
        confirm: "确认移除附件",
    };
    match modal::ask_with_note(ctx, &question, &mut r.note) {
        Some(true) => {
            if let Some(r) = app.attachments.remove.take() {
                app.commands.push(Command::RemoveAttachment {
                    id: r.id,
                    note: r.note.trim().to_string(),
                });
            }
        }
        Some(false) => app.attachments.remove = None,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_browser_that_does_not_open_is_told_in_chinese() {
        let url = "https://www.chsi.com.cn/xlcx/bg.do?vcode=A1B2";
        let e = std::io::Error::from_raw_os_error(2);
        let text = super::browser_failed(url, &e);
        let words = text.replace(url, "");
        assert!(
            !words.chars().any(|c| c.is_ascii_alphabetic()),
            "no English: {text}"
        );
        assert!(
            text.contains("无法打开浏览器") && text.contains(url),
            "{text}"
        );
    }
}
