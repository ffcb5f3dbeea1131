package nl.wijknet

import nl.wijknet.types.*
import org.json.JSONObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.fail
import java.time.Instant

/**
 * Consent through the typed Kotlin API: every consent vector (tests/vectors/consent, compared as
 * that folder's README says: decisions as exact JSON values, audit hashes, error codes with the
 * exact set of problem paths and no personal data in any message), and every consent function.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentTest {

    @TestFactory
    fun vectors(): List<DynamicTest> {
        val cases = Vectors.cases("consent")
        assertTrue(cases.size >= 13, "found only ${cases.size} consent vectors")
        return cases.map { (name, v) -> DynamicTest.dynamicTest("consent/$name") { run(name, v) } }
    }

    private fun run(name: String, v: JSONObject) {
        assertEquals("wijknet.consent-vector/v1", v.getString("schema"))
        assertEquals(name.removeSuffix(".json"), v.getString("name"))
        val storeBytes = v.getJSONObject("store").toString().toByteArray()
        if (v.has("expected_error")) {
            val expected = v.getJSONObject("expected_error")
            val e = assertThrows<WijknetException>("$name: the store loaded") { ConsentStore.fromJson(storeBytes) }
            assertEquals(expected.getString("code"), e.code(), name)
            val want = expected.getJSONArray("paths").map { it as String }.toSet()
            assertEquals(want, e.problems().map { it.path }.toSet(), name)
            val shown = e.toString() + " " + e.problems().joinToString { "${it.path}: ${it.reason}" } + " " + e.message
            for (secret in expected.optJSONArray("must_not_contain")?.map { it as String } ?: emptyList()) {
                assertFalse(secret in shown, "$name: error text contains $secret: $shown")
            }
            return
        }
        ConsentStore.fromJson(storeBytes).use { store ->
            val request = consentRequestFromJson(v.getJSONObject("request").toString().toByteArray())
            val at = Instant.parse(v.getString("at"))
            val decision = store.decide(request, at)
            val traced = store.decideWithTrace(request, at)
            assertEquals(decision, traced.decision, "$name: decide and decideWithTrace disagree")
            v.optJSONObject("expected_trace")?.let { want ->
                val got = traced.trace.records.associate { it.id to it.reason.code() }
                assertEquals(want.keySet().associateWith { want.getString(it) }, got, "$name: trace reasons")
            }
            val audited = store.decideAudited(request, at)
            assertEquals(decision, audited.decision, "$name: decide and decideAudited disagree")
            exactMismatch(v.getJSONObject("expected"), decision.toJson())?.let { fail("$name: $it\nactual: ${decision.toJson()}") }
            v.optJSONObject("expected_audit")?.let { a ->
                assertEquals(a.getString("decision_id"), audited.audit.decisionId, name)
                assertEquals(a.getString("inputs_hash"), audited.audit.inputsHash, name)
                assertEquals(a.getString("data_version"), audited.audit.dataVersion, name)
            }
        }
    }

    private val storeJson = """{"schema":"wijknet.consent/v1","version":"kt-1",
      "clients":[{"id":"cl-1","date_of_birth":"1940-05-01","can_decide":true},
                 {"id":"cl-minor","date_of_birth":"2014-02-01","can_decide":true}],
      "consents":[],"objections":[]}"""
    private val store = ConsentStore.fromJsonString(storeJson)
    private val at = Instant.parse("2026-11-22T10:00:00Z")
    private val nurse = ConsentParty("org-a", RecipientRole.HOME_CARE_PROVIDER)
    private val gp = ConsentParty("gp-1", RecipientRole.GP)

    @AfterAll
    fun close() = store.close()

    @Test
    fun `store loads, exports and answers lookups`() {
        assertEquals("kt-1", store.version())
        assertEquals(2, store.clientCount())
        assertTrue(store.hasClient("cl-1"))
        assertFalse(store.hasClient("cl-9"))
        ConsentStore.fromJsonString(store.toJson()).use { again -> assertEquals(store.toJson(), again.toJson()) }
        assertEquals(WhoDecides.CLIENT, store.whoDecides("cl-1", at))
        assertEquals(WhoDecides.CLIENT_AND_REPRESENTATIVE, store.whoDecides("cl-minor", at)) // 12 years old
        assertNull(store.whoDecides("cl-9", at))
    }

    @Test
    fun `treatment relationship permits care data, not billing data`() {
        val request = ConsentRequest(
            client = "cl-1", discloser = nurse, recipient = gp, purpose = Purpose.DIRECT_CARE,
            categories = listOf(DataCategory.FINANCIAL_BILLING, DataCategory.NURSING_PLAN_REPORTS),
            treatmentRelationships = listOf("org-a", "gp-1"),
        )
        val decision = store.decide(request, at)
        assertEquals(listOf(DataCategory.NURSING_PLAN_REPORTS, DataCategory.FINANCIAL_BILLING), decision.categories.map { it.category }, "stable category order")
        val plan = decision.categories[0]
        assertEquals(ConsentOutcome.PERMIT, plan.outcome)
        assertEquals(ConsentBasis.TREATMENT_RELATIONSHIP, plan.basis)
        assertNull(plan.provision)
        assertTrue(Obligation.LOG_DISCLOSURE in plan.obligations)
        assertTrue(decision.categories[1].outcome != ConsentOutcome.PERMIT)
        assertEquals(CombiningPolicy.MOST_SPECIFIC_WINS, decision.policy)
        assertEquals(at, decision.at)

        val traced = store.decideWithTrace(request, at)
        assertEquals(decision, traced.decision)
        assertEquals(WhoDecides.CLIENT, traced.trace.whoDecides)
        assertEquals(decision.categories.map { it.category }, traced.trace.categories.map { it.category })
        assertEquals(ConsentBasis.TREATMENT_RELATIONSHIP, traced.trace.categories[0].legalBasis)
        assertTrue(traced.trace.records.isEmpty())

        val audited = store.decideAudited(request, at)
        assertEquals(decision, audited.decision)
        assertTrue(audited.audit.decisionId.matches(Regex("[0-9a-f]{16}")))
        assertTrue(audited.audit.inputsHash.startsWith("fnv1a64:"))
        assertEquals("kt-1", audited.audit.dataVersion)
        assertEquals(decision.categories.map { Triple(it.category, it.outcome, it.basis) }, audited.audit.outcomes.map { Triple(it.category, it.outcome, it.basis) })
        // Deterministic: the same question on the same data at the same instant, the same id.
        assertEquals(audited.audit, store.decideAudited(request, at).audit)
        // Explicit defaults give the same inputs (and so the same audit id) as the defaults.
        assertEquals(audited.audit, store.decideAudited(request.copy(channel = ConsentChannel.DIRECT, policy = CombiningPolicy.MOST_SPECIFIC_WINS), at).audit)
    }

    @Test
    fun `the data form decides what research gets without consent`() {
        val research = ConsentRequest(
            client = "cl-1", discloser = nurse, recipient = ConsentParty("umc-1", RecipientRole.HOSPITAL),
            purpose = Purpose.RESEARCH, categories = listOf(DataCategory.MEDICAL),
        )
        fun answer(form: DataForm?) = store.decide(research.copy(dataForm = form), at).categories.single().let { Pair(it.outcome, it.obligations) }
        assertEquals(Pair(ConsentOutcome.DENY, emptyList<Obligation>()), answer(DataForm.IDENTIFIED))
        assertEquals(Pair(ConsentOutcome.PERMIT, listOf(Obligation.PSEUDONYMISE)), answer(DataForm.PSEUDONYMISED))
        assertEquals(Pair(ConsentOutcome.PERMIT, emptyList<Obligation>()), answer(DataForm.AGGREGATED))
        assertEquals(answer(DataForm.PSEUDONYMISED), answer(null), "unsaid: permitted on the condition that it is pseudonymised")
        assertEquals(ConsentBasis.AGGREGATED_ONLY, store.decide(research.copy(dataForm = DataForm.IDENTIFIED), at).categories.single().basis)
    }

    @Test
    fun `break-glass and agreements arrive typed`() {
        val emergency = ConsentRequest(
            client = "cl-1", discloser = nurse, recipient = ConsentParty("hosp", RecipientRole.HOSPITAL),
            purpose = Purpose.EMERGENCY, categories = listOf(DataCategory.MEDICATION), emergency = EmergencyReason.CLIENT_UNCONSCIOUS,
        )
        val d = store.decideAudited(emergency, at)
        assertEquals(EmergencyReason.CLIENT_UNCONSCIOUS, d.audit.emergency)
        assertEquals(ConsentOutcome.PERMIT, d.decision.categories.single().outcome)
        assertTrue(Obligation.INFORM_CLIENT in d.decision.categories.single().obligations)

        val rotation = SharingAgreement(
            id = "ag-night", parties = listOf("org-a", "org-b"), categories = listOf(DataCategory.NURSING_PLAN_REPORTS),
            purposes = listOf(Purpose.DIRECT_CARE), validFrom = Instant.parse("2026-01-01T00:00:00Z"), validUntil = null, active = true,
        )
        val shared = store.decide(
            ConsentRequest(client = "cl-1", discloser = nurse, recipient = ConsentParty("org-b", RecipientRole.HOME_CARE_PROVIDER),
                purpose = Purpose.DIRECT_CARE, categories = listOf(DataCategory.NURSING_PLAN_REPORTS), agreements = listOf(rotation)),
            at,
        )
        assertEquals(ConsentBasis.SHARING_AGREEMENT, shared.categories.single().basis)
        // The typed request round-trips through the JSON shape.
        val parsed = consentRequestFromJson(
            """{"client":"cl-1","discloser":{"organisation":"org-a","role":"home_care_provider"},
               "recipient":{"organisation":"hosp","role":"hospital"},"purpose":"emergency","categories":["medication"],
               "emergency":{"reason":"client_unconscious"}}""".toByteArray(),
        )
        assertEquals(emergency.copy(channel = ConsentChannel.DIRECT, policy = CombiningPolicy.MOST_SPECIFIC_WINS), parsed)
    }

    @Test
    fun `consent errors are typed`() {
        val request = ConsentRequest(client = "cl-9", discloser = nurse, recipient = gp, purpose = Purpose.DIRECT_CARE, categories = listOf(DataCategory.MEDICAL))
        val unknown = assertThrows<WijknetException.NotFound> { store.decide(request, at) }
        assertEquals("cl-9", unknown.id)
        assertThrows<WijknetException.Invalid> { store.decide(request.copy(client = "cl-1", categories = emptyList()), at) }
        // A malformed id breaks a rule of the request (the core's consent loader checks ids after a
        // strict read), reported at its path.
        val badId = assertThrows<WijknetException.Invalid> { store.decide(request.copy(discloser = ConsentParty("bad id!", RecipientRole.GP)), at) }
        assertEquals(listOf("$.discloser.organisation"), badId.problems.map { it.path })
        assertThrows<WijknetException.Invalid> { store.decide(request.copy(client = "cl-1"), Instant.MAX) }
        assertThrows<WijknetException.Json> { consentRequestFromJson("""{"client":"cl-1","purpose":"gossip"}""".toByteArray()) }
        assertThrows<WijknetException.Schema> { ConsentStore.fromJsonString("""{"schema":"wijknet.registry/v1"}""") }
        assertThrows<WijknetException.Json> { ConsentStore.fromJsonString("[") }
    }
}
