//! Generates the typed translations (`leptos_i18n`) from `locales/`:
//! Bahasa Indonesia first, English second, one folder per namespace.

fn main() {
    let cfg = leptos_i18n_build::Config::new("id")
        .and_then(|c| c.add_locale("en"))
        .and_then(|c| c.add_namespaces(["umum", "pegawai", "penilai", "admin"]))
        .expect("the i18n configuration is valid");
    let infos = leptos_i18n_build::TranslationsInfos::parse(cfg).expect("the translation files parse");
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    infos.generate_i18n_module(out.join("i18n")).expect("the i18n module is generated");
}
