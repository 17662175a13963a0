package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the rules worth evaluating for an event. Most rules of a source require one field (such as GitHub's
 * {@code action} or CloudTrail's {@code eventName}) to equal one of a few values; the rules are indexed by that
 * field's values once, so an event is tested only against the rules its value can satisfy plus the rules without
 * such a requirement, in their original order.
 */
final class RuleDispatch {
    private final int slot;
    private final Map<String, RuleSet.Compiled[]> byValue;
    private final RuleSet.Compiled[] unconditional;
    private final RuleSet.Compiled[] all;

    private RuleDispatch(int slot, Map<String, RuleSet.Compiled[]> byValue, RuleSet.Compiled[] unconditional,
                         RuleSet.Compiled[] all) {
        this.slot = slot;
        this.byValue = byValue;
        this.unconditional = unconditional;
        this.all = all;
    }

    /** Every rule for every event: what indexing must never differ from (tests compare the two). */
    static RuleDispatch unindexed(RuleSet.Compiled[] rules) {
        return new RuleDispatch(-1, Map.of(), rules, rules);
    }

    static RuleDispatch of(RuleSet.Compiled[] rules) {
        List<Map<Integer, Set<String>>> requirements = new ArrayList<>();
        Map<Integer, Integer> usage = new HashMap<>();
        for (RuleSet.Compiled rule : rules) {
            Map<Integer, Set<String>> required = required(rule.test());
            requirements.add(required);
            required.keySet().forEach(s -> usage.merge(s, 1, Integer::sum));
        }
        // The slot most rules require; ties go to the lower slot so the choice does not depend on map order.
        int best = -1;
        for (Map.Entry<Integer, Integer> e : usage.entrySet()) {
            boolean more = best < 0 || e.getValue() > usage.get(best);
            if (more || (e.getValue().equals(usage.get(best)) && e.getKey() < best)) {
                best = e.getKey();
            }
        }
        List<RuleSet.Compiled> unconditional = new ArrayList<>();
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < rules.length; i++) {
            Set<String> required = requirements.get(i).get(best);
            if (required == null) {
                unconditional.add(rules[i]);
            } else {
                values.addAll(required);
            }
        }
        Map<String, RuleSet.Compiled[]> byValue = new HashMap<>();
        for (String value : values) {
            List<RuleSet.Compiled> candidates = new ArrayList<>();
            for (int i = 0; i < rules.length; i++) {
                Set<String> required = requirements.get(i).get(best);
                if (required == null || required.contains(value)) {
                    candidates.add(rules[i]);
                }
            }
            byValue.put(value, candidates.toArray(new RuleSet.Compiled[0]));
        }
        return new RuleDispatch(best, byValue, unconditional.toArray(new RuleSet.Compiled[0]), rules);
    }

    /**
     * Slot to the lower-cased values it must equal for the test to hold: from each required conjunct of an AND
     * (intersected when two constrain one slot), and from an OR when every branch constrains the same slot (united).
     */
    private static Map<Integer, Set<String>> required(EventTest test) {
        Map<Integer, Set<String>> out = new LinkedHashMap<>();
        if (test instanceof EventTest.And and) {
            for (EventTest part : and.parts()) {
                required(part).forEach((slot, values) -> out.merge(slot, values, (a, b) -> {
                    Set<String> both = new LinkedHashSet<>(a);
                    both.retainAll(b);
                    return both;
                }));
            }
        } else if (test instanceof EventTest.Or or) {
            List<Map<Integer, Set<String>>> branches = or.parts().stream().map(RuleDispatch::required).toList();
            for (Integer slot : branches.get(0).keySet()) {
                if (branches.stream().allMatch(b -> b.containsKey(slot))) {
                    Set<String> any = new LinkedHashSet<>();
                    branches.forEach(b -> any.addAll(b.get(slot)));
                    out.put(slot, any);
                }
            }
        } else if (test instanceof FieldTest field && !field.all() && !field.matchesMissing()
                && !field.matchers().isEmpty()) {
            Set<String> values = new LinkedHashSet<>();
            for (ValueMatcher m : field.matchers()) {
                if (m instanceof ValueMatcher.Equals eq && !eq.cased()) {
                    values.add(eq.expected());
                } else if (m instanceof ValueMatcher.EqualsAny any) {
                    values.addAll(any.expected());
                } else {
                    return out;
                }
            }
            out.put(field.slot(), values);
        }
        return out;
    }

    /** The rules to evaluate for this event, in rule order. */
    RuleSet.Compiled[] candidates(EventRecord event) {
        if (slot < 0) {
            return all;
        }
        Object raw = event.raw(slot);
        if (raw == null) {
            return unconditional;
        }
        if (!(raw instanceof String)) {
            return all;
        }
        RuleSet.Compiled[] hit = byValue.get(event.lower(slot));
        return hit != null ? hit : unconditional;
    }
}
