package dev.cimatrix.coverage;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Control;

import java.util.List;

/**
 * A preventive control of a cell and how its status was reached.
 *
 * @param checks   ids of the checks that ran and verify the control
 * @param findings the findings of those checks, when it fails
 * @param reason   one sentence a reader can act on
 */
public record PreventiveControl(Control control, PreventiveStatus status, List<String> checks, List<Finding> findings,
                                String reason) {
    public PreventiveControl {
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
    }
}
