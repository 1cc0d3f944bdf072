//! The source imports of the 导入 screen (issue 13): a social-insurance
//! payment list or a person's 参保缴费证明, and the report ledger. 预览 reads
//! and plans the file as a job (nothing written); 确认导入 applies that very
//! plan as a job; a column the core does not recognise opens the mapping
//! dialog.

use std::path::PathBuf;
use std::sync::Arc;

use egui::{RichText, Ui};
use egui_extras::{Column as TableColumn, TableBuilder};

use super::super::ZichaApp;
use super::super::jobs::{Done, busy, start};
use super::super::widgets::{field_error, verdict_color};
use crate::domain::Verdict;
use crate::error::Error;
use crate::sources::columns::Column;
use crate::sources::plan::{PersonAddition, Unmatched};
use crate::sources::{self, Prepared, SourceKind, SourceOutcome, SourceRequest};

/// What the file to import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportKind {
    /// The roster workbook filled in from the template.
    #[default]
    Roster,
    /// 单位缴费明细 or a person's 参保缴费证明.
    SocialInsurance,
    /// 检验报告台账.
    Ledger,
    /// A folder of 学信网 备案表 PDFs (一批学历备案表).
    Records,
}

impl ImportKind {
    pub const ALL: [ImportKind; 4] = [
        ImportKind::Roster,
        ImportKind::SocialInsurance,
        ImportKind::Ledger,
        ImportKind::Records,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Roster => "台账工作簿",
            ImportKind::SocialInsurance => "社保缴费记录（单位缴费明细或个人参保缴费证明）",
            ImportKind::Ledger => "检验报告台账",
            ImportKind::Records => "一批学历备案表（文件夹）",
        }
    }

    fn source(self) -> Option<SourceKind> {
        match self {
            ImportKind::Roster => None,
            ImportKind::SocialInsurance => Some(SourceKind::PaymentList),
            ImportKind::Ledger => Some(SourceKind::Ledger),
            ImportKind::Records => None,
        }
    }
}

/// The state of the source import.
#[derive(Default)]
pub struct SourceState {
    pub kind: ImportKind,
    /// 缴费单位 of rows without one; empty: the agency.
    pub payer: String,
    /// The person a proof is about when it names nobody.
    pub person: Option<i64>,
    pub person_query: String,
    /// Whether the person picker's search field has had the focus since it opened.
    picker_focused: bool,
    /// The clerk's column choices from the mapping dialog, for this file.
    pub columns: Vec<(Column, String)>,
    /// The preview shown, applied as it is by 确认导入.
    pub prepared: Option<Arc<Prepared>>,
    /// The mapping dialog, open while `Some`.
    pub mapping: Option<Box<Mapping>>,
}

impl SourceState {
    /// Forgets the preview and the column choices (another file or kind).
    pub fn reset(&mut self) {
        self.prepared = None;
        self.columns.clear();
        self.mapping = None;
    }
}

/// The mapping dialog: the file's headers and the header chosen per column.
pub struct Mapping {
    pub request: SourceRequest,
    pub file: String,
    pub sheet: String,
    pub missing: Vec<String>,
    pub headers: Vec<String>,
    /// The header chosen for each of [`Mapping::columns`] ("" = 不使用).
    pub choices: Vec<String>,
}

impl Mapping {
    pub fn new(
        request: SourceRequest,
        file: String,
        sheet: String,
        missing: Vec<String>,
        headers: Vec<String>,
    ) -> Self {
        let reading = reading_kind(request.kind);
        let choices = reading
            .columns()
            .iter()
            .map(|c| {
                request
                    .columns
                    .iter()
                    .find(|(col, _)| col == c)
                    .map(|(_, h)| h.clone())
                    .or_else(|| {
                        headers
                            .iter()
                            .find(|h| Column::for_header(h, reading) == Some(*c))
                            .cloned()
                    })
                    .unwrap_or_default()
            })
            .collect();
        Mapping {
            request,
            file,
            sheet,
            missing,
            headers,
            choices,
        }
    }

