//! The exception hierarchy and the mapping from [`reformgraph::Error`].
//!
//! Every exception derives from `ReformGraphError`; those with an obvious built-in
//! counterpart derive from it too, so `except KeyError` and `except OSError` work as a Python
//! user expects. The message is always the core's own.

use pyo3::exceptions::{PyException, PyKeyError, PyOSError, PyPermissionError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use reformgraph::Error;

/// The exception classes, created once per interpreter.
pub(crate) struct ErrorTypes {
    pub(crate) base: Py<PyType>,
    pub(crate) key_not_found: Py<PyType>,
    pub(crate) invalid_input: Py<PyType>,
    pub(crate) wrong_kind: Py<PyType>,
    pub(crate) duplicate_key: Py<PyType>,
    pub(crate) invalid_transition: Py<PyType>,
    pub(crate) access_denied: Py<PyType>,
    pub(crate) plan_import: Py<PyType>,
    pub(crate) store_io: Py<PyType>,
    pub(crate) already_open: Py<PyType>,
    pub(crate) not_a_store: Py<PyType>,
    pub(crate) schema_version: Py<PyType>,
    pub(crate) corrupt: Py<PyType>,
    pub(crate) storage: Py<PyType>,
    pub(crate) read_only: Py<PyType>,
    pub(crate) closed: Py<PyType>,
}

static ERRORS: PyOnceLock<ErrorTypes> = PyOnceLock::new();

const DOCS: &[(&str, &str)] = &[
    (
        "ReformGraphError",
        "Base class of every error reformgraph raises.",
    ),
    (
        "KeyNotFoundError",
        "No node has this key or name (also a KeyError). `key` holds what was asked for.",
    ),
    (
        "InvalidInputError",
        "Input that does not make sense: a malformed key or date, a value out of range, \
         a wrong unit, an unknown status name (also a ValueError).",
    ),
    (
        "WrongKindError",
        "The node is of another kind than the call expects (a task was asked for, an \
         organisation found).",
    ),
    ("DuplicateKeyError", "A node with this key already exists."),
    (
        "InvalidTransitionError",
        "A project cannot move to the stage asked for.",
    ),
    (
        "AccessDeniedError",
        "The access policy does not let the actor's organisation make this change (also a \
         PermissionError); the refusal is kept in the history. `key` is the node.",
    ),
    (
        "PlanImportError",
        "A plan could not be imported; `line` is the line number when there is one.",
    ),
    (
        "StoreIOError",
        "The database file could not be opened, read or written (also an OSError); \
         `filename` is the file.",
    ),
    (
        "AlreadyOpenError",
        "Another process (or another open Database) writes the file: close it there, or \
         open this one with read_only=True.",
    ),
    (
        "NotAStoreError",
        "The file exists but is not a reformgraph database.",
    ),
    (
        "SchemaVersionError",
        "The file was written by a newer reformgraph; upgrade.",
    ),
    (
        "CorruptError",
        "A stored record could not be decoded; run Database.verify().",
    ),
    (
        "StorageError",
        "The storage engine failed (also an OSError).",
    ),
    ("ReadOnlyError", "A write on a database opened read-only."),
    (
        "DatabaseClosedError",
        "The database was closed; open it again (also a ValueError, like I/O on a closed \
         file).",
    ),
];

fn doc(name: &str) -> &'static str {
    DOCS.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, d)| *d)
        .unwrap_or("")
}

/// `type(name, bases, {...})`, with `__module__ = "reformgraph"` so tracebacks read well.
fn make(py: Python<'_>, name: &str, bases: &[&Bound<'_, PyAny>]) -> PyResult<Py<PyType>> {
    let ns = PyDict::new(py);
    ns.set_item("__module__", "reformgraph")?;
    ns.set_item("__doc__", doc(name))?;
    let builtins_that_reformat = [
        py.get_type::<PyKeyError>().into_any(),
        py.get_type::<PyOSError>().into_any(),
    ];
    if bases
        .iter()
        .any(|b| builtins_that_reformat.iter().any(|t| b.is(t)))
    {
        // KeyError quotes its message and OSError rewrites it as "[Errno …] …: filename";
        // show the core's message as it is.
        ns.set_item("__str__", py.get_type::<PyException>().getattr("__str__")?)?;
    }
    let bases = PyTuple::new(py, bases)?;
    let t = py
        .get_type::<PyType>()
        .call1((name, bases, ns))?
        .cast_into::<PyType>()?;
    Ok(t.unbind())
}

