//! Commodity vocabulary: element symbols plus a few group codes, their names,
//! and the colour group a deposit is drawn in (by its primary commodity).

use crate::i18n::Lang;

/// Chemical element symbols (IUPAC), in atomic-number order.
const ELEMENTS: [&str; 118] = [
    "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
    "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y",
    "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce",
    "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir",
    "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm",
    "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc",
    "Lv", "Ts", "Og",
];

/// Codes that are not single elements.
const GROUP_CODES: [&str; 3] = ["REE", "PGE", "potash"];

pub fn is_known(symbol: &str) -> bool {
    ELEMENTS.contains(&symbol) || GROUP_CODES.contains(&symbol)
}

/// Colour groups, drawn with the Okabe–Ito palette (safe for the common
/// colour-vision deficiencies). Marker shape carries status, so colour is
/// never the only cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Precious,
    Copper,
    LeadZinc,
    SteelAlloy,
    Battery,
    RareEarth,
    Uranium,
    Industrial,
}

impl Group {
    pub const ALL: [Group; 8] = [
        Group::SteelAlloy,
        Group::LeadZinc,
        Group::Copper,
        Group::Precious,
        Group::RareEarth,
        Group::Battery,
        Group::Uranium,
        Group::Industrial,
    ];

    pub fn of(symbol: &str) -> Group {
        match symbol {
            "Au" | "Ag" | "PGE" | "Pt" | "Pd" => Group::Precious,
            "Cu" | "Mo" | "Re" => Group::Copper,
            "Pb" | "Zn" | "Cd" => Group::LeadZinc,
            "Mn" | "Cr" | "Fe" | "V" | "Ti" | "Zr" | "Ni" | "Co" => Group::SteelAlloy,
            "W" | "Sb" | "Sn" | "Bi" | "Hg" | "Li" | "Be" | "Nb" | "Ta" | "Ga" | "Ge" | "In" | "C" | "F" => {
                Group::Battery
            }
            "REE" | "Sc" | "Y" | "La" | "Ce" | "Pr" | "Nd" | "Dy" | "Tb" => Group::RareEarth,
            "U" | "Th" => Group::Uranium,
            _ => Group::Industrial,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Group::Precious => "precious",
            Group::Copper => "copper",
            Group::LeadZinc => "lead-zinc",
            Group::SteelAlloy => "steel-alloy",
            Group::Battery => "critical",
            Group::RareEarth => "rare-earth",
            Group::Uranium => "uranium",
            Group::Industrial => "industrial",
        }
    }

    /// Fill colour (Okabe & Ito 2008; grey for the catch-all group).
    pub fn color(self) -> &'static str {
        match self {
            Group::SteelAlloy => "#0072B2",
            Group::LeadZinc => "#56B4E9",
            Group::Copper => "#D55E00",
            Group::Precious => "#E69F00",
            Group::RareEarth => "#CC79A7",
            Group::Battery => "#009E73",
            Group::Uranium => "#F0E442",
            Group::Industrial => "#8C8C8C",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Group::SteelAlloy, Lang::En) => "Mn, Cr, Ti, Fe (steel alloys)",
            (Group::SteelAlloy, Lang::Ru) => "Mn, Cr, Ti, Fe (легирующие)",
            (Group::LeadZinc, Lang::En) => "Lead, zinc",
            (Group::LeadZinc, Lang::Ru) => "Свинец, цинк",
            (Group::Copper, Lang::En) => "Copper, molybdenum",
            (Group::Copper, Lang::Ru) => "Медь, молибден",
            (Group::Precious, Lang::En) => "Gold, silver",
            (Group::Precious, Lang::Ru) => "Золото, серебро",
            (Group::RareEarth, Lang::En) => "Rare earths (incl. Sc, Y)",
            (Group::RareEarth, Lang::Ru) => "Редкоземельные (вкл. Sc, Y)",
            (Group::Battery, Lang::En) => "W, Sb, Li and other critical",
            (Group::Battery, Lang::Ru) => "W, Sb, Li и др. критические",
            (Group::Uranium, Lang::En) => "Uranium",
            (Group::Uranium, Lang::Ru) => "Уран",
            (Group::Industrial, Lang::En) => "Potash, aluminium, other",
            (Group::Industrial, Lang::Ru) => "Калий, алюминий, прочее",
        }
    }
}

