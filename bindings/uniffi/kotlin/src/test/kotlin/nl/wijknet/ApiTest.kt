package nl.wijknet

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import nl.wijknet.types.*
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.util.concurrent.Callable
import java.util.concurrent.Executors

/**
 * Every exported function, method and error of the Kotlin API, on the shared test registries.
 * Answers are checked against the rules (tests/vectors/README.md and the core's docs), not
 * against recorded output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    private val basicJson = Vectors.document("registries/basic.json")
    private val regionJson = Vectors.document("registries/region.json")
    private val agreementsJson = Vectors.document("registries/region.agreements.json")
    private val basic = Registry.fromJson(basicJson)
    private val region = Registry.fromJson(regionJson)
    private val agreements = Agreements.fromJson(agreementsJson, region)
    private val now = Instant.parse("2026-11-22T10:00:00Z")

    @AfterAll
    fun close() {
        agreements.close()
        region.close()
        basic.close()
    }

    // --- version and codes ---

    @Test
    fun `version is the workspace version`() {
        val cargo = File(System.getProperty("wijknet.cargo.toml") ?: "../../../Cargo.toml").readText()
        val workspaceVersion = Regex("""\[workspace\.package][^\[]*?version\s*=\s*"([^"]+)"""").find(cargo)!!.groupValues[1]
        assertEquals(workspaceVersion, version())
    }

    @Test
    fun `every code kind lists codes with labels in enum order`() {
        for (kind in CodeKind.entries) {
            val list = codeList(kind)
            assertTrue(list.isNotEmpty(), "$kind")
            list.forEachIndexed { i, c ->
                assertEquals(i, c.index)
                assertTrue(c.code.matches(Regex("[a-z0-9_]+")), c.code)
                assertTrue(c.labelNl.isNotBlank() && c.labelEn.isNotBlank())
            }
            assertEquals(list.size, list.map { it.code }.toSet().size, "codes of $kind are unique")
        }
        // The enum methods agree with the listing, value by value (ordinal = stable index).
        val care = codeList(CodeKind.CARE_TYPE)
        assertEquals(CareType.entries.size, care.size)
        CareType.entries.forEach { c ->
            assertEquals(care[c.ordinal].code, c.code())
            assertEquals(care[c.ordinal].labelNl, c.labelNl())
            assertEquals(care[c.ordinal].labelEn, c.labelEn())
        }
        assertEquals("wound_care", CareType.WOUND_CARE.code())
        assertEquals("wondzorg", CareType.WOUND_CARE.labelNl())
        assertEquals("no_capacity_in_time", ExclusionReason.NO_CAPACITY_IN_TIME.code())
        assertEquals("nobody_on_duty", OnCallOutcome.NOBODY_ON_DUTY.code())
        assertEquals(codeList(CodeKind.MANDATE_OUTCOME).map { it.code }, MandateOutcome.entries.map { it.code() })
    }

    // --- registry ---

    @Test
    fun `registry loads from bytes and string and round-trips through toJson`() {
        Registry.fromJsonString(String(basicJson)).use { r ->
            assertEquals(basic.version(), r.version())
            assertEquals(basic.teams(), r.teams())
            Registry.fromJsonString(r.toJson()).use { again ->
                assertEquals(r.toJson(), again.toJson())
                assertEquals(r.teams(), again.teams())
                assertEquals(r.organisations(), again.organisations())
            }
        }
        assertEquals(1uL, basic.version())
    }

    @Test
    fun `lookups return typed records`() {
        assertEquals(6, basic.teamCount())
        assertEquals(listOf("a1", "a2", "b1", "c1", "b2", "b3"), basic.teams().map { it.id })
        val a2 = basic.team("a2")!!
        assertEquals("org-a", a2.organisation)
        assertEquals(listOf(CareType.NURSING, CareType.WOUND_CARE), a2.careTypes, "care types come in stable code order")
        assertEquals(listOf("7511"), a2.area.pc4)
        val a2Capacity = basic.capacity("a2")!!
        assertEquals(CapacityStatus.ACCEPTING, a2Capacity.status)
        assertEquals(mapOf(CareType.NURSING to 3L, CareType.WOUND_CARE to 0L), a2Capacity.freePlaces)
        assertEquals(listOf(CareType.NURSING, CareType.WOUND_CARE), a2Capacity.freePlaces.keys.toList(), "free places come in care-type order")
        assertEquals(Instant.parse("2026-11-22T07:00:00Z"), a2Capacity.updatedAt)
        val a1 = basic.team("a1")!!
        assertEquals(listOf(Pc4Range("7511", "7513")), a1.area.pc4Ranges)
        assertEquals(LocalDate.of(2026, 11, 23), basic.capacity("a1")!!.earliestStart)
        assertEquals(2uL, basic.capacity("a1")!!.version)
        assertEquals(listOf("7511", "7512", "7513"), a1.area.coveredPc4, "the PC4 areas the range covers")
        assertNull(basic.capacity("nope"))
        assertEquals(listOf("7512AB"), basic.team("b1")!!.area.pc6Exclude)
        assertEquals(listOf("7511AA", "7511AB"), basic.team("c1")!!.area.pc6Include)
        assertNull(basic.team("nope"))

        assertEquals(listOf("ins-a", "org-a", "org-b", "org-c", "org-cp"), basic.organisations().map { it.id })
        val orgA = basic.organisation("org-a")!!
        assertEquals(OrganisationKind.HOME_CARE_PROVIDER, orgA.kind)
        assertEquals(listOf("ins-a"), orgA.contractedInsurers)
        assertNotNull(orgA.contact)
        assertEquals(OrganisationKind.INSURER, basic.organisation("ins-a")!!.kind)
        assertNull(basic.organisation("nope"))
        assertEquals(listOf("b1", "b2", "b3"), basic.organisationTeams("org-b").map { it.id })
        assertEquals(emptyList<Team>(), basic.organisationTeams("nope"))

        // Teams touching PC4 7512: a1 (range), b1, b3; c1 only serves streets in 7511.
        assertEquals(listOf("a1", "b1", "b3"), basic.teamsNear("7512").map { it.id })
        assertEquals(listOf("a1", "a2", "b1", "c1"), basic.teamsNear("7511AA").map { it.id })
        assertEquals(emptyList<Team>(), basic.teamsNear("1234"))

        val cp = basic.coordinationPointFor("7514AB")!!
        assertEquals("cp-enschede", cp.id)
        assertEquals(listOf("GM0153"), cp.area.municipalities)
        assertEquals("053-2000000", cp.contact!!.phone)
        assertNull(basic.coordinationPointFor("9999"))
    }

    @Test
    fun `capacity update returns a new registry and leaves the old one unchanged`() {
        val update = CapacityUpdate(
            team = "b1", expectedVersion = 0uL, status = CapacityStatus.ACCEPTING,
            updatedAt = Instant.parse("2026-11-22T09:30:00Z"),
            freePlaces = mapOf(CareType.WOUND_CARE to 2L),
            earliestStart = LocalDate.of(2026, 11, 22),
        )
        basic.updateCapacities(listOf(update)).use { next ->
            assertEquals(2uL, next.version())
            val b1 = next.capacity("b1")!!
            assertEquals(CapacityStatus.ACCEPTING, b1.status)
            assertEquals(1uL, b1.version)
            assertEquals(mapOf(CareType.WOUND_CARE to 2L), b1.freePlaces)
            assertEquals(LocalDate.of(2026, 11, 22), b1.earliestStart)
            assertEquals(Instant.parse("2026-11-22T09:30:00Z"), b1.updatedAt)
            // The old value is untouched.
            assertEquals(1uL, basic.version())
            assertEquals(CapacityStatus.WAITLIST, basic.capacity("b1")!!.status)
            // A second update based on the old version is a conflict.
            val e = assertThrows<WijknetException.VersionConflict> { next.updateCapacities(listOf(update)) }
            assertEquals("b1", e.id)
            assertEquals(0uL, e.expected)
            assertEquals(1uL, e.actual)
            assertEquals("version_conflict", e.code())
            assertEquals(emptyList<Problem>(), e.problems())
        }
        val missing = assertThrows<WijknetException.NotFound> { basic.updateCapacities(listOf(update.copy(team = "zz"))) }
        assertEquals("team", missing.kind)
        assertEquals("zz", missing.id)
        assertEquals("not_found", missing.code())
        val invalid = assertThrows<WijknetException.Invalid> { basic.updateCapacities(listOf(update.copy(team = "bad id!"))) }
        assertEquals(listOf("$[0].team"), invalid.problems.map { it.path })
    }

    @Test
    fun `capacity update parses from its JSON shape`() {
        val u = capacityUpdateFromJson(
            """{"team":"a2","expected_version":0,"status":"full","free_places":{"wound_care":1},"updated_at":"2026-11-22T08:00:00Z"}""".toByteArray(),
        )
        assertEquals(CapacityUpdate("a2", 0uL, CapacityStatus.FULL, Instant.parse("2026-11-22T08:00:00Z"), mapOf(CareType.WOUND_CARE to 1L), earliestStart = null), u)
        val e = assertThrows<WijknetException.Invalid> {
            capacityUpdateFromJson("""{"team":"a2","expected_version":0,"status":"busy","earliest_start":"tomorrow","updated_at":"noon"}""".toByteArray())
        }
        assertEquals(listOf("$.status", "$.earliest_start", "$.updated_at"), e.problems.map { it.path })
        assertThrows<WijknetException.Json> { capacityUpdateFromJson("""{"team":"a2"""".toByteArray()) }
    }

    // --- errors on loading ---

    @Test
    fun `malformed JSON is a typed Json error with its path`() {
        val e = assertThrows<WijknetException.Json> { Registry.fromJson("{not json".toByteArray()) }
        assertEquals("registry", e.document)
        assertEquals("json", e.code())
        assertEquals(1, e.problems().size)
        assertTrue(e.toString().startsWith("malformed registry JSON"), e.toString())
        val wrongType = assertThrows<WijknetException.Json> {
            Registry.fromJsonString("""{"schema":"wijknet.registry/v1","version":"one"}""")
        }
        assertEquals("$.version", wrongType.path)
        assertEquals(wrongType.path, wrongType.problems().single().path)
    }

    @Test
    fun `wrong schema is a typed Schema error`() {
        val e = assertThrows<WijknetException.Schema> { Registry.fromJsonString("""{"schema":"wijknet.registry/v9"}""") }
        assertEquals("wijknet.registry/v9", e.found)
        assertEquals("wijknet.registry/v1", e.expected)
        assertEquals("schema", e.code())
        assertEquals("$.schema", e.problems().single().path)
        val missing = assertThrows<WijknetException.Schema> { Registry.fromJsonString("{}") }
        assertEquals("", missing.found)
        assertThrows<WijknetException.Schema> { Agreements.fromJsonString(String(basicJson), basic) }
    }

    @Test
    fun `rule violations list every problem`() {
        val doc = """{"schema":"wijknet.registry/v1","version":1,"organisations":[
            {"id":"o1","name":"O","kind":"home_care_provider"},
            {"id":"o1","name":"O again","kind":"spaceship"}],
          "teams":[{"id":"t1","organisation":"o9","name":"T","area":{"pc4":["75"]},"care_types":["nursing"],
            "max_nurse_level":"level_4","times_of_day":["day"],"capacity":{"status":"accepting","updated_at":"2026-11-22T07:00:00Z"}}]}"""
        val e = assertThrows<WijknetException.Invalid> { Registry.fromJsonString(doc) }
        assertEquals("registry", e.document)
        assertTrue(e.problems.size >= 3, "${e.problems}")
        assertEquals(e.problems, e.problems())
        assertTrue(e.problems.all { it.path.isNotEmpty() && it.reason.isNotEmpty() })
        assertTrue(e.toString().startsWith("invalid registry: "), e.toString())
        assertTrue(e.detail == e.toString() && e.detail() == e.toString())
    }

    @Test
    fun `agreements that break rules list every problem`() {
        val case = Vectors.cases("agreements").single { it.first.startsWith("009") }.second
        val e = assertThrows<WijknetException.Invalid> { Agreements.fromJson(Vectors.document(case.get("agreements")), region) }
        assertEquals("agreements", e.document)
        assertTrue(e.problems.size >= 3, "${e.problems}")
    }

    // --- matching ---

    @Test
    fun `typed request matches and explains`() {
        val request = MatchRequest(
            location = "7511AA", careTypes = listOf(CareType.PERSONAL_CARE), urgency = Urgency.PLANNED,
            desiredStart = LocalDate.of(2026, 11, 23), latestStart = LocalDate.of(2026, 12, 1),
        )
        val result = basic.matchRequest(request, MatchOptions(now, 72))
        assertEquals(MatchOutcome.CANDIDATES_FOUND, result.outcome)
        assertEquals("7511AA", result.location)
        assertEquals(LocalDate.of(2026, 11, 23), result.neededFrom)
        assertEquals(LocalDate.of(2026, 12, 1), result.neededBy)
        assertEquals(1uL, result.registryVersion)
        assertEquals((1..result.candidates.size).toList(), result.candidates.map { it.rank })
        // Every team touching 7511 is either a candidate or excluded with a reason.
        val seen = result.candidates.map { it.team } + result.excluded.map { it.team }
        assertEquals(setOf("a1", "a2", "b1", "c1"), seen.toSet())
        assertEquals(seen.size, seen.toSet().size)
        val a2 = result.excluded.single { it.team == "a2" }
        assertEquals(ExclusionReason.CARE_TYPE_NOT_OFFERED, a2.reason)
        assertEquals(ExclusionDetail.CareNotOffered(CareType.PERSONAL_CARE), a2.detail)
        assertEquals("does not offer `personal_care`", a2.detail.toString())
        // Nobody asked for org-a: the explanation is the detail alone.
        assertFalse(a2.clientPreference)
        assertEquals(a2.detail.toString(), a2.toString())
        val preferred = basic.matchRequest(
            request.copy(careTypes = listOf(CareType.WOUND_CARE), preferredProviders = listOf("org-a")),
            MatchOptions(now, 72),
        ).excluded.single { it.team == "a2" }
        assertTrue(preferred.clientPreference)
        assertEquals("the client's preferred provider: no free place for `wound_care`", preferred.toString())
        assertEquals(basic.teamCount() - 4, result.teamsElsewhere)
        assertNull(result.accountable)
        // Stale capacity (c1 updated 21 days before now) is flagged, never trusted silently.
        assertTrue(CandidateFlag.CAPACITY_STALE in result.candidates.single { it.team == "c1" }.flags)
        // The same request through JSON gives the same answer.
        val fromJson = matchRequestFromJson(
            """{"location":"7511AA","care_types":["personal_care"],"desired_start":"2026-11-23","latest_start":"2026-12-01"}""".toByteArray(),
        )
        // Parsing resolves the JSON defaults: no times of day means day.
        assertEquals(request.copy(timesOfDay = listOf(TimeOfDay.DAY)), fromJson)
        assertEquals(result, basic.matchRequest(fromJson, MatchOptions(now)))
    }

    @Test
    fun `nobody eligible names the accountable party`() {
        val request = MatchRequest(location = "7514AB", careTypes = listOf(CareType.WOUND_CARE), urgency = Urgency.ACUTE)
        val result = basic.matchRequest(request, MatchOptions(now))
        assertEquals(MatchOutcome.NO_ELIGIBLE_TEAM, result.outcome)
        val accountable = result.accountable!!
        assertEquals(AccountableSource.COORDINATION_POINT, accountable.source)
        assertEquals("org-cp", accountable.party)
    }

    @Test
    fun `invalid typed request reports every problem`() {
        val request = MatchRequest(
            location = "75", careTypes = emptyList(), urgency = Urgency.ACUTE,
            desiredStart = LocalDate.of(2026, 12, 1), contractedOnly = true,
            preferredProviders = listOf("org-a"), refusedProviders = listOf("org-a"),
        )
        val e = assertThrows<WijknetException.Invalid> { basic.matchRequest(request, MatchOptions(now)) }
        assertEquals("request", e.document)
        assertEquals(listOf("$.location", "$.care_types", "$.urgency", "$.contracted_only", "$.refused_providers[0]"), e.problems.map { it.path })
        val unknown = assertThrows<WijknetException.Invalid> {
            basic.matchRequest(MatchRequest(location = "7511", careTypes = listOf(CareType.NURSING), urgency = Urgency.PLANNED, insurer = "org-a", preferredProviders = listOf("ghost")), MatchOptions(now))
        }
        assertEquals(listOf("$.insurer", "$.preferred_providers[0]"), unknown.problems.map { it.path })
        val json = assertThrows<WijknetException.Invalid> { matchRequestFromJson("""{"location":"7511","care_types":["massage"]}""".toByteArray()) }
        assertEquals(listOf("$.care_types[0]"), json.problems.map { it.path })
        assertThrows<WijknetException.Json> { matchRequestFromJson("""{"location":7511}""".toByteArray()) }
    }

    @Test
    fun `instants outside the supported range are typed errors`() {
        val request = MatchRequest(location = "7511", careTypes = listOf(CareType.NURSING), urgency = Urgency.ACUTE)
        val e = assertThrows<WijknetException.Invalid> { basic.matchRequest(request, MatchOptions(Instant.MAX)) }
        assertEquals(listOf("$.now"), e.problems.map { it.path })
        assertEquals("argument", e.document)
        // Calendar dates beyond year 9999 cross the boundary intact (ISO `+10000-01-01`), and the
        // core refuses them as outside its supported years: a typed error at the parameter or
        // field, not a crash.
        val far = LocalDate.of(10000, 1, 1)
        val mandate = assertThrows<WijknetException.Invalid> { agreements.mayAssess("p1", CareType.WMO_HOUSEHOLD_HELP, far) }
        assertEquals(listOf("$.date"), mandate.problems.map { it.path })
        val farMatch = assertThrows<WijknetException.Invalid> {
            basic.matchRequest(
                MatchRequest(location = "7511", careTypes = listOf(CareType.NURSING), urgency = Urgency.PLANNED, desiredStart = far),
                MatchOptions(now),
            )
        }
        assertEquals(listOf("$.desired_start"), farMatch.problems.map { it.path })
        assertTrue(farMatch.problems.single().reason.contains("1900 to 2199"), farMatch.problems.toString())
        assertTrue(farMatch.problems.none { "10000" in it.reason }, "the date is not repeated")
    }

    @Test
    fun `bad location parameters are typed errors`() {
        for (bad in listOf("", "75", "7511 A", "ABCD12")) {
            val e = assertThrows<WijknetException.Invalid>(bad) { basic.teamsNear(bad) }
            assertEquals("$.location", e.problems.single().path)
            assertThrows<WijknetException.Invalid>(bad) { agreements.onCall(region, bad, now) }
            assertThrows<WijknetException.Invalid>(bad) { basic.coordinationPointFor(bad) }
            assertThrows<WijknetException.Invalid>(bad) { agreements.coordinationPointFor(bad, LocalDate.of(2026, 11, 22)) }
        }
    }

    @Test
    fun `objects, problems and errors print as sentences`() {
        assertEquals("Registry version 1: 5 organisations, 6 teams", basic.toString())
        assertEquals("Agreements version ${agreements.version()}: 7 agreements", agreements.toString())
        SharedRegistry(basic).use { assertEquals("SharedRegistry, current version 1", it.toString()) }
        ReferralBook().use { assertEquals("ReferralBook with 0 referrals", it.toString()) }
        val e = assertThrows<WijknetException.Invalid> {
            basic.matchRequest(MatchRequest(location = "75", careTypes = emptyList(), urgency = Urgency.PLANNED), MatchOptions(now))
        }
        val (location, care) = e.problems
        assertEquals("`${'$'}.location`: ${location.reason}", location.toString())
        assertEquals("invalid request: $location; $care", e.toString(), "every problem, as path and reason")
        assertEquals(e.toString(), e.detail)
        assertTrue(e.message!!.startsWith("detail=invalid request: `${'$'}.location`: "), e.message)
    }

    // --- agreements ---

    @Test
    fun `agreements load, list and round-trip`() {
        assertEquals(
            listOf("night-enschede", "sub-wound", "shared-mth", "cp-twente", "mandate-wmo", "case-0001", "ds-nursing-plan"),
            agreements.agreements().map { it.id },
        )
        val night = agreements.agreement("night-enschede")!!
        assertTrue(night.terms is Terms.NightRotation, "${night.terms}")
        val rota = (night.terms as Terms.NightRotation).terms
        assertEquals(RotaCycle.WEEKLY, rota.cycle)
        assertEquals(listOf("night-p1", "night-p2", "night-p3"), rota.rota)
        assertEquals(ShiftTimes("23:00", "07:00"), rota.shift)
        assertEquals(
            listOf(NightOverride(LocalDate.of(2026, 11, 22), "night-p2"), NightOverride(LocalDate.of(2026, 12, 24), null)),
            rota.overrides,
            "single-night changes, sorted by night",
        )
        assertEquals(FundingStream.ZVW, night.funding!!.stream)
        assertEquals(AgreementStatus.ACTIVE, night.status)
        assertEquals(LocalDate.of(2026, 1, 1), night.validFrom)
        assertEquals(LocalDate.of(2026, 12, 31), night.validUntil)
        assertTrue(night.parties.isNotEmpty() && night.parties.all { it.accountable.name.isNotEmpty() })
        assertNull(agreements.agreement("nope"))
        Agreements.fromJsonString(agreements.toJson(), region).use { again ->
            assertEquals(agreements.toJson(), again.toJson())
            assertEquals(agreements.version(), again.version())
            assertEquals(agreements.agreements(), again.agreements())
        }
    }

    @Test
    fun `on call, checks, mandates, case team and coordination point`() {
        val onCall = agreements.onCall(region, "7514AB", Instant.parse("2026-03-29T04:30:00Z"))
        assertEquals(OnCallOutcome.COVERED, onCall.outcome)
        assertEquals(LocalDate.of(2026, 3, 28), onCall.duties.single().night)
        val outside = agreements.onCall(region, "1011AB", now)
        assertEquals(OnCallOutcome.NOBODY_ON_DUTY, outside.outcome)
        assertTrue(outside.duties.isEmpty())

        val findings = agreements.check(region, LocalDate.of(2026, 11, 22), 60)
        assertTrue(findings.any { it.code == FindingCode.NIGHT_GAP && it.agreement == "night-enschede" })
        assertTrue(findings.all { it.message.isNotEmpty() })

        val allowed = agreements.mayAssess("p1", CareType.WMO_HOUSEHOLD_HELP, LocalDate.of(2026, 3, 1))
        assertEquals(MandateOutcome.ALLOWED, allowed.outcome)
        assertEquals("mandate-wmo", allowed.agreement)
        assertNotNull(allowed.assessmentValidUntil)
        assertEquals(MandateOutcome.NO_MANDATE, agreements.mayAssess("p3", CareType.WMO_HOUSEHOLD_HELP, LocalDate.of(2026, 3, 1)).outcome)
        assertEquals(MandateOutcome.CARE_TYPE_NOT_MANDATED, agreements.mayAssess("p1", CareType.NURSING, LocalDate.of(2026, 3, 1)).outcome)

        assertEquals(listOf("p1", "p4", "gp"), agreements.caseTeam("client-0001", LocalDate.of(2026, 11, 22)))
        assertEquals(emptyList<String>(), agreements.caseTeam("client-0001", LocalDate.of(2026, 8, 1)))

        val cp = agreements.coordinationPointFor("7514AB", LocalDate.of(2026, 11, 22))!!
        assertEquals("cp-twente", cp.agreement)
        assertEquals("cp", cp.terms.accountable)
        assertEquals(4, cp.terms.maxUnplacedHoursAcute)
        assertNull(agreements.coordinationPointFor("1011AB", LocalDate.of(2026, 11, 22)))
    }

    @Test
    fun `agreements feed referrals and consent`() {
        val policy = agreements.escalationPolicy("7514AB", LocalDate.of(2026, 11, 22))!!
        val cp = agreements.coordinationPointFor("7514AB", LocalDate.of(2026, 11, 22))!!
        assertEquals(cp.terms.accountable, policy.accountable)
        assertEquals(cp.terms.maxUnplacedHoursAcute.toLong() * 3600, policy.maxUnplacedAcuteSecs)
        assertEquals(cp.terms.maxUnplacedHoursPlanned.toLong() * 3600, policy.maxUnplacedNonAcuteSecs)
        assertEquals(cp.terms.maxDeclines, policy.maxDeclines)
        assertNull(agreements.escalationPolicy("1011AB", LocalDate.of(2026, 11, 22)))
        assertNull(agreements.escalationPolicy("7514AB", LocalDate.of(2025, 12, 31)), "not yet in force")

        val sharing = agreements.sharingAgreementsFor("p1").single()
        assertEquals("ds-nursing-plan", sharing.id)
        assertEquals(listOf(DataCategory.NURSING_PLAN_REPORTS), sharing.categories)
        assertEquals(listOf(Purpose.DIRECT_CARE), sharing.purposes)
        assertTrue(sharing.active)
        assertEquals(Instant.parse("2025-12-31T23:00:00Z"), sharing.validFrom, "local midnight in winter")
        assertEquals(emptyList<SharingAgreement>(), agreements.sharingAgreementsFor("cp"))

        val request = ConsentRequest(
            client = "client-0001", discloser = ConsentParty("p1", RecipientRole.HOME_CARE_PROVIDER),
            recipient = ConsentParty("p4", RecipientRole.HOME_CARE_PROVIDER), purpose = Purpose.DIRECT_CARE,
            categories = listOf(DataCategory.NURSING_PLAN_REPORTS), treatmentRelationships = listOf("p1"),
        )
        val enriched = agreements.addConsentFacts(request, LocalDate.of(2026, 11, 22))
        assertEquals(listOf("p1", "p4", "gp"), enriched.treatmentRelationships, "kept, then the case team")
        assertEquals(listOf("ds-nursing-plan"), enriched.agreements.map { it.id })
        assertEquals(request.categories, enriched.categories)
    }

    // --- threads and lifetimes ---

    @Test
    fun `one registry serves many threads at once`() {
        val request = MatchRequest(location = "7511AA", careTypes = listOf(CareType.PERSONAL_CARE), urgency = Urgency.PLANNED)
        val expected = basic.matchRequest(request, MatchOptions(now))
        val pool = Executors.newFixedThreadPool(8)
        try {
            val results = pool.invokeAll((1..200).map { Callable { basic.matchRequest(request, MatchOptions(now)) } })
            results.forEach { assertEquals(expected, it.get()) }
        } finally {
            pool.shutdown()
        }
    }

    @Test
    fun `a closed object refuses calls with an exception, not a crash`() {
        val r = Registry.fromJson(basicJson)
        r.close()
        r.close() // closing twice is harmless
        assertThrows<IllegalStateException> { r.version() }
        // Records outlive the object they came from.
        val team = Registry.fromJson(basicJson).use { it.team("a1")!! }
        assertEquals("a1", team.id)
        assertFalse(team.contacts.isEmpty() && team.careTypes.isEmpty())
    }

    @Test
    fun `a repeated local time is asked for by occurrence, a skipped one is an error`() {
        val night = LocalDate.of(2026, 10, 25)
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), localInstant(night, "02:30", Occurrence.FIRST))
        assertEquals(Instant.parse("2026-10-25T01:30:00Z"), localInstant(night, "02:30", Occurrence.SECOND))
        assertEquals(Instant.parse("2026-07-01T10:00:00Z"), localInstant(LocalDate.of(2026, 7, 1), "12:00"))
        val twice = assertThrows<WijknetException.LocalTime> { localInstant(night, "02:30") }
        assertEquals("occurs_twice", twice.problem)
        assertEquals(listOf("\$.occurrence"), twice.problems().map { it.path })
        val skipped = assertThrows<WijknetException.LocalTime> { localInstant(LocalDate.of(2026, 3, 29), "02:30", Occurrence.SECOND) }
        assertEquals("local_time", skipped.code())
        assertEquals(listOf("\$.time"), skipped.problems().map { it.path })
    }
}
