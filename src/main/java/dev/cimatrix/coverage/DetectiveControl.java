package dev.cimatrix.coverage;

import dev.cimatrix.catalog.Control;

import java.util.List;

/**
 * A detective control of a cell and how its status was reached.
 *
 * @param rules  keys of the enabled rules that implement the control
 * @param reason one sentence a reader can act on
 */
public record DetectiveControl(Control control, DetectiveStatus status, List<String> rules, String reason) {
    public DetectiveControl {
        rules = List.copyOf(rules);
    }
}
