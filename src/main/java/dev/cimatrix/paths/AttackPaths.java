package dev.cimatrix.paths;

import dev.cimatrix.analyze.Derived;
import dev.cimatrix.analyze.checks.azure.PullRequestCodeCheck;
import dev.cimatrix.analyze.checks.azure.UnpinnedRepositoryCheck;
import dev.cimatrix.analyze.checks.bitbucket.UnpinnedPipesCheck;
import dev.cimatrix.analyze.checks.circleci.UnpinnedOrbsCheck;
import dev.cimatrix.analyze.checks.common.ImagePushes;
import dev.cimatrix.analyze.checks.github.DependabotCooldownCheck;
import dev.cimatrix.analyze.checks.github.StoredPublishTokenCheck;
import dev.cimatrix.analyze.checks.gitlab.UnpinnedIncludeCheck;
import dev.cimatrix.analyze.checks.gitlab.VariableInjectionCheck;
import dev.cimatrix.analyze.checks.jenkins.UnpinnedLibraryCheck;
import dev.cimatrix.analyze.checks.github.SecretsInArtifactCheck;
import dev.cimatrix.analyze.checks.precommit.PreCommitUnpinnedRevCheck;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.github.EnvironmentRules;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.analyze.github.SecretSources;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.model.declared.DeclaredModel.Asset;
import dev.cimatrix.model.declared.DeclaredModel.Component;
import dev.cimatrix.model.declared.DeclaredModel.Identity;
import dev.cimatrix.model.declared.DeclaredModel.Persona;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Builds the attack graph of a system from what discovery read (workflows, cloud roles), what the checks
 * found, and what the threat-model file declares, then finds the ranked paths. Every move carries the
 * matrix cell it realises and the finding or fact that makes it possible.
 *
 * <p>The graph is not context-sensitive, so a move into a job is only added where the attacker arrives
 * with the job's privileges: a job reached through a trigger that gives outsiders no secrets and a
 * read-only token is listed as running untrusted input but is not an entry into its credentials.
 */
public final class AttackPaths {
    /** Checks whose findings mean an outsider's code or commands run inside the job. */
    static final List<String> EXECUTION_CHECKS = List.of("gha-untrusted-checkout", "gha-template-injection",
            "gha-artifact-poisoning", "gha-github-env", "gha-tainted-uses", "gha-ai-prompt-injection", "gha-debug-session");
    static final String SECRETS_CHECK = "gha-secrets-in-untrusted-job";
    static final String ARTIFACT_SECRETS_CHECK = SecretsInArtifactCheck.ID;
    static final String UNPINNED_CHECK = "gha-unpinned-uses";
    /** Unpinned pre-commit hooks: a move into the job that runs them, which the finding names. */
    static final String UNPINNED_HOOKS_CHECK = PreCommitUnpinnedRevCheck.ID;
    static final String COOLDOWN_CHECK = DependabotCooldownCheck.ID;

    /**
     * Checks of the other platforms whose high findings mean text an outsider writes (a commit message, a pull
     * request's title) or a pull request's code runs in the job.
     */
    static final List<String> PLATFORM_EXECUTION_CHECKS = List.of(VariableInjectionCheck.ID,
            dev.cimatrix.analyze.checks.azure.ScriptInjectionCheck.ID, PullRequestCodeCheck.ID,
            dev.cimatrix.analyze.checks.circleci.ScriptInjectionCheck.ID,
            dev.cimatrix.analyze.checks.jenkins.ScriptInjectionCheck.ID);
    /** Checks of the other platforms whose findings mean configuration or code taken at a moving version runs in jobs. */
    static final List<String> PLATFORM_UNPINNED_CHECKS = List.of(UnpinnedIncludeCheck.ID, UnpinnedRepositoryCheck.ID,
            UnpinnedOrbsCheck.ID, UnpinnedLibraryCheck.ID, UnpinnedPipesCheck.ID);

    /** The checks whose findings become moves; a caller that wants only paths needs to run only these. */
    public static final Set<String> EVIDENCE_CHECKS = Set.copyOf(java.util.stream.Stream.of(
            EXECUTION_CHECKS.stream(), java.util.stream.Stream.of(SECRETS_CHECK, ARTIFACT_SECRETS_CHECK, UNPINNED_CHECK,
                    UNPINNED_HOOKS_CHECK, COOLDOWN_CHECK), PLATFORM_EXECUTION_CHECKS.stream(),
            PLATFORM_UNPINNED_CHECKS.stream()).flatMap(x -> x).toList());
    /** A shell variable an image name starts with: {@code $CI_REGISTRY_IMAGE}, {@code ${REGISTRY}}. */
    private static final Pattern LEADING_VARIABLE = Pattern.compile("\\$(?:\\{[A-Za-z_][A-Za-z0-9_]*}|[A-Za-z_][A-Za-z0-9_]*)");
    /** Reads the quoted keys of YAML routes, which are JSON strings. */
    private static final JsonFactory ROUTE_KEYS = new JsonFactory();
    private static final String MAINTAINER_PUSH = "a maintainer's account can push a change to this workflow on a "
            + "branch and run the job with its privileges";
    private static final double MAINTAINER_LIKELIHOOD = 0.3;
    /** A deployment branch policy: the change must land on a branch the policy allows, most often a protected one. */
    private static final double BRANCH_POLICY_FACTOR = 0.3;
    /** Required reviewers the maintainer may be one of, approving their own run. */
    private static final double REVIEW_FACTOR = 0.6;
    /** Required reviewers with self-review prevented: someone else must approve. */
    private static final double REVIEW_BY_OTHERS_FACTOR = 0.3;
    /** An outsider's way into a job that runs only in merge request pipelines: a member must run theirs here. */
    private static final double MERGE_REQUEST_ONLY_FACTOR = 0.5;

