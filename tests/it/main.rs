//! The integration tests, in one test binary: each former `tests/*.rs` file is
//! a module here, so the GUI stack the crate links is linked once, not 13 times.

// All of this crate is test code, helpers included: a panic is a failing test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod annex1_pdf;
mod annex1_xlsx;
mod annex2;
mod annex2_cases;
mod attachments_cli;
mod cli;
mod cli_output;
mod crash;
mod exit_report;
mod fuzz_regressions;
mod layers;
mod no_network;
mod reader_limits;
mod safety_cli;
mod safety_fs;
mod sources_cli;
mod submissions;
mod workbook_bad_input;
mod workbook_cli;
mod workbook_formats;
mod workbook_import;
mod workbook_roundtrip;

// Helpers shared by the modules above.
mod annex1_support;
mod cli_support;
mod peak_alloc;
mod roster_gen;
mod workbook_support;
mod xuexin_cli;

/// Counts live bytes, for `reader_limits`' peak-memory checks.
#[global_allocator]
static ALLOCATOR: peak_alloc::Counting = peak_alloc::Counting;
