package dev.cimatrix.coverage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the user declares and cimatrix cannot read: controls in place (by catalog id) and the log sources that are
 * actually collected. Coverage reads only this, so the declared-model file can change shape without touching it.
 *
 * @param controls   declared controls by catalog control id
 * @param logSources catalog log source ids (such as {@code github-audit}) that are collected
 */
public record Declarations(Map<String, DeclaredControl> controls, Set<String> logSources) {
    public Declarations {
        controls = Map.copyOf(new TreeMap<>(controls));
        logSources = Set.copyOf(new TreeSet<>(logSources));
    }

    /** Nothing declared: no declared-model file was given. */
    public static Declarations none() {
        return new Declarations(Map.of(), Set.of());
    }

    public static Declarations of(List<DeclaredControl> controls, Set<String> logSources) {
        Map<String, DeclaredControl> byId = new TreeMap<>();
        controls.forEach(c -> byId.put(c.controlId(), c));
        return new Declarations(byId, logSources);
    }

    /**
     * One control the user declares.
     *
     * @param inPlace  whether the control is declared as in place; false records a known absence
     * @param evidence where the claim can be checked (a policy, a ticket, a dashboard), or empty
     */
    public record DeclaredControl(String controlId, boolean inPlace, String evidence) {
        public DeclaredControl {
            evidence = evidence == null ? "" : evidence;
        }
    }
}
