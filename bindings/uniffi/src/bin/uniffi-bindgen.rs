//! The uniffi bindings generator, built with this crate's uniffi version.
//!
//! ```sh
//! cargo build -p reformgraph-ffi
//! cargo run -p reformgraph-ffi --bin uniffi-bindgen -- generate \
//!     --library target/debug/libreformgraph_ffi.so --language kotlin --out-dir out/
//! ```

fn main() {
    uniffi::uniffi_bindgen_main();
}
