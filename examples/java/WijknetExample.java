// What an ECD vendor's Java program does with wijknet through the Foreign Function & Memory API
// (java.lang.foreign, final since JDK 22): the same steps, and the same output, as
// examples/c/vendor.c. Load the library, check its version, load the region's registry from
// JSON, match an acute discharge, read the ranked teams, the exclusions and the accountable party
// from the typed result, ask the typed consent question for the first team, free everything.
//
//   javac --release 22 -d out examples/java/WijknetExample.java
//   java --enable-native-access=ALL-UNNAMED -cp out WijknetExample examples/data/twente.json
//
// The library: -Dwijknet.library=/path/to/libwijknet.so, else "libwijknet.so" as the dynamic
// loader finds it (LD_LIBRARY_PATH, an installed copy). examples/java/run.sh runs it.
//
// Layouts follow include/wijknet.h on 64-bit Linux (LP64): size_t and pointers are 8 bytes, C bool
// is ONE byte (JAVA_BOOLEAN), enums are uint32_t (JAVA_INT), and every struct spells out the
// padding the C compiler inserts (FFM checks alignment, so a forgotten pad fails loudly at
// start-up instead of misreading fields). Fixed arrays (uint8_t basis[32]) are sequenceLayout.
// Handles are plain pointers (MemorySegment); each is freed with its wijknet_*_free in a finally.
// Borrowed texts (wijknet_str) are read through reinterpret(len): they live as long as the
// handle that gave them.
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

public final class WijknetExample {
    // The header's WIJKNET_ABI_VERSION this program was written against.
    static final int ABI_VERSION = 7;
    static final int OK = 0, NOT_FOUND = 14;
    // Values of the header's enums used below.
    static final int KIND_EXCLUSION_REASON = 10, KIND_MATCH_OUTCOME = 12, KIND_ACCOUNTABLE_SOURCE = 14;
    static final int KIND_DATA_CATEGORY = 21, KIND_CONSENT_BASIS = 29, LABEL_ENGLISH = 1;
    static final int CANDIDATE_FLAG_CAPACITY_STALE = 0;
    static final int ROLE_HOSPITAL = 1, ROLE_HOME_CARE_PROVIDER = 2, PURPOSE_REFERRAL_PLACEMENT = 1;
    static final int CATEGORY_MEDICAL = 1, CATEGORY_NURSING_PLAN_REPORTS = 2, CATEGORY_SOCIAL_WMO = 5;
    static final int CHANNEL_DIRECT = 0, POLICY_MOST_SPECIFIC_WINS = 0;

    static final ValueLayout.OfLong SIZE_T = JAVA_LONG; // size_t on LP64

