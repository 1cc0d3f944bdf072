//! 跨机构挂证: the same 身份证号 in two or more received agencies, social
//! insurance paid by another received agency, and (where only an Annex 1 was
//! received) the same name as "同名，需核实"; exported as 跨机构挂证疑点清单.xlsx.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::super::super::widgets::{WEAK_TEXT, job_status, save_row, verdict_color};
use super::super::super::{ZichaApp, jobs};
use crate::annex2::overview::Overview;
use crate::annex2::{crosscheck_xlsx, wording};
use crate::domain::Verdict;

pub fn show(app: &mut ZichaApp, ui: &mut Ui) {
    ui.heading("跨机构挂证");
    ui.label("《特种设备安全法》第五十一条：检验检测人员不得同时在两个以上检验、检测机构中执业。接收各机构的台账工作簿后，按身份证号比对。");
    job_status(app, ui);
    let Some(o) = app.data.overview.as_ref() else {
        return;
    };
    if o.names_only {
        ui.label(
            RichText::new(format!("注意：{}", wording::NAMES_ONLY))
                .color(verdict_color(Verdict::Pending)),
        );
    }
    let count = o.cross.len();
    if count == 0 {
        ui.label(RichText::new("未发现跨机构挂证疑点").color(verdict_color(Verdict::Yes)));
    } else {
        ui.label(format!("共 {count} 条疑点，请逐条核实："));
    }
    let today = app.data.today;
    save_row(
        app,
        ui,
        |a| &mut a.regulator.cross_path,
        ("导出到", wording::CROSS_FILE, "导出疑点清单"),
        move |store, path| {
            let o = Overview::load(store, today)?;
            crosscheck_xlsx::write(&o.cross, o.names_only, path)?;
            Ok(format!("已导出跨机构挂证疑点清单（{} 条）", o.cross.len()))
        },
    );
    jobs::replace_dialog(app, ui.ctx());
    if let Some(o) = app.data.overview.as_ref()
        && !o.cross.is_empty()
    {
        ui.add_space(6.0);
        table(ui, o);
    }
}

fn table(ui: &mut Ui, o: &Overview) {
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::exact(150.0))
        .column(Column::exact(70.0))
        .column(Column::exact(160.0))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::exact(160.0).clip(true))
        .header(22.0, |mut h| {
            for c in wording::CROSS_COLUMNS {
                h.col(|ui| {
                    ui.strong(c);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, o.cross.len(), |mut row| {
                let f = &o.cross[row.index()];
                let agencies: Vec<String> = f.agencies.iter().map(|a| a.text()).collect();
                let detail = agencies.join("、");
                for text in [f.kind.label(), &f.name, &f.id_number, &detail, &f.note] {
                    row.col(|ui| {
                        ui.label(text).on_hover_text(text);
                    });
                }
            });
        });
    ui.label(RichText::new("把鼠标停在一格上可看全文；导出的清单中有完整内容。").color(WEAK_TEXT));
}