/// A reader-facing name for a commodity symbol.
pub fn name(symbol: &str, lang: Lang) -> String {
    let (en, ru) = match symbol {
        "Mn" => ("Manganese", "Марганец"),
        "Cr" => ("Chromium", "Хром"),
        "Pb" => ("Lead", "Свинец"),
        "Zn" => ("Zinc", "Цинк"),
        "Ti" => ("Titanium", "Титан"),
        "REE" => ("Rare earths", "Редкоземельные металлы"),
        "Sc" => ("Scandium", "Скандий"),
        "Y" => ("Yttrium", "Иттрий"),
        "U" => ("Uranium", "Уран"),
        "Cu" => ("Copper", "Медь"),
        "Au" => ("Gold", "Золото"),
        "Ag" => ("Silver", "Серебро"),
        "W" => ("Tungsten", "Вольфрам"),
        "Li" => ("Lithium", "Литий"),
        "Sb" => ("Antimony", "Сурьма"),
        "potash" => ("Potash", "Калийные соли"),
        "Mo" => ("Molybdenum", "Молибден"),
        "Fe" => ("Iron", "Железо"),
        "Al" => ("Aluminium", "Алюминий"),
        "Ba" => ("Barium (barite)", "Барий (барит)"),
        "Hg" => ("Mercury", "Ртуть"),
        "Bi" => ("Bismuth", "Висмут"),
        "Be" => ("Beryllium", "Бериллий"),
        "Sn" => ("Tin", "Олово"),
        "V" => ("Vanadium", "Ванадий"),
        "Zr" => ("Zirconium", "Цирконий"),
        "Nb" => ("Niobium", "Ниобий"),
        "Ta" => ("Tantalum", "Тантал"),
        "Th" => ("Thorium", "Торий"),
        "Re" => ("Rhenium", "Рений"),
        "Cd" => ("Cadmium", "Кадмий"),
        "I" => ("Iodine", "Йод"),
        "Br" => ("Bromine", "Бром"),
        "S" => ("Sulfur", "Сера"),
        "Mg" => ("Magnesium", "Магний"),
        "Ce" => ("Cerium", "Церий"),
        "La" => ("Lanthanum", "Лантан"),
        "Nd" => ("Neodymium", "Неодим"),
        "Na" => ("Sodium (salts)", "Натрий (соли)"),
        "F" => ("Fluorspar (fluorine)", "Плавиковый шпат (фтор)"),
        "Sr" => ("Strontium (celestite)", "Стронций (целестин)"),
        "P" => ("Phosphate (phosphorus)", "Фосфориты (фосфор)"),
        "C" => ("Graphite (carbon)", "Графит (углерод)"),
        "Co" => ("Cobalt", "Кобальт"),
        "Ni" => ("Nickel", "Никель"),
        "Ga" => ("Gallium", "Галлий"),
        "Ge" => ("Germanium", "Германий"),
        "In" => ("Indium", "Индий"),
        "B" => ("Boron (borates)", "Бор (бораты)"),
        "Si" => ("Silicon", "Кремний"),
        "Te" => ("Tellurium", "Теллур"),
        "Se" => ("Selenium", "Селен"),
        "Cs" => ("Caesium", "Цезий"),
        "Rb" => ("Rubidium", "Рубидий"),
        "As" => ("Arsenic", "Мышьяк"),
        "K" => ("Potassium", "Калий"),
        _ => return symbol.to_string(),
    };
    match lang {
        Lang::En => en.to_string(),
        Lang::Ru => ru.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_elements_and_groups_but_not_prose() {
        for s in ["Mn", "Cr", "Pb", "Zn", "Ti", "Sc", "Y", "U", "REE", "potash"] {
            assert!(is_known(s), "{s}");
        }
        for s in ["gas", "Fe ore", "mn", "", "Potash"] {
            assert!(!is_known(s), "{s}");
        }
    }

    #[test]
    fn rare_earths_include_scandium_and_yttrium() {
        assert_eq!(Group::of("Sc"), Group::RareEarth);
        assert_eq!(Group::of("Y"), Group::RareEarth);
        assert_eq!(Group::of("REE"), Group::RareEarth);
    }

    #[test]
    fn fluorspar_and_graphite_are_critical_and_phosphate_and_strontium_industrial() {
        assert_eq!(Group::of("F"), Group::Battery);
        assert_eq!(Group::of("C"), Group::Battery);
        assert_eq!(Group::of("P"), Group::Industrial);
        assert_eq!(Group::of("Sr"), Group::Industrial);
        assert_eq!(name("F", Lang::En), "Fluorspar (fluorine)");
        assert_eq!(name("Sr", Lang::Ru), "Стронций (целестин)");
    }

    #[test]
    fn group_colours_are_distinct() {
        let mut c: Vec<_> = Group::ALL.iter().map(|g| g.color()).collect();
        c.sort();
        c.dedup();
        assert_eq!(c.len(), Group::ALL.len());
    }
}
