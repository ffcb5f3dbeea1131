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
  all zeros (success) before a call; the library writes it only when a call fails, then it is read;
- a buffer passed by value takes its native memory from a 4 KiB block per thread (no `Memory` of
  its own), is built from a returned value without reflection, and is written without reflection;
- an argument's buffer gets its memory from the library's allocator through a plain function
  (`wijknet_uniffi_buffer_alloc`, which returns an address, not a structure JNA must build by
  reflection) and is a reused structure of this thread; its length is set without reflection;
- a record is lifted from one heap copy of its buffer, its strings decoded in place;
- the progress listener (a callback interface with one method) is a `fun interface`, so a Kotlin
  lambda is one: `Registry.fromJson(bytes) { step, done, total -> true }` (no hand-written
  overloads taking lambdas).

When a uniffi upgrade changes these templates the script fails, and whoever upgrades decides again
(uniffi may have fixed the cost by then; its JNI-based Kotlin generator is meant to).
"""
import re
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

RUST_BUFFER = """\
open class RustBuffer : Structure() {
    // Note: `capacity` and `len` are actually `ULong` values, but JVM only supports signed values.
    // When dealing with these fields, make sure to call `toULong()`.
    @JvmField var capacity: Long = 0
    @JvmField var len: Long = 0
    @JvmField var data: Pointer? = null

    class ByValue: RustBuffer(), Structure.ByValue
    class ByReference: RustBuffer(), Structure.ByReference
"""

RUST_BUFFER_SLAB = """\
open class RustBuffer : Structure {
    constructor() : super()
    internal constructor(memory: Pointer) : super(memory)

    // Note: `capacity` and `len` are actually `ULong` values, but JVM only supports signed values.
    // When dealing with these fields, make sure to call `toULong()`.
    @JvmField var capacity: Long = 0
    @JvmField var len: Long = 0
    @JvmField var data: Pointer? = null

    %(mark)s
    // The native memory of a buffer passed by value is a slot of a shared block (see
    // UniffiRustBufferSlab), not a JNA Memory of its own.
    class ByValue: RustBuffer, Structure.ByValue {
        constructor() : super(UniffiRustBufferSlab.slot())

        // JNA builds a buffer that a native function returns with this constructor (without it:
        // a new structure with memory allocated twice, then its fields read, all by reflection).
        // `p` is JNA's temporary copy of the returned value (address 0 for a nested placeholder).
        constructor(p: Pointer) : super(UniffiRustBufferSlab.slot()) {
            if (Pointer.nativeValue(p) != 0L) {
                // uniffi's RustBuffer is repr(C) { capacity: u64, len: u64, data: *mut u8 }.
                capacity = p.getLong(0)
                len = p.getLong(8)
                data = p.getPointer(16)
                val size = size()
                getPointer().write(0, p.getByteArray(0, size), 0, size)
                // The fields are read: JNA need not read them again.
                setAutoRead(false)
            }
        }

        // JNA writes a buffer to its memory before passing it; three fields at fixed offsets
        // (see above) need no reflection.
        override fun write() {
            val memory = getPointer()
            if (Pointer.nativeValue(memory) == 0L) {
                return // JNA's placeholder while it computes a layout: nothing to write
            }
            memory.setLong(0, capacity)
            memory.setLong(8, len)
            memory.setPointer(16, data)
        }
    }
    class ByReference: RustBuffer(), Structure.ByReference
""" % {"mark": MARK}

RUST_BUFFER_SLAB_OBJECT = """
%(mark)s
// Native memory for buffers passed by value, a slot of a 4 KiB block per thread. A JNA Memory of
// their own per buffer (three per call that takes and returns a record) costs a malloc, an entry in
// JNA's map of live memory and a registration with JNA's cleaner thread; the block is one of those
// for 170 buffers. Slots are never reused: every slot keeps its block alive (a JNA shared view of
// it), and JNA frees the block when the last buffer of it is gone.
private object UniffiRustBufferSlab {
    // At least the size of the structure on every platform: two 64-bit integers and a pointer.
    private const val SLOT = 24L
    private const val BLOCK = 4096L

