//! The exception hierarchy and the mapping from [`reformgraph::Error`].
//!
//! Every exception derives from `ReformGraphError`; those with an obvious built-in
//! counterpart derive from it too, so `except KeyError` and `except OSError` work as a Python
//! user expects. The message is always the core's own.

use pyo3::exceptions::{PyException, PyKeyError, PyOSError, PyPermissionError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use reformgraph::{Error, ErrorKind};

/// The built-in exception a class also derives from, so `except KeyError` and the like work.
#[derive(Clone, Copy)]
enum Builtin {
    Key,
    Value,
    Os,
    Permission,
}

/// One exception class: its name, its reformgraph parent (`None` for the base class, whose
/// parent is `Exception`), the built-in it also derives from, and its docstring. Parents
/// come before their children.
struct Class {
    name: &'static str,
    parent: Option<&'static str>,
    builtin: Option<Builtin>,
    doc: &'static str,
}

const BASE: &str = "ReformGraphError";

const CLASSES: &[Class] = &[
    Class {
        name: BASE,
        parent: None,
        builtin: None,
        doc: "Base class of every error reformgraph raises.",
    },
    Class {
        name: "KeyNotFoundError",
        parent: Some(BASE),
        builtin: Some(Builtin::Key),
        doc: "No node has this key or name (also a KeyError). `key` holds what was asked \
              for, `suggestions` close names to try.",
    },
    Class {
        name: "InvalidInputError",
        parent: Some(BASE),
        builtin: Some(Builtin::Value),
        doc: "Input that does not make sense: a malformed key or date, a value out of range, \
              a wrong unit, an unknown status name (also a ValueError).",
    },
    Class {
        name: "WrongKindError",
        parent: Some("InvalidInputError"),
        builtin: None,
        doc: "The node is of another kind than the call expects (a task was asked for, an \
              organisation found).",
    },
    Class {
        name: "DuplicateKeyError",
        parent: Some("InvalidInputError"),
        builtin: None,
        doc: "A node with this key already exists.",
    },
    Class {
        name: "InvalidTransitionError",
        parent: Some("InvalidInputError"),
        builtin: None,
        doc: "A project cannot move to the stage asked for.",
    },
    Class {
        name: "AccessDeniedError",
        parent: Some(BASE),
        builtin: Some(Builtin::Permission),
        doc: "The access policy does not let the actor's organisation make this change (also \
              a PermissionError); the refusal is kept in the history. `key` is the node.",
    },
    Class {
        name: "PlanImportError",
        parent: Some(BASE),
        builtin: Some(Builtin::Value),
        doc: "A plan could not be imported; `line` is the line number when there is one.",
    },
    Class {
        name: "StoreIOError",
        parent: Some(BASE),
        builtin: Some(Builtin::Os),
        doc: "The database file could not be opened, read or written (also an OSError); \
              `filename` is the file.",
    },
    Class {
        name: "AlreadyOpenError",
        parent: Some("StoreIOError"),
        builtin: None,
        doc: "Another process (or another open Database) writes the file: close it there, or \
              open this one with read_only=True.",
    },
    Class {
        name: "NeedsRecoveryError",
        parent: Some("StoreIOError"),
        builtin: None,
        doc: "The file was not closed cleanly (a crash or a kill) and a read-only open cannot \
              recover it: open it for writing once (reformgraph.open(path)); no committed \
              change is lost.",
    },
    Class {
        name: "NotAStoreError",
        parent: Some("StoreIOError"),
        builtin: None,
        doc: "The file exists but is not a reformgraph database.",
    },
    Class {
        name: "SchemaVersionError",
        parent: Some(BASE),
        builtin: None,
        doc: "The file was written by a newer reformgraph; upgrade.",
    },
    Class {
        name: "CorruptError",
        parent: Some(BASE),
        builtin: None,
        doc: "A stored record could not be decoded; run Database.verify().",
    },
    Class {
        name: "StorageError",
        parent: Some(BASE),
        builtin: Some(Builtin::Os),
        doc: "The storage engine failed (also an OSError).",
    },
    Class {
        name: "ReadOnlyError",
        parent: Some(BASE),
        builtin: None,
        doc: "A write on a database opened read-only.",
    },
    Class {
        name: "DatabaseClosedError",
        parent: Some(BASE),
        builtin: Some(Builtin::Value),
        doc: "The database was closed; open it again (also a ValueError, like I/O on a \
              closed file).",
    },
];

/// The class that stands for each kind of core error. A kind added to the core later
/// reaches Python as the base class.
fn class_of(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Io => "StoreIOError",
        ErrorKind::AlreadyOpen => "AlreadyOpenError",
        ErrorKind::NeedsRecovery => "NeedsRecoveryError",
        ErrorKind::NotAStore => "NotAStoreError",
        ErrorKind::UnsupportedSchema => "SchemaVersionError",
        ErrorKind::Corrupt => "CorruptError",
        ErrorKind::Storage => "StorageError",
        ErrorKind::ReadOnly => "ReadOnlyError",
        ErrorKind::Closed => "DatabaseClosedError",
        ErrorKind::KeyNotFound | ErrorKind::NodeNotFound => "KeyNotFoundError",
        ErrorKind::DuplicateKey => "DuplicateKeyError",
        ErrorKind::WrongKind => "WrongKindError",
        ErrorKind::InvalidKey | ErrorKind::InvalidDate | ErrorKind::Invalid => "InvalidInputError",
        ErrorKind::AccessDenied => "AccessDeniedError",
        ErrorKind::InvalidTransition => "InvalidTransitionError",
        ErrorKind::Import => "PlanImportError",
        // A cancelled call raises the signal that cancelled it (see `interruptible`).
        _ => BASE,
    }
}

