package market.platform.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import market.platform.crypto.Hashes;

/**
 * A fingerprint of the code that folds an aggregate's events: the first 8 bytes of the SHA-256 of
 * every class file in its decider's package (names and bytes, in name order), read from the
 * directory or jar the decider was loaded from. A snapshot records it beside its state's schema
 * fingerprint, so a build whose {@code evolve} differs never starts from a snapshot an older one
 * wrote, even when the state's shape is unchanged; it replays instead. Where the package cannot
 * be listed, the decider's own class file stands for it.
 */
final class CodeFingerprint {

    private CodeFingerprint() {}

    static long of(Class<?> decider) {
        String file = decider.getSimpleName() + ".class";
        URL url = decider.getResource(file);
        if (url == null) {
            throw new IllegalStateException("no class file for " + decider.getName());
        }
        MessageDigest sha256 = Hashes.sha256Digest();
        try {
            for (Resource resource : classFiles(url, file)) {
                sha256.update(resource.name().getBytes(StandardCharsets.UTF_8));
                sha256.update(resource.bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }

    private record Resource(String name, byte[] bytes) {}

    private static List<Resource> classFiles(URL url, String file) throws IOException {
        List<Resource> found = new ArrayList<>();
        if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()).getParent())) {
                for (Path path : files.filter(p -> p.getFileName().toString().endsWith(".class")).sorted().toList()) {
                    found.add(new Resource(path.getFileName().toString(), Files.readAllBytes(path)));
                }
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            return found;
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar && jar.getEntryName() != null) {
            String prefix = jar.getEntryName().substring(0, jar.getEntryName().length() - file.length());
            List<String> names = Collections.list(jar.getJarFile().entries()).stream().map(e -> e.getName())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(".class")
                            && name.indexOf('/', prefix.length()) < 0)
                    .sorted().toList();
            for (String name : names) {
                try (InputStream in = jar.getJarFile().getInputStream(jar.getJarFile().getJarEntry(name))) {
                    found.add(new Resource(name.substring(prefix.length()), in.readAllBytes()));
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        try (InputStream in = url.openStream()) {
            found.add(new Resource(file, in.readAllBytes()));
        }
        return found;
    }
}