    private final Inventory inventory;
    private final DeclaredModel model;
    private final AttackGraph.Builder graph = AttackGraph.builder();
    private final Map<String, List<Finding>> findingsByJob = new HashMap<>();
    /** The findings of the other platforms' evidence checks, by file. */
    private final Map<String, List<Finding>> platformFindings = new HashMap<>();
    /** Dependabot entries without cooldown in repositories whose workflows merge Dependabot's pull requests. */
    private final List<Finding> autoMergedUpdates = new ArrayList<>();
    private final List<JobExposure> exposures = new ArrayList<>();
    private final Set<String> unknowns = new LinkedHashSet<>();
    private final List<Node> personas = new ArrayList<>();
    private final WorkflowTaint taint;
    /** Terraform roles by lower-case ARN and by lower-case name, so matching a job's role is one lookup. */
    private final Map<String, CloudRole> rolesByArn = new HashMap<>();
    private final Map<String, CloudRole> rolesByName = new HashMap<>();
    /**
     * The privileges of every job, by workflow and job index. They depend on the model alone and are most of
     * the work of building the graph, so they are worked out in parallel first; the graph is then built in
     * order, as before.
     */
    private final List<List<JobPrivileges>> privileges;
    private final EnvironmentRules environments;
    private final SecretSources secretSources;

    private AttackPaths(Inventory inventory, List<Finding> findings, DeclaredModel model) {
        this.inventory = inventory;
        this.model = model;
        this.privileges = inventory.workflows().parallelStream()
                .map(w -> w.jobs().stream().map(j -> JobPrivileges.of(inventory, w, j)).toList())
                .toList();
        this.taint = WorkflowTaint.of(inventory, new Derived());
        this.environments = EnvironmentRules.of(inventory);
        this.secretSources = SecretSources.of(inventory);
        for (CloudRole role : inventory.cloudRoles()) {
            if (role.arn() != null) {
                rolesByArn.putIfAbsent(role.arn().toLowerCase(Locale.ROOT), role);
            }
            rolesByName.putIfAbsent(role.name().toLowerCase(Locale.ROOT), role);
        }
        for (Finding f : findings) {
            jobOf(f.location()).ifPresent(job -> findingsByJob.computeIfAbsent(f.location().path() + "#" + job,
                    k -> new ArrayList<>()).add(f));
            // Found in the pre-commit configuration, about the job that runs its hooks.
            if (f.checkId().equals(UNPINNED_HOOKS_CHECK) && f.properties().containsKey(PreCommitUnpinnedRevCheck.JOB)) {
                findingsByJob.computeIfAbsent(f.properties().get(PreCommitUnpinnedRevCheck.WORKFLOW) + "#"
                        + f.properties().get(PreCommitUnpinnedRevCheck.JOB), k -> new ArrayList<>()).add(f);
            }
            if (f.checkId().equals(COOLDOWN_CHECK) && f.properties().containsKey(DependabotCooldownCheck.AUTO_MERGE)) {
                autoMergedUpdates.add(f);
            }
            if (PLATFORM_EXECUTION_CHECKS.contains(f.checkId()) || PLATFORM_UNPINNED_CHECKS.contains(f.checkId())) {
                platformFindings.computeIfAbsent(f.location().path(), k -> new ArrayList<>()).add(f);
            }
        }
    }

    /** Builds the graph and finds the paths within the limits. */
    public static PathAnalysis analyse(Inventory inventory, List<Finding> findings, DeclaredModel model,
                                       PathLimits limits) {
        AttackPaths builder = new AttackPaths(inventory, findings, model);
        AttackGraph graph = builder.build();
        PathFinder.Result result = PathFinder.find(graph, limits);
        return new PathAnalysis(graph, result.paths(), builder.exposures, List.copyOf(builder.unknowns), limits,
                result.truncated());
    }

    private AttackGraph build() {
        personas();
        components();
        workflows();
        platformJobs();
        dependabot();
        reachability();
        listUnknowns();
        return graph.build();
    }

    /**
     * Each workflow's nodes, moves, unknowns and job exposures are worked out in parallel and then added in
     * workflow order, so the graph and every list are what one pass in order would make. What the parts share
     * is settled first, in order: each folder's repository node (made in the part of its first workflow) and
     * each workflow's triggers.
     */
    private void workflows() {
        List<Workflow> workflows = inventory.workflows();
        Map<String, Node> repositories = new HashMap<>();
        List<Part> parts = new ArrayList<>(workflows.size());
        List<Node> repos = new ArrayList<>(workflows.size());
        List<Set<String>> triggers = new ArrayList<>(workflows.size());
        for (Workflow workflow : workflows) {
            Part part = new Part();
            String folder = repositoryFolder(workflow);
            Node repo = repositories.get(folder);
            if (repo == null) {
                repo = repositoryNode(part, folder);
                repositories.put(folder, repo);
            }
            parts.add(part);
            repos.add(repo);
            triggers.add(taint.triggers(workflow));
        }
        IntStream.range(0, workflows.size()).parallel().forEach(i ->
                workflow(parts.get(i), workflows.get(i), privileges.get(i), repos.get(i), triggers.get(i)));
        for (Part part : parts) {
            part.addTo(graph);
            unknowns.addAll(part.unknowns);
            exposures.addAll(part.exposures);
        }
    }

    /**
     * What one workflow adds, recorded in order. Nodes and moves go to the graph later, where a node already
     * there keeps its first definition and an equal move is kept once, as if they were added at once; so a
     * part may repeat what another adds (a role several jobs assume).
     */
    private static final class Part {
        private final List<Object> additions = new ArrayList<>();
        private final List<String> unknowns = new ArrayList<>();
        private final List<JobExposure> exposures = new ArrayList<>();

        /** Records the node; the returned node is for its id (the graph may keep an earlier one of that id). */
        Node node(Node node) {
            additions.add(node);
            return node;
        }

        void move(Move move) {
            additions.add(move);
        }

        void addTo(AttackGraph.Builder graph) {
            for (Object addition : additions) {
                if (addition instanceof Node node) {
                    graph.node(node);
                } else {
                    graph.move((Move) addition);
                }
            }
        }
    }

    // ---- entry points -------------------------------------------------------------------------------

    private void personas() {
        if (model.personas().isEmpty()) {
            for (String kind : Personas.DEFAULTS) {
                personas.add(graph.node(new Node("persona:" + kind, NodeKind.PERSONA, Personas.label(kind), null,
                        Map.of("kind", kind))));
            }
            return;
        }
        for (Persona p : model.personas()) {
            personas.add(graph.node(new Node("persona:" + p.id(), NodeKind.PERSONA, Personas.label(p.kind()), p.location(),
                    Map.of("kind", p.kind()))));
        }
    }

