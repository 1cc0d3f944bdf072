//! Domain types: persons, their records, the settings, and every closed list
//! of values with its Chinese label.

pub mod chsi;
pub mod enums;
pub mod idcard;
pub mod limits;
pub mod month;
pub mod parse;
pub mod person;
pub mod settings;
pub mod text;

pub use chsi::{ChsiRecord, RecordField};
pub use enums::*;
pub use month::YearMonth;
pub use person::*;
pub use settings::*;
pub mod decision;
pub use decision::*;
pub mod fields;
pub use fields::{FieldKind, PersonField};
