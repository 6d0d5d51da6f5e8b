//! `reformgraph`: the command-line front end of the reformgraph database.
//!
//! Exit codes: 0 success; 1 the command ran and found problems (`verify`); 2 bad usage;
//! 3 the database or input could not be used (the message says why and what to do).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use reformgraph::Store;

mod output;

/// Default database file, in the current directory.
const DEFAULT_DB: &str = "reformgraph.redb";

#[derive(Parser)]
#[command(
    name = "reformgraph",
    version,
    about = "An embedded graph database for government reform plans",
    after_help = "Examples:\n  reformgraph demo\n  reformgraph info --db reformgraph.redb\n  reformgraph verify --json"
)]
struct Cli {
    /// The database file.
    #[arg(long, global = true, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show counts and facts about a database.
    Info,
    /// Check every invariant of a database; exit code 1 if anything is wrong.
    Verify,
}

/// A command failure: the message goes to stderr, the code to the shell.
struct Failure {
    message: String,
    hint: Option<&'static str>,
    code: u8,
}

impl From<reformgraph::Error> for Failure {
    fn from(e: reformgraph::Error) -> Self {
        let hint = match &e {
            reformgraph::Error::Io { .. } => {
                Some("check the --db path; `reformgraph demo` creates a database to try")
            }
            reformgraph::Error::AlreadyOpen { .. } => {
                Some("another reformgraph process is writing this file; wait for it to finish")
            }
            _ => None,
        };
        Failure {
            message: e.to_string(),
            hint,
            code: 3,
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Info => {
            let store = Store::open_read_only(&cli.db)?;
            let info = store.info()?;
            output::info(&info, cli.json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify => {
            let store = Store::open_read_only(&cli.db)?;
            let problems = store.verify()?;
            output::verify(&problems, cli.json);
            Ok(if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(f) => {
            eprintln!("error: {}", f.message);
            if let Some(hint) = f.hint {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(f.code)
        }
    }
}
