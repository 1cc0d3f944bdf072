//! `zicha template`: the blank roster workbook (导入模板) with a 说明 sheet.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::columns::{Col, Shape, SheetKind};
use super::help::help;
use super::layout::{Formats, TEMPLATE_ROWS, save, setup_sheet, write_error};
use crate::domain::SettingKey;
use crate::error::Result;

/// What a column accepts, in words.
pub fn accepted(col: Col) -> String {
    match col.shape() {
        Shape::Text => "文字".into(),
        Shape::Integer => "整数".into(),
        Shape::Date => "日期，如 2024-07-10、2024/7/10、2024.7.10、20240710、2024年7月10日".into(),
        Shape::Month => "月份，如 2024-07、2024/7、202407、2024年7月".into(),
        Shape::List(labels) => {
            let l = labels();
            if l == ["是", "否"] {
                "是 / 否（也可填 Y/N、√/×、有/无）".into()
            } else {
                l.join("、")
            }
        }
        Shape::Mixed => "按项目填写".into(),
    }
}

const NOTES: &[&str] = &[
    "填写说明",
    "1. 只有“人员”表必须填写，其余各表可按需填写；不用的表可以留空或删除。",
    "2. 每张表第1行是列名，列的顺序可以调整，多余的列导入时会被忽略；红色列名（带*）为必填列。",
    "3. “证书”“社保”“工作见证”各行按身份证号对应“人员”表中的人员；未填身份证号时按姓名对应，此时姓名不能重名。",
    "4. 日期可写作 2024-07-10、2024/7/10、2024.7.10、20240710、2024年7月10日；月份可写作 2024-07、2024/7、202407、2024年7月。",
    "5. 是/否 列可填 是、否（或 Y/N、√/×、有/无）；带下拉箭头的列只能从列表中选择。",
    "6. 身份证号、证书编号等长数字列已设为文本格式，请勿改为数值格式，否则末尾几位会丢失。",
    "7. 导入时任何一处错误都会使整个工作簿不被导入，程序会逐条列出错误的表、行、列和原因。",
];

fn write_help_sheet(ws: &mut Worksheet, f: &Formats) -> std::result::Result<(), XlsxError> {
    ws.set_name("说明")?;
    let bold = Format::new().set_bold();
    for (i, line) in NOTES.iter().enumerate() {
        if i == 0 {
            ws.write_string_with_format(i as u32, 0, *line, &bold)?;
        } else {
            ws.write_string(i as u32, 0, *line)?;
        }
    }
    let mut row = NOTES.len() as u32 + 1;
    let heads = ["工作表", "列名", "是否必填", "可填写的内容", "说明", "示例"];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &f.header)?;
    }
    for (c, w) in [10.0, 18.0, 9.0, 40.0, 60.0, 24.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    row += 1;
    for kind in SheetKind::ALL {
        for col in kind.columns() {
            let (text, example) = help(col);
            ws.write_string(row, 0, kind.name())?;
            ws.write_string(row, 1, col.header())?;
            ws.write_string(row, 2, if col.required() { "必填" } else { "" })?;
            ws.write_string_with_format(row, 3, accepted(col), &f.wrap)?;
            ws.write_string_with_format(row, 4, text, &f.wrap)?;
            ws.write_string_with_format(row, 5, example, &f.text)?;
            row += 1;
        }
    }
    row += 1;
    ws.write_string_with_format(row, 0, "示例行（各表填写一行的样子）", &bold)?;
    row += 1;
    for kind in [
        SheetKind::Persons,
        SheetKind::Certificates,
        SheetKind::SocialInsurance,
        SheetKind::Evidence,
        SheetKind::Staffing,
    ] {
        ws.write_string_with_format(row, 0, kind.name(), &bold)?;
        for (i, col) in kind.columns().into_iter().enumerate() {
            let c = i as u16 + 1;
            ws.write_string_with_format(row, c, col.template_header(), &f.header)?;
            ws.write_string_with_format(row + 1, c, help(col).1, &f.text)?;
        }
        row += 3;
    }
    Ok(())
}

fn build(book: &mut Workbook) -> std::result::Result<(), XlsxError> {
    let f = Formats::new();
    for kind in SheetKind::ALL {
        let ws = book.add_worksheet();
        setup_sheet(ws, kind, &f, TEMPLATE_ROWS)?;
        if kind == SheetKind::Agency {
            for (i, k) in SettingKey::ALL.iter().enumerate() {
                ws.write_string(i as u32 + 1, 0, k.label())?;
            }
        }
        if kind == SheetKind::Persons {
            ws.set_active(true);
        }
    }
    write_help_sheet(book.add_worksheet(), &f)
}

/// Writes the blank template to `path`.
pub fn write_template(path: &Path) -> Result<()> {
    super::layout::check_output(path)?;
    let mut book = Workbook::new();
    build(&mut book).map_err(|e| write_error(path, e))?;
    save(&mut book, path)
}