    /// The columns listed: a payment list is read as a proof is (with the
    /// ranges of months), as the core reads it.
    pub fn columns(&self) -> &'static [Column] {
        reading_kind(self.request.kind).columns()
    }

    /// Whether the core said this column is missing and nothing chosen
    /// stands for it: 缴费月份, or 开始年月 with 结束年月, are alternatives.
    fn is_missing(&self, c: Column) -> bool {
        let chosen = |c: Column| {
            self.columns()
                .iter()
                .zip(&self.choices)
                .any(|(col, h)| *col == c && !h.is_empty())
        };
        let covered = match c {
            Column::Month | Column::MonthFrom | Column::MonthTo => {
                chosen(Column::Month) || (chosen(Column::MonthFrom) && chosen(Column::MonthTo))
            }
            Column::Name | Column::IdNumber => chosen(Column::Name) || chosen(Column::IdNumber),
            c => chosen(c),
        };
        !covered && self.missing.iter().any(|m| m.contains(c.label()))
    }

    /// The clerk's choices as the request's columns.
    pub fn chosen(&self) -> Vec<(Column, String)> {
        self.columns()
            .iter()
            .zip(&self.choices)
            .filter(|(_, h)| !h.is_empty())
            .map(|(c, h)| (*c, h.clone()))
            .collect()
    }
}

/// The core's messages name the CLI's `--person`; in the window the clerk
/// picks the person in “证明是谁的”.
pub fn for_the_window(text: &str) -> String {
    text.replace(
        "请指定是谁的：命令行 --person 身份证号或姓名",
        "请在“证明是谁的”中选择此人",
    )
    .replace(
        "（命令行：--person 身份证号或姓名）",
        "（在“证明是谁的”中选择）",
    )
}

fn reading_kind(kind: SourceKind) -> SourceKind {
    match kind {
        SourceKind::PaymentList => SourceKind::Proof,
        k => k,
    }
}

/// The request for the file at `path` as the clerk set it up.
fn request_of(app: &ZichaApp, path: PathBuf) -> Option<SourceRequest> {
    let s = &app.io.source;
    let kind = s.kind.source()?;
    let mut request = SourceRequest::new(kind, path);
    request.columns = s.columns.clone();
    if kind == SourceKind::PaymentList {
        let payer = s.payer.trim();
        request.payer = (!payer.is_empty()).then(|| payer.to_string());
        request.person = s.person;
    }
    Some(request)
}

/// Reads and plans the file as a job (what 预览 does).
pub fn start_prepare(app: &mut ZichaApp, ctx: &egui::Context, request: SourceRequest) {
    app.io.outcome = None;
    app.io.source.prepared = None;
    start(app, ctx, "正在读取文件", move |store, _| {
        Ok(match sources::prepare(store, &request) {
            Ok(p) => Done::SourcePrepared(Box::new(p)),
            Err(Error::ColumnsMissing {
                file,
                sheet,
                missing,
                headers,
            }) => Done::SourceColumns(Box::new(Mapping::new(
                request,
                file,
                sheet,
                missing.iter().map(|m| for_the_window(m)).collect(),
                headers,
            ))),
            Err(e) => Done::SourceFailed(for_the_window(&e.to_string())),
        })
    });
}

/// Applies the plan the preview showed as a job (what 确认导入 does).
pub fn start_apply(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some(prepared) = app.io.source.prepared.clone() else {
        return;
    };
    app.io.outcome = None;
    start(app, ctx, "正在导入", move |store, _| {
        Ok(match sources::apply(store, &prepared) {
            Ok(o) => Done::SourceImported(Box::new(o), prepared.request.kind),
            Err(e) => Done::SourceFailed(e.to_string()),
        })
    });
}

