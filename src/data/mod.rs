//! The atlas dataset: schema, parsing of the files under `public/data/`,
//! and validation. A region manifest (`region.json`) names the layer files,
//! so the same engine can map another region.

use crate::decimal::fixed;

pub mod commodity;
pub mod details;
pub mod error;
pub mod geometry;
pub mod json;
#[cfg(not(target_arch = "wasm32"))]
pub mod load;
pub mod parse;
pub mod schema;
#[cfg(not(target_arch = "wasm32"))]
pub mod split;
pub mod trust;
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
    /// The host the data came from, when it is not the bundled default
    /// ("Data from <host>" in the page, the embed and the export).
    pub data_from: Option<String>,
    /// Places, rivers and inset land ([`Dataset::with_context`]).
    pub context: ContextLayers,
    /// Where the records' sources and notes are, when the manifest names a
    /// details file ([`details`]): the URL the app reads on first need. The
    /// native tools fill the records at once ([`Dataset::with_details`]).
    pub details_url: Option<String>,
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
        // With a details file, the sources and notes may be there instead.
        let elsewhere = files.details.is_some();
        let deposits =
            layer(Some(&files.deposits), &raw.deposits, |f, t| parse::deposits_in(f, t, elsewhere), failures, e);
        let flows = layer(Some(&files.flows), &raw.flows, |f, t| parse::flows_in(f, t, elsewhere), failures, e);
        let headlines = layer(files.headlines.as_deref(), &raw.headlines, parse::headlines, failures, e);
        region.repair(&countries);
        let mut ds = Dataset {
            region,
            countries,
            water,
            deposits,
            flows,
            headlines,
            errors,
            data_from: None,
            context: Default::default(),
            details_url: None,
        };
        validate::retain_valid(&mut ds);
        ds
    }

    /// Add the optional context layers the manifest names (places, rivers,
    /// world land), each parsed with named errors like the other layers.
    /// `failures` says why a named layer could not be loaded, as in
    /// [`Dataset::assemble_reporting`].
    pub fn with_context(mut self, raw: &ContextFiles, failures: &[DataError]) -> Dataset {
        use parse::context;
        let files = self.region.layers.clone();
        let mut errors = Vec::new();
        let places = layer(files.places.as_deref(), &raw.places, context::places, failures, &mut errors);
        let rivers = layer(files.rivers.as_deref(), &raw.rivers, context::rivers, failures, &mut errors);
        let world = layer(files.world.as_deref(), &raw.world, context::world, failures, &mut errors);
        let mut attributions: Vec<schema::Text> = [&raw.places, &raw.rivers, &raw.world]
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

/// The largest layer file the atlas reads: 64 MiB (about 130,000 deposits
/// with sources). A bigger file is refused with a named error before it is
/// parsed, instead of freezing the tab; docs/SCALING.md says how to serve more.
pub const MAX_LAYER_BYTES: usize = 64 * 1024 * 1024;

/// The error for a layer file over [`MAX_LAYER_BYTES`].
pub fn too_large(file: &str, bytes: usize) -> DataError {
    DataError::file(
        file,
        format!(
            "is {} MB; the atlas reads layer files up to {} MB (see docs/SCALING.md for larger datasets)",
            fixed(bytes as f64 / 1_048_576.0, 0),
            MAX_LAYER_BYTES / 1_048_576
        ),
    )
}

/// Parse one layer. A layer the manifest names but that could not be
/// loaded, or is over the size limit, is an error; a layer it does not name
/// is simply empty.
fn layer<T>(
    file: Option<&str>,
    text: &Option<String>,
    parse: impl Fn(&str, &str) -> parse::Parsed<T>,
    failures: &[DataError],
    errors: &mut Vec<DataError>,
) -> Vec<T> {
    match (file, text) {
        (Some(f), Some(t)) if t.len() > MAX_LAYER_BYTES => {
            errors.push(too_large(f, t.len()));
            Vec::new()
        }
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

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn a_layer_over_the_size_limit_is_refused_by_name_and_the_rest_loads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let read = |n: &str| std::fs::read_to_string(dir.join(n)).ok();
        let region = parse::region("region.json", &read("region.json").unwrap()).unwrap();
        let l = region.layers.clone();
        // A valid FeatureCollection, padded with whitespace past the limit.
        let mut huge = read(&l.deposits).unwrap();
        huge.push_str(&" ".repeat(MAX_LAYER_BYTES));
        let raw = RawFiles {
            countries: read(&l.countries),
            water: l.water.as_deref().and_then(read),
            deposits: Some(huge),
            flows: read(&l.flows),
            headlines: l.headlines.as_deref().and_then(read),
        };
        let ds = Dataset::assemble(region, &raw);
        assert!(ds.deposits.is_empty());
        assert!(!ds.countries.is_empty(), "the other layers still load");
        let msg = ds.errors.iter().map(|e| e.to_string()).find(|m| m.contains("MB")).expect("a size error");
        assert!(msg.contains(&l.deposits) && msg.contains("64 MB"), "{msg}");
    }
}
