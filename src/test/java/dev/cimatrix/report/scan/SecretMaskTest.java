package dev.cimatrix.report.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SecretMaskTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "token: ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 | token: ghp_************************************",
            "AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE | AWS_ACCESS_KEY_ID: AKIA****************",
            "'  password: hunter22' | '  password: hu******'",
            "DB_PASSWORD=\"s3cr3t-value\" | DB_PASSWORD=\"s3c*********\"",
            "key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | key: wJal************************************",
            "curl -H x+ghp_A1b2C3d4E5f6G7h8I9j0K1l2 https://e.com/eyJhbGciOiJIUzI1NiJ9abc"
                    + " | curl -H x+gh************************** https://e.com/***********************",
            "a/b+Qz8Xw7Vc6Bn5Ml4Kj3Hg2Fd1Sa0== | a/b+*****************************",
            "API-KEY = \"Zx9Qw8Er7Ty6Ui5Op4\" | API-KEY = \"Zx9Q**************\"",
            "pip install git+https://ci:hunter22@git.example.com/o/r.git | pip install git+https://ci:********@git.example.com/o/r.git",
    })
    void masksCredentialsKeepingAPrefixAndTheLength(String line, String masked) {
        assertThat(SecretMask.mask(line)).isEqualTo(masked).hasSameSizeAs(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "- uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11",
            "image: node@sha256:4b9a7b7a3f3ea5b8c3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0",
            "password: ${{ secrets.REGISTRY_PASSWORD }}",
            "token: $NPM_TOKEN",
            "id-token: write",
            "secrets: inherit",
            "persist-credentials: false",
            "git clone https://x-access-token:${GITHUB_TOKEN}@github.com/o/r.git",
            "pip install git+https://git@github.com/o/r.git",
            "run: ./gradlew :app:assembleRelease --no-daemon",
            "uses: aws-actions/configure-aws-credentials@v4",
            "job's token is read-write: see the docs",
            "Private_Key  \"=abc123XYZ",
            "remote: https://gitlab.com/msclock/gitlab-ci-templates/-/raw/v2.6.11/jobs/Pages-Mkdocs.gitlab-ci.yml",
    })
    void leavesPinsReferencesAndSettingsAlone(String line) {
        assertThat(SecretMask.mask(line)).isEqualTo(line);
    }

    /** Lines come from scanned files and logs; a megabyte of key characters must not take quadratic time. */
    @Test
    void longLinesOfKeyCharactersTakeLinearTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String filler : new String[] {"-", "a", "_.", "token", "token=", "eyJ-", "ghp_"}) {
                String line = filler.repeat(1_000_000 / filler.length()) + " password=hunter22";
                assertThat(SecretMask.mask(line)).endsWith(" password=hu******").hasSameSizeAs(line);
            }
        });
    }
}
