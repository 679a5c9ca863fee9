package market.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code fingerprint changes with any class file of the decider's package, from a directory or a jar. */
class CodeFingerprintTest {

    private static final String PACKAGE = "market/platform/runtime/";

    @TempDir
    Path temp;

    @Test
    void anyClassOfThePackageChangesTheFingerprint() throws Exception {
        Path original = copyPackage(temp.resolve("a"));
        Path changed = copyPackage(temp.resolve("b"));
        long first = fingerprint(original);
        assertThat(fingerprint(copyPackage(temp.resolve("c")))).isEqualTo(first);
        // another class of the package, not the one loaded, differs by one byte
        Path other = changed.resolve(PACKAGE + "Snapshots.class");
        Files.write(other, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(fingerprint(changed)).isNotEqualTo(first);
    }

    @Test
    void aJarGivesTheSameFingerprintAsItsDirectory() throws Exception {
        Path directory = copyPackage(temp.resolve("dir"));
        Path jar = temp.resolve("classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(directory.resolve(PACKAGE))) {
            for (Path file : files.sorted().toList()) {
                out.putNextEntry(new JarEntry(PACKAGE + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        assertThat(fingerprint(jar)).isEqualTo(fingerprint(directory));
    }

    /** Loads {@code AggregateType} (whose package is this one) from {@code root}, without linking it to the rest. */
    private static long fingerprint(Path root) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName("market.platform.runtime.AggregateType", false, loader);
            assertThat(type.getClassLoader()).isSameAs(loader);
            return CodeFingerprint.of(type);
        }
    }

    private static Path copyPackage(Path root) throws Exception {
        Path source = Path.of(AggregateType.class.getResource("AggregateType.class").toURI()).getParent();
        Path target = Files.createDirectories(root.resolve(PACKAGE));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        }
        return root;
    }
}