/// What the 导入 screen says after an import.
pub fn outcome_lines(o: &SourceOutcome, kind: SourceKind) -> Vec<String> {
    let mut lines = vec![match kind {
        SourceKind::Ledger => format!(
            "{}：{} 人新增工作见证 {} 条，已有相同记录 {} 条",
            kind.label(),
            o.persons,
            o.evidence_added,
            o.present
        ),
        _ => format!(
            "{}：{} 人新增社保 {} 个月，已有相同记录 {} 个月",
            kind.label(),
            o.persons,
            o.months_added,
            o.present
        ),
    }];
    if o.months_added == 0 && o.evidence_added == 0 {
        lines.push("文件中的记录都已导入过，没有新增记录".into());
    }
    match kind {
        SourceKind::Ledger if o.findings > 0 => lines.push(format!(
            "报告署名疑点 {} 条，见“汇总”页，可导出清单",
            o.findings
        )),
        SourceKind::Ledger => {}
        _ if o.unmatched > 0 => lines.push(format!(
            "台账中没有的人员 {} 人（多为未持证职工，属正常），未导入",
            o.unmatched
        )),
        _ => {}
    }
    if let Some(b) = &o.backup {
        lines.push(format!("导入前的数据已备份到 {}", b.display()));
    }
    lines
}

/// The source part of the 导入 section, under the file's path.
pub fn show(app: &mut ZichaApp, ui: &mut Ui, path: PathBuf) {
    if app.io.source.kind == ImportKind::SocialInsurance {
        ui.horizontal(|ui| {
            let l = ui.label("缴费单位");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut app.io.source.payer)
                        .id(egui::Id::unique("source_payer"))
                        .hint_text("文件中没有缴费单位列时使用；空白为本单位")
                        .desired_width(340.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                app.io.source.prepared = None;
            }
        });
        person_picker(app, ui);
    }
    let ready = !path.as_os_str().is_empty() && !busy(app);
    if ui
        .add_enabled(ready, egui::Button::new("预览"))
        .on_hover_text("读取文件，列出将导入的记录；不写入任何数据")
        .clicked()
        && let Some(request) = request_of(app, path)
    {
        let ctx = ui.ctx().clone();
        start_prepare(app, &ctx, request);
    }
    if let Some(p) = app.io.source.prepared.clone() {
        preview(app, ui, &p);
    }
}

/// The person a 参保缴费证明 is about: a drop-down with a search field over
/// the roster (姓名, 拼音, 身份证号).
fn person_picker(app: &mut ZichaApp, ui: &mut Ui) {
    let data = &app.data;
    let state = &mut app.io.source;
    let label_of = |i: usize| {
        let p = &data.roster.persons[i].person;
        match &p.id_number {
            Some(id) => format!("{}（{}）", p.name, crate::domain::idcard::mask(id)),
            None => p.name.clone(),
        }
    };
    let shown = state
        .person
        .and_then(|id| data.index_of(id))
        .map(label_of)
        .unwrap_or_else(|| "（不指定：按文件中写明的人员）".into());
    let before = state.person;
    ui.horizontal(|ui| {
        let l = ui.label("证明是谁的");
        let query_id = egui::Id::unique("source_person_query");
        let inner = egui::ComboBox::from_id_salt(egui::Id::unique("source_person"))
            .selected_text(shown)
            .width(340.0)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show_ui(ui, |ui| {
                let r = ui.add(
                    egui::TextEdit::singleline(&mut state.person_query)
                        .id(query_id)
                        .hint_text("输入姓名、拼音或身份证号后几位")
                        .desired_width(300.0),
                );
                if !state.picker_focused {
                    r.request_focus();
                    state.picker_focused = true;
                }
                if ui
                    .selectable_label(state.person.is_none(), "（不指定）")
                    .clicked()
                {
                    state.person = None;
                    ui.close();
                }
                let query = state.person_query.trim();
                let found: Vec<usize> = (0..data.keys.len())
                    .filter(|&i| query.is_empty() || data.keys[i].matches(query))
                    .collect();
                let row = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                super::super::widgets::rows_area("source_person_list", ui, row, found.len(), 260.0)
                    .show_rows(ui, row, found.len(), |ui, range| {
                        for &i in &found[range] {
                            let id = data.roster.persons[i].person.id;
                            if ui
                                .selectable_label(state.person == id && id.is_some(), label_of(i))
                                .clicked()
                            {
                                state.person = id;
                                ui.close();
                            }
                        }
                    });
            });
        inner.response.labelled_by(l.id).on_hover_text(
            "个人参保缴费证明上没有写明姓名或身份证号时，在此选择是谁的证明；单位缴费明细不用选",
        );
        if inner.inner.is_none() {
            state.picker_focused = false;
        }
    });
    if state.person != before {
        state.prepared = None;
    }
}

