//! Runnable examples of reformgraph; see the `[[example]]` entries (`cargo run -p
//! reformgraph-examples --example quickstart`).