    private List<Node> personasOf(String kind) {
        return personas.stream().filter(n -> kind.equals(n.attribute("kind"))).toList();
    }

    // ---- declared components, identities and assets -------------------------------------------------

    private void components() {
        for (Component c : model.components()) {
            if (c.type().equals("repository")) {
                continue;
            }
            graph.node(new Node("component:" + c.id(), NodeKind.COMPONENT, c.id(), c.location(), attributes(
                    "type", c.type(), "exposure", c.exposure(), "version", c.version())));
        }
        for (Asset a : model.assets()) {
            graph.node(new Node("asset:" + a.id(), NodeKind.ASSET, a.id(), a.location(), attributes(
                    "kind", a.kind(), "criticality", a.criticality(), "in", a.in())));
            if (a.in() != null && graph.has("component:" + a.in())) {
                graph.move(new Move("component:" + a.in(), "asset:" + a.id(), AssetKinds.cell(a.kind()),
                        "from " + a.in() + " the attacker " + AssetKinds.verb(a.kind()) + " " + a.id(), "declared",
                        a.location(), 0.9));
            }
        }
        for (Identity identity : model.identities()) {
            Node node = graph.node(new Node("identity:" + identity.id(), NodeKind.CREDENTIAL, identity.id(),
                    identity.location(), attributes("kind", identity.kind(),
                            "secrets", identity.secrets().isEmpty() ? null : String.join(", ", identity.secrets()),
                            "role", identity.role())));
            grants(node, identity);
        }
        for (Persona p : model.personas()) {
            if (p.kind().equals(Personas.LEAKED_TOKEN) && p.token() != null) {
                Identity leaked = identity(p.token()).orElseThrow();
                boolean cloud = leaked.kind().contains("role") || leaked.kind().equals("service-account");
                graph.move(new Move("persona:" + p.id(), "identity:" + leaked.id(),
                        cloud ? "INIT/CICD-T009" : "INIT/CICD-T008",
                        "the leaked " + leaked.id() + " is a valid credential in the attacker's hands", "declared",
                        p.location(), 0.5));
            }
            if (p.kind().equals(Personas.CI_ADMIN)) {
                for (Component c : model.components()) {
                    if (c.type().equals("ci-server") || c.type().equals("cd-tool")) {
                        graph.move(new Move("persona:" + p.id(), "component:" + c.id(), "INIT/CICD-T007",
                                "a CI administrator account signs in to " + c.id(), "declared", p.location(), 0.3));
                    }
                }
            }
        }
    }

    /** Moves from a declared identity to what it grants: the components and the assets in them. */
    private void grants(Node credential, Identity identity) {
        for (String componentId : identity.grants()) {
            String component = "component:" + componentId;
            graph.move(new Move(credential.id(), component, "LATM/CICD-T111",
                    identity.id() + " gives access to " + componentId, "declared", identity.location(), 0.9));
            for (Asset a : model.assets()) {
                if (componentId.equals(a.in())) {
                    graph.move(new Move(credential.id(), "asset:" + a.id(), AssetKinds.cell(a.kind()),
                            "with " + identity.id() + " the attacker " + AssetKinds.verb(a.kind()) + " " + a.id()
                                    + " in " + componentId, "declared", identity.location(), 0.9));
                }
            }
        }
    }

    private void reachability() {
        for (DeclaredModel.Reach reach : model.reachability()) {
            graph.move(new Move("component:" + reach.from(), "component:" + reach.to(), "LATM/CICD-T035",
                    reach.from() + " can reach " + reach.to(), "declared", reach.location(), 0.8));
        }
    }

    // ---- repositories, workflows and jobs -----------------------------------------------------------

    private void workflow(Part part, Workflow workflow, List<JobPrivileges> jobPrivileges, Node repo,
                          Set<String> triggers) {
        Node wf = part.node(new Node("workflow:" + workflow.path(), NodeKind.WORKFLOW, workflow.path(),
                workflow.location(), attributes("name", workflow.name(), "triggers", String.join(", ", triggers))));
        Optional<String> outsider = Triggers.reachableByOutsiders(triggers);
        Optional<String> privileged = Triggers.privilegedForOutsiders(triggers);
        if (outsider.isPresent()) {
            String trigger = privileged.orElse(outsider.get());
            Location where = workflow.trigger(trigger).map(t -> t.location()).orElse(workflow.location());
            part.move(new Move(repo.id(), wf.id(), "INIT/CICD-T004", "the workflow runs on " + trigger
                    + ", which anyone who can open a pull request, issue or comment can cause", "workflow", where, 0.9));
        }
        for (int j = 0; j < workflow.jobs().size(); j++) {
            job(part, workflow, workflow.jobs().get(j), jobPrivileges.get(j), repo, wf, outsider, privileged);
        }
    }

    // ---- jobs of the other platforms ----------------------------------------------------------------

    /**
     * The jobs of GitLab CI, Azure Pipelines, CircleCI, Bitbucket Pipelines and Jenkins that an attacker enters: by
     * text an outsider writes that runs as code (a high finding of an injection check, on the job's text), or by
     * configuration or code the job takes at a moving version (an unpinned include, orb, library, pipe or repository,
     * in the job or at the top of its file, where it reaches every job). From the job, the credentials it is given by
     * name, those its platform gives every job, and the images and packages it publishes.
     */
    private void platformJobs() {
        if (platformFindings.isEmpty()) {
            return;
        }
        Map<String, List<PlatformJobs.PlatformJob>> jobsByPath = new TreeMap<>();
        for (PlatformJobs.PlatformJob job : PlatformJobs.of(inventory)) {
            if (platformFindings.containsKey(job.path())) {
                jobsByPath.computeIfAbsent(job.path(), k -> new ArrayList<>()).add(job);
            }
        }
        Set<String> folders = platformRepositoryFolders();
        jobsByPath.forEach((path, jobs) -> {
            // By identity: a job's record holds all its scripts, which its own hash would read at every lookup.
            Map<PlatformJobs.PlatformJob, List<Finding>> own = new java.util.IdentityHashMap<>();
            List<Finding> wholeFile = new ArrayList<>();
            for (Finding f : platformFindings.get(path)) {
                // The innermost job that holds it: a Jenkinsfile's one job, a CircleCI command within the file.
                jobs.stream().filter(j -> j.contains(f.location()))
                        .min(Comparator.comparingInt(PlatformJobs.PlatformJob::lines))
                        .ifPresentOrElse(j -> own.computeIfAbsent(j, k -> new ArrayList<>()).add(f), () -> wholeFile.add(f));
            }
            for (PlatformJobs.PlatformJob job : jobs) {
                Part part = new Part();
                platformJob(part, job, own.getOrDefault(job, List.of()), wholeFile, folders);
                part.addTo(graph);
                unknowns.addAll(part.unknowns);
                exposures.addAll(part.exposures);
            }
        });
    }

