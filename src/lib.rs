//! zicha (自查): the core of the self-inspection roster for special-equipment
//! inspection and testing agencies (特种设备检验检测机构).
//!
//! The core knows nothing of any GUI: domain types, the SQLite store, the check
//! engine, and (as they land) workbook import/export and the Annex 1 renderers.
//! The CLI and the desktop app are thin shells over it.

pub mod annex1;
pub mod annex2;
#[cfg(feature = "gui")]
pub mod app;
pub mod archive;
pub mod checks;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod error;
pub mod print;
pub mod safe_write;
pub mod search;
pub mod sources;
pub mod store;
pub mod tabular;
pub mod workbook;
pub mod xuexin;

pub use error::{Error, Result};
