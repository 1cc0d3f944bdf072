//! Everything the clerk asks the app to do, applied in one place after the
//! frame: each command calls the core, reloads, and reports in a toast.

use crate::checks::FlagCode;
use crate::domain::{Person, PersonRecord, Settings, StaffingLine, Verdict, VerdictKind};

use super::ZichaApp;
use super::screens::attachments::{AttachSource, chosen_kind};

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
    /// Opens the demo roster in a temporary file (the real roster is kept aside, untouched).
    LoadDemo,
    /// Back from the demo roster to the real one.
    LeaveDemo,
    /// A backup into the backup folder now.
    BackupNow,
    /// Replaces the roster with a checked backup file (the current data is backed up first).
    Restore(std::path::PathBuf),
    /// Checks the 修改记录 hash chain again.
    VerifyAudit,
    /// Attaches files to a person (all checked first: one refused file adds
    /// none); `kind` is the category label chosen, or empty (judged from each name).
    Attach {
        person: i64,
        kind: String,
        files: Vec<super::screens::attachments::AttachSource>,
    },
    /// Removes an attachment with the clerk's note.
    RemoveAttachment {
        id: i64,
        note: String,
    },
    /// Opens an attachment with the system viewer, from a temporary copy.
    OpenAttachment(i64),
    /// Cites an attachment for its person's verdict `kind` (作为依据), or
    /// takes the citation back.
    CiteAttachment {
        id: i64,
        kind: crate::domain::VerdictKind,
        cite: bool,
    },
    /// 在线核验 of the 备案表 read from `attachment`, as the clerk saw it today.
    RecordVerification {
        person: i64,
        attachment: i64,
        result: crate::domain::VerifyResult,
    },
    /// 填入空白项: the empty diploma fields of `person` from the 备案表 read from `attachment`.
    FillFromRecord {
        person: i64,
        attachment: i64,
    },
    /// 开始新的核查批次 with its 核查基准日.
    StartCampaign(chrono::NaiveDate),
    /// Attaches (or replaces) the signed scan of a submission (添加扫描件).
    AttachScan {
        submission: i64,
        path: std::path::PathBuf,
    },
    /// Removes an imported record with the clerk's note: it stays stored,
    /// no longer counts, and the 修改记录 names it with its source.
    RemoveImported {
        person: i64,
        record: Box<crate::store::sources::ImportedRecord>,
        note: String,
    },
    /// Makes a blank file a 本单位自查台账 or a 辖区汇总（附件2）.
    SetWorkspace(crate::store::Workspace),
    /// 辖区汇总: the regulator's 单位名称, 填表人 or 联系电话.
    SetAnnex2Setting(crate::domain::SettingKey, String),
    /// 辖区汇总: a figure of table (一) the regulator enters, by its key.
    SetAnnex2Figure(String, i64),
    /// 辖区汇总: an agency's part (二) texts rewritten (`None` keeps one as it
    /// is), or back to the generated ones.
    EditAnnex2List {
        agency: String,
        problems: Option<String>,
        rectification: Option<String>,
        reset: bool,
    },
    /// 辖区汇总: a 考试机构 the regulator inspected.
    AddExam(crate::store::annex2::ExamRow),
    /// 辖区汇总: a 考试机构 removed (its id; its name for the message).
    RemoveExam {
        id: i64,
        name: String,
    },
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
            Command::LoadDemo => self.enter_demo(),
            Command::LeaveDemo => self.leave_demo(),
            Command::BackupNow => {
                self.backup.stale = true;
                store.backup_beside().map(|p| match p {
                    Some(p) => format!("已备份到 {}", p.display()),
                    None => "临时数据不做备份".into(),
                })
            }
            Command::Restore(path) => store.restore_from(&path).map(|o| {
                self.backup.stale = true;
                // A file of the restored roster's attachments found nowhere is named.
                let prefix = crate::store::attachments::NOTE_PREFIX;
                for note in self.data.store.open_notes() {
                    if note.starts_with(prefix) {
                        self.toasts.error(note.clone());
                    }
                }
                self.close_person();
                self.undo = None;
                format!(
                    "已从备份恢复：人员 {} 人。恢复前的数据已备份{}",
                    o.restored.persons,
                    o.previous
                        .map(|p| format!("到 {}", p.display()))
                        .unwrap_or_default()
                )
            }),
            Command::RemoveImported {
                person,
                record,
                note,
            } => store
                .remove_imported(person, &record, &note)
                .map(|_| "已移除这条导入的记录，修改记录中已写明原因".into()),
            Command::SetWorkspace(kind) => store.set_workspace(kind).map(|_| {
                self.choose_kind = false;
                self.screen = super::Screen::of(kind)[0];
                format!("已建立{}", kind.label())
            }),
            Command::SetAnnex2Setting(key, value) => store
                .set_setting(key, value.trim())
                .map(|_| format!("已保存{}", key.label())),
            // Marked 已保存 beside its field: a toast would cover the next fields.
            Command::SetAnnex2Figure(key, n) => {
                store.set_annex2_figure(&key, n).map(|_| String::new())
            }
            Command::EditAnnex2List {
                agency,
                problems,
                rectification,
                reset,
            } => crate::annex2::overview::edit_list(
                store,
                &agency,
                problems.as_deref(),
                rectification.as_deref(),
                reset,
            )
            .map(|name| match reset {
                true => format!("已恢复“{name}”的自动生成文字"),
                false => format!("已保存“{name}”的说明（标为手工改写）"),
            }),
            Command::AddExam(row) => store
                .add_exam_row(&row)
                .map(|_| format!("已添加考试机构：{}", row.name)),
            Command::RemoveExam { id, name } => store
                .remove_exam_row(id)
                .map(|_| format!("已删除考试机构：{name}")),
            Command::Attach {
                person,
                kind,
                files,
            } => attach(store, person, &kind, &files),
            Command::RemoveAttachment { id, note } => store
                .remove_attachment(id, &note)
                .map(|_| "已移除附件，修改记录中已写明原因".into()),
            Command::OpenAttachment(id) => open_attachment(store, &mut self.attachments, id),
            // No toast: the ticked box and the verdict's line say it, and a
            // toast would cover the row's buttons.
            Command::CiteAttachment { id, kind, cite } => {
                store.set_citation(id, kind, cite).map(|_| String::new())
            }
            // Both change the person's diploma fields: refused over unsaved
            // edits, and the form is read again afterwards so that a later 保存
            // does not write the old values back.
            Command::RecordVerification { .. } | Command::FillFromRecord { .. }
                if self.editor.as_ref().is_some_and(|e| e.is_dirty()) =>
            {
                Err(crate::Error::Other(
                    "人员详情中有未保存的修改，请先保存或取消修改".into(),
                ))
            }
            Command::RecordVerification {
                person,
                attachment,
                result,
            } => record_verification(
                store,
                person,
                attachment,
                result,
                chrono::Local::now().date_naive(),
            )
            .inspect(|_| self.roster.reselect_after_reload = true),
            Command::FillFromRecord { person, attachment } => {
                fill_from_record(store, person, attachment)
                    .inspect(|_| self.roster.reselect_after_reload = true)
            }
            Command::StartCampaign(date) => store.start_campaign(date).map(|started| {
                // An undo of a deletion would bring back last campaign's decisions.
                self.undo = None;
                started.line()
            }),
            Command::AttachScan { submission, path } => {
                crate::annex1::submission::attach_scan(store, submission, &path).map(|scan| {
                    format!(
                        "已为{}添加扫描件：{}",
                        crate::store::submissions::record_name(submission),
                        scan.file_name
                    )
                })
            }
            Command::VerifyAudit => store.verify_audit_full().map(|(r, submissions)| {
                let msg = match &r.problem {
                    None if !submissions.is_empty() => {
                        format!("修改记录校验未通过：{}", submissions.join("；"))
                    }
                    None => format!("修改记录校验通过：共 {} 条", r.entries),
                    Some(p) => format!("修改记录校验未通过：{p}"),
                };
                self.data.audit = r;
                msg
            }),
        };
        // after_reload checks the 修改记录 chain again (also after a restore).
        let result = result.and_then(|msg| self.data.reload().map(|_| msg));
        match result {
            Ok(msg) => {
                if !msg.is_empty() {
                    self.toasts.info(msg);
                }
                self.after_reload();
            }
            Err(e) => {
                self.toasts.error(format!("操作未完成：{e}"));
                self.after_reload();
            }
        }
    }
}

