package nl.wijknet

import nl.wijknet.types.*
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.fail
import java.time.Instant

/**
 * The referral lifecycle through the typed Kotlin API: every referral vector (run as
 * tests/vectors/referral/README.md says: parse, apply event by event, compare summaries,
 * monitoring and escalation checks with `expect` as exact JSON values), and every referral
 * function and error.
 */
class ReferralTest {

    private fun Reason?.toJson(): Map<String, Any?>? = this?.let { r ->
        buildMap { put("code", r.code.code()); r.text?.let { put("text", it) } }
    }

    private fun ReferralSummary.toJson(): Map<String, Any?> = mapOf(
        "id" to id,
        "status" to status.code(),
        "declines" to declines,
        "placed_team" to placedTeam,
        "escalation" to escalation?.let { mapOf("at" to it.at.toString(), "trigger" to it.trigger.code(), "accountable" to it.accountable) },
        "reason" to reason.toJson(),
        "offers" to offers.map { mapOf("team" to it.team, "status" to it.status.code(), "reason" to it.reason.toJson()) },
    )

    private fun DurationStats.toJson() = mapOf("count" to count, "median_secs" to medianSecs, "p90_secs" to p90Secs)
    private fun Map<ReferralReason, Long>.toJson() = entries.associate { it.key.code() to it.value }

    private fun Monitoring.toJson(): Map<String, Any?> = mapOf(
        "referrals" to referrals,
        "placed" to placed,
        "placed_hours_per_week" to placedHoursPerWeek,
        "placed_without_hours" to placedWithoutHours,
        "time_to_placement" to timeToPlacement.toJson(),
        "time_to_placement_by_care_type" to timeToPlacementByCareType.entries.associate { it.key.code() to it.value.toJson() },
        "time_to_placement_by_pc4" to timeToPlacementByPc4.mapValues { it.value.toJson() },
        "time_to_placement_by_municipality" to timeToPlacementByMunicipality.mapValues { it.value.toJson() },
        "teams_contacted" to mapOf(
            "median" to teamsContacted.median,
            "p90" to teamsContacted.p90,
            "histogram" to teamsContacted.histogram.entries.associate { it.key.toString() to it.value },
        ),
        "declines" to declines.toJson(),
        "declines_by_care_type" to declinesByCareType.entries.associate { it.key.code() to it.value.toJson() },
        "declines_by_pc4" to declinesByPc4.mapValues { it.value.toJson() },
        "declines_by_municipality" to declinesByMunicipality.mapValues { it.value.toJson() },
        "escalated" to escalated,
        "escalated_by_trigger" to escalatedByTrigger.entries.associate { it.key.code() to it.value },
        "never_placed" to neverPlaced.entries.associate { it.key.code() to it.value },
    )

    private fun errorJson(e: WijknetException, eventIndex: Int?): Map<String, Any?> = buildMap {
        put("code", e.code())
        if (e.code() in setOf("invalid", "json", "schema")) put("paths", e.problems().map { it.path })
        eventIndex?.let { put("event_index", it.toLong()) }
    }

    private fun policy(p: JSONObject) = EscalationPolicy(
        accountable = p.getString("accountable"),
        maxUnplacedAcuteSecs = p.getLong("max_unplaced_acute_secs"),
        maxUnplacedNonAcuteSecs = p.getLong("max_unplaced_non_acute_secs"),
        maxDeclines = p.getInt("max_declines"),
    )

    private fun answer(v: JSONObject): Map<String, Any?> {
        val events = try {
            referralEventsFromJson(v.getJSONObject("events").toString().toByteArray())
        } catch (e: WijknetException) {
            return mapOf("error" to errorJson(e, null))
        }
        var book = ReferralBook()
        events.forEachIndexed { i, event ->
            val next = try {
                book.apply(event)
            } catch (e: WijknetException) {
                book.close()
                return mapOf("error" to errorJson(e, i))
            }
            book.close()
            book = next
        }
        return book.use { b ->
            // Replaying all at once gives the same book as applying one by one.
            ReferralBook.replay(events).use { replayed -> assertEquals(b.summaries(), replayed.summaries()) }
            val out = mutableMapOf<String, Any?>("referrals" to b.summaries().map { it.toJson() }, "monitoring" to b.monitoring().toJson())
            v.optJSONArray("checks")?.let { checks ->
                out["checks"] = (0 until checks.length()).map { i ->
                    val c = checks.getJSONObject(i)
                    val event = b.checkEscalation(c.getString("referral"), policy(c.getJSONObject("policy")), Instant.parse(c.getString("now")))
                    event?.let {
                        assertTrue(it.kind is ReferralEventKind.Escalated, "a check returns an escalated event")
                        // The stored (wire) form of the typed event, through the binding's own writer.
                        JSONObject(referralEventsToJson(listOf(it))).getJSONArray("events").getJSONObject(0).toMap()
                    }
                }
            }
            out
        }
    }

