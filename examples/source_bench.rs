//! Files for the sources benchmark (not a timed test, docs/PERFORMANCE.md):
//! a roster of N persons (default 5,000), a payment list of N persons × 12
//! months × 5 kinds of insurance (300,000 rows for 5,000), and a report ledger
//! of 50,000 reports, each signed by two inspectors, a reviewer and an approver.
//!
//! cargo run --release --example source_bench -- DIR [N]
//! then time the whole process: zicha --db DIR/r.db import DIR/roster.xlsx;
//! zicha --db DIR/r.db import-si DIR/payments.xlsx; zicha --db DIR/r.db import-reports DIR/ledger.xlsx

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, XlsxError};

#[path = "../tests/it/roster_gen/mod.rs"]
mod roster_gen;

const KINDS: [&str; 5] = [
    "企业职工基本养老保险",
    "失业保险",
    "工伤保险",
    "基本医疗保险",
    "职业年金",
];

fn payments(path: &Path, n: usize) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "单位参保缴费明细")?;
    let heads = [
        "序号",
        "姓名",
        "证件号码",
        "费款所属期",
        "险种类型",
        "缴费基数",
        "单位缴纳",
        "个人缴纳",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    let mut r = 2u32;
    for i in 0..n {
        let id = roster_gen::id_number(i);
        let name = format!("人员{i:05}");
        for m in 0..12 {
            // 2022-07 … 2023-06: months the roster workbook does not hold.
            let (y, mo) = if m < 6 { (2022, 7 + m) } else { (2023, m - 5) };
            for kind in KINDS {
                ws.write_number(r, 0, (r - 1) as f64)?;
                ws.write_string(r, 1, &name)?;
                ws.write_string(r, 2, &id)?;
                ws.write_string(r, 3, format!("{y}{mo:02}"))?;
                ws.write_string(r, 4, kind)?;
                ws.write_number(r, 5, 6000.0)?;
                ws.write_number(r, 6, 960.0)?;
                ws.write_number(r, 7, 480.0)?;
                r += 1;
            }
        }
    }
    book.save(path)
}

fn ledger(path: &Path, n: usize, reports: usize) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "检验报告台账")?;
    for (c, h) in ["报告编号", "出具日期", "检验人员", "审核", "批准"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h)?;
    }
    for k in 0..reports {
        let r = k as u32 + 2;
        let day = 1 + k % 28;
        let month = 1 + (k / 28) % 12;
        ws.write_string(r, 0, format!("RD2024-{k:06}"))?;
        ws.write_string(r, 1, format!("2024-{month:02}-{day:02}"))?;
        let a = k % n;
        let b = (k * 7 + 1) % n;
        ws.write_string(r, 2, format!("人员{a:05}、人员{b:05}"))?;
        ws.write_string(r, 3, format!("人员{:05}", (k * 13 + 2) % n))?;
        ws.write_string(r, 4, format!("人员{:05}", (k * 17 + 3) % n))?;
    }
    book.save(path)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("用法：source_bench 输出文件夹 [人数]");
        std::process::exit(2);
    };
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5000);
    let run = || -> Result<(), XlsxError> {
        std::fs::create_dir_all(&dir)?;
        roster_gen::generate(&dir.join("roster.xlsx"), n)?;
        payments(&dir.join("payments.xlsx"), n)?;
        ledger(&dir.join("ledger.xlsx"), n, 50_000)?;
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("生成文件失败：{e}");
        std::process::exit(1);
    }
    println!("已生成 {}（{n} 人）", dir.display());
}
