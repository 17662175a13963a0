package dev.cimatrix.detect;

import java.util.List;

/**
 * The cimatrix extension for first-seen and rarity rules ({@code cimatrix: {firstSeen: {...}}}): when the rule's
 * detection matches, the value of {@code value} for the key {@code key} is looked up in the state store; the rule
 * alerts only when that value has been seen fewer than {@code rarerThan} times before for that key (1 = never).
 */
public record Baseline(List<String> key, List<String> value, int rarerThan) {
    public Baseline {
        key = List.copyOf(key);
        value = List.copyOf(value);
    }
}
