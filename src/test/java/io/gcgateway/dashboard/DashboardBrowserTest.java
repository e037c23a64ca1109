package io.gcgateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard in real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}): it loads, the chart
 * renders one point per bucket, changing a filter refetches, and the wallboard shows queues by name and follows the
 * simulator's live state over the graphql-ws subscription. Screenshots go to {@code target/}.
 */
@QuarkusTest
class DashboardBrowserTest {
    private static final String CHROMIUM = "chromium";
    private static final String CHROMEDRIVER = "chromedriver";

    private static final String NO_CHROMIUM =
            "Dashboard browser test skipped: Chromium not found; install it with 'apt-get install chromium chromium-driver'";

    private static ChromeDriver browser;

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @BeforeAll
    static void startBrowser() throws Exception {
        Optional<Path> chromium = onPath(CHROMIUM);
        Optional<Path> driver = onPath(CHROMEDRIVER);
        if (chromium.isEmpty() || driver.isEmpty()) {
            // Checked again per test (below): an assumption failing here would abort the class silently, reported
            // by Surefire as zero tests run rather than as a skipped test with this message.
            System.out.println(NO_CHROMIUM);
            return;
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("dashboard-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void requireBrowser() {
        Assumptions.assumeTrue(browser != null, NO_CHROMIUM);
    }

    @Test
    void chartRendersAndFiltersRefetch() throws Exception {
        Simulator.reset();
        browser.get(dashboard + "#key=" + TestClients.READER);
        awaitRenders(1);
        assertThat(state("error")).isNull();
        // The key left the address bar (it stays in this tab's session storage).
        assertThat(browser.getCurrentUrl()).doesNotContain("key=");

        // Seven days back through today, by day: 8 points, both series, one per axis.
        WebElement canvas = browser.findElement(By.id("chart"));
        assertThat(canvas.getDomAttribute("data-points")).isEqualTo("8");
        assertThat(js("return Chart.getChart(document.getElementById('chart')).data.datasets.map(d => d.data.length)"))
                .isEqualTo(List.of(8L, 8L));
        assertThat(js("return Chart.getChart(document.getElementById('chart')).data.datasets.map(d => d.yAxisID)"))
                .isEqualTo(List.of("count", "seconds"));
        assertThat(browser.findElements(By.cssSelector("#latest tbody tr"))).hasSize(10);
        // Names from the directory, not ids: the queue column, and the queue filter's options.
        List<String> queueNames = List.of("Sales", "Support", "Billing", "Retention", "Technical", "VIP");
        assertThat(browser.findElements(By.cssSelector("#latest tbody tr td:nth-child(4)")).stream().map(WebElement::getText)
                .filter(text -> !text.isEmpty()).toList()).isNotEmpty().allSatisfy(text -> assertThat(queueNames).contains(text));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> b.findElements(By.cssSelector("#queue option")).size() > 1);
        assertThat(browser.findElements(By.cssSelector("#queue option")).stream().skip(1).map(WebElement::getText))
                .allSatisfy(text -> assertThat(queueNames).contains(text.replaceAll(" \\(\\d+\\)$", "")));
        screenshot("dashboard.png");

        long fetches = (Long) state("fetches");
        new Select(browser.findElement(By.id("granularity"))).selectByValue("PT1H");
        awaitRenders(2);
        assertThat((Long) state("fetches")).isEqualTo(fetches + 1);
        assertThat(canvas.getDomAttribute("data-points")).isEqualTo(String.valueOf(8 * 24));

        new Select(browser.findElement(By.id("mediaType"))).selectByVisibleText("CHAT");
        awaitRenders(3);
        assertThat(state("error")).isNull();
        assertThat(browser.findElements(By.cssSelector("#latest tbody tr td:nth-child(2)")))
                .isNotEmpty().allSatisfy(cell -> assertThat(cell.getText()).isEqualTo("CHAT"));
        screenshot("dashboard-chat-hourly.png");
    }

    @Test
    void wallboardShowsQueueNamesAndMovesWithLiveState() throws Exception {
        Simulator.reset();
        browser.get(dashboard + "#key=" + TestClients.READER);
        List<String> queueNames = List.of("Sales", "Support", "Billing", "Retention", "Technical", "VIP");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // One card per queue, titled with its name, filled by the subscription's first events.
        wait.until(b -> b.findElements(By.cssSelector("#cards .card[data-alerting]")).size() == queueNames.size());
        assertThat(browser.findElements(By.cssSelector("#cards .card h3")).stream().map(WebElement::getText).toList())
                .containsExactlyInAnyOrderElementsOf(queueNames);
        WebElement billing = browser.findElements(By.cssSelector("#cards .card")).stream()
                .filter(card -> card.findElement(By.tagName("h3")).getText().equals("Billing")).findFirst().orElseThrow();
        String queueId = billing.getDomAttribute("data-queue-id");
        int alerting = Integer.parseInt(billing.getDomAttribute("data-alerting"));
        long events = ((Number) state("liveEvents")).longValue();

        // The simulator's live state changes: a call rings on Billing. The card follows without a reload.
        Simulator.createConversation(queueId, null, "alerting");
        wait.until(b -> String.valueOf(alerting + 1).equals(b.findElement(
                By.cssSelector(".card[data-queue-id='" + queueId + "']")).getDomAttribute("data-alerting")));
        assertThat(((Number) state("liveEvents")).longValue()).isGreaterThan(events);
        // A customer waits in queue: waiting goes up and the longest wait shows.
        int waiting = Integer.parseInt(billing.getDomAttribute("data-waiting"));
        Simulator.createConversation(queueId, null, "waiting");
        wait.until(b -> String.valueOf(waiting + 1).equals(b.findElement(
                By.cssSelector(".card[data-queue-id='" + queueId + "']")).getDomAttribute("data-waiting")));
        wait.until(b -> b.findElement(By.cssSelector(".card[data-queue-id='" + queueId + "']")).getText()
                .matches("(?s).*Longest wait\\s+\\d+:\\d\\d.*"));
        assertThat(browser.findElement(By.id("live")).getText()).startsWith("updated");
        screenshot("dashboard-wallboard.png");
    }

    private void awaitRenders(long renders) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> ((Number) state("renders")).longValue() >= renders);
    }

    private Object state(String field) {
        return js("return window.dashboard ? window.dashboard['" + field + "'] : 0");
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Path> onPath(String binary) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty()
                : Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, binary))
                        .filter(Files::isExecutable).findFirst();
    }
}
