//! 学信网 备案表: reading 《教育部学历证书电子注册备案表》 from a PDF's text
//! layer (issue 15). Pure: bytes in, fields out. The fields are found by their
//! labels, not by their position, since real files order their text
//! differently; what the fields are is [`RecordField`], in one place
//! (`crate::domain::chsi`).

mod accept;
mod bulk;
pub(crate) mod read;
pub mod sample;

pub use accept::{Attached, attach, attach_all, fill_empty, record_verification, verification_url};
pub use bulk::{
    Bulk, BulkPlan, MISMATCH_LINE, Matched, apply as apply_bulk, attach_folder, plan_folder,
};

pub use crate::domain::chsi::{ChsiRecord as Record, RecordField};
pub use read::{Reading, read_pdf, read_text};
