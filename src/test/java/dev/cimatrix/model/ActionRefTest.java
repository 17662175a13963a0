package dev.cimatrix.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActionRefTest {
    private static final Location LOCATION = Location.line("w.yml", 1, "");

    private static ActionRef parse(String text) {
        return ActionRef.parse(text, LOCATION);
    }

    @Test
    void readsOwnerRepositoryPathAndHowFirmlyTheRefPins() {
        ActionRef ref = parse("Actions/Checkout/sub/dir@v4.1.0");
        assertThat(ref.kind()).isEqualTo(ActionRef.Kind.REPOSITORY);
        assertThat(ref.repository()).isEqualTo("actions/checkout");
        assertThat(ref.nameWithPath()).isEqualTo("actions/checkout/sub/dir");
        assertThat(ref.refKind()).isEqualTo(ActionRef.RefKind.TAG);
        assertThat(parse("actions/checkout@" + "a".repeat(40)).refKind()).isEqualTo(ActionRef.RefKind.FULL_SHA);
        assertThat(parse("actions/checkout@main").refKind()).isEqualTo(ActionRef.RefKind.BRANCH);
    }

    @Test
    void aVersionIsTheTagOrTheReleaseNotedAfterACommit() {
        String sha = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683";
        assertThat(parse("actions/checkout@v4.2.2").version()).contains("v4.2.2");
        assertThat(ActionRef.parse(sha, LOCATION, "v4.2.2").version()).contains("v4.2.2");
        assertThat(ActionRef.parse(sha, LOCATION, "v4 (pinned by the bot)").version()).contains("v4");
        assertThat(ActionRef.parse(sha, LOCATION, "tag=v1.2.3").version()).contains("v1.2.3");
        assertThat(ActionRef.parse(sha, LOCATION, "pin to main").version()).isEmpty();
        assertThat(parse(sha).version()).isEmpty();
        // A comment after a branch says nothing of what the branch holds now.
        assertThat(ActionRef.parse("actions/checkout@main", LOCATION, "v4").version()).isEmpty();
    }

    @Test
    void namesARepositoryWithoutCaseAsItsLowerCaseNameDoes() {
        for (String text : new String[] {"actions/checkout@v4", "ACTIONS/checkout/x@v4", "actions/check@v4",
                "action/checkout@v4", "actions/checkouts@v4", "a/b@v1"}) {
            ActionRef ref = parse(text);
            for (String name : new String[] {"actions/checkout", "Actions/Checkout", "actions-checkout", "a/b",
                    "actions/checkou", "actions//checkout", "actionscheckout/"}) {
                assertThat(ref.isRepository(name)).as("%s names %s", text, name)
                        .isEqualTo(ref.repository().equalsIgnoreCase(name));
            }
        }
    }
    @Test
    void readsTheNameAsTheRunnerDoesWhateverSlashesAndDotsItIsWrittenWith() {
        String sha = "@0e58ed8671d6b60d0890c21b07f8835ace038e67";
        for (String text : new String[] {"tj-actions//changed-files", "tj-actions/changed-files/", "/tj-actions/changed-files",
                "tj-actions\\changed-files", "tj-actions/changed-files/.", "tj-actions/changed-files/./",
                "tj-actions/changed-files/x/.."}) {
            ActionRef ref = parse(text + sha);
            assertThat(ref.kind()).as(text).isEqualTo(ActionRef.Kind.REPOSITORY);
            assertThat(ref.repository()).as(text).isEqualTo("tj-actions/changed-files");
            assertThat(ref.path()).as(text).isEmpty();
            assertThat(ref.resolved()).as(text).isEqualTo("tj-actions/changed-files" + sha);
            assertThat(ref.obfuscations()).as(text).isNotEmpty();
        }
        ActionRef save = parse("actions/cache/save/../save@v4");
        assertThat(save.nameWithPath()).isEqualTo("actions/cache/save");
        assertThat(save.obfuscations()).containsExactly("a '..' part, which undoes the part before it");
        ActionRef init = parse("github/codeql-action/./init@v3");
        assertThat(init.path()).isEqualTo("init");
        assertThat(init.obfuscations()).containsExactly("a '.' part, which names the folder it is in");
        // A '..' that climbs out of the repository points elsewhere, so the path stays as written.
        ActionRef out = parse("actions/cache/../../save@v4");
        assertThat(out.path()).isEqualTo("../../save");
        assertThat(out.obfuscations()).singleElement().asString().contains("climbs out of the repository");
        assertThat(out.climbsOutOfRepository()).isTrue();
        // Past the first part of the folder too, and not where the '..' stays inside.
        assertThat(parse("actions/cache/save/../../x@v4").climbsOutOfRepository()).isTrue();
        assertThat(save.climbsOutOfRepository()).isFalse();
        assertThat(parse("tj-actions\\changed-files@v45").obfuscations()).containsExactly(
                "a backslash, which the runner reads as a slash");
        // Written plainly, or not a repository reference: nothing to say.
        for (String text : new String[] {"actions/checkout@v4", "github/codeql-action/init@v3", "./.github/actions/x",
                "$/.github/actions/x", "docker://alpine:3//x", "owner/repo@${{ inputs.ref }}"}) {
            assertThat(parse(text).obfuscations()).as(text).isEmpty();
        }
        ActionRef windows = parse(".\\.github\\actions\\build");
        assertThat(windows.kind()).isEqualTo(ActionRef.Kind.LOCAL);
        assertThat(windows.path()).isEqualTo("./.github/actions/build");
    }
}
