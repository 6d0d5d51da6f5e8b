//! Benchmarks of reformgraph live in this crate's `[[bench]]` targets; run them with
//! `cargo bench -p reformgraph-benches`. Figures are recorded in `benches/README.md`.
//!
//! The library holds what the benchmarks share: a deterministic generator of a
//! national-scale data set ([`national`]), built through reformgraph's public API only,
//! and a plain copy of a store's graph ([`dump`]) to load the same data into the
//! comparison engines (raw redb tables and SQLite, in the `query` bench).

pub mod dump;
pub mod national;
pub mod rng;
pub mod vocab;

/// The error type of this crate: anything, boxed (benchmark support code, not an API).
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
