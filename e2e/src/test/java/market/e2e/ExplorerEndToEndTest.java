package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import market.explorer.ExplorerApplication;
import market.platform.signing.Wallet;
import market.platform.testing.KafkaBroker;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The explorer in a real browser: Debian's {@code chromium}, headless, driven through Debian's
 * {@code chromedriver} by Selenium. The page is open while a purchase runs through the platform;
 * the deal appears on it, completed with its keys released, the live feed shows the purchase's
 * events as they are read, and the buyer's balance on the page is settlement-service's. The
 * screenshot is left at {@code e2e/target/explorer.png}. Without the browser the test is skipped,
 * unless {@code MARKET_REQUIRE_CHROMIUM} is set (as CI sets it), when it fails.
 */
class ExplorerEndToEndTest extends EndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static ConfigurableApplicationContext explorer;
    private static ChromeDriver browser;

    @BeforeAll
    static void startExplorerAndBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("MARKET_REQUIRE_CHROMIUM") != null) {
            assertThat(present).as("Debian's chromium and chromium-driver at " + CHROMIUM + " and " + CHROMEDRIVER)
                    .isTrue();
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        explorer = new SpringApplicationBuilder(ExplorerApplication.class)
                .properties(Map.of("spring.config.name", "market-e2e", "spring.application.name", "explorer",
                        "server.port", 0, "spring.main.banner-mode", "off",
                        "spring.kafka.bootstrap-servers", KafkaBroker.bootstrapServers(),
                        "spring.jackson.property-naming-strategy", "SNAKE_CASE", "server.shutdown", "immediate",
                        "logging.level.org.apache.kafka", "WARN"))
                .initializers(c -> ((org.springframework.context.support.GenericApplicationContext) c).registerBean(
                        org.springframework.http.client.ReactorResourceFactory.class, MarketPlatform::ownResources))
                .run();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1400,2000",
                "--user-data-dir=" + Files.createTempDirectory("explorer-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (explorer != null) {
            explorer.close();
        }
    }

    private static String url() {
        return "http://localhost:" + explorer.getEnvironment().getProperty("local.server.port") + "/";
    }

    @Test
    void aPurchaseAppearsOnThePageAsItHappens() throws IOException {
        browser.get(url());
        awaitPage("the live feed connected", () -> text("#connection").equals("live"));

        Flows.Listing listing = flows.listed("explorer-key-", 5);
        String dataset = listing.dataset();
        String dataId = Long.toString(listing.dataId());
        Wallet buyer = Wallet.create();
        flows.deposit(buyer.address(), "3.0000 OSB");
        long dealId = flows.buy(buyer, dataset, "2.5000 OSB").expect(201).json().get("deal_id").longValue();
        flows.awaitDeal(dealId, "COMPLETED");

        // the page re-renders its tables as events come, so each read takes the text in one script
        String dealRow = "#deals tr[data-deal-id='" + dealId + "']";
        awaitPage("deal " + dealId + " completed with its keys released on the page",
                () -> text(dealRow).contains("COMPLETED") && text(dealRow).contains("released"));
        awaitPage("data " + dataId + " on sale with its fragment stored", () -> {
            String row = text("#datasets tr[data-data-id='" + dataId + "']");
            return row.contains("ON_SALE") && row.contains("1 / 1");
        });
        for (String event : List.of("DealCreated", "PaymentDebited", "PaymentSettled", "DealCompleted", "KeysReleased")) {
            awaitPage(event + " of deal " + dealId + " in the live feed", () -> rows("#feed li[data-type='" + event + "']")
                    .stream().anyMatch(item -> item.contains("deal_id=" + dealId)));
        }
        String available = platform.settlement().get("/v1/accounts/" + buyer.address()).expect(200).json()
                .get("available").stringValue();
        assertThat(available).isEqualTo("1.0000 OSB");
        awaitPage("the buyer's balance on the page", () -> rows("#ledger tbody tr").stream()
                .anyMatch(row -> row.contains(buyer.address()) && row.contains(available)));
        assertThat(count("#chart-purchases rect.bar")).isPositive();
        assertThat(count("#chart-clusters rect.used")).isPositive();

        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Path screenshot = Path.of("target", "explorer.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, png);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void badRequestsGetTheErrorBody() {
        SignedHttp api = new SignedHttp(url().substring(0, url().length() - 1));
        Flows.refused(api.get("/api/overview?limit=0"), 400, "EXPLORER.BAD_LIMIT");
        Flows.refused(api.get("/api/overview?limit=many"), 400, "EXPLORER.BAD_LIMIT");
        Flows.refused(api.get("/api/nothing-here"), 404, "HTTP.NOT_FOUND");
    }

    /** The text of the first element {@code css} selects, or "" when there is none. */
    private static String text(String css) {
        Object text = browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css);
        return String.valueOf(text);
    }

    private static long count(String css) {
        return (Long) browser.executeScript("return document.querySelectorAll(arguments[0]).length;", css);
    }

    @SuppressWarnings("unchecked")
    private static List<String> rows(String css) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText);", css);
    }

    private static void awaitPage(String what, java.util.function.BooleanSupplier condition) {
        Flows.await(what + " (" + browser.getCurrentUrl() + ")", () -> condition.getAsBoolean() ? true : null);
    }

    static {
        // never let Selenium look for a driver or browser of its own
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    }
}
