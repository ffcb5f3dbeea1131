//! `#[catch_panics]`, the one panic guard of the Python binding.
//!
//! pyo3 turns a Rust panic into `pyo3_runtime.PanicException`, which derives from
//! `BaseException`: an analyst's `except Exception` (or a web worker's error handler) does not
//! catch it, so one bug would take the whole process down. Put `#[catch_panics]` above a
//! `#[pymethods]` impl block or a `#[pyfunction]` (above, so it runs before pyo3's macro): every
//! function's body then runs inside `crate::errors::catch`, which turns a panic into
//! `wijknet.InternalError`. A whole impl block is rewritten at once so that a method added later
//! cannot be forgotten; a test checks that no block or function lacks the attribute.
//!
//! Functions returning `PyResult<T>` keep their signature; any other return type `T` becomes
//! `PyResult<T>` (pyo3 accepts both for every kind of method). The body moves into a closure
//! unchanged, so `return` and `?` keep their meaning. Rust code that calls such a method itself
//! gets the `PyResult` too: where a type error cannot catch it (`format!("{:?}", ...)` prints
//! `Ok(..)`), use `?`.

use proc_macro::TokenStream;
use proc_macro2::{TokenStream as TokenStream2, TokenTree};
use quote::{ToTokens, quote};
use syn::{Attribute, Block, ImplItem, ItemFn, ItemImpl, LitStr, ReturnType, Signature, Type, parse_quote};

/// Runs every function of a `#[pymethods]` block, or one `#[pyfunction]`, inside the binding's
/// panic guard (see the crate documentation).
#[proc_macro_attribute]
pub fn catch_panics(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        return syn::Error::new_spanned(TokenStream2::from(attr), "`#[catch_panics]` takes no arguments")
            .to_compile_error()
            .into();
    }
    if let Ok(mut block) = syn::parse::<ItemImpl>(item.clone()) {
        let class = class_name(&block.self_ty);
        for it in &mut block.items {
            if let ImplItem::Fn(f) = it {
                let name = format!("{class}.{}", python_name(&f.attrs, &f.sig));
                guard(&mut f.sig, &mut f.block, &name);
            }
        }
        return block.into_token_stream().into();
    }
    match syn::parse::<ItemFn>(item) {
        Ok(mut f) => {
            let name = python_name(&f.attrs, &f.sig);
            guard(&mut f.sig, &mut f.block, &name);
            f.into_token_stream().into()
        }
        Err(e) => syn::Error::new(e.span(), "`#[catch_panics]` goes on a `#[pymethods]` impl block or a function")
            .to_compile_error()
            .into(),
    }
}

/// Wraps the body; `name` is how the message names the function (`Registry.match`).
fn guard(sig: &mut Signature, block: &mut Block, name: &str) {
    let body = &*block;
    // The closure declares the function's own return type, so the body's tail and `return`s
    // coerce as before (`&String` to `&str`) and `?` knows its error type.
    let ty = match &sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => ty.to_token_stream(),
    };
    let wrapped: Block = if returns_py_result(&sig.output) {
        parse_quote!({ crate::errors::catch(#name, move || -> #ty #body) })
    } else {
        sig.output = parse_quote!(-> ::pyo3::PyResult<#ty>);
        parse_quote!({ crate::errors::catch_value(#name, move || -> #ty #body) })
    };
    *block = wrapped;
}

/// `PyResult<..>` (however imported), the binding's alias `PyValue<'py>` of one, or
/// `Result<.., PyErr>`.
fn returns_py_result(output: &ReturnType) -> bool {
    let ReturnType::Type(_, ty) = output else { return false };
    let Type::Path(p) = &**ty else { return false };
    let Some(last) = p.path.segments.last() else { return false };
    if last.ident == "PyResult" || last.ident == "PyValue" {
        return true;
    }
    last.ident == "Result"
        && last.arguments.to_token_stream().into_iter().any(|t| matches!(&t, TokenTree::Ident(i) if i == "PyErr"))
}

/// The Python class name by the binding's convention: the Rust type without its `Py` prefix.
fn class_name(ty: &Type) -> String {
    let name = match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        other => other.to_token_stream().to_string(),
    };
    match name.strip_prefix("Py") {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_owned(),
        _ => name,
    }
}

/// `#[pyo3(name = "...")]` when given, else the Rust name.
fn python_name(attrs: &[Attribute], sig: &Signature) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("pyo3"))
        .filter_map(|a| a.meta.require_list().ok())
        .find_map(|list| {
            // Only top-level `name = "..."`: `signature = (...)` nests its tokens in a group.
            let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
            tokens.windows(3).find_map(|w| match w {
                [TokenTree::Ident(i), TokenTree::Punct(p), TokenTree::Literal(l)]
                    if i == "name" && p.as_char() == '=' =>
                {
                    syn::parse2::<LitStr>(l.to_token_stream()).ok().map(|s| s.value())
                }
                _ => None,
            })
        })
        .unwrap_or_else(|| sig.ident.to_string())
}