/// The preview: what confirming will import, per person, and the rows that
/// name nobody in the roster.
fn preview(app: &mut ZichaApp, ui: &mut Ui, p: &Prepared) {
    let kind = p.request.kind;
    let ledger = kind == SourceKind::Ledger;
    ui.add_space(6.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.strong("预览：确认导入后将写入如下记录（现在尚未写入）");
        let lines = p.summary_lines();
        let shown = if p.other_kinds > 0 { 3 } else { 2 };
        for line in lines.iter().take(shown) {
            ui.add(egui::Label::new(line).wrap());
        }
        ui.add_space(4.0);
        persons_table(ui, &p.planned.persons, ledger);
        let (title, unit) = if ledger {
            (
                format!(
                    "报告署名人员不在持证人员台账中（{} 人）",
                    p.planned.unmatched.len()
                ),
                "份报告",
            )
        } else {
            (
                format!(
                    "台账中没有的人员（{} 人，多为未持证职工，属正常，不导入）",
                    p.planned.unmatched.len()
                ),
                "行",
            )
        };
        unmatched_list(ui, "source_unmatched", &title, &p.planned.unmatched, unit);
        if ledger {
            let title = format!(
                "同名无法区分（{} 人，台账中有多人同名，这些报告不计入）",
                p.planned.ambiguous.len()
            );
            unmatched_list(ui, "source_ambiguous", &title, &p.planned.ambiguous, unit);
        }
    });
    if p.months_added() == 0 && p.evidence_added() == 0 {
        ui.label("文件中的记录都已导入过（或没有台账中的人员），确认导入不会新增记录。");
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!busy(app), egui::Button::new("确认导入"))
            .on_hover_text("写入上面预览的记录；导入前自动备份")
            .clicked()
        {
            let ctx = ui.ctx().clone();
            start_apply(app, &ctx);
        }
        if ui
            .add_enabled(!busy(app), egui::Button::new("取消"))
            .clicked()
        {
            app.io.source.prepared = None;
        }
    });
}

