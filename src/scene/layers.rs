//! The layers a reader can switch off: deposits, arrows, and the context a
//! map is read by (places, rivers, the locator inset). The basemap and the
//! scale bar are always drawn. One `Copy` value, kept in the URL as
//! `layers=-flows,-rivers` (the hidden ones, in this order).
//!
//! ```
//! use atlas::scene::layers::{Layer, Layers};
//! let l = Layers::default().with(Layer::Rivers, false);
//! assert!(l.shows(Layer::Deposits) && !l.shows(Layer::Rivers));
//! assert_eq!(l.hidden().collect::<Vec<_>>(), vec![Layer::Rivers]);
//! ```

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Deposits,
    Flows,
    Places,
    Rivers,
    Inset,
}

impl Layer {
    pub const ALL: [Layer; 5] = [Layer::Deposits, Layer::Flows, Layer::Places, Layer::Rivers, Layer::Inset];

    /// The name in the URL and the `data-layer` hook.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Deposits => "deposits",
            Layer::Flows => "flows",
            Layer::Places => "places",
            Layer::Rivers => "rivers",
            Layer::Inset => "inset",
        }
    }

    pub fn parse(s: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The allowed names, for error messages.
    pub fn expected() -> String {
        Layer::ALL.map(Layer::as_str).join(", ")
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Which layers are shown. The default shows every layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Layers {
    hidden: u8,
}

impl Layers {
    pub fn shows(self, layer: Layer) -> bool {
        self.hidden & layer.bit() == 0
    }

    /// The same set with `layer` shown (`on`) or hidden.
    #[must_use]
    pub fn with(self, layer: Layer, on: bool) -> Layers {
        let hidden = if on { self.hidden & !layer.bit() } else { self.hidden | layer.bit() };
        Layers { hidden }
    }

    /// The hidden layers, in [`Layer::ALL`] order (so a link is written one way).
    pub fn hidden(self) -> impl Iterator<Item = Layer> {
        Layer::ALL.into_iter().filter(move |l| !self.shows(*l))
    }

    pub fn from_hidden(hidden: impl IntoIterator<Item = Layer>) -> Layers {
        hidden.into_iter().fold(Layers::default(), |l, x| l.with(x, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layer_name_parses_back_to_its_layer() {
        for l in Layer::ALL {
            assert_eq!(Layer::parse(l.as_str()), Some(l));
        }
        assert_eq!(Layer::parse("countries"), None);
        assert_eq!(Layer::parse(""), None);
    }

    #[test]
    fn hiding_one_layer_leaves_every_other_shown() {
        for l in Layer::ALL {
            let set = Layers::default().with(l, false);
            for o in Layer::ALL {
                assert_eq!(set.shows(o), o != l, "{l:?} hidden, {o:?}");
            }
            assert_eq!(set.with(l, true), Layers::default());
        }
    }

    #[test]
    fn hidden_layers_are_listed_once_in_a_fixed_order_whatever_the_input_order() {
        let set = Layers::from_hidden([Layer::Inset, Layer::Flows, Layer::Inset]);
        assert_eq!(set.hidden().collect::<Vec<_>>(), vec![Layer::Flows, Layer::Inset]);
    }
}
