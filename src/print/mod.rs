//! The one printing module both forms use (附件1 and 附件2): the A4 canvas
//! over printpdf, the two embedded faces, line breaking, ruled tables that
//! paginate with a repeated header, the finished PDF, and the XLSX page setup.
//! It knows no form: the forms' models and wording live in `annex1` / `annex2`.

pub mod canvas;
pub mod document;
pub mod fonts;
pub mod layout;
mod pdf_runs;
pub mod sheet;
pub mod table;
