//! The atlas dataset: schema, parsing of the files under `public/data/`,
//! and validation. A region manifest (`region.json`) names the layer files,
//! so the same engine can map another region.

pub mod commodity;
pub mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod load;
pub mod parse;
pub mod schema;
pub mod trust;
pub mod validate;

pub use error::DataError;
pub use schema::*;

/// Everything the map needs, after parsing and validation.
/// `errors` lists what was rejected; the rest of the dataset still works.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub region: Region,
    pub countries: Vec<Country>,
    pub water: Vec<Water>,
    pub deposits: Vec<Deposit>,
    pub flows: Vec<Flow>,
    pub headlines: Vec<Headline>,
    pub errors: Vec<DataError>,
    /// The host the data came from, when it is not the bundled default
    /// ("Data from <host>" in the page, the embed and the export).
    pub data_from: Option<String>,
}

/// The raw text of each file, keyed by the layer it fills. A missing file is
/// `None` (reported as an error, the other layers still load).
#[derive(Debug, Clone, Default)]
pub struct RawFiles {
    pub countries: Option<String>,
    pub water: Option<String>,
    pub deposits: Option<String>,
    pub flows: Option<String>,
    pub headlines: Option<String>,
}

impl Dataset {
    /// Parse every layer file and validate the whole, keeping good records and
    /// collecting a named error for each bad one.
    pub fn assemble(region: Region, raw: &RawFiles) -> Dataset {
        Dataset::assemble_reporting(region, raw, &[])
    }

    /// [`Dataset::assemble`], where `failures` says why a layer whose text is
    /// `None` could not be loaded (an HTTP status, a refused URL).
    pub fn assemble_reporting(mut region: Region, raw: &RawFiles, failures: &[DataError]) -> Dataset {
        let mut errors = std::mem::take(&mut region.problems);
        let files = region.layers.clone();
        let e = &mut errors;
        let countries = layer(Some(&files.countries), &raw.countries, parse::countries, failures, e);
        let water = layer(files.water.as_deref(), &raw.water, parse::water, failures, e);
        let deposits = layer(Some(&files.deposits), &raw.deposits, parse::deposits, failures, e);
        let flows = layer(Some(&files.flows), &raw.flows, parse::flows, failures, e);
        let headlines = layer(files.headlines.as_deref(), &raw.headlines, parse::headlines, failures, e);
        region.repair(&countries);
        let mut ds = Dataset { region, countries, water, deposits, flows, headlines, errors, data_from: None };
        validate::retain_valid(&mut ds);
        ds
    }

    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }

    pub fn deposit(&self, id: &str) -> Option<&Deposit> {
        self.deposits.iter().find(|d| d.id == id)
    }

    pub fn investor(&self, id: &str) -> Option<&Investor> {
        self.region.investors.iter().find(|i| i.id == id)
    }
}

/// Parse one layer. A layer the manifest names but that could not be
/// loaded is an error; a layer it does not name is simply empty.
fn layer<T>(
    file: Option<&str>,
    text: &Option<String>,
    parse: fn(&str, &str) -> parse::Parsed<T>,
    failures: &[DataError],
    errors: &mut Vec<DataError>,
) -> Vec<T> {
    match (file, text) {
        (Some(f), Some(t)) => {
            let (records, errs) = parse(f, t);
            errors.extend(errs);
            records
        }
        (Some(f), None) => {
            let why = failures.iter().find(|e| e.file == f);
            errors.push(why.cloned().unwrap_or_else(|| DataError::file(f, "file could not be loaded")));
            Vec::new()
        }
        (None, _) => Vec::new(),
    }
}
