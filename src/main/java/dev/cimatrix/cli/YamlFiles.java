package dev.cimatrix.cli;

import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.ScanConfigLoader;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.discover.yaml.EngineNesting;
import dev.cimatrix.discover.yaml.YamlLoadException;
import dev.cimatrix.discover.yaml.YamlLoader;

import java.nio.file.Path;
import java.util.Collection;
import java.util.OptionalInt;

/**
 * The YAML files commands read besides the definitions they scan (the configuration, rule files): decoded as
 * scanned files are, and bounded in size and nesting before a loader composes them, so that a hostile or broken
 * file is refused at its line instead of stopping the run.
 */
final class YamlFiles {
    /** Deepest nesting of collections; configurations and Sigma rules nest a handful of levels. */
    static final int MAX_DEPTH = 64;
    static final long MAX_CONFIG_BYTES = 1 << 20;
    static final long MAX_RULE_BYTES = 10 << 20;

    /** Why a file is not read: the 1-based line, or 0 for the whole file, and the reason. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        Refused(int line, String reason) {
            super(reason);
            this.line = line;
        }
    }

    private YamlFiles() {
    }

    static String read(Path file, long maxBytes) throws Refused {
        String text;
        try {
            text = YamlLoader.decode(file.toString(), YamlLoader.read(file, -1, file.toString(), maxBytes));
        } catch (YamlLoadException e) {
            throw new Refused(e.location().startLine(), e.reason());
        }
        OptionalInt tooDeep = EngineNesting.lineTooDeep(text, MAX_DEPTH);
        if (tooDeep.isPresent()) {
            throw new Refused(tooDeep.getAsInt(), "nested more than " + MAX_DEPTH + " levels deep");
        }
        return text;
    }

    /** The scan configuration in {@code file}; a file that cannot be read is a configuration error at its line. */
    static ScanConfig config(Path file, Collection<CheckInfo> checks) {
        try {
            return ScanConfigLoader.parse(file.toString(), read(file, MAX_CONFIG_BYTES), checks);
        } catch (Refused e) {
            throw new ScanConfigLoader.ConfigException(file + (e.line > 0 ? ":" + e.line : "") + ": " + e.getMessage());
        }
    }
}