fn create(py: Python<'_>) -> PyResult<ErrorTypes> {
    let exc = py.get_type::<PyException>().into_any();
    let key_error = py.get_type::<PyKeyError>().into_any();
    let value_error = py.get_type::<PyValueError>().into_any();
    let os_error = py.get_type::<PyOSError>().into_any();
    let permission_error = py.get_type::<PyPermissionError>().into_any();
    let base = make(py, "ReformGraphError", &[&exc])?;
    let b = base.bind(py).clone().into_any();
    let invalid_input = make(py, "InvalidInputError", &[&b, &value_error])?;
    let ii = invalid_input.bind(py).clone().into_any();
    let store_io = make(py, "StoreIOError", &[&b, &os_error])?;
    let sio = store_io.bind(py).clone().into_any();
    Ok(ErrorTypes {
        key_not_found: make(py, "KeyNotFoundError", &[&b, &key_error])?,
        wrong_kind: make(py, "WrongKindError", &[&ii])?,
        duplicate_key: make(py, "DuplicateKeyError", &[&ii])?,
        invalid_transition: make(py, "InvalidTransitionError", &[&ii])?,
        access_denied: make(py, "AccessDeniedError", &[&b, &permission_error])?,
        plan_import: make(py, "PlanImportError", &[&b, &value_error])?,
        already_open: make(py, "AlreadyOpenError", &[&sio])?,
        not_a_store: make(py, "NotAStoreError", &[&sio])?,
        schema_version: make(py, "SchemaVersionError", &[&b])?,
        corrupt: make(py, "CorruptError", &[&b])?,
        storage: make(py, "StorageError", &[&b, &os_error])?,
        read_only: make(py, "ReadOnlyError", &[&b])?,
        closed: make(py, "DatabaseClosedError", &[&b, &value_error])?,
        invalid_input,
        store_io,
        base,
    })
}

/// The exception classes (created on first use).
pub(crate) fn types(py: Python<'_>) -> PyResult<&ErrorTypes> {
    ERRORS.get_or_try_init(py, || create(py))
}

/// Every class by its Python name, for the module.
pub(crate) fn all(py: Python<'_>) -> PyResult<Vec<(&'static str, &Py<PyType>)>> {
    let t = types(py)?;
    Ok(vec![
        ("ReformGraphError", &t.base),
        ("KeyNotFoundError", &t.key_not_found),
        ("InvalidInputError", &t.invalid_input),
        ("WrongKindError", &t.wrong_kind),
        ("DuplicateKeyError", &t.duplicate_key),
        ("InvalidTransitionError", &t.invalid_transition),
        ("AccessDeniedError", &t.access_denied),
        ("PlanImportError", &t.plan_import),
        ("StoreIOError", &t.store_io),
        ("AlreadyOpenError", &t.already_open),
        ("NotAStoreError", &t.not_a_store),
        ("SchemaVersionError", &t.schema_version),
        ("CorruptError", &t.corrupt),
        ("StorageError", &t.storage),
        ("ReadOnlyError", &t.read_only),
        ("DatabaseClosedError", &t.closed),
    ])
}

/// Builds an exception of class `t` with `message` and extra attributes.
fn raise(
    py: Python<'_>,
    t: &Py<PyType>,
    message: String,
    attrs: &[(&str, Py<PyAny>)],
) -> PyResult<PyErr> {
    let value = t.bind(py).call1((message,))?;
    for (name, v) in attrs {
        value.setattr(*name, v)?;
    }
    Ok(PyErr::from_value(value))
}

