package dev.cimatrix.catalog;

/** One cell of the matrix: a technique under one of its tactics, written {@code EXEC/CICD-T016}. */
public record Cell(Tactic tactic, Technique technique) {
    public String id() {
        return id(tactic.id(), technique.id());
    }

    public static String id(String tacticId, String techniqueId) {
        return tacticId + "/" + techniqueId;
    }
}
