package nl.wijknet

import nl.wijknet.types.*
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail
import java.time.Instant
import java.time.LocalDate

/**
 * Every conformance vector in tests/vectors, run through the typed Kotlin API only: documents
 * and requests are loaded with the binding's own parsers, results compared field by field with
 * the case's pattern. One dynamic test per file, so a failure names the vector.
 */
class ConformanceTest {

    private fun options(o: JSONObject): MatchOptions =
        if (o.has("stale_after_hours")) MatchOptions(Instant.parse(o.getString("now")), o.getInt("stale_after_hours"))
        else MatchOptions(Instant.parse(o.getString("now")))

    /** Runs a case's steps; the first error met anywhere is the answer. */
    private fun outcome(run: () -> Map<String, Any?>): Pair<Map<String, Any?>?, WijknetException?> =
        try {
            run() to null
        } catch (e: WijknetException) {
            null to e
        }

    private fun compare(name: String, case: JSONObject, result: Pair<Map<String, Any?>?, WijknetException?>) {
        val (actual, error) = result
        when {
            case.has("expected") && actual != null -> Vectors.mismatch(case.get("expected"), actual)?.let { fail("$name: $it\nactual: $actual") }
            case.has("expected_error") && error != null -> Vectors.mismatch(case.get("expected_error"), error.toJson(), "\$error")?.let { fail("$name: $it\nactual: ${error.toJson()}") }
            actual != null -> fail("$name: expected an error, got $actual")
            else -> fail("$name: unexpected error ${error!!.toJson()}")
        }
    }

    private fun factory(folder: String, minimum: Int, run: (JSONObject) -> Map<String, Any?>): List<DynamicTest> {
        val cases = Vectors.cases(folder)
        assertTrue(cases.size >= minimum, "found only ${cases.size} $folder vectors in ${Vectors.root}")
        return cases.map { (name, case) -> DynamicTest.dynamicTest("$folder/$name") { compare(name, case, outcome { run(case) }) } }
    }

    @TestFactory
    fun matching() = factory("matching", 15) { case ->
        var registry = Registry.fromJson(Vectors.document(case.getString("registry")))
        val updates = case.optJSONArray("capacity_updates")
        if (updates != null) {
            for (i in 0 until updates.length()) {
                val update = capacityUpdateFromJson(updates.getJSONObject(i).toString().toByteArray())
                val next = registry.updateCapacities(listOf(update))
                registry.close()
                registry = next
            }
        }
        registry.use {
            val request = matchRequestFromJson(case.getJSONObject("request").toString().toByteArray())
            it.matchRequest(request, options(case.getJSONObject("options"))).toJson()
        }
    }

    @TestFactory
    fun agreements() = factory("agreements", 14) { case ->
        Registry.fromJson(Vectors.document(case.getString("registry"))).use { registry ->
            Agreements.fromJson(Vectors.document(case.get("agreements")), registry).use { agreements ->
                val input = case.getJSONObject("input")
                when (val op = case.getString("operation")) {
                    "load" -> emptyMap()
                    "match" -> {
                        val request = matchRequestFromJson(input.getJSONObject("request").toString().toByteArray())
                        registry.matchRequest(request, options(input.getJSONObject("options")), agreements).toJson()
                    }
                    "on_call" -> {
                        // A Dutch wall-clock time: the app turns it into the instant first.
                        val at = input.optJSONObject("at_local")?.let { local ->
                            val occurrence = if (local.has("occurrence")) Occurrence.values().single { it.code() == local.getString("occurrence") } else null
                            localInstant(LocalDate.parse(local.getString("date")), local.getString("time"), occurrence)
                        } ?: Instant.parse(input.getString("at"))
                        agreements.onCall(registry, input.getString("location"), at).toJson()
                    }
                    "check" -> mapOf(
                        "findings" to agreements.check(registry, LocalDate.parse(input.getString("today")), input.getInt("horizon_days")).map { it.toJson() },
                    )
                    "may_assess" -> {
                        val care = CareType.entries.single { it.code() == input.getString("care_type") }
                        agreements.mayAssess(input.getString("provider"), care, LocalDate.parse(input.getString("date"))).toJson()
                    }
                    else -> fail("unknown operation $op")
                }
            }
        }
    }
}
