package dev.cimatrix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groovy's classes, on the class path to read Jenkinsfiles, are loaded only when a Jenkinsfile is read: a scan of
 * workflows alone, and {@code --version}, load none of them (loading {@code groovy.lang.Closure}, as picocli would,
 * sets up hundreds of classes at each start). Each command runs in a JVM of its own, which lists the classes it loads.
 */
class GroovyLoadingTest {
    @Test
    void onlyAJenkinsfileLoadsGroovy(@TempDir Path root) throws Exception {
        Path workflow = root.resolve("ci.yml");
        Files.writeString(workflow, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n");
        Path jenkinsfile = root.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, "node { sh 'make' }\n");
        assertThat(groovyClasses(List.of("--version"))).isZero();
        assertThat(groovyClasses(List.of("scan", "--format", "json", "--platform", "github-actions",
                workflow.toString()))).isZero();
        assertThat(groovyClasses(List.of("scan", "--format", "json", jenkinsfile.toString()))).isPositive();
    }

    /** How many of Groovy's classes a run of cimatrix with {@code args} loads. */
    private static long groovyClasses(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:off", "-verbose:class",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("dev.cimatrix.cli.Main");
        return out.lines().filter(l -> l.contains("[class,load] groovy.") || l.contains("[class,load] org.codehaus.groovy."))
                .count();
    }
}
