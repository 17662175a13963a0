package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A job that publishes packages to a registry offering trusted publishing (PyPI, npm, RubyGems, crates.io) with a
 * long-lived token stored as a secret. Trusted publishing mints a token for the one run from the workflow's OIDC
 * identity; a stored token works from anywhere until someone revokes it, and every step of the job can read it.
 * The registries, their commands, actions and token variables are data ({@code analyze/trusted-publishing.yaml}).
 */
public final class StoredPublishTokenCheck implements Check {
    public static final String ID = "gha-stored-publish-token";

    /** One registry: its publish commands, the action inputs and variables that take a stored token, its hosts. */
    private record Registry(String name, String guide, List<String> commandList, Pattern commands, TextSearch commandWords,
                            Map<String, List<String>> actions, Set<String> env, List<String> hosts, List<String> settings) {
        /** Whether a script runs a publish command of this registry, other than as a dry run. */
        boolean publishesIn(String script) {
            if (!commandWords.foundIn(script)) {
                return false;
            }
            Matcher m = commands.matcher(script);
            while (m.find()) {
                int lineStart = script.lastIndexOf('\n', m.start()) + 1;
                int lineEnd = script.indexOf('\n', m.end());
                if (!script.substring(lineStart, lineEnd < 0 ? script.length() : lineEnd).contains("--dry-run")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Registry> REGISTRIES = load();
    /** The words every publish command ends with: a job whose scripts hold none of them publishes nothing. */
    private static final TextSearch PUBLISH_WORDS = TextSearch.anyOf(REGISTRIES.stream()
            .flatMap(r -> r.commandList().stream()).map(c -> c.substring(c.lastIndexOf(' ') + 1)).distinct()
            .toArray(String[]::new));

    @Override
    public String id() {
        return ID;
    }

    /** The registry a script publishes to with one of its commands, other than as a dry run ("npm", "PyPI", …). */
    public static Optional<String> registryPublishedIn(String script) {
        if (!PUBLISH_WORDS.foundIn(script)) {
            return Optional.empty();
        }
        return REGISTRIES.stream().filter(r -> r.publishesIn(script)).map(Registry::name).findFirst();
    }

    /** A repository that publishes no package from its workflows says nothing of how its packages are published. */
    @Override
    public boolean verifiesOnlyWhatItMeets() {
        return true;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Workflow workflow = context.workflow();
        Job job = context.job();
        if (!mayPublish(job)) {
            return;
        }
        for (Registry registry : REGISTRIES) {
            List<Step> publishing = job.steps().stream()
                    .filter(s -> s.run() != null && registry.publishesIn(s.run().value())).toList();
            if (publishesElsewhere(registry, workflow, job, publishing)) {
                continue;
            }
            Set<String> reported = new HashSet<>();
            if (!publishing.isEmpty()) {
                findings.met();
            }
            for (Step step : job.steps()) {
                List<String> inputs = tokenInputs(registry, step);
                if (!inputs.isEmpty()) {
                    findings.met();
                }
                for (KeyValue input : step.with()) {
                    if (inputs.contains(input.key().toLowerCase(Locale.ROOT))) {
                        report(registry, input, step, "the " + step.uses().repository() + " input " + input.key(),
                                reported, findings);
                    }
                }
            }
            if (publishing.isEmpty()) {
                continue;
            }
            // The token may be set anywhere the publish command sees it, or in a step that writes it to a config file.
            Stream.of(workflow.env(), job.env(), job.steps().stream().flatMap(s -> s.env().stream()).toList())
                    .flatMap(List::stream)
                    .filter(kv -> registry.env().contains(kv.key().toUpperCase(Locale.ROOT)))
                    .forEach(kv -> report(registry, kv, publishing.get(0), "variable " + kv.key(), reported, findings));
        }
    }

    /** Whether a step of the job runs a publish action or a script with a publish command's last word. */
    private static boolean mayPublish(Job job) {
        for (Step step : job.steps()) {
            if (step.run() != null && PUBLISH_WORDS.foundIn(step.run().value())) {
                return true;
            }
            for (Registry registry : REGISTRIES) {
                if (!tokenInputs(registry, step).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The inputs of an action of this registry that take a stored token. */
    private static List<String> tokenInputs(Registry registry, Step step) {
        if (step.uses() == null || step.uses().kind() != ActionRef.Kind.REPOSITORY) {
            return List.of();
        }
        return registry.actions().getOrDefault(step.uses().repository(), List.of());
    }

    private static void report(Registry registry, KeyValue holder, Step publishing, String where, Set<String> reported,
                               FindingSink findings) {
        for (ExpressionUse use : holder.value().expressions()) {
            for (String secret : JobPrivileges.secretsReadBy(use)) {
                if (!reported.add(secret)) {
                    continue;
                }
                findings.at(use.location())
                        .message("secret " + secret + " is a long-lived token for publishing to " + registry.name()
                                + ", passed as " + where + "; " + registry.name() + " offers trusted publishing, which "
                                + "mints a token for each run from the workflow's identity, so there is no stored "
                                + "token to steal and replay")
                        .related(publishing.actionLocation(), "publishes to " + registry.name() + " here")
                        .subject(registry.name() + ":" + secret)
                        .property("registry", registry.name())
                        .property("guide", registry.guide())
                        .report();
            }
        }
    }

    /**
     * Whether the job points publishing at another registry than the public one: an input or variable of the job
     * that names a registry, or a publish script whose flag does, without naming the public host.
     */
    private static boolean publishesElsewhere(Registry registry, Workflow workflow, Job job, List<Step> publishing) {
        for (Step step : publishing) {
            for (String line : step.run().value().split("\n")) {
                for (String setting : registry.settings()) {
                    if (setting.startsWith("-") && line.contains(setting) && !namesPublicHost(registry, line)) {
                        return true;
                    }
                }
            }
        }
        List<KeyValue> values = new ArrayList<>(workflow.env());
        values.addAll(job.env());
        for (Step step : job.steps()) {
            values.addAll(step.env());
            values.addAll(step.with());
        }
        for (KeyValue kv : values) {
            if (registry.settings().contains(kv.key()) && !namesPublicHost(registry, kv.value().value())) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesPublicHost(Registry registry, String text) {
        return registry.hosts().stream().anyMatch(text::contains);
    }

    private static List<Registry> load() {
        List<Registry> out = new ArrayList<>();
        for (Map<?, ?> entry : DataResource.load("trusted-publishing.yaml").entries("registries")) {
            List<String> commands = DataResource.texts(entry, "commands");
            // A command starts a line or follows a separator, its words apart by any blanks: `npm  publish`, `&& gem push`.
            String alternatives = commands.stream()
                    .map(c -> String.join("\\s+", Stream.of(c.split(" ")).map(Pattern::quote).toList()))
                    .collect(Collectors.joining("|"));
            Pattern pattern = Pattern.compile("(?m)(?:^|[\\s;&|(`])(?:" + alternatives + ")(?=\\s|$)");
            Map<String, List<String>> actions = new HashMap<>();
            DataResource.textLists(entry, "actions").forEach((action, inputs) -> actions.put(action,
                    inputs.stream().map(i -> i.toLowerCase(Locale.ROOT)).toList()));
            Set<String> env = new HashSet<>();
            DataResource.texts(entry, "env").forEach(name -> env.add(name.toUpperCase(Locale.ROOT)));
            // Searched for the command's last word, which is rarer in scripts than its first (`uv`, `gem`).
            out.add(new Registry(DataResource.text(entry, "name"), DataResource.text(entry, "guide"), commands, pattern,
                    TextSearch.anyOf(commands.stream().map(c -> c.substring(c.lastIndexOf(' ') + 1)).distinct()
                            .toArray(String[]::new)),
                    actions, env, DataResource.texts(entry, "hosts"), DataResource.texts(entry, "settings")));
        }
        return List.copyOf(out);
    }
}