    private void platformJob(Part part, PlatformJobs.PlatformJob job, List<Finding> own, List<Finding> wholeFile,
                             Set<String> folders) {
        List<Finding> execution = own.stream()
                .filter(f -> PLATFORM_EXECUTION_CHECKS.contains(f.checkId()) && f.severity().compareTo(Severity.HIGH) >= 0)
                .sorted(Comparator.comparing((Finding f) -> f.confidence()).reversed()
                        .thenComparing(f -> f.location().startLine()))
                .toList();
        Optional<Finding> unpinned = java.util.stream.Stream.concat(own.stream(), wholeFile.stream())
                .filter(f -> PLATFORM_UNPINNED_CHECKS.contains(f.checkId())).findFirst();
        if (execution.isEmpty() && unpinned.isEmpty()) {
            return;
        }
        Node repo = repositoryNode(part, platformRepositoryFolder(job.path(), folders));
        List<String> held = new ArrayList<>();
        job.given().forEach(g -> held.add(g.kind() + " " + g.name()));
        if (job.handed() != null) {
            held.add(job.handed().label());
        }
        List<Publication> publications = publications(job);
        publications.forEach(p -> held.add(p.describe()));
        job.roles().forEach(r -> held.add("assumes the AWS role " + r.role()));
        String jobId = "job:" + job.path() + "#" + job.label();
        Node node = part.node(new Node(jobId, NodeKind.JOB, job.label() + " (" + fileName(job.path()) + ")",
                job.location(), attributes("platform", job.platform(), "pipelines", job.runsIn(),
                        "untrusted", execution.isEmpty() ? null : "yes",
                        "privileged", held.isEmpty() ? null : "yes",
                        "mixes", !execution.isEmpty() && !held.isEmpty() ? "untrusted input with privileges" : null)));
        part.exposures.add(new JobExposure(jobId, job.path(), job.label(), job.location(),
                execution.stream().map(f -> f.checkId() + " at line " + f.location().startLine()).toList(), held));
        if (!execution.isEmpty()) {
            Finding best = execution.get(0);
            // A fork's merge request pipeline runs in the fork's project, with none of this one's variables, unless
            // a member of this project runs it here.
            part.move(job.mergeRequestsOnly()
                    ? new Move(repo.id(), node.id(), executionCell(best), best.message() + " The job runs only in merge "
                    + "request pipelines; a fork's runs in the fork's project unless a member runs it in this one.",
                    "finding:" + best.checkId(), best.location(), likelihood(best.confidence()) * MERGE_REQUEST_ONLY_FACTOR)
                    : new Move(repo.id(), node.id(), executionCell(best), best.message(), "finding:" + best.checkId(),
                    best.location(), likelihood(best.confidence())));
        }
        unpinned.ifPresent(f -> {
            for (Node persona : personasOf(Personas.COMPROMISED_DEPENDENCY)) {
                part.move(new Move(persona.id(), node.id(), "INIT/CICD-T006", f.message(), "finding:" + f.checkId(),
                        f.location(), 0.2));
            }
        });
        for (PlatformJobs.Given given : job.given()) {
            Node credential = platformCredential(part, given.name(), given.name(), given.kind() + " " + given.name(),
                    repo, job.platform());
            part.move(new Move(node.id(), credential.id(), "CRED/CICD-T029", given.how(), "pipeline", given.location(),
                    0.8));
        }
        if (job.handed() != null) {
            Node credential = platformCredential(part, null, job.handed().part(),
                    job.handed().label() + " (" + job.platform() + ")", repo, job.platform());
            part.move(new Move(node.id(), credential.id(), "CRED/CICD-T029", job.handed().how().formatted(repo.label()),
                    "pipeline", job.location(), 0.8));
        }
        publishing(part, publications, node, repo);
        for (JobPrivileges.AssumedRole assumed : job.roles()) {
            Node role = roleNode(part, assumed);
            part.move(new Move(node.id(), role.id(), "PRIV/CICD-T021", "the job assumes the AWS role " + assumed.role()
                    + "; code running in it before or beside the step acts with the role", "pipeline",
                    assumed.location(), 0.8));
        }
    }

    /**
     * An image a job pushes ({@code image} set) or a package it publishes to a registry: what code running in it can
     * replace.
     */
    private record Publication(String image, String registry, Location location) {
        String describe() {
            return image != null ? "pushes " + image : "publishes to " + registry;
        }
    }

    private static List<Publication> publications(PlatformJobs.PlatformJob job) {
        List<Publication> out = new ArrayList<>();
        for (Scalar script : job.scripts()) {
            ImagePushes.in(script.value()).forEach(image -> out.add(new Publication(image, registryOf(image),
                    script.location())));
            StoredPublishTokenCheck.registryPublishedIn(script.value()).ifPresent(registry ->
                    out.add(new Publication(null, registry, script.location())));
        }
        return out;
    }

    private void publishing(Part part, List<Publication> publications, Node jobNode, Node repo) {
        for (Publication p : publications) {
            Node asset = p.image() != null
                    ? part.node(new Node("asset:registry:" + p.registry(), NodeKind.ASSET, "images in " + p.registry(),
                    p.location(), Map.of("kind", "artifact", "criticality", "critical", "inferred", "yes")))
                    : part.node(new Node("asset:packages:" + repo.label(), NodeKind.ASSET, "packages of " + repo.label(),
                    null, Map.of("kind", "artifact", "criticality", "critical", "inferred", "yes")));
            part.move(new Move(jobNode.id(), asset.id(), "IMPT/CICD-T043", "the job " + p.describe()
                    + (p.image() != null ? "; code running in it can push a poisoned image"
                    : "; code running in it can publish a poisoned release"), "pipeline", p.location(), 0.8));
        }
    }

