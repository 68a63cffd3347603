//! The browser entry point: a panic hook (logged to the console, a message
//! over the page), then mount.

fn main() {
    app::panik::pasang();
    leptos::mount::mount_to_body(app::App);
}
