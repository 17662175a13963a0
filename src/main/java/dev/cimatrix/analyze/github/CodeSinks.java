package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The places where a step's text is executed as code: its {@code run:} script, and the inputs of actions
 * that run their value ({@code analyze/github-code-sinks.yaml}).
 */
public final class CodeSinks {
    private static final Map<String, Sink> BY_ACTION = load();

    /** One value executed as code, and what executes it. */
    public record CodeValue(Scalar value, String language, String where) {
    }

    private record Sink(List<String> inputs, String language) {
    }

    private CodeSinks() {
    }

    /** The values of a step that are run as code. */
    public static List<CodeValue> of(Step step) {
        List<CodeValue> out = new ArrayList<>();
        if (step.run() != null) {
            String shell = step.shell() == null ? "shell" : step.shell();
            out.add(new CodeValue(step.run(), shell + " script", "run"));
        }
        if (step.uses() == null) {
            return out;
        }
        String key = switch (step.uses().kind()) {
            case DOCKER -> "docker://";
            case REPOSITORY -> step.uses().repository();
            case LOCAL, SELF -> null;
        };
        Sink sink = key == null ? null : BY_ACTION.get(key);
        if (sink != null) {
            for (KeyValue input : step.with()) {
                if (sink.inputs().contains(input.key().toLowerCase(Locale.ROOT))) {
                    out.add(new CodeValue(input.value(), sink.language(), "with." + input.key()));
                }
            }
        }
        return out;
    }

    private static Map<String, Sink> load() {
        Map<String, Sink> out = new HashMap<>();
        for (Map<?, ?> entry : DataResource.load("github-code-sinks.yaml").entries("sinks")) {
            List<String> inputs = DataResource.texts(entry, "inputs").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            out.put(DataResource.text(entry, "action").toLowerCase(Locale.ROOT),
                    new Sink(inputs, DataResource.text(entry, "language")));
        }
        return out;
    }
}
