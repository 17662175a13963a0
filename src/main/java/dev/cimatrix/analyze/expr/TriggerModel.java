package dev.cimatrix.analyze.expr;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.model.expr.ContextPaths;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each trigger gives a run and what checking out which ref means under it, read from
 * {@code analyze/github-triggers.yaml}.
 */
public final class TriggerModel {
    public static final String RESOURCE = "analyze/github-triggers.yaml";

    /**
     * One trigger's privileges and default checkout.
     *
     * @param insiderTypes activity types only people with triage or write access can cause
     */
    public record Trigger(String name, boolean outsider, boolean secrets, boolean writeToken, String checkout,
                          boolean checkoutTrusted, String notes, List<String> insiderTypes) {
        public Trigger {
            insiderTypes = List.copyOf(insiderTypes);
        }

        /** An outsider can cause a run that holds secrets or a write token: the classic dangerous triggers. */
        public boolean privilegedForOutsiders() {
            return outsider && (secrets || writeToken);
        }

        /**
         * Whether a workflow listening for these activity types (empty for all) only runs when someone with triage
         * or write access acts, such as {@code pull_request_target} with {@code types: [labeled]}.
         */
        public boolean onlyInsidersStart(Collection<String> types) {
            return !types.isEmpty() && insiderTypes.containsAll(types);
        }
    }

    /** What a checkout's ref names. */
    public enum CheckoutVerdict {
        /** Code from a pull request or a fork. */
        ATTACKER_CODE,
        /** Code the repository's writers control. */
        TRUSTED,
        /** A ref computed from something the model does not know (a step output, an input). */
        UNKNOWN
    }

    /** A verdict with the reason for it. */
    public record Checkout(CheckoutVerdict verdict, String reason) {
    }

    private static final class Holder {
        static final TriggerModel DEFAULT = load(DataResource.open(RESOURCE), RESOURCE);
    }

    private final Map<String, Trigger> triggers;
    private final List<String> untrustedRefs;
    private final List<String> trustedRefs;

    private TriggerModel(Map<String, Trigger> triggers, List<String> untrustedRefs, List<String> trustedRefs) {
        this.triggers = triggers;
        this.untrustedRefs = List.copyOf(untrustedRefs);
        this.trustedRefs = List.copyOf(trustedRefs);
    }

    /** The model shipped with cimatrix, loaded on first use. */
    public static TriggerModel github() {
        return Holder.DEFAULT;
    }

    public Optional<Trigger> trigger(String name) {
        return Optional.ofNullable(triggers.get(name));
    }

    public Collection<Trigger> triggers() {
        return triggers.values();
    }

    public List<String> untrustedRefs() {
        return untrustedRefs;
    }

    public List<String> trustedRefs() {
        return trustedRefs;
    }

    /**
     * What {@code actions/checkout} checks out under {@code trigger}.
     *
     * @param refText          the {@code ref:} (or {@code repository:}) value as written, null when absent
     * @param contextPathsInRef lower-case context paths read by the expressions in that value
     */
    public Checkout checkout(String trigger, String refText, Collection<String> contextPathsInRef) {
        Optional<Trigger> known = trigger(trigger);
        if (refText == null) {
            if (known.isEmpty()) {
                return new Checkout(CheckoutVerdict.UNKNOWN, "no default checkout is known for " + trigger);
            }
            return new Checkout(known.get().checkoutTrusted() ? CheckoutVerdict.TRUSTED : CheckoutVerdict.ATTACKER_CODE,
                    "without a ref, checkout takes " + known.get().checkout());
        }
        for (String path : contextPathsInRef) {
            for (String untrusted : untrustedRefs) {
                if (ContextPaths.matches(untrusted, path)) {
                    return new Checkout(CheckoutVerdict.ATTACKER_CODE, path + " names code from a pull request or fork");
                }
            }
        }
        if (refText.contains("refs/pull/")) {
            return new Checkout(CheckoutVerdict.ATTACKER_CODE, "refs/pull/ refs hold pull requests' code");
        }
        boolean allTrusted = true;
        for (String path : contextPathsInRef) {
            allTrusted &= trustedRefs.stream().anyMatch(trusted -> ContextPaths.matches(trusted, path));
        }
        if (allTrusted) {
            return new Checkout(CheckoutVerdict.TRUSTED, contextPathsInRef.isEmpty()
                    ? "a fixed ref of this repository, which only its writers can move"
                    : "the ref names this repository's own commit or branch");
        }
        return new Checkout(CheckoutVerdict.UNKNOWN, "the ref is computed from values not known before the run");
    }

    /** Reads a model in the format of {@link #RESOURCE}; {@code label} names the source in errors. */
    public static TriggerModel load(Reader reader, String label) {
        Object root = DataResource.parse(reader, label);
        if (!(root instanceof Map<?, ?> map) || !(map.get("triggers") instanceof List<?> list)) {
            throw new IllegalArgumentException(label + ": expected a list 'triggers'");
        }
        Map<String, Trigger> triggers = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = label + ": triggers[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException(where + ": expected a mapping");
            }
            Trigger trigger = new Trigger(text(fields, "name", where), flag(fields, "outsider", where),
                    flag(fields, "secrets", where), flag(fields, "writeToken", where), text(fields, "checkout", where),
                    flag(fields, "checkoutTrusted", where), text(fields, "notes", where),
                    optionalList(fields, "insiderTypes", where));
            if (triggers.put(trigger.name(), trigger) != null) {
                throw new IllegalArgumentException(where + ": " + trigger.name() + " is listed twice");
            }
        }
        return new TriggerModel(triggers, paths(map, "untrustedRefs", label), paths(map, "trustedRefs", label));
    }

    private static List<String> paths(Map<?, ?> map, String key, String label) {
        if (!(map.get(key) instanceof List<?> list)) {
            throw new IllegalArgumentException(label + ": expected a list '" + key + "'");
        }
        List<String> paths = new ArrayList<>();
        list.forEach(item -> paths.add(String.valueOf(item)));
        return paths;
    }

    private static List<String> optionalList(Map<?, ?> fields, String key, String where) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a list of names");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String text(Map<?, ?> fields, String key, String where) {
        if (!(fields.get(key) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException(where + ": missing '" + key + "'");
        }
        return value.strip();
    }

    private static boolean flag(Map<?, ?> fields, String key, String where) {
        if (!(fields.get(key) instanceof Boolean value)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be true or false");
        }
        return value;
    }
}
