//! 导入 / 导出 / 打印.

use egui::Ui;

use super::super::ZichaApp;

#[derive(Default)]
pub struct IoState {
    pub request_template: bool,
    pub request_import: bool,
}

pub fn show(_app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("导入 / 导出 / 打印");
}
