package nl.wijknet

import nl.wijknet.types.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail

/**
 * The what-if vectors (tests/vectors/what_if) through the typed Kotlin API: registries and
 * agreements loaded with the binding's parsers, the events replayed into a ReferralBook, and the
 * WhatIf record compared field by field (named as in the JSON) with the case's pattern.
 */
class WhatIfTest {

    private fun DurationStats.toJson(): Map<String, Any?> = mapOf("count" to count, "median_secs" to medianSecs, "p90_secs" to p90Secs)

    private fun WhatIfRow.toJson(): Map<String, Any?> = mapOf(
        "referrals" to referrals,
        "no_eligible_team_before" to noEligibleTeamBefore,
        "no_eligible_team_after" to noEligibleTeamAfter,
        "candidates_before" to candidatesBefore,
        "candidates_after" to candidatesAfter,
        "changed" to changed,
        "now_eligible" to nowEligible,
        "no_longer_eligible" to noLongerEligible,
        "placed_before" to placedBefore,
        "placed_after" to placedAfter,
        "time_to_placement_before" to timeToPlacementBefore.toJson(),
        "time_to_placement_after" to timeToPlacementAfter.toJson(),
        "escalated_before" to escalatedBefore,
        "escalated_after" to escalatedAfter,
        "estimated_after" to estimatedAfter,
    )

    private fun ReferralDifference.toJson(): Map<String, Any?> = mapOf(
        "referral" to referral,
        "submitted_at" to submittedAt.toString(),
        "pc4" to pc4,
        "municipality" to municipality,
        "care_types" to careTypes.map { it.code() },
        "acute" to acute,
        "time_of_day" to timeOfDay.code(),
        "change" to change.code(),
        "candidates_before" to candidatesBefore,
        "candidates_after" to candidatesAfter,
        "gained_teams" to gainedTeams,
        "lost_teams" to lostTeams,
        "agreements" to agreements,
        "time_to_placement_before_secs" to timeToPlacementBeforeSecs,
        "time_to_placement_after_secs" to timeToPlacementAfterSecs,
        "escalated_before" to escalatedBefore,
        "escalated_after" to escalatedAfter,
        "estimated" to estimated,
    )

    private fun WhatIf.toJson(): Map<String, Any?> = mapOf(
        "schema" to "wijknet.what-if/v1",
        "baseline_registry_version" to baselineRegistryVersion.toLong(),
        "baseline_agreements_version" to baselineAgreementsVersion?.toLong(),
        "proposed_registry_version" to proposedRegistryVersion.toLong(),
        "proposed_agreements_version" to proposedAgreementsVersion?.toLong(),
        "not_submitted" to notSubmitted,
        "total" to total.toJson(),
        "by_change" to byChange.mapKeys { it.key.code() },
        "by_pc4" to byPc4.mapValues { it.value.toJson() },
        "by_municipality" to byMunicipality.mapValues { it.value.toJson() },
        "by_care_type" to byCareType.entries.associate { it.key.code() to it.value.toJson() },
        "by_time_of_day" to byTimeOfDay.entries.associate { it.key.code() to it.value.toJson() },
        "referrals" to referrals.map { it.toJson() },
        "referrals_omitted" to referralsOmitted,
    )

    @TestFactory
    fun vectors(): List<DynamicTest> {
        val cases = Vectors.cases("what_if")
        assertTrue(cases.size >= 7, "found only ${cases.size} what_if vectors in ${Vectors.root}")
        return cases.map { (name, case) ->
            DynamicTest.dynamicTest("what_if/$name") {
                val registry = Registry.fromJson(Vectors.document(case.getString("registry")))
                val proposedRegistry = if (case.has("proposed_registry")) Registry.fromJson(Vectors.document(case.getString("proposed_registry"))) else null
                fun agreements(key: String, against: Registry): Agreements? =
                    if (case.isNull(key)) null else Agreements.fromJson(Vectors.document(case.get(key)), against)
                val baseline = agreements("agreements", registry)
                val proposed = agreements("proposed_agreements", proposedRegistry ?: registry)
                val book = ReferralBook.replayJson(case.getJSONObject("events").toString().toByteArray())
                val max = if (case.has("max_referrals")) case.getInt("max_referrals").toUInt() else 1000u
                val result = book.whatIf(registry, baseline, proposed, proposedRegistry, max)
                Vectors.mismatch(case.get("expected"), result.toJson())?.let { fail("$name: $it\nactual: ${result.toJson()}") }
                // The same inputs, the same answer; with a progress lambda too, and a cancel.
                assertEquals(result, book.whatIf(registry, baseline, proposed, proposedRegistry, max))
                var last = 0uL to 1uL
                val observed = book.whatIf(registry, baseline, proposed, proposedRegistry, max) { step, done, total ->
                    assertEquals(ProgressStep.WHAT_IF, step)
                    last = done to total
                    true
                }
                assertEquals(result, observed)
                assertEquals(last.second, last.first, "the last report is the whole book")
                org.junit.jupiter.api.assertThrows<WijknetException.Cancelled> {
                    book.whatIf(registry, baseline, proposed, proposedRegistry, max) { _, _, _ -> false }
                }
                listOfNotNull(book, baseline, proposed, proposedRegistry, registry).forEach { it.close() }
            }
        }
    }
}
