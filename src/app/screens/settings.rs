//! 设置: agency information, 核查基准日 and 核查月数.

use egui::{RichText, Ui};

use crate::domain::{SettingKey, Settings};

use super::super::widgets::{field_error, field_label};
use super::super::{Command, ZichaApp};

#[derive(Default, Clone, PartialEq)]
pub struct SettingsForm {
    pub values: Vec<String>,
    baseline: Vec<String>,
    /// 开始新的核查批次: the date typed in its question, while it is open.
    pub campaign_date: Option<String>,
}

impl SettingsForm {
    pub fn from(s: &Settings) -> Self {
        let values: Vec<String> = SettingKey::ALL.iter().map(|k| s.get(*k)).collect();
        SettingsForm {
            baseline: values.clone(),
            values,
            campaign_date: None,
        }
    }

    /// Whether a field holds something not saved.
    pub fn is_dirty(&self) -> bool {
        self.values != self.baseline
    }

    /// Takes the saved settings after a reload. A field the clerk has not
    /// touched, or whose edit is what was saved, shows the saved value; any
    /// other field keeps what the clerk typed.
    pub fn refresh(&mut self, s: &Settings) {
        let saved = Self::from(s);
        let values = SettingKey::ALL
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let mut typed = Settings::default();
                match self.values.get(i) {
                    Some(v)
                        if self.baseline.get(i) != Some(v)
                            && !(typed.set(*k, v).is_ok() && typed.get(*k) == saved.values[i]) =>
                    {
                        v.clone()
                    }
                    _ => saved.values[i].clone(),
                }
            })
            .collect();
        *self = SettingsForm {
            values,
            baseline: saved.baseline,
            campaign_date: self.campaign_date.take(),
        };
    }

    /// The settings, or every message keyed by the field.
    pub fn build(&self) -> (Settings, Vec<(SettingKey, String)>) {
        let mut s = Settings::default();
        let mut errors = Vec::new();
        for (k, v) in SettingKey::ALL.iter().zip(&self.values) {
            if let Err(e) = s.set(*k, v) {
                errors.push((*k, e.to_string()));
            }
        }
        (s, errors)
    }
}

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("设置");
    ui.label(RichText::new("单位名称会打印在附件1上，也用来判断社保是否由本单位缴纳。").weak());
    ui.add_space(8.0);
    let form = &mut app.settings;
    let (settings, errors) = form.build();
    for (i, k) in SettingKey::ALL.iter().enumerate() {
        ui.horizontal(|ui| {
            let label = field_label(ui, k.label(), *k == SettingKey::AgencyName);
            let hint = match k {
                SettingKey::ReferenceDate => format!("空白为今天（{}）", app.data.today),
                SettingKey::WindowMonths => "1–120，默认12".into(),
                SettingKey::ExpiryWarningDays => "0–3650，默认90，0为不提醒".into(),
                SettingKey::Aliases => "其他登记名称或简称，多个用“；”分隔".into(),
                _ => String::new(),
            };
            ui.add(
                egui::TextEdit::singleline(&mut form.values[i])
                    .hint_text(hint)
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        });
        if form.values[i] != form.baseline[i] {
            for (ek, m) in &errors {
                if ek == k {
                    ui.horizontal(|ui| {
                        ui.add_space(118.0);
                        field_error(ui, m);
                    });
                }
            }
        }
    }
    ui.add_space(8.0);
    ui.label(RichText::new("核查基准日：所有时间窗口都以此日为准，同一基准日重新核查结果不变。核查月数：社保和工作见证检查的月数。到期提醒天数：证书有效期在核查基准日后这些天内到期的，标为“证书即将到期”。").weak());
    let dirty = form.is_dirty();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(dirty, egui::Button::new("保存设置"))
            .clicked()
        {
            if errors.is_empty() {
                app.commands.push(Command::SaveSettings(settings));
            } else {
                app.toasts.error("设置有误，请按红字提示修改");
                form.baseline = vec![String::from("\u{0}"); form.values.len()];
            }
        }
        if ui
            .add_enabled(dirty, egui::Button::new("取消修改"))
            .clicked()
        {
            form.values = form.baseline.clone();
        }
    });
    campaign_section(app, ui);
}

/// 核查批次: the current one, and starting the next (asks first, with the date).
fn campaign_section(app: &mut ZichaApp, ui: &mut Ui) {
    use crate::store::campaigns::campaign_name;
    ui.add_space(16.0);
    ui.separator();
    ui.heading("核查批次");
    let current = app.data.campaign;
    ui.label(format!(
        "当前为{}。下一年核查时开始新的一批：人员和记录照旧，人工认定、疑点确认和手写说明留在本批，不带入新批次；已有的报送记录不变。",
        campaign_name(current)
    ));
    if ui.button("开始新的核查批次…").clicked() {
        let next = app
            .data
            .roster
            .settings
            .reference_date
            .and_then(|d| d.checked_add_months(chrono::Months::new(12)))
            .map(|d| d.to_string())
            .unwrap_or_default();
        app.settings.campaign_date = Some(next);
    }
    let Some(mut text) = app.settings.campaign_date.take() else {
        return;
    };
    let parsed = crate::domain::parse::parse_date(&text);
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("new_campaign")).show(ui.ctx(), |ui| {
        ui.heading(format!("开始{}", campaign_name(current + 1)));
        ui.label(format!(
            "{}的人工认定、疑点确认和手写说明将留在{}，不带入新批次，新批次须重新核实。此操作记入修改记录。",
            campaign_name(current),
            campaign_name(current)
        ));
        ui.horizontal(|ui| {
            let l = ui.label("新批次的核查基准日");
            ui.add(egui::TextEdit::singleline(&mut text).desired_width(140.0))
                .labelled_by(l.id);
        });
        let date = match &parsed {
            Ok(Some(d)) => Some(*d),
            Ok(None) => {
                field_error(ui, "请填写新批次的核查基准日");
                None
            }
            Err(m) => {
                field_error(ui, m);
                None
            }
        };
        ui.horizontal(|ui| {
            if ui
                .add_enabled(date.is_some(), egui::Button::new("确定开始"))
                .clicked()
            {
                answer = date.map(Some);
            }
            if ui.button("取消").clicked() {
                answer = Some(None);
            }
        });
    });
    match answer {
        Some(Some(date)) => app.commands.push(Command::StartCampaign(date)),
        Some(None) => {}
        None => app.settings.campaign_date = Some(text),
    }
}
