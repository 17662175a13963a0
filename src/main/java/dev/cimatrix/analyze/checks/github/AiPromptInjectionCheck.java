package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.expr.TaintSource;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.JobHoldings;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.analyze.github.WorkflowTaint.Scope;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An AI coding agent published as an action (Claude Code, Codex, Gemini CLI) that outsiders can instruct, in a
 * workflow they can start with the repository's secrets: text they write is pasted into its prompt, or the action is
 * set to run for everyone, or never asks who started the run. The agent works with tools on the runner and with the
 * job's token and secrets, so instructions hidden in an issue, a comment or a pull request become its actions.
 * The agents and their inputs are data ({@code analyze/ai-agent-actions.yaml}).
 */
public final class AiPromptInjectionCheck implements Check {
    public static final String ID = "gha-ai-prompt-injection";

    /**
     * One agent action: its name in messages, its prompt inputs, how it decides who may start it, and the settings
     * (input to words in its value) that take its sandbox or permission prompts away.
     */
    private record Agent(String name, List<String> prompts, String openInput, boolean actorChecked,
                         boolean approvesTools, Map<String, List<String>> unsafe) {
        /** The first setting of the step that takes the agent's sandbox away ({@code sandbox: danger-full-access}). */
        Optional<String> unsafeSetting(Step step) {
            for (KeyValue input : step.with()) {
                List<String> words = unsafe.get(input.key().toLowerCase(Locale.ROOT));
                if (words == null) {
                    continue;
                }
                for (String word : words) {
                    if (input.value().value().contains(word)) {
                        return Optional.of(input.key() + ": " + word);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static final Map<String, Agent> AGENTS = load();

    /** Inputs that hand the agent the model provider's credential, which the agent needs to work at all. */
    private static final Pattern MODEL_KEY_INPUT = Pattern.compile("(?i).*(?:api[_-]?key|oauth[_-]?token)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        Step step = context.step();
        ActionRef uses = step.uses();
        if (uses == null || uses.kind() != ActionRef.Kind.REPOSITORY || (uses.path() != null && !uses.path().isEmpty())) {
            return;
        }
        Agent agent = AGENTS.get(uses.repository());
        if (agent == null) {
            return;
        }
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Scope scope = Scope.of(context);
        // A run outsiders start without the repository's secrets (a fork's pull_request) has no key for the model.
        Optional<String> privileged = Triggers.privilegedForOutsiders(taint.triggers(scope));
        if (privileged.isEmpty()) {
            return;
        }
        Reach reach = reach(context, agent.unsafeSetting(step));
        String run = Triggers.withArticle(privileged.get()) + " run";
        for (String prompt : agent.prompts()) {
            for (KeyValue input : step.with()) {
                if (input.key().equalsIgnoreCase(prompt)) {
                    reportPromptText(agent, input, taint, scope, reach, run, findings);
                }
            }
        }
        reportOpenAgent(context, agent, reach, privileged.get(), findings);
    }

    /** Outsiders' text expanded into an input the agent reads as instructions. */
    private static void reportPromptText(Agent agent, KeyValue input, WorkflowTaint taint, Scope scope, Reach reach,
                                         String run, FindingSink findings) {
        for (ExpressionUse use : input.value().expressions()) {
            List<TaintSource> sources = taint.sources(use, scope);
            if (sources.isEmpty()) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            sources.forEach(s -> names.add(s.source()));
            String origin = String.join(", ", names);
            boolean indirect = !use.source().strip().toLowerCase(Locale.ROOT).startsWith("github.");
            var finding = findings.at(use.location())
                    .message("${{ " + use.source().strip() + " }} puts " + (indirect ? "data from " : "") + origin
                            + " into the instructions of " + agent.name() + " (with." + input.key() + "): whoever writes "
                            + "that text can tell the agent what to do, with its tools on the runner and " + reach.what()
                            + ", in " + run + ". Let the agent read such text as data through its tools, not as its prompt.")
                    .subject("with." + input.key() + ":" + use.source().strip())
                    .property("agent", agent.name())
                    .property("sources", origin);
            if (indirect) {
                finding.confidence(Confidence.MEDIUM);
            }
            finding.confidenceAtMost(taint.sureness(names, scope));
            finding.report();
        }
    }

    /** An agent that runs for everyone, or that never asks who started the run, in a run outsiders start. */
    private static void reportOpenAgent(StepContext context, Agent agent, Reach reach, String trigger,
                                        FindingSink findings) {
        Step step = context.step();
        FindingBuilder finding;
        if (agent.actorChecked()) {
            Optional<KeyValue> open = agent.openInput() == null ? Optional.empty()
                    : step.with().stream().filter(kv -> kv.key().equalsIgnoreCase(agent.openInput())).findFirst();
            if (open.isEmpty() || !open.get().value().value().strip().equals("*")) {
                return;
            }
            finding = findings.at(open.get().value().location())
                    .message(agent.name() + " is set to run for everyone (" + open.get().key() + ": '*') in "
                            + Triggers.workflowOf(trigger) + ": any GitHub user can write the text it works on and so "
                            + "instruct it, with its tools on the runner and " + reach.what());
        } else {
            finding = findings.at(step.uses().location())
                    .message(agent.name() + (agent.approvesTools() ? " runs whatever it is told with every tool call "
                            + "approved, and does not check" : " does not check") + " who started the run, in "
                            + Triggers.workflowOf(trigger) + ": any GitHub user who can start it can instruct it through "
                            + "the text it works on, with its tools on the runner and " + reach.what());
        }
        finding.subject("open:" + step.uses().repository()).property("agent", agent.name());
        if (!reach.privileged()) {
            finding.severity(Severity.MEDIUM);
        }
        if (!context.inAction()) {
            // A condition on the author's association, a label or an environment with reviewers keeps outsiders out.
            Gates.apply(new JobContext(context.inventory(), context.workflow(), context.job(), context.derived()), step,
                    finding);
        }
        finding.report();
    }

    /** What the agent can reach besides the model's key, for messages, and whether any of it is privileged. */
    private record Reach(String what, boolean privileged) {
    }

    private static Reach reach(StepContext context, Optional<String> unsafe) {
        Reach reach = holdings(context);
        // Without its sandbox or prompts the agent can read the runner's memory, the model's key included.
        return unsafe.map(setting -> new Reach(reach.what() + ", with its sandbox or permission prompts off ("
                + setting + ")", true)).orElse(reach);
    }

    private static Reach holdings(StepContext context) {
        // The model's own key is what the agent needs to work at all; the others are what it should not reach.
        List<String> parts = JobHoldings.ofStep(context, modelKeySecrets(context.step()));
        if (parts.isEmpty()) {
            return new Reach("a read-only token and the model's key", false);
        }
        return new Reach(String.join(", ", parts), true);
    }

    /** Secrets the step passes in inputs that hold the model provider's key, upper case. */
    private static Set<String> modelKeySecrets(Step step) {
        Set<String> keys = new TreeSet<>();
        for (KeyValue input : step.with()) {
            if (!MODEL_KEY_INPUT.matcher(input.key()).matches()) {
                continue;
            }
            input.value().expressions().forEach(use -> keys.addAll(JobPrivileges.secretsReadBy(use)));
        }
        return keys;
    }

    private static Map<String, Agent> load() {
        Map<String, Agent> out = new HashMap<>();
        for (Map<?, ?> entry : DataResource.load("ai-agent-actions.yaml").entries("agents")) {
            out.put(DataResource.text(entry, "action").toLowerCase(Locale.ROOT), new Agent(DataResource.text(entry, "name"),
                    DataResource.texts(entry, "prompts"), DataResource.text(entry, "open-input"),
                    Boolean.parseBoolean(DataResource.text(entry, "actor-checked")),
                    Boolean.parseBoolean(DataResource.text(entry, "approves-tools")), DataResource.textLists(entry, "unsafe")));
        }
        return out;
    }
}
