package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Derived;
import dev.cimatrix.analyze.checks.common.ImagePushes;
import dev.cimatrix.analyze.checks.common.ImageRef;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The container images the workflows of each repository folder push: the tags of {@code docker/build-push-action}
 * steps that push (expanded through the matrix and literal env values), and the literal images of
 * {@code docker push}. An image a repository pushes itself is its own: what a job of that repository runs from it
 * is what its last push made.
 */
final class PushedImages {
    private PushedImages() {
    }

    /** The workflows of each repository folder, and the images each folder's workflows push, worked out on demand. */
    private record Index(Map<String, List<Workflow>> workflows, Map<String, Map<String, String>> pushed) {
        Map<String, String> pushedIn(String folder) {
            return pushed.computeIfAbsent(folder, f -> {
                Map<String, String> images = new LinkedHashMap<>();
                for (Workflow workflow : workflows.getOrDefault(f, List.of())) {
                    String file = workflow.path().substring(workflow.path().lastIndexOf('/') + 1);
                    for (Job job : workflow.jobs()) {
                        for (Step step : job.steps()) {
                            collect(workflow, file, job, step, images);
                        }
                    }
                }
                return images;
            });
        }
    }

    /** The workflow of the file's repository folder that pushes the image, if one does. */
    static Optional<String> pusherOf(Inventory inventory, Derived derived, String path, ImageRef image) {
        Index index = derived.get(PushedImages.class, () -> index(inventory));
        return Inventory.repositoryFolder(path).map(index::pushedIn).map(pushed -> pushed.get(key(image.name())));
    }

    private static Index index(Inventory inventory) {
        return new Index(inventory.workflowsByRepositoryFolder(), new HashMap<>());
    }

    /** The images a step pushes, each kept with the first workflow file seen to push it. */
    private static void collect(Workflow workflow, String file, Job job, Step step, Map<String, String> pushed) {
        ActionRef uses = step.uses();
        if (uses != null && uses.kind() == ActionRef.Kind.REPOSITORY
                && uses.repository().equalsIgnoreCase("docker/build-push-action")) {
            // An expression may push on some events only; the image is still the repository's own.
            boolean pushes = step.inputValue("push").map(v -> !v.strip().equalsIgnoreCase("false")).orElse(false);
            Optional<Scalar> tags = step.input("tags").map(kv -> kv.value());
            if (pushes && tags.isPresent()) {
                for (String tag : tags.get().value().split("[,\\n]")) {
                    Scalar one = Scalar.of(tag.strip(), tags.get().location());
                    Scalar parsed = tags.get().hasExpressions() ? reparse(one, tags.get()) : one;
                    for (String name : PossibleValues.expansions(parsed, workflow, job)) {
                        pushed.putIfAbsent(key(ImageRef.parse(name).name()), file);
                    }
                }
            }
        }
        if (step.run() != null) {
            for (String name : ImagePushes.literalIn(step.run().value())) {
                pushed.putIfAbsent(key(ImageRef.parse(name).name()), file);
            }
        }
    }

    /** One line of a multi-line tags input, with the expressions of the whole input that it holds. */
    private static Scalar reparse(Scalar line, Scalar whole) {
        var expressions = whole.expressions().stream()
                .filter(use -> line.value().contains("${{" + use.source() + "}}")
                        || line.value().contains("${{ " + use.source().strip() + " }}"))
                .toList();
        return new Scalar(line.value(), whole.location(), expressions);
    }

    /** An image's name without the default registry and namespace, for comparing. */
    private static String key(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
            if (key.startsWith(prefix)) {
                key = key.substring(prefix.length());
            }
        }
        return key.startsWith("library/") ? key.substring("library/".length()) : key;
    }
}
