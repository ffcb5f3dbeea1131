//! `wijknet.Table`: a table of typed columns (Apache Arrow) that polars, pyarrow and DuckDB read
//! through the Arrow PyCapsule interface without copying, that writes itself as Parquet and
//! pickles (as Arrow IPC bytes). Built by wijknet-tables from the core's events, referral rows,
//! monitoring figures and what-if results.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyDict, PyList, PyTuple};
use wijknet_python_macros::catch_panics;
use wijknet_tables::arrow_array::cast::AsArray;
use wijknet_tables::arrow_array::types::{Float64Type, Int64Type, TimestampMicrosecondType, UInt32Type, UInt64Type};
use wijknet_tables::arrow_array::{Array, RecordBatch};
use wijknet_tables::arrow_schema::DataType;

/// A table of typed columns (Apache Arrow): ``polars.DataFrame(table)``,
/// ``pyarrow.table(table)`` and DuckDB (``duckdb.sql("select ... from table")``) read it without
/// copying, through the Arrow PyCapsule interface. ``to_pylist()`` gives one dict per row,
/// ``to_pandas()`` a pandas DataFrame, ``write_parquet(path)`` a Parquet file. Immutable; pickles.
#[pyclass(module = "wijknet", name = "Table", frozen, eq)]
#[derive(Debug, PartialEq)]
pub struct PyTable {
    pub batch: RecordBatch,
    pub name: String,
}

impl PyTable {
    pub fn new(name: &str, batch: RecordBatch) -> Self {
        Self { batch, name: name.to_owned() }
    }

    fn names(&self) -> Vec<String> {
        self.batch.schema().fields().iter().map(|f| f.name().clone()).collect()
    }
}

/// A table error (a file that cannot be written or read, bytes that are no table) as `OSError`.
pub fn table_error(e: wijknet_tables::TableError) -> PyErr {
    pyo3::exceptions::PyOSError::new_err(e.to_string())
}

/// One cell as a Python value (instants as aware datetimes, code lists as lists of str).
fn cell<'py>(py: Python<'py>, column: &dyn Array, row: usize) -> PyResult<Bound<'py, PyAny>> {
    if column.is_null(row) {
        return Ok(py.None().into_bound(py));
    }
    Ok(match column.data_type() {
        DataType::Utf8View => column.as_string_view().value(row).into_pyobject(py)?.into_any(),
        DataType::Utf8 => column.as_string::<i32>().value(row).into_pyobject(py)?.into_any(),
        DataType::UInt64 => column.as_primitive::<UInt64Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::UInt32 => column.as_primitive::<UInt32Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::Int64 => column.as_primitive::<Int64Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::Float64 => column.as_primitive::<Float64Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::Boolean => column.as_boolean().value(row).into_pyobject(py)?.to_owned().into_any(),
        DataType::Timestamp(..) => {
            let us = column.as_primitive::<TimestampMicrosecondType>().value(row);
            let at = chrono::DateTime::<chrono::Utc>::from_timestamp_micros(us)
                .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("instant out of range"))?;
            at.into_pyobject(py)?.into_any()
        }
        DataType::List(_) => {
            let list = column.as_list::<i32>().value(row);
            let items = (0..list.len()).map(|i| cell(py, list.as_ref(), i)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        other => {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!("no Python value for an Arrow {other} column")));
        }
    })
}

#[catch_panics]
#[pymethods]
impl PyTable {
    /// What the table holds: ``events``, ``referrals``, ``monitoring``, ``what_if``, ...
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.names()
    }

    /// The schema as text: one ``name: type`` per column.
    #[getter]
    fn schema(&self) -> String {
        let s = self.batch.schema();
        s.fields().iter().map(|f| format!("{}: {}", f.name(), f.data_type())).collect::<Vec<_>>().join("\n")
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "<wijknet.Table {} with {} rows, columns {}>",
            self.name,
            self.batch.num_rows(),
            self.names().join(", ")
        )
    }

    /// The Arrow PyCapsule interface: the schema (a capsule named ``arrow_schema``).
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let schema = wijknet_tables::ffi::schema(&self.batch.schema()).map_err(table_error)?;
        Ok(PyCapsule::new_with_value(py, schema, c"arrow_schema")?.into_any())
    }

    /// The Arrow PyCapsule interface: the data as a stream (a capsule named
    /// ``arrow_array_stream``) that the consumer reads and releases. ``requested_schema`` is
    /// ignored (the interface allows it): the table has one schema.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let _ = requested_schema;
        let stream = wijknet_tables::ffi::stream(vec![self.batch.clone()], self.batch.schema());
        Ok(PyCapsule::new_with_value(py, stream, c"arrow_array_stream")?.into_any())
    }

    /// One dict per row (column name to value; instants as aware datetimes).
    fn to_pylist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let names = self.names();
        let rows = (0..self.batch.num_rows())
            .map(|row| {
                let d = PyDict::new(py);
                for (name, column) in names.iter().zip(self.batch.columns()) {
                    d.set_item(name, cell(py, column.as_ref(), row)?)?;
                }
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, rows)
    }

    /// One list per column: ``{name: [values]}``.
    fn to_pydict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, column) in self.names().iter().zip(self.batch.columns()) {
            let values = (0..column.len()).map(|row| cell(py, column.as_ref(), row)).collect::<PyResult<Vec<_>>>()?;
            d.set_item(name, PyList::new(py, values)?)?;
        }
        Ok(d)
    }

    /// A ``polars.DataFrame`` (reads the columns without copying; needs polars).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("polars")?.getattr("DataFrame")?.call1((slf,))
    }

    /// A ``pandas.DataFrame`` (needs pandas; with pyarrow installed, through it).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        if let Ok(pa) = py.import("pyarrow") {
            return pa.getattr("table")?.call1((slf,))?.call_method0("to_pandas");
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", slf.get().names())?;
        py.import("pandas")?.getattr("DataFrame")?.call((slf.get().to_pydict(py)?,), Some(&kwargs))
    }

    /// Writes the table as a Parquet file (Snappy), with the GIL released. Returns the rows
    /// written.
    fn write_parquet(&self, py: Python<'_>, path: PathBuf) -> PyResult<u64> {
        let file = std::fs::File::create(&path)?;
        py.detach(|| wijknet_tables::files::write_parquet(std::io::BufWriter::new(file), &self.batch, &self.name))
            .map_err(table_error)
    }

    /// Pickling: the table as Arrow IPC bytes.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let bytes = wijknet_tables::files::to_ipc(&slf.get().batch).map_err(table_error)?;
        let restore = slf.get_type().getattr("_from_ipc")?;
        let args = PyTuple::new(
            py,
            [slf.get().name.clone().into_pyobject(py)?.into_any(), PyBytes::new(py, &bytes).into_any()],
        )?;
        PyTuple::new(py, [restore, args.into_any()])
    }

    /// The table of :meth:`__reduce__`'s bytes (for pickle).
    #[staticmethod]
    fn _from_ipc(name: String, data: &[u8]) -> PyResult<Self> {
        Ok(Self { batch: wijknet_tables::files::from_ipc(data).map_err(table_error)?, name })
    }
}
