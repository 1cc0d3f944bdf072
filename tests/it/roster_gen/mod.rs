//! A large roster workbook for the import benchmark (examples/import_bench.rs)
//! and the crash test (tests/it/crash.rs): N persons with 12 months of social
//! insurance as one row per month, 2 evidence rows and 1–2 certificates each.
#![allow(dead_code)]

use std::path::Path;

use chrono::{Days, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use zicha::domain::idcard::expected_check_char;

pub fn id_number(i: usize) -> String {
    let birth = NaiveDate::from_ymd_opt(1965, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new((i * 3) as u64)))
        .unwrap_or_default();
    let body = format!("370502{}{:03}", birth.format("%Y%m%d"), i % 1000);
    let check = expected_check_char(&body).unwrap_or('0');
    format!("{body}{check}")
}

/// Writes the workbook of `n` persons to `path`.
pub fn generate(path: &Path, n: usize) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = book.add_worksheet();
    ws.set_name("人员")?;
    let heads = [
        "序号",
        "姓名",
        "身份证号",
        "岗位",
        "用工形式",
        "入职日期",
        "是否实际履职",
        "执业公示",
        "学历层次",
        "毕业院校",
        "专业",
        "毕业日期",
        "学历证书编号",
        "学历核验方式",
        "学历核验编号",
        "学历核验结果",
        "职称名称",
        "职称取得日期",
        "职称核验方式",
        "职称核验编号",
        "职称核验结果",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    let hire = ExcelDateTime::from_ymd(2015, 3, 1)?;
    let grad = ExcelDateTime::from_ymd(2008, 7, 1)?;
    let title = ExcelDateTime::from_ymd(2016, 12, 30)?;
    for i in 0..n {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, format!("人员{i:05}"))?;
        ws.write_string(r, 2, id_number(i))?;
        ws.write_string(r, 3, "检验员岗")?;
        ws.write_string(
            r,
            4,
            if i % 10 == 0 {
                "退休返聘"
            } else {
                "全职"
            },
        )?;
        ws.write_datetime_with_format(r, 5, &hire, &date)?;
        ws.write_string(r, 6, "是")?;
        ws.write_string(r, 7, "是")?;
        ws.write_string(r, 8, "本科")?;
        ws.write_string(r, 9, "山东大学")?;
        ws.write_string(r, 10, "机械工程")?;
        ws.write_datetime_with_format(r, 11, &grad, &date)?;
        ws.write_string(r, 12, format!("10422120080500{:04}", i % 10000))?;
        ws.write_string(r, 13, "学信网备案表")?;
        ws.write_string(r, 14, format!("A1B2C3D4E5F{i:05}"))?;
        ws.write_string(r, 15, "一致")?;
        ws.write_string(r, 16, "工程师")?;
        ws.write_datetime_with_format(r, 17, &title, &date)?;
        ws.write_string(r, 18, "人社查询平台")?;
        ws.write_string(r, 19, format!("RS{i:06}"))?;
        ws.write_string(r, 20, "一致")?;
    }

    let ws = book.add_worksheet();
    ws.set_name("证书")?;
    for (c, h) in [
        "姓名",
        "身份证号",
        "证书项目",
        "证书编号",
        "发证日期",
        "有效期至",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h)?;
    }
    let issued = ExcelDateTime::from_ymd(2012, 6, 15)?;
    let until = ExcelDateTime::from_ymd(2028, 6, 14)?;
    let mut r = 1;
    for i in 0..n {
        let items: &[&str] = if i % 2 == 0 {
            &["检验师(DS)", "RT-Ⅱ"]
        } else {
            &["检验员(QP)"]
        };
        for item in items {
            ws.write_string(r, 0, format!("人员{i:05}"))?;
            ws.write_string(r, 1, id_number(i))?;
            ws.write_string(r, 2, *item)?;
            ws.write_string(r, 3, format!("TS{i:06}-{r}"))?;
            ws.write_datetime_with_format(r, 4, &issued, &date)?;
            ws.write_datetime_with_format(r, 5, &until, &date)?;
            r += 1;
        }
    }

    let ws = book.add_worksheet();
    ws.set_name("社保")?;
    for (c, h) in ["姓名", "身份证号", "缴费月份", "缴费单位"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h)?;
    }
    let mut r = 1;
    for i in 0..n {
        for m in 0..12u32 {
            let (y, mo) = if m < 6 { (2023, m + 7) } else { (2024, m - 5) };
            ws.write_string(r, 0, format!("人员{i:05}"))?;
            ws.write_string(r, 1, id_number(i))?;
            ws.write_string(r, 2, format!("{y}-{mo:02}"))?;
            if i % 50 == 0 && m == 11 {
                ws.write_string(r, 3, "某人力资源公司")?;
            }
            r += 1;
        }
    }

    let ws = book.add_worksheet();
    ws.set_name("工作见证")?;
    for (c, h) in ["姓名", "身份证号", "日期", "类型", "编号", "说明"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h)?;
    }
    let days = [
        ExcelDateTime::from_ymd(2024, 3, 12)?,
        ExcelDateTime::from_ymd(2024, 5, 20)?,
    ];
    let mut r = 1;
    for i in 0..n {
        for (k, day) in days.iter().enumerate() {
            ws.write_string(r, 0, format!("人员{i:05}"))?;
            ws.write_string(r, 1, id_number(i))?;
            ws.write_datetime_with_format(r, 2, day, &date)?;
            ws.write_string(r, 3, "检验报告")?;
            ws.write_string(r, 4, format!("DY-2024-{i:05}-{k}"))?;
            ws.write_string(r, 5, "电梯定期检验")?;
            r += 1;
        }
    }

    let ws = book.add_worksheet();
    ws.set_name("单位信息")?;
    ws.write_string(0, 0, "项目")?;
    ws.write_string(0, 1, "内容")?;
    ws.write_string(1, 0, "单位名称")?;
    ws.write_string(1, 1, "东营市特种设备检验研究院")?;
    ws.write_string(2, 0, "核查基准日")?;
    ws.write_string(2, 1, "2024-07-10")?;
    book.save(path)
}
