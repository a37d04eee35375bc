//! The authoring page's entry point (wasm): a journalist's own map without a
//! developer. Natively this binary does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    atlas::ui::mount_author();
}