/// Reads and checks every file first, then attaches them all.
fn attach(
    store: &mut crate::store::Store,
    person: i64,
    kind: &str,
    files: &[AttachSource],
) -> crate::Result<String> {
    let read: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| match f {
            AttachSource::Path(p) => crate::store::blobs::read_for_attaching(p),
            AttachSource::Bytes { name, bytes } => {
                crate::store::blobs::check_content(name, bytes)?;
                Ok((name.clone(), bytes.to_vec()))
            }
        })
        .collect::<crate::Result<_>>()?;
    let mut names = Vec::new();
    let chosen = chosen_kind(kind);
    let attached = crate::xuexin::attach_all(store, person, chosen, &read)?;
    for ((name, _), done) in read.iter().zip(&attached) {
        let kind = done.kind;
        let read = match (&done.reading, done.differences.len()) {
            (Some(crate::xuexin::Reading::Record(_)), 0) => "，已读取备案表".to_string(),
            (Some(crate::xuexin::Reading::Record(_)), n) => {
                format!("，已读取备案表，{n}项与台账不符")
            }
            (Some(crate::xuexin::Reading::NoText), _)
                if kind == crate::domain::AttachmentKind::DiplomaRecord =>
            {
                "，没有文字层，请手工核对".to_string()
            }
            _ => String::new(),
        };
        names.push(format!("{name}（{}{read}）", kind.label()));
    }
    Ok(format!("已添加附件：{}", names.join("、")))
}

