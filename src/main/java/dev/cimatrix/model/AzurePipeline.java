package dev.cimatrix.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Azure Pipelines definition file: a pipeline ({@code azure-pipelines.yml}) or a template that pipelines take in
 * with {@code template:} or {@code extends:}. Jobs and steps are kept as written, in file order, across stages, so that
 * a finding points at the text that carries the weakness; template expressions ({@code ${{ if … }}}, {@code ${{ each … }}})
 * are read through, as every branch may be the one that runs. Its location is the whole document.
 *
 * @param template     whether the file reads as a template rather than a pipeline: it declares {@code parameters} and
 *                     none of a pipeline's own keys (triggers, resources, pool, name)
 * @param pr           the {@code pr} trigger
 * @param parameters   the names of {@code parameters}, with their types and allowed values
 * @param variables    the variables of the pipeline, its stages and its jobs, with the scope that sets them
 * @param repositories {@code resources.repositories}
 * @param containers   {@code resources.containers}
 * @param templates    every {@code template:} the file names, {@code extends} among them
 * @param jobs         the jobs of every stage, and the implicit job of a file whose top level has {@code steps}
 */
public record AzurePipeline(String path, Location location, boolean template, PrTrigger pr,
                            List<Parameter> parameters, List<Variable> variables, List<Repository> repositories,
                            List<Container> containers, List<TemplateUse> templates, List<AzureJob> jobs) {
    public AzurePipeline {
        parameters = List.copyOf(parameters);
        variables = List.copyOf(variables);
        repositories = List.copyOf(repositories);
        containers = List.copyOf(containers);
        templates = List.copyOf(templates);
        jobs = List.copyOf(jobs);
    }

    /** The repository resource of that alias, if any. */
    public Optional<Repository> repository(String alias) {
        return repositories.stream().filter(r -> r.alias().equals(alias)).findFirst();
    }

    /** The container resource of that alias, if any. */
    public Optional<Container> container(String alias) {
        return containers.stream().filter(c -> c.alias().equals(alias)).findFirst();
    }

    /** The steps of every job, in file order. */
    public List<AzureStep> steps() {
        List<AzureStep> all = new ArrayList<>();
        jobs.forEach(job -> all.addAll(job.steps()));
        return all;
    }

    /** Whether pull requests start the pipeline, as far as its file says. */
    public enum PrTriggerMode {
        /** No {@code pr} key: pull requests to every branch start it (for GitHub and Bitbucket repositories). */
        DEFAULT,
        /** {@code pr: none}. */
        NONE,
        /** {@code pr} names branches or paths. */
        BRANCHES
    }

    /** The {@code pr} trigger and where it is written (the document for the default). */
    public record PrTrigger(PrTriggerMode mode, Location location) {
        /** Whether pull requests may start the pipeline. */
        public boolean enabled() {
            return mode != PrTriggerMode.NONE;
        }
    }

    /**
     * One of {@code parameters}.
     *
     * @param type   {@code type} as written, {@code string} when absent
     * @param values {@code values}, the only ones allowed; empty when any is
     */
    public record Parameter(String name, Location location, String type, List<String> values) {
        public Parameter {
            values = List.copyOf(values);
        }

        /** Whether a value given for it is held to a fixed set or to a type other than free text. */
        public boolean constrained() {
            return !values.isEmpty() || !(type.equals("string") || type.equals("object"));
        }
    }

    /**
     * A variable set in the file.
     *
     * @param scope "the pipeline", "stage 'build'" or "job 'test'", for messages
     */
    public record Variable(String name, Location nameLocation, Scalar value, String scope) {
    }

    /**
     * One of {@code resources.repositories}.
     *
     * @param type {@code type} as written ({@code git} for Azure Repos, {@code github}, …); empty when absent
     * @param name {@code name}, the repository
     * @param ref  {@code ref}; null when absent, which is the default branch
     */
    public record Repository(String alias, Location location, String type, Scalar name, Scalar ref) {
    }

    /** One of {@code resources.containers}: its alias and {@code image}. */
    public record Container(String alias, Location location, Scalar image) {
    }

    /**
     * A {@code template:} reference.
     *
     * @param path       the file as written, before any {@code @}
     * @param repository the alias after {@code @}; null for a file of the same repository ({@code @self} too)
     * @param extended   whether it is the template of {@code extends}
     * @param at         the reference's value, for findings
     * @param parameters the values passed to the template's parameters that are written as text (not the stages, jobs
     *                   and steps passed as lists or mappings)
     * @param file       the file of the scan it names, as discovery found and read it; null when none was read (another
     *                   repository's, a path built from an expression, a missing file)
     */
    public record TemplateUse(String path, String repository, boolean extended, Scalar at, List<KeyValue> parameters,
                              String file) {
        public TemplateUse {
            parameters = List.copyOf(parameters);
        }

        public TemplateUse(String path, String repository, boolean extended, Scalar at, List<KeyValue> parameters) {
            this(path, repository, extended, at, parameters, null);
        }

        /** The same reference, naming the file read for it. */
        public TemplateUse withFile(String read) {
            return new TemplateUse(path, repository, extended, at, parameters, read);
        }

        /** The value passed to a parameter, if it is written as text. */
        public Optional<KeyValue> parameter(String name) {
            return parameters.stream().filter(p -> p.key().equals(name)).findFirst();
        }
    }
}
