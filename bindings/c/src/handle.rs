//! Handles: which Rust value each opaque C handle type stands for and how the host owns it, and
//! the few unsafe operations on handles, written (and justified) once for all of them.
//!
//! A handle type (`wijknet_registry`, ...) is an opaque C struct the host only ever holds
//! pointers to. Implementing [`Handle`] (with the `handle!` macro) names the Rust value behind it
//! and its [`Kind`]:
//! - [`Exclusive`]: the pointer is a `Box<Target>`: one owner, freed once. For the handles that
//!   change (the referral book, the shared registry).
//! - [`Shared`]: the pointer is a `Box<Arc<Target>>`: the value is immutable, and `_clone` hands
//!   out another box around the same `Arc`. Every handle is still a pointer of its own that the
//!   host frees exactly once; the value lives until the last handle to it is freed.
//!
//! The pattern is rustls-ffi's `Castable` (`box_castable!`/`arc_castable!`), with two
//! differences. rustls-ffi hands out the `Arc` pointer itself, so a clone has the address of the
//! original; a box per handle gives each handle its own address, as C hosts (and valgrind)
//! expect of something freed once. And there is no mutable borrow: the exclusive handles are
//! documented to survive misuse from two threads at once without memory corruption (the book
//! locks, the shared registry is lock-free), which shared borrows with interior synchronisation
//! give and `&mut` would not.

use std::borrow::Borrow;
use std::sync::Arc;

use crate::error::Fail;
use crate::ffi::{Output, Put, guard_void};

/// A C handle type: the Rust value it owns, and how.
pub(crate) trait Handle: Sized {
    /// The value behind the handle. `Send + Sync` because a host may use a handle from, and free
    /// it on, any thread (as the header's THREADS notes allow); the compiler checks it here.
    type Target: Send + Sync + 'static;
    /// [`Exclusive`] or [`Shared`].
    type Kind: Kind;
}

/// Implements [`Handle`]: `handle!(wijknet_registry: Shared => Registry)` says that the C handle
/// type `wijknet_registry` stands for a `Registry`, held as [`Shared`] (or [`Exclusive`]).
macro_rules! handle {
    ($handle:ident: $kind:ident => $target:ty) => {
        impl $crate::handle::Handle for $handle {
            type Target = $target;
            type Kind = $crate::handle::$kind;
        }
    };
}
pub(crate) use handle;

/// How a handle holds its value: what the host's pointer points to.
pub(crate) trait Kind {
    /// The boxed thing a handle of this kind points to.
    type Holder<T: Send + Sync + 'static>: Borrow<T> + Send + Sync + 'static;
    /// Wraps a new value for its first handle.
    fn hold<T: Send + Sync + 'static>(value: T) -> Self::Holder<T>;
}

/// One owner: the handle points to the value itself, boxed.
#[derive(Debug)]
pub(crate) enum Exclusive {}

impl Kind for Exclusive {
    type Holder<T: Send + Sync + 'static> = T;
    fn hold<T: Send + Sync + 'static>(value: T) -> T {
        value
    }
}

/// An immutable value with any number of handles: each handle points to a boxed `Arc` of it.
#[derive(Debug)]
pub(crate) enum Shared {}

impl Kind for Shared {
    type Holder<T: Send + Sync + 'static> = Arc<T>;
    fn hold<T: Send + Sync + 'static>(value: T) -> Arc<T> {
        Arc::new(value)
    }
}

/// What a handle of type `H` points to.
type Holder<H> = <<H as Handle>::Kind as Kind>::Holder<<H as Handle>::Target>;

/// An output that hands the host a new handle owning the value: the `*mut *mut H` and the name of
/// its parameter.
#[derive(Debug)]
pub(crate) struct Give<H>(pub *mut *mut H, pub &'static str);

impl<H: Handle> Output for Give<H> {
    type Value = H::Target;

    fn null(&self) -> Option<&'static str> {
        self.0.is_null().then_some(self.1)
    }

    unsafe fn write(self, value: H::Target) {
        let handle = Box::into_raw(Box::new(H::Kind::hold(value))).cast::<H>();
        // SAFETY: guaranteed by the caller.
        unsafe { Put(self.0, self.1).write(handle) }
    }
}

/// Borrows the value behind a handle; NULL gives `NULL_ARGUMENT` naming `param`.
///
/// # Safety
/// `handle` must be NULL or a live handle of type `H` (from [`Give`] or [`clone`], not freed),
/// and stay live for `'a`.
#[inline]
pub(crate) unsafe fn borrow<'a, H: Handle>(handle: *const H, param: &str) -> Result<&'a H::Target, Fail> {
    // SAFETY: a live handle of type `H` points to the `Holder<H>` that `Give` or `clone` boxed,
    // which the caller keeps alive for `'a`; only shared references to it are ever made.
    let holder = unsafe { handle.cast::<Holder<H>>().as_ref() }.ok_or_else(|| Fail::null(param))?;
    Ok(holder.borrow())
}

