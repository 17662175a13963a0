package dev.cimatrix.analyze.expr;

import dev.cimatrix.analyze.expr.TriggerModel.CheckoutVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerModelTest {
    private static final TriggerModel MODEL = TriggerModel.github();

    @Test
    void privilegedTriggersForOutsiders() {
        for (String name : List.of("pull_request_target", "workflow_run", "issue_comment", "issues", "discussion",
                "discussion_comment", "check_run", "fork", "gollum")) {
            assertThat(MODEL.trigger(name).orElseThrow().privilegedForOutsiders()).as(name).isTrue();
        }
        for (String name : List.of("pull_request", "pull_request_review", "push", "workflow_dispatch", "schedule")) {
            assertThat(MODEL.trigger(name).orElseThrow().privilegedForOutsiders()).as(name).isFalse();
        }
        assertThat(MODEL.trigger("pull_request").orElseThrow().secrets()).isFalse();
    }

    @Test
    void activityTypesOnlyInsidersCause() {
        TriggerModel.Trigger target = MODEL.trigger("pull_request_target").orElseThrow();
        assertThat(target.onlyInsidersStart(List.of("labeled"))).isTrue();
        assertThat(target.onlyInsidersStart(List.of("labeled", "unlabeled", "assigned"))).isTrue();
        assertThat(target.onlyInsidersStart(List.of("labeled", "opened"))).isFalse();
        assertThat(target.onlyInsidersStart(List.of())).as("no types: every activity").isFalse();
        // The pull request's own workflow file decides for pull_request, so no type of it is an insider's.
        assertThat(MODEL.trigger("pull_request").orElseThrow().insiderTypes()).isEmpty();
        assertThat(MODEL.trigger("issues").orElseThrow().onlyInsidersStart(List.of("labeled"))).isFalse();
        assertThat(MODEL.trigger("issues").orElseThrow().onlyInsidersStart(List.of("locked", "pinned"))).isTrue();
        assertThat(MODEL.trigger("issue_comment").orElseThrow().onlyInsidersStart(List.of("created"))).isFalse();
    }

    @Test
    void insiderTypesMustBeAListOfNames() {
        String model = "triggers:\n  - {name: x, outsider: true, secrets: true, writeToken: true, checkout: c, "
                + "checkoutTrusted: true, notes: n, insiderTypes: %s}\nuntrustedRefs: []\ntrustedRefs: []\n";
        assertThat(TriggerModel.load(new java.io.StringReader(model.formatted("[labeled]")), "t").trigger("x")
                .orElseThrow().insiderTypes()).containsExactly("labeled");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TriggerModel.load(new java.io.StringReader(model.formatted("labeled")), "t"))
                .hasMessageContaining("t: triggers[0]: 'insiderTypes' must be a list of names");
    }

    @Test
    void defaultCheckout() {
        assertThat(MODEL.checkout("pull_request_target", null, List.of()).verdict()).isEqualTo(CheckoutVerdict.TRUSTED);
        assertThat(MODEL.checkout("pull_request", null, List.of()).verdict()).isEqualTo(CheckoutVerdict.ATTACKER_CODE);
        assertThat(MODEL.checkout("workflow_run", null, List.of()).reason()).contains("default branch");
        assertThat(MODEL.checkout("no_such_event", null, List.of()).verdict()).isEqualTo(CheckoutVerdict.UNKNOWN);
    }

    @Test
    void explicitRefs() {
        assertThat(MODEL.checkout("pull_request_target", "${{ github.event.pull_request.head.sha }}",
                List.of("github.event.pull_request.head.sha")).verdict()).isEqualTo(CheckoutVerdict.ATTACKER_CODE);
        assertThat(MODEL.checkout("pull_request_target", "${{ github.head_ref }}", List.of("github.head_ref"))
                .verdict()).isEqualTo(CheckoutVerdict.ATTACKER_CODE);
        assertThat(MODEL.checkout("issue_comment", "refs/pull/${{ github.event.issue.number }}/head",
                List.of("github.event.issue.number")).verdict()).isEqualTo(CheckoutVerdict.ATTACKER_CODE);
        assertThat(MODEL.checkout("pull_request_target", "refs/pull/${{ github.event.number }}/merge",
                List.of("github.event.number")).verdict()).isEqualTo(CheckoutVerdict.ATTACKER_CODE);
        assertThat(MODEL.checkout("workflow_run", "${{ github.event.workflow_run.head_sha }}",
                List.of("github.event.workflow_run.head_sha")).verdict()).isEqualTo(CheckoutVerdict.ATTACKER_CODE);
        assertThat(MODEL.checkout("pull_request_target", "${{ github.event.pull_request.base.sha }}",
                List.of("github.event.pull_request.base.sha")).verdict()).isEqualTo(CheckoutVerdict.TRUSTED);
        assertThat(MODEL.checkout("push", "main", List.of()).verdict()).isEqualTo(CheckoutVerdict.TRUSTED);
        assertThat(MODEL.checkout("issue_comment", "${{ steps.pr.outputs.sha }}", List.of("steps.pr.outputs.sha"))
                .verdict()).isEqualTo(CheckoutVerdict.UNKNOWN);
    }
}
