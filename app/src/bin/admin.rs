//! The admin console's browser entry point (its own wasm, served under
//! `/admin/`): a panic hook that logs to the console, then mount.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::AppAdmin);
}