    @TestFactory
    fun vectors(): List<DynamicTest> {
        val cases = Vectors.cases("referral")
        assertTrue(cases.size >= 7, "found only ${cases.size} referral vectors")
        return cases.map { (name, v) ->
            DynamicTest.dynamicTest("referral/$name") {
                val actual = answer(v)
                exactMismatch(v.get("expect"), actual)?.let { fail("$name: $it\nactual: $actual") }
            }
        }
    }

    private val t0 = Instant.parse("2026-03-02T09:00:00Z")
    private val gp = Actor.Referrer("gp-12")
    private val policy = EscalationPolicy("cp-twente", 86_400, 432_000, 2)

    private fun created(referral: String = "r1") = ReferralEvent(
        "e1", referral, 1uL, t0, gp,
        ReferralEventKind.Created(Intake(referrer = "gp-12", careTypes = listOf(CareType.WOUND_CARE), pc4 = "7511", municipality = "GM0153", policy = policy)),
    )

    @Test
    fun `typed events run the lifecycle and round-trip through the events document`() {
        val events = listOf(
            created(),
            ReferralEvent("e2", "r1", 2uL, t0.plusSeconds(60), gp, ReferralEventKind.Submitted),
            ReferralEvent("e3", "r1", 3uL, t0.plusSeconds(120), gp, ReferralEventKind.OfferSent("t-noord")),
            ReferralEvent("e4", "r1", 4uL, t0.plusSeconds(300), Actor.Team("t-noord"), ReferralEventKind.OfferRejected("t-noord", Reason(ReferralReason.NO_CAPACITY))),
            ReferralEvent("e5", "r1", 5uL, t0.plusSeconds(400), gp, ReferralEventKind.OfferSent("t-zuid")),
            ReferralEvent("e6", "r1", 6uL, t0.plusSeconds(900), Actor.Team("t-zuid"), ReferralEventKind.OfferAccepted("t-zuid")),
            ReferralEvent("e7", "r1", 7uL, t0.plusSeconds(3600), Actor.Team("t-zuid"), ReferralEventKind.CareStarted("t-zuid")),
        )
        assertEquals(events, referralEventsFromJson(referralEventsToJson(events).toByteArray()))
        ReferralBook.replay(events).use { book ->
            assertEquals(1, book.len())
            assertTrue(!book.isEmpty())
            val s = book.summary("r1")!!
            assertEquals(ReferralStatus.IN_PROGRESS, s.status)
            assertEquals("t-zuid", s.placedTeam)
            assertEquals(1, s.declines)
            assertEquals(listOf(OfferStatus.REJECTED, OfferStatus.IN_PROGRESS), s.offers.map { it.status })
            assertEquals(Reason(ReferralReason.NO_CAPACITY, null), s.offers[0].reason)
            assertNull(book.summary("r9"))
            val m = book.monitoring()
            assertEquals(1L, m.placed)
            // Placement time runs from `submitted` (t0+60s) to the acceptance (t0+900s).
            assertEquals(DurationStats(1L, 840L, 840L), m.timeToPlacement)
            assertEquals(mapOf(ReferralReason.NO_CAPACITY to 1L), m.declines)
            assertEquals(mapOf("7511" to mapOf(ReferralReason.NO_CAPACITY to 1L)), m.declinesByPc4)
            assertEquals(mapOf(2 to 1L), m.teamsContacted.histogram)
            assertNull(book.checkEscalation("r1", policy, t0.plusSeconds(10 * 86_400)), "a placed referral never escalates")
        }
        // `apply` returns a new book and leaves the old one as it was.
        ReferralBook().use { empty ->
            empty.apply(events[0]).use { one ->
                assertEquals(0, empty.len())
                assertEquals(ReferralStatus.DRAFT, one.summary("r1")!!.status)
            }
        }
        ReferralBook.replayJson(referralEventsToJson(events).toByteArray()).use { assertEquals(ReferralStatus.IN_PROGRESS, it.summary("r1")!!.status) }
    }

    @Test
    fun `the intake carries the volume and monitoring adds up the placed hours`() {
        val intake = Intake(
            referrer = "gp-12", careTypes = listOf(CareType.WOUND_CARE), pc4 = "7511",
            visitsPerWeek = 14u, hoursPerWeek = 1.5, visitMoments = listOf(VisitMoment.MORNING, VisitMoment.EVENING),
        )
        val events = listOf(
            ReferralEvent("e1", "r1", 1uL, t0, gp, ReferralEventKind.Created(intake)),
            ReferralEvent("e2", "r1", 2uL, t0.plusSeconds(60), gp, ReferralEventKind.Submitted),
            ReferralEvent("e3", "r1", 3uL, t0.plusSeconds(120), gp, ReferralEventKind.OfferSent("t-zuid")),
            ReferralEvent("e4", "r1", 4uL, t0.plusSeconds(900), Actor.Team("t-zuid"), ReferralEventKind.OfferAccepted("t-zuid")),
            ReferralEvent("e5", "r1", 5uL, t0.plusSeconds(3600), Actor.Team("t-zuid"), ReferralEventKind.CareStarted("t-zuid")),
        )
        val json = referralEventsToJson(events)
        val created = JSONObject(json).getJSONArray("events").getJSONObject(0)
        assertEquals(1.5, created.getDouble("hours_per_week"))
        assertEquals(14, created.getInt("visits_per_week"))
        assertEquals(listOf("morning", "evening"), created.getJSONArray("visit_moments").toList())
        assertEquals(events, referralEventsFromJson(json.toByteArray()))
        ReferralBook.replay(events).use { book ->
            val m = book.monitoring()
            assertEquals(1.5, m.placedHoursPerWeek)
            assertEquals(0L, m.placedWithoutHours)
        }
        // The intake's rules are the match request's: every problem at its path.
        val bad = ReferralEvent("e1", "r1", 1uL, t0, gp, ReferralEventKind.Created(intake.copy(visitsPerWeek = 0u, hoursPerWeek = 200.0)))
        val e = assertThrows<WijknetException.Invalid> { ReferralBook.replay(listOf(bad)) }
        assertEquals(listOf("$.events[0].visits_per_week", "$.events[0].hours_per_week"), e.problems().map { it.path })
    }

