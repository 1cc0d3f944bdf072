//! The first screen on an empty database: 下载模板, 导入台账, 载入示例数据.

use egui::{RichText, Ui};

use super::super::{Command, Nav, Screen, ZichaApp};

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading(RichText::new("欢迎使用特种设备检验检测人员自查台账").size(24.0));
        ui.add_space(12.0);
        ui.label("台账中还没有人员。按以下步骤开始：");
        ui.label("下载模板 → 在 Excel 中填写 → 导入台账 → 核查 → 打印附件1 → 签字盖章报送");
        ui.add_space(20.0);
        let size = [220.0, 40.0];
        if ui.add_sized(size, egui::Button::new(RichText::new("下载模板").size(16.0))).clicked() {
            app.io.request_template = true;
            app.navigate(Nav::Screen(Screen::Io));
        }
        if ui.add_sized(size, egui::Button::new(RichText::new("导入台账").size(16.0))).clicked() {
            app.io.request_import = true;
            app.navigate(Nav::Screen(Screen::Io));
        }
        if ui.add_sized(size, egui::Button::new(RichText::new("载入示例数据").size(16.0))).clicked() {
            app.commands.push(Command::LoadDemo);
        }
        if ui.add_sized(size, egui::Button::new(RichText::new("手工新增人员").size(16.0))).clicked() {
            app.navigate(Nav::NewPerson);
        }
        ui.add_space(12.0);
        ui.label(
            RichText::new(format!(
                "示例数据共 {} 人，覆盖各种核查结论和疑点，便于熟悉程序。示例保存在临时文件中，不会写入正式台账。",
                demo_count()
            ))
            .weak(),
        );
    });
}

/// How many persons the demo holds (built once, not every frame).
fn demo_count() -> usize {
    static COUNT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *COUNT.get_or_init(|| crate::demo::persons().len())
}
