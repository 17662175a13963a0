package dev.cimatrix.discover.bitbucket;

import dev.cimatrix.discover.yaml.YamlDocument;
import dev.cimatrix.discover.yaml.ModelScalars;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Bitbucket Pipelines configuration into the model: the top-level image, the services of
 * {@code definitions}, and every step of every pipeline ({@code default}, {@code branches}, {@code tags},
 * {@code bookmarks}, {@code pull-requests}, {@code custom}), inside {@code parallel} and {@code stage} groups too, with
 * its image, script, pipes and runner labels. Steps written under {@code definitions} (to be taken in by anchors) are
 * read there as well, and a step an alias takes in elsewhere is read once, where it is written. A malformed value is a
 * warning at its position and the rest of the file is still read.
 */
public final class BitbucketReader {
    /** The sections of {@code pipelines} that hold pipelines by pattern or name. */
    private static final List<String> NAMED = List.of("branches", "tags", "bookmarks", "pull-requests", "custom");

    private BitbucketReader() {
    }

    /** The configuration of a file, or empty (with a fatal problem) when it holds none. */
    public static Optional<BitbucketPipeline> read(YamlDocumentSet file, List<ReadProblem> problems) {
        file.diagnostics().forEach(d -> problems.add(new ReadProblem(d.location(), d.message(), false)));
        List<YamlDocument> documents = file.documents();
        YamlNode root = documents.isEmpty() ? null : documents.get(0).root();
        if (root == null || root instanceof YamlScalar s && s.isNull()) {
            problems.add(new ReadProblem(Location.line(file.path(), 1, ""),
                    "empty file: no Bitbucket Pipelines configuration", true));
            return Optional.empty();
        }
        if (!(root instanceof YamlMapping map)) {
            problems.add(new ReadProblem(root.location(),
                    "not a Bitbucket Pipelines configuration: the top level is not a mapping", true));
            return Optional.empty();
        }
        Reader reader = new Reader(problems);
        Scalar image = map.get("image").map(reader::image).orElse(null);
        List<BitbucketPipeline.Service> services = new ArrayList<>();
        List<BitbucketPipeline.Step> steps = new ArrayList<>();
        map.getMapping("definitions").ifPresent(definitions -> {
            definitions.getMapping("services").ifPresent(s -> reader.services(s, services));
            definitions.get("steps").ifPresent(s -> reader.items(s, "definitions", steps, 0));
        });
        map.get("pipelines").ifPresent(node -> {
            if (!(node instanceof YamlMapping pipelines)) {
                reader.problem(node, "'pipelines' should be a mapping");
                return;
            }
            pipelines.get("default").ifPresent(d -> reader.items(d, "default", steps, 0));
            for (String section : NAMED) {
                pipelines.get(section).ifPresent(s -> {
                    if (s instanceof YamlMapping byName) {
                        for (YamlEntry e : byName.entries()) {
                            reader.items(e.value(), section + " '" + e.key().text() + "'", steps, 0);
                        }
                    } else if (!(s instanceof YamlScalar x && x.isNull())) {
                        reader.problem(s, "'" + section + "' should be a mapping of patterns or names to pipelines");
                    }
                });
            }
        });
        return Optional.of(new BitbucketPipeline(file.path(), map.location(), image, services, steps));
    }

    /**
     * Whether a file named on the command line under another name reads as a Bitbucket Pipelines configuration: a
     * {@code pipelines} mapping with {@code default} or one of the named sections.
     */
    public static boolean looksLikeBitbucket(YamlDocumentSet file) {
        List<YamlDocument> documents = file.documents();
        return !documents.isEmpty() && documents.get(0).root() instanceof YamlMapping map && !map.containsKey("on")
                && map.getMapping("pipelines").filter(p -> p.containsKey("default")
                || NAMED.stream().anyMatch(p::containsKey)).isPresent();
    }

    /** Reads the parts of one file, reporting its malformed values. */
    private static final class Reader {
        private static final int MAX_DEPTH = 8;
        private final List<ReadProblem> problems;
        /**
         * The steps read, by the line and column they are written at: a step an alias takes in again is a copy at the
         * same place (under another route), and is read once.
         */
        private final java.util.Set<String> read = new java.util.HashSet<>();

