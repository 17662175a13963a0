package dev.cimatrix.analyze;

import org.junit.jupiter.api.Test;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GlobPatternTest {
    private static final String[] GLOB_PARTS = {"a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "[a-c]", "{a,b}",
            "{a*,b/b}", "\\*", ",", "}"};
    private static final String[] PATH_PARTS = {"a", "b", "c", "*", "/"};

    /** The same answers as the JDK's glob matcher, applied to the path and each folder it lies in. */
    @Test
    void pathGlobsMatchAsTheJdkMatchesThePathOrAFolderOfIt() {
        Random random = new Random(20261206);
        int compared = 0;
        for (int g = 0; g < 3_000; g++) {
            String glob = join(random, GLOB_PARTS, 1 + random.nextInt(6));
            if (glob.endsWith("/") || glob.contains("//")) {
                continue;
            }
            PathMatcher jdk = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            GlobPattern ours = GlobPattern.pathGlob(glob);
            for (int p = 0; p < 40; p++) {
                String path = normalPath(join(random, PATH_PARTS, 1 + random.nextInt(7)));
                if (path.isEmpty()) {
                    continue;
                }
                assertThat(ours.matches(path)).as("%s against %s", glob, path).isEqualTo(jdkMatchesPathOrFolder(jdk, path));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50_000);
    }

    private static boolean jdkMatchesPathOrFolder(PathMatcher jdk, String path) {
        for (int end = path.indexOf('/'); end > 0; end = path.indexOf('/', end + 1)) {
            if (jdk.matches(Path.of(path.substring(0, end)))) {
                return true;
            }
        }
        return jdk.matches(Path.of(path));
    }

    private static String join(Random random, String[] parts, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(parts[random.nextInt(parts.length)]);
        }
        return s.toString();
    }

    /** As Path.of would write it: no empty folder names, no leading or trailing '/'. */
    private static String normalPath(String path) {
        return String.join("/", java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
    }

    @Test
    void aTrailingSlashNamesTheSameFolder() {
        assertThat(GlobPattern.pathGlob("tests/").matches("tests/fixtures/w.yml")).isTrue();
        assertThat(GlobPattern.pathGlob("tests/").matches("testsuite/w.yml")).isFalse();
        assertThat(GlobPattern.pathGlob("tests/**").matches("tests/w.yml")).isTrue();
        assertThat(GlobPattern.pathGlob(".github/workflows/*.yml").matches(".github/workflows/ci.yml")).isTrue();
        assertThat(GlobPattern.pathGlob("*.yml").matches(".github/workflows/ci.yml")).isFalse();
        assertThat(GlobPattern.pathGlob("**.yml").matches(".github/workflows/ci.yml")).isTrue();
    }

    @Test
    void malformedGlobsSayWhatIsWrong() {
        assertThatThrownBy(() -> GlobPattern.pathGlob("a[b")).hasMessageContaining("'[' class is not closed");
        assertThatThrownBy(() -> GlobPattern.pathGlob("{a,b")).hasMessageContaining("'{' group is not closed");
        assertThatThrownBy(() -> GlobPattern.pathGlob("{a,{b}}")).hasMessageContaining("cannot hold another");
        assertThatThrownBy(() -> GlobPattern.pathGlob("a\\")).hasMessageContaining("nothing after the escape");
        assertThatThrownBy(() -> GlobPattern.pathGlob("[a/b]")).hasMessageContaining("cannot hold '/'");
        assertThatThrownBy(() -> GlobPattern.pathGlob("[z-a]")).hasMessageContaining("runs backwards");
    }

    @Test
    void aClassNeverMatchesTheFolderSeparatorEvenInARangeAcrossIt() {
        assertThat(GlobPattern.pathGlob("a[+-0]b").matches("a/b")).isFalse();
        assertThat(GlobPattern.pathGlob("a[+-0]b").matches("a.b")).isTrue();
        assertThat(GlobPattern.pathGlob("a[+-0]b").matches("a0b")).isTrue();
        assertThat(GlobPattern.pathGlob("a[!x]b").matches("a/b")).isFalse();
    }

    @Test
    void githubFiltersFollowTheWorkflowSyntax() {
        assertThat(GlobPattern.githubFilter("Octo*").matches("Octocat")).isTrue();
        assertThat(GlobPattern.githubFilter("feature/*").matches("feature/my-branch")).isTrue();
        assertThat(GlobPattern.githubFilter("feature/*").matches("feature/your/branch")).isFalse();
        assertThat(GlobPattern.githubFilter("feature/**").matches("feature/your/branch")).isTrue();
        assertThat(GlobPattern.githubFilter("[CB]at").matches("Cat")).isTrue();
        assertThat(GlobPattern.githubFilter("[CB]at").matches("Rat")).isFalse();
        assertThat(GlobPattern.githubFilter("[1-2]00").matches("200")).isTrue();
        assertThat(GlobPattern.githubFilter("[1-2]00").matches("300")).isFalse();
        assertThat(GlobPattern.githubFilter("colou?r").matches("color")).isTrue();
        assertThat(GlobPattern.githubFilter("colou?r").matches("colour")).isTrue();
        assertThat(GlobPattern.githubFilter("v2+").matches("v222")).isTrue();
        assertThat(GlobPattern.githubFilter("v2+").matches("v")).isFalse();
        assertThat(GlobPattern.githubFilter("a\\*b").matches("a*b")).isTrue();
        assertThat(GlobPattern.githubFilter("a\\*b").matches("axb")).isFalse();
        assertThat(GlobPattern.githubFilter("Build (CI) $1.0").matches("Build (CI) $1.0")).isTrue();
        assertThat(GlobPattern.githubFilter("[").matches("[")).isTrue();
        assertThat(GlobPattern.githubFilter("?x").matches("?x")).isTrue();
    }

    @Test
    void craftedPatternsOverLongNamesTakeLinearTime() {
        String name = "a".repeat(20_000);
        String many = "**a".repeat(40) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(GlobPattern.pathGlob(many).matches(name)).isFalse();
            assertThat(GlobPattern.githubFilter(many).matches(name)).isFalse();
            assertThat(GlobPattern.githubFilter("*a".repeat(40) + "b").matches(name)).isFalse();
            assertThat(GlobPattern.githubFilter("a?".repeat(200) + "a".repeat(200)).matches("a".repeat(200))).isTrue();
            assertThat(GlobPattern.wildcard("*a".repeat(40) + "b").matches(name)).isFalse();
        });
    }

    @Test
    void aWildcardMatchesAnyTextAcrossSlashesAndNothingElseIsSpecial() {
        assertThat(GlobPattern.wildcard("release/*").matches("release/2.x/hotfix")).isTrue();
        assertThat(GlobPattern.wildcard("*-stable").matches("15-0-stable")).isTrue();
        assertThat(GlobPattern.wildcard("v?.[0-9]").matches("v?.[0-9]")).isTrue();
        assertThat(GlobPattern.wildcard("v?.[0-9]").matches("v1.2")).isFalse();
        assertThat(GlobPattern.wildcard("main").matches("main2")).isFalse();
    }
}
