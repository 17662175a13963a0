package dev.cimatrix.model;

import java.util.List;

/**
 * A Bitbucket Pipelines configuration ({@code bitbucket-pipelines.yml}). Steps are kept as written, with the pipeline
 * that runs them ({@code default}, a branch, tag or pull request pattern, a custom pipeline) or, for a step written
 * under {@code definitions} to be taken in by an anchor, none; its location is the whole document.
 *
 * @param image    the top-level {@code image}, every step's default; null when absent
 * @param services the images of the services under {@code definitions}
 * @param steps    every step, those of {@code parallel} and {@code stage} groups among them, in file order
 */
public record BitbucketPipeline(String path, Location location, Scalar image, List<Service> services,
                                List<Step> steps) {
    public BitbucketPipeline {
        services = List.copyOf(services);
        steps = List.copyOf(steps);
    }

    /** A service of {@code definitions}, with its image (null for the built-in {@code docker} service). */
    public record Service(String name, Location location, Scalar image, List<KeyValue> variables) {
        public Service {
            variables = List.copyOf(variables);
        }
    }

    /**
     * A step as written.
     *
     * @param pipeline    the pipeline that runs it: "default", "branches 'main'", "pull-requests '**'", "custom
     *                    'deploy'"; "definitions" for a step written there
     * @param name        {@code name}; null when absent
     * @param image       {@code image}; null when the step takes the top-level one
     * @param script      the commands of {@code script} and {@code after-script}
     * @param pipes       the {@code pipe} entries of its scripts
     * @param runsOn      the labels of {@code runs-on}: a step with {@code self.hosted} runs on the workspace's runners
     */
    public record Step(String pipeline, Location location, String name, Scalar image, List<Scalar> script,
                       List<Pipe> pipes, List<String> runsOn) {
        public Step {
            script = List.copyOf(script);
            pipes = List.copyOf(pipes);
            runsOn = List.copyOf(runsOn);
        }

        /** A name for messages: "step 'Build' of the default pipeline". */
        public String label() {
            String of = pipeline.equals("default") ? "the default pipeline" : pipeline.equals("definitions")
                    ? "the definitions" : "the pipeline " + pipeline;
            return (name != null ? "step '" + name.strip() + "'" : "the step at line " + location.startLine()) + " of "
                    + of;
        }
    }

    /** A {@code pipe} entry of a script: the pipe's image reference and the variables given to it. */
    public record Pipe(Scalar reference, List<KeyValue> variables) {
        public Pipe {
            variables = List.copyOf(variables);
        }
    }
}
