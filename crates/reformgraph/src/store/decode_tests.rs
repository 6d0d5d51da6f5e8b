//! The record decoders on hostile bytes: whatever the bytes, a typed answer, never a panic
//! (moved here from `tests/hostile.rs` when the fuzzing entry point left the public API).

use proptest::prelude::*;

use super::decode_all_kinds;

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_a_record_decoder(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode_all_kinds(&bytes);
        let mut with_format = vec![1u8];
        with_format.extend(&bytes);
        let _ = decode_all_kinds(&with_format);
    }
}

#[test]
fn stored_records_decode_as_their_own_kind() {
    // The decoder is not trivially refusing everything: real records decode.
    assert!(
        decode_all_kinds(&[1, 0x05]) >= 1,
        "a one-byte record (an edge kind) decodes"
    );
    let meta = super::codec::encode(&7u64).unwrap_or_default();
    assert!(decode_all_kinds(&meta) >= 1, "a meta counter decodes");
}
