//! Running the `reformgraph` binary from the CLI's integration tests.
#![allow(dead_code, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

/// Runs `reformgraph ARGS` in `cwd`.
pub fn run(args: &[&str], cwd: &Path) -> Output {
    assert_cmd::Command::cargo_bin("reformgraph")
        .expect("the reformgraph binary is built")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("spawn reformgraph")
}

/// What it printed on stdout.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What it printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
