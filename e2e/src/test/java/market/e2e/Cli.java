package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import market.platform.signing.Keystore;
import market.platform.signing.Wallet;
import tools.jackson.databind.JsonNode;

/**
 * The packaged CLI, run as a process against the shared platform, with a home of its own per
 * wallet: a keystore under {@link #PASSPHRASE}, which every run gets as {@code MARKET_PASSPHRASE}.
 */
final class Cli {

    private static final Path MARKET_JAR = Path.of("..", "cli", "target", "market.jar");
    static final String PASSPHRASE = "e2e passphrase";

    record Result(int exit, String output) {
        /** The JSON the command printed, after any progress line. */
        JsonNode json() {
            return new tools.jackson.databind.ObjectMapper().readTree(output.substring(output.indexOf('{')));
        }
    }

    private Cli() {}

    /** Runs the command and expects it to succeed; answers what it printed. */
    static Result run(MarketPlatform platform, Path home, String... args) throws Exception {
        Result result = exec(platform, home, args);
        assertThat(result.exit()).as(String.join(" ", args) + "\n" + result.output()).isZero();
        return result;
    }

    static Result exec(MarketPlatform platform, Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", MARKET_JAR.toString(), "--home", home.toString(), "--url", platform.registryUrl(),
                "--keeper-url", platform.keeperUrl(), "--order-url", platform.orderUrl()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MARKET_PASSPHRASE", PASSPHRASE);
        Process cli = builder.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(cli.exitValue(), output);
    }

    /** A new home holding {@code wallet} as a keystore (scrypt's light cost: the tests open it often). */
    static Path home(Wallet wallet) throws Exception {
        Path home = Files.createTempDirectory("market-cli");
        Files.writeString(home.resolve("wallet.json"),
                Keystore.encrypt(wallet, PASSPHRASE.toCharArray(), Keystore.LIGHT));
        return home;
    }
}
