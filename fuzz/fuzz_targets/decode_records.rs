//! Every stored record decoder on arbitrary bytes: a typed error or a value, never a panic
//! or a huge allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = reformgraph::fuzzing::decode_records(data);
});
