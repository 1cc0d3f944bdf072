//! Arbitrary bytes as a roster workbook file (.xlsx, .xls, .ods, .xlsb as the
//! content says): preview, import merge, import replace, then the checks.
//! See `zicha_fuzz::exercise_workbook` for what must hold.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    zicha_fuzz::exercise_workbook(data);
});
