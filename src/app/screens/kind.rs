//! The first screen on a blank file: which kind of file to make, 本单位自查台账
//! (an agency's roster) or 辖区汇总（附件2） (a county regulator's compilation).
//! Asked once; the choice is written to the file with its 修改记录 entry.

use egui::{RichText, Ui};

use super::super::{Command, ZichaApp};
use crate::store::Workspace;

/// Each kind with the one line that tells the clerk which one is theirs.
const CHOICES: [(Workspace, &str); 2] = [
    (
        Workspace::Roster,
        "检验检测机构使用：录入或导入本单位持证人员，逐人核查，打印附件1",
    ),
    (
        Workspace::Annex2,
        "县（区）级特种设备安全监察机构使用：接收各机构的附件1，核对，汇总打印附件2",
    ),
];

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading(RichText::new("新建数据文件").size(24.0));
        ui.add_space(8.0);
        ui.label("这个数据文件还是空的。请选择要建立哪一种文件（选定后不能更改）：");
        if let Some(path) = app.data.store.path() {
            ui.label(RichText::new(path.display().to_string()).weak());
        }
        ui.add_space(20.0);
        for (i, (kind, line)) in CHOICES.iter().enumerate() {
            let button = ui.add_sized(
                [360.0, 44.0],
                egui::Button::new(RichText::new(kind.label()).size(18.0)),
            );
            // The keyboard starts on the first choice: Enter takes it, Tab moves on.
            if i == 0 && ui.memory(|m| m.focused().is_none()) {
                button.request_focus();
            }
            if button.clicked() {
                app.commands.push(Command::SetWorkspace(*kind));
            }
            ui.label(*line);
            ui.add_space(14.0);
        }
    });
}
