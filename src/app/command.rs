//! Everything the clerk asks the app to do, applied in one place after the
//! frame: each command calls the core, reloads, and reports in a toast.

use crate::checks::FlagCode;
use crate::domain::{Person, PersonRecord, Settings, StaffingLine, Verdict, VerdictKind};

use super::ZichaApp;

#[derive(Debug, Clone)]
pub enum Command {
    /// Saves the person, then goes where the clerk was heading, if anywhere.
    SavePerson(Box<Person>, Option<super::Nav>),
    DeletePerson(i64),
    UndoDelete,
    Decide {
        person: i64,
        kind: VerdictKind,
        value: Verdict,
        note: String,
    },
    Undecide {
        person: i64,
        kind: VerdictKind,
        note: String,
    },
    ConfirmFlag {
        person: i64,
        code: FlagCode,
        note: String,
    },
    UnconfirmFlag {
        person: i64,
        code: FlagCode,
        note: String,
    },
    SetRemark {
        person: i64,
        text: Option<String>,
    },
    SaveSettings(Settings),
    SaveStaffing(Vec<StaffingLine>),
    LoadDemo,
}

impl ZichaApp {
    /// Applies the queued commands.
    pub(super) fn apply_commands(&mut self) {
        for cmd in std::mem::take(&mut self.commands) {
            self.apply(cmd);
        }
    }

    fn apply(&mut self, cmd: Command) {
        let store = &mut self.data.store;
        let result: crate::Result<String> = match cmd {
            Command::SavePerson(p, then) => {
                let saved = match p.id {
                    Some(id) => store
                        .update_person(&p)
                        .map(|_| (id, format!("已保存 {}", p.name))),
                    None => store
                        .add_person(&p)
                        .map(|id| (id, format!("已新增 {}", p.name))),
                };
                saved.map(|(id, msg)| {
                    self.editor_saved(Some(id), then);
                    msg
                })
            }
            Command::DeletePerson(id) => store.delete_person(id).map(|rec: PersonRecord| {
                let name = rec.person.name.clone();
                self.undo = Some(rec);
                self.close_person();
                format!("已删除 {name}（可撤销）")
            }),
            Command::UndoDelete => match self.undo.take() {
                Some(rec) => store.restore_person(&rec).map(|id| {
                    self.select_person(Some(id));
                    format!("已恢复 {}", rec.person.name)
                }),
                None => Ok(String::new()),
            },
            Command::Decide {
                person,
                kind,
                value,
                note,
            } => store
                .decide(person, kind, value, &note)
                .map(|_| format!("已人工认定：{} = {}", kind.question(), value.label())),
            Command::Undecide { person, kind, note } => store
                .undecide(person, kind, &note)
                .map(|_| format!("已撤销人工认定：{}", kind.question())),
            Command::ConfirmFlag { person, code, note } => store
                .confirm_flag(person, code, &note)
                .map(|_| format!("已确认疑点：{}", code.label())),
            Command::UnconfirmFlag { person, code, note } => store
                .unconfirm_flag(person, code, &note)
                .map(|_| format!("已撤销确认：{}", code.label())),
            Command::SetRemark { person, text } => {
                store.set_remark(person, text.as_deref()).map(|_| {
                    if text.is_some() {
                        "已保存手写说明".into()
                    } else {
                        "已恢复自动生成的说明".into()
                    }
                })
            }
            Command::SaveSettings(s) => store.save_settings(&s).map(|_| "设置已保存".into()),
            Command::SaveStaffing(lines) => store
                .replace_staffing(&lines)
                .map(|_| "人员条件已保存".into()),
            Command::LoadDemo => {
                crate::demo::load_into(store).map(|n| format!("已载入示例台账：{n} 人"))
            }
        };
        match result.and_then(|msg| self.data.reload().map(|_| msg)) {
            Ok(msg) if msg.is_empty() => {}
            Ok(msg) => {
                self.toasts.info(msg);
                self.after_reload();
            }
            Err(e) => {
                self.toasts.error(format!("操作未完成：{e}"));
                self.after_reload();
            }
        }
    }
}
