package nl.wijknet

import nl.wijknet.types.*
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Instant

/**
 * FHIR R4 through the front door (wijknet-fhir): FhirDirectory (merged, shared), Registry.fromFhir/toFhir,
 * ConsentStore.fromFhir/toFhir, auditEventToFhir, referralEventsFromFhir/ToFhir. Real data: the
 * demo region, the public IG examples of fhir/tests/data, the consent and referral vectors;
 * round trips give equal values; errors are typed with FHIRPath-like problem paths.
 */
class FhirTest {
    private val repo = Vectors.root.parentFile.parentFile
    private fun file(path: String) = File(repo, path).readBytes()
    private val twente get() = Registry.fromJson(file("examples/data/twente.json"))

    @Test
    fun `registry round-trips through FHIR in every bundle type`() {
        twente.use { region ->
            for (type in FhirBundleType.values()) {
                val fhir = region.toFhir(type)
                assertEquals(type.name.lowercase(), JSONObject(fhir).getString("type"))
                // Only a searchset (a server's answer) has a total: one per entry.
                val bundle = JSONObject(fhir)
                assertEquals(type == FhirBundleType.SEARCHSET, bundle.has("total"))
                if (bundle.has("total")) assertEquals(bundle.getJSONArray("entry").length(), bundle.getInt("total"))
                Registry.fromFhir(fhir.toByteArray()).use { back -> assertEquals(region.toJson(), back.toJson()) }
                FhirDirectory.fromJson(fhir.toByteArray()).use { dir ->
                    dir.registry().use { assertEquals(region.toJson(), it.toJson()) }
                    assertTrue(dir.resourceCount() > region.teamCount().toULong())
                    assertTrue("FhirDirectory" in dir.toString())
                }
            }
        }
    }

    @Test
    fun `IG examples import or give every problem at a FHIR path`() {
        Registry.fromFhir(file("fhir/tests/data/nl-gf-admin-directory-org1.json")).use { r ->
            val o = r.organisations().single()
            assertEquals("4cb35b96-f021-4e15-bf71-d67a6d4bebec", o.id)
            assertEquals(OrganisationKind.GP_PRACTICE, o.kind)
        }
        val e = assertThrows<WijknetException.Invalid> { FhirDirectory.fromJson(file("fhir/tests/data/ihe-mcsd-examples.json")) }
        assertEquals("invalid", e.code())
        val paths = e.problems().map { it.path }
        assertTrue("Bundle.entry[0].resource.type" in paths, paths.toString())
        assertTrue(paths.all { it.startsWith("Bundle") }, paths.toString())
        val wlz = assertThrows<WijknetException.Invalid> { Registry.fromFhir(file("fhir/tests/data/nl-gf-admin-directory-org3.json")) }
        assertTrue(wlz.problems().any { it.path == "Bundle.entry[5].resource.type" })
        assertThrows<WijknetException.Json> {
            FhirDirectory.fromJson("""{"resourceType":"Bundle","type":"collection","type":"history"}""".toByteArray())
        }
    }

    /** A `_history` Bundle with one PUT of [team]'s HealthcareService of [bundle], its capacity [status] at version [v]. */
    private fun capacityHistory(bundle: JSONObject, team: String, status: String, v: ULong, lastUpdated: String? = null): ByteArray {
        val entries = bundle.getJSONArray("entry")
        val svc = JSONObject((0 until entries.length()).map { entries.getJSONObject(it).getJSONObject("resource") }
            .first { it.getString("resourceType") == "HealthcareService" && it.getString("id") == team }.toString())
        val cap = (0 until svc.getJSONArray("extension").length()).map { svc.getJSONArray("extension").getJSONObject(it) }
            .first { it.getString("url").endsWith("/capacity") }
        for (i in 0 until cap.getJSONArray("extension").length()) {
            val sub = cap.getJSONArray("extension").getJSONObject(i)
            when (sub.getString("url")) {
                "status" -> sub.put("valueCode", status)
                "version" -> sub.put("valueString", v.toString())
                "updatedAt" -> sub.put("valueInstant", "2026-11-22T13:00:00Z")
            }
        }
        if (lastUpdated != null) svc.put("meta", JSONObject().put("lastUpdated", lastUpdated))
        val entry = JSONObject().put("resource", svc).put("request", JSONObject().put("method", "PUT").put("url", "HealthcareService/$team"))
        return JSONObject().put("resourceType", "Bundle").put("type", "history").put("entry", JSONArray().put(entry)).toString().toByteArray()
    }

    @Test
    fun `a history bundle gives the next directory and a stale version conflicts`() {
        twente.use { region ->
            val exported = region.toFhir(FhirBundleType.COLLECTION).toByteArray()
            val bundle = JSONObject(String(exported))
            val team = region.teams().first().id
            val version = region.capacity(team)!!.version
            val full = capacityHistory(bundle, team, "full", version + 1uL)
            val stale = capacityHistory(bundle, team, "waitlist", version + 1uL)
            FhirDirectory.fromJson(exported).use { dir ->
                dir.applyHistory(full).use { next ->
                    next.registry().use { after ->
                        assertEquals(region.version() + 1uL, after.version())
                        assertEquals(CapacityStatus.FULL, after.capacity(team)!!.status)
                    }
                    dir.registry().use { assertEquals(region.capacity(team), it.capacity(team)) }
                    assertThrows<WijknetException.VersionConflict> { next.applyHistory(stale) }
                    val gone = """{"resourceType":"Bundle","type":"history","entry":[{"request":{"method":"DELETE","url":"Organization/not-there"}}]}"""
                    assertThrows<WijknetException.NotFound> { dir.applyHistory(gone.toByteArray()) }
                }
            }
        }
    }

