//! `reformgraph key …`: key files, the database's administrator, and certificates (who a
//! key acts for). See `docs/reliability.md` for the trust model.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use reformgraph::track::{self, Certificate, SecretKey};
use reformgraph::{Date, GraphRead, PublicKey, Store};

use crate::Failure;
use crate::output;
use crate::track_cmd::parse_date;

#[derive(Subcommand)]
pub enum Key {
    /// Make a new key in a key file (readable by you only; never overwritten) and print its
    /// public key, which the administrator certifies.
    #[command(after_help = "Example:\n  reformgraph key new ~/.reformgraph/zhangsan.key")]
    New {
        /// The key file to create.
        file: PathBuf,
    },
    /// Print a key file's public key.
    Show {
        /// The key file.
        file: PathBuf,
    },
    /// Give the database its administrator: from then on every change must be signed by a
    /// key the administrator certified. Cannot be undone or replaced.
    Admin {
        /// The administrator's public key (ed25519:…) or key file.
        key: String,
    },
    /// Certify a key as a person of an organisation (signed by the administrator).
    #[command(
        after_help = "Example:\n  reformgraph key certify ed25519:… --person 张三 --org 省环保厅 --admin admin.key"
    )]
    Certify {
        /// The public key (ed25519:…) or a key file.
        key: String,
        /// The person who holds it.
        #[arg(long)]
        person: String,
        /// Their organisation (key, name or alias).
        #[arg(long)]
        org: String,
        /// The administrator's key file.
        #[arg(long)]
        admin: PathBuf,
        /// Valid from, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// Valid until, YYYY-MM-DD (default: no end).
        #[arg(long, value_parser = parse_date)]
        until: Option<Date>,
    },
    /// Revoke a key now (signed by the administrator): what it signs from now on is refused.
    Revoke {
        /// The public key (ed25519:…) or a key file.
        key: String,
        /// The administrator's key file.
        #[arg(long)]
        admin: PathBuf,
    },
    /// The database's administrator key and every certificate.
    List,
}

/// A public key given as text, or read from a key file.
fn public_key(text: &str) -> Result<PublicKey, Failure> {
    if let Ok(k) = text.parse::<PublicKey>() {
        return Ok(k);
    }
    Ok(SecretKey::read_file(Path::new(text))?.public())
}

pub fn key(db: &Path, cmd: Key, json: bool) -> Result<(), Failure> {
    match cmd {
        Key::New { file } => {
            let key = SecretKey::generate()?;
            key.write_file(&file)?;
            eprintln!(
                "wrote {} (keep it secret: it signs in your name)",
                file.display()
            );
            print_public(&key.public(), json);
        }
        Key::Show { file } => print_public(&SecretKey::read_file(&file)?.public(), json),
        Key::Admin { key } => {
            let store = Store::open(db)?;
            track::set_admin_key(&store, public_key(&key)?)?;
            list(&store, json)?;
        }
        Key::Certify {
            key,
            person,
            org,
            admin,
            from,
            until,
        } => {
            let store = Store::open(db)?;
            let admin = SecretKey::read_file(&admin)?;
            let event = track::certify(
                &store,
                &admin,
                public_key(&key)?,
                &person,
                &org,
                from,
                until,
            )?;
            output::event_recorded(&event, json);
        }
        Key::Revoke { key, admin } => {
            let store = Store::open(db)?;
            let admin = SecretKey::read_file(&admin)?;
            let event = track::revoke_key(&store, &admin, public_key(&key)?)?;
            output::event_recorded(&event, json);
        }
        Key::List => list(&Store::open_read_only(db)?, json)?,
    }
    Ok(())
}

fn print_public(key: &PublicKey, json: bool) {
    if json {
        output::print_json(&serde_json::json!({ "public_key": key }));
    } else {
        output::raw(&key.to_string());
    }
}

fn list(store: &Store, json: bool) -> Result<(), Failure> {
    let snap = store.read()?;
    let admin = snap.admin_key()?;
    let certs = track::certificates(&snap)?;
    if json {
        let rows: Vec<_> = certs.iter().map(cert_json).collect();
        output::print_json(&serde_json::json!({ "admin_key": admin, "certificates": rows }));
        return Ok(());
    }
    match admin {
        Some(k) => output::raw(&format!("administrator {k}: every change must be signed")),
        None => output::raw("no administrator key: changes need no signature"),
    }
    for c in &certs {
        let until = c
            .valid_until
            .map_or_else(String::new, |d| format!(" until {d}"));
        let revoked = if c.revoked_at.is_some() {
            ", revoked"
        } else {
            ""
        };
        output::raw(&format!(
            "{}  {} of {}, from {}{until}{revoked}",
            c.key,
            output::escape_controls(&c.person),
            c.organization,
            c.valid_from
        ));
    }
    Ok(())
}

fn cert_json(c: &Certificate) -> serde_json::Value {
    serde_json::json!({
        "key": c.key,
        "person": c.person,
        "organization": c.organization,
        "valid_from": c.valid_from,
        "valid_until": c.valid_until,
        "revoked_at_ms": c.revoked_at,
    })
}
