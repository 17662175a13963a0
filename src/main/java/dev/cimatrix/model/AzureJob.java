package dev.cimatrix.model;

import java.util.List;

/**
 * A job of an Azure Pipelines file as written: a {@code job}, a {@code deployment}, the implicit job of a file whose
 * top level has {@code steps}, or the steps passed to a template as a parameter.
 *
 * @param name      the job's name; empty for an implicit job; the template's for steps passed to one
 * @param stage     the stage it belongs to; null when the file has no stages
 * @param kind      which of the three it is
 * @param pool      the pool it runs on, its stage's or the pipeline's when it names none; null when none is named
 * @param container {@code container}: an image, or the alias of a container resource; null when absent
 * @param services  the values of {@code services}: images or container resource aliases
 * @param steps     its steps, a deployment's strategy hooks among them, in file order
 */
public record AzureJob(String name, Location location, String stage, Kind kind, Pool pool, Scalar container,
                       List<Scalar> services, List<AzureStep> steps) {
    public AzureJob {
        services = List.copyOf(services);
        steps = List.copyOf(steps);
    }

    /** A name for messages: "job 'build'", "deployment 'prod'", "the pipeline's steps". */
    public String label() {
        return switch (kind) {
            case JOB -> "job '" + name + "'";
            case DEPLOYMENT -> "deployment '" + name + "'";
            case IMPLICIT -> "the steps of " + (stage == null ? "the file" : "stage '" + stage + "'");
            case PASSED -> "the steps passed to template '" + name + "'";
        };
    }

    /** What a job entry is. */
    public enum Kind {
        /** {@code job}. */
        JOB,
        /** {@code deployment}: its strategy's hooks hold its steps. */
        DEPLOYMENT,
        /** The steps of a file or stage written outside any job, which run as one job. */
        IMPLICIT,
        /** Steps, jobs' steps or stages' steps written as a template's parameters, which the template runs. */
        PASSED
    }

    /**
     * A pool: {@code vmImage} names an image of Microsoft-hosted agents, {@code name} a pool of the organisation's
     * (self-hosted, scale-set or managed agents) unless it is "Azure Pipelines", the hosted pool.
     */
    public record Pool(Scalar name, Scalar vmImage, Location location) {
        /** Whether its agents are Microsoft-hosted: a fresh virtual machine for every job. */
        public boolean hosted() {
            return vmImage != null || name == null || name.value().strip().equalsIgnoreCase("Azure Pipelines");
        }
    }
}
