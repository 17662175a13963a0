package dev.cimatrix.model;

import java.util.List;
import java.util.Optional;

/**
 * A GitLab CI configuration file: a project's {@code .gitlab-ci.yml}, a file it includes, or a component's template.
 * Jobs are kept as written, hidden templates ({@code .name}) and the {@code default} section among them, so that a
 * finding points at the text that carries the weakness, wherever {@code extends} or {@code default} copies it to. Its
 * location is the whole pipeline document.
 *
 * @param inputs    the {@code spec:inputs} of the file's header document, whose values {@code $[[ inputs.x ]]}
 *                  writes into the configuration before it is read
 * @param includes  the entries of the top-level {@code include}
 * @param variables the top-level {@code variables}, which every job gets
 * @param jobs      the {@code default} section, hidden templates and jobs, in file order
 * @param workflow  {@code workflow: rules}, which decide whether a pipeline is created at all; null when not written
 */
public record GitlabPipeline(String path, Location location, List<Input> inputs, List<Include> includes,
                             List<KeyValue> variables, List<GitlabJob> jobs, GitlabRuns workflow) {
    public GitlabPipeline {
        inputs = List.copyOf(inputs);
        includes = List.copyOf(includes);
        variables = List.copyOf(variables);
        jobs = List.copyOf(jobs);
    }

    /** The includes of the file and of the child pipelines its jobs start. */
    public List<Include> allIncludes() {
        List<Include> all = new java.util.ArrayList<>(includes);
        jobs.forEach(job -> all.addAll(job.children()));
        return all;
    }

    /** The declared input of that name, if any. */
    public Optional<Input> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * One input of {@code spec:inputs}.
     *
     * @param type        {@code type} as written, {@code string} when absent
     * @param options     the values of {@code options}; empty when any value is allowed
     * @param regex       {@code regex} as written; null when absent
     * @param defaultValue {@code default}; null when absent (the input is then required)
     */
    public record Input(String name, Location location, String type, List<String> options, String regex,
                        Scalar defaultValue) {
        public Input {
            options = List.copyOf(options);
        }

        /**
         * Whether a value given for the input is held to a fixed set or shape: a list of options, a pattern, or a type
         * other than string, which GitLab checks before it writes the value anywhere.
         */
        public boolean constrained() {
            return !options.isEmpty() || regex != null || !type.equals("string");
        }
    }

    /**
     * One entry of {@code include}.
     *
     * @param kind      which keyword names what is included
     * @param target    the file, project, URL, template or component as written
     * @param ref       {@code ref} of a project include; for a component, the version after {@code @}; null when
     *                  absent
     * @param integrity whether a remote include carries an {@code integrity} hash
     * @param location  the entry
     */
    public record Include(Kind kind, Scalar target, Scalar ref, boolean integrity, Location location) {
        /** How an include names what it brings in. */
        public enum Kind {
            /** {@code local}: a file of the same project, at the same commit. */
            LOCAL,
            /** {@code project} with {@code file}: files of another project, at {@code ref}. */
            PROJECT,
            /** {@code remote}: a file fetched from a URL. */
            REMOTE,
            /** {@code template}: one of GitLab's own templates. */
            TEMPLATE,
            /** {@code component}: a CI/CD component, at the version after {@code @}. */
            COMPONENT,
            /** {@code artifact}: for a child pipeline, a file a job of this pipeline made. */
            ARTIFACT
        }
    }
}
