package nl.wijknet

import nl.wijknet.types.*
import org.json.JSONArray
import org.json.JSONObject
import java.io.File
import java.math.BigDecimal

/**
 * Reading the shared conformance vectors (tests/vectors) and comparing the binding's typed
 * results with their patterns, by the rule in tests/vectors/README.md: an object matches when
 * every key of the pattern is present in the actual object and matches; an array matches when it
 * has the same length and each element matches in order; anything else must be equal, numbers
 * compared as numbers.
 *
 * The typed Kotlin results are turned into plain maps and lists with the keys of the core's JSON
 * shapes (see the `toJson` functions below), so a vector proves the typed API carries every
 * field the core answers with.
 */
object Vectors {
    val root: File = File(System.getProperty("wijknet.vectors.dir") ?: "../../../tests/vectors").canonicalFile

    /** Every `*.json` case of a vectors folder, sorted by name. */
    fun cases(folder: String): List<Pair<String, JSONObject>> {
        val dir = File(root, folder)
        val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }
            ?: error("no vectors folder $dir")
        return files.map { it.name to JSONObject(it.readText()) }
    }

    /** A document given as a path relative to tests/vectors, or inline. */
    fun document(value: Any): ByteArray = when (value) {
        is String -> File(root, value).readBytes()
        else -> value.toString().toByteArray()
    }

    /** null when `actual` matches the pattern `expected`, else the first mismatching path. */
    fun mismatch(expected: Any?, actual: Any?, path: String = "$"): String? {
        val e = if (expected == JSONObject.NULL) null else expected
        return when (e) {
            is JSONObject -> {
                if (actual !is Map<*, *>) return "$path: expected an object, got $actual"
                for (key in e.keys()) {
                    if (!actual.containsKey(key)) return "$path.$key: missing in actual"
                    mismatch(e.get(key), actual[key], "$path.$key")?.let { return it }
                }
                null
            }
            is JSONArray -> {
                if (actual !is List<*>) return "$path: expected an array, got $actual"
                if (e.length() != actual.size) return "$path: expected ${e.length()} elements, got ${actual.size}: $actual"
                for (i in 0 until e.length()) mismatch(e.get(i), actual[i], "$path[$i]")?.let { return it }
                null
            }
            is Number -> if (actual is Number && BigDecimal(e.toString()).compareTo(BigDecimal(actual.toString())) == 0) null
            else "$path: expected $e, got $actual"
            else -> if (e == actual) null else "$path: expected $e, got $actual"
        }
    }
}

// --- Typed results as the core's JSON shapes (keys, codes, ISO dates and instants). ---

fun ContactPerson.toJson(): Map<String, Any?> = buildMap {
    put("name", name)
    put("role", role)
    // The core leaves absent optional fields out of contact documents.
    phone?.let { put("phone", it) }
    email?.let { put("email", it) }
    if (hours.isNotEmpty()) put("hours", hours.map { h -> mapOf("days" to h.days.map { it.code() }, "from" to h.from, "to" to h.to) })
}

fun MatchResult.toJson(): Map<String, Any?> = mapOf(
    "outcome" to outcome.code(),
    "location" to location,
    "needed_from" to neededFrom.toString(),
    "needed_by" to neededBy.toString(),
    "candidates" to candidates.map { it.toJson() },
    "excluded" to excluded.map {
        mapOf(
            "team" to it.team,
            "organisation" to it.organisation,
            "client_preference" to it.clientPreference,
            "reason" to it.reason.code(),
            "detail" to it.detail.toString(),
            "explanation" to it.toString(),
        )
    },
    "teams_elsewhere" to teamsElsewhere.toLong(),
    "accountable" to accountable?.let { a ->
        mapOf("party" to a.party, "source" to a.source.code(), "via" to a.via, "contact" to a.contact?.toJson())
    },
    "registry_version" to registryVersion.toLong(),
)