    private class Block(val memory: com.sun.jna.Memory, var used: Long)

    private val blocks = ThreadLocal<Block>()

    fun slot(): Pointer {
        var block = blocks.get()
        if (block == null || block.used + SLOT > BLOCK) {
            val memory = com.sun.jna.Memory(BLOCK)
            memory.clear()
            block = Block(memory, 0)
            blocks.set(block)
        }
        val slot = block.memory.share(block.used, SLOT)
        block.used += SLOT
        return slot
    }
}

""" % {"mark": MARK}

LIFT = """\
    fun liftFromRustBuffer(rbuf: RustBuffer.ByValue): KotlinType {
        val byteBuf = rbuf.asByteBuffer()!!
"""

LIFT_FROM_HEAP = """\
    fun liftFromRustBuffer(rbuf: RustBuffer.ByValue): KotlinType {
        %(mark)s
        // Read a record from a copy on the Java heap, made at once: reading it field by field
        // from the native memory (a direct ByteBuffer) cost more. Large buffers are read in place.
        val byteBuf = if (rbuf.data != null && rbuf.len <= 65536) {
            ByteBuffer.wrap(rbuf.data!!.getByteArray(0, rbuf.len.toInt())).order(ByteOrder.BIG_ENDIAN)
        } else {
            rbuf.asByteBuffer()!!
        }
""" % {"mark": MARK}

STRING_READ = """\
    override fun read(buf: ByteBuffer): String {
        val len = buf.getInt()
        val byteArr = ByteArray(len)
        buf.get(byteArr)
        return byteArr.toString(Charsets.UTF_8)
    }
"""

STRING_READ_IN_PLACE = """\
    override fun read(buf: ByteBuffer): String {
        val len = buf.getInt()
        %(mark)s
        // A record is read from a heap copy (liftFromRustBuffer): decode its strings in place.
        if (buf.hasArray() && len >= 0 && len <= buf.remaining()) {
            val start = buf.position()
            buf.position(start + len)
            return String(buf.array(), buf.arrayOffset() + start, len, Charsets.UTF_8)
        }
        val byteArr = ByteArray(len)
        buf.get(byteArr)
        return byteArr.toString(Charsets.UTF_8)
    }
""" % {"mark": MARK}

ALLOC = """\
        internal fun alloc(size: ULong = 0UL) = uniffiRustCall() { status ->
            // Note: need to convert the size to a `Long` value to make this work with JVM.
            UniffiLib.ffi_%(component)s_rustbuffer_alloc(size.toLong(), status)
        }.also {
            if(it.data == null) {
               throw RuntimeException("RustBuffer.alloc() returned null data pointer (size=${size})")
           }
        }
"""

ALLOC_REUSED = """\
        internal fun alloc(size: ULong = 0UL): RustBuffer.ByValue {
            %(mark)s
            // The memory of an argument's buffer, from the library's allocator (Rust takes the
            // buffer over) through a function that returns its address: rustbuffer_alloc returns a
            // structure, which JNA builds by reflection. The buffer is a reused one of this thread
            // (UniffiRustBufferArgs).
            val data = UniffiLib.wijknet_uniffi_buffer_alloc(size.toLong())
            if (data == 0L) {
                throw RuntimeException("RustBuffer.alloc() returned null data pointer (size=${size})")
            }
            return UniffiRustBufferArgs.next(size.toLong(), Pointer(data))
        }
"""

ALLOC_FUNCTION = """\
    %(mark)s
    // Native memory for size bytes from the library's allocator, or 0 (bindings/uniffi/src/lib.rs).
    external fun wijknet_uniffi_buffer_alloc(`size`: Long): Long
"""

RUST_BUFFER_ARGS_OBJECT = """
%(mark)s
// The buffers that RustBuffer.alloc hands out for arguments, reused per thread: a new JNA Structure
// costs a lookup of its layout, reflection over its fields and a slot of native memory. Safe to
// reuse because a buffer passed by value is copied into the call: the generated code lowers each
// argument right before its call and never keeps the buffer, so a buffer is free again once its
// call has started. A thread takes them in turn from a ring far larger than the number of buffer
// arguments of any one call (calls nested in a progress listener start after the outer call's
// arguments were passed).
private object UniffiRustBufferArgs {
    private const val RING = 64

    private class Ring {
        val buffers = arrayOfNulls<RustBuffer.ByValue>(RING)
        var next = 0
    }

    private val rings = object : ThreadLocal<Ring>() {
        override fun initialValue() = Ring()
    }

    fun next(size: Long, data: Pointer): RustBuffer.ByValue {
        val ring = rings.get()
        val buf = ring.buffers[ring.next] ?: RustBuffer.ByValue().also { ring.buffers[ring.next] = it }
        ring.next = (ring.next + 1) %% RING
        buf.capacity = size
        buf.len = size
        buf.data = data
        return buf
    }
}

"""

LEN_BY_REFLECTION = """            rbuf.writeField("len", bbuf.position().toLong())\n"""
LEN_SET = """            rbuf.len = bbuf.position().toLong() // %(mark)s (written with the buffer before the call)\n"""

FUN_INTERFACE_FROM = "\npublic interface ProgressListener {\n"
FUN_INTERFACE_TO = "\npublic fun interface ProgressListener { %(mark)s (a lambda is a listener)\n"

PATCHES = [
    ("reuse call statuses per thread", CALL_WITH_ERROR, CALL_WITH_ERROR_POOLED),
    ("buffer memory from a block", RUST_BUFFER, RUST_BUFFER_SLAB),
    ("lift from a heap copy", LIFT, LIFT_FROM_HEAP),
    ("read strings in place", STRING_READ, STRING_READ_IN_PLACE),
    ("buffer memory from a block", "\n/**\n * @suppress\n */\n@Structure.FieldOrder(\"capacity\", \"len\", \"data\")\n",
     RUST_BUFFER_SLAB_OBJECT + "/**\n * @suppress\n */\n@Structure.FieldOrder(\"capacity\", \"len\", \"data\")\n"),
]


def patch(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if MARK in text:
        sys.exit(f"{path}: already patched (patch the output of uniffi-bindgen, not the tree)")
    # The component's name in its FFI symbols (wijknet_uniffi, or wijknet for the core's types).
    components = re.findall(r"^    external fun ffi_(\w+)_rustbuffer_alloc\(", text, re.M)
    if len(components) != 1:
        sys.exit(f"{path}: {len(components)} rustbuffer_alloc declarations, not one: see bindings/uniffi/patch_kotlin.py")
    names = {"mark": MARK, "component": components[0]}
    alloc_declaration = f"    external fun ffi_{components[0]}_rustbuffer_alloc("
    patches = PATCHES + [
        ("reuse argument buffers", ALLOC % names, ALLOC_REUSED % names),
        ("allocate without a structure", alloc_declaration, ALLOC_FUNCTION % names + alloc_declaration),
        ("reuse argument buffers", "\n/**\n * @suppress\n */\n@Structure.FieldOrder(\"capacity\", \"len\", \"data\")\n",
         RUST_BUFFER_ARGS_OBJECT % names + "/**\n * @suppress\n */\n@Structure.FieldOrder(\"capacity\", \"len\", \"data\")\n"),
        ("set the length without reflection", LEN_BY_REFLECTION, LEN_SET % names),
    ]
    if components[0] == "wijknet_uniffi":
        patches.append(("a lambda is a progress listener", FUN_INTERFACE_FROM, FUN_INTERFACE_TO % names))
    for name, old, new in patches:
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