    @Test
    fun `escalation check returns the typed escalated event`() {
        val events = listOf(created(), ReferralEvent("e2", "r1", 2uL, t0, gp, ReferralEventKind.Submitted))
        ReferralBook.replay(events).use { book ->
            assertNull(book.checkEscalation("r1", policy, t0.plusSeconds(432_000)), "the limit is strict")
            val e = book.checkEscalation("r1", policy, t0.plusSeconds(432_001))!!
            assertEquals(ReferralEventKind.Escalated("cp-twente", EscalationTrigger.UNPLACED_TOO_LONG), e.kind)
            assertEquals(Actor.Coordinator("cp-twente"), e.actor)
            assertEquals(3uL, e.seq)
            book.apply(e).use { escalated -> assertEquals(ReferralStatus.ESCALATED, escalated.summary("r1")!!.status) }
            assertThrows<WijknetException.NotFound> { book.checkEscalation("r9", policy, t0) }
            assertThrows<WijknetException.Invalid> { book.checkEscalation("r1", policy.copy(maxUnplacedAcuteSecs = 0), t0) }
        }
    }

    @Test
    fun `refused events are typed errors`() {
        ReferralBook.replay(listOf(created(), ReferralEvent("e2", "r1", 2uL, t0, gp, ReferralEventKind.Submitted))).use { book ->
            val dup = assertThrows<WijknetException.DuplicateEvent> { book.apply(ReferralEvent("e2", "r1", 3uL, t0, gp, ReferralEventKind.OfferSent("t-a"))) }
            assertEquals("e2", dup.event)
            assertEquals("duplicate_event", dup.code())
            val wrong = assertThrows<WijknetException.WrongActor> { book.apply(ReferralEvent("e3", "r1", 3uL, t0, Actor.Team("t-a"), ReferralEventKind.OfferSent("t-a"))) }
            assertEquals("offer_sent", wrong.eventType)
            val transition = assertThrows<WijknetException.Transition> { book.apply(ReferralEvent("e3", "r1", 3uL, t0, Actor.Team("t-a"), ReferralEventKind.OfferAccepted("t-a"))) }
            assertEquals("r1", transition.referral)
            assertEquals("transition", transition.code())
            assertThrows<WijknetException.VersionConflict> { book.apply(ReferralEvent("e3", "r1", 9uL, t0, gp, ReferralEventKind.OfferSent("t-a"))) }
            assertThrows<WijknetException.NotFound> { book.apply(ReferralEvent("x1", "r9", 2uL, t0, gp, ReferralEventKind.Submitted)) }
            val invalid = assertThrows<WijknetException.Invalid> { book.apply(ReferralEvent("e3", "r1", 3uL, t0, gp, ReferralEventKind.OfferSent("bad team!"))) }
            assertEquals(listOf("$.team"), invalid.problems.map { it.path })
            // Free text only goes with the code `other` (the core's rule, reported with its path).
            val text = assertThrows<WijknetException.Invalid> {
                book.apply(ReferralEvent("e3", "r1", 3uL, t0, gp, ReferralEventKind.ReferralCancelled(Reason(ReferralReason.CLIENT_DECLINED, "verhuisd"))))
            }
            assertEquals(listOf("$.reason.text"), text.problems.map { it.path })
            book.apply(ReferralEvent("e3", "r1", 3uL, t0, gp, ReferralEventKind.ReferralCancelled(Reason(ReferralReason.OTHER, "verhuisd")))).use {
                assertEquals(Reason(ReferralReason.OTHER, "verhuisd"), it.summary("r1")!!.reason)
            }
        }
        val bad = assertThrows<WijknetException.Invalid> {
            referralEventsFromJson("""{"schema":"wijknet.referral-events/v1","events":[{"id":"e1","referral":"r1","seq":1,"at":"soon","actor":{"role":"referrer","id":"gp"},"type":"submitted"}]}""".toByteArray())
        }
        assertEquals(listOf("$.events[0].at"), bad.problems.map { it.path })
        assertThrows<WijknetException.Schema> { ReferralBook.replayJson("""{"schema":"x"}""".toByteArray()) }
    }
}
