import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import market.platform.crypto.Hashes;
import market.platform.ids.Ids;
import market.platform.signing.Wallet;

/**
 * Load for the crash check: sends signed adddatabegin requests from 16 threads and writes, per
 * request, the data_id it maps to (derived from signer and nonce) and the HTTP status the client
 * saw, or ERR when no answer came.
 * Usage: MARKET_PASSPHRASE=… java -cp cli/target/market.jar CrashLoad.java URL KEYSTORE_FILE DATATYPE COUNT OUT_FILE
 */
public class CrashLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        // the provider's keystore, opened with MARKET_PASSPHRASE as the CLI opens it
        Wallet wallet = market.platform.signing.Keystore.decrypt(java.nio.file.Files.readString(Path.of(args[1])),
                System.getenv("MARKET_PASSPHRASE").toCharArray());
        int count = Integer.parseInt(args[3]);
        String hash = Hashes.sha256Hex(new byte[] {1});
        byte[] body = ("{\"datatypename\":\"" + args[2] + "\",\"price\":\"1 OSB\",\"detail_fields\":[],\"period\":1,"
                + "\"data_hash_original\":\"" + hash + "\",\"size\":1,\"fragments\":[{\"fragment_no\":1,\"size\":1,"
                + "\"hash_original\":\"" + hash + "\",\"idfs_cluster_id\":1}]}").getBytes();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(pool.submit(() -> {
                var signed = wallet.signRequest("POST", "/v1/data", body, Clock.systemUTC());
                long dataId = Ids.derive("data", wallet.address(), signed.nonce());
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/data"))
                            .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                            .header("X-Market-Address", signed.address())
                            .header("X-Market-Timestamp", Long.toString(signed.timestamp()))
                            .header("X-Market-Nonce", signed.nonce()).header("X-Market-Signature", signed.signature())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return dataId + " " + response.statusCode();
                } catch (Exception e) {
                    return dataId + " ERR";
                }
            }));
        }
        try (PrintWriter out = new PrintWriter(args[4])) {
            for (Future<String> result : results) {
                out.println(result.get());
            }
        }
        pool.shutdown();
    }
}