    /**
     * The registry an image name is pushed to: the host before its first slash ({@code ghcr.io}), the variable it
     * starts with ({@code $CI_REGISTRY_IMAGE}), or Docker Hub.
     */
    static String registryOf(String image) {
        Matcher variable = LEADING_VARIABLE.matcher(image);
        if (variable.lookingAt()) {
            return variable.group();
        }
        int slash = image.indexOf('/');
        String first = slash < 0 ? image : image.substring(0, slash);
        return slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")) ? first : "docker.io";
    }

    /** A credential of another platform: a declared identity that holds it by name, or a node of its own. */
    /**
     * The node of a credential a job holds: the declared identity that holds {@code name}, or else a secret of the
     * repository's platform, {@code part} telling it from the others.
     */
    private Node platformCredential(Part part, String name, String key, String label, Node repo, String platform) {
        return (name == null ? Optional.<Node>empty() : declaredHolder(name)).orElseGet(() -> {
            part.unknowns.add(label + " of " + repo.label() + ": what it gives access to is not declared");
            return part.node(new Node("secret:" + repo.label() + "/" + platform + "/" + key,
                    NodeKind.CREDENTIAL, label, null, Map.of("kind", "secret", "repository", repo.label(),
                            "platform", platform)));
        });
    }

    /**
     * The folders that hold a repository's CI files: those of its GitHub workflows, {@code .gitlab-ci.yml},
     * {@code .circleci} and {@code bitbucket-pipelines.yml} ("." for the scanned root).
     */
    private Set<String> platformRepositoryFolders() {
        Set<String> out = new java.util.HashSet<>();
        inventory.workflows().forEach(w -> out.add(repositoryFolder(w)));
        java.util.stream.Stream.of(inventory.gitlab().stream().map(GitlabPipeline::path),
                        inventory.circleci().stream().map(CircleciConfig::path),
                        inventory.bitbucket().stream().map(BitbucketPipeline::path))
                .flatMap(x -> x)
                .forEach(path -> {
                    String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
                    if (folder.endsWith(".circleci")) {
                        folder = folder.equals(".circleci") ? "." : folder.substring(0, folder.length() - ".circleci".length() - 1);
                    }
                    out.add(folder);
                });
        return out;
    }

    /** The repository folder a file of another platform belongs to: the deepest known one holding it, or its own. */
    private static String platformRepositoryFolder(String path, Set<String> folders) {
        String best = null;
        for (String folder : folders) {
            if (!folder.equals(".") && path.startsWith(folder + "/") && (best == null || folder.length() > best.length())) {
                best = folder;
            }
        }
        if (best != null) {
            return best;
        }
        return folders.contains(".") || !path.contains("/") ? "." : path.substring(0, path.lastIndexOf('/'));
    }

    /**
     * A release that Dependabot proposes the day it is published, in a repository whose workflow merges Dependabot's
     * pull requests unread: whoever publishes a malicious version writes the repository's code.
     */
    private void dependabot() {
        for (Finding f : autoMergedUpdates) {
            Part part = new Part();
            String folder = Inventory.repositoryFolder(f.location().path()).map(p -> p.isEmpty() ? "." : p).orElse(".");
            Node repo = repositoryNode(part, folder);
            Node source = part.node(new Node("asset:source:" + repo.label(), NodeKind.ASSET, "code of " + repo.label(), null,
                    Map.of("kind", "source-code", "criticality", "high", "inferred", "yes")));
            for (Node persona : personasOf(Personas.COMPROMISED_DEPENDENCY)) {
                part.move(new Move(persona.id(), source.id(), "EXEC/CICD-T012", "a malicious "
                        + f.properties().getOrDefault("ecosystem", "") + " release that Dependabot proposes the day it is "
                        + "published is merged by " + f.properties().get(DependabotCooldownCheck.AUTO_MERGE)
                        + " without a person", "finding:" + f.checkId(), f.location(), 0.2));
            }
            part.addTo(graph);
            unknowns.addAll(part.unknowns);
        }
    }

    /** The folder of a workflow's repository; a repository's node and the moves into it are made once. */
    private static String repositoryFolder(Workflow workflow) {
        String path = workflow.path();
        int at = path.indexOf(".github/workflows/");
        return at <= 0 ? "." : path.substring(0, at - 1);
    }

    private Node repositoryNode(Part part, String folder) {
        Optional<Component> declared = model.components().stream()
                .filter(c -> c.type().equals("repository") && folder.equals(c.path() == null ? "." : c.path()))
                .findFirst();
        String name = declared.map(Component::id).orElseGet(() -> folder.equals(".") ? rootName() : folder);
        String exposure = declared.map(Component::exposure).orElse("unknown");
        Node repo = part.node(new Node("repo:" + name, NodeKind.REPOSITORY, name,
                declared.map(Component::location).orElse(null), Map.of("exposure", exposure)));
        for (Node persona : personasOf(Personas.OUTSIDE_CONTRIBUTOR)) {
            if (exposure.equals("public")) {
                part.move(new Move(persona.id(), repo.id(), "RECON/CICD-T002", name
                        + " is public: its pipeline definitions, and which of them run for outsiders, can be read by anyone",
                        "declared", repo.location(), 1.0));
            } else if (exposure.equals("unknown")) {
                part.unknowns.add("repository " + name + ": exposure not declared; assumed readable by outsiders at half likelihood");
                part.move(new Move(persona.id(), repo.id(), "RECON/CICD-T002", name
                        + " may be public (its exposure is not declared): its pipeline definitions can then be read by anyone",
                        "assumed", null, 0.5));
            }
        }
        return repo;
    }

    private String rootName() {
        Path name = Path.of(inventory.root()).getFileName();
        return name == null ? "repository" : name.toString();
    }

