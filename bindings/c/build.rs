//! Keeps the shared library's dynamic symbols to the C API.
//!
//! The workspace builds the core once, with its `uniffi` feature on (the Kotlin/Swift binding
//! needs it, and cargo unifies features across the workspace), so the core brings uniffi's
//! scaffolding (`ffi_wijknet_*`, `uniffi_wijknet_*`, `UNIFFI_META_*`) into this library too.
//! With GNU-style linkers (Linux, Android) every symbol that comes from a Rust library archive
//! (the core, std, ...) is made local, so `libwijknet.so` exports only this crate's own
//! `wijknet_*` functions, and the unreferenced scaffolding is then removed with the other unused
//! sections. Elsewhere (macOS ld64 has no such option) the scaffolding stays exported: harmless,
//! unnamed in the header. The static library holds whatever it holds; its user's linker keeps
//! what the program calls.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if matches!(os.as_str(), "linux" | "android") && env != "musl" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--exclude-libs,ALL");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
