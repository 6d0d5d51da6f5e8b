//! The calls on the whole store both bindings expose, declared once: imports, changesets,
//! the administrator's keys, the access policy, and the store's own facts and checks.
//!
//! Each is one core call on the [`Store`](reformgraph::Store): its docs, its name in Python
//! and in Kotlin/Swift, its arguments in core types (the required ones, then after `;` the
//! optional ones with single-token defaults), the record it answers with, and the call.
//! Python's emitter runs it on a worker thread that Ctrl-C can cancel and drops its cached
//! snapshot afterwards; uniffi's calls it directly. An argument type the bindings pass in
//! their own form — a date, a key (`SecretKey` object, `ed25519:…` text), a `Registry`
//! object, a path — is converted by each binding's argument trait.

/// Calls `$emit!` with `write;` (the binding's runner of a call on the store) and every store
/// operation. Per operation the emitter receives `#[doc…] python_name | ffi_name (arg: CoreType, …; opt: CoreType = default, …) -> Answer
/// |store| { body }`, where the body, given `&Store`, returns `reformgraph::Result<T>` for a
/// core `T` that crosses into `Answer` (`Event` is each binding's event record).
#[macro_export]
macro_rules! store_operations {
    ($emit:ident) => {
        $emit! { write;
            /// Counts and facts about the database.
            ///
            /// # Errors
            /// Storage errors if it cannot be read.
            info | info (;) -> StoreInfo |store| {
                store.info()
            }

            /// Checks every storage invariant and, if they hold, that the tracked state
            /// equals a replay of the history (what `reformgraph verify` checks). Returns what
            /// is wrong; empty means healthy.
            ///
            /// # Errors
            /// Storage errors if the file cannot be read at all.
            verify | verify (;) -> Vec<Problem> |store| {
                ::reformgraph::track::verify(store)
            }

            /// Imports (or re-imports) the bundled Shanxi 2013–2015 plan: a re-import of the
            /// same text changes nothing and keeps every recorded event.
            ///
            /// # Errors
            /// `ReadOnly`; storage errors (then nothing is written).
            import_bundled | import_bundled_plan (;) -> ImportReport |store| {
                ::reformgraph::import::bundled::import_shanxi_2013(store)
            }

            /// Parses a plan of the genre (实施方案, 分工方案, 责任分解 …) and loads it in one
            /// transaction, or re-imports it. `key` is the plan's key (derived from the title
            /// when absent); the other metadata fill what the text does not say; `registry`
            /// names the organisations and areas (default: Shanxi's); `strict` refuses a
            /// document with unparsed lines or tasks without a responsible unit;
            /// `allow_removals` lets a re-import remove tasks with tracked history. `admin`
            /// is the administrator's key, needed in a store with an administrator key when
            /// this version gives a task other lead or co-operating organisations (each such
            /// task gets a signed `leads_assigned` event).
            ///
            /// # Errors
            /// `Import` when no task is found, in strict mode as above, or when a re-import
            /// would remove tracked tasks; `AccessDenied` for re-assigned leads without
            /// `admin`; `ReadOnly`; storage errors. On error nothing is written.
            import_text | import_text (
                text: String;
                key: Option<String> = None, title: Option<String> = None,
                issuer: Option<String> = None, document_number: Option<String> = None,
                issued_on: Option<::reformgraph::Date> = None, period_start: Option<u16> = None,
                period_end: Option<u16> = None, implements: Option<String> = None,
                area: Option<String> = None,
                registry: Option<::reformgraph::import::Registry> = None,
                strict: bool = false, allow_removals: bool = false,
                admin: Option<::reformgraph::track::SecretKey> = None
            ) -> ImportReport |store| {
                let meta = ::reformgraph::import::PlanMeta {
                    key, title, issuer, document_number, period_start, period_end, implements,
                    area, issued_on: issued_on.map(|d| d.to_string()),
                };
                let how = $crate::ImportHow { registry, strict, allow_removals, admin };
                how.import(store, $crate::PlanSource::Text(text), &meta)
            }

            /// Reads a plan file (UTF-8, GB18030 or UTF-16) and imports it as `import_text`
            /// does, with the same options.
            ///
            /// # Errors
            /// `Io` if the file cannot be read; otherwise as `import_text`.
            import_file | import_file (
                path: ::std::path::PathBuf;
                key: Option<String> = None, title: Option<String> = None,
                issuer: Option<String> = None, document_number: Option<String> = None,
                issued_on: Option<::reformgraph::Date> = None, period_start: Option<u16> = None,
                period_end: Option<u16> = None, implements: Option<String> = None,
                area: Option<String> = None,
                registry: Option<::reformgraph::import::Registry> = None,
                strict: bool = false, allow_removals: bool = false,
                admin: Option<::reformgraph::track::SecretKey> = None
            ) -> ImportReport |store| {
                let meta = ::reformgraph::import::PlanMeta {
                    key, title, issuer, document_number, period_start, period_end, implements,
                    area, issued_on: issued_on.map(|d| d.to_string()),
                };
                let how = $crate::ImportHow { registry, strict, allow_removals, admin };
                how.import(store, $crate::PlanSource::File(path), &meta)
            }

            /// Applies a JSON changeset from another device in one transaction: new events
            /// are stored, duplicates skipped, concurrent changes resolved the same way on
            /// every device and reported. In a database with an administrator key, `signer`
            /// (this device's key) signs the refusals kept in the history; without it they
            /// are only reported.
            ///
            /// # Errors
            /// `Invalid` if the text is not a changeset (or of a newer format); `KeyNotFound`
            /// and friends if an event names a node this database lacks (import the same
            /// plan first); then nothing is written.
            apply_changeset | apply_changeset (
                changeset: String; signer: Option<::reformgraph::track::SecretKey> = None
            ) -> ApplyReport |store| {
                let c = ::reformgraph::track::Changeset::from_json(&changeset)?;
                match &signer {
                    Some(k) => ::reformgraph::track::apply_changeset_as(store, &c, k),
                    None => ::reformgraph::track::apply_changeset(store, &c),
                }
            }

            /// Records a returned 台账: each row that changes its task (see `diff_ledger`)
            /// becomes one status event by `actor` of `organization`, effective `effective`
            /// (today when None), with the file as evidence beside `document_number`; signed
            /// by `signer` in a database with an administrator key. All rows or none; the same
            /// file applied again records nothing.
            ///
            /// # Errors
            /// As `diff_ledger`; `AccessDenied`, `Invalid` (dates) for the first row refused,
            /// and then nothing is recorded.
            apply_ledger | apply_ledger (
                path: ::std::path::PathBuf, actor: String;
                organization: Option<String> = None, effective: Option<::reformgraph::Date> = None,
                document_number: Option<String> = None, plan: Option<String> = None,
                signer: Option<::reformgraph::track::SecretKey> = None
            ) -> LedgerImport |store| {
                let ledger = ::reformgraph::intake::read_ledger_file(&path)?;
                let by = ::reformgraph::track::RecordedBy {
                    evidence: document_number.map(|d| ::reformgraph::Evidence { document_number: Some(d), link: None, note: None }),
                    effective,
                    signer,
                    ..::reformgraph::track::RecordedBy::person(actor, organization)
                };
                ::reformgraph::intake::apply_ledger(store, &ledger, plan.as_deref(), by)
            }

            /// Gives the database its administrator (a public key `ed25519:…`): from then on
            /// every change must be signed by a key it certified. Cannot be replaced.
            ///
            /// # Errors
            /// `Invalid` for a malformed key or another administrator already set.
            set_admin_key | set_admin_key (key: ::reformgraph::PublicKey;) -> () |store| {
                ::reformgraph::track::set_admin_key(store, key)
            }

            /// Certifies a public key as `person` of `organization` (key, name or alias) from
            /// `valid_from` (default today) until `valid_until`, signed by `admin`.
            ///
            /// # Errors
            /// `AccessDenied` if `admin` is not the administrator; `KeyNotFound` for an
            /// unknown organisation.
            certify | certify (
                key: ::reformgraph::PublicKey, person: String, organization: String,
                admin: ::reformgraph::track::SecretKey;
                valid_from: Option<::reformgraph::Date> = None,
                valid_until: Option<::reformgraph::Date> = None
            ) -> Event |store| {
                ::reformgraph::track::certify(
                    store, &admin, key, &person, &organization, valid_from, valid_until,
                )
            }

            /// Revokes a public key now, signed by `admin`: what it signs from now on is
            /// refused.
            ///
            /// # Errors
            /// As `certify`.
            revoke_key | revoke_key (
                key: ::reformgraph::PublicKey, admin: ::reformgraph::track::SecretKey;
            ) -> Event |store| {
                ::reformgraph::track::revoke_key(store, &admin, key)
            }

            /// Switches the access policy on or off: when on, an organisation records only on
            /// what it leads, co-operates on, is responsible for, or was granted.
            ///
            /// # Errors
            /// `ReadOnly`; storage errors.
            set_access_enforced | set_access_enforced (on: bool;) -> () |store| {
                ::reformgraph::track::set_access_enforced(store, on)
            }

            /// Lets an organisation (key, name or alias) record on a scope (a plan, section,
            /// task, area, indicator or portfolio) and everything in it. In a database with an
            /// administrator key, `admin` (its secret key) signs the grant.
            ///
            /// # Errors
            /// `KeyNotFound` for an unknown organisation or scope; `AccessDenied` without the
            /// administrator's key where one is required.
            grant | grant (
                organization: String, scope: String;
                admin: Option<::reformgraph::track::SecretKey> = None
            ) -> () |store| {
                match &admin {
                    Some(k) => ::reformgraph::track::grant_as(store, k, &organization, &scope),
                    None => ::reformgraph::track::grant(store, &organization, &scope),
                }
            }

            /// Withdraws a grant; returns whether there was one. `admin` as for `grant`.
            ///
            /// # Errors
            /// As `grant`.
            revoke | revoke_grant (
                organization: String, scope: String;
                admin: Option<::reformgraph::track::SecretKey> = None
            ) -> bool |store| {
                match &admin {
                    Some(k) => ::reformgraph::track::revoke_as(store, k, &organization, &scope),
                    None => ::reformgraph::track::revoke(store, &organization, &scope),
                }
            }
        }
    };
}