    // ---- Struct layouts (include/wijknet.h) --------------------------------------------------
    static final StructLayout STR = MemoryLayout.structLayout(ADDRESS.withName("ptr"), SIZE_T.withName("len"));
    static final StructLayout DATE = MemoryLayout.structLayout(
            JAVA_INT.withName("year"), JAVA_INT.withName("month"), JAVA_INT.withName("day"));
    static final StructLayout MATCH_SUMMARY = MemoryLayout.structLayout(
            JAVA_INT.withName("outcome"), MemoryLayout.paddingLayout(4),
            SIZE_T.withName("candidate_count"),
            SIZE_T.withName("exclusion_count"),
            JAVA_INT.withName("teams_elsewhere"),
            JAVA_BOOLEAN.withName("has_accountable"), MemoryLayout.paddingLayout(3),
            JAVA_LONG.withName("registry_version"),
            DATE.withName("needed_from"),
            DATE.withName("needed_by"));
    static final StructLayout CANDIDATE = MemoryLayout.structLayout(
            JAVA_INT.withName("rank"), MemoryLayout.paddingLayout(4),
            STR.withName("team"),
            STR.withName("organisation"),
            JAVA_BOOLEAN.withName("preferred"), MemoryLayout.paddingLayout(3),
            DATE.withName("possible_start"),
            JAVA_INT.withName("possible_start_days"),
            JAVA_INT.withName("capacity_status"),
            JAVA_LONG.withName("capacity_updated_at_unix"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("via_count"),
            JAVA_BOOLEAN.withName("contact_reachable_now"),
            JAVA_BOOLEAN.withName("has_free_hours"), MemoryLayout.paddingLayout(6),
            JAVA_DOUBLE.withName("free_hours"));
    static final StructLayout EXCLUSION = MemoryLayout.structLayout(
            STR.withName("team"),
            STR.withName("organisation"),
            JAVA_INT.withName("reason"), MemoryLayout.paddingLayout(4),
            STR.withName("detail"),
            JAVA_BOOLEAN.withName("client_preference"), MemoryLayout.paddingLayout(7),
            STR.withName("explanation"));
    static final StructLayout ACCOUNTABLE = MemoryLayout.structLayout(
            STR.withName("party"),
            JAVA_INT.withName("source"), MemoryLayout.paddingLayout(4),
            STR.withName("via"));
    static final StructLayout CONSENT_REQUEST = MemoryLayout.structLayout(
            STR.withName("client"),
            STR.withName("discloser"),
            JAVA_INT.withName("discloser_role"), MemoryLayout.paddingLayout(4),
            STR.withName("recipient"),
            JAVA_INT.withName("recipient_role"),
            JAVA_INT.withName("purpose"),
            JAVA_INT.withName("categories"),
            JAVA_INT.withName("channel"),
            JAVA_INT.withName("policy"),
            JAVA_BOOLEAN.withName("emergency"), MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("emergency_reason"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("treatment_relationships"),
            SIZE_T.withName("treatment_relationship_count"),
            JAVA_LONG.withName("at_unix_seconds"),
            JAVA_BOOLEAN.withName("data_form_given"), MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("data_form"),
            JAVA_BOOLEAN.withName("discloser_kind_given"), MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("discloser_kind"),
            JAVA_BOOLEAN.withName("recipient_kind_given"), MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("recipient_kind"));
    static final StructLayout CONSENT_ANSWER = MemoryLayout.structLayout(
            JAVA_INT.withName("permitted"),
            JAVA_INT.withName("denied"),
            JAVA_INT.withName("no_applicable_consent"),
            JAVA_INT.withName("who_decides"),
            MemoryLayout.sequenceLayout(32, JAVA_BYTE).withName("basis"),
            MemoryLayout.sequenceLayout(32, JAVA_BYTE).withName("obligations"));

    // ---- Functions ----------------------------------------------------------------------------
    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LIB = SymbolLookup.libraryLookup(
            System.getProperty("wijknet.library", System.mapLibraryName("wijknet")), Arena.global());

    static MethodHandle fn(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIB.find(name).orElseThrow(), descriptor);
    }

    static final MethodHandle VERSION = fn("wijknet_version", FunctionDescriptor.of(ADDRESS));
    static final MethodHandle ABI = fn("wijknet_abi_version", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle RESULT_NAME = fn("wijknet_result_name", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    // Returns a struct by value: the handle takes a SegmentAllocator first.
    static final MethodHandle LAST_ERROR_MESSAGE = fn("wijknet_last_error_message", FunctionDescriptor.of(STR));
    static final MethodHandle LAST_ERROR_PROBLEM_COUNT = fn("wijknet_last_error_problem_count", FunctionDescriptor.of(SIZE_T));
    static final MethodHandle LAST_ERROR_PROBLEM = fn("wijknet_last_error_problem",
            FunctionDescriptor.of(JAVA_INT, SIZE_T, ADDRESS, ADDRESS));
    static final MethodHandle CODE_LABEL = fn("wijknet_code_label",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle STRING_FREE = fn("wijknet_string_free", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle REGISTRY_FROM_JSON = fn("wijknet_registry_from_json",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, SIZE_T, ADDRESS));
    static final MethodHandle REGISTRY_FREE = fn("wijknet_registry_free", FunctionDescriptor.ofVoid(ADDRESS));
    // The second argument of wijknet_match and wijknet_consent_check is the agreements handle, or
    // MemorySegment.NULL for none (this example loads none).
    static final MethodHandle MATCH = fn("wijknet_match",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, SIZE_T, JAVA_LONG, JAVA_INT, ADDRESS));
    static final MethodHandle MATCH_RESULT_FREE = fn("wijknet_match_result_free", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle MATCH_RESULT_SUMMARY = fn("wijknet_match_result_summary",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle MATCH_RESULT_CANDIDATE = fn("wijknet_match_result_candidate",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, SIZE_T, ADDRESS));
    static final MethodHandle MATCH_RESULT_EXCLUSION = fn("wijknet_match_result_exclusion",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, SIZE_T, ADDRESS));
    static final MethodHandle MATCH_RESULT_ACCOUNTABLE = fn("wijknet_match_result_accountable",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle MATCH_RESULT_TO_JSON = fn("wijknet_match_result_to_json",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle CONSENT_STORE_FROM_JSON = fn("wijknet_consent_store_from_json",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, SIZE_T, ADDRESS));
    static final MethodHandle CONSENT_STORE_FREE = fn("wijknet_consent_store_free", FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle CONSENT_CHECK = fn("wijknet_consent_check",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));

    // ---- Helpers ------------------------------------------------------------------------------
    static int intAt(MemorySegment s, StructLayout layout, String field) {
        return s.get(JAVA_INT, layout.byteOffset(groupElement(field)));
    }

    static long longAt(MemorySegment s, StructLayout layout, String field) {
        return s.get(JAVA_LONG, layout.byteOffset(groupElement(field)));
    }

    static boolean boolAt(MemorySegment s, StructLayout layout, String field) {
        return s.get(JAVA_BOOLEAN, layout.byteOffset(groupElement(field)));
    }

    static MemorySegment structAt(MemorySegment s, StructLayout layout, String field) {
        return s.asSlice(layout.byteOffset(groupElement(field)), layout.select(groupElement(field)).byteSize());
    }

    /** A borrowed wijknet_str as a Java string (UTF-8; {NULL, 0} is ""). */
    static String text(MemorySegment str) {
        MemorySegment ptr = str.get(ADDRESS, 0);
        long len = str.get(SIZE_T, STR.byteOffset(groupElement("len")));
        if (ptr.equals(MemorySegment.NULL) || len == 0) return "";
        return new String(ptr.reinterpret(len).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** A static NUL-terminated C string (wijknet_version, wijknet_result_name). */
    static String cString(MemorySegment p) {
        return p.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    /** UTF-8 bytes without a terminating NUL: every text argument has its length beside it. */
    static MemorySegment utf8(Arena arena, String s) {
        return arena.allocateFrom(JAVA_BYTE, s.getBytes(StandardCharsets.UTF_8));
    }

    static void setStr(MemorySegment target, MemorySegment bytes) {
        target.set(ADDRESS, 0, bytes);
        target.set(SIZE_T, STR.byteOffset(groupElement("len")), bytes.byteSize());
    }

    static final class WijknetException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WijknetException(String message) { super(message); }
    }

    /** Throws with the failed call's code, message and every (path, reason) problem. */
    static void check(int rc, String what) throws Throwable {
        if (rc == OK) return;
        try (Arena arena = Arena.ofConfined()) {
            StringBuilder message = new StringBuilder(what + " failed: " + cString((MemorySegment) RESULT_NAME.invokeExact(rc))
                    + ": " + text((MemorySegment) LAST_ERROR_MESSAGE.invokeExact((SegmentAllocator) arena)));
            long count = (long) LAST_ERROR_PROBLEM_COUNT.invokeExact();
            MemorySegment path = arena.allocate(STR), reason = arena.allocate(STR);
            for (long i = 0; i < count; i++) {
                if ((int) LAST_ERROR_PROBLEM.invokeExact(i, path, reason) == OK)
                    message.append("\n  `").append(text(path)).append("`: ").append(text(reason));
            }
            throw new WijknetException(message.toString());
        }
    }

    static String label(int kind, int index) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(STR);
            return (int) CODE_LABEL.invokeExact(kind, index, LABEL_ENGLISH, out) == OK ? text(out) : "?";
        }
    }

    // ---- The vendor's program -----------------------------------------------------------------
    public static void main(String[] args) throws Throwable {
        if (args.length == 1 && args[0].equals("--layout")) {
            printLayout();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: WijknetExample REGISTRY.json | --layout");
            System.exit(2);
        }
        String version = cString((MemorySegment) VERSION.invokeExact());
        int abi = (int) ABI.invokeExact();
        if (abi != ABI_VERSION) {
            System.err.printf("libwijknet %s has ABI version %d, this program was written for %d%n", version, abi, ABI_VERSION);
            System.exit(1);
        }
        System.out.printf("wijknet %s%n", version);
        try {
            run(Path.of(args[0]));
        } catch (WijknetException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The size of each struct layout and the offset and size of each named field (examples/java/run.sh
     * compares them with examples/c/layout.c).
     */
    static void printLayout() {
        String[] names = {"wijknet_str", "wijknet_date", "wijknet_match_summary", "wijknet_candidate", "wijknet_exclusion",
                "wijknet_accountable", "wijknet_consent_request", "wijknet_consent_answer"};
        StructLayout[] layouts = {STR, DATE, MATCH_SUMMARY, CANDIDATE, EXCLUSION, ACCOUNTABLE, CONSENT_REQUEST, CONSENT_ANSWER};
        for (int i = 0; i < names.length; i++) {
            System.out.printf("%s size %d%n", names[i], layouts[i].byteSize());
            for (MemoryLayout member : layouts[i].memberLayouts()) {
                if (member.name().isPresent()) {
                    String field = member.name().get();
                    System.out.printf("%s.%s %d %d%n", names[i], field, layouts[i].byteOffset(groupElement(field)),
                            member.byteSize());
                }
            }
        }
    }

    static void run(Path registryPath) throws Throwable {
        // One confined arena for what this program allocates; the library's handles are freed
        // with their own _free functions.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            byte[] registryJson = Files.readAllBytes(registryPath);
            MemorySegment json = arena.allocateFrom(JAVA_BYTE, registryJson);
            check((int) REGISTRY_FROM_JSON.invokeExact(json, (long) registryJson.length, out), "loading the registry");
            MemorySegment registry = out.get(ADDRESS, 0);
            try {
                // The same referral and fixed "now" (2026-11-22T13:00:00Z) as examples/c/vendor.c.
                MemorySegment request = utf8(arena, "{\"location\": \"7544GK\", \"care_types\": [\"wound_care\", "
                        + "\"medical_technical\"], \"urgency\": \"acute\", \"times_of_day\": [\"day\", \"night\"]}");
                long now = 1795352400L;
                check((int) MATCH.invokeExact(registry, MemorySegment.NULL, request, request.byteSize(), now, 72, out),
                        "matching");
                MemorySegment result = out.get(ADDRESS, 0);
                try {
                    showResult(arena, result, now);
                } finally {
                    MATCH_RESULT_FREE.invokeExact(result);
                }
            } finally {
                REGISTRY_FREE.invokeExact(registry);
            }
        }
    }

    static void showResult(Arena arena, MemorySegment result, long now) throws Throwable {
        MemorySegment summary = arena.allocate(MATCH_SUMMARY);
        check((int) MATCH_RESULT_SUMMARY.invokeExact(result, summary), "summary");
        long candidates = longAt(summary, MATCH_SUMMARY, "candidate_count");
        long exclusions = longAt(summary, MATCH_SUMMARY, "exclusion_count");
        System.out.printf("referral 7544GK wound care + injections, acute: %s, %d candidate(s), %d excluded%n",
                label(KIND_MATCH_OUTCOME, intAt(summary, MATCH_SUMMARY, "outcome")), candidates, exclusions);
        MemorySegment candidate = arena.allocate(CANDIDATE);
        for (long i = 0; i < candidates; i++) {
            check((int) MATCH_RESULT_CANDIDATE.invokeExact(result, i, candidate), "candidate");
            MemorySegment start = structAt(candidate, CANDIDATE, "possible_start");
            int flags = intAt(candidate, CANDIDATE, "flags");
            System.out.printf("  %d. team %s (%s) can start %04d-%02d-%02d%s%s%n", intAt(candidate, CANDIDATE, "rank"),
                    text(structAt(candidate, CANDIDATE, "team")), text(structAt(candidate, CANDIDATE, "organisation")),
                    intAt(start, DATE, "year"), intAt(start, DATE, "month"), intAt(start, DATE, "day"),
                    intAt(candidate, CANDIDATE, "via_count") != 0 ? ", partly through an agreement" : "",
                    (flags & (1 << CANDIDATE_FLAG_CAPACITY_STALE)) != 0 ? ", capacity stale: call first" : "");
        }
        MemorySegment exclusion = arena.allocate(EXCLUSION);
        for (long i = 0; i < exclusions; i++) {
            check((int) MATCH_RESULT_EXCLUSION.invokeExact(result, i, exclusion), "exclusion");
            System.out.printf("  not %s: %s (%s)%n", text(structAt(exclusion, EXCLUSION, "team")),
                    label(KIND_EXCLUSION_REASON, intAt(exclusion, EXCLUSION, "reason")),
                    text(structAt(exclusion, EXCLUSION, "detail")));
        }
        MemorySegment accountable = arena.allocate(ACCOUNTABLE);
        int rc = (int) MATCH_RESULT_ACCOUNTABLE.invokeExact(result, accountable);
        if (rc == OK) {
            System.out.printf("  nobody can: %s is accountable (%s)%n", text(structAt(accountable, ACCOUNTABLE, "party")),
                    label(KIND_ACCOUNTABLE_SOURCE, intAt(accountable, ACCOUNTABLE, "source")));
        } else if (rc != NOT_FOUND) {
            check(rc, "accountable");
        }
        if (boolAt(summary, MATCH_SUMMARY, "has_accountable") != (rc == OK))
            throw new WijknetException("has_accountable disagrees with wijknet_match_result_accountable: a layout is wrong");

        // A document through char ** + size_t *: read it, then give it back to wijknet_string_free.
        MemorySegment outJson = arena.allocate(ADDRESS), outLen = arena.allocate(SIZE_T);
        check((int) MATCH_RESULT_TO_JSON.invokeExact(result, outJson, outLen), "result as JSON");
        MemorySegment jsonPtr = outJson.get(ADDRESS, 0);
        long jsonLen = outLen.get(SIZE_T, 0);
        String document;
        try {
            document = new String(jsonPtr.reinterpret(jsonLen).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        } finally {
            STRING_FREE.invokeExact(jsonPtr);
        }
        if (!document.startsWith("{")) throw new WijknetException("the result's JSON does not start with {");
        System.err.printf("checked: the result as JSON, %d bytes through char **%n", jsonLen);

        if (candidates > 0) {
            check((int) MATCH_RESULT_CANDIDATE.invokeExact(result, 0L, candidate), "candidate");
            askConsent(arena, structAt(candidate, CANDIDATE, "organisation"), now);
        }
    }

    /** May the hospital share the discharge data with the first team's organisation? (vendor.c) */
    static void askConsent(Arena arena, MemorySegment organisation, long now) throws Throwable {
        MemorySegment storeJson = utf8(arena, "{\"schema\": \"wijknet.consent/v1\", \"version\": \"demo\", \"clients\": "
                + "[{\"id\": \"cl-demo\", \"date_of_birth\": \"1941-05-02\", \"can_decide\": true}], \"consents\": [], "
                + "\"objections\": []}");
        MemorySegment out = arena.allocate(ADDRESS);
        check((int) CONSENT_STORE_FROM_JSON.invokeExact(storeJson, storeJson.byteSize(), out), "loading the consent store");
        MemorySegment store = out.get(ADDRESS, 0);
        try {
            MemorySegment hospital = utf8(arena, "hosp-transfer");
            MemorySegment relationships = arena.allocate(MemoryLayout.sequenceLayout(2, STR));
            setStr(relationships.asSlice(0, STR.byteSize()), hospital);
            relationships.asSlice(STR.byteSize(), STR.byteSize()).copyFrom(organisation);

            MemorySegment q = arena.allocate(CONSENT_REQUEST); // zeroed: emergency and data_form_given false
            setStr(structAt(q, CONSENT_REQUEST, "client"), utf8(arena, "cl-demo"));
            setStr(structAt(q, CONSENT_REQUEST, "discloser"), hospital);
            q.set(JAVA_INT, CONSENT_REQUEST.byteOffset(groupElement("discloser_role")), ROLE_HOSPITAL);
            structAt(q, CONSENT_REQUEST, "recipient").copyFrom(organisation);
            q.set(JAVA_INT, CONSENT_REQUEST.byteOffset(groupElement("recipient_role")), ROLE_HOME_CARE_PROVIDER);
            q.set(JAVA_INT, CONSENT_REQUEST.byteOffset(groupElement("purpose")), PURPOSE_REFERRAL_PLACEMENT);
            int categories = 1 << CATEGORY_MEDICAL | 1 << CATEGORY_NURSING_PLAN_REPORTS | 1 << CATEGORY_SOCIAL_WMO;
            q.set(JAVA_INT, CONSENT_REQUEST.byteOffset(groupElement("categories")), categories);
            q.set(JAVA_INT, CONSENT_REQUEST.byteOffset(groupElement("channel")), CHANNEL_DIRECT);
            q.set(JAVA_INT, CONSENT_REQUEST.byteOffset(groupElement("policy")), POLICY_MOST_SPECIFIC_WINS);
            q.set(ADDRESS, CONSENT_REQUEST.byteOffset(groupElement("treatment_relationships")), relationships);
            q.set(SIZE_T, CONSENT_REQUEST.byteOffset(groupElement("treatment_relationship_count")), 2L);
            q.set(JAVA_LONG, CONSENT_REQUEST.byteOffset(groupElement("at_unix_seconds")), now);

            MemorySegment answer = arena.allocate(CONSENT_ANSWER);
            check((int) CONSENT_CHECK.invokeExact(store, MemorySegment.NULL, q, answer), "checking consent");
            System.out.printf("may hosp-transfer share with %s for referral and placement?%n", text(organisation));
            long basis = CONSENT_ANSWER.byteOffset(groupElement("basis"));
            int permitted = intAt(answer, CONSENT_ANSWER, "permitted"), denied = intAt(answer, CONSENT_ANSWER, "denied");
            for (int c = 0; c < 32; c++) {
                if ((categories & (1 << c)) == 0) continue;
                String what = (permitted & (1 << c)) != 0 ? "permit" : (denied & (1 << c)) != 0 ? "deny" : "ask the client";
                int basisCode = Byte.toUnsignedInt(answer.get(JAVA_BYTE, basis + c));
                System.out.printf("  %-28s %s (%s)%n", label(KIND_DATA_CATEGORY, c), what, label(KIND_CONSENT_BASIS, basisCode));
            }
        } finally {
            CONSENT_STORE_FREE.invokeExact(store);
        }
    }
}
