package nl.wijknet

import nl.wijknet.types.*
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.condition.EnabledIfSystemProperty
import java.io.File
import java.time.Instant

/**
 * What a call costs from Kotlin, end to end (record lowering, the Rust call, lifting the result).
 * Opt-in and never asserting on time (shared CI machines): run with
 * `mvn test -Dtest=CallCostTest -Dwijknet.bench=true` and read the printed median and p99.
 */
@EnabledIfSystemProperty(named = "wijknet.bench", matches = "true")
class CallCostTest {
    private fun measure(name: String, n: Int, call: () -> Any?) {
        repeat(n / 10) { call() } // warm up JIT and caches
        val nanos = LongArray(n) { val t = System.nanoTime(); call(); System.nanoTime() - t }
        nanos.sort()
        println("%-44s n=%d median=%.1f us p99=%.1f us".format(name, n, nanos[n / 2] / 1e3, nanos[(n * 99) / 100] / 1e3))
    }

    @Test
    fun `call cost`() {
        val bytes = File(Vectors.root, "../../examples/data/twente.json").readBytes()
        Registry.fromJson(bytes).use { registry ->
            val request = MatchRequest(location = "7511AA", careTypes = listOf(CareType.WOUND_CARE), urgency = Urgency.ACUTE)
            val options = MatchOptions(Instant.parse("2026-11-22T10:00:00Z"))
            val json = """{"location":"7511AA","care_types":["wound_care"],"urgency":"acute"}""".toByteArray()
            measure("version()", 20_000) { version() }
            measure("registry.teamCount() (one call, no buffers)", 20_000) { registry.teamCount() }
            measure("registry.matchRequest (twente, 7511AA)", 5_000) { registry.matchRequest(request, options) }
            measure("matchRequestFromJson + matchRequest", 5_000) { registry.matchRequest(matchRequestFromJson(json), options) }
            measure("registry.team(id)", 20_000) { registry.team("linde-centrum") }
            measure("Registry.fromJson (twente) + close", 200) { Registry.fromJson(bytes).close() }
        }
    }
}