    private void job(Part part, Workflow workflow, Job job, JobPrivileges privileges, Node repo, Node wf,
                     Optional<String> outsider, Optional<String> privileged) {
        List<Finding> findings = findingsByJob.getOrDefault(workflow.path() + "#" + job.id(), List.of());
        List<String> untrusted = new ArrayList<>();
        outsider.ifPresent(t -> untrusted.add("runs on " + t + ", which outsiders can cause"));
        List<Finding> execution = findings.stream()
                .filter(f -> EXECUTION_CHECKS.contains(f.checkId()) && !"true".equals(f.properties().get("latent")))
                .sorted(Comparator.comparing((Finding f) -> f.confidence()).reversed()
                        .thenComparing(f -> EXECUTION_CHECKS.indexOf(f.checkId())))
                .toList();
        execution.forEach(f -> untrusted.add(f.checkId() + " at line " + f.location().startLine()));
        List<String> privilegeLines = privileges.describe();
        // An outsider's run on pull_request and the like gets a read-only token whatever the repository's default,
        // so the default token meets untrusted input only under the triggers that hand outsiders a privileged one.
        List<String> exposed = outsider.isPresent() && privileged.isEmpty() ? privileges.describe(false) : privilegeLines;
        String jobId = "job:" + workflow.path() + "#" + job.id();
        Node node = part.node(new Node(jobId, NodeKind.JOB, job.id() + " (" + fileName(workflow.path()) + ")",
                job.location(), attributes("untrusted", untrusted.isEmpty() ? null : "yes",
                        "privileged", exposed.isEmpty() ? null : "yes",
                        "mixes", !untrusted.isEmpty() && !exposed.isEmpty() ? "untrusted input with privileges" : null)));
        part.exposures.add(new JobExposure(jobId, workflow.path(), job.id(), job.location(), untrusted, exposed));

        if (!execution.isEmpty() && privileged.isPresent()) {
            Finding best = execution.get(0);
            part.move(new Move(wf.id(), node.id(), executionCell(best), best.message(), "finding:" + best.checkId(),
                    best.location(), likelihood(best.confidence())));
        }
        if (privilegeLines.isEmpty()) {
            return;
        }
        findings.stream().filter(f -> f.checkId().equals(UNPINNED_CHECK) || f.checkId().equals(UNPINNED_HOOKS_CHECK))
                .findFirst().ifPresent(f -> {
            for (Node persona : personasOf(Personas.COMPROMISED_DEPENDENCY)) {
                part.move(new Move(persona.id(), node.id(), "INIT/CICD-T006", f.message(), "finding:" + f.checkId(),
                        f.location(), 0.2));
            }
        });
        Optional<EnvironmentRules.Protection> environment = environments.protection(workflow.path(), job.environment());
        for (Node persona : personasOf(Personas.MAINTAINER)) {
            part.move(environment.map(rules -> maintainerThrough(rules, persona, node, job)).orElseGet(() ->
                    new Move(persona.id(), node.id(), "EXEC/CICD-T016", MAINTAINER_PUSH, "workflow", job.location(),
                            MAINTAINER_LIKELIHOOD)));
        }
        credentials(part, workflow, job, privileges, findings, repo, node);
        runners(part, job, node);
    }

    /**
     * A maintainer's way into a job whose environment the settings list: a deployment branch policy turns away the
     * run of a branch they push (the change must first land on a branch it allows, past that branch's rules), and
     * required reviewers hold the run until one approves, which they may do themselves unless self-review is
     * prevented. Each lowers the move's likelihood; an environment with neither leaves it as it is.
     */
    private static Move maintainerThrough(EnvironmentRules.Protection rules, Node persona, Node job, Job written) {
        StringBuilder because = new StringBuilder(MAINTAINER_PUSH);
        double likelihood = MAINTAINER_LIKELIHOOD;
        String environment = "the environment '" + rules.name() + "' (" + rules.cited() + ")";
        if (rules.branchLimited()) {
            because.append("; but ").append(environment).append(" takes only runs of the branches its deployment branch "
                    + "policy allows, so the change must first land on one of them");
            likelihood *= BRANCH_POLICY_FACTOR;
        }
        if (rules.reviewed()) {
            because.append(rules.branchLimited() ? ", and the run waits until " : "; but the run waits until ")
                    .append(rules.branchLimited() ? "" : environment + ": ").append(rules.approval());
            likelihood *= rules.selfReviewPrevented() ? REVIEW_BY_OTHERS_FACTOR : REVIEW_FACTOR;
        }
        return new Move(persona.id(), job.id(), "EXEC/CICD-T016", because.toString(), "workflow", written.location(),
                likelihood);
    }

    /**
     * A job whose {@code runs-on} names a declared runner puts the attacker's code on that runner, and from
     * there on whatever the runner can reach (declared reachability).
     */
    private void runners(Part part, Job job, Node jobNode) {
        for (Scalar label : job.runsOn()) {
            model.component(label.value().strip()).filter(c -> c.type().equals("runner")).ifPresent(runner ->
                    part.move(new Move(jobNode.id(), "component:" + runner.id(), "EXEC/CICD-T011",
                            "the job runs on the runner " + runner.id() + ", so code in the job runs there",
                            "workflow", label.location(), 0.9)));
        }
    }

    private static String executionCell(Finding finding) {
        if (finding.cells().contains("EXEC/CICD-T016")) {
            return "EXEC/CICD-T016";
        }
        return finding.cells().stream().filter(c -> c.startsWith("EXEC/")).findFirst().orElse(finding.cells().get(0));
    }

    // ---- what a job holds ---------------------------------------------------------------------------

