//! The atlas dataset: schema, parsing of the files under `public/data/`,
//! and validation. A region manifest (`region.json`) names the layer files,
//! so the same engine can map another region.

pub mod commodity;
pub mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod load;
pub mod parse;
pub mod schema;
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
        let mut errors = Vec::new();
        let files = region.layers.clone();
        let mut take = |file: &str, text: &Option<String>| -> Option<String> {
            match text {
                Some(t) => Some(t.clone()),
                None => {
                    errors.push(DataError::file(file, "file could not be loaded"));
                    None
                }
            }
        };
        let countries_t = take(&files.countries, &raw.countries);
        let water_t = raw.water.clone();
        let deposits_t = take(&files.deposits, &raw.deposits);
        let flows_t = take(&files.flows, &raw.flows);
        let headlines_t = raw.headlines.clone();

        let countries =
            countries_t.map(|t| collect(parse::countries(&files.countries, &t), &mut errors)).unwrap_or_default();
        let water = match (&files.water, water_t) {
            (Some(f), Some(t)) => collect(parse::water(f, &t), &mut errors),
            (Some(f), None) => {
                errors.push(DataError::file(f, "file could not be loaded"));
                Vec::new()
            }
            _ => Vec::new(),
        };
        let deposits =
            deposits_t.map(|t| collect(parse::deposits(&files.deposits, &t), &mut errors)).unwrap_or_default();
        let flows = flows_t.map(|t| collect(parse::flows(&files.flows, &t), &mut errors)).unwrap_or_default();
        let headlines = match (&files.headlines, headlines_t) {
            (Some(f), Some(t)) => collect(parse::headlines(f, &t), &mut errors),
            (Some(f), None) => {
                errors.push(DataError::file(f, "file could not be loaded"));
                Vec::new()
            }
            _ => Vec::new(),
        };

        let mut ds = Dataset { region, countries, water, deposits, flows, headlines, errors };
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

fn collect<T>(parsed: (Vec<T>, Vec<DataError>), errors: &mut Vec<DataError>) -> Vec<T> {
    errors.extend(parsed.1);
    parsed.0
}
