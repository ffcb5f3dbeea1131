package nl.wijknet

import nl.wijknet.types.*
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Instant
import java.time.LocalDate

/** The README's Kotlin example, run on the demo region (examples/data/twente.json). */
class QuickstartTest {
    @Test
    fun `README example runs on the demo region`() {
        val data = File(Vectors.root, "../../examples/data/twente.json")
        val lines = mutableListOf<String>()
        Registry.fromJson(data.readBytes()).use { registry ->
            val result = registry.matchRequest(
                MatchRequest(
                    location = "7511AA", careTypes = listOf(CareType.WOUND_CARE), urgency = Urgency.PLANNED,
                    desiredStart = LocalDate.of(2026, 11, 23),
                ),
                MatchOptions(now = Instant.parse("2026-11-22T10:00:00Z")),
            )
            result.candidates.forEach { lines += "${it.rank}. ${it.team} from ${it.possibleStart} ${it.flags.map { f -> f.labelNl() }}" }
            result.excluded.forEach { lines += "${it.team}: ${it.reason.labelEn()} (${it.detail})" }
            lines += "${registry.capacity(result.candidates.first().team)}"
            assertTrue(result.candidates.isNotEmpty() || result.accountable != null)
        }
        assertTrue(lines.isNotEmpty())
    }
}