/// 人员 / 新增 / 已有 / 其他缴费单位 (or 离职后署名), one row per person.
fn persons_table(ui: &mut Ui, persons: &[PersonAddition], ledger: bool) {
    if persons.is_empty() {
        ui.label("文件中没有台账中的人员。");
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let last = if ledger {
        "离职后署名"
    } else {
        "其他单位缴纳"
    };
    ui.push_id("source_persons", |ui| {
        TableBuilder::new(ui)
            .id_salt("source_persons")
            .striped(true)
            .vscroll(true)
            .max_scroll_height(240.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(TableColumn::initial(220.0).at_least(140.0).clip(true))
            .column(TableColumn::exact(80.0))
            .column(TableColumn::exact(80.0))
            .column(TableColumn::remainder().at_least(160.0).clip(true))
            .header(row_height, |mut h| {
                for t in ["人员", "新增", "已有", last] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, persons.len(), |mut row| {
                    let p = &persons[row.index()];
                    row.col(|ui| {
                        ui.label(&p.label);
                    });
                    row.col(|ui| {
                        ui.label(if ledger {
                            format!("{} 条", p.reports.len())
                        } else {
                            format!("{} 个月", p.months.len())
                        });
                    });
                    row.col(|ui| {
                        ui.label(if ledger {
                            format!("{} 条", p.present)
                        } else {
                            format!("{} 个月", p.present)
                        });
                    });
                    row.col(|ui| {
                        let text = if ledger {
                            match p.after_leave.first() {
                                Some((number, date)) => {
                                    format!("{} 份，如 {number}（{date}）", p.after_leave.len())
                                }
                                None => String::new(),
                            }
                        } else {
                            p.other_payers
                                .iter()
                                .map(|(payer, months)| format!("{payer} {} 个月", months.len()))
                                .collect::<Vec<_>>()
                                .join("；")
                        };
                        if !text.is_empty() {
                            ui.label(RichText::new(&text).color(verdict_color(Verdict::No)))
                                .on_hover_text(&text);
                        }
                    });
                });
            });
    });
}

/// A collapsible list of who the file names but the roster does not have;
/// only the visible rows are drawn.
fn unmatched_list(ui: &mut Ui, id: &str, title: &str, items: &[Unmatched], unit: &str) {
    if items.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(title)
        .id_salt(id)
        .show(ui, |ui| {
            let row = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            super::super::widgets::rows_area(id, ui, row, items.len(), 200.0).show_rows(
                ui,
                row,
                items.len(),
                |ui, range| {
                    for u in &items[range] {
                        ui.label(format!(
                            "{}（{} {unit}，首见第{}行）",
                            u.who, u.rows, u.first_row
                        ));
                    }
                },
            );
        });
}

/// The mapping dialog, while a needed column was not recognised.
pub fn mapping_dialog(app: &mut ZichaApp, ctx: &egui::Context) {
    let Some(m) = app.io.source.mapping.as_mut() else {
        return;
    };
    let answer = super::super::modal::ask(ctx, "source_mapping", 600.0, |ui| {
        ui.heading("请指明各列对应的表头");
        ui.add(
            egui::Label::new(format!(
                "在 {} 的工作表“{}”中没有认出：{}。请为下面每一项选择文件中对应的表头，用不到的选“不使用”，然后重新预览。",
                m.file,
                m.sheet,
                m.missing.join("、")
            ))
            .wrap(),
        );
        ui.add(
            egui::Label::new(
                RichText::new(format!("文件中的表头：{}", m.headers.join("、"))).weak(),
            )
            .wrap(),
        );
        ui.add_space(6.0);
        let owned = m.headers.clone();
        let headers: Vec<&str> = owned.iter().map(String::as_str).collect();
        let columns = m.columns();
        egui::Grid::new(egui::Id::unique("source_mapping_grid"))
            .num_columns(3)
            .show(ui, |ui| {
                for (i, c) in columns.iter().enumerate() {
                    let l = ui.label(c.label());
                    let r = super::person::choice(
                        ui,
                        egui::Id::unique(("source_mapping_choice", i)),
                        &mut m.choices[i],
                        &headers,
                        220.0,
                        "不使用",
                    );
                    r.labelled_by(l.id);
                    if m.is_missing(*c) {
                        field_error(ui, "未找到，请选择");
                    } else {
                        ui.label("");
                    }
                    ui.end_row();
                }
            });
        ui.add_space(4.0);
        ui.label(RichText::new("导入后，同样表头的文件会记住这次的选择。").weak());
        ui.add_space(8.0);
        super::super::modal::answer_buttons(ui, "重新预览", true)
    });
    match answer {
        Some(true) => {
            let Some(m) = app.io.source.mapping.take() else {
                return;
            };
            let mut request = m.request.clone();
            request.columns = m.chosen();
            app.io.source.columns = request.columns.clone();
            start_prepare(app, ctx, request);
        }
        Some(false) => app.io.source.mapping = None,
        None => {}
    }
}
