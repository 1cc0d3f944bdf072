//! Structure-aware workbook input: loose parts (`@@@ name` lines, each
//! followed by the part's content) zipped with correct CRCs, so the mutations
//! land in the XML of an .xlsx or .ods rather than in the zip. Then the same
//! pipeline as `workbook_import`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parts = zicha_fuzz::split_parts(data);
    if parts.is_empty() {
        return;
    }
    let bytes = zicha_fuzz::zip_parts(&parts);
    zicha_fuzz::exercise_workbook(&bytes);
});
