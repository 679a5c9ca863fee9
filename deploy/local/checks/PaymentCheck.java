import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verdict of the settlement crash check, from the ledger after the restart: every buy answered
 * 201 has its deal COMPLETED; every buyer has at most one payment entry, exactly one when its deal
 * completed; the provider has one payment entry per paid deal and its balance grew by exactly
 * that many prices; nothing is left in flight and the ledger balances. Exits 1 otherwise.
 * Usage: java -cp cli/target/market.jar PaymentCheck.java SETTLEMENT_URL ORDER_URL RESULTS_FILE
 *        PROVIDER PROVIDER_BALANCE_BEFORE PRICE   (amounts as "1.0000 OSB")
 */
public class PaymentCheck {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        String settlement = args[0];
        String order = args[1];
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        String provider = args[3];
        long providerBefore = units(args[4]);
        long price = units(args[5]);
        int acknowledged = 0;
        int problems = 0;
        long paidBuyers = 0;
        for (String line : lines) {
            String[] fields = line.split(" ");
            boolean created = fields[1].equals("201");
            if (created) {
                acknowledged++;
                String status = awaitSettled(order + "/v1/deals/" + fields[2]);
                if (!status.equals("COMPLETED")) {
                    System.out.println("deal " + fields[2] + " of " + fields[0] + " is " + status);
                    problems++;
                }
            }
            long payments = payments(settlement, fields[0]);
            if (payments > 1 || (created && payments != 1)) {
                System.out.println(fields[0] + " has " + payments + " payment entries");
                problems++;
            }
            paidBuyers += payments;
        }
        long providerPayments = payments(settlement, provider);
        long providerNow = units(get(settlement + "/v1/accounts/" + provider).get("available").stringValue());
        JsonNode ledger = get(settlement + "/v1/ledger");
        System.out.printf("acknowledged deals: %d, paid buyers: %d, provider payment entries: %d%n", acknowledged,
                paidBuyers, providerPayments);
        System.out.printf("provider balance grew by %d units for %d payments of %d; ledger %s%n",
                providerNow - providerBefore, providerPayments, price, ledger);
        if (providerPayments != paidBuyers || providerNow - providerBefore != providerPayments * price
                || !ledger.get("balanced").booleanValue() || !ledger.get("in_flight").stringValue().equals("0.0000 OSB")
                || acknowledged == 0) {
            problems++;
        }
        System.exit(problems == 0 ? 0 : 1);
    }

    static String awaitSettled(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String status;
        do {
            status = get(url).get("status").stringValue();
            if (!status.equals("PENDING_PAYMENT")) {
                return status;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return status;
    }

    /** The account's ledger entries caused by deal payments. */
    static long payments(String settlement, String account) throws Exception {
        long count = 0;
        for (int page = 0; ; page++) {
            JsonNode entries = get(settlement + "/v1/accounts/" + account + "/entries?size=100&page=" + page);
            for (JsonNode entry : entries.get("items")) {
                if (entry.get("cause").stringValue().startsWith("payment of deal ")) {
                    count++;
                }
            }
            if ((long) (page + 1) * 100 >= entries.get("total").longValue()) {
                return count;
            }
        }
    }

    static long units(String asset) {
        return market.platform.money.Money.parse(asset).units();
    }

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