    private void credentials(Part part, Workflow workflow, Job job, JobPrivileges privileges, List<Finding> findings,
                             Node repo, Node jobNode) {
        Map<String, Finding> exposedSecrets = new TreeMap<>();
        findings.stream().filter(f -> f.checkId().equals(SECRETS_CHECK))
                .forEach(f -> exposedSecrets.putIfAbsent(f.subject().substring(f.subject().indexOf(':') + 1), f));
        privileges.secrets().forEach((name, where) -> {
            Optional<SecretSources.Source> source = secretSources.of(workflow.path(), job, name);
            if (source.filter(SecretSources.Source.NONE::equals).isPresent()) {
                // The settings list every place the secret could come from, and none holds it: the job gets nothing.
                return;
            }
            String from = source.filter(SecretSources.Source.ENVIRONMENT::equals)
                    .map(s -> " (a secret of the environment '" + job.environment().value().strip() + "', which only "
                            + "its jobs get)").orElse("");
            Node secret = secretNode(part, name, repo);
            Finding finding = exposedSecrets.get(name);
            part.move(finding != null
                    ? new Move(jobNode.id(), secret.id(), "CRED/CICD-T029", finding.message() + from,
                    "finding:" + SECRETS_CHECK, finding.location(), likelihood(finding.confidence()))
                    : new Move(jobNode.id(), secret.id(), "CRED/CICD-T029", "the job reads " + (name.equals("*")
                    ? "every secret of the repository (secrets: inherit)" : "secrets." + name) + from
                    + "; code running in the job reads it from the environment or the runner's memory", "workflow", where, 0.8));
        });
        uploadedSecrets(part, findings, repo);
        privileges.writeScopes().forEach((scope, where) -> token(part, scope, where, repo, jobNode, 0.8));
        if (privileges.tokenDefault()) {
            part.unknowns.add(workflow.path() + ": token permissions not written; the repository default may be read-write");
            token(part, "default", job.location(), repo, jobNode, 0.4);
        }
        for (JobPrivileges.AssumedRole assumed : privileges.cloudRoles()) {
            Node role = roleNode(part, assumed);
            part.move(new Move(jobNode.id(), role.id(), "PRIV/CICD-T021", "the job exchanges its OIDC token for the "
                    + assumed.provider() + " role " + assumed.role(), "workflow", assumed.location(),
                    privileges.idToken() ? 0.9 : 0.6));
        }
        for (Scalar registry : privileges.registries()) {
            String name = registry.value().strip();
            Node asset = part.node(new Node("asset:registry:" + name, NodeKind.ASSET, "images in " + name,
                    registry.location(), Map.of("kind", "artifact", "criticality", "critical", "inferred", "yes")));
            part.move(new Move(jobNode.id(), asset.id(), "IMPT/CICD-T043", "the job pushes images to " + name
                    + "; code running in it can push a poisoned one", "workflow", registry.location(), 0.8));
        }
    }

    /**
     * Secrets a job writes into an artifact or a Pages site: whoever can download the run's artifacts reads them
     * without running anything. That is everyone on a public repository, and maybe so where the exposure is not
     * declared; on a private one, only those with read access, who are not the outside contributor.
     */
    private void uploadedSecrets(Part part, List<Finding> findings, Node repo) {
        String exposure = repo.attribute("exposure");
        double reach = "public".equals(exposure) ? 1.0 : "unknown".equals(exposure) ? 0.5 : 0;
        if (reach == 0) {
            return;
        }
        for (Finding f : findings) {
            if (!f.checkId().equals(ARTIFACT_SECRETS_CHECK)) {
                continue;
            }
            for (String name : f.properties().getOrDefault("secrets", "").split(",")) {
                if (name.isEmpty()) {
                    continue;
                }
                Node secret = secretNode(part, name, repo);
                for (Node persona : personasOf(Personas.OUTSIDE_CONTRIBUTOR)) {
                    part.move(new Move(persona.id(), secret.id(), "CRED/CICD-T029", f.message(),
                            "finding:" + ARTIFACT_SECRETS_CHECK, f.location(), likelihood(f.confidence()) * reach));
                }
            }
        }
    }

    private Node secretNode(Part part, String name, Node repo) {
        return declaredHolder(name).orElseGet(() -> {
            part.unknowns.add("secret " + name + " of " + repo.label() + ": what it gives access to is not declared");
            return part.node(new Node("secret:" + repo.label() + "/" + name, NodeKind.CREDENTIAL,
                    name.equals("*") ? "every secret of " + repo.label() : "secrets." + name, null,
                    Map.of("kind", "secret", "repository", repo.label())));
        });
    }

    /** The node of the identity the model declares as holding the secret of that name, if one does. */
    private Optional<Node> declaredHolder(String secretName) {
        return model.identities().stream()
                .filter(i -> i.secrets().stream().anyMatch(secretName::equalsIgnoreCase)).findFirst()
                .map(i -> graph.get("identity:" + i.id()).orElseThrow());
    }

    /** A GITHUB_TOKEN scope with write access and the repository asset it reaches. */
    private void token(Part part, String scope, Location where, Node repo, Node jobNode, double likelihood) {
        String label = scope.equals("default") ? "GITHUB_TOKEN with the default permissions" : "GITHUB_TOKEN " + scope + ": write";
        Node token = part.node(new Node("token:" + repo.label() + "/" + scope, NodeKind.CREDENTIAL, label + " (" + repo.label() + ")",
                where, Map.of("kind", "token", "scope", scope, "repository", repo.label())));
        part.move(new Move(jobNode.id(), token.id(), "CRED/CICD-T109", "the job's GITHUB_TOKEN ("
                + (scope.equals("default") ? "default permissions" : scope + ": write")
                + ") sits in the runner's memory and in the checkout's git config", "workflow", where, likelihood));
        if (Set.of("contents", "all", "default").contains(scope)) {
            Node source = part.node(new Node("asset:source:" + repo.label(), NodeKind.ASSET, "code of " + repo.label(), null,
                    Map.of("kind", "source-code", "criticality", "high", "inferred", "yes")));
            // The default is the repository's setting, not written in any workflow: one move stands for every job
            // that holds it, rather than one per job.
            part.move(scope.equals("default")
                    ? new Move(token.id(), source.id(), "PRIV/CICD-T022", "the repository's default permissions, "
                    + "read-write in many repositories and organisations, would let the token push commits to "
                    + repo.label() + " from the pipeline", "assumed", null, 0.5)
                    : new Move(token.id(), source.id(), "PRIV/CICD-T022", "contents: write lets the token push "
                    + "commits to " + repo.label() + " from the pipeline", "workflow", where, 0.9));
        }
        if (Set.of("packages", "all").contains(scope)) {
            Node packages = part.node(new Node("asset:packages:" + repo.label(), NodeKind.ASSET, "packages of " + repo.label(),
                    null, Map.of("kind", "artifact", "criticality", "critical", "inferred", "yes")));
            part.move(new Move(token.id(), packages.id(), "IMPT/CICD-T043", "packages: write lets the token publish "
                    + "packages of " + repo.label(), "workflow", where, 0.9));
        }
    }

