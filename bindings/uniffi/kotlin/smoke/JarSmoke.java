import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the packaged jar the way an app uses it: only the jar, JNA and the Kotlin standard
 * library on the class path, no jna.library.path, no LD_LIBRARY_PATH; JNA must find
 * libwijknet_uniffi.so inside the jar. Run by tests/run_all.sh after `mvn package`.
 * Arguments: the expected version, the demo region's registry document.
 */
public final class JarSmoke {
    public static void main(String[] args) throws Exception {
        if (System.getProperty("jna.library.path") != null || System.getenv("LD_LIBRARY_PATH") != null) {
            throw new AssertionError("the smoke test must run without jna.library.path and LD_LIBRARY_PATH");
        }
        String version = nl.wijknet.Wijknet_uniffiKt.version();
        if (!version.equals(args[0])) {
            throw new AssertionError("version " + version + ", expected " + args[0]);
        }
        byte[] document = Files.readAllBytes(Path.of(args[1]));
        // Java sees no Kotlin default arguments: the optional progress listener is passed as null.
        try (nl.wijknet.Registry registry = nl.wijknet.Registry.Companion.fromJson(document, null)) {
            int teams = registry.teamCount();
            if (teams <= 0) {
                throw new AssertionError("no teams in " + args[1]);
            }
            System.out.println("jar smoke: wijknet " + version + " loaded from the jar, "
                    + teams + " teams in " + Path.of(args[1]).getFileName());
        }
    }
}
