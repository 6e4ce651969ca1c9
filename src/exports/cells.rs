//! Turns a flat `Serialize` row into typed cells, in a table's column order.
//!
//! Each resource has one row type with `#[derive(Serialize)]`; its field
//! names are the column codes. Reading the row through serde, rather than
//! through a second hand-written list of cells, keeps the row type the one
//! place an export's columns are defined. Fields the table does not list
//! (personal data left out, say) are skipped; nesting is refused, since a
//! spreadsheet cell cannot hold it.

use std::fmt;

use chrono::DateTime;
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct, Serializer};

use super::table::{Cell, EXPORT_TIME};

/// A row that is not one flat struct of plain values.
#[derive(Debug)]
pub struct CellError(String);

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "export row: {}", self.0)
    }
}

impl std::error::Error for CellError {}

impl ser::Error for CellError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

fn not_flat<T>(what: &str) -> Result<T, CellError> {
    Err(CellError(format!(
        "{what} in an export row; rows must be flat"
    )))
}

/// Fills `out` with the cells of `row` for the columns `codes`, in that order;
/// a column the row has no field for stays empty.
pub fn row_cells<R: Serialize, C: AsRef<str>>(
    row: &R,
    codes: &[C],
    out: &mut Vec<Cell>,
) -> Result<(), CellError> {
    out.clear();
    out.resize(codes.len(), Cell::Empty);
    row.serialize(RowSerializer { codes, out })
}

struct RowSerializer<'a, C> {
    codes: &'a [C],
    out: &'a mut Vec<Cell>,
}

impl<C: AsRef<str>> SerializeStruct for RowSerializer<'_, C> {
    type Ok = ();
    type Error = CellError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        if let Some(index) = self.codes.iter().position(|code| code.as_ref() == key) {
            self.out[index] = value.serialize(CellSerializer)?;
        }
        Ok(())
    }

    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, CellError> {
            not_flat(stringify!($method))
        })*
    };
}

impl<'a, C: AsRef<str>> Serializer for RowSerializer<'a, C> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = RowSerializer<'a, C>;
    type SerializeStructVariant = Impossible<(), CellError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CellError> {
        Ok(self)
    }

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> (); serialize_i16(i16) -> (); serialize_i32(i32) -> (); serialize_i64(i64) -> ();
        serialize_u8(u8) -> (); serialize_u16(u16) -> (); serialize_u32(u32) -> (); serialize_u64(u64) -> ();
        serialize_f32(f32) -> (); serialize_f64(f64) -> ();
        serialize_char(char) -> (); serialize_str(&str) -> (); serialize_bytes(&[u8]) -> ();
        serialize_none() -> (); serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), CellError> {
        not_flat("an optional row")
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        not_flat("an enum row")
    }
}

/// One field's value as a cell.
struct CellSerializer;

impl Serializer for CellSerializer {
    type Ok = Cell;
    type Error = CellError;
    type SerializeSeq = Impossible<Cell, CellError>;
    type SerializeTuple = Impossible<Cell, CellError>;
    type SerializeTupleStruct = Impossible<Cell, CellError>;
    type SerializeTupleVariant = Impossible<Cell, CellError>;
    type SerializeMap = Impossible<Cell, CellError>;
    type SerializeStruct = Impossible<Cell, CellError>;
    type SerializeStructVariant = Impossible<Cell, CellError>;

    fn serialize_bool(self, v: bool) -> Result<Cell, CellError> {
        Ok(Cell::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Cell, CellError> {
        Ok(Cell::Integer(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Cell, CellError> {
        Ok(Cell::Integer(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Cell, CellError> {
        Ok(Cell::Integer(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Cell, CellError> {
        Ok(Cell::Integer(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Cell, CellError> {
        Ok(Cell::Integer(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Cell, CellError> {
        Ok(Cell::Integer(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Cell, CellError> {
        Ok(Cell::Integer(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Cell, CellError> {
        // Beyond i64 a number would lose digits in a spreadsheet; keep it exact as text.
        Ok(i64::try_from(v).map_or_else(|_| Cell::Text(v.to_string()), Cell::Integer))
    }
    fn serialize_f32(self, v: f32) -> Result<Cell, CellError> {
        Ok(Cell::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Cell, CellError> {
        Ok(Cell::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Cell, CellError> {
        Ok(Cell::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Cell, CellError> {
        Ok(Cell::Text(v.to_owned()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Cell, CellError> {
        not_flat("bytes")
    }
    fn serialize_none(self) -> Result<Cell, CellError> {
        Ok(Cell::Empty)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Cell, CellError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Cell, CellError> {
        Ok(Cell::Empty)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Cell, CellError> {
        Ok(Cell::Empty)
    }
    /// An enum like a status: its (renamed) code, as JSON would show it.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Cell, CellError> {
        Ok(Cell::Text(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Cell, CellError> {
        match (name, value.serialize(CellSerializer)?) {
            (EXPORT_TIME, Cell::Text(text)) => DateTime::parse_from_rfc3339(&text)
                .map(|time| Cell::DateTime(time.to_utc()))
                .map_err(|err| CellError(format!("bad time {text}: {err}"))),
            (_, cell) => Ok(cell),
        }
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Cell, CellError> {
        not_flat("an enum with data")
    }

    refuse! {
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exports::table::ExportTime;
    use chrono::{TimeZone, Utc};

    #[derive(Serialize)]
    struct Sample {
        name: String,
        count: i32,
        share: Option<f64>,
        at: ExportTime,
        never: Option<ExportTime>,
        secret: &'static str,
    }

    #[test]
    fn fields_become_typed_cells_in_column_order_and_unlisted_ones_are_left_out() {
        let at = Utc
            .with_ymd_and_hms(2025, 3, 1, 13, 5, 0)
            .single()
            .expect("time");
        let row = Sample {
            name: "Blåbær".into(),
            count: 3,
            share: None,
            at: ExportTime(at),
            never: None,
            secret: "left out",
        };
        let mut cells = Vec::new();
        row_cells(
            &row,
            &["at", "count", "name", "share", "never", "missing"],
            &mut cells,
        )
        .expect("cells");
        assert_eq!(
            cells,
            vec![
                Cell::DateTime(at),
                Cell::Integer(3),
                Cell::Text("Blåbær".into()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]
        );
    }

    #[test]
    fn nested_values_are_refused() {
        #[derive(Serialize)]
        struct Nested {
            list: Vec<i32>,
        }
        let mut cells = Vec::new();
        let err = row_cells(&Nested { list: vec![1] }, &["list"], &mut cells);
        assert!(err.is_err());
    }
}
