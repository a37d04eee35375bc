//! A data error names the file, the feature (index and id when known) and the
//! field, so a newsroom can find and fix the exact cell.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    /// Zero-based position in the file's `features` array.
    pub index: Option<usize>,
    /// The record's `id`, when it has one.
    pub id: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl DataError {
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        DataError { file: file.to_string(), index: None, id: None, field: None, message: message.into() }
    }

    pub fn feature(file: &str, index: usize, id: Option<&str>, field: &str, message: impl Into<String>) -> Self {
        DataError {
            file: file.to_string(),
            index: Some(index),
            id: id.map(str::to_string),
            field: Some(field.to_string()),
            message: message.into(),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match (self.index, &self.id) {
            (Some(i), Some(id)) => write!(f, ", feature {i} (\"{id}\")")?,
            (Some(i), None) => write!(f, ", feature {i}")?,
            (None, Some(id)) => write!(f, ", \"{id}\"")?,
            (None, None) => {}
        }
        if let Some(field) = &self.field {
            write!(f, ", field \"{field}\"")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DataError {}
