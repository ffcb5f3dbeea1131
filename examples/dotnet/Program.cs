// What an ECD vendor's .NET program does with wijknet through P/Invoke: the same steps, and the
// same output, as examples/c/vendor.c (load the region's registry, match an acute discharge, show
// the ranked teams and why the others cannot, then ask on the typed consent fast path whether the
// hospital may share with the first team). Usage: Wijknet.Example REGISTRY.json
//
// The library is found by its name, "wijknet": libwijknet.so on Linux (LD_LIBRARY_PATH, or next
// to the program), wijknet.dll on Windows, libwijknet.dylib on macOS.
//
// Written for C# 7.2 (what Mono's mcs compiles; examples/dotnet/run.sh builds and runs it with
// Mono) and the .NET SDK alike (Wijknet.Example.csproj: `dotnet run -- REGISTRY.json`). It uses
// [DllImport], which every .NET runs; on .NET 7+ [LibraryImport] (source-generated marshalling)
// also works for these functions if the structs are blittable: see the notes on bool below.
//
// Marshalling, against include/wijknet.h:
// - Handles are opaque pointers, held in SafeHandle subclasses whose ReleaseHandle calls the
//   matching wijknet_*_free, so a handle is freed exactly once, also when an exception unwinds
//   and when the garbage collector finalizes a forgotten one.
// - Text in: UTF-8 bytes plus their length (byte[] + UIntPtr for size_t); no terminating NUL.
// - Text out: wijknet_str is { const char *ptr; size_t len; } = { IntPtr; UIntPtr; }, UTF-8 that
//   the library owns (never freed by the host), decoded with Encoding.UTF8. Documents come as
//   char ** + size_t *: an IntPtr the host decodes and then gives back to wijknet_string_free
//   (never Marshal.FreeHGlobal or FreeCoTaskMem: the allocator is Rust's).
// - C bool (stdbool.h) is ONE byte. .NET's default for a bool field is the 4-byte Win32 BOOL, which
//   would shift every later field of wijknet_candidate, wijknet_exclusion, wijknet_match_summary
//   and wijknet_consent_request: each bool field carries [MarshalAs(UnmanagedType.U1)]. Such a
//   struct is not blittable (the marshaller copies it); for [LibraryImport] or a zero-copy struct,
//   declare the field as byte and compare with 0 instead.
// - Fixed arrays (wijknet_consent_answer's uint8_t basis[32] and obligations[32]): either a C#
//   `fixed byte Basis[32]` buffer in an unsafe struct (blittable, what ConsentAnswer does), or a
//   byte[] field with [MarshalAs(UnmanagedType.ByValArray, SizeConst = 32)] (safe code, copied by
//   the marshaller: ConsentAnswerByVal). Both are used below and must agree.
// - size_t is UIntPtr (nuint from C# 9), int64_t long, uint32_t uint, enums uint.
using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace Wijknet.Example
{
    [StructLayout(LayoutKind.Sequential)]
    struct WijknetStr
    {
        public IntPtr Ptr;
        public UIntPtr Len;

        public override unsafe string ToString()
        {
            return Ptr == IntPtr.Zero ? "" : Encoding.UTF8.GetString((byte*)Ptr, checked((int)Len.ToUInt64()));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    struct WijknetDate
    {
        public int Year;
        public uint Month;
        public uint Day;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct MatchSummary
    {
        public uint Outcome;
        public UIntPtr CandidateCount;
        public UIntPtr ExclusionCount;
        public uint TeamsElsewhere;
        [MarshalAs(UnmanagedType.U1)] public bool HasAccountable;
        public ulong RegistryVersion;
        public WijknetDate NeededFrom;
        public WijknetDate NeededBy;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct Candidate
    {
        public uint Rank;
        public WijknetStr Team;
        public WijknetStr Organisation;
        [MarshalAs(UnmanagedType.U1)] public bool Preferred;
        public WijknetDate PossibleStart;
        public int PossibleStartDays;
        public uint CapacityStatus;
        public long CapacityUpdatedAtUnix;
        public uint Flags;
        public uint ViaCount;
        [MarshalAs(UnmanagedType.U1)] public bool ContactReachableNow;
        [MarshalAs(UnmanagedType.U1)] public bool HasFreeHours;
        public double FreeHours;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct Exclusion
    {
        public WijknetStr Team;
        public WijknetStr Organisation;
        public uint Reason;
        public WijknetStr Detail;
        [MarshalAs(UnmanagedType.U1)] public bool ClientPreference;
        public WijknetStr Explanation;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct Accountable
    {
        public WijknetStr Party;
        public uint Source;
        public WijknetStr Via;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct ConsentRequest
    {
        public WijknetStr Client;
        public WijknetStr Discloser;
        public uint DiscloserRole;
        public WijknetStr Recipient;
        public uint RecipientRole;
        public uint Purpose;
        public uint Categories;
        public uint Channel;
        public uint Policy;
        [MarshalAs(UnmanagedType.U1)] public bool Emergency;
        public uint EmergencyReason;
        public IntPtr TreatmentRelationships; // const wijknet_str *
        public UIntPtr TreatmentRelationshipCount;
        public long AtUnixSeconds;
        [MarshalAs(UnmanagedType.U1)] public bool DataFormGiven;
        public uint DataForm;
        [MarshalAs(UnmanagedType.U1)] public bool DiscloserKindGiven;
        public uint DiscloserKind;
        [MarshalAs(UnmanagedType.U1)] public bool RecipientKindGiven;
        public uint RecipientKind;
    }

    // uint8_t basis[32], obligations[32] as fixed buffers: blittable, read in an unsafe context.
    [StructLayout(LayoutKind.Sequential)]
    unsafe struct ConsentAnswer
    {
        public uint Permitted;
        public uint Denied;
        public uint NoApplicableConsent;
        public uint WhoDecides;
        public fixed byte Basis[32];
        public fixed byte Obligations[32];
    }

    // The same struct with marshalled arrays: safe code, the marshaller copies 32 bytes each.
    [StructLayout(LayoutKind.Sequential)]
    struct ConsentAnswerByVal
    {
        public uint Permitted;
        public uint Denied;
        public uint NoApplicableConsent;
        public uint WhoDecides;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 32)] public byte[] Basis;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 32)] public byte[] Obligations;
    }

    // One SafeHandle per handle type: ReleaseHandle is the matching _free (each accepts NULL).
    sealed class RegistryHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public RegistryHandle() : base(true) { }
        protected override bool ReleaseHandle() { Native.wijknet_registry_free(handle); return true; }
    }

    sealed class MatchResultHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public MatchResultHandle() : base(true) { }
        protected override bool ReleaseHandle() { Native.wijknet_match_result_free(handle); return true; }
    }

    sealed class ConsentStoreHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public ConsentStoreHandle() : base(true) { }
        protected override bool ReleaseHandle() { Native.wijknet_consent_store_free(handle); return true; }
    }

    static class Native
    {
        const string Lib = "wijknet";
        public const uint AbiVersion = 7; // WIJKNET_ABI_VERSION of the header this was written against
        public const int Ok = 0;
        public const int NotFound = 14;

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern IntPtr wijknet_version();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern uint wijknet_abi_version();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern IntPtr wijknet_result_name(uint code);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern WijknetStr wijknet_last_error_message();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern UIntPtr wijknet_last_error_problem_count();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_last_error_problem(UIntPtr index, out WijknetStr path, out WijknetStr reason);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_code_label(uint kind, uint index, uint language, out WijknetStr label);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern void wijknet_string_free(IntPtr text);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_registry_from_json(byte[] json, UIntPtr jsonLen, out RegistryHandle registry);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern void wijknet_registry_free(IntPtr registry);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        // agreements: a wijknet_agreements handle, or IntPtr.Zero for none (this example loads none).
        public static extern int wijknet_match(RegistryHandle registry, IntPtr agreements, byte[] request, UIntPtr requestLen,
                                               long nowUnixSeconds, uint staleAfterHours, out MatchResultHandle result);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern void wijknet_match_result_free(IntPtr result);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_match_result_summary(MatchResultHandle result, out MatchSummary summary);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_match_result_candidate(MatchResultHandle result, UIntPtr index, out Candidate candidate);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_match_result_exclusion(MatchResultHandle result, UIntPtr index, out Exclusion exclusion);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_match_result_accountable(MatchResultHandle result, out Accountable accountable);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_match_result_to_json(MatchResultHandle result, out IntPtr json, out UIntPtr jsonLen);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_consent_store_from_json(byte[] json, UIntPtr jsonLen, out ConsentStoreHandle store);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] public static extern void wijknet_consent_store_free(IntPtr store);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern int wijknet_consent_check(ConsentStoreHandle store, IntPtr agreements, ref ConsentRequest query,
                                                       out ConsentAnswer answer);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, EntryPoint = "wijknet_consent_check")]
        public static extern int wijknet_consent_check_byval(ConsentStoreHandle store, IntPtr agreements, ref ConsentRequest query,
                                                             out ConsentAnswerByVal answer);
    }

    sealed class WijknetException : Exception
    {
        public WijknetException(string message) : base(message) { }
    }

    static class Program
    {
        // Code kinds and codes used below: the values of the header's enums (wijknet_code_kind,
        // wijknet_label_language, wijknet_candidate_flag, wijknet_recipient_role, ...).
        const uint KindExclusionReason = 10, KindMatchOutcome = 12, KindAccountableSource = 14;
        const uint KindDataCategory = 21, KindConsentBasis = 29;
        const uint LabelEnglish = 1;
        const int CandidateFlagCapacityStale = 0;
        const uint RoleHospital = 1, RoleHomeCareProvider = 2, PurposeReferralPlacement = 1;
        const int CategoryMedical = 1, CategoryNursingPlanReports = 2, CategorySocialWmo = 5;
        const uint ChannelDirect = 0, PolicyMostSpecificWins = 0;

        // Throws with the failed call's code, message and every (path, reason) problem.
        static void Check(int rc, string what)
        {
            if (rc == Native.Ok) return;
            var text = new StringBuilder();
            text.AppendFormat("{0} failed: {1}: {2}", what, Marshal.PtrToStringAnsi(Native.wijknet_result_name((uint)rc)),
                              Native.wijknet_last_error_message());
            ulong count = Native.wijknet_last_error_problem_count().ToUInt64();
            for (ulong i = 0; i < count; i++)
            {
                WijknetStr path, reason;
                if (Native.wijknet_last_error_problem(new UIntPtr(i), out path, out reason) == Native.Ok)
                    text.AppendFormat("\n  `{0}`: {1}", path, reason);
            }
            throw new WijknetException(text.ToString());
        }

        static string Label(uint kind, uint index)
        {
            WijknetStr s;
            return Native.wijknet_code_label(kind, index, LabelEnglish, out s) == Native.Ok ? s.ToString() : "?";
        }

        static byte[] Utf8(string s) { return Encoding.UTF8.GetBytes(s); }
        static UIntPtr Len(byte[] b) { return new UIntPtr((uint)b.Length); }

        static int Main(string[] args)
        {
            Console.Out.NewLine = "\n";
            if (args.Length == 1 && args[0] == "--layout")
            {
                PrintLayout();
                return 0;
            }
            if (args.Length != 1)
            {
                Console.Error.WriteLine("usage: Wijknet.Example REGISTRY.json | --layout");
                return 2;
            }
            string version = Marshal.PtrToStringAnsi(Native.wijknet_version());
            if (Native.wijknet_abi_version() != Native.AbiVersion)
            {
                Console.Error.WriteLine("libwijknet {0} has ABI version {1}, this program was written for {2}", version,
                                        Native.wijknet_abi_version(), Native.AbiVersion);
                return 1;
            }
            Console.WriteLine("wijknet {0}", version);
            try
            {
                Run(args[0]);
            }
            catch (WijknetException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            return 0;
        }

        static unsafe void Run(string registryPath)
        {
            byte[] registryJson = File.ReadAllBytes(registryPath);
            using (RegistryHandle registry = Load(registryJson))
            {
                // The same referral and fixed "now" (2026-11-22T13:00:00Z) as examples/c/vendor.c.
                byte[] request = Utf8("{\"location\": \"7544GK\", \"care_types\": [\"wound_care\", \"medical_technical\"], "
                                      + "\"urgency\": \"acute\", \"times_of_day\": [\"day\", \"night\"]}");
                const long now = 1795352400;
                MatchResultHandle result;
                Check(Native.wijknet_match(registry, IntPtr.Zero, request, Len(request), now, 72, out result), "matching");
                using (result)
                {
                    MatchSummary summary;
                    Check(Native.wijknet_match_result_summary(result, out summary), "summary");
                    Console.WriteLine("referral 7544GK wound care + injections, acute: {0}, {1} candidate(s), {2} excluded",
                                      Label(KindMatchOutcome, summary.Outcome), summary.CandidateCount, summary.ExclusionCount);
                    for (ulong i = 0; i < summary.CandidateCount.ToUInt64(); i++)
                    {
                        Candidate c;
                        Check(Native.wijknet_match_result_candidate(result, new UIntPtr(i), out c), "candidate");
                        Console.WriteLine("  {0}. team {1} ({2}) can start {3:D4}-{4:D2}-{5:D2}{6}{7}", c.Rank, c.Team, c.Organisation,
                                          c.PossibleStart.Year, c.PossibleStart.Month, c.PossibleStart.Day,
                                          c.ViaCount != 0 ? ", partly through an agreement" : "",
                                          (c.Flags & (1u << CandidateFlagCapacityStale)) != 0 ? ", capacity stale: call first" : "");
                    }
                    for (ulong i = 0; i < summary.ExclusionCount.ToUInt64(); i++)
                    {
                        Exclusion e;
                        Check(Native.wijknet_match_result_exclusion(result, new UIntPtr(i), out e), "exclusion");
                        Console.WriteLine("  not {0}: {1} ({2})", e.Team, Label(KindExclusionReason, e.Reason), e.Detail);
                    }
                    Accountable accountable;
                    int rc = Native.wijknet_match_result_accountable(result, out accountable);
                    if (rc == Native.Ok)
                        Console.WriteLine("  nobody can: {0} is accountable ({1})", accountable.Party,
                                          Label(KindAccountableSource, accountable.Source));
                    else if (rc != Native.NotFound)
                        Check(rc, "accountable");
                    if (summary.HasAccountable != (rc == Native.Ok))
                        throw new WijknetException("has_accountable disagrees with wijknet_match_result_accountable: bool marshalling?");

                    // A document through char ** + size_t *: decode, then give it back to wijknet_string_free.
                    IntPtr json;
                    UIntPtr jsonLen;
                    Check(Native.wijknet_match_result_to_json(result, out json, out jsonLen), "result as JSON");
                    string document;
                    try
                    {
                        document = Encoding.UTF8.GetString((byte*)json, checked((int)jsonLen.ToUInt64()));
                    }
                    finally
                    {
                        Native.wijknet_string_free(json);
                    }
                    Console.Error.WriteLine("checked: the result as JSON, {0} bytes through char **", jsonLen);
                    if (!document.StartsWith("{"))
                        throw new WijknetException("the result's JSON does not start with {");

                    if (summary.CandidateCount.ToUInt64() > 0)
                    {
                        Candidate first;
                        Check(Native.wijknet_match_result_candidate(result, UIntPtr.Zero, out first), "candidate");
                        AskConsent(first, now);
                    }
                }
            }
        }

        // The marshalled size of each struct above and the offset and size of each field, named as
        // in the header (examples/dotnet/run.sh compares them with examples/c/layout.c). A bool
        // without [MarshalAs(UnmanagedType.U1)] is 4 bytes: the padding after each bool field of
        // these structs hides that from the offsets, not from the field size.
        static void PrintLayout()
        {
            Layout("wijknet_str", typeof(WijknetStr));
            Layout("wijknet_date", typeof(WijknetDate));
            Layout("wijknet_match_summary", typeof(MatchSummary));
            Layout("wijknet_candidate", typeof(Candidate));
            Layout("wijknet_exclusion", typeof(Exclusion));
            Layout("wijknet_accountable", typeof(Accountable));
            Layout("wijknet_consent_request", typeof(ConsentRequest));
            Layout("wijknet_consent_answer", typeof(ConsentAnswer));
            Layout("wijknet_consent_answer", typeof(ConsentAnswerByVal));
        }

        static void Layout(string name, Type type)
        {
            Console.WriteLine("{0} size {1}", name, Marshal.SizeOf(type));
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                string cName = Regex.Replace(field.Name, "(?<!^)([A-Z])", "_$1").ToLowerInvariant();
                Console.WriteLine("{0}.{1} {2} {3}", name, cName, Marshal.OffsetOf(type, field.Name), MarshalledSize(field));
            }
        }

        static int MarshalledSize(FieldInfo field)
        {
            var marshalAs = (MarshalAsAttribute)Attribute.GetCustomAttribute(field, typeof(MarshalAsAttribute));
            if (field.FieldType == typeof(bool)) // the default is the 4-byte Win32 BOOL
                return marshalAs != null && (marshalAs.Value == UnmanagedType.U1 || marshalAs.Value == UnmanagedType.I1) ? 1 : 4;
            if (field.FieldType.IsArray) // ByValArray
                return marshalAs.SizeConst * Marshal.SizeOf(field.FieldType.GetElementType());
            return Marshal.SizeOf(field.FieldType); // fixed buffers are structs of their full size
        }

        static RegistryHandle Load(byte[] json)
        {
            RegistryHandle registry;
            Check(Native.wijknet_registry_from_json(json, Len(json), out registry), "loading the registry");
            return registry;
        }

        // May the hospital share the discharge data with the first team's organisation? (vendor.c)
        static unsafe void AskConsent(Candidate first, long now)
        {
            byte[] storeJson = Utf8("{\"schema\": \"wijknet.consent/v1\", \"version\": \"demo\", \"clients\": [{\"id\": \"cl-demo\", "
                                    + "\"date_of_birth\": \"1941-05-02\", \"can_decide\": true}], \"consents\": [], \"objections\": []}");
            ConsentStoreHandle store;
            Check(Native.wijknet_consent_store_from_json(storeJson, Len(storeJson), out store), "loading the consent store");
            using (store)
            {
                byte[] client = Utf8("cl-demo"), hospital = Utf8("hosp-transfer");
                // The request's texts are borrowed for the call only: pinned with `fixed` for its duration.
                fixed (byte* clientPtr = client, hospitalPtr = hospital)
                {
                    var relationships = new WijknetStr[2];
                    relationships[0] = new WijknetStr { Ptr = (IntPtr)hospitalPtr, Len = Len(hospital) };
                    relationships[1] = first.Organisation; // borrowed from the match result, still alive
                    fixed (WijknetStr* relationshipsPtr = relationships)
                    {
                        var q = new ConsentRequest
                        {
                            Client = new WijknetStr { Ptr = (IntPtr)clientPtr, Len = Len(client) },
                            Discloser = relationships[0],
                            DiscloserRole = RoleHospital,
                            Recipient = first.Organisation,
                            RecipientRole = RoleHomeCareProvider,
                            Purpose = PurposeReferralPlacement,
                            Categories = 1u << CategoryMedical | 1u << CategoryNursingPlanReports | 1u << CategorySocialWmo,
                            Channel = ChannelDirect,
                            Policy = PolicyMostSpecificWins,
                            TreatmentRelationships = (IntPtr)relationshipsPtr,
                            TreatmentRelationshipCount = new UIntPtr(2),
                            AtUnixSeconds = now,
                        };
                        ConsentAnswer answer;
                        Check(Native.wijknet_consent_check(store, IntPtr.Zero, ref q, out answer), "checking consent");
                        ConsentAnswerByVal byVal;
                        Check(Native.wijknet_consent_check_byval(store, IntPtr.Zero, ref q, out byVal), "checking consent (ByValArray)");

                        Console.WriteLine("may hosp-transfer share with {0} for referral and placement?", first.Organisation);
                        for (int c = 0; c < 32; c++)
                        {
                            if (byVal.Basis[c] != answer.Basis[c] || byVal.Obligations[c] != answer.Obligations[c])
                                throw new WijknetException("fixed buffer and ByValArray disagree at category " + c);
                            if ((q.Categories & (1u << c)) == 0) continue;
                            string what = (answer.Permitted & (1u << c)) != 0 ? "permit"
                                          : (answer.Denied & (1u << c)) != 0 ? "deny" : "ask the client";
                            Console.WriteLine("  {0,-28} {1} ({2})", Label(KindDataCategory, (uint)c), what,
                                              Label(KindConsentBasis, answer.Basis[c]));
                        }
                        Console.Error.WriteLine("checked: basis[32] and obligations[32] read the same as fixed buffers and as ByValArray");
                    }
                }
            }
        }
    }
}
