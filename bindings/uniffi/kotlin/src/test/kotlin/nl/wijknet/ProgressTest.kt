package nl.wijknet

import nl.wijknet.types.*
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** Progress reports and cancel of the long calls, from a Kotlin lambda. */
class ProgressTest {
    private val registryJson = File(Vectors.root, "registries/basic.json").readBytes()
    private val eventsJson = JSONObject(File(Vectors.root, "referral/escalation_and_outcomes.json").readText())
        .getJSONObject("events").toString().toByteArray()

    private data class Report(val step: ProgressStep, val done: ULong, val total: ULong)

    @Test
    fun registryLoadReportsEveryStepAndGivesTheSameRegistry() {
        val seen = mutableListOf<Report>()
        val reg = Registry.fromJson(registryJson) { step, done, total -> seen += Report(step, done, total); true }
        assertEquals(listOf(ProgressStep.READ, ProgressStep.CHECK, ProgressStep.INDEX), seen.map { it.step }.distinct())
        assertEquals(6, seen.size, "three whole steps, each reported at its start and end")
        assertTrue(seen.all { it.done <= it.total })
        assertEquals(registryJson.size.toULong(), seen.first().total)
        assertEquals(Registry.fromJson(registryJson).toJson(), reg.toJson())
    }

    @Test
    fun consentStoreLoadReportsReadAndIndexAndCancels() {
        val storeJson = File(Vectors.root, "../../examples/data/twente.consent.json").readBytes()
        val seen = mutableListOf<Report>()
        val store = ConsentStore.fromJson(storeJson) { step, done, total -> seen += Report(step, done, total); true }
        assertEquals(listOf(ProgressStep.READ, ProgressStep.INDEX), seen.map { it.step }.distinct())
        assertEquals(4, seen.size, "two whole steps, each reported at its start and end")
        assertEquals(seen.last().total, seen.last().done)
        assertEquals(ConsentStore.fromJson(storeJson).toJson(), store.toJson())
        for (step in listOf(ProgressStep.READ, ProgressStep.INDEX)) {
            val e = assertThrows<WijknetException.Cancelled> { ConsentStore.fromJson(storeJson) { s, _, _ -> s != step } }
            assertEquals(step, e.step)
        }
    }

    @Test
    fun fhirDirectoryLoadReportsEveryStepAndCancels() {
        val fhir = Registry.fromJson(registryJson).use { it.toFhir(FhirBundleType.COLLECTION) }.toByteArray()
        val seen = mutableListOf<Report>()
        val dir = FhirDirectory.fromJson(fhir) { step, done, total -> seen += Report(step, done, total); true }
        assertEquals(listOf(ProgressStep.READ, ProgressStep.CHECK, ProgressStep.INDEX), seen.map { it.step }.distinct())
        assertEquals(6, seen.size, "three whole steps, each reported at its start and end")
        assertEquals(fhir.size.toULong(), seen.first().total)
        assertEquals(JSONObject(String(fhir)).getJSONArray("entry").length().toULong(), seen[2].total)
        assertEquals(dir.resourceCount(), seen.last().total)
        dir.use { d -> FhirDirectory.fromJson(fhir).use { assertEquals(it.registry().toJson(), d.registry().toJson()) } }
        for (step in listOf(ProgressStep.READ, ProgressStep.CHECK, ProgressStep.INDEX)) {
            val e = assertThrows<WijknetException.Cancelled> { FhirDirectory.fromJson(fhir) { s, _, _ -> s != step } }
            assertEquals(step, e.step)
        }
    }

    @Test
    fun cancelAtAnyStepThrowsCancelled() {
        for (step in listOf(ProgressStep.READ, ProgressStep.CHECK, ProgressStep.INDEX)) {
            val e = assertThrows<WijknetException.Cancelled> {
                Registry.fromJson(registryJson) { s, _, _ -> s != step }
            }
            assertEquals("cancelled", e.code())
            assertEquals(step, e.step)
        }
    }

    @Test
    fun replayReportsEveryEventAndCancels() {
        val seen = mutableListOf<Report>()
        val book = ReferralBook.replayJson(eventsJson) { step, done, total -> seen += Report(step, done, total); true }
        assertEquals(listOf(ProgressStep.READ, ProgressStep.CHECK, ProgressStep.REPLAY), seen.map { it.step }.distinct())
        val last = seen.last()
        assertEquals(ProgressStep.REPLAY, last.step)
        assertEquals(last.total, last.done)
        assertEquals(ReferralBook.replayJson(eventsJson).summaries(), book.summaries())
        assertThrows<WijknetException.Cancelled> {
            ReferralBook.replayJson(eventsJson) { step, done, _ -> !(step == ProgressStep.REPLAY && done > 0uL) }
        }
        // the listener interface itself, as Swift and Java use it
        val counting = object : ProgressListener {
            var calls = 0
            override fun onProgress(step: ProgressStep, done: ULong, total: ULong): Boolean { calls++; return true }
        }
        ReferralBook.replayJson(eventsJson, counting)
        assertTrue(counting.calls >= 4)
    }
}