        Reader(List<ReadProblem> problems) {
            this.problems = problems;
        }

        void problem(YamlNode node, String message) {
            problems.add(new ReadProblem(node.location(), message, false));
        }

        /** An image: its name as a string, or the {@code name} of a mapping (with credentials). */
        Scalar image(YamlNode node) {
            if (node instanceof YamlScalar s) {
                return s.isNull() ? null : ModelScalars.of(s);
            }
            if (node instanceof YamlMapping m && m.get("name").filter(n -> n instanceof YamlScalar).isPresent()) {
                return ModelScalars.of(m.get("name").get());
            }
            problem(node, "an image should be a name or a mapping with 'name'");
            return null;
        }

        void services(YamlMapping services, List<BitbucketPipeline.Service> out) {
            for (YamlEntry e : services.entries()) {
                if (!(e.value() instanceof YamlMapping service)) {
                    problem(e.value(), "service '" + e.key().text() + "' should be a mapping");
                    continue;
                }
                List<KeyValue> variables = new ArrayList<>();
                service.getMapping("variables").ifPresent(v -> v.entries().forEach(x ->
                        variables.add(new KeyValue(x.key().text(), x.key().location(), ModelScalars.of(x.value())))));
                out.add(new BitbucketPipeline.Service(e.key().text(), e.key().location(),
                        service.get("image").map(this::image).orElse(null), variables));
            }
        }

        /** The items of a pipeline: steps, {@code parallel} and {@code stage} groups, and {@code variables}. */
        void items(YamlNode node, String pipeline, List<BitbucketPipeline.Step> out, int depth) {
            if (depth > MAX_DEPTH || node instanceof YamlScalar s && s.isNull()) {
                return;
            }
            if (!(node instanceof YamlSequence seq)) {
                problem(node, "a pipeline should be a list of steps");
                return;
            }
            for (YamlNode item : seq.items()) {
                if (!(item instanceof YamlMapping m)) {
                    problem(item, "an entry of a pipeline should be a step, a parallel group or a stage");
                    continue;
                }
                m.getMapping("step").filter(step -> read.add(step.location().startLine() + ":"
                                + step.location().startColumn()))
                        .ifPresent(step -> out.add(step(step, pipeline)));
                m.get("parallel").ifPresent(p -> items(p instanceof YamlMapping pm ? pm.get("steps").orElse(p) : p,
                        pipeline, out, depth + 1));
                m.getMapping("stage").flatMap(s -> s.get("steps")).ifPresent(s -> items(s, pipeline, out, depth + 1));
            }
        }

        private BitbucketPipeline.Step step(YamlMapping step, String pipeline) {
            List<Scalar> script = new ArrayList<>();
            List<BitbucketPipeline.Pipe> pipes = new ArrayList<>();
            for (String section : List.of("script", "after-script")) {
                step.get(section).ifPresent(node -> {
                    if (!(node instanceof YamlSequence seq)) {
                        problem(node, "'" + section + "' should be a list of commands");
                        return;
                    }
                    for (YamlNode line : seq.items()) {
                        if (line instanceof YamlScalar s && !s.isNull()) {
                            script.add(ModelScalars.of(s));
                        } else if (line instanceof YamlMapping m && m.get("pipe").isPresent()) {
                            List<KeyValue> variables = new ArrayList<>();
                            m.getMapping("variables").ifPresent(v -> v.entries().forEach(x -> variables.add(
                                    new KeyValue(x.key().text(), x.key().location(), ModelScalars.of(x.value())))));
                            pipes.add(new BitbucketPipeline.Pipe(ModelScalars.of(m.get("pipe").get()), variables));
                        }
                    }
                });
            }
            List<String> runsOn = new ArrayList<>();
            step.get("runs-on").ifPresent(r -> {
                if (r instanceof YamlScalar s && !s.isNull()) {
                    runsOn.add(s.text());
                } else if (r instanceof YamlSequence seq) {
                    seq.items().stream().filter(YamlScalar.class::isInstance).map(x -> ((YamlScalar) x).text())
                            .forEach(runsOn::add);
                }
            });
            return new BitbucketPipeline.Step(pipeline, step.location(), step.getText("name").orElse(null),
                    step.get("image").map(this::image).orElse(null), script, pipes, runsOn);
        }
    }
}
