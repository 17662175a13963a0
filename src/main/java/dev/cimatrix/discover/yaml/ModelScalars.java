package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Scalar;

import java.util.List;

/** The model's scalars made from YAML nodes, as the readers of every platform make them. */
public final class ModelScalars {
    private ModelScalars() {
    }

    /**
     * Any node as a model scalar: a scalar's text, whose spans find their own lines (a null scalar is empty text); any
     * other node as empty text at its location.
     */
    public static Scalar of(YamlNode node) {
        if (node instanceof YamlScalar s) {
            return new Scalar(s.isNull() ? "" : s.text(), s.location(), List.of(), s.isNull() ? null : s);
        }
        return Scalar.of("", node.location());
    }
}
