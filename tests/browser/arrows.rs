//! Say it on the map (issue 12, §4): the amount written at each arrow, in
//! English and Russian, on a desktop and a phone, the same in the SVG
//! download; and notes pinned to a deposit or a point from the manifest.
//! Every figure is read from the page (the arrow's tooltip, the labels'
//! text), never computed here from the atlas's own code.

use super::bad_input::export_svg;
use super::context::{LABEL_BOXES, boxes, overlapping};
use super::support::Browser;
use serde_json::Value;
use std::collections::BTreeMap;

/// The keys of the drawn arrows whose `data-amount` is above zero (a disclosed amount).
async fn disclosed_arrows(b: &Browser) -> Vec<String> {
    let v = b
        .js("return [...document.querySelectorAll('.flows [data-flow]')].filter(e => parseFloat(e.dataset.amount) > 0).map(e => e.dataset.flow);")
        .await;
    serde_json::from_value(v).expect("a list of keys")
}

/// Each amount label on the page: the arrow's key → the text written.
async fn amount_labels(b: &Browser) -> BTreeMap<String, String> {
    let v = b.js("return [...document.querySelectorAll('[data-flow-amount]')].map(e => [e.dataset.flowAmount, e.textContent]);").await;
    pairs(&v)
}

fn pairs(v: &Value) -> BTreeMap<String, String> {
    let list: Vec<(String, String)> = serde_json::from_value(v.clone()).expect("pairs");
    let n = list.len();
    let map: BTreeMap<String, String> = list.into_iter().collect();
    assert_eq!(map.len(), n, "an arrow has two amount labels: {v}");
    map
}

/// The total the arrow's details panel gives (the arrow selected, as a
/// click on it or a shared link does).
async fn details_total(b: &Browser, lang: &str, key: &str) -> String {
    b.c.goto(&format!("{}/?lang={lang}&sel=f:{key}", super::support::server())).await.expect("goto");
    b.wait_css(".details .flow-total strong").await.text().await.unwrap()
}

/// At the default view every arrow with a disclosed amount has its label,
/// each label says what the arrow's details say, and no two labels overlap.
async fn every_amount_is_written_as_its_details_say(lang: &str) -> BTreeMap<String, String> {
    let b = Browser::new(1280, 800).await;
    b.open(&format!("/?lang={lang}")).await;
    // The app's own map, not the picture pre-rendered into the page.
    b.wait_gone("#prerender").await;
    b.wait_css("[data-flow-amount]").await;
    let arrows = disclosed_arrows(&b).await;
    assert!(arrows.len() > 5, "{arrows:?}");
    let labels = amount_labels(&b).await;
    let keys: Vec<&String> = labels.keys().collect();
    let mut want: Vec<&String> = arrows.iter().collect();
    want.sort();
    assert_eq!(keys, want, "{lang}: one amount label per arrow with a disclosed amount");
    let bs = boxes(&b.js(LABEL_BOXES).await);
    assert!(bs.iter().any(|(t, _)| t == labels.values().next().unwrap()), "the amounts are measured too");
    assert!(overlapping(&bs).is_empty(), "{lang}: overlapping labels: {:?}", overlapping(&bs));
    b.screenshot(&format!("amounts-1280-{lang}")).await;

    // The SVG download writes the same amounts at the same arrows.
    let svg = export_svg(&b).await;
    let doc = roxmltree::Document::parse(&svg).expect("the export is XML");
    let exported: BTreeMap<String, String> = doc
        .descendants()
        .filter_map(|n| Some((n.attribute("data-flow-amount")?.to_string(), n.text()?.to_string())))
        .collect();
    assert_eq!(exported, labels, "{lang}: the export's amounts");

    // Each label says what the arrow's details panel says.
    for key in &arrows {
        assert_eq!(labels[key], details_total(&b, lang, key).await, "{lang}: {key}'s label and details");
    }
    labels
}

#[tokio::test]
async fn at_the_default_view_each_arrow_carries_its_amount_in_english_without_overlap() {
    let en = every_amount_is_written_as_its_details_say("en").await;
    assert!(en.values().all(|t| t.starts_with('$')), "{en:?}");
}

