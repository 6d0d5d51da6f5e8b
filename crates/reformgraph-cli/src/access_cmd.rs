//! `reformgraph access …`: the access policy (who may record what) and its grants.

use std::path::Path;

use clap::Subcommand;
use reformgraph::{Store, track};

use crate::Failure;
use crate::output;

#[derive(Subcommand)]
pub enum Access {
    /// Enforce the policy: an organisation records only on what it leads, co-operates on,
    /// is responsible for, or was granted.
    On,
    /// Stop enforcing it (anyone may record anything; a single analyst's file).
    Off,
    /// Whether the policy is on, and every grant.
    Show,
    /// Let an organisation record on a scope and everything in it (a plan, section, task,
    /// area, indicator or portfolio; keys or names).
    #[command(after_help = "Example:\n  reformgraph access grant 省统计局 indicator/城镇化率")]
    Grant {
        /// The organisation (key, name or alias).
        organization: String,
        /// The scope (key or name).
        scope: String,
        /// The administrator's key file (required in a database with an administrator key).
        #[arg(long)]
        admin: Option<std::path::PathBuf>,
    },
    /// Withdraw a grant.
    Revoke {
        /// The organisation (key, name or alias).
        organization: String,
        /// The scope (key or name).
        scope: String,
        /// The administrator's key file (required in a database with an administrator key).
        #[arg(long)]
        admin: Option<std::path::PathBuf>,
    },
}

pub fn access(db: &Path, cmd: Access, json: bool) -> Result<(), Failure> {
    match cmd {
        Access::On | Access::Off => {
            let store = Store::open(db)?;
            track::set_access_enforced(&store, matches!(cmd, Access::On))?;
            show(&store, json)
        }
        Access::Show => show(&Store::open_read_only(db)?, json),
        Access::Grant {
            organization,
            scope,
            admin,
        } => {
            let store = Store::open(db)?;
            match admin {
                Some(path) => {
                    let admin = track::SecretKey::read_file(&path)?;
                    track::grant_as(&store, &admin, &organization, &scope)?;
                }
                None => track::grant(&store, &organization, &scope)?,
            }
            show(&store, json)
        }
        Access::Revoke {
            organization,
            scope,
            admin,
        } => {
            let store = Store::open(db)?;
            let revoked = match admin {
                Some(path) => {
                    let admin = track::SecretKey::read_file(&path)?;
                    track::revoke_as(&store, &admin, &organization, &scope)?
                }
                None => track::revoke(&store, &organization, &scope)?,
            };
            if !revoked {
                return Err(reformgraph::Error::Invalid {
                    what: "grant".into(),
                    reason: format!(
                        "{organization} has no grant on {scope}; `reformgraph access show` lists them"
                    ),
                }
                .into());
            }
            show(&store, json)
        }
    }
}

fn show(store: &Store, json: bool) -> Result<(), Failure> {
    let enforced = store.access_enforced()?;
    let grants = track::grants(&store.read()?)?;
    output::access(enforced, &grants, json);
    Ok(())
}
