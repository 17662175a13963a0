package dev.cimatrix.report.threat;

import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.PreCommitConfig;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The first step of the method: who and what can feed the pipelines. Personas are read off the triggers (who can
 * start a workflow decides who controls its inputs) and the third-party code the jobs run; components off the
 * runners, environments and actions the jobs name.
 */
public record SystemInputs(List<WorkflowInput> workflows, List<Persona> personas, List<Component> components,
                           List<SettingsInput> settings) {
    public SystemInputs {
        workflows = List.copyOf(workflows);
        personas = List.copyOf(personas);
        components = List.copyOf(components);
        settings = List.copyOf(settings);
    }

    /**
     * A settings file: whose settings it holds, what it states and what it could not read.
     *
     * @param of     such as {@code organisation acme}, {@code GitLab project acme/widget}, {@code repository}
     * @param states the parts it states, such as {@code 2 rulesets}
     * @param unread the parts a snapshot could not read
     */
    public record SettingsInput(String path, String of, List<String> states, List<String> unread) {
        public SettingsInput {
            states = List.copyOf(states);
            unread = List.copyOf(unread);
        }

        static SettingsInput of(GithubSettings s) {
            List<String> states = new ArrayList<>();
            count(states, s.branches().stream().filter(b -> b.protection() != null).count(), "branch protection rule");
            count(states, s.rulesets().size(), "ruleset");
            count(states, s.environments().size(), "environment");
            count(states, s.hooks().size(), "webhook");
            if (s.actions() != null) {
                states.add("Actions settings");
            }
            String of = s.organization() != null ? "organisation " + (s.organization().login() == null ? ""
                    : s.organization().login().value()) : "GitHub repository" + (s.defaultBranch() == null ? ""
                    : ", default branch " + s.defaultBranch().value());
            return new SettingsInput(s.path(), of.strip(), states, List.copyOf(s.unknown().keySet()));
        }

        static SettingsInput of(GitlabSettings s) {
            List<String> states = new ArrayList<>();
            if (s.protectedBranches() != null) {
                count(states, s.protectedBranches().size(), "protected branch");
            }
            if (s.approvals() != null) {
                states.add("merge request approvals");
            }
            if (s.approvalRules() != null) {
                count(states, s.approvalRules().size(), "approval rule");
            }
            if (s.variablesOverrideRole() != null || s.restrictVariables() != null) {
                states.add("who may override pipeline variables");
            }
            if (s.jobTokenInbound() != null) {
                states.add("job token scope");
            }
            return new SettingsInput(s.path(), "GitLab project" + (s.project() == null ? "" : " " + s.project().value()),
                    states, List.copyOf(s.unknown().keySet()));
        }

        private static void count(List<String> states, long n, String what) {
            if (n > 0) {
                states.add(n + " " + what + (n == 1 ? "" : "s"));
            }
        }
    }

    /** A workflow, what starts it and how many jobs it has. */
    public record WorkflowInput(String path, String name, List<String> triggers, int jobs) {
        public WorkflowInput {
            triggers = List.copyOf(triggers);
        }
    }

    /** Someone who can act on the pipelines, and the workflows they reach. */
    public record Persona(String name, String how, List<String> workflows) {
        public Persona {
            workflows = List.copyOf(workflows);
        }
    }

    /** A part of the infrastructure the jobs use, and the workflows that use it. */
    public record Component(String kind, String name, List<String> workflows) {
        public Component {
            workflows = List.copyOf(workflows);
        }
    }

    /** Events whose payload (title, body, branch, comment) anyone who can open an issue or pull request writes. */
    private static final Set<String> OUTSIDE_EVENTS = Set.of("pull_request", "pull_request_target",
            "pull_request_review", "pull_request_review_comment", "issue_comment", "issues", "discussion",
            "discussion_comment", "fork", "watch");
    /** Events only someone with write access (or a token with it) can cause. */
    private static final Set<String> WRITER_EVENTS = Set.of("push", "workflow_dispatch", "repository_dispatch",
            "release", "create", "delete", "merge_group", "deployment", "deployment_status");
    /** Events caused by another workflow, which passes on what its own triggerer controlled. */
    private static final Set<String> CHAINED_EVENTS = Set.of("workflow_run", "workflow_call");

    public static SystemInputs of(Inventory inventory) {
        List<WorkflowInput> workflows = new ArrayList<>();
        Map<String, Set<String>> personas = new LinkedHashMap<>();
        Map<String, Map<String, Set<String>>> components = new TreeMap<>();  // kind -> name -> workflows
        for (Workflow w : inventory.workflows()) {
            List<String> events = w.triggers().stream().map(Trigger::event).distinct().sorted().toList();
            workflows.add(new WorkflowInput(w.path(), w.name() == null ? "" : w.name(), events, w.jobs().size()));
            for (String event : events) {
                if (OUTSIDE_EVENTS.contains(event)) {
                    personas.computeIfAbsent("outside contributor", k -> new TreeSet<>()).add(w.path());
                }
                if (WRITER_EVENTS.contains(event)) {
                    personas.computeIfAbsent("maintainer or write token", k -> new TreeSet<>()).add(w.path());
                }
                if (CHAINED_EVENTS.contains(event)) {
                    personas.computeIfAbsent("upstream workflow", k -> new TreeSet<>()).add(w.path());
                }
            }
            for (Job job : w.jobs()) {
                for (Scalar label : job.runsOn()) {
                    String kind = label.value().contains("self-hosted") ? "self-hosted runner" : "runner";
                    add(components, kind, label.value(), w.path());
                }
                if (job.environment() != null) {
                    add(components, "environment", job.environment().value(), w.path());
                }
                List<ActionRef> used = new ArrayList<>();
                if (job.uses() != null) {
                    used.add(job.uses());
                }
                job.steps().stream().map(Step::uses).filter(u -> u != null).forEach(used::add);
                for (ActionRef ref : used) {
                    if (ref.kind() == ActionRef.Kind.LOCAL) {
                        continue;
                    }
                    String kind = ref.kind() == ActionRef.Kind.DOCKER ? "container image" : "third-party action";
                    add(components, kind, ref.raw().strip(), w.path());
                    personas.computeIfAbsent("compromised dependency", k -> new TreeSet<>()).add(w.path());
                }
            }
        }
        // A GitLab CI configuration runs on pushes (its rules are not read), in the images it names, with the
        // configuration it includes from other projects, URLs and components.
        for (GitlabPipeline pipeline : inventory.gitlab()) {
            long jobs = pipeline.jobs().stream().filter(j -> j.kind() == GitlabJob.Kind.JOB).count();
            workflows.add(new WorkflowInput(pipeline.path(), "", List.of(), (int) jobs));
            personas.computeIfAbsent("maintainer or write token", k -> new TreeSet<>()).add(pipeline.path());
            for (GitlabJob job : pipeline.jobs()) {
                if (job.image() != null) {
                    add(components, "container image", job.image().value().strip(), pipeline.path());
                }
                job.services().forEach(s -> add(components, "container image", s.value().strip(), pipeline.path()));
            }
            for (GitlabPipeline.Include include : pipeline.allIncludes()) {
                String target = include.target().value().strip();
                switch (include.kind()) {
                    case PROJECT -> add(components, "included configuration", target
                            + (include.ref() == null ? "" : "@" + include.ref().value().strip()), pipeline.path());
                    case REMOTE, COMPONENT -> add(components, "included configuration", target, pipeline.path());
                    case LOCAL, TEMPLATE, ARTIFACT -> {
                        continue;
                    }
                }
                personas.computeIfAbsent("compromised dependency", k -> new TreeSet<>()).add(pipeline.path());
            }
            if (pipeline.jobs().stream().anyMatch(j -> j.image() != null || !j.services().isEmpty())) {
                personas.computeIfAbsent("compromised dependency", k -> new TreeSet<>()).add(pipeline.path());
            }
        }
        // An Azure Pipelines pipeline runs on pushes, and on pull requests unless `pr: none`, with its container
        // images and the templates of other repositories; a template runs where a pipeline takes it in.
        for (AzurePipeline pipeline : inventory.azure()) {
            if (!pipeline.template()) {
                List<String> triggers = pipeline.pr().enabled() ? List.of("push", "pull request") : List.of("push");
                workflows.add(new WorkflowInput(pipeline.path(), "", triggers, (int) pipeline.jobs().stream()
                        .filter(j -> j.kind() != AzureJob.Kind.PASSED).count()));
                personas.computeIfAbsent("maintainer or write token", k -> new TreeSet<>()).add(pipeline.path());
                if (pipeline.pr().enabled()) {
                    personas.computeIfAbsent("outside contributor", k -> new TreeSet<>()).add(pipeline.path());
                }
            }
            boolean dependencies = false;
            for (AzurePipeline.Container container : pipeline.containers()) {
                if (container.image() != null && !container.image().value().isBlank()) {
                    add(components, "container image", container.image().value().strip(), pipeline.path());
                    dependencies = true;
                }
            }
            for (AzurePipeline.TemplateUse use : pipeline.templates()) {
                if (use.repository() != null) {
                    String ref = pipeline.repository(use.repository()).map(r -> (r.name() == null ? r.alias()
                            : r.name().value().strip()) + (r.ref() == null ? "" : "@" + r.ref().value().strip()))
                            .orElse("@" + use.repository());
                    add(components, "template repository", ref, pipeline.path());
                    dependencies = true;
                }
            }
            if (dependencies) {
                personas.computeIfAbsent("compromised dependency", k -> new TreeSet<>()).add(pipeline.path());
            }
        }
        // A CircleCI configuration runs on pushes (its workflows' filters are not read), with its orbs and images.
        for (CircleciConfig config : inventory.circleci()) {
            long jobs = config.units().stream().filter(u -> u.kind() == CircleciConfig.Kind.JOB).count();
            workflows.add(new WorkflowInput(config.path(), "", List.of("push"), (int) jobs));
            personas.computeIfAbsent("maintainer or write token", k -> new TreeSet<>()).add(config.path());
            boolean dependencies = false;
            for (CircleciConfig.Orb orb : config.orbs()) {
                if (orb.reference() != null) {
                    add(components, "orb", orb.reference().value().strip(), config.path());
                    dependencies = true;
                }
            }
            for (CircleciConfig.Unit unit : config.units()) {
                for (var image : unit.images()) {
                    add(components, "container image", image.value().strip(), config.path());
                    dependencies = true;
                }
            }
            if (dependencies) {
                personas.computeIfAbsent("compromised dependency", k -> new TreeSet<>()).add(config.path());
            }
        }
        // A Bitbucket Pipelines configuration runs on pushes (and pull requests where it has such pipelines), with its
        // images and pipes.
        for (BitbucketPipeline pipeline : inventory.bitbucket()) {
            boolean pullRequests = pipeline.steps().stream().anyMatch(s -> s.pipeline().startsWith("pull-requests"));
            workflows.add(new WorkflowInput(pipeline.path(), "", pullRequests ? List.of("push", "pull request")
                    : List.of("push"), (int) pipeline.steps().stream().filter(s -> !s.pipeline().equals("definitions"))
                    .count()));
            personas.computeIfAbsent("maintainer or write token", k -> new TreeSet<>()).add(pipeline.path());
            boolean dependencies = pipeline.image() != null;
            if (pipeline.image() != null) {
                add(components, "container image", pipeline.image().value().strip(), pipeline.path());
            }
            for (BitbucketPipeline.Step step : pipeline.steps()) {
                if (step.image() != null) {
                    add(components, "container image", step.image().value().strip(), pipeline.path());
                    dependencies = true;
                }
                for (BitbucketPipeline.Pipe pipe : step.pipes()) {
                    add(components, "pipe", pipe.reference().value().strip(), pipeline.path());
                    dependencies = true;
                }
            }
            if (dependencies) {
                personas.computeIfAbsent("compromised dependency", k -> new TreeSet<>()).add(pipeline.path());
            }
        }
        // A Jenkinsfile runs on pushes; one that reads a pull request's values (CHANGE_*) is built for pull requests
        // too, and one that declares parameters is started with values its starter chooses. Its shared libraries and
        // images run in it.
        for (JenkinsPipeline pipeline : inventory.jenkins()) {
            boolean pullRequests = Stream.concat(pipeline.steps().stream().flatMap(s -> s.interpolations().stream())
                    .flatMap(i -> i.reads().stream()), pipeline.settings().stream().flatMap(s -> s.reads().stream()))
                    .anyMatch(name -> name.startsWith("CHANGE_") || name.startsWith("env.CHANGE_"));
            List<String> triggers = new ArrayList<>(List.of("push"));
            if (pullRequests) {
                triggers.add("pull request");
                personas.computeIfAbsent("outside contributor", k -> new TreeSet<>()).add(pipeline.path());
            }
            if (!pipeline.parameters().isEmpty()) {
                triggers.add("parameters");
            }
            workflows.add(new WorkflowInput(pipeline.path(), "", triggers, (int) pipeline.steps().stream()
                    .map(JenkinsPipeline.ShellStep::stage).filter(java.util.Objects::nonNull).distinct().count()));
            personas.computeIfAbsent("maintainer or write token", k -> new TreeSet<>()).add(pipeline.path());
            for (JenkinsPipeline.Library library : pipeline.libraries()) {
                add(components, "shared library", library.reference().value().strip(), pipeline.path());
            }
            for (JenkinsPipeline.Image image : pipeline.images()) {
                add(components, "container image", image.image().value().strip(), pipeline.path());
            }
            if (!pipeline.libraries().isEmpty() || !pipeline.images().isEmpty()) {
                personas.computeIfAbsent("compromised dependency", k -> new TreeSet<>()).add(pipeline.path());
            }
        }
        // pre-commit clones and runs its hook repositories on every commit, and in the workflows that run it.
        for (PreCommitConfig config : inventory.preCommit()) {
            for (PreCommitConfig.HookRepository repository : config.repositories()) {
                if (repository.cloned()) {
                    String rev = repository.rev() == null ? "" : "@" + repository.rev().value().strip();
                    add(components, "pre-commit hook repository", repository.url().value().strip() + rev, config.path());
                    personas.computeIfAbsent("compromised dependency", k -> new TreeSet<>()).add(config.path());
                }
            }
        }
        List<Persona> personaList = new ArrayList<>();
        personas.forEach((name, reached) -> personaList.add(new Persona(name, how(name), List.copyOf(reached))));
        personaList.sort(Comparator.comparing(Persona::name));
        List<Component> componentList = new ArrayList<>();
        components.forEach((kind, byName) -> byName.forEach((name, users) ->
                componentList.add(new Component(kind, name, List.copyOf(users)))));
        List<SettingsInput> settings = new ArrayList<>();
        inventory.githubSettings().forEach(s -> settings.add(SettingsInput.of(s)));
        inventory.gitlabSettings().forEach(s -> settings.add(SettingsInput.of(s)));
        return new SystemInputs(workflows, personaList, componentList, settings);
    }

    private static void add(Map<String, Map<String, Set<String>>> components, String kind, String name,
                            String workflow) {
        components.computeIfAbsent(kind, k -> new TreeMap<>()).computeIfAbsent(name, k -> new TreeSet<>()).add(workflow);
    }

    private static String how(String persona) {
        return switch (persona) {
            case "outside contributor" -> "opens pull requests, issues or comments that start workflows and fill their event payload";
            case "maintainer or write token" -> "pushes, dispatches or releases; a leaked token with write access does the same";
            case "upstream workflow" -> "another workflow starts or calls these and passes on what its own triggerer controlled";
            case "compromised dependency" -> "a third-party action, image, included configuration, shared library or "
                    + "pre-commit hook that runs, changed by its owner or an attacker";
            default -> "";
        };
    }
}
