package dev.cimatrix.report.threat;

import dev.cimatrix.testing.CliRun;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report in a real Chromium (Debian's {@code chromium}, driven by Playwright with the machine's Node):
 * it loads without console errors or network requests, draws the matrix, opens a cell and highlights a path.
 * Skipped where chromium or node is missing; CI installs chromium.
 */
class ReportPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    private static final ThreatModel MODEL = ThreatSample.model();

    private static Playwright playwright;
    private static Browser browser;
    private BrowserContext context;
    private Page page;
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void launch() {
        assumeTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM);
        Optional<Path> node = onPath("node");
        assumeTrue(node.isPresent(), "no node on PATH");
        // Never download a browser: the machine's chromium is the one under test.
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "PLAYWRIGHT_NODEJS_PATH", node.get().toString())));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void open() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000));
        // Every request fails the test: the page must not reach anything, not even a local file.
        context.route("**/*", route -> {
            problems.add("request: " + route.request().url());
            route.abort();
        });
        page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.type().equals("warning")) {
                problems.add("console " + m.type() + ": " + m.text());
            }
        });
        page.onPageError(e -> problems.add("page error: " + e));
        page.setContent(ThreatReportWriter.write(MODEL, ThreatReportWriter.Format.html));
        page.waitForFunction("() => window.cimatrixReport !== undefined");
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void loadsOfflineWithoutErrorsAndDrawsTheWholeMatrix() throws Exception {
        assertThat(page.locator("#matrix .tactic").count()).isEqualTo(10);
        assertThat(page.locator("#matrix .cell").count()).isEqualTo(49);
        assertThat(page.locator("#matrix .tactic h3").allTextContents()).startsWith("Reconnaissance")
                .endsWith("Impact");
        assertThat(page.locator("#findings tbody tr").count()).isEqualTo(MODEL.scan().findings().size());
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("report.png")).setFullPage(true));
        assertThat(problems).isEmpty();
    }

    @Test
    void clickingACellShowsItsFindingsControlsAndDetections() {
        String id = "EXEC/CICD-T016";
        page.locator("#matrix .cell[data-cell='" + id + "']").click();

        assertThat(page.locator("#details h3").textContent()).startsWith(id);
        List<String> shown = page.locator("#details .cell-findings li").allTextContents();
        assertThat(shown).hasSize(MODEL.cell(id).findings().size()).isNotEmpty();
        MODEL.cell(id).findings().forEach(f -> assertThat(String.join("\n", shown)).contains(f.checkId()));
        assertThat(page.locator("#details").textContent()).contains("Preventive controls").contains("Detective controls")
                .contains(MODEL.cell(id).preventive().get(0).control().id());
        assertThat(problems).isEmpty();
    }

    @Test
    void selectingAPathHighlightsItInTheGraph() throws Exception {
        page.locator("#path-list li[data-path='P1'] button").click();

        assertThat(page.locator("#path-list li[data-path='P1']").getAttribute("aria-selected")).isEqualTo("true");
        int steps = MODEL.paths().get(0).steps().size();
        assertThat(page.evaluate("() => window.cimatrixReport.cy.edges('.highlighted').length")).isEqualTo(steps);
        assertThat(page.evaluate("() => window.cimatrixReport.cy.nodes('.highlighted').length")).isEqualTo(steps + 1);
        assertThat((Integer) page.evaluate("() => window.cimatrixReport.cy.edges('.faded').length")).isPositive();
        page.locator("#graph").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("path-selected.png")));
        assertThat(problems).isEmpty();
    }

    @Test
    void theFindingsViewAndTheFiltersRedrawTheMatrix() {
        page.locator("#view-findings").click();
        assertThat(page.locator("#view-findings").getAttribute("aria-pressed")).isEqualTo("true");
        String clean = page.locator("#matrix .cell[data-cell='RECON/CICD-T001']").evaluate("e => e.style.background")
                .toString();
        assertThat(clean).contains("255, 255, 255");

        page.locator("#filter-severity").selectOption("critical");
        long critical = MODEL.scan().findings().stream().filter(f -> f.severity().label().equals("critical")).count();
        assertThat(page.locator("#findings tbody tr").count()).isEqualTo((int) critical);
        page.locator("#filter-repository").selectOption("example/repo");
        assertThat(page.locator("#findings tbody tr").count()).isEqualTo((int) critical);
        assertThat(problems).isEmpty();
    }

    @Test
    void theReportOfTheExampleDrawsTheSeedAttackPath(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("report", "examples/seed-attack", "--format", "html", "--output", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        page.setContent(Files.readString(html));
        page.waitForFunction("() => window.cimatrixReport !== undefined");

        String first = page.locator("#path-list li").first().locator(".steps").textContent();
        assertThat(first).contains("RECON/CICD-T002").contains("INIT/CICD-T004").contains("EXEC/CICD-T016")
                .contains("CRED/CICD-T029");
        page.locator("#path-list li").first().locator("button").click();
        page.locator("#matrix .cell[data-cell='EXEC/CICD-T016']").click();
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("example.png")).setFullPage(true));
        assertThat(problems).isEmpty();
    }

    /**
     * A report of many findings shows them a page at a time, so that it opens quickly: the rest come on request,
     * a page or all at once, and the filters start again from the first page.
     */
    @Test
    void manyFindingsAreShownAPageAtATime(@TempDir Path dir) throws Exception {
        StringBuilder workflow = new StringBuilder("on: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n");
        int steps = 450;
        for (int i = 0; i < steps; i++) {
            workflow.append("      - run: echo \"${{ github.event.pull_request.title }}\" ").append(i).append('\n');
        }
        Path repo = Files.createDirectories(dir.resolve("repo/.github/workflows"));
        Files.writeString(repo.resolve("ci.yml"), workflow);
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("report", dir.resolve("repo").toString(), "--format", "html", "--output", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        page.setContent(Files.readString(html));
        page.waitForFunction("() => window.cimatrixReport !== undefined");

        int total = ((Number) page.evaluate("() => JSON.parse(document.getElementById('report-data').textContent)"
                + ".findings.length")).intValue();
        assertThat(total).isGreaterThan(steps);
        assertThat(page.locator("#findings tbody tr").count()).isEqualTo(200);
        assertThat(page.locator("#findings-count").textContent()).isEqualTo("200 of " + total + " findings shown");
        page.locator("#findings-more").click();
        assertThat(page.locator("#findings tbody tr").count()).isEqualTo(400);
        page.locator("#findings-all").click();
        assertThat(page.locator("#findings tbody tr").count()).isEqualTo(total);
        assertThat(page.locator("#findings-more").isVisible()).isFalse();
        assertThat(page.locator("#findings-all").isVisible()).isFalse();

        page.locator("#filter-severity").selectOption("high");
        long high = ((Number) page.evaluate("() => JSON.parse(document.getElementById('report-data').textContent)"
                + ".findings.filter(f => f.severity === 'high' || f.severity === 'critical').length")).longValue();
        assertThat(page.locator("#findings tbody tr").count()).isEqualTo((int) Math.min(200, high));
        assertThat(page.locator("#findings-count").textContent()).endsWith(" of " + high + " findings shown");
        assertThat(problems).isEmpty();
    }

    /**
     * File, workflow and job names come from the scanned repository: markup in them is shown as text wherever the
     * report draws them (the findings, a cell's details, the paths), and never runs or loads anything.
     */
    @Test
    void markupInScannedNamesIsShownAsTextAndNeverRuns(@TempDir Path dir) throws Exception {
        String fileName = "<img src=x onerror=alert(1)>";
        String workflowName = "</script><script>alert(2)</script>";
        String jobName = "<b onmouseover=alert(3)>job</b>";
        Path repo = Files.createDirectories(dir.resolve("repo/.github/workflows"));
        Files.writeString(repo.resolve(fileName + ".yml"), "name: '" + workflowName + "'\non: pull_request_target\n"
                + "jobs:\n  build:\n    name: '" + jobName + "'\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
                + "      - run: echo \"${{ github.event.pull_request.title }}\"\n");
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("report", dir.resolve("repo").toString(), "--format", "html", "--output", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        page.navigate("about:blank");
        page.evaluate("() => { window.__ran = []; window.alert = m => window.__ran.push(String(m)); }");
        page.setContent(Files.readString(html));
        page.waitForFunction("() => window.cimatrixReport !== undefined");

        for (int i = 0; i < page.locator("#path-list li button").count(); i++) {
            page.locator("#path-list li button").nth(i).click();
        }
        page.locator("#matrix .cell[data-cell='EXEC/CICD-T016']").click();
        assertThat(page.evaluate("() => window.__ran.length")).isEqualTo(0);
        assertThat(page.locator("img[src='x'], b[onmouseover]").count())
                .as("elements made from scanned names").isZero();
        String text = page.locator("body").textContent();
        assertThat(text).contains(fileName);
        assertThat(problems).isEmpty();
    }

    @Test
    void printsWithoutTheControls() {
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        assertThat(page.locator("#filter-severity").isVisible()).isFalse();
        assertThat(page.locator("#matrix .cell").first().isVisible()).isTrue();
        assertThat(problems).isEmpty();
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst();
    }
}