    /** The node of a role a job assumes: a declared identity, a role read from Terraform, or the role as written. */
    private Node roleNode(Part part, JobPrivileges.AssumedRole assumed) {
        String written = assumed.role().strip();
        Optional<Identity> declared = model.identities().stream()
                .filter(i -> i.role() != null && sameRole(i.role(), written)).findFirst();
        if (declared.isPresent()) {
            return graph.get("identity:" + declared.get().id()).orElseThrow();
        }
        Optional<CloudRole> terraform = Optional.ofNullable(rolesByArn.get(written.toLowerCase(Locale.ROOT)))
                .or(() -> Optional.ofNullable(rolesByName.get(roleName(written).toLowerCase(Locale.ROOT))));
        if (terraform.isPresent()) {
            return terraformRole(part, terraform.get());
        }
        part.unknowns.add("role " + written + ": not found in the scanned Terraform and not declared; what it reaches is unknown");
        return part.node(new Node("role:" + written, NodeKind.CREDENTIAL, assumed.provider() + " role " + written,
                assumed.location(), Map.of("kind", "cloud-role", "provider", assumed.provider())));
    }

    /** A role read from Terraform, linked to its cloud account and what the account holds. */
    private Node terraformRole(Part part, CloudRole role) {
        String id = "role:" + (role.arn() != null ? role.arn() : role.address());
        List<String> policies = role.policies().stream()
                .map(CloudRole.AttachedPolicy::label).toList();
        List<String> writing = role.policies().stream().filter(CloudRole.AttachedPolicy::writes)
                .map(CloudRole.AttachedPolicy::label).toList();
        Node node = part.node(new Node(id, NodeKind.CREDENTIAL, role.provider() + " role " + role.name(), role.location(),
                attributes("kind", "cloud-role", "provider", role.provider(), "trust", role.broadestScope().label(),
                        "policies", policies.isEmpty() ? null : String.join(", ", policies))));
        String account = role.account() != null ? role.account() : "unknown";
        Optional<Component> declaredAccount = model.components().stream()
                .filter(c -> c.type().equals("cloud-account") && account.equals(c.account())).findFirst();
        String componentId = "component:" + declaredAccount.map(Component::id).orElse("cloud-account:" + account);
        part.node(new Node(componentId, NodeKind.COMPONENT, role.provider() + " account " + account, role.location(),
                Map.of("type", "cloud-account")));
        part.move(new Move(node.id(), componentId, "LATM/CICD-T111", "the role " + role.name() + " acts in "
                + role.provider() + " account " + account + (writing.isEmpty() ? "" : " with " + String.join(", ", writing)),
                "terraform", role.location(), 0.9));
        boolean holdsAssets = model.assets().stream().anyMatch(a -> componentId.equals("component:" + a.in()));
        // A role whose policies are all known and none writes cannot start workloads: no compute to take.
        boolean readsOnly = role.permissionsKnown() && writing.isEmpty();
        if (!holdsAssets && !readsOnly) {
            Node compute = part.node(new Node("asset:compute:" + account, NodeKind.ASSET, "compute of " + role.provider()
                    + " account " + account, role.location(), Map.of("kind", "compute", "criticality", "high", "inferred", "yes")));
            part.move(new Move(componentId, compute.id(), "IMPT/CICD-T040", "a role that can run workloads in the account "
                    + "can run cryptominers on its bill", "terraform", role.location(), 0.5));
        }
        return node;
    }

    static boolean sameRole(String a, String b) {
        String x = a.strip();
        String y = b.strip();
        return x.equalsIgnoreCase(y) || roleName(x).equalsIgnoreCase(roleName(y)) && !roleName(x).isEmpty();
    }

    /** The last part of a role ARN ({@code arn:aws:iam::1:role/path/name} gives {@code name}), or the text itself. */
    static String roleName(String arnOrName) {
        return CloudRole.nameIn(arnOrName);
    }

    // ---- unknowns -----------------------------------------------------------------------------------

    private void listUnknowns() {
        // What a settings snapshot could not read says nothing, so the protections it would show are not known.
        inventory.githubSettings().forEach(s -> s.unknown().forEach((part, why) ->
                unknowns.add(s.path() + ": " + part + " not read (" + why + ")")));
        inventory.gitlabSettings().forEach(s -> s.unknown().forEach((part, why) ->
                unknowns.add(s.path() + ": " + part + " not read (" + why + ")")));
        if (model.isAbsent()) {
            unknowns.add("no cimatrix-model.yml: components, identities, assets, personas, log sources and controls "
                    + "are not declared; the default entry points are " + String.join(" and ", Personas.DEFAULTS)
                    + ", and paths end at assets inferred from token scopes, registries and cloud roles");
            return;
        }
        if (model.assets().isEmpty()) {
            unknowns.add("assets: none declared; paths end at assets inferred from token scopes, registries and cloud roles");
        }
        if (model.personas().isEmpty()) {
            unknowns.add("personas: none declared; the default entry points are " + String.join(" and ", Personas.DEFAULTS));
        }
        if (model.logSources().isEmpty()) {
            unknowns.add("log sources: none declared as collected");
        }
        if (model.controls().isEmpty()) {
            unknowns.add("controls: none declared");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private Optional<Identity> identity(String id) {
        return model.identities().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    static double likelihood(Confidence confidence) {
        return switch (confidence) {
            case HIGH -> 0.9;
            case MEDIUM -> 0.6;
            case LOW -> 0.3;
        };
    }

    /**
     * The job id of a location under {@code jobs.<id>}, from its YAML route; an id that is not identifier-like is
     * a JSON string in brackets ({@code jobs["a.b"]}).
     */
    static Optional<String> jobOf(Location location) {
        String route = location.route();
        if (route.startsWith("jobs[\"")) {
            try (JsonParser quoted = ROUTE_KEYS.createParser(ObjectReadContext.empty(), route.substring("jobs[".length()))) {
                return quoted.nextToken() == JsonToken.VALUE_STRING ? Optional.of(quoted.getString()) : Optional.empty();
            } catch (JacksonException e) {
                return Optional.empty();
            }
        }
        if (!route.startsWith("jobs.")) {
            return Optional.empty();
        }
        String rest = route.substring("jobs.".length());
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '.' || rest.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return end == 0 ? Optional.empty() : Optional.of(rest.substring(0, end));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Key-value pairs with the null values left out. */
    private static Map<String, String> attributes(String... pairs) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put(pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }
}