fun Candidate.toJson(): Map<String, Any?> = mapOf(
    "rank" to rank.toLong(),
    "team" to team,
    "organisation" to organisation,
    "preferred" to preferred,
    "possible_start" to possibleStart.toString(),
    "capacity_status" to capacityStatus.code(),
    "capacity_updated_at" to capacityUpdatedAt.toString(),
    "flags" to flags.map { it.code() },
    "via" to via.map { v ->
        mapOf(
            "kind" to v.kind.code(),
            "agreement" to v.agreement,
            "delivering_team" to v.deliveringTeam,
            "care_types" to v.careTypes.map { it.code() },
            "times_of_day" to v.timesOfDay.map { it.code() },
        )
    },
    "contact" to contact?.toJson(),
    "contact_reachable_now" to contactReachableNow,
) + (freeHours?.let { mapOf("free_hours" to it) } ?: emptyMap())

fun OnCall.toJson(): Map<String, Any?> = mapOf(
    "outcome" to outcome.code(),
    "location" to location,
    "at" to at.toString(),
    "duties" to duties.map { d ->
        mapOf(
            "agreement" to d.agreement,
            "night" to d.night.toString(),
            "team" to d.team,
            "organisation" to d.organisation,
            "shift_start" to d.shiftStart.toString(),
            "shift_end" to d.shiftEnd.toString(),
            "contact" to d.contact?.toJson(),
            "accountable" to d.accountable?.toJson(),
        )
    },
    "uncovered" to uncovered,
)

fun Finding.toJson(): Map<String, Any?> = mapOf(
    "code" to code.code(),
    "agreement" to agreement,
    "field" to field,
    "from" to from?.toString(),
    "to" to to?.toString(),
    "message" to message,
)

fun MandateCheck.toJson(): Map<String, Any?> = mapOf(
    "outcome" to outcome.code(),
    "agreement" to agreement,
    "municipality" to municipality,
    "assessment_valid_until" to assessmentValidUntil?.toString(),
)

fun WijknetException.toJson(): Map<String, Any?> = mapOf(
    "code" to code(),
    "message" to toString(),
    "problems" to problems().map { mapOf("path" to it.path, "reason" to it.reason) },
)

/** null when `actual` equals `expected` as JSON values (objects: same keys; arrays: same order). */
fun exactMismatch(expected: Any?, actual: Any?, path: String = "$"): String? {
    if (expected is org.json.JSONObject && actual is Map<*, *>) {
        val extra = actual.keys.map { it.toString() }.toSet() - expected.keySet()
        if (extra.isNotEmpty()) return "$path: unexpected keys $extra"
        for (k in expected.keySet()) {
            if (!actual.containsKey(k)) return "$path.$k: missing in actual"
            exactMismatch(expected.get(k), actual[k], "$path.$k")?.let { return it }
        }
        return null
    }
    if (expected is org.json.JSONArray && actual is List<*>) {
        if (expected.length() != actual.size) return "$path: expected ${expected.length()} elements, got ${actual.size}: $actual"
        for (i in 0 until expected.length()) exactMismatch(expected.get(i), actual[i], "$path[$i]")?.let { return it }
        return null
    }
    return Vectors.mismatch(expected, actual, path)
}

fun Decision.toJson(): Map<String, Any?> = buildMap {
    putAll(decisionFields())
    // Present only on a partial deny, as the core writes it.
    if (redact.isNotEmpty()) put("redact", redact.map { it.code() })
}

private fun Decision.decisionFields(): Map<String, Any?> = mapOf(
    "client" to client,
    "at" to at.toString(),
    "policy" to policy.code(),
    "who_decides" to whoDecides.code(),
    "categories" to categories.map { c ->
        buildMap<String, Any?> {
            put("category", c.category.code())
            put("outcome", c.outcome.code())
            put("basis", c.basis.code())
            // Absent, not null, when no provision decided (as the core writes it).
            c.provision?.let { p -> put("provision", mapOf("source" to p.source.code(), "id" to p.id, "path" to p.path.map { it.toLong() })) }
            put("obligations", c.obligations.map { it.code() })
        }
    },
)
