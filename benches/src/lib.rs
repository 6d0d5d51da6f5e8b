//! Benchmarks of reformgraph live in this crate's `[[bench]]` targets; run them with
//! `cargo bench -p reformgraph-benches`. Figures are recorded in `benches/README.md`.
