package dev.cimatrix.model;

import java.util.List;

/**
 * A job of a GitLab CI configuration as written: a job, a hidden template ({@code .name}) that jobs take in with
 * {@code extends}, or the {@code default} section every job inherits from. Nothing is merged in from templates or
 * defaults: each value stays where it is written.
 *
 * @param name      the key ({@code default} for the default section)
 * @param kind      which of the three it is
 * @param extended  the names of {@code extends}, in order
 * @param image     {@code image}, or its {@code name}; null when absent
 * @param services  the images of {@code services}
 * @param variables {@code variables}
 * @param scripts   the lines of {@code before_script}, {@code script} and {@code after_script}, each with its section
 * @param trigger   whether the job starts a downstream pipeline ({@code trigger}) rather than running a script
 * @param children  the configuration of the child pipeline it starts ({@code trigger:include}), as includes
 * @param idTokens  the OIDC tokens of {@code id_tokens}: each variable's name, and its {@code aud}
 * @param secrets   the external secrets of {@code secrets}: each variable's name, and where the secret is kept (the
 *                  {@code vault} path, or the provider's name)
 * @param runs      its {@code rules}, or {@code only} and {@code except}; null when it writes none (it may take them
 *                  from a template it extends)
 */
public record GitlabJob(String name, Location location, Kind kind, List<String> extended, Scalar image,
                        List<Scalar> services, List<KeyValue> variables, List<ScriptLine> scripts, boolean trigger,
                        List<GitlabPipeline.Include> children, List<KeyValue> idTokens, List<KeyValue> secrets,
                        GitlabRuns runs) {
    public GitlabJob {
        idTokens = List.copyOf(idTokens);
        secrets = List.copyOf(secrets);
        extended = List.copyOf(extended);
        children = List.copyOf(children);
        services = List.copyOf(services);
        variables = List.copyOf(variables);
        scripts = List.copyOf(scripts);
    }

    /** A name for messages: "job 'build'", "template '.base'", "the default section". */
    public String label() {
        return switch (kind) {
            case JOB -> "job '" + name + "'";
            case TEMPLATE -> "template '" + name + "'";
            case DEFAULT -> "the default section";
        };
    }

    /** What a job entry of the configuration is. */
    public enum Kind {
        /** A job the pipeline runs. */
        JOB,
        /** A hidden job ({@code .name}): run only where a job extends it or refers to it. */
        TEMPLATE,
        /** The {@code default} section (or the deprecated top-level defaults), inherited by every job. */
        DEFAULT
    }

    /**
     * One command of a script section.
     *
     * @param section {@code before_script}, {@code script} or {@code after_script}
     */
    public record ScriptLine(String section, Scalar line) {
    }
}