/// Where a plan's text comes from.
#[doc(hidden)]
pub enum PlanSource {
    /// The text itself.
    Text(String),
    /// A file to read (UTF-8, GB18030 or UTF-16).
    File(std::path::PathBuf),
}

/// How to import a plan: the options of `import_text` and `import_file` besides the plan's
/// metadata, with the core's defaults for what is not given (Shanxi's registry).
#[doc(hidden)]
pub struct ImportHow {
    /// Who is who (organisations, areas); Shanxi's when `None`.
    pub registry: Option<reformgraph::import::Registry>,
    /// Refuse unparsed lines and tasks without a responsible unit.
    pub strict: bool,
    /// Let a re-import remove tasks with tracked history.
    pub allow_removals: bool,
    /// The administrator's key, for re-assigned leads.
    pub admin: Option<reformgraph::track::SecretKey>,
}

impl ImportHow {
    /// Imports the plan.
    ///
    /// # Errors
    /// As `reformgraph::import::import_text_as` and `import_file_as`.
    pub fn import(
        self,
        store: &reformgraph::Store,
        source: PlanSource,
        meta: &reformgraph::import::PlanMeta,
    ) -> reformgraph::Result<reformgraph::import::ImportReport> {
        use reformgraph::import;
        let registry = match self.registry {
            Some(r) => r,
            None => import::Registry::shanxi()?,
        };
        let options = import::ImportOptions {
            strict: self.strict,
            allow_removals: self.allow_removals,
        };
        let admin = self.admin.as_ref();
        match source {
            PlanSource::Text(t) => {
                import::import_text_as(store, &t, meta, &registry, options, admin)
            }
            PlanSource::File(p) => {
                import::import_file_as(store, &p, meta, &registry, options, admin)
            }
        }
    }
}
