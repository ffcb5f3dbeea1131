//! Keeps the extension module's dynamic symbols to its own (`PyInit__native`).
//!
//! This package asks for the core's `uniffi` feature only so that maturin reuses the workspace's
//! one compile of the core (see Cargo.toml), which brings uniffi's scaffolding (`ffi_wijknet_*`,
//! `uniffi_wijknet_*`, `UNIFFI_META_*`) along. With GNU-style linkers (Linux) every symbol that
//! comes from a Rust library archive is made local, so the module exports only what this crate
//! defines, and the unreferenced scaffolding is removed with the other unused sections. Elsewhere
//! (macOS, Windows) the scaffolding stays exported from the module: harmless, never called.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env != "musl" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--exclude-libs,ALL");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
