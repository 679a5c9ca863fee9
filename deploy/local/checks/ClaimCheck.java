import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.platform.money.Money;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verdict of the keeper-service crash check, after the restart: once no claim is pending, every
 * claim the load saw accepted (201) is paid, none is rejected; each paid claim has exactly one
 * credit entry in its keeper's ledger, and the keeper's balance is the sum of its paid claims
 * (keepers neither deposit nor withdraw here); no reward paid more than its audited days earned;
 * nothing is in flight and the ledger balances. Exits 1 otherwise.
 * Usage: java -cp cli/target/market.jar ClaimCheck.java SETTLEMENT_URL KEEPER_URL RESULTS_FILE
 */
public class ClaimCheck {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        String settlement = args[0];
        String keeperUrl = args[1];
        Map<String, Set<String>> acknowledged = new HashMap<>();
        int lost = 0;
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            String[] fields = line.split(" ");
            acknowledged.computeIfAbsent(fields[0], k -> new HashSet<>());
            if (fields[2].equals("201")) {
                acknowledged.get(fields[0]).add(fields[3]);
            } else if (fields[2].equals("ERR")) {
                lost++;
            }
        }
        int problems = 0;
        long claims = 0;
        long paidUnits = 0;
        for (Map.Entry<String, Set<String>> keeper : acknowledged.entrySet()) {
            String account = keeper.getKey();
            JsonNode list = awaitSettled(keeperUrl + "/v1/keepers/" + account + "/claims");
            Map<String, Long> paid = new HashMap<>();
            for (JsonNode claim : list.get("items")) {
                String status = claim.get("status").stringValue();
                if (status.equals("paid")) {
                    paid.put(claim.get("claim_id").asString(), units(claim.get("quantity").stringValue()));
                } else {
                    System.out.println(account + " claim " + claim.get("claim_id").asString() + " is " + status);
                    problems++;
                }
            }
            for (String claimId : keeper.getValue()) {
                if (!paid.containsKey(claimId)) {
                    System.out.println(account + " claim " + claimId + " was accepted but is not paid");
                    problems++;
                }
            }
            Map<String, Integer> credits = credits(settlement, account);
            for (String claimId : paid.keySet()) {
                if (credits.getOrDefault(claimId, 0) != 1) {
                    System.out.println(account + " claim " + claimId + " has " + credits.getOrDefault(claimId, 0)
                            + " credit entries");
                    problems++;
                }
            }
            if (credits.size() != paid.size()) {
                System.out.println(account + " has credits for " + credits.size() + " claims, " + paid.size() + " paid");
                problems++;
            }
            long sum = paid.values().stream().mapToLong(Long::longValue).sum();
            long balance = units(get(settlement + "/v1/accounts/" + account).get("available").stringValue());
            if (balance != sum) {
                System.out.println(account + " holds " + balance + " units, its paid claims " + sum);
                problems++;
            }
            for (JsonNode reward : get(keeperUrl + "/v1/keepers/" + account + "/rewards").get("items")) {
                long earned = reward.get("earned_days").longValue() * units(reward.get("daySingleIDFSfee").stringValue());
                if (units(reward.get("reward_claimed").stringValue()) > earned) {
                    System.out.println("reward " + reward.get("reward_id").asString() + " paid more than it earned");
                    problems++;
                }
            }
            claims += paid.size();
            paidUnits += sum;
        }
        JsonNode ledger = get(settlement + "/v1/ledger");
        System.out.printf("%d claims paid to %d keepers (%s in all), %d requests without an answer; ledger %s%n",
                claims, acknowledged.size(), Money.ofUnits(paidUnits).format(), lost, ledger);
        if (!ledger.get("balanced").booleanValue() || !ledger.get("in_flight").stringValue().equals("0.0000 OSB")
                || claims == 0) {
            problems++;
        }
        System.exit(problems == 0 ? 0 : 1);
    }

    /** The keeper's claims once none is pending (or after 90 s). */
    static JsonNode awaitSettled(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode list;
        do {
            list = get(url);
            boolean pending = false;
            for (JsonNode claim : list.get("items")) {
                pending |= claim.get("status").stringValue().equals("pending");
            }
            if (!pending) {
                return list;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return list;
    }

    /** Credit entries of reward claims in the account's ledger, by claim_id. */
    static Map<String, Integer> credits(String settlement, String account) throws Exception {
        Map<String, Integer> credits = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode entries = get(settlement + "/v1/accounts/" + account + "/entries?size=100&page=" + page);
            for (JsonNode entry : entries.get("items")) {
                String cause = entry.get("cause").stringValue();
                if (cause.startsWith("reward claim ") && units(entry.get("amount").stringValue()) > 0) {
                    credits.merge(cause.split(" ")[2], 1, Integer::sum);
                }
            }
            if ((long) (page + 1) * 100 >= entries.get("total").longValue()) {
                return credits;
            }
        }
    }

    static long units(String asset) {
        return Money.parse(asset).units();
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
