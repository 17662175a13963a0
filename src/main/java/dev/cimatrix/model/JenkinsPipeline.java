package dev.cimatrix.model;

import java.util.List;
import java.util.Set;

/**
 * A Jenkins pipeline script (a {@code Jenkinsfile}), declarative or scripted, as its Groovy syntax tree shows it:
 * nothing in it is run. Everything is kept in file order, from the script's statements, its methods and the methods of
 * the classes it declares.
 *
 * @param declarative whether it holds a declarative {@code pipeline { }} block
 * @param libraries   the shared libraries it loads, by {@code @Library} or the {@code library} step
 * @param steps       every shell step ({@code sh}, {@code bat}, {@code powershell}, {@code pwsh})
 * @param images      the container images it runs steps in
 * @param settings    every value it gives a name: {@code environment} entries, {@code withEnv} entries, assignments
 *                    to {@code env.NAME} and to variables
 * @param parameters  the build parameters it declares ({@code parameters { }} or {@code properties([parameters(…)])})
 * @param agents      the label expressions of the agents it asks for ({@code node('linux')},
 *                    {@code agent { label 'linux' }})
 */
public record JenkinsPipeline(String path, Location location, boolean declarative, List<Library> libraries,
                              List<ShellStep> steps, List<Image> images, List<Setting> settings,
                              List<Parameter> parameters, List<Scalar> agents) {
    public JenkinsPipeline {
        agents = List.copyOf(agents);
        libraries = List.copyOf(libraries);
        steps = List.copyOf(steps);
        images = List.copyOf(images);
        settings = List.copyOf(settings);
        parameters = List.copyOf(parameters);
    }

    /**
     * A shared library the script loads.
     *
     * @param reference {@code name@version} as written ({@code name} alone takes the version the controller sets)
     * @param form      how it is loaded: {@code @Library} or {@code library}
     */
    public record Library(Scalar reference, String form) {
    }

    /**
     * A shell step.
     *
     * @param step           {@code sh}, {@code bat}, {@code powershell} or {@code pwsh}
     * @param script         the script as written, without its quotes; for a script built by concatenation or held in a
     *                       variable, the expression's source text
     * @param interpolations the values Groovy writes into the script before the shell reads it: the {@code ${…}} and
     *                       {@code $name} of a double-quoted string, and the non-literal operands of a concatenation
     * @param stage          the stage it runs in; null outside one
     * @param secrets        the names under which credentials are bound where it runs ({@code withCredentials}
     *                       variables, and {@code environment} entries set from {@code credentials(…)} with their
     *                       {@code _USR} and {@code _PSW} companions)
     */
    public record ShellStep(String step, Location location, Scalar script, List<Interpolation> interpolations,
                            String stage, Set<String> secrets) {
        public ShellStep {
            interpolations = List.copyOf(interpolations);
            secrets = Set.copyOf(secrets);
        }

        /** What a finding on the step is about, for its fingerprint: "sh Build". */
        public String subject() {
            return step + " " + (stage == null ? "" : stage);
        }

        /** A name for messages: "the sh step in stage 'Build'". */
        public String label() {
            return "the " + step + " step" + (stage == null ? " at line " + location.startLine()
                    : " in stage '" + stage + "'");
        }
    }

    /**
     * A value written into a string by Groovy.
     *
     * @param source the expression as written ({@code env.CHANGE_TITLE})
     * @param offset where it starts in the script's text ({@code -1} when it cannot be placed)
     * @param length how long it is written there: {@code ${…}} or {@code $name} of a double-quoted string; {@code -1}
     *               for any other value
     * @param reads  the names it reads: variables ({@code TOKEN}) and the entries of {@code env} and {@code params}
     *               ({@code env.CHANGE_TITLE}, {@code params.TARGET}), however written
     */
    public record Interpolation(String source, Location location, int offset, int length, Set<String> reads) {
        public Interpolation {
            reads = Set.copyOf(reads);
        }
    }

    /**
     * A container image steps run in.
     *
     * @param where how it is named: "agent docker", "docker.image", "containerTemplate"
     */
    public record Image(Scalar image, String where) {
    }

    /** What kind of name a {@link Setting} sets. */
    public enum SettingKind {
        /** An entry of a declarative {@code environment { }} block. */
        ENVIRONMENT,
        /** A {@code NAME=value} entry of {@code withEnv([…])}. */
        WITH_ENV,
        /** An assignment to {@code env.NAME}. */
        ENV_PROPERTY,
        /** A variable declared or assigned in the script. */
        VARIABLE
    }

    /**
     * A value given a name.
     *
     * @param value      the value when it is a string written out (without quotes); null when it is computed
     * @param reads      the names the value reads, as {@link Interpolation#reads()}
     * @param credential whether the value is {@code credentials('…')}, a credential bound by the controller
     */
    public record Setting(String name, SettingKind kind, Location location, Scalar value, Set<String> reads,
                          boolean credential) {
        public Setting {
            reads = Set.copyOf(reads);
        }

        /** Whether the script reads the value back as {@code env.NAME} (and, in a shell, as {@code $NAME}). */
        public boolean inEnvironment() {
            return kind != SettingKind.VARIABLE;
        }
    }

    /**
     * A declared build parameter.
     *
     * @param type the step that declares it: {@code string}, {@code text}, {@code password}, {@code booleanParam},
     *             {@code choice}, …
     */
    public record Parameter(String name, String type, Location location) {
    }
}
