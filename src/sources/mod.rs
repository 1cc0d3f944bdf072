//! Evidence from its source (issue 13): the social-insurance payment list
//! (单位参保缴费明细), a person's 参保缴费证明 and the report ledger
//! (检验报告台账), read as they are and kept with where each record came from.

pub mod columns;
mod fast_hash;
pub mod findings;
pub mod header;
pub mod import;
pub mod plan;
pub mod records;

/// What kind of file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// 单位参保缴费明细: one row per person, month and kind of insurance.
    PaymentList,
    /// 参保缴费证明: one person's months (or ranges), each with its paying unit.
    Proof,
    /// 检验报告台账: one row per report, with its signers.
    Ledger,
}

impl SourceKind {
    pub const ALL: [SourceKind; 3] = [
        SourceKind::PaymentList,
        SourceKind::Proof,
        SourceKind::Ledger,
    ];

    /// The Chinese name, as stored and shown.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::PaymentList => "单位参保缴费明细",
            SourceKind::Proof => "参保缴费证明",
            SourceKind::Ledger => "检验报告台账",
        }
    }

    /// The kind column mappings are remembered under: payment lists and
    /// proofs are read alike.
    pub fn memory_label(self) -> &'static str {
        match self {
            SourceKind::PaymentList | SourceKind::Proof => "社保",
            SourceKind::Ledger => "检验报告台账",
        }
    }
}
pub use import::{Prepared, SourceOutcome, SourceRequest, apply, prepare};

#[cfg(test)]
mod tests;