/// The exception classes by name, created once per interpreter, in [`CLASSES`] order.
pub(crate) struct ErrorTypes(Vec<(&'static str, Py<PyType>)>);

impl ErrorTypes {
    fn get(&self, name: &str) -> PyResult<&Py<PyType>> {
        class_named(&self.0, name)
    }
}

fn class_named<'a>(made: &'a [(&'static str, Py<PyType>)], name: &str) -> PyResult<&'a Py<PyType>> {
    made.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t)
        .ok_or_else(|| PyException::new_err(format!("no exception class {name}")))
}

static ERRORS: PyOnceLock<ErrorTypes> = PyOnceLock::new();

/// `type(name, bases, {...})`, with `__module__ = "reformgraph"` so tracebacks read well.
fn make(
    py: Python<'_>,
    class: &Class,
    made: &[(&'static str, Py<PyType>)],
) -> PyResult<Py<PyType>> {
    let ns = PyDict::new(py);
    ns.set_item("__module__", "reformgraph")?;
    ns.set_item("__doc__", class.doc)?;
    let parent = match class.parent {
        None => py.get_type::<PyException>(),
        Some(p) => class_named(made, p)?.bind(py).clone(),
    };
    let mut bases = vec![parent];
    bases.extend(class.builtin.map(|b| match b {
        Builtin::Key => py.get_type::<PyKeyError>(),
        Builtin::Value => py.get_type::<PyValueError>(),
        Builtin::Os => py.get_type::<PyOSError>(),
        Builtin::Permission => py.get_type::<PyPermissionError>(),
    }));
    if matches!(class.builtin, Some(Builtin::Key | Builtin::Os)) {
        // KeyError quotes its message and OSError rewrites it as "[Errno …] …: filename";
        // show the core's message as it is.
        ns.set_item("__str__", py.get_type::<PyException>().getattr("__str__")?)?;
    }
    let bases = PyTuple::new(py, bases)?;
    let t = py
        .get_type::<PyType>()
        .call1((class.name, bases, ns))?
        .cast_into::<PyType>()?;
    Ok(t.unbind())
}

fn create(py: Python<'_>) -> PyResult<ErrorTypes> {
    let mut made = Vec::with_capacity(CLASSES.len());
    for class in CLASSES {
        let t = make(py, class, &made)?;
        made.push((class.name, t));
    }
    Ok(ErrorTypes(made))
}

/// The exception classes (created on first use).
pub(crate) fn types(py: Python<'_>) -> PyResult<&ErrorTypes> {
    ERRORS.get_or_try_init(py, || create(py))
}

/// Every class by its Python name, for the module.
pub(crate) fn all(py: Python<'_>) -> PyResult<Vec<(&'static str, &Py<PyType>)>> {
    Ok(types(py)?.0.iter().map(|(n, t)| (*n, t)).collect())
}

/// Builds an exception of class `name` with `message` and extra attributes.
fn raise(
    py: Python<'_>,
    name: &str,
    message: String,
    attrs: &[(&str, Py<PyAny>)],
) -> PyResult<PyErr> {
    let value = types(py)?.get(name)?.bind(py).call1((message,))?;
    for (name, v) in attrs {
        value.setattr(*name, v)?;
    }
    Ok(PyErr::from_value(value))
}

/// The exception for a core error: its kind's class, with what the error is about as
/// attributes (`key`, `suggestions`, `filename`, `errno`, `line`, `found`/`supported`).
fn convert(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let kind = e.kind();
    let mut attrs: Vec<(&str, Py<PyAny>)> = Vec::new();
    if let Some(key) = e.subject() {
        attrs.push(("key", key.into_pyobject(py)?.into_any().unbind()));
    }
    if matches!(kind, ErrorKind::KeyNotFound | ErrorKind::NodeNotFound) {
        let list = PyList::new(py, e.suggestions())?;
        attrs.push(("suggestions", list.into_any().unbind()));
    }
    if let Some(path) = e.path() {
        let name = path.display().to_string();
        attrs.push(("filename", name.into_pyobject(py)?.into_any().unbind()));
    }
    if let Some(errno) = e.os_error() {
        attrs.push(("errno", errno.into_pyobject(py)?.into_any().unbind()));
    }
    if kind == ErrorKind::Import {
        attrs.push(("line", e.line().into_pyobject(py)?.into_any().unbind()));
    }
    if let Some((found, supported)) = e.schema_versions() {
        attrs.push(("found", found.into_pyobject(py)?.into_any().unbind()));
        attrs.push((
            "supported",
            supported.into_pyobject(py)?.into_any().unbind(),
        ));
    }
    raise(py, class_of(kind), e.to_string(), &attrs)
}

/// Converts a core error into the fitting Python exception.
pub(crate) fn to_py(e: Error) -> PyErr {
    Python::attach(|py| convert(py, &e).unwrap_or_else(|failed| failed))
}

/// `InvalidInputError(message)`, for input the binding rejects while converting it.
pub(crate) fn invalid(message: impl Into<String>) -> PyErr {
    let message = message.into();
    Python::attach(|py| raise(py, "InvalidInputError", message, &[]).unwrap_or_else(|e| e))
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
