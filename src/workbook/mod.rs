//! The roster workbook (台账工作簿, docs/WORKBOOK.md): import with merge or
//! replace, all or nothing; the blank template; the export; the file of
//! rejected rows.
//!
//! The GUI calls [`preview`] for its "what will change" screen, then [`import`]
//! with a progress callback; [`write_template`] and [`export`] write workbooks.

mod apply;
mod audit_trail;
pub mod columns;
mod export;
mod help;
mod import;
pub(crate) mod layout;
mod matching;
mod parse;
mod plan;
mod reader;
mod rejects;
mod settings_sheets;
mod table;
mod template;

pub use crate::error::CellError;
pub use crate::tabular::PASSWORD_MESSAGE;
pub use audit_trail::{export_audit, verdict_line};
pub use columns::{Col, SheetKind};
pub use export::{ExportSummary, export};
pub use import::{
    ImportOptions, ImportOutcome, ImportPreview, PersonChange, PreparedImport,
    default_rejects_path, empty_persons_message, import, import_prepared, prepare_import, preview,
};
pub use plan::RowCounts;
pub use rejects::ERROR_COLUMN;
pub use template::write_template;
