//! The regulator's screens of a 辖区汇总（附件2） file (docs/ANNEX2.md):
//! 接收附件1, 各单位情况, 附件2 (figures, list (二), 考试机构), 跨机构挂证 and
//! 打印附件2. What they show comes from the core's [`Overview`], reloaded
//! after every change; what they change goes through [`Command`]s.

pub mod agencies;
pub mod cross;
pub mod exam;
pub mod figures;
pub mod print;
pub mod receive;

use egui::{RichText, Ui};

use super::super::{Command, ZichaApp};
use crate::annex2::overview::{self, Overview};
use crate::domain::Verdict;

/// The fields of the regulator's screens, kept while the clerk moves between them.
#[derive(Default)]
pub struct RegulatorState {
    pub receive: receive::ReceiveForm,
    pub figures: figures::FiguresForm,
    pub print: print::PrintForm,
    pub cross_path: String,
}

impl RegulatorState {
    /// The typed values not yet stored (a figure or 本单位信息 the clerk has
    /// not left yet): stored before the window closes.
    pub fn unsaved_commands(&mut self, o: Option<&Overview>) -> Vec<Command> {
        match o {
            Some(o) => self.figures.unsaved_commands(o),
            None => Vec::new(),
        }
    }
}

/// The title bar of a 辖区汇总 file: its kind, the regulator and the status.
pub fn title_bar(app: &mut ZichaApp, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("特种设备检验检测机构自查情况汇总");
        ui.label(RichText::new("辖区汇总（附件2）").strong());
        ui.separator();
        let Some(o) = &app.data.overview else {
            return;
        };
        let name = o.annex.regulator.trim();
        ui.label(if name.is_empty() {
            "（未填写单位名称）"
        } else {
            name
        });
        ui.separator();
        ui.label(format!("已接收 {} 家机构的附件1", o.current.forms.len()));
        let drafts = o.annex.drafts.len();
        if drafts > 0 {
            ui.label(
                RichText::new(format!("（其中草稿 {drafts} 份）"))
                    .color(super::super::widgets::verdict_color(Verdict::Pending)),
            );
        }
    });
}

/// Annex 2's status in one line of fixed height (cut with "…", whole on hover).
pub fn status_short(ui: &mut Ui, o: &Overview) {
    let (text, v) = match o.annex.draft_line() {
        Some(line) => (line, Verdict::Pending),
        None => ("本表为正式表，可签字盖章报送".to_string(), Verdict::Yes),
    };
    ui.add(
        egui::Label::new(
            RichText::new(text)
                .color(super::super::widgets::verdict_color(v))
                .strong(),
        )
        .truncate(),
    );
}

/// Annex 2's status in colour: amber while a draft, green when final.
pub fn status(ui: &mut Ui, o: &Overview) {
    let color = if o.annex.is_draft() {
        super::super::widgets::verdict_color(Verdict::Pending)
    } else {
        super::super::widgets::verdict_color(Verdict::Yes)
    };
    ui.label(
        RichText::new(overview::status_line(&o.annex))
            .color(color)
            .strong(),
    );
}
