//! A journalist's own map without a developer: read a dropped or pasted
//! sheet, map its columns to the schema, convert the rows to the atlas's own
//! files and check them with the same rules as the bundled data, then
//! publish — as a URL fragment for small data, or as a zip of a static site.
//! Pure core: the authoring page (`ui::author`) only wires signals to it.

pub mod convert;
pub mod doc;
pub mod image;
pub mod mapping;
pub mod site;
pub mod table;
pub mod words;

pub use convert::{Built, Fix, Rejection, Sheet, build, rejections_csv};
pub use doc::{Annotation, FragmentError, Labels, MAX_NOTE_CHARS, MapDoc, NoteProblem, Pin};
pub use mapping::{Kind, Mapping};
pub use table::{Input, ReadError, read};