fn convert(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let t = types(py)?;
    let msg = e.to_string();
    let s = |v: &str| -> Py<PyAny> {
        v.into_pyobject(py)
            .map_or_else(|_| py.None(), |o| o.into_any().unbind())
    };
    let path = |p: &std::path::Path| s(&p.display().to_string());
    match e {
        Error::Io { path: p, source } => {
            let errno = source.raw_os_error().map_or_else(
                || py.None(),
                |n| {
                    n.into_pyobject(py)
                        .map_or_else(|_| py.None(), |o| o.into_any().unbind())
                },
            );
            raise(
                py,
                &t.store_io,
                msg,
                &[("filename", path(p)), ("errno", errno)],
            )
        }
        Error::AlreadyOpen { path: p } => raise(py, &t.already_open, msg, &[("filename", path(p))]),
        Error::NotAStore { path: p, .. } => {
            raise(py, &t.not_a_store, msg, &[("filename", path(p))])
        }
        Error::UnsupportedSchema { found, supported } => raise(
            py,
            &t.schema_version,
            msg,
            &[
                ("found", found.into_pyobject(py)?.into_any().unbind()),
                (
                    "supported",
                    supported.into_pyobject(py)?.into_any().unbind(),
                ),
            ],
        ),
        Error::Corrupt { .. } => raise(py, &t.corrupt, msg, &[]),
        Error::Storage { .. } => raise(py, &t.storage, msg, &[]),
        Error::ReadOnly => raise(py, &t.read_only, msg, &[]),
        Error::KeyNotFound { key } => raise(
            py,
            &t.key_not_found,
            msg,
            &[
                ("key", s(key)),
                ("suggestions", PyList::empty(py).into_any().unbind()),
            ],
        ),
        Error::NameNotFound {
            name, suggestions, ..
        } => {
            let list = suggestions
                .clone()
                .into_pyobject(py)
                .map_or_else(|_| py.None(), |o| o.into_any().unbind());
            raise(
                py,
                &t.key_not_found,
                msg,
                &[("key", s(name)), ("suggestions", list)],
            )
        }
        Error::NodeNotFound { id } => {
            raise(py, &t.key_not_found, msg, &[("key", s(&id.to_string()))])
        }
        Error::DuplicateKey { key } => raise(py, &t.duplicate_key, msg, &[("key", s(key))]),
        Error::WrongKind { key, .. } => raise(py, &t.wrong_kind, msg, &[("key", s(key))]),
        Error::InvalidKey(_) | Error::InvalidDate(_) | Error::Invalid { .. } => {
            raise(py, &t.invalid_input, msg, &[])
        }
        Error::InvalidTransition { project, .. } => {
            raise(py, &t.invalid_transition, msg, &[("key", s(project))])
        }
        Error::AccessDenied { subject, .. } => {
            raise(py, &t.access_denied, msg, &[("key", s(subject))])
        }
        Error::Import { line, .. } => {
            let line = match line {
                Some(l) => l.into_pyobject(py)?.into_any().unbind(),
                None => py.None(),
            };
            raise(py, &t.plan_import, msg, &[("line", line)])
        }
        // The enum is non-exhaustive: a variant added later still reaches Python, as the base.
        _ => raise(py, &t.base, msg, &[]),
    }
}

/// Converts a core error into the fitting Python exception.
pub(crate) fn to_py(e: Error) -> PyErr {
    Python::attach(|py| convert(py, &e).unwrap_or_else(|failed| failed))
}

/// `InvalidInputError(message)`, for input the binding rejects while converting it.
pub(crate) fn invalid(message: impl Into<String>) -> PyErr {
    let message = message.into();
    Python::attach(|py| match types(py) {
        Ok(t) => raise(py, &t.invalid_input, message, &[]).unwrap_or_else(|e| e),
        Err(e) => e,
    })
}

/// `DatabaseClosedError`.
pub(crate) fn closed() -> PyErr {
    Python::attach(|py| match types(py) {
        Ok(t) => raise(
            py,
            &t.closed,
            "the database is closed; open it again with reformgraph.open()".into(),
            &[],
        )
        .unwrap_or_else(|e| e),
        Err(e) => e,
    })
}

/// Extension trait: `.py()?` on core results.
pub(crate) trait IntoPyResult<T> {
    /// Maps the core error to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
