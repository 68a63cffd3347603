//! The admin console's browser entry point (its own wasm, served under
//! `/admin/`): a panic hook (logged to the console, a message
//! over the page), then mount.

fn main() {
    app::panik::pasang();
    leptos::mount::mount_to_body(app::AppAdmin);
}
