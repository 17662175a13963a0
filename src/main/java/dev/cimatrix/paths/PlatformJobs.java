package dev.cimatrix.paths;

import dev.cimatrix.analyze.checks.azure.ScriptInjectionCheck;
import dev.cimatrix.analyze.checks.common.Credentials;
import dev.cimatrix.analyze.gitlab.JobPipelines;
import dev.cimatrix.analyze.gitlab.PipelineKind;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.AzureStep;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs of the platforms other than GitHub Actions as the attack graph sees them: where each is written, the
 * scripts it runs and the credentials it is given by name. A GitLab job, an Azure Pipelines job, a CircleCI job or
 * command, a Bitbucket step, and a Jenkinsfile as a whole (its stages share the build's credentials and workspace).
 */
final class PlatformJobs {
    /**
     * Task inputs of Azure Pipelines that name a service connection, whose credential the task holds while it runs.
     * Lower case, as inputs are matched.
     */
    private static final Set<String> SERVICE_CONNECTION_INPUTS = Set.of("azuresubscription", "connectedservicename",
            "connectedservicenamearm", "azureresourcemanagerconnection", "kubernetesserviceconnection",
            "kubernetesserviceendpoint", "dockerregistryserviceconnection", "containerregistry", "awscredentials",
            "serviceconnection", "externalfeedcredentials", "publishfeedcredentials", "gcpserviceconnection");

    /** Variables and parameters that name the AWS role a job assumes. */
    private static final Pattern ROLE_VARIABLE = Pattern.compile("(?i)(?:aws[_-])?(?:oidc[_-])?role[_-](?:arn|to[_-]assume)");
    /** {@code --role-arn VALUE} of {@code aws sts assume-role-with-web-identity} and the like, quoted or not. */
    private static final Pattern ROLE_ARN_OPTION = Pattern.compile("--role-arn[= ]+[\"']?([^\\s\"';]+)");
    /** A variable written alone: {@code $NAME} or {@code ${NAME}}. */
    private static final Pattern VARIABLE_ALONE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    /** {@code $NAME} and {@code ${NAME}} in a script. */
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    private PlatformJobs() {
    }

    /**
     * A credential a job is given by name.
     *
     * @param kind  what it is: "credential", "service connection", "context"
     * @param how   how the job gets it, for the move's description
     */
    record Given(String name, String kind, Location location, String how) {
    }

    /**
     * The secrets a platform hands every job of a repository.
     *
     * @param label what they are, short: "CI/CD variables"
     * @param how   how a job gets them, for the move's description, with {@code %s} for the repository
     * @param part  which of the repository's secrets they are: {@code *} for all, {@code unprotected} for those a
     *              pipeline of an unprotected ref gets
     */
    record Handed(String label, String how, String part) {
        Handed(String label, String how) {
            this(label, how, "*");
        }
    }

    private static final Handed GITLAB_VARIABLES = new Handed("CI/CD variables", "GitLab gives every job the CI/CD "
            + "variables of %s and its groups in its environment, the protected ones in pipelines of protected branches "
            + "and tags");
    private static final Handed CIRCLECI_VARIABLES = new Handed("project environment variables", "CircleCI gives every "
            + "job the environment variables of the project %s");
    private static final Handed BITBUCKET_VARIABLES = new Handed("repository and workspace variables", "Bitbucket "
            + "Pipelines gives every step the variables of %s and its workspace in its environment");

    /**
     * A job of another platform.
     *
     * @param platform the platform's name ("GitLab CI")
     * @param label    the job for messages: "job 'build'", "step 'Deploy' of the default pipeline"
     * @param scripts  the commands it runs, as written
     * @param given    the credentials it is given by name
     * @param handed   what the platform hands every job without naming it; null when nothing is
     * @param roles    the AWS roles it assumes ({@code --role-arn}, {@code AWS_ROLE_ARN}, {@code role_arn})
     * @param runsIn   the pipelines it runs in where its file narrows them to some that matter ("merge request
     *                 pipelines"); null otherwise
     * @param mergeRequestsOnly whether it runs in merge request pipelines only, which a fork's merge request runs in
     *                 the fork's own project
     */
    record PlatformJob(String platform, String path, String label, Location location, List<Scalar> scripts,
                       List<Given> given, Handed handed, List<JobPrivileges.AssumedRole> roles, String runsIn,
                       boolean mergeRequestsOnly) {
        /** Whether a location lies in this job's text (a Jenkinsfile's job is the whole file). */
        boolean contains(Location where) {
            return where.path().equals(path) && where.startLine() >= location.startLine()
                    && where.startLine() <= location.endLine();
        }

        int lines() {
            return location.endLine() - location.startLine();
        }
    }

    static List<PlatformJob> of(Inventory inventory) {
        List<PlatformJob> out = new ArrayList<>();
        // A settings snapshot that lists the project's variables tells which of them are protected; with several
        // snapshots it is not known which project a file belongs to.
        List<GitlabSettings> listing = inventory.gitlabSettings().stream().filter(g -> g.variables() != null).toList();
        Map<String, GitlabSettings.Variable> projectVariables = new HashMap<>();
        if (listing.size() == 1) {
            listing.get(0).variables().forEach(v -> projectVariables.putIfAbsent(v.key().value().strip(), v));
        }
        inventory.gitlab().forEach(p -> gitlab(p, JobPipelines.of(inventory, p), projectVariables, out));
        inventory.azure().forEach(p -> azure(p, out));
        inventory.circleci().forEach(c -> circleci(c, out));
        inventory.bitbucket().forEach(p -> bitbucket(p, out));
        inventory.jenkins().forEach(p -> jenkins(p, out));
        return out;
    }

    /**
     * @param projectVariables the project's CI/CD variables by key, as a settings snapshot lists them; empty when not
     *                         known
     */
    private static void gitlab(GitlabPipeline pipeline, JobPipelines pipelines,
                               Map<String, GitlabSettings.Variable> projectVariables, List<PlatformJob> out) {
        // Worked out once for the file, not for each of its jobs: a file may set thousands of variables.
        Variables inFile = new Variables(pipeline.variables(), null);
        for (GitlabJob job : pipeline.jobs()) {
            Set<PipelineKind> kinds = pipelines.of(job);
            if (kinds.isEmpty()) {
                // No pipeline the file lets be created runs it.
                continue;
            }
            boolean protectedRefs = kinds.stream().anyMatch(PipelineKind.PROTECTED::contains);
            List<Scalar> scripts = job.scripts().stream().map(GitlabJob.ScriptLine::line).toList();
            Variables variables = new Variables(job.variables(), inFile);
            Set<String> defined = new HashSet<>();
            List<Given> given = new ArrayList<>();
            for (KeyValue token : job.idTokens()) {
                defined.add(token.key());
                given.add(new Given(token.key(), "OIDC token", token.keyLocation(), "GitLab gives the job an OIDC "
                        + "token in $" + token.key() + (token.value().value().isBlank() ? "" : " for "
                        + token.value().value().strip()) + ", which a cloud trusting the project exchanges for a role"));
            }
            for (KeyValue secret : job.secrets()) {
                defined.add(secret.key());
                given.add(new Given(secret.key(), "secret", secret.keyLocation(), "GitLab fetches the secret "
                        + secret.key() + (secret.value().value().isBlank() ? "" : " from " + secret.value().value()
                        .strip()) + " for the job and puts it in its environment"));
            }
            for (Given read : readSecrets(scripts, name -> defined.contains(name) || variables.sets(name),
                    "CI/CD variable", "of the project or its groups")) {
                // CI_JOB_TOKEN, CI_REGISTRY_PASSWORD: credentials GitLab makes for each job, not settings.
                if (read.name().startsWith("CI_")) {
                    given.add(new Given(read.name(), "job credential", read.location(),
                            "GitLab gives every job $" + read.name() + ", which works while the job runs"));
                    continue;
                }
                GitlabSettings.Variable setting = projectVariables.get(read.name());
                boolean isProtected = setting != null && setting.isProtected() != null && setting.isProtected().value();
                if (isProtected && !protectedRefs) {
                    // A protected variable goes to pipelines of protected refs only, and the job runs in none.
                    continue;
                }
                given.add(setting == null ? read : new Given(read.name(), read.kind(), read.location(), read.how()
                        + (isProtected ? "; the settings snapshot lists it as protected, so the job's pipelines of "
                        + "protected branches and tags get it" : "; the settings snapshot lists it as not protected, so "
                        + "the job's pipelines of every branch get it")));
            }
            String runsIn = protectedRefs ? null : JobPipelines.describe(kinds);
            Handed handed = protectedRefs ? GITLAB_VARIABLES : new Handed("unprotected CI/CD variables", "GitLab gives "
                    + "the job, which runs only in " + runsIn + ", the CI/CD variables of %s and its groups that are not "
                    + "protected; the protected ones go to pipelines of protected branches and tags only", "unprotected");
            out.add(new PlatformJob("GitLab CI", pipeline.path(), job.label(), job.location(), scripts,
                    List.copyOf(given), handed, awsRoles(scripts, variables), runsIn,
                    kinds.equals(EnumSet.of(PipelineKind.MERGE_REQUEST))));
        }
    }

    /**
     * The variables a job's file sets, by name, with the AWS roles those that name one name ({@code AWS_ROLE_ARN},
     * {@code role_arn}, {@code AWS_OIDC_ROLE_ARN}); {@code outer} holds those of the enclosing scope (a GitLab file's
     * variables around a job's), worked out once.
     */
    static final class Variables {
        private final Map<String, Scalar> values = new HashMap<>();
        private final Map<String, JobPrivileges.AssumedRole> roles = new LinkedHashMap<>();
        private final Variables outer;

        Variables(List<KeyValue> variables, Variables outer) {
            this.outer = outer;
            if (outer != null) {
                roles.putAll(outer.roles);
            }
            for (KeyValue variable : variables) {
                values.putIfAbsent(variable.key(), variable.value());
                String value = variable.value().value().strip();
                if (ROLE_VARIABLE.matcher(variable.key()).matches() && !value.isEmpty()) {
                    roles.putIfAbsent(value, new JobPrivileges.AssumedRole("aws", value, variable.value().location()));
                }
            }
        }

        boolean sets(String name) {
            return values.containsKey(name) || outer != null && outer.sets(name);
        }

        /** The value the file sets a variable to, the innermost scope's first; null when it sets none. */
        Scalar value(String name) {
            Scalar value = values.get(name);
            return value != null || outer == null ? value : outer.value(name);
        }
    }

    /**
     * The AWS roles a job assumes: those its variables name, and the {@code --role-arn} of its scripts, a variable there
     * read from the file's own values when it sets it. A role named by a variable the file does not set is kept as
     * written.
     */
    static List<JobPrivileges.AssumedRole> awsRoles(List<Scalar> scripts, Variables variables) {
        Map<String, JobPrivileges.AssumedRole> out = new LinkedHashMap<>(variables.roles);
        for (Scalar script : scripts) {
            String text = script.value();
            if (!text.contains("--role-arn")) {
                continue;
            }
            Matcher m = ROLE_ARN_OPTION.matcher(text);
            while (m.find()) {
                String role = m.group(1);
                Location where = script.locate(m.start(1), m.end(1) - m.start(1));
                Matcher variable = VARIABLE_ALONE.matcher(role);
                Scalar set = variable.matches() ? variables.value(variable.group(1)) : null;
                if (set != null && !set.value().isBlank()) {
                    role = set.value().strip();
                    where = set.location();
                }
                out.putIfAbsent(role, new JobPrivileges.AssumedRole("aws", role, where));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The variables with secret-sounding names ({@code $NPM_TOKEN}) that scripts read and the file does not set: the
     * platform's settings give them to the job, by that name.
     */
    private static List<Given> readSecrets(List<Scalar> scripts, Predicate<String> defined, String kind, String whose) {
        Map<String, Given> out = new LinkedHashMap<>();
        for (Scalar script : scripts) {
            String text = script.value();
            if (text.indexOf('$') < 0) {
                continue;
            }
            Matcher m = SHELL_VARIABLE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                if (!out.containsKey(name) && Credentials.isSecretName(name) && !defined.test(name)) {
                    out.put(name, new Given(name, kind, script.locate(m.start(), m.end() - m.start()), "the job reads $"
                            + name + ", a " + kind + " " + whose + ", in its environment"));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static void azure(AzurePipeline pipeline, List<PlatformJob> out) {
        Set<String> inFile = new HashSet<>();
        pipeline.variables().forEach(v -> inFile.add(v.name().toLowerCase(Locale.ROOT)));
        for (AzureJob job : pipeline.jobs()) {
            List<Scalar> scripts = new ArrayList<>();
            Map<String, Given> given = new LinkedHashMap<>();
            for (AzureStep step : job.steps()) {
                if (step.script() != null) {
                    scripts.add(step.script());
                }
                // $(npmToken) in a script or in env: a secret variable of the pipeline's settings or a variable group.
                List<Scalar> texts = new ArrayList<>();
                if (step.script() != null) {
                    texts.add(step.script());
                }
                step.env().forEach(e -> texts.add(e.value()));
                for (Scalar text : texts) {
                    for (ScriptInjectionCheck.Use use : ScriptInjectionCheck.uses(text.value())) {
                        String name = use.name();
                        if (Credentials.isSecretName(name) && !inFile.contains(name.toLowerCase(Locale.ROOT))) {
                            given.putIfAbsent(name, new Given(name, "secret variable", text.locate(use.start(),
                                    use.end() - use.start()), step.label() + " reads " + use.written() + ", a "
                                    + "variable of the pipeline's settings or a variable group"));
                        }
                    }
                }
                for (KeyValue input : step.inputs()) {
                    String name = input.value().value().strip();
                    if (SERVICE_CONNECTION_INPUTS.contains(input.key().toLowerCase(Locale.ROOT))
                            && !name.isEmpty() && !name.contains("$")) {
                        given.putIfAbsent(name, new Given(name, "service connection", input.value().location(),
                                step.label() + " signs in with the service connection " + name + "; code that runs "
                                        + "earlier in the job can change the tools and files the task uses with it"));
                    }
                }
            }
            out.add(new PlatformJob("Azure Pipelines", pipeline.path(), job.label(), job.location(), scripts,
                    List.copyOf(given.values()), null, List.of(), null, false));
        }
    }

    private static void circleci(CircleciConfig config, List<PlatformJob> out) {
        for (CircleciConfig.Unit unit : config.units()) {
            if (unit.kind() == CircleciConfig.Kind.EXECUTOR) {
                continue;
            }
            Map<String, Given> given = new LinkedHashMap<>();
            for (CircleciConfig.Invocation call : config.invocations()) {
                if (call.caller() == null && call.target().equals(unit.name())) {
                    for (Scalar context : call.contexts()) {
                        String name = context.value().strip();
                        if (!name.isEmpty() && !name.contains("<<")) {
                            given.putIfAbsent(name, new Given(name, "context", context.location(), call.where()
                                    + " gives the job the context " + name + ", whose variables are in its environment"));
                        }
                    }
                }
            }
            List<Scalar> scripts = unit.runs().stream().map(CircleciConfig.Run::command).toList();
            List<KeyValue> environment = new ArrayList<>(unit.environment());
            unit.runs().forEach(r -> environment.addAll(r.environment()));
            Variables set = new Variables(environment, null);
            readSecrets(scripts, set::sets, "environment variable", "of the project or a context")
                    .forEach(g -> given.putIfAbsent(g.name(), g));
            // The AWS CLI orb's setup step takes the role as a parameter: "- aws-cli/setup: {role_arn: …}".
            List<KeyValue> arguments = new ArrayList<>();
            config.invocations().stream().filter(call -> unit.name().equals(call.caller()))
                    .forEach(call -> arguments.addAll(call.arguments()));
            out.add(new PlatformJob("CircleCI", config.path(), unit.label(), unit.location(), scripts,
                    List.copyOf(given.values()), CIRCLECI_VARIABLES, awsRoles(scripts, new Variables(arguments, set)),
                    null, false));
        }
    }

    private static void bitbucket(BitbucketPipeline pipeline, List<PlatformJob> out) {
        for (BitbucketPipeline.Step step : pipeline.steps()) {
            List<KeyValue> variables = new ArrayList<>();
            step.pipes().forEach(pipe -> variables.addAll(pipe.variables()));
            out.add(new PlatformJob("Bitbucket Pipelines", pipeline.path(), step.label(), step.location(), step.script(),
                    readSecrets(step.script(), name -> false, "variable", "of the repository, workspace or deployment"),
                    BITBUCKET_VARIABLES, awsRoles(step.script(), new Variables(variables, null)), null, false));
        }
    }

    private static void jenkins(JenkinsPipeline pipeline, List<PlatformJob> out) {
        Map<String, Given> given = new LinkedHashMap<>();
        for (JenkinsPipeline.ShellStep step : pipeline.steps()) {
            // An environment entry set from credentials() binds NAME with its NAME_USR and NAME_PSW: one credential.
            for (String name : step.secrets().stream().sorted()
                    .filter(n -> !(n.endsWith("_USR") || n.endsWith("_PSW"))
                            || !step.secrets().contains(n.substring(0, n.length() - 4))).toList()) {
                given.putIfAbsent(name, new Given(name, "credential", step.location(), "the build binds a credential "
                        + "as " + name + " around " + step.label() + "; code in the build's workspace or on its agent "
                        + "reads it there"));
            }
        }
        List<Scalar> scripts = pipeline.steps().stream().map(JenkinsPipeline.ShellStep::script).toList();
        out.add(new PlatformJob("Jenkins", pipeline.path(), "the pipeline", pipeline.location(), scripts,
                List.copyOf(given.values()), null, awsRoles(scripts, new Variables(List.of(), null)), null,
                false));
    }
}
