//! 汇总: the eight numbers of Annex 1 part one, live, and the staffing table
//! (人员条件) editor with each line's count against its minimum.

use egui::{RichText, Ui};

use crate::domain::StaffingLine;

use super::super::widgets::{field_error, verdict_color};
use super::super::{Command, Nav, Screen, ZichaApp};

/// The staffing table as typed: 类别, 证书项目, 最少人数.
#[derive(Default, Clone, PartialEq)]
pub struct StaffingForm {
    pub rows: Vec<[String; 3]>,
    baseline: Vec<[String; 3]>,
}

impl StaffingForm {
    pub fn from(lines: &[StaffingLine]) -> Self {
        let rows: Vec<[String; 3]> = lines
            .iter()
            .map(|l| {
                [
                    l.category.clone(),
                    l.patterns_text(),
                    l.min_count.to_string(),
                ]
            })
            .collect();
        StaffingForm {
            baseline: rows.clone(),
            rows,
        }
    }

    /// Whether the table holds something not saved.
    pub fn is_dirty(&self) -> bool {
        self.rows != self.baseline
    }

    /// Takes the saved table after a reload: rebuilt unless the clerk has
    /// unsaved edits, which are kept (measured against the saved table).
    pub fn refresh(&mut self, lines: &[StaffingLine]) {
        let saved = Self::from(lines);
        let untouched = self.rows == self.baseline;
        let is_saved = self.build().is_ok_and(|l| l == lines);
        if untouched || is_saved {
            *self = saved;
        } else {
            self.baseline = saved.baseline;
        }
    }

    /// The lines, or the first message saying what is wrong.
    pub fn build(&self) -> Result<Vec<StaffingLine>, String> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, [category, patterns, min])| {
                let n = i + 1;
                let category = crate::domain::text::clean(category);
                if category.is_empty() {
                    return Err(format!("第{n}行：类别不能为空"));
                }
                let patterns = StaffingLine::split_patterns(patterns);
                if patterns.is_empty() {
                    return Err(format!("第{n}行：请填写证书项目，如 DS 或 RT-Ⅱ"));
                }
                let min_count = crate::domain::text::clean(min)
                    .parse()
                    .map_err(|_| format!("第{n}行：最少人数应为整数"))?;
                Ok(StaffingLine {
                    category,
                    patterns,
                    min_count,
                })
            })
            .collect()
    }
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    super::super::widgets::job_status(app, ui);
    // A long 人员条件 table stays reachable in a small window.
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            contents(app, ui);
            findings_section(app, ui);
        });
    super::super::jobs::replace_dialog(app, ui.ctx());
}

/// 报告署名核查: the report ledgers' findings, and their export.
fn findings_section(app: &mut ZichaApp, ui: &mut Ui) {
    use crate::sources::findings;
    ui.add_space(16.0);
    ui.heading("报告署名核查");
    let ledgers = app
        .data
        .sources
        .values()
        .filter(|s| s.kind == crate::sources::SourceKind::Ledger.label())
        .count();
    if ledgers == 0 && app.data.findings.is_empty() {
        ui.label(
            RichText::new(
                "尚未导入检验报告台账。在“导入 / 导出 / 打印”页导入后，这里列出不在持证人员台账中的署名人员、同名无法区分和离职后署名的报告。",
            )
            .weak(),
        );
        return;
    }
    if app.data.findings.is_empty() {
        ui.label(
            RichText::new(format!(
                "已导入检验报告台账 {ledgers} 份，未发现报告署名疑点。"
            ))
            .color(verdict_color(crate::domain::Verdict::Yes)),
        );
        return;
    }
    ui.label(
        RichText::new(format!(
            "报告署名疑点：{}",
            findings::counts_text(&app.data.findings)
        ))
        .color(verdict_color(crate::domain::Verdict::No))
        .strong(),
    );
    ui.label(
        RichText::new("报告署名人员应为本机构持证的检验检测人员；导出清单逐份列出报告编号、日期、署名角色和来源，供核实。")
            .weak(),
    );
    super::super::widgets::save_row(
        app,
        ui,
        |app| &mut app.io.findings_path,
        ("保存到", "报告署名疑点.xlsx", "导出报告署名疑点…"),
        |store, path| {
            let lines = findings::of_store(store)?;
            findings::write_xlsx(path, &lines)?;
            Ok(format!("已导出报告署名疑点 {} 条", lines.len()))
        },
    );
}

