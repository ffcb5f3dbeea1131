package nl.wijknet

import nl.wijknet.types.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/**
 * The generated code is post-processed (bindings/uniffi/patch_kotlin.py): each thread reuses its
 * call statuses and the buffers of its arguments (from a ring of 64), and buffers passed by value
 * share blocks of native memory. These are the cases where reuse could go wrong: a failed call
 * followed by good ones, calls nested inside a call (a progress listener calling the library,
 * failing or not), the ring going round many times within and between calls, and many threads
 * at once.
 */
class CallStatusReuseTest {
    private val twente = File(Vectors.root, "../../examples/data/twente.json").readBytes()
    private val request = MatchRequest(location = "7511AA", careTypes = listOf(CareType.WOUND_CARE), urgency = Urgency.ACUTE)
    private val options = MatchOptions(Instant.parse("2026-11-22T10:00:00Z"))

    @Test
    fun `a failed call leaves nothing behind for the next call on the thread`() {
        Registry.fromJson(twente).use { registry ->
            val expected = registry.matchRequest(request, options)
            repeat(50) {
                val e = assertThrows<WijknetException.Schema> { Registry.fromJsonString("{}") }
                assertEquals("schema", e.code())
                assertThrows<WijknetException> { matchRequestFromJson("""{"location":"nowhere"}""".toByteArray()) }
                assertEquals(20, registry.teamCount())
                assertEquals(expected, registry.matchRequest(request, options))
                assertEquals(null, registry.team("no-such-team"))
            }
        }
    }

    @Test
    fun `a listener may call the library during a call, and fail`() {
        Registry.fromJson(twente).use { registry ->
            val expected = registry.matchRequest(request, options)
            val counts = mutableListOf<Int>()
            val loaded = Registry.fromJson(twente) { _, _, _ ->
                // a nested call that succeeds and one that fails, while the outer call holds its status
                counts += registry.teamCount()
                assertEquals(expected, registry.matchRequest(request, options))
                runCatching { Registry.fromJsonString("{}") }.isFailure
            }
            assertTrue(counts.isNotEmpty() && counts.all { it == 20 })
            assertEquals(registry.toJson(), loaded.toJson())
            // the outer call fails (cancelled) after nested calls that succeeded
            val e = assertThrows<WijknetException.Cancelled> {
                Registry.fromJson(twente) { _, _, _ -> registry.teamCount() != 20 }
            }
            assertEquals("cancelled", e.code())
            assertEquals(expected, registry.matchRequest(request, options))
        }
    }

    @Test
    fun `threads calling at once each get their own answers`() {
        Registry.fromJson(twente).use { registry ->
            val expected = registry.matchRequest(request, options)
            val json = """{"location":"7511AA","care_types":["wound_care"],"urgency":"acute"}""".toByteArray()
            val fromJson = matchRequestFromJson(json)
            val expectedFromJson = registry.matchRequest(fromJson, options)
            val pool = Executors.newFixedThreadPool(4)
            try {
                val tasks = (0 until 8).map { t ->
                    Callable {
                        repeat(500) { i ->
                            if ((i + t) % 7 == 0) {
                                assertThrows<WijknetException> { Registry.fromJsonString("{}") }
                            }
                            assertEquals(expectedFromJson, registry.matchRequest(matchRequestFromJson(json), options))
                            assertEquals(expected, registry.matchRequest(request, options))
                            assertEquals(fromJson, matchRequestFromJson(json))
                        }
                    }
                }
                pool.invokeAll(tasks).forEach { it.get() }
            } finally {
                pool.shutdown()
                pool.awaitTermination(1, TimeUnit.MINUTES)
            }
        }
    }

    @Test
    fun `argument buffers go round the ring inside a listener and between calls`() {
        Registry.fromJson(twente).use { registry ->
            val expected = registry.matchRequest(request, options)
            val otherRequest = request.copy(location = "7521AA", urgency = Urgency.PLANNED)
            val other = registry.matchRequest(otherRequest, options)
            var nested = 0
            // The outer call's argument (the document's bytes) was passed before the listener
            // runs; each report lowers 100 buffers, the ring going round more than once.
            val loaded = Registry.fromJson(twente) { _, _, _ ->
                repeat(50) {
                    assertEquals(if (it % 2 == 0) expected else other, registry.matchRequest(if (it % 2 == 0) request else otherRequest, options))
                }
                nested++
                true
            }
            assertTrue(nested > 0)
            assertEquals(registry.toJson(), loaded.toJson())
            // Calls with several buffer arguments, alternating, so a reused buffer holding the
            // previous call's argument would give the other answer.
            val json = """{"location":"7511AA","care_types":["wound_care"],"urgency":"acute"}""".toByteArray()
            val otherJson = """{"location":"7521AA","care_types":["wound_care"],"urgency":"planned"}""".toByteArray()
            val fromJson = registry.matchRequest(matchRequestFromJson(json), options)
            val otherFromJson = registry.matchRequest(matchRequestFromJson(otherJson), options)
            assertTrue(fromJson != otherFromJson)
            repeat(200) {
                val (r, want) = if (it % 3 == 0) otherRequest to other else request to expected
                assertEquals(want, registry.matchRequest(r, options))
                val (j, wantJ) = if (it % 2 == 0) otherJson to otherFromJson else json to fromJson
                assertEquals(wantJ, registry.matchRequest(matchRequestFromJson(j), options))
            }
        }
    }
}