    @Test
    fun `directories merge, the later lastUpdated winning, and disagreement without one is refused`() {
        twente.use { region ->
            val exported = region.toFhir(FhirBundleType.COLLECTION).toByteArray()
            val bundle = JSONObject(String(exported))
            val team = region.teams().first().id
            val version = region.capacity(team)!!.version
            FhirDirectory.fromJson(exported).use { dir ->
                FhirDirectory.merge(listOf(dir, dir)).use { m -> m.registry().use { assertEquals(region.toJson(), it.toJson()) } }
                dir.applyHistory(capacityHistory(bundle, team, "full", version + 1uL)).use { changed ->
                    val e = assertThrows<WijknetException.Invalid> { FhirDirectory.merge(listOf(dir, changed)) }
                    assertTrue(e.problems().isNotEmpty() && e.problems().all { it.path.startsWith("source[") }, e.problems().toString())
                }
                val earlier = capacityHistory(bundle, team, "waitlist", version + 1uL, "2026-11-21T13:00:00Z")
                val later = capacityHistory(bundle, team, "full", version + 1uL, "2026-11-22T13:00:00Z")
                dir.applyHistory(earlier).use { a ->
                    dir.applyHistory(later).use { b ->
                        for (order in listOf(listOf(a, b), listOf(b, a))) {
                            FhirDirectory.merge(order).use { m -> m.registry().use { assertEquals(CapacityStatus.FULL, it.capacity(team)!!.status) } }
                        }
                    }
                }
            }
        }
    }

    @Test
    fun `a shared directory installs exactly one of two racing changes`() {
        twente.use { region ->
            val exported = region.toFhir(FhirBundleType.COLLECTION).toByteArray()
            val bundle = JSONObject(String(exported))
            val team = region.teams().first().id
            val version = region.capacity(team)!!.version
            val full = capacityHistory(bundle, team, "full", version + 1uL)
            val waitlist = capacityHistory(bundle, team, "waitlist", version + 1uL)
            FhirDirectory.fromJson(exported).use { dir ->
                SharedFhirDirectory(dir).use { shared ->
                    shared.applyHistory(full).use { it.registry().use { r -> assertEquals(CapacityStatus.FULL, r.capacity(team)!!.status) } }
                    assertThrows<WijknetException.VersionConflict> { shared.applyHistory(waitlist) }
                    shared.current().use { it.registry().use { r -> assertEquals(region.version() + 1uL, r.version()) } }
                    assertTrue("SharedFhirDirectory" in shared.toString())
                    val pool = java.util.concurrent.Executors.newFixedThreadPool(2)
                    try {
                        repeat(10) {
                            shared.replace(dir)
                            val start = java.util.concurrent.CyclicBarrier(2)
                            val outcomes = pool.invokeAll(listOf(full, waitlist).map { h ->
                                java.util.concurrent.Callable {
                                    start.await()
                                    try { shared.applyHistory(h).close(); "ok" } catch (e: WijknetException.VersionConflict) { "conflict" }
                                }
                            }).map { it.get() }
                            assertEquals(listOf("conflict", "ok"), outcomes.sorted())
                        }
                    } finally {
                        pool.shutdown()
                    }
                }
            }
        }
    }

    @Test
    fun `consent store round-trips through FHIR and an audit record becomes an AuditEvent`() {
        val case = Vectors.cases("consent").first { it.first == "01_social_worker_informs_gp.json" }.second
        ConsentStore.fromJson(case.getJSONObject("store").toString().toByteArray()).use { store ->
            val fhir = store.toFhir()
            ConsentStore.fromFhir(fhir.toByteArray(), store).use { back -> assertEquals(store.toJson(), back.toJson()) }
            val bad = """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Task"}}]}"""
            val e = assertThrows<WijknetException.Invalid> { ConsentStore.fromFhir(bad.toByteArray(), store) }
            assertEquals("Bundle.entry[0].resource.resourceType", e.problems().first().path)

            val request = consentRequestFromJson(case.getJSONObject("request").toString().toByteArray())
            val audit = store.decideAudited(request, Instant.parse(case.getString("at"))).audit
            val event = JSONObject(auditEventToFhir(audit, null))
            assertEquals("AuditEvent", event.getString("resourceType"))
            val withBsn = auditEventToFhir(audit, "111222333")
            assertEquals(1, withBsn.split("111222333").size - 1)
            val wrong = assertThrows<WijknetException.Invalid> { auditEventToFhir(audit, "123456789") }
            assertEquals(listOf("bsn"), wrong.problems().map { it.path })
            assertFalse("123456789" in (wrong.message ?: "") + wrong.toString())
        }
    }

    @Test
    fun `referral events round-trip through a FHIR history`() {
        for (name in listOf("joint_intake.json", "escalation_and_outcomes.json")) {
            val case = Vectors.cases("referral").first { it.first == name }.second
            val events = referralEventsFromJson(case.getJSONObject("events").toString().toByteArray())
            val fhir = referralEventsToFhir(events)
            assertEquals("history", JSONObject(fhir).getString("type"))
            val back = referralEventsFromFhir(fhir.toByteArray())
            assertEquals(events.size, back.size, name)
            ReferralBook.replay(events).use { a -> ReferralBook.replay(back).use { b -> assertEquals(a.summaries(), b.summaries(), name) } }
        }
        val bad = """{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Patient"}}]}"""
        val e = assertThrows<WijknetException.Invalid> { referralEventsFromFhir(bad.toByteArray()) }
        assertNotNull(e.problems().firstOrNull { it.path.startsWith("Bundle") })
    }
}
