#!/usr/bin/env python3
"""Post-processes the Kotlin that uniffi-bindgen generates (run by generate.sh, so `--check` covers it).

Why: a call through uniffi's Kotlin cost far more than a JNA call should (a no-argument method
16-18 µs, `matchRequest` 40-70 µs on a loaded 2-vCPU machine), and profiles (JFR) put the time in
JNA's `Structure`, not in the calls. Every `Structure` uniffi's Kotlin allocates owns a JNA
`Memory`: a malloc, an entry in JNA's global map of live memory and a registration with JNA's one
cleaner thread, which frees it only after a garbage collection found it unreachable. Each native
call allocated a call status (about four `Memory`: its error buffer is built twice by JNA, once
more by Kotlin) and each buffer passed by value or returned is one or two more. In a busy caller
the cleaner falls behind: the map grew to millions of entries (every insert a cache miss, with
resizes) and young collections copied the backlog. JNA also reads and writes every field of a
structure by reflection around each call.

What, each part of the generated helper code replaced exactly once per file:
- call statuses are reused per thread (a stack: calls nest while arguments are lowered, and a
  progress listener may call the library), and JNA neither writes nor reads them: their memory is
  all zeros (success) before a call; the library writes it only when a call fails, then it is read.

When a uniffi upgrade changes these templates the script fails, and whoever upgrades decides again
(uniffi may have fixed the cost by then; its JNI-based Kotlin generator is meant to).
"""
import sys

MARK = "// wijknet: written by bindings/uniffi/patch_kotlin.py, not by uniffi-bindgen."

CALL_WITH_ERROR = """\
private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}
"""

CALL_WITH_ERROR_POOLED = """\
private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    %(mark)s
    // A call status of this thread's pool instead of a new JNA Structure per call.
    val status = UniffiRustCallStatusPool.acquire()
    try {
        val return_value = callback(status)
        UniffiRustCallStatusPool.readAfterCall(status)
        uniffiCheckCallStatus(errorHandler, status)
        return return_value
    } finally {
        UniffiRustCallStatusPool.release(status)
    }
}

%(mark)s
// Call statuses to reuse, per thread. A new JNA Structure costs a malloc, an entry in JNA's map of
// live memory and a registration with JNA's cleaner thread, and a call status is about four of
// them; JNA also copies every field to and from native memory around each call, by reflection.
// A pooled status is neither written nor read by JNA: its native memory is all zeros (success)
// before a call, the library writes it only when the call fails, and then it is read here.
// A stack, because calls nest (lowering an argument calls the library while the outer call holds
// its status; a progress listener may call the library during a call).
private object UniffiRustCallStatusPool {
    // (ThreadLocal.withInitial would need Android API level 26.)
    private val free = object : ThreadLocal<ArrayList<UniffiRustCallStatus>>() {
        override fun initialValue() = ArrayList<UniffiRustCallStatus>(4)
    }

    fun acquire(): UniffiRustCallStatus {
        val pool = free.get()
        if (pool.isNotEmpty()) {
            return pool.removeAt(pool.size - 1)
        }
        // JNA zeroes the memory of a new structure, and its fields are zero (success).
        val status = UniffiRustCallStatus()
        status.setAutoWrite(false)
        status.setAutoRead(false)
        return status
    }

    // `code`, the first field of uniffi's RustCallStatus, is a byte at offset 0.
    fun readAfterCall(status: UniffiRustCallStatus) {
        if (status.getPointer().getByte(0) != UNIFFI_CALL_SUCCESS) {
            status.read()
        }
    }

    fun release(status: UniffiRustCallStatus) {
        if (status.code != UNIFFI_CALL_SUCCESS || status.getPointer().getByte(0) != UNIFFI_CALL_SUCCESS) {
            // A failed call: its error buffer was lifted (and freed) or the call threw. Back to success.
            status.getPointer().clear(status.size().toLong())
            status.code = UNIFFI_CALL_SUCCESS
            status.error_buf.capacity = 0
            status.error_buf.len = 0
            status.error_buf.data = null
        }
        val pool = free.get()
        if (pool.size < 16) {
            pool.add(status)
        }
    }
}
""" % {"mark": MARK}

PATCHES = [
    ("reuse call statuses per thread", CALL_WITH_ERROR, CALL_WITH_ERROR_POOLED),
]


def patch(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if MARK in text:
        sys.exit(f"{path}: already patched (patch the output of uniffi-bindgen, not the tree)")
    for name, old, new in PATCHES:
        count = text.count(old)
        if count != 1:
            sys.exit(
                f"{path}: the generated code to patch ({name}) occurs {count} times, not once: "
                "uniffi's Kotlin template changed; see bindings/uniffi/patch_kotlin.py"
            )
        text = text.replace(old, new)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: patch_kotlin.py FILE.kt...")
    for p in sys.argv[1:]:
        patch(p)
