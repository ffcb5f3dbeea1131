package nl.wijknet

import nl.wijknet.types.*
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.condition.EnabledIfSystemProperty
import java.io.File
import java.lang.management.ManagementFactory
import java.time.Instant

/**
 * What a call costs from Kotlin, end to end (record lowering, the Rust call, lifting the result).
 * Opt-in and never asserting on time (shared CI machines): run with
 * `mvn test -Dtest=CallCostTest -Dwijknet.bench=true` and read the printed figures: the median
 * and p99 of the wall time of single calls, and the median CPU time of the calling thread (on a
 * busy machine the wall time includes waiting for a core; the CPU time does not).
 */
@EnabledIfSystemProperty(named = "wijknet.bench", matches = "true")
class CallCostTest {
    private val threads = ManagementFactory.getThreadMXBean()

    private fun measure(name: String, n: Int, call: () -> Any?) {
        repeat(n) { call() } // warm up: the JIT compiles JNA's paths only after many calls
        val wall = LongArray(n)
        val cpu = LongArray(n)
        // The calls in ten rounds: on a shared machine a round's median is either about the
        // fastest or about twice it (whatever the code), so the fastest round's median is shown
        // beside the median of all calls.
        val rounds = 10
        val roundMedians = DoubleArray(rounds)
        val perRound = n / rounds
        for (r in 0 until rounds) {
            for (i in r * perRound until (r + 1) * perRound) {
                val c = threads.currentThreadCpuTime
                val t = System.nanoTime()
                call()
                wall[i] = System.nanoTime() - t
                cpu[i] = threads.currentThreadCpuTime - c
            }
            val round = wall.copyOfRange(r * perRound, (r + 1) * perRound)
            round.sort()
            roundMedians[r] = round[perRound / 2] / 1e3
        }
        val m = rounds * perRound
        val all = wall.copyOf(m)
        all.sort()
        cpu.sort()
        println(
            "%-46s n=%d wall median=%.1f us p99=%.1f us (fastest round's median %.1f us), cpu median=%.1f us"
                .format(name, m, all[m / 2] / 1e3, all[(m * 99) / 100] / 1e3, roundMedians.min(), cpu[(n - m) + m / 2] / 1e3),
        )
    }

    @Test
    fun `call cost`() {
        val bytes = File(Vectors.root, "../../examples/data/twente.json").readBytes()
        Registry.fromJson(bytes).use { registry ->
            val request = MatchRequest(location = "7511AA", careTypes = listOf(CareType.WOUND_CARE), urgency = Urgency.ACUTE)
            val options = MatchOptions(Instant.parse("2026-11-22T10:00:00Z"))
            val json = """{"location":"7511AA","care_types":["wound_care"],"urgency":"acute"}""".toByteArray()
            val result = registry.matchRequest(request, options)
            println("twente, 7511AA wound care acute: ${registry.teamCount()} teams, ${result.candidates.size} candidates, ${result.excluded.size} excluded")
            // A new JNA Structure (with a RustBuffer Structure inside): what uniffi's Kotlin
            // allocated per native call for its call status, until bindings/uniffi/patch_kotlin.py
            // made each thread reuse its statuses.
            measure("UniffiRustCallStatus() (a new JNA Structure)", 20_000) { UniffiRustCallStatus() }
            // A method call is two native calls: the object's handle is cloned first.
            measure("registry.teamCount() (one call, no buffers)", 20_000) { registry.teamCount() }
            measure("version() (a call returning a buffer)", 20_000) { version() }
            measure("matchRequestFromJson(json) (bytes in, record out)", 20_000) { matchRequestFromJson(json) }
            // Five native calls: clone the handle, allocate the request's and the options' buffers,
            // match, free the result's buffer.
            measure("registry.matchRequest (twente, 7511AA)", 20_000) { registry.matchRequest(request, options) }
            measure("matchRequestFromJson + matchRequest", 5_000) { registry.matchRequest(matchRequestFromJson(json), options) }
            measure("registry.team(id)", 20_000) { registry.team("linde-centrum") }
            measure("Registry.fromJson (twente) + close", 200) { Registry.fromJson(bytes).close() }
        }
    }
}
