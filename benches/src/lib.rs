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

/// Durations of `run` over each batch (a large transaction, timed by hand: criterion's
/// sample minimum would take too long), sorted, and a line describing them on stderr.
pub fn time_batches<B>(
    what: &str,
    batches: impl IntoIterator<Item = B>,
    mut run: impl FnMut(B),
) -> Vec<std::time::Duration> {
    let mut samples = Vec::new();
    for batch in batches {
        let start = std::time::Instant::now();
        run(batch);
        samples.push(start.elapsed());
    }
    samples.sort();
    if let (Some(min), Some(max)) = (samples.first(), samples.last()) {
        eprintln!(
            "{what}: median {:.3} s (min {:.3}, max {:.3}) over {} batches",
            samples[samples.len() / 2].as_secs_f64(),
            min.as_secs_f64(),
            max.as_secs_f64(),
            samples.len()
        );
    }
    samples
}

/// The keys of every task in `store`.
///
/// # Errors
/// Storage or decoding errors.
pub fn task_keys(store: &reformgraph::Store) -> reformgraph::Result<Vec<String>> {
    use reformgraph::GraphRead;
    Ok(store
        .read()?
        .all::<reformgraph::Task>()?
        .into_iter()
        .map(|t| t.key.to_string())
        .collect())
}
