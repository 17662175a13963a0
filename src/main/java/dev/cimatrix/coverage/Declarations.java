package dev.cimatrix.coverage;

import dev.cimatrix.model.declared.DeclaredModel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /** The controls and collected log sources of a {@code cimatrix-model.yml}. */
    public static Declarations from(DeclaredModel model) {
        return of(model.controls().stream().map(c -> new DeclaredControl(c.control(), c.status(), c.evidence())).toList(),
                model.logSources().stream().map(DeclaredModel.CollectedLog::source).collect(Collectors.toSet()));
    }

    /** This declaration plus log sources known to be collected from elsewhere (logs given on the command line). */
    public Declarations withLogSources(Set<String> more) {
        Set<String> all = new TreeSet<>(logSources);
        all.addAll(more);
        return new Declarations(controls, all);
    }

    /**
     * One control the user declares.
     *
     * @param status   as the model file says: implemented, partial, planned or absent; only implemented counts as
     *                 in place, since a partial control still leaves the technique open
     * @param evidence where the claim can be checked (a policy, a ticket, a dashboard), or empty
     */
    public record DeclaredControl(String controlId, String status, String evidence) {
        public static final String IMPLEMENTED = "implemented";

        public DeclaredControl {
            evidence = evidence == null ? "" : evidence;
        }

        public boolean inPlace() {
            return IMPLEMENTED.equals(status);
        }
    }
}
