package nl.wijknet

import nl.wijknet.types.*
import org.json.JSONObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.math.BigInteger
import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

/**
 * SharedRegistry: one current registry for many threads, capacity updates installed by
 * compare-and-swap so that none is lost, and versions that never wrap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRegistryTest {
    private val basicJson = Vectors.document("registries/basic.json")
    private val basic = Registry.fromJson(basicJson)

    @AfterAll
    fun close() {
        basic.close()
    }

    private fun update(team: String, expectedVersion: ULong, nursing: Long = 1) = CapacityUpdate(
        team = team, expectedVersion = expectedVersion, status = CapacityStatus.ACCEPTING,
        updatedAt = Instant.parse("2026-11-22T09:00:00Z"),
        freePlaces = mapOf(CareType.NURSING to nursing),
    )

    private fun Registry.b1(): Capacity = capacity("b1")!!

    private fun Capacity.nursing(): Long? = freePlaces[CareType.NURSING]

    /** basic.json with the given data version and b1 capacity version (as decimal text: up to 2^64-1). */
    private fun registryWith(version: String, b1Version: String): Registry {
        val doc = JSONObject(String(basicJson))
        doc.put("version", BigInteger(version))
        val teams = doc.getJSONArray("teams")
        for (i in 0 until teams.length()) {
            val t = teams.getJSONObject(i)
            if (t.getString("id") == "b1") t.getJSONObject("capacity").put("version", BigInteger(b1Version))
        }
        return Registry.fromJsonString(doc.toString())
    }

    @Test
    fun `current is the registry it was made with and snapshots never change`() {
        SharedRegistry(basic).use { shared ->
            val before = shared.current()
            assertEquals(basic.toJson(), before.toJson())
            shared.updateCapacities(listOf(update("b1", 0uL, 4))).use { installed ->
                assertEquals(2uL, installed.version())
                assertEquals(1uL, installed.b1().version)
                assertEquals(4L, installed.b1().nursing())
                shared.current().use { assertEquals(installed.toJson(), it.toJson()) }
            }
            assertEquals(1uL, before.version())
            assertEquals(0uL, before.b1().version)
            assertEquals(1uL, basic.version())
            before.close()
        }
    }

    @Test
    fun `the second writer with the same expected version conflicts and nothing is lost`() {
        SharedRegistry(basic).use { shared ->
            shared.updateCapacities(listOf(update("b1", 0uL, 4))).close()
            val e = assertThrows<WijknetException.VersionConflict> { shared.updateCapacities(listOf(update("b1", 0uL, 9))) }
            assertEquals("b1", e.id)
            assertEquals(0uL, e.expected)
            assertEquals(1uL, e.actual)
            shared.current().use { assertEquals(4L, it.b1().nursing()) }
            // Another team's update still goes through on top.
            shared.updateCapacities(listOf(update("a2", 0uL))).use { assertEquals(3uL, it.version()) }
        }
    }

    @Test
    fun `errors are typed and install nothing`() {
        SharedRegistry(basic).use { shared ->
            val missing = assertThrows<WijknetException.NotFound> { shared.updateCapacities(listOf(update("zz", 0uL))) }
            assertEquals("zz", missing.id)
            val invalid = assertThrows<WijknetException.Invalid> { shared.updateCapacities(listOf(update("bad id!", 0uL))) }
            assertEquals(listOf("$[0].team"), invalid.problems.map { it.path })
            shared.current().use { assertEquals(basic.toJson(), it.toJson()) }
        }
    }

    @Test
    fun `several updates apply at once, all or none, on a registry and a shared one`() {
        val both = listOf(update("b1", 0uL, 4), update("b1", 1uL, 2))
        basic.updateCapacities(both).use { r ->
            assertEquals(3uL, r.version())
            assertEquals(2uL, r.b1().version)
            assertEquals(2L, r.b1().nursing())
            assertThrows<WijknetException.VersionConflict> { r.updateCapacities(both) }
        }
        val invalid = assertThrows<WijknetException.Invalid> {
            basic.updateCapacities(listOf(update("b1", 0uL), update("bad id!", 0uL)))
        }
        assertEquals(listOf("$[1].team"), invalid.problems.map { it.path })
        SharedRegistry(basic).use { shared ->
            shared.updateCapacities(both).use { assertEquals(3uL, it.version()) }
            assertThrows<WijknetException.VersionConflict> { shared.updateCapacities(both) }
            shared.current().use { assertEquals(3uL, it.version()) }
        }
    }

    @Test
    fun `replace installs a new document and later updates apply to it`() {
        SharedRegistry(basic).use { shared ->
            shared.updateCapacities(listOf(update("b1", 0uL))).close()
            registryWith("20", "10").use { shared.replace(it) }
            shared.current().use { assertEquals(20uL, it.version()) }
            assertThrows<WijknetException.VersionConflict> { shared.updateCapacities(listOf(update("b1", 1uL))) }
            shared.updateCapacities(listOf(update("b1", 10uL))).use { assertEquals(21uL, it.version()) }
        }
    }

    @Test
    fun `closing the shared registry leaves the registries it handed out usable`() {
        val shared = SharedRegistry(basic)
        val snapshot = shared.current()
        shared.close()
        assertThrows<IllegalStateException> { shared.current() }
        assertEquals(1uL, snapshot.version())
        snapshot.close()
    }

    @Test
    fun `versions at their maximum are refused, never wrapped`() {
        val max = ULong.MAX_VALUE
        registryWith("1", max.toString()).use { r ->
            SharedRegistry(r).use { shared ->
                val e = assertThrows<WijknetException.Invalid> { shared.updateCapacities(listOf(update("b1", max))) }
                assertEquals(listOf("$.expected_version"), e.problems.map { it.path })
                // Wrapping to 0 would have let this stale update through.
                assertThrows<WijknetException.VersionConflict> { shared.updateCapacities(listOf(update("b1", 0uL))) }
                registryWith(max.toString(), "0").use { shared.replace(it) }
                val v = assertThrows<WijknetException.Invalid> { shared.updateCapacities(listOf(update("b1", 0uL))) }
                assertEquals(listOf("$.version"), v.problems.map { it.path })
                shared.current().use { assertEquals(max, it.version()) }
            }
        }
    }

    @Test
    fun `of racing writers with the same expected version exactly one wins, every round`() {
        val writers = 8
        val rounds = 50
        val pool = Executors.newFixedThreadPool(writers)
        try {
            SharedRegistry(basic).use { shared ->
                for (round in 0 until rounds) {
                    val start = CyclicBarrier(writers)
                    val results = pool.invokeAll((0 until writers).map { w ->
                        Callable {
                            start.await()
                            runCatching { shared.updateCapacities(listOf(update("b1", round.toULong(), 100L + w))).use { w } }
                        }
                    }).map { it.get() }
                    val winners = results.mapNotNull { it.getOrNull() }
                    assertEquals(1, winners.size, "round $round: ${winners.size} winners")
                    results.mapNotNull { it.exceptionOrNull() }.forEach { e ->
                        assertTrue(e is WijknetException.VersionConflict, "round $round: $e")
                        e as WijknetException.VersionConflict
                        assertEquals(round.toULong(), e.expected)
                        assertEquals(round.toULong() + 1u, e.actual)
                    }
                    shared.current().use { current ->
                        assertEquals(round.toULong() + 1u, current.b1().version)
                        assertEquals(100L + winners[0], current.b1().nursing())
                    }
                }
                shared.current().use { assertEquals(1uL + rounds.toULong(), it.version()) }
            }
        } finally {
            pool.shutdown()
        }
    }

    @Test
    fun `increments retried on conflict are never lost`() {
        val threads = 4
        val increments = 50
        val pool = Executors.newFixedThreadPool(threads)
        try {
            basic.updateCapacities(listOf(update("b1", 0uL, 0))).use { start ->
                SharedRegistry(start).use { shared ->
                    pool.invokeAll((0 until threads).map {
                        Callable {
                            repeat(increments) {
                                while (true) {
                                    val seen = shared.current().use { it.b1() }
                                    try {
                                        shared.updateCapacities(listOf(update("b1", seen.version, seen.nursing()!! + 1))).close()
                                        break
                                    } catch (e: WijknetException.VersionConflict) {
                                        // another writer won: read again and retry
                                    }
                                }
                            }
                        }
                    }).forEach { it.get() }
                    shared.current().use { current ->
                        assertEquals((threads * increments).toLong(), current.b1().nursing())
                        assertEquals(1uL + (threads * increments).toULong(), current.b1().version)
                    }
                }
            }
        } finally {
            pool.shutdown()
        }
    }

    @Test
    fun `readers see whole registries while a writer installs new ones`() {
        SharedRegistry(basic).use { shared ->
            val done = AtomicBoolean(false)
            // The writer starts once the reader has read: 200 updates can be over before a new
            // thread reads at all.
            val reading = CountDownLatch(1)
            val pool = Executors.newSingleThreadExecutor()
            try {
                val reader = pool.submit(Callable {
                    var seen = 0
                    while (!done.get()) {
                        shared.current().use { snap ->
                            // A snapshot's data version counts exactly the updates its teams show.
                            assertEquals(1uL + snap.b1().version, snap.version())
                        }
                        seen++
                        reading.countDown()
                    }
                    seen
                })
                try {
                    reading.await(10, TimeUnit.SECONDS)
                    for (k in 0 until 200) shared.updateCapacities(listOf(update("b1", k.toULong(), k.toLong()))).close()
                } finally {
                    done.set(true)
                }
                assertTrue(reader.get() > 0)
                shared.current().use { assertEquals(201uL, it.version()) }
            } finally {
                pool.shutdown()
            }
        }
    }
}
