//! The web app's entry point (wasm). Natively this binary does nothing; the
//! data tool is `src/bin/atlas.rs`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    atlas::ui::mount();
}
