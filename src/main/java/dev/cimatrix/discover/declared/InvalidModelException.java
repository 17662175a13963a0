package dev.cimatrix.discover.declared;

import java.util.List;
import java.util.stream.Collectors;

/** A threat-model file that cannot be used; carries every problem found, not only the first. */
public final class InvalidModelException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ModelProblem> problems;

    public InvalidModelException(List<ModelProblem> problems) {
        super(problems.stream().map(ModelProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
