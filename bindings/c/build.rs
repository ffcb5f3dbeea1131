//! Links the shared library the way a Linux distribution expects, and keeps its dynamic symbols
//! to the C API.
//!
//! **SONAME.** `libwijknet.so` carries the SONAME `libwijknet.so.0.MINOR` before 1.0 and
//! `libwijknet.so.MAJOR` from 1.0 on (from `CARGO_PKG_VERSION`): the name a program linked with
//! `-lwijknet` records as NEEDED and asks the dynamic loader for at run time. Before 1.0 there is
//! no ABI promise, and cargo's rule for 0.x versions (a new minor version may break, a patch may
//! not) is the one the C library follows: a change a compiled host could notice raises
//! `WIJKNET_ABI_VERSION` and comes with a new minor version, so two libraries with one SONAME
//! (0.1.0 and 0.1.3, say) are interchangeable and two with different ones are not; a program
//! built against 0.1 then refuses to start with 0.2 instead of misreading its structs. `MAJOR.0`
//! alone (`libwijknet.so.0`) would claim every 0.x release is compatible; the full version would
//! make every patch release a rebuild of the hosts. `bindings/c/CMakeLists.txt` installs the file
//! as `libwijknet.so.MAJOR.MINOR.PATCH` with the SONAME link and the `libwijknet.so` link next to
//! it; in the build tree, `target/release/libwijknet.so` needs a link named after its SONAME
//! before a program linked against it can start (README, "Without installing").
//!
//! **Exported symbols.** The workspace builds the core once, with its `uniffi` feature on (the
//! Kotlin/Swift binding needs it, and cargo unifies features across the workspace), so the core
//! brings uniffi's scaffolding (`ffi_wijknet_*`, `uniffi_wijknet_*`, `UNIFFI_META_*`) into this
//! library too. With GNU-style linkers (Linux, Android) every symbol that comes from a Rust
//! library archive (the core, std, ...) is made local, so `libwijknet.so` exports only this
//! crate's own `wijknet_*` functions, and the unreferenced scaffolding is then removed with the
//! other unused sections. Elsewhere (macOS ld64 has no such option) the scaffolding stays
//! exported: harmless, unnamed in the header. The static library holds whatever it holds; its
//! user's linker keeps what the program calls.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if matches!(os.as_str(), "linux" | "android") && env != "musl" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--exclude-libs,ALL");
    }
    if matches!(os.as_str(), "linux" | "android") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{}", soname());
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// `libwijknet.so.0.MINOR` before 1.0, `libwijknet.so.MAJOR` after.
fn soname() -> String {
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets CARGO_PKG_VERSION_MAJOR");
    let minor = std::env::var("CARGO_PKG_VERSION_MINOR").expect("cargo sets CARGO_PKG_VERSION_MINOR");
    if major == "0" { format!("libwijknet.so.0.{minor}") } else { format!("libwijknet.so.{major}") }
}