/// [`borrow`] for an optional handle: NULL is `None`.
///
/// # Safety
/// As [`borrow`].
#[inline]
pub(crate) unsafe fn borrow_opt<'a, H: Handle>(handle: *const H, param: &str) -> Result<Option<&'a H::Target>, Fail> {
    // SAFETY: forwarded from the caller.
    if handle.is_null() { Ok(None) } else { unsafe { borrow(handle, param) }.map(Some) }
}

/// Frees a handle: drops its box, and with it the value (an exclusive handle) or this handle's
/// share of it (a shared one; the value goes with the last share). NULL is a no-op; a panic while
/// dropping is swallowed (a free cannot report).
///
/// # Safety
/// `handle` must be NULL or a live handle of type `H` that nobody uses during or after the call.
#[inline]
pub(crate) unsafe fn free<H: Handle>(handle: *mut H) {
    if handle.is_null() {
        return;
    }
    // SAFETY: the host hands back a pointer from `Give` or `clone` exactly once and uses it no
    // more, so the box it points to is ours to drop.
    guard_void(|| drop(unsafe { Box::from_raw(handle.cast::<Holder<H>>()) }));
}

/// Writes to `*out_clone` a new handle to the same value as `handle`: a box of its own around
/// another reference to the same `Arc` (nothing is copied). Either handle may be freed first.
/// NULL `handle` or `out_clone` gives `NULL_ARGUMENT` naming `param` or `out_param`.
///
/// # Safety
/// `handle` must be NULL or a live handle of type `H`; `out_clone` NULL or writable.
#[inline]
pub(crate) unsafe fn clone<H: Handle<Kind = Shared>>(
    handle: *const H,
    param: &str,
    out_clone: *mut *mut H,
    out_param: &'static str,
) -> Result<(), Fail> {
    // SAFETY: a live shared handle points to the boxed `Arc` that `Give` or `clone` made; the
    // caller keeps it alive during the call.
    let arc = unsafe { handle.cast::<Arc<H::Target>>().as_ref() }.ok_or_else(|| Fail::null(param))?;
    // SAFETY: writable by the caller's promise.
    let o = unsafe { Put(out_clone, out_param).check() }?;
    o.put(Box::into_raw(Box::new(Arc::clone(arc))).cast::<H>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Counted(Arc<()>);

    #[derive(Debug)]
    struct test_shared {
        _private: [u8; 0],
    }
    impl Handle for test_shared {
        type Target = Counted;
        type Kind = Shared;
    }

    #[derive(Debug)]
    struct test_exclusive {
        _private: [u8; 0],
    }
    impl Handle for test_exclusive {
        type Target = Counted;
        type Kind = Exclusive;
    }

    #[test]
    fn a_clone_is_another_pointer_to_the_same_value_and_either_may_be_freed_first() {
        for first_original in [true, false] {
            let alive = Arc::new(());
            let (mut a, mut b) = (std::ptr::null_mut::<test_shared>(), std::ptr::null_mut::<test_shared>());
            // SAFETY: out pointers are local variables; each handle is used only while live and
            // freed once.
            unsafe {
                Give(&mut a, "out").check().unwrap().put(Counted(alive.clone())).unwrap();
                clone(a, "a", &mut b, "out_clone").unwrap();
                assert_ne!(a, b);
                assert!(std::ptr::eq(borrow(a, "a").unwrap(), borrow(b, "b").unwrap()));
                assert_eq!(Arc::strong_count(&alive), 2);
                let (x, y) = if first_original { (a, b) } else { (b, a) };
                free(x);
                assert_eq!(Arc::strong_count(&alive), 2, "the value lives while one handle does");
                assert!(borrow(y, "y").is_ok());
                free(y);
            }
            assert_eq!(Arc::strong_count(&alive), 1, "the last free drops the value");
        }
    }

    #[test]
    fn null_handles_and_outputs_are_refused_and_free_accepts_null() {
        let alive = Arc::new(());
        let mut a = std::ptr::null_mut::<test_shared>();
        // SAFETY: as above; the NULL pointers are what is under test and are never dereferenced.
        unsafe {
            assert_eq!(borrow::<test_shared>(std::ptr::null(), "a").unwrap_err().message, "`a` is NULL");
            assert_eq!(clone::<test_shared>(std::ptr::null(), "a", &mut a, "out").unwrap_err().message, "`a` is NULL");
            Give(&mut a, "out").check().unwrap().put(Counted(alive.clone())).unwrap();
            assert_eq!(clone(a, "a", std::ptr::null_mut(), "out_clone").unwrap_err().message, "`out_clone` is NULL");
            free(a);
            free::<test_shared>(std::ptr::null_mut());
            free::<test_exclusive>(std::ptr::null_mut());
        }
        assert_eq!(Arc::strong_count(&alive), 1);
    }

    #[test]
    fn an_exclusive_handle_owns_its_value() {
        let alive = Arc::new(());
        let mut e = std::ptr::null_mut::<test_exclusive>();
        // SAFETY: the out pointer is a local variable; the handle is freed once.
        unsafe {
            Give(&mut e, "out").check().unwrap().put(Counted(alive.clone())).unwrap();
            assert_eq!(Arc::strong_count(&borrow(e, "e").unwrap().0), 2);
            free(e);
        }
        assert_eq!(Arc::strong_count(&alive), 1);
    }
}
