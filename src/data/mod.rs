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
pub use parse::context::{ContextFiles, ContextLayers, Place, River};
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
    /// Places, rivers and inset land ([`Dataset::with_context`]).
    pub context: ContextLayers,
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
        let countries = layer(Some(&files.countries), &raw.countries, parse::countries, &mut errors);
        let water = layer(files.water.as_deref(), &raw.water, parse::water, &mut errors);
        let deposits = layer(Some(&files.deposits), &raw.deposits, parse::deposits, &mut errors);
        let flows = layer(Some(&files.flows), &raw.flows, parse::flows, &mut errors);
        let headlines = layer(files.headlines.as_deref(), &raw.headlines, parse::headlines, &mut errors);
        let mut ds =
            Dataset { region, countries, water, deposits, flows, headlines, errors, context: Default::default() };
        validate::retain_valid(&mut ds);
        ds
    }

    /// Add the optional context layers the manifest names (places, rivers,
    /// world land), each parsed with named errors like the other layers.
    pub fn with_context(mut self, raw: &ContextFiles) -> Dataset {
        use parse::context;
        let files = self.region.layers.clone();
        let mut errors = Vec::new();
        let places = layer(files.places.as_deref(), &raw.places, context::places, &mut errors);
        let rivers = layer(files.rivers.as_deref(), &raw.rivers, context::rivers, &mut errors);
        let world = layer(files.world.as_deref(), &raw.world, context::world, &mut errors);
        let mut attributions: Vec<String> = [&raw.places, &raw.rivers, &raw.world]
            .into_iter()
            .flatten()
            .filter_map(|t| context::attribution(t))
            .collect();
        attributions.dedup();
        self.errors.extend(errors);
        self.context = ContextLayers { places, rivers, world, attributions };
        self
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
    errors: &mut Vec<DataError>,
) -> Vec<T> {
    match (file, text) {
        (Some(f), Some(t)) => {
            let (records, errs) = parse(f, t);
            errors.extend(errs);
            records
        }
        (Some(f), None) => {
            errors.push(DataError::file(f, "file could not be loaded"));
            Vec::new()
        }
        (None, _) => Vec::new(),
    }
}