#[tokio::test]
async fn at_the_default_view_each_arrow_carries_its_amount_in_russian_without_overlap() {
    let ru = every_amount_is_written_as_its_details_say("ru").await;
    assert!(ru.values().any(|t| t.contains("млрд") || t.contains("млн")), "Russian units: {ru:?}");
}

#[tokio::test]
async fn on_a_phone_the_amounts_shown_belong_to_their_arrows_and_overlap_nothing() {
    for lang in ["en", "ru"] {
        let b = Browser::new(390, 844).await;
        b.open(&format!("/?lang={lang}")).await;
        b.wait_gone("#prerender").await;
        b.wait_css("[data-flow-amount]").await;
        let arrows = disclosed_arrows(&b).await;
        let labels = amount_labels(&b).await;
        assert!(!labels.is_empty());
        for (key, text) in &labels {
            assert!(arrows.contains(key), "{lang}: a label for {key}, which has no disclosed amount drawn");
            assert!(text.starts_with('$'), "{lang}: {text}");
        }
        let bs = boxes(&b.js(LABEL_BOXES).await);
        assert!(overlapping(&bs).is_empty(), "{lang}: overlapping labels on a phone: {:?}", overlapping(&bs));
        b.screenshot(&format!("amounts-390-{lang}")).await;
    }
}

#[tokio::test]
async fn notes_from_the_manifest_are_pinned_to_a_deposit_and_a_point_and_a_bad_one_is_named() {
    let b = Browser::new(1280, 800).await;
    b.open("/?data=/__fixtures/notes/region.json").await;
    b.wait_css("[data-annotation]").await;
    // The fixture's notes 0 (on Muruntau) and 2 (on a point); note 1 names a deposit that is not there.
    let shown = b.attrs("[data-annotation]", "data-annotation").await;
    assert_eq!(shown, vec!["0", "2"]);
    let text = |i: usize| {
        format!("[...document.querySelectorAll(\"[data-annotation='{i}'] text\")].map(t => t.textContent).join(' ')")
    };
    assert_eq!(b.js(&format!("return {};", text(0))).await, "The world's largest open-pit gold mine");
    assert_eq!(b.js(&format!("return {};", text(2))).await, "The Aral Sea, mostly dry since the 1980s");
    // Each has a leader line; the point's note has its own dot, the deposit's points at the marker.
    for i in [0, 2] {
        assert_eq!(
            b.js(&format!("return document.querySelectorAll(\"[data-annotation='{i}'] path\").length;")).await,
            1
        );
    }
    assert_eq!(b.js("return document.querySelectorAll(\"[data-annotation='2'] circle\").length;").await, 1);
    let problems = b.wait_css(".problems").await.text().await.unwrap();
    assert!(problems.contains("region.json"), "{problems}");
    assert!(problems.contains("field \"annotations[1].deposit\""), "{problems}");
    assert!(problems.contains("no deposit with id \"atlantis\""), "{problems}");
    let bs = boxes(&b.js(LABEL_BOXES).await);
    assert!(overlapping(&bs).is_empty(), "overlapping labels: {:?}", overlapping(&bs));
    b.screenshot("notes-1280").await;
    // Russian: the note's own Russian text.
    b.wait_css("button[data-lang='ru']").await.click().await.unwrap();
    b.wait_js(&format!("{} === 'Крупнейший в мире золотой карьер'", text(0))).await;
    let svg = export_svg(&b).await;
    assert!(
        svg.contains(r#"data-annotation="0""#) && svg.contains(r#"data-annotation="2""#),
        "the export draws the notes"
    );
    assert!(svg.contains("Крупнейший в мире"), "the export draws the Russian text");
}

#[tokio::test]
async fn a_part_names_the_deal_it_belongs_to_not_its_record_id() {
    // The Bozymchak loan (Kyrgyzstan) is part of the CDB facilities to Kazakhmys.
    let b = Browser::new(1280, 800).await;
    b.c.goto(&format!("{}/?sel=f:china-KGZ", super::support::server())).await.expect("goto");
    let note = b.wait_css(".details .deal-note[data-part-of='cn-kaz-cdb-kazakhmys-facilities-2009']").await;
    let text = note.text().await.unwrap();
    assert!(text.starts_with("part of: China Development Bank"), "{text}");
    assert!(text.contains("$") && !text.contains("cn-kaz-"), "{text}");
}
