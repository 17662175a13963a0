package dev.cimatrix.analyze.checks.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteScriptsTest {
    @Test
    void aPipeSplitOverContinuationLinesIsOneMatchFromTheDownloader() {
        String script = "set -e\ncurl -fsSL \\\n  https://example.com/install.sh | bash -s -- --yes\n";
        var matches = RemoteScripts.find(script);
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.form()).isEqualTo(RemoteScripts.Form.PIPE);
            assertThat(script.substring(m.start())).startsWith("curl");
            assertThat(m.url()).isEqualTo("https://example.com/install.sh");
        });
    }

    @Test
    void pipesIntoNonInterpretersAreNotMatches() {
        assertThat(RemoteScripts.find("curl -s https://x.example/api | jq .tag | sha256sum")).isEmpty();
        assertThat(RemoteScripts.find("curl -s https://x.example/a | shellcheck -")).isEmpty();
        assertThat(RemoteScripts.find("wget -qO- https://x.example/a | bashate")).isEmpty();
    }

    @Test
    void aDownloadRedirectedToAFileAndThenRunIsAMatch() {
        var matches = RemoteScripts.find("curl -fsSL https://x.example/i.sh > install.sh\nbash install.sh");
        assertThat(matches).singleElement().satisfies(m -> assertThat(m.form()).isEqualTo(RemoteScripts.Form.DOWNLOAD_THEN_RUN));
    }

    @Test
    void aCurlWhoseLastOptionLacksItsValueDownloadsNothing() {
        // -y is --speed-time: curl stops with a usage error, and sh reads nothing (a starter workflow's mistake).
        for (String broken : List.of("curl --proto '=https' --tlsv1.2 https://sh.rustup.rs -sSf -y | sh",
                "curl -fsSL https://x.example/i.sh -o | bash", "curl https://x.example/i.sh --header | sh")) {
            assertThat(RemoteScripts.find(broken)).as(broken).isEmpty();
        }
        for (String working : List.of("curl --proto '=https' --tlsv1.2 https://sh.rustup.rs -sSf | sh -s -- -y",
                "curl -sSLo- https://x.example/i.sh | bash", "curl -H 'Accept: text/x' -y 30 https://x.example/i.sh | sh",
                "curl --max-time=30 https://x.example/i.sh | sh", "curl https://x.example/i.sh -sSfL | sh")) {
            assertThat(RemoteScripts.find(working)).as(working).hasSize(1);
        }
    }

    @Test
    void commentsAreNotCommands() {
        assertThat(RemoteScripts.find("# never do `curl | sh`\n  # curl https://x.example/i.sh | bash\necho ok")).isEmpty();
        assertThat(RemoteScripts.find("echo a#b; curl https://x.example/i.sh | bash")).hasSize(1);
    }

    @Test
    void aChecksumAnywhereInTheScriptClearsDownloadThenRunButNotAPipe() {
        assertThat(RemoteScripts.find("curl -o t.sh https://x.example/t.sh\nsha256sum -c t.sha256\nbash t.sh")).isEmpty();
        assertThat(RemoteScripts.find("sha256sum -c sums\ncurl https://x.example/t.sh | sh")).hasSize(1);
    }

    @Test
    void urlsPinnedToACommitAndPlainHttpAreRecognised() {
        assertThat(RemoteScripts.commitPinned("https://raw.githubusercontent.com/o/r/0123456789abcdef0123456789abcdef01234567/i.sh")).isTrue();
        assertThat(RemoteScripts.commitPinned("https://raw.githubusercontent.com/o/r/main/i.sh")).isFalse();
        assertThat(RemoteScripts.plainHttp("http://x.example/i.sh")).isTrue();
    }

    @Test
    void everyKindOfVerificationSparesADownloadThenRun() {
        String unverified = "curl -o t.sh https://x.example/t.sh\nbash t.sh";
        assertThat(RemoteScripts.find(unverified)).hasSize(1);
        for (String verify : List.of("SHA512SUM -c sums", "shasum -a 256 t.sh", "b2sum t.sh", "md5sum t.sh",
                "gpg --batch --verify t.sh.asc", "gpgv t.sh.asc", "cosign verify-blob t.sh", "minisign -Vm t.sh",
                "slsa-verifier verify-artifact t.sh", "Get-FileHash t.sh", "openssl dgst -sha256 t.sh",
                "install --checksum x t.sh", "gh attestation verify t.sh")) {
            assertThat(RemoteScripts.find("curl -o t.sh https://x.example/t.sh\n" + verify + "\nbash t.sh"))
                    .as(verify).isEmpty();
        }
    }
}
