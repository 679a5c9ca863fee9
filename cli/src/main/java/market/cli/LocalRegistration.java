package market.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import market.cli.Fragmenter.Fragment;

/**
 * The provider's local files of a registration between {@code adddatabegin} and
 * {@code adddataend}: {@code <datasets>/<data_id>/fragment-<n>.enc} (the sealed fragments) and
 * {@code registration.properties} (per fragment its cid, hash_encrypted and encrypt_key),
 * readable by the owner only. They are staged before the begin request is sent and renamed to
 * the data_id the registry assigns, so no fragment key is lost if the client stops in between.
 */
final class LocalRegistration {

    static final String FILE = "registration.properties";

    /** What {@code adddataend} needs of one fragment. */
    record Secret(int fragmentNo, String cid, String hashEncrypted, String encryptKey) {
        @Override
        public String toString() {
            return "Secret[" + fragmentNo + ", " + cid + "]";
        }
    }

    private final Path datasets;

    LocalRegistration(Path datasets) {
        this.datasets = datasets;
    }

    Path folder(long dataId) {
        return datasets.resolve(Long.toString(dataId));
    }

    /** Writes the fragments and their keys into a new staging folder and answers it. */
    Path stage(List<Fragment> fragments) {
        try {
            Files.createDirectories(datasets);
            Path staging = Files.createTempDirectory(datasets, ".staging-");
            ownerOnly(staging, "rwx------");
            StringBuilder properties = new StringBuilder("# keys of the sealed fragments: keep this file secret\n");
            for (Fragment f : fragments) {
                Files.write(staging.resolve("fragment-" + f.fragmentNo() + ".enc"), f.sealed());
                String prefix = "fragment." + f.fragmentNo() + ".";
                properties.append(prefix).append("cid=").append(f.cid()).append('\n')
                        .append(prefix).append("hash_encrypted=").append(f.hashEncrypted()).append('\n')
                        .append(prefix).append("encrypt_key=").append(f.encryptKeyHex()).append('\n');
            }
            Path file = Files.createFile(staging.resolve(FILE));
            ownerOnly(file, "rw-------");
            Files.writeString(file, properties, StandardCharsets.UTF_8);
            return staging;
        } catch (IOException e) {
            throw new CliException("cannot write the local registration files under " + datasets + ": " + e);
        }
    }

    /** Renames the staging folder to the data_id's folder. */
    Path commit(Path staging, long dataId) {
        Path target = folder(dataId);
        try {
            return Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(target + " already exists; the fragments and keys of data " + dataId
                    + " are kept in " + staging);
        } catch (IOException e) {
            throw new CliException("cannot rename " + staging + " to " + target + ": " + e);
        }
    }

    /** Deletes a staging folder whose registration the registry refused. */
    void discard(Path staging) {
        try (Stream<Path> files = Files.list(staging)) {
            files.forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Files.delete(staging);
        } catch (IOException | UncheckedIOException e) {
            throw new CliException("cannot delete " + staging + ": " + e);
        }
    }

    /** The secrets written by {@link #stage}, in fragment order. */
    List<Secret> load(long dataId) {
        Path file = folder(dataId).resolve(FILE);
        if (!Files.exists(file)) {
            throw new CliException("no " + file + ": it is written by `market data begin` with the same --home");
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e);
        }
        List<Secret> secrets = new ArrayList<>();
        for (int no = 1; properties.getProperty("fragment." + no + ".cid") != null; no++) {
            String prefix = "fragment." + no + ".";
            String hash = properties.getProperty(prefix + "hash_encrypted");
            String key = properties.getProperty(prefix + "encrypt_key");
            if (hash == null || key == null) {
                throw new CliException(file + ": fragment " + no + " lacks hash_encrypted or encrypt_key");
            }
            secrets.add(new Secret(no, properties.getProperty(prefix + "cid"), hash, key));
        }
        if (secrets.isEmpty()) {
            throw new CliException(file + " lists no fragments");
        }
        return List.copyOf(secrets);
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