/// Records the 在线核验 of one of the person's 备案表 (audited).
fn record_verification(
    store: &mut crate::store::Store,
    person: i64,
    attachment: i64,
    result: crate::domain::VerifyResult,
    on: chrono::NaiveDate,
) -> crate::Result<String> {
    let mut p = store.person(person)?.person;
    let record = record_of(&p, attachment)?;
    if crate::xuexin::record_verification(&mut p, &record, result, on).is_empty() {
        return Ok("在线核验结果与台账已记录的相同".into());
    }
    store.update_person(&p)?;
    Ok(format!(
        "已记录在线核验：{}（{}）",
        result.label(),
        crate::domain::parse::chinese_date(on)
    ))
}

/// The 备案表 read from one of the person's attachments.
fn record_of(p: &crate::domain::Person, attachment: i64) -> crate::Result<crate::xuexin::Record> {
    p.chsi_records
        .iter()
        .find(|r| r.attachment_id == attachment)
        .cloned()
        .ok_or_else(|| crate::Error::Other("该备案表附件已不存在，请刷新后重试".into()))
}

/// Fills the empty diploma fields of `person` from one of their 备案表 (audited).
fn fill_from_record(
    store: &mut crate::store::Store,
    person: i64,
    attachment: i64,
) -> crate::Result<String> {
    let mut p = store.person(person)?.person;
    let record = record_of(&p, attachment)?;
    let filled = crate::xuexin::fill_empty(&mut p, &record);
    if filled.is_empty() {
        return Ok("备案表的内容台账均已填写，未作改动".into());
    }
    store.update_person(&p)?;
    Ok(format!("已按备案表填入：{}", filled.join("、")))
}

/// Writes a checked temporary copy of the attachment and opens it.
fn open_attachment(
    store: &crate::store::Store,
    state: &mut super::screens::attachments::AttachmentsState,
    id: i64,
) -> crate::Result<String> {
    let a = store
        .all_attachments()?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| crate::Error::Other("这个附件已不存在，请刷新后重试".into()))?;
    let bytes = store.attachment_content(&a)?;
    let dir = state.temp_folder(id).map_err(|source| crate::Error::Io {
        path: std::env::temp_dir().display().to_string(),
        source,
    })?;
    let path = dir.join(&a.file_name);
    crate::safe_write::write_atomically(&path, &bytes)?;
    super::widgets::open_with_system(&path).map_err(|e| {
        crate::Error::Other(format!(
            "没有找到能打开“{}”的程序（{}）；临时副本在 {}",
            a.file_name,
            crate::safe_write::reason(&e),
            path.display()
        ))
    })?;
    Ok(format!(
        "已打开 {}（临时副本，关闭本程序时删除）",
        a.file_name
    ))
}