fn contents(app: &mut ZichaApp, ui: &mut Ui) {
    let s = app.data.report.summary.clone();
    ui.heading("（一）自查情况汇总");
    egui::Grid::new("summary")
        .striped(true)
        .num_columns(2)
        .min_col_width(200.0)
        .show(ui, |ui| {
            for item in crate::annex1::summary_items(&s) {
                ui.label(item.label);
                ui.label(RichText::new(item.value).strong().size(16.0));
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    if s.pending > 0 {
        let text = RichText::new(format!(
            "尚有 {} 人待核实，附件1目前只能作为草稿。点击查看这些人员",
            s.pending
        ))
        .color(verdict_color(crate::domain::Verdict::Pending));
        if ui.link(text).clicked() {
            app.roster.show_pending_only();
            app.roster.refresh(&app.data);
            app.navigate(Nav::Screen(Screen::Roster));
        }
    } else {
        ui.label("全部人员均已核实，可以生成正式的附件1。");
    }
    if s.expiring > 0 {
        let days = app.data.roster.settings.expiry_warning_days;
        let text = RichText::new(format!(
            "{} 人的证书将在核查基准日后{days}天内到期（不影响核查结论）。点击查看这些人员",
            s.expiring
        ))
        .color(super::roster::EXPIRING_COLOR);
        if ui.link(text).clicked() {
            app.roster.show_expiring_only();
            app.roster.refresh(&app.data);
            app.navigate(Nav::Screen(Screen::Roster));
        }
    }

    ui.add_space(16.0);
    ui.heading("人员条件（《核准规则》规定的人员资源条件）");
    ui.label(RichText::new("按本机构核准证的项目填写。证书项目可写多个，用顿号或逗号分隔；持有任一匹配且未过期证书、真实执业且全职的人员计入。").weak());
    let counts = &s.staffing_lines;
    let form = &mut app.summary;
    // Each column as wide as its longest text, so nothing is cut; a longer
    // text than the screen allows shows whole on hover.
    let widths = [(0, 140.0, 360.0), (1, 200.0, 360.0)].map(|(c, least, most)| {
        let longest = form
            .rows
            .iter()
            .map(|r| text_width(ui, &r[c]))
            .fold(0.0, f32::max);
        (longest + 16.0).clamp(least, most)
    });
    let mut remove = None;
    egui::Grid::new("staffing").striped(true).show(ui, |ui| {
        let heads = ["类别", "证书项目", "最少人数", "现有人数", ""].map(|h| ui.strong(h).id);
        ui.end_row();
        for (i, row) in form.rows.iter_mut().enumerate() {
            for (c, width) in widths.iter().enumerate() {
                let r = ui
                    .add(
                        // A grid cell offers only last frame's column width:
                        // ask for the width, do not just wish for it.
                        egui::TextEdit::singleline(&mut row[c])
                            .desired_width(*width)
                            .min_size(egui::vec2(*width, 0.0)),
                    )
                    .labelled_by(heads[c]);
                if !row[c].is_empty() {
                    r.on_hover_text(row[c].as_str());
                }
            }
            ui.add(
                egui::TextEdit::singleline(&mut row[2])
                    .desired_width(60.0)
                    .min_size(egui::vec2(60.0, 0.0)),
            )
            .labelled_by(heads[2]);
            match counts.get(i).filter(|_| form.baseline.get(i) == Some(row)) {
                Some(c) => {
                    let color = if c.is_met() {
                        verdict_color(crate::domain::Verdict::Yes)
                    } else {
                        verdict_color(crate::domain::Verdict::No)
                    };
                    ui.label(
                        RichText::new(format!("{} / {}", c.count, c.line.min_count))
                            .color(color)
                            .strong(),
                    );
                }
                None => {
                    ui.label("（保存后计算）");
                }
            }
            if ui.small_button("删除").clicked() {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove {
        form.rows.remove(i);
    }
    let built = form.build();
    if let Err(m) = &built {
        field_error(ui, m);
    }
    ui.horizontal(|ui| {
        if ui.button("添加一行").clicked() {
            form.rows.push(Default::default());
        }
        let dirty = form.is_dirty();
        if ui
            .add_enabled(dirty && built.is_ok(), egui::Button::new("保存人员条件"))
            .clicked()
            && let Ok(lines) = built
        {
            app.commands.push(Command::SaveStaffing(lines));
        }
        if ui
            .add_enabled(dirty, egui::Button::new("取消修改"))
            .clicked()
        {
            form.rows = form.baseline.clone();
        }
    });
}

/// The width of `text` in the body font, unwrapped.
fn text_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.fonts_mut(|f| {
        f.layout_no_wrap(text.to_string(), font, egui::Color32::BLACK)
            .size()
            .x
    })
}
