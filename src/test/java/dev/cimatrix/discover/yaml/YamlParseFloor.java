package dev.cimatrix.discover.yaml;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One cold run for {@code bench/yaml-parse-floor.sh}: reads every {@code *.yml}/{@code *.yaml} under a
 * directory and loads it either with snakeyaml-engine's compose API alone (the parse floor) or with
 * {@link YamlLoader}, then prints the mode, file count, failures, elapsed milliseconds and the CPU
 * milliseconds of the whole process (steadier than elapsed time on a busy machine).
 */
public final class YamlParseFloor {
    private YamlParseFloor() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("compose") || args[0].equals("loader"))) {
            System.err.println("usage: YamlParseFloor compose|loader DIRECTORY");
            System.exit(2);
        }
        long started = System.nanoTime();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[1]))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        int failed = args[0].equals("compose") ? composeAll(files) : loadAll(files);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        System.out.printf("%s files=%d failed=%d cpu_ms=%d ms=%d%n", args[0], files.size(), failed, cpu, elapsed);
    }

    private static int composeAll(List<Path> files) throws IOException {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).build();
        int failed = 0;
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            try {
                for (Node ignored : new Compose(settings).composeAllFromString(text)) {
                    // composing is the work being measured
                }
            } catch (YamlEngineException e) {
                failed++;
            }
        }
        return failed;
    }

    private static int loadAll(List<Path> files) throws IOException {
        YamlLoader loader = new YamlLoader();
        int failed = 0;
        for (Path file : files) {
            try {
                loader.load(file.toString(), Files.readAllBytes(file), YamlDialect.GITHUB);
            } catch (YamlLoadException e) {
                failed++;
            }
        }
        return failed;
    }
}
